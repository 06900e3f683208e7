use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "training_support")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub training_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    pub assignee: String,
    pub note: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
