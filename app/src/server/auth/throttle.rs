//! Login throttling: after 5 failures for one login name within 15 minutes, attempts are
//! refused until the oldest of those failures is 15 minutes old. Refused attempts are not
//! recorded, so the lock always ends by itself; a successful login or a password reset clears it.

use crate::error::AppError;
use crate::server::entities::login_attempt;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

pub const MAX_FAILURES: usize = 5;
pub const WINDOW_MINUTES: i64 = 15;

fn window() -> Duration {
    Duration::minutes(WINDOW_MINUTES)
}

/// Login names are compared case-insensitively.
pub fn key(login_name: &str) -> String {
    login_name.trim().to_lowercase()
}

/// When the lock on `login_name` ends, if it is locked now.
pub async fn locked_until(
    db: &impl ConnectionTrait,
    login_name: &str,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, AppError> {
    let recent = login_attempt::Entity::find()
        .filter(login_attempt::Column::LoginName.eq(key(login_name)))
        .filter(login_attempt::Column::AttemptedAt.gt(now - window()))
        .order_by_desc(login_attempt::Column::AttemptedAt)
        .all(db)
        .await?;
    // Failures since the last success, newest first.
    let failures: Vec<_> = recent.iter().take_while(|a| !a.succeeded).collect();
    if failures.len() < MAX_FAILURES {
        return Ok(None);
    }
    // The lock ends when the failure that made it MAX_FAILURES-th leaves the window.
    let oldest_counted = failures[MAX_FAILURES - 1].attempted_at;
    Ok(Some(oldest_counted + window()))
}

pub async fn record(db: &impl ConnectionTrait, login_name: &str, succeeded: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    login_attempt::Entity::insert(login_attempt::ActiveModel {
        login_name: Set(key(login_name)),
        attempted_at: Set(now),
        succeeded: Set(succeeded),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Forgets failures (after an administrator reset the password).
pub async fn clear(db: &impl ConnectionTrait, login_name: &str) -> Result<(), AppError> {
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::LoginName.eq(key(login_name)))
        .exec(db)
        .await?;
    Ok(())
}

/// Housekeeping: attempts older than a day are of no use.
pub async fn purge_old(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), AppError> {
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::AttemptedAt.lt(now - Duration::days(1)))
        .exec(db)
        .await?;
    Ok(())
}
