use sea_orm::entity::prelude::*;

/// One searchable record in the search box's index (see the migration `search_index`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "search_doc")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `meeting`, `organisation`, `person`, `training`, `consultation` or `issue`.
    pub kind: String,
    pub record_id: i32,
    pub title: String,
    /// The record's text as written, for the excerpt around a match.
    pub content: String,
    /// What is matched: title, content and search keys, normalised (`domain::search::normalize`).
    pub body: String,
    pub happened_on: Option<Date>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
