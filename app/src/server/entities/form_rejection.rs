use sea_orm::entity::prelude::*;

/// A rejected form post, shown again on the form's page through `?__form=<id>`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "form_rejection")]
pub struct Model {
    /// SHA-256 (hex) of the random id in the URL.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// SHA-256 (hex) of the cookie token of the session it belongs to ("" without one).
    pub owner: String,
    /// The server function's path (`__path`).
    pub path: String,
    /// The error as server_fn encodes it (`__err`).
    pub payload: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
