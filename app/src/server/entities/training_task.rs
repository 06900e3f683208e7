use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "training_task")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub training_id: i32,
    pub title: String,
    pub owner_user_id: Option<i32>,
    pub owner_organisation_id: Option<i32>,
    pub due_on: Option<Date>,
    pub done: bool,
    pub done_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
