//! Which records refer to a directory entry: the one list to extend when a new section links
//! to organisations or people. A referred-to entry is archived, never deleted.

use crate::error::AppError;
use crate::server::entities::{person, resource};
use crate::server::services::shared::checklist;
use crate::server::services::{meetings, referrals, trainings};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// People of the organisation, meetings, follow-ups, trainings, resources it organises,
/// referral slips it sent or received, and partner accounts bound to it.
pub async fn organisation_is_referenced(db: &impl ConnectionTrait, id: i32) -> Result<bool, AppError> {
    Ok(person::Entity::find().filter(person::Column::OrganisationId.eq(id)).count(db).await? > 0
        || meetings::refers_to_organisation(db, id).await?
        || checklist::refers_to_organisation::<meetings::follow_ups::FollowUps>(db, id).await?
        || trainings::refers_to_organisation(db, id).await?
        || resource::Entity::find().filter(resource::Column::OrganiserOrganisationId.eq(id)).count(db).await? > 0
        || referrals::refers_to_organisation(db, id).await?)
}

/// Meetings the person attended, and slips they sent.
pub async fn person_is_referenced(db: &impl ConnectionTrait, id: i32) -> Result<bool, AppError> {
    Ok(meetings::refers_to_person(db, id).await? || referrals::refers_to_person(db, id).await?)
}
