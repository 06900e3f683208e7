//! The team's decisions on a resource: screening (収集 → 精査中 → 掲載可 / 非掲載), the
//! organiser's consent to publish, and the yearly confirmation ("confirmed, unchanged").

use super::record::{find, view, Audit, Context};
use crate::domain::meetings::parse_date;
use crate::domain::resources::{check_screening, Consent, Screening};
use crate::dto::resources::ConfirmRound;
use crate::error::AppError;
use crate::server::entities::resource;
use crate::server::services::audit::{self, Action, Actor};
use crate::server::services::shared::versioned::{problems, update_versioned};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// Applies `change` to the resource `id` at `version` and records it in the audit trail.
async fn change(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
    version: i32,
    now: DateTime<Utc>,
    change: impl FnOnce(&mut resource::ActiveModel),
) -> Result<(), AppError> {
    let before = find(db, id).await?;
    let mut am = resource::ActiveModel::default();
    change(&mut am);
    am.updated_at = Set(now);
    // Nothing of the form differs here; the refusal names who changed the record meanwhile.
    update_versioned(db, "resource", id, version, am, Vec::new).await?;
    let after = find(db, id).await?;
    let cx = Context::load(db).await?;
    audit::record_change(db, actor, Action::Update, &Audit { m: &before, cx: &cx }, &Audit { m: &after, cx: &cx }, now).await
}

/// Records the screening decision; 非掲載 needs a reason.
pub async fn screen(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: i32, state: &str, reason: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let s: Screening = check_screening(state, reason).map_err(problems)?;
    let reason = if s == Screening::Rejected { reason.trim().to_string() } else { String::new() };
    change(db, actor, id, version, now, |am| {
        am.screening = Set(s.code().to_string());
        am.screening_reason = Set(reason);
    })
    .await
}

/// Records the organiser's consent (public, professionals only, or withdrawn), when and by whom.
#[allow(clippy::too_many_arguments)]
pub async fn record_consent(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: i32, consent: &str, on: &str, by: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let consent = Consent::from_code(consent).ok_or_else(|| AppError::field("consent", "同意の内容を選んでください。"))?;
    let on = if on.trim().is_empty() { None } else { Some(parse_date(on).ok_or_else(|| AppError::field("consent_on", "同意日は 2024-06-27 の形で入力してください。"))?) };
    if consent != Consent::None && on.is_none() {
        return Err(AppError::field("consent_on", "同意日を入力してください。"));
    }
    if by.trim().chars().count() > 100 {
        return Err(AppError::field("consent_by", "同意した人は100文字以内にしてください。"));
    }
    let by = by.trim().to_string();
    change(db, actor, id, version, now, |am| {
        am.consent = Set(consent.code().to_string());
        am.consent_on = Set(if consent == Consent::None { None } else { on });
        am.consent_by = Set(if consent == Consent::None { String::new() } else { by });
    })
    .await
}

/// "Confirmed, unchanged": today, by the one who clicked. Clears the staleness flag.
pub async fn confirm(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: i32, today: NaiveDate, now: DateTime<Utc>) -> Result<(), AppError> {
    let by = actor.name.clone();
    change(db, actor, id, version, now, |am| {
        am.confirmed_on = Set(Some(today));
        am.confirmed_by = Set(by);
    })
    .await
}

/// The confirmation round of a district (or of entries without one): every current entry
/// that is not 非掲載, by kana, each as a sheet to send to its organiser.
pub async fn round(db: &impl ConnectionTrait, district: Option<i32>, today: NaiveDate) -> Result<ConfirmRound, AppError> {
    let cx = Context::load(db).await?;
    let mut select = resource::Entity::find()
        .filter(resource::Column::Active.eq(true))
        .filter(resource::Column::Screening.ne(Screening::Rejected.code()));
    select = match district {
        Some(d) => select.filter(resource::Column::DistrictId.eq(d)),
        None => select.filter(resource::Column::DistrictId.is_null()),
    };
    let rows = select.order_by_asc(resource::Column::Kana).order_by_asc(resource::Column::Name).order_by_asc(resource::Column::Id).all(db).await?;
    Ok(ConfirmRound {
        district: district.and_then(|d| cx.districts.get(d)),
        districts: cx.districts.choices(),
        printed_on: today.format("%Y年%-m月%-d日").to_string(),
        items: rows.iter().map(|m| view(m, &cx, today)).collect(),
    })
}
