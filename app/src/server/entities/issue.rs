use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "issue")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub profession_id: i32,
    pub code: String,
    pub code_order: i32,
    pub title: String,
    pub description: String,
    pub layer: String,
    pub status: String,
    pub source: String,
    pub source_meeting_id: Option<i32>,
    pub source_note: String,
    pub extracted_on: Option<Date>,
    pub fiscal_year: i32,
    pub search_text: String,
    /// Scene codes joined by ",".
    pub scenes: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
