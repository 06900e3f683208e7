use sea_orm::entity::prelude::*;

/// An indicator of a scene's plan: a target and an actual, entered or counted.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "scene_indicator")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub fiscal_year: i32,
    pub scene: String,
    pub label: String,
    pub unit: String,
    pub target: Option<i32>,
    pub actual: Option<i32>,
    pub counter: String,
    pub level: Option<i16>,
    pub profession_id: Option<i32>,
    pub position: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
