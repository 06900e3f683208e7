use sea_orm::entity::prelude::*;

/// Slip 1. Read only through `services::referrals::access` (the one gate).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "referral")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub pathway_id: i32,
    pub sent_on: Date,
    pub channel: String,
    pub sender_organisation_id: i32,
    pub sender_person_id: Option<i32>,
    pub receiver_organisation_id: i32,
    /// `domain::referrals::PersonFields` as JSON, sealed (`server::seal`); None for an
    /// anonymous record or once erased.
    pub person_sealed: Option<String>,
    pub sex: String,
    pub age_band: String,
    pub district_id: Option<i32>,
    pub household: String,
    /// Topic codes, comma-separated.
    pub topics: String,
    pub main_topic: String,
    pub share_consent: String,
    pub report_back: bool,
    pub state: String,
    pub due_on: Date,
    pub received_on: Option<Date>,
    pub replied_on: Option<Date>,
    pub closed_on: Option<Date>,
    pub erased_at: Option<DateTimeUtc>,
    pub created_by_user_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
