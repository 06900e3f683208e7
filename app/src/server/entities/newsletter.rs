use sea_orm::entity::prelude::*;

/// An issue (号) of the newsletter 地域連携だより.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "newsletter")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub number: i32,
    pub issued_on: Date,
    pub title: String,
    /// The days its draft was drawn from; the next issue starts the day after `covers_to`.
    pub covers_from: Date,
    pub covers_to: Date,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
