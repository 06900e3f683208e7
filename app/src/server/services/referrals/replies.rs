//! Slip 2: the receiver (or the team relaying it) replies; each reply moves the slip's
//! state, the first one ends the due-date clock, and 終了・辞退・連絡つかず close it. What the
//! sender sees of a reply follows the person's consent to report back.

use super::access::ReferralAccess;
use super::slips::{state_of, Names};
use crate::domain::dates;
use crate::domain::referral_replies::{join_ids, split_ids, CareApplication, ReplyInput, Visit};
use crate::domain::referrals::State;
use crate::dto::directory::Ref;
use crate::dto::referrals::{ReplyChoices, ReplyView};
use crate::error::AppError;
use crate::server::entities::{referral, referral_reply, resource};
use crate::server::seal::Keyring;
use crate::server::services::audit::{self, Action, Actor, Change};
use crate::server::services::shared::versioned::{edit_conflict, problems};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;

/// The support text is sealed for this use only.
const SUPPORT: &str = "referral.support";

/// Names of the resources a reply may name: every entry of the list still in it.
async fn resource_names(db: &impl ConnectionTrait) -> Result<HashMap<i32, String>, AppError> {
    Ok(resource::Entity::find().all(db).await?.into_iter().map(|r| (r.id, r.name)).collect())
}

/// What the reply form offers: the current organisations, and the resources screened for
/// the list and still active.
pub async fn choices(db: &impl ConnectionTrait) -> Result<ReplyChoices, AppError> {
    let names = Names::load(db).await?;
    let resources = resource::Entity::find()
        .filter(resource::Column::Active.eq(true))
        .filter(resource::Column::Screening.eq("approved"))
        .filter(resource::Column::Activity.ne("ended"))
        .order_by_asc(resource::Column::Kana)
        .order_by_asc(resource::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| Ref { id: r.id, name: r.name })
        .collect();
    Ok(ReplyChoices { agencies: names.current(), resources })
}

/// Records slip 2 for slip `id` at `version`.
#[allow(clippy::too_many_arguments)]
pub async fn reply(
    db: &impl ConnectionTrait,
    keyring: &Keyring,
    access: &ReferralAccess,
    actor: &Actor,
    id: i32,
    version: i32,
    input: &ReplyInput,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let m = access.find(db, id).await?;
    if !access.receives(&m) {
        return Err(AppError::Forbidden);
    }
    let before = state_of(&m);
    if before.is_closed() {
        return Err(AppError::Conflict("この連絡票は終了しています。".into()));
    }
    // Replies follow one another: none dated before the latest one.
    let earliest = access.replies(db, &m).await?.iter().map(|r| r.replied_on).max().unwrap_or(m.sent_on);
    let r = input.check(earliest, today).map_err(problems)?;
    let names = Names::load(db).await?;
    let mut p = Vec::new();
    if r.agencies_now.iter().any(|o| !names.is_current(*o)) {
        p.push(("agencies_now", "関わっている機関を選び直してください。".to_string()));
    }
    if r.agencies_planned.iter().any(|o| !names.is_current(*o)) {
        p.push(("agencies_planned", "予定の機関を選び直してください。".to_string()));
    }
    let offered = choices(db).await?.resources;
    if r.resources.iter().any(|x| !offered.iter().any(|o| o.id == *x)) {
        p.push(("resources", "つながった資源を選び直してください。".to_string()));
    }
    if m.erased_at.is_some() && !r.support.is_empty() {
        p.push(("support", "個人情報を消去した連絡票には、支援内容を記入できません。".to_string()));
    }
    let resources = resource_names(db).await?;
    if !p.is_empty() {
        return Err(problems(p));
    }
    let res = referral::Entity::update_many()
        .col_expr(referral::Column::State, Expr::value(r.state.code()))
        .col_expr(referral::Column::ReceivedOn, Expr::value(m.received_on.unwrap_or(r.replied_on)))
        .col_expr(referral::Column::RepliedOn, Expr::value(m.replied_on.unwrap_or(r.replied_on)))
        .col_expr(referral::Column::ClosedOn, Expr::value(r.state.is_closed().then_some(r.replied_on)))
        .col_expr(referral::Column::UpdatedAt, Expr::value(now))
        .col_expr(Alias::new("version"), Expr::value(version + 1))
        .filter(referral::Column::Id.eq(id))
        .filter(Expr::col(Alias::new("version")).eq(version))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(edit_conflict(db, "referral", id as i64, Vec::new()).await);
    }
    referral_reply::ActiveModel {
        referral_id: Set(id),
        replied_on: Set(r.replied_on),
        by_name: Set(r.by_name.clone()),
        state: Set(r.state.code().to_string()),
        agencies_now: Set(join_ids(&r.agencies_now)),
        agencies_planned: Set(join_ids(&r.agencies_planned)),
        connections_before: Set(r.connections_before),
        connections_now: Set(r.connections_now),
        care_application: Set(r.care_application.code().to_string()),
        visit: Set(r.visit.code().to_string()),
        support_sealed: Set((!r.support.is_empty()).then(|| keyring.seal(r.support.as_bytes(), SUPPORT))),
        resources: Set(join_ids(&r.resources)),
        created_by_user_id: Set(actor.id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let orgs = |ids: &[i32]| ids.iter().map(|o| names.organisation(*o)).collect::<Vec<_>>().join("、");
    let changes = vec![
        Change { field: "state".into(), old: Some(before.label().into()), new: Some(r.state.label().into()) },
        Change { field: "agencies_now".into(), old: None, new: Some(orgs(&r.agencies_now)) },
        Change { field: "agencies_planned".into(), old: None, new: Some(orgs(&r.agencies_planned)) },
        Change { field: "resources".into(), old: None, new: Some(r.resources.iter().filter_map(|x| resources.get(x).cloned()).collect::<Vec<_>>().join("、")) },
    ];
    audit::record(db, actor, "referral", Some(id as i64), Action::Update, &format!("連絡票 No.{id} 返信"), &changes, now).await
}

/// The replies of slip `m`, oldest first, opened (the caller's view of the slip is audited
/// by `slips::open`).
pub(super) async fn views(db: &impl ConnectionTrait, keyring: &Keyring, access: &ReferralAccess, m: &referral::Model, names: &Names) -> Result<Vec<ReplyView>, AppError> {
    let resources = resource_names(db).await?;
    let orgs = |s: &str| split_ids(s).into_iter().map(|o| names.organisation(o)).collect::<Vec<_>>();
    let mut out = Vec::new();
    for r in access.replies(db, m).await? {
        let support = match &r.support_sealed {
            Some(_) if !access.opens_personal() => String::new(),
            Some(s) => String::from_utf8(keyring.open(s, SUPPORT).map_err(|e| AppError::Internal(e.to_string()))?).unwrap_or_default(),
            None => String::new(),
        };
        out.push(ReplyView {
            replied_on: dates::day(r.replied_on),
            by_name: r.by_name.clone(),
            state: State::from_code(&r.state).unwrap_or(State::Contacted),
            agencies_now: orgs(&r.agencies_now),
            agencies_planned: orgs(&r.agencies_planned),
            connections_before: r.connections_before,
            connections_now: r.connections_now,
            care_application: CareApplication::from_code(&r.care_application).unwrap_or(CareApplication::Unknown).label().to_string(),
            visit: Visit::from_code(&r.visit).unwrap_or(Visit::Unknown).label().to_string(),
            support,
            support_withheld: r.support_sealed.is_some() && !access.opens_personal(),
            resources: split_ids(&r.resources).into_iter().filter_map(|x| resources.get(&x).cloned()).collect(),
        });
    }
    Ok(out)
}

/// Reseals the support texts sealed under an older key; returns how many.
pub(super) async fn reseal(db: &impl ConnectionTrait, keyring: &Keyring) -> Result<usize, AppError> {
    let mut n = 0;
    for r in ReferralAccess::team().all_replies(db).await? {
        let Some(sealed) = r.support_sealed.as_deref().filter(|s| keyring.is_stale(s)) else { continue };
        let plain = keyring.open(sealed, SUPPORT).map_err(|e| AppError::Internal(format!("reply {}: {e}", r.id)))?;
        referral_reply::Entity::update_many()
            .col_expr(referral_reply::Column::SupportSealed, Expr::value(keyring.seal(&plain, SUPPORT)))
            .filter(referral_reply::Column::Id.eq(r.id))
            .exec(db)
            .await?;
        n += 1;
    }
    Ok(n)
}
