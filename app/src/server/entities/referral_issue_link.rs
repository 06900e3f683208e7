use sea_orm::entity::prelude::*;

/// A referral slip linked to an issue of the register as evidence (資源不足).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "referral_issue_link")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub referral_id: i32,
    pub issue_id: i32,
    pub created_by_user_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
