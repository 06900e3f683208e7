use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_kind")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// What meetings store (`meeting.kind`); never changes once given.
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub sort_order: i32,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
