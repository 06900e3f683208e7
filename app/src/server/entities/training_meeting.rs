use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "training_meeting")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub training_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub meeting_id: i32,
    /// "preparation" or "reflection".
    pub role: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
