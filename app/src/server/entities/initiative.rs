use sea_orm::entity::prelude::*;

/// An initiative (取組): joint work across years.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "initiative")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    pub status: String,
    /// Scene codes joined by ",".
    pub scenes: String,
    pub partners: String,
    pub next_step: String,
    pub next_step_on: Option<Date>,
    pub notes: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
