use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "facility_publication")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i32,
    /// Codes of `domain::facilities::ATTRIBUTES`, comma-separated.
    pub attributes: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub confirmed_on: Option<Date>,
    pub note: String,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
