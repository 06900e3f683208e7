use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "record_import")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// "organisations", "people" or "meetings".
    pub kind: String,
    pub user_id: i32,
    pub file_name: String,
    pub content: Vec<u8>,
    pub created_at: DateTimeUtc,
    pub committed_at: Option<DateTimeUtc>,
    pub created: i32,
    pub merged: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
