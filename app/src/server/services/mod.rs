//! Services: plain async functions over a connection, so they run in transactions and tests.

pub mod annual_report;
pub mod audit;
pub mod audit_query;
pub mod consultation_categories;
pub mod consultation_import;
pub mod consultation_trends;
pub mod consultations;
pub mod dashboard;
pub mod demo;
pub mod demo_consultations;
pub mod demo_issues;
pub mod demo_trainings;
pub mod export;
pub mod follow_ups;
pub mod form_rejections;
pub mod ical;
pub mod issue_actions;
pub mod issue_board;
pub mod issue_grants;
pub mod issue_matrix;
pub mod issues;
pub mod meetings;
pub mod organisations;
pub mod people;
pub mod professions;
pub mod records;
pub mod settings;
pub mod system;
pub mod timeline;
pub mod training_links;
pub mod training_tasks;
pub mod trainings;
pub mod two_factor;
pub mod users;

use crate::api::directory::{DirectoryChoices, Ref};
use crate::error::AppError;
use crate::server::entities::organisation;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// Active professions and organisations, for the choices in forms.
pub async fn directory_choices(db: &impl ConnectionTrait) -> Result<DirectoryChoices, AppError> {
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
