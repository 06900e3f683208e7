use sea_orm::entity::prelude::*;

/// A sign-in whose password was right and whose second step (code, or setting up the
/// authenticator) is still to come. Never a session: it grants nothing but that step.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_challenge")]
pub struct Model {
    /// SHA-256 (hex) of the challenge cookie's token.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub user_id: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
