//! The issues, consultations and referral slips an initiative groups, as the caller may see
//! them: issues through the caller's `IssueAccess` (their registers only), consultations to
//! those who may read them, slips to the team through `ReferralAccess`. What the caller may
//! not read is left out without a trace, not even a count.

use crate::domain::dates;
use crate::domain::text::first_line;
use crate::domain::Permission;
use crate::dto::auth::SessionUser;
use crate::dto::directory::Ref;
use crate::error::AppError;
use crate::server::entities::{consultation, initiative_consultation as ic, initiative_issue as ii, initiative_referral as ir};
use crate::server::services::issues::access::IssueAccess;
use crate::server::services::issues::register::labelled;
use crate::server::services::referrals::{evidence, ReferralAccess};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grouped {
    pub issues: Vec<Ref>,
    pub consultations: Vec<Ref>,
    pub referrals: Vec<Ref>,
}

pub async fn of_initiative(db: &impl ConnectionTrait, id: i32, user: &SessionUser) -> Result<Grouped, AppError> {
    let mut out = Grouped::default();
    if let Some(access) = IssueAccess::optional(db, user).await? {
        let ids: Vec<i32> = ii::Entity::find().filter(ii::Column::InitiativeId.eq(id)).all(db).await?.into_iter().map(|l| l.issue_id).collect();
        if !ids.is_empty() {
            out.issues = labelled(db, &access, Some(&ids)).await?;
        }
    }
    if user.can(Permission::ReadConsultations) {
        let ids: Vec<i32> = ic::Entity::find().filter(ic::Column::InitiativeId.eq(id)).all(db).await?.into_iter().map(|l| l.consultation_id).collect();
        if !ids.is_empty() {
            let rows = consultation::Entity::find()
                .filter(consultation::Column::Id.is_in(ids))
                .filter(consultation::Column::Active.eq(true))
                .order_by_asc(consultation::Column::ReceivedOn)
                .order_by_asc(consultation::Column::Id)
                .all(db)
                .await?;
            out.consultations = rows.into_iter().map(|c| Ref { id: c.id, name: format!("{} {}", dates::day(c.received_on), first_line(&c.content, 40)) }).collect();
        }
    }
    if let Ok(access) = ReferralAccess::of(user) {
        let ids: Vec<i32> = ir::Entity::find().filter(ir::Column::InitiativeId.eq(id)).all(db).await?.into_iter().map(|l| l.referral_id).collect();
        out.referrals = evidence::slip_refs(db, &access, &ids).await?;
    }
    Ok(out)
}
