use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub received_on: Date,
    pub fiscal_year: i32,
    pub requester: String,
    pub organisation_id: Option<i32>,
    pub organisation_text: String,
    pub profession_id: Option<i32>,
    pub region: String,
    pub method: String,
    pub category_id: i32,
    pub wanted: bool,
    pub content: String,
    pub response: String,
    pub status: String,
    pub solved_fiscal_year: Option<i32>,
    pub meeting_id: Option<i32>,
    pub issue_id: Option<i32>,
    pub import_key: Option<String>,
    pub search_text: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
