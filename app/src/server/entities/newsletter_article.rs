use sea_orm::entity::prelude::*;

/// An article of a newsletter issue.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "newsletter_article")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub newsletter_id: i32,
    pub position: i32,
    pub kind: String,
    pub heading: String,
    pub body: String,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
