use sea_orm::entity::prelude::*;

/// Slip 2: a reply to a referral. Read only through `services::referrals::access`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "referral_reply")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub referral_id: i32,
    pub replied_on: Date,
    pub by_name: String,
    pub state: String,
    /// Organisation ids, comma-separated: involved now (■) and planned (●).
    pub agencies_now: String,
    pub agencies_planned: String,
    pub connections_before: Option<i32>,
    pub connections_now: Option<i32>,
    pub care_application: String,
    pub visit: String,
    /// The main support and next steps (free text that may name people), sealed.
    pub support_sealed: Option<String>,
    /// Resource ids of the resource list, comma-separated.
    pub resources: String,
    pub created_by_user_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
