//! The directory (名簿): organisations, people and professions, and the choices forms offer
//! from them.

pub mod import;
pub mod organisations;
pub mod people;
pub mod posts;
pub mod professions;

use crate::dto::directory::{DirectoryChoices, Ref};
use crate::error::AppError;
use crate::server::entities::organisation;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// Active professions and organisations, for the choices in forms.
pub async fn choices(db: &impl ConnectionTrait) -> Result<DirectoryChoices, AppError> {
    let professions = professions::all(db)
        .await?
        .into_iter()
        .filter(|p| p.active)
        .map(|p| Ref { id: p.id, name: p.name })
        .collect();
    let organisations = organisation::Entity::find()
        .filter(organisation::Column::Active.eq(true))
        .order_by_asc(organisation::Column::Kana)
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| Ref { id: o.id, name: o.name })
        .collect();
    Ok(DirectoryChoices { professions, organisations })
}
