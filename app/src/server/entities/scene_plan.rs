use sea_orm::entity::prelude::*;

/// One scene's plan for one fiscal year (PDCA).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "scene_plan")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub fiscal_year: i32,
    pub scene: String,
    pub vision: String,
    pub targets: String,
    pub actions: String,
    pub evaluation: String,
    pub next_plan: String,
    /// Carried forward and not yet saved by the team.
    pub draft: bool,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
