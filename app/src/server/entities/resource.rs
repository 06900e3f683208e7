use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "resource")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub kana: String,
    pub category_id: i32,
    pub district_id: Option<i32>,
    pub organiser_organisation_id: Option<i32>,
    pub organiser_text: String,
    pub description: String,
    pub audience: String,
    pub schedule: String,
    pub schedule_rule: String,
    pub place: String,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub cost: String,
    pub how_to_join: String,
    pub public_contact: String,
    pub staff_contact: String,
    pub known_by: String,
    pub source: String,
    pub collected_on: Option<Date>,
    pub screening: String,
    pub screening_reason: String,
    pub consent: String,
    pub consent_on: Option<Date>,
    pub consent_by: String,
    pub confirmed_on: Option<Date>,
    pub confirmed_by: String,
    pub activity: String,
    /// When the activity was recorded as ended (None while it runs or pauses).
    pub ended_on: Option<Date>,
    pub notice: String,
    pub created_by_user_id: Option<i32>,
    pub search_text: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
