//! Referral slips (つながるパス): slip 1 from a clinic or pharmacy to a community centre and
//! the centre's reply. Every read goes through `access` (the one gate); the person's fields
//! are sealed at rest (`server::seal`) and every view is in the audit trail.

pub mod access;
pub mod disclosure;
pub mod evidence;
pub mod evaluation;
pub mod partners;
pub mod pathways;
pub mod replies;
pub mod retention;
pub mod slips;

pub use access::ReferralAccess;

use crate::error::AppError;
use crate::server::entities::{partner_organisation, referral};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// Whether slips, their replies or partner accounts refer to the organisation (it is then
/// archived, not deleted).
pub async fn refers_to_organisation(db: &impl ConnectionTrait, id: i32) -> Result<bool, AppError> {
    let slips = ReferralAccess::team()
        .slips()
        .filter(Condition::any().add(referral::Column::SenderOrganisationId.eq(id)).add(referral::Column::ReceiverOrganisationId.eq(id)))
        .count(db)
        .await?;
    if slips > 0 || partner_organisation::Entity::find().filter(partner_organisation::Column::OrganisationId.eq(id)).count(db).await? > 0 {
        return Ok(true);
    }
    let named = |list: &str| crate::domain::referral_replies::split_ids(list).contains(&id);
    Ok(ReferralAccess::team().all_replies(db).await?.iter().any(|r| named(&r.agencies_now) || named(&r.agencies_planned)))
}

/// Whether a slip names the person (of the directory) as its sender.
pub async fn refers_to_person(db: &impl ConnectionTrait, id: i32) -> Result<bool, AppError> {
    Ok(ReferralAccess::team().slips().filter(referral::Column::SenderPersonId.eq(id)).count(db).await? > 0)
}
