//! Retention: the person's fields (and the replies' support texts) are erased a set time
//! after a slip closed; the slip stays as an anonymous record for the counts. Also an
//! administrator's erasure of one slip on the person's request.

use super::access::ReferralAccess;
use crate::domain::referrals::erase_on_or_before;
use crate::error::AppError;
use crate::server::entities::{referral, referral_reply};
use crate::server::services::audit::{self, Action, Actor, Change};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Erases the personal fields of one slip; the audit trail says so, not what they were.
/// The replies go first: `erased_at`, set last, is what marks the slip done.
async fn erase(db: &impl ConnectionTrait, actor: &Actor, m: &referral::Model, why: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    referral_reply::Entity::update_many()
        .col_expr(referral_reply::Column::SupportSealed, Expr::value(Option::<String>::None))
        .filter(referral_reply::Column::ReferralId.eq(m.id))
        .exec(db)
        .await?;
    referral::Entity::update_many()
        .col_expr(referral::Column::PersonSealed, Expr::value(Option::<String>::None))
        .col_expr(referral::Column::ErasedAt, Expr::value(now))
        .filter(referral::Column::Id.eq(m.id))
        .exec(db)
        .await?;
    let change = Change { field: "person".into(), old: None, new: Some(why.to_string()) };
    audit::record(db, actor, "referral", Some(m.id as i64), Action::Update, &format!("連絡票 No.{}", m.id), &[change], now).await
}

/// Erases every slip closed `years` or more ago; returns how many.
pub async fn erase_expired(db: &impl ConnectionTrait, years: u32, today: NaiveDate, now: DateTime<Utc>) -> Result<usize, AppError> {
    let cutoff = erase_on_or_before(today, years);
    let due = ReferralAccess::team()
        .slips()
        .filter(referral::Column::ClosedOn.lte(cutoff))
        .filter(referral::Column::ErasedAt.is_null())
        .all(db)
        .await?;
    let actor = Actor::system("保存期間の経過");
    for m in &due {
        erase(db, &actor, m, &format!("個人情報を消去（終了から{years}年）"), now).await?;
    }
    Ok(due.len())
}

/// An administrator erases one slip's personal fields at the person's request.
pub async fn erase_on_request(db: &impl ConnectionTrait, actor: &Actor, id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let m = ReferralAccess::team().find(db, id).await?;
    if m.erased_at.is_some() {
        return Err(AppError::Conflict("この連絡票の個人情報はすでに消去されています。".into()));
    }
    erase(db, actor, &m, "個人情報を消去（本人の求め）", now).await
}
