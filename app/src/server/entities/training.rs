use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "training")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    pub theme: String,
    pub organiser_organisation_id: Option<i32>,
    pub hosting: String,
    pub level: i16,
    pub held_on: Date,
    pub start_time: String,
    pub end_time: String,
    pub fiscal_year: i32,
    pub venue: String,
    pub format: String,
    pub capacity: Option<i32>,
    pub status: String,
    pub work_items: String,
    /// Why the level rule does not fit (empty when it does).
    pub level_reason: String,
    pub participants_other: i32,
    pub respondents: Option<i32>,
    pub satisfaction1: i32,
    pub satisfaction2: i32,
    pub satisfaction3: i32,
    pub satisfaction4: i32,
    pub satisfaction5: i32,
    pub comments: String,
    pub lessons: String,
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
