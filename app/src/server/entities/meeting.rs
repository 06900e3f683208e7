use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub held_on: Date,
    pub start_time: String,
    pub end_time: String,
    pub fiscal_year: i32,
    pub level: i16,
    pub kind: String,
    pub title: String,
    pub place: String,
    pub online: bool,
    pub guests: String,
    pub purpose: String,
    pub minutes: String,
    pub decisions: String,
    pub work_items: String,
    pub level_reason: String,
    pub search_text: String,
    /// Scene codes joined by ",".
    pub scenes: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
