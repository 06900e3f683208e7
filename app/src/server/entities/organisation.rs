use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub kana: String,
    pub kind: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub notes: String,
    /// Normalised name and kana for partial-match search.
    pub search_text: String,
    /// On the mailing list of the newsletter (地域連携だより).
    pub receives_newsletter: bool,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
