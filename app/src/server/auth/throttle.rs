//! Login throttling, counted in two ways over a window of 15 minutes:
//! - per login name and client address: after 5 failures, that address may not try that
//!   name until the oldest of those failures is 15 minutes old;
//! - per client address: after 20 failures for any names (a password sprayed across
//!   logins), the address may not try at all until the window has passed.
//! A lock on a name holds only for the address that caused it, so nobody elsewhere can keep
//! its owner out. Refused attempts are not recorded, so every lock ends by itself within the
//! window; a successful login clears the name's count for that address, a password reset
//! clears it everywhere.

use crate::error::AppError;
use crate::server::entities::login_attempt;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

pub const MAX_FAILURES: usize = 5;
pub const MAX_CLIENT_FAILURES: usize = 20;
pub const WINDOW_MINUTES: i64 = 15;
/// The longest client address kept (an IPv6 address with zone fits).
const MAX_CLIENT_CHARS: usize = 64;

fn window() -> Duration {
    Duration::minutes(WINDOW_MINUTES)
}

/// Login names are compared case-insensitively.
pub fn key(login_name: &str) -> String {
    login_name.trim().to_lowercase()
}

/// IPv6 clients are counted by their /64: one machine usually holds a whole /64 and could
/// otherwise change address at every attempt.
fn client_key(client: &str) -> String {
    match client.parse::<std::net::Ipv6Addr>() {
        Ok(v6) if v6.to_ipv4_mapped().is_none() => {
            let prefix = u128::from(v6) & !((1u128 << 64) - 1);
            format!("{}/64", std::net::Ipv6Addr::from(prefix))
        }
        _ => client.chars().take(MAX_CLIENT_CHARS).collect(),
    }
}

/// Failures under `login_name` (or another key) from any address within the window.
pub async fn recent_failures(db: &impl ConnectionTrait, login_name: &str, now: DateTime<Utc>) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(login_attempt::Entity::find()
        .filter(login_attempt::Column::LoginName.eq(key(login_name)))
        .filter(login_attempt::Column::Succeeded.eq(false))
        .filter(login_attempt::Column::AttemptedAt.gt(now - window()))
        .count(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        assert_eq!(client_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(client_key("2001:db8:1:2:bbbb::9"), "2001:db8:1:2::/64");
        assert_ne!(client_key("2001:db8:1:3::1"), client_key("2001:db8:1:2::1"));
        assert_eq!(client_key("198.51.100.7"), "198.51.100.7");
        assert_eq!(client_key(""), "");
    }
}

/// What is locked, and until when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lock {
    /// This login name, from this address.
    Name(DateTime<Utc>),
    /// Every login from this address.
    Client(DateTime<Utc>),
}

impl Lock {
    pub fn until(self) -> DateTime<Utc> {
        match self {
            Lock::Name(t) | Lock::Client(t) => t,
        }
    }
}

/// The lock on `login_name` from `client`, if there is one now.
pub async fn lock(db: &impl ConnectionTrait, login_name: &str, client: &str, now: DateTime<Utc>) -> Result<Option<Lock>, AppError> {
    let client = client_key(client);
    let by_client: Vec<DateTime<Utc>> = login_attempt::Entity::find()
        .select_only()
        .column(login_attempt::Column::AttemptedAt)
        .filter(login_attempt::Column::Client.eq(client.as_str()))
        .filter(login_attempt::Column::Succeeded.eq(false))
        .filter(login_attempt::Column::AttemptedAt.gt(now - window()))
        .order_by_desc(login_attempt::Column::AttemptedAt)
        .limit(MAX_CLIENT_FAILURES as u64)
        .into_tuple()
        .all(db)
        .await?;
    // Unknown addresses ("", as in tests and behind some proxies) are not locked as a whole.
    if !client.is_empty() && by_client.len() >= MAX_CLIENT_FAILURES {
        return Ok(Some(Lock::Client(by_client[MAX_CLIENT_FAILURES - 1] + window())));
    }
    let recent = login_attempt::Entity::find()
        .filter(login_attempt::Column::LoginName.eq(key(login_name)))
        .filter(login_attempt::Column::Client.eq(client.as_str()))
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
    Ok(Some(Lock::Name(failures[MAX_FAILURES - 1].attempted_at + window())))
}

/// When the lock on `login_name` for an unknown address ends, if it is locked now.
pub async fn locked_until(db: &impl ConnectionTrait, login_name: &str, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, AppError> {
    Ok(lock(db, login_name, "", now).await?.map(Lock::until))
}

pub async fn record(db: &impl ConnectionTrait, login_name: &str, client: &str, succeeded: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    login_attempt::Entity::insert(login_attempt::ActiveModel {
        login_name: Set(key(login_name)),
        client: Set(client_key(client)),
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

/// The message for a refused attempt.
pub fn message(lock: Lock, now: DateTime<Utc>) -> String {
    let minutes = (((lock.until() - now).num_seconds() + 59) / 60).max(1);
    match lock {
        Lock::Name(_) => format!("ログインの失敗が続いたため、このログイン名は一時的に使えません。約{minutes}分後にもう一度お試しください。"),
        Lock::Client(_) => format!("この端末からのログインの失敗が続いたため、一時的にログインできません。約{minutes}分後にもう一度お試しください。"),
    }
}
