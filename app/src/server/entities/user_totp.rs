use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_totp")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    /// Base32 (RFC 4648, no padding), as authenticator apps show it.
    pub secret: String,
    pub created_at: DateTimeUtc,
    /// None until the user confirmed a first code: two-step sign-in is on only when set.
    pub enabled_at: Option<DateTimeUtc>,
    /// The last 30-second step whose code was accepted (no code is taken twice).
    pub last_used_step: i64,
    /// New recovery codes in plain text, space-separated, until the user acknowledged them.
    pub fresh_codes: Option<String>,
    pub fresh_codes_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
