//! Slips as evidence of issues of the register (資源不足): the team links a slip declined or
//! unmet for lack of a resource to an issue. A link shows only to those who may read both
//! the slip (the team) and the issue (their register scope), and never names the person.

use super::access::ReferralAccess;
use super::pathways;
use super::slips::state_of;
use crate::domain::dates;
use crate::dto::directory::Ref;
use crate::dto::referrals::ReferralEvidence;
use crate::error::AppError;
use crate::server::entities::{referral, referral_issue_link as link};
use crate::server::services::audit::{self, Action, Actor, Change};
use crate::server::services::issues::access::IssueAccess;
use crate::server::services::issues::register::labelled;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;

const FIELD: &str = "issue_link";
/// Links are written to the trail apart from the slip's own changes, so that an edit
/// conflict on the slip never names who linked it.
const ENTITY_TYPE: &str = "referral_issue_link";

async fn linked_ids(db: &impl ConnectionTrait, slip: i32) -> Result<Vec<i32>, AppError> {
    Ok(link::Entity::find().filter(link::Column::ReferralId.eq(slip)).order_by_asc(link::Column::Id).all(db).await?.into_iter().map(|l| l.issue_id).collect())
}

/// The issues a slip is evidence for, and those it may be linked to when `may_link`; None
/// outside the team.
pub async fn of_slip(db: &impl ConnectionTrait, referrals: &ReferralAccess, issues: &IssueAccess, id: i32, may_link: bool) -> Result<Option<ReferralEvidence>, AppError> {
    if !referrals.is_team() {
        return Ok(None);
    }
    let slip = referrals.find(db, id).await?;
    let ids = linked_ids(db, slip.id).await?;
    let linked = labelled(db, issues, Some(&ids)).await?;
    let choices = match may_link && state_of(&slip).is_closed() {
        true => labelled(db, issues, None).await?.into_iter().filter(|r| !ids.contains(&r.id)).collect(),
        false => Vec::new(),
    };
    Ok(Some(ReferralEvidence { linked, choices, may_link, closed: state_of(&slip).is_closed() }))
}

/// Links the slip to the issue (once; a second link changes nothing).
pub async fn link(db: &impl ConnectionTrait, referrals: &ReferralAccess, issues: &IssueAccess, actor: &Actor, id: i32, issue: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let slip = team_slip(db, referrals, id).await?;
    if !state_of(&slip).is_closed() {
        return Err(AppError::field("issue", "課題に結びつけられるのは、終了・辞退・連絡つかずの連絡票です。"));
    }
    if issues.get(db, issue).await?.is_none() {
        return Err(AppError::field("issue", "課題を選び直してください。"));
    }
    if linked_ids(db, slip.id).await?.contains(&issue) {
        return Ok(());
    }
    // A double submit inserts nothing the second time, on either database.
    let row = link::ActiveModel { referral_id: Set(slip.id), issue_id: Set(issue), created_by_user_id: Set(actor.id), created_at: Set(now), ..Default::default() };
    let inserted = link::Entity::insert(row)
        .on_conflict(OnConflict::columns([link::Column::ReferralId, link::Column::IssueId]).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    if inserted == 0 {
        return Ok(());
    }
    let change = Change { field: FIELD.into(), old: None, new: Some(format!("課題 No.{issue}")) };
    audit::record(db, actor, ENTITY_TYPE, Some(slip.id as i64), Action::Update, &format!("連絡票 No.{}", slip.id), &[change], now).await
}

/// Removes the link (nothing when there is none).
pub async fn unlink(db: &impl ConnectionTrait, referrals: &ReferralAccess, issues: &IssueAccess, actor: &Actor, id: i32, issue: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let slip = team_slip(db, referrals, id).await?;
    if issues.get(db, issue).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let res = link::Entity::delete_many().filter(link::Column::ReferralId.eq(slip.id)).filter(link::Column::IssueId.eq(issue)).exec(db).await?;
    if res.rows_affected == 0 {
        return Ok(());
    }
    let change = Change { field: FIELD.into(), old: Some(format!("課題 No.{issue}")), new: None };
    audit::record(db, actor, ENTITY_TYPE, Some(slip.id as i64), Action::Update, &format!("連絡票 No.{}", slip.id), &[change], now).await
}

async fn team_slip(db: &impl ConnectionTrait, referrals: &ReferralAccess, id: i32) -> Result<referral::Model, AppError> {
    if !referrals.is_team() {
        return Err(AppError::Forbidden);
    }
    referrals.find(db, id).await
}

/// The slips linked to an issue the caller has found through their `IssueAccess`, oldest
/// first, named by number, date, pathway and state; none outside the team.
pub async fn slips_of_issue(db: &impl ConnectionTrait, referrals: &ReferralAccess, issue: i32) -> Result<Vec<Ref>, AppError> {
    if !referrals.is_team() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = link::Entity::find().filter(link::Column::IssueId.eq(issue)).all(db).await?.into_iter().map(|l| l.referral_id).collect();
    slip_refs(db, referrals, &ids).await
}

/// Slips of the team by number, date, pathway and state (never the person), oldest first.
pub async fn slip_refs(db: &impl ConnectionTrait, referrals: &ReferralAccess, ids: &[i32]) -> Result<Vec<Ref>, AppError> {
    if ids.is_empty() || !referrals.is_team() {
        return Ok(Vec::new());
    }
    let names: HashMap<i32, String> = pathways::all(db).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let slips = referrals.slips().filter(referral::Column::Id.is_in(ids.to_vec())).order_by_asc(referral::Column::SentOn).order_by_asc(referral::Column::Id).all(db).await?;
    Ok(slips
        .iter()
        .map(|m| Ref { id: m.id, name: format!("No.{} {} {} {}", m.id, dates::day(m.sent_on), names.get(&m.pathway_id).cloned().unwrap_or_default(), state_of(m).label()) })
        .collect())
}
