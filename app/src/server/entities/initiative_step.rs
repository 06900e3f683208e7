use sea_orm::entity::prelude::*;

/// A step of an initiative's trail that is no meeting or training (e.g. 「連携スタート」).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "initiative_step")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub initiative_id: i32,
    pub happened_on: Date,
    pub description: String,
    /// 1, 2 or 3 (一次・二次・三次), when the step has a level.
    pub level: Option<i16>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
