//! Two-step sign-in (TOTP) of user accounts: setting it up from one's own account, the
//! one-time recovery codes, the code asked after the password, turning it off, the
//! administrator's reset, and the roles that must use it. Every change is audited on the
//! user's record; the codes themselves never are.
//!
//! A sign-in of a user who uses (or must set up) two-step sign-in goes through a
//! *challenge*: after the right password the browser gets a short-lived cookie that grants
//! nothing but the second step; only that step starts a session. Wrong codes are throttled
//! like passwords (see `auth::throttle`: 5 per user and client address, 20 per address, in
//! 15 minutes), under a key of their own (`code_key`), so that a right password, which
//! clears the password count, never clears the count of wrong codes.

mod enrolment;
mod login;
mod policy;
#[cfg(test)]
mod tests;

pub use enrolment::*;
pub use login::*;
pub use policy::*;

use crate::server::services::audit::{self, Action, Actor, Audited, Change};
use crate::server::services::system::settings;
use crate::dto::auth::SessionUser;
use crate::domain::Role;
use crate::error::AppError;
use crate::server::auth::{password, session, throttle, token, totp};
use crate::server::entities::{app_user, login_challenge, user_recovery_code, user_totp};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

/// The setting that lists the role codes that must use two-step sign-in ("admin,coordinator").
pub const REQUIRED_ROLES_KEY: &str = "two_factor_required_roles";
/// An unconfirmed secret is shown again for this long; after that a new one is made.
pub const ENROLMENT_MINUTES: i64 = 30;
/// New recovery codes stay readable this long, unless the user acknowledges them sooner.
pub const FRESH_CODES_MINUTES: i64 = 15;
/// A sign-in waits this long for its second step.
pub const CHALLENGE_MINUTES: i64 = 10;

/// Audit field names (see `domain::labels::field_label`).
const FIELD_TWO_FACTOR: &str = "two_factor";
const FIELD_RECOVERY: &str = "recovery_codes";
const FIELD_REQUIRED_ROLES: &str = "two_factor_required_roles";
const ON: &str = "有効";
const OFF: &str = "無効";
const PENDING: &str = "設定中";

pub const WRONG_CODE: &str = "確認コードが正しくありません。認証アプリに表示されている6桁の数字か、回復コードを入力してください。";
pub const WRONG_SETUP_CODE: &str = "確認コードが正しくありません。QRコードを読み取った認証アプリに表示されている6桁の数字を入力してください。";
pub const WRONG_APP_CODE: &str = "確認コードが正しくありません。認証アプリに表示されている6桁の数字を入力してください。";
pub const CHALLENGE_EXPIRED: &str = "ログインの有効期限が切れました。もう一度ログインしてください。";

/// A user's two-step sign-in as their account page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub enabled: bool,
    pub enabled_at: Option<DateTime<Utc>>,
    /// Set-up begun (a secret waits for its first code) but not finished.
    pub pending: bool,
    pub recovery_codes_left: u64,
}

/// What the set-up page shows: the QR code, and the secret for typing in by hand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enrolment {
    pub secret: String,
    /// The secret in groups of four.
    pub secret_grouped: String,
    pub otpauth_url: String,
    /// An `<svg>` element.
    pub qr_svg: String,
}

/// What follows a right password.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginStep {
    /// No second step: start the session.
    SignIn,
    /// Ask for the code (or a recovery code).
    Code,
    /// The role requires two-step sign-in and the user has not set it up: set it up now.
    Enrol,
}

async fn row(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<user_totp::Model>, AppError> {
    Ok(user_totp::Entity::find_by_id(user_id).one(db).await?)
}

async fn find_user(db: &impl ConnectionTrait, user_id: i32) -> Result<app_user::Model, AppError> {
    app_user::Entity::find_by_id(user_id).one(db).await?.ok_or(AppError::NotFound)
}

fn actor_of(user: &app_user::Model) -> Actor {
    Actor { id: Some(user.id), name: user.display_name.clone() }
}

async fn record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    user: &app_user::Model,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let change = Change { field: field.to_string(), old: old.map(str::to_string), new: new.map(str::to_string) };
    audit::record(db, actor, app_user::Model::ENTITY_TYPE, Some(user.id as i64), Action::Update, &user.audit_label(), &[change], now).await
}

pub async fn status(db: &impl ConnectionTrait, user_id: i32) -> Result<Status, AppError> {
    let Some(r) = row(db, user_id).await? else {
        return Ok(Status { enabled: false, enabled_at: None, pending: false, recovery_codes_left: 0 });
    };
    let recovery_codes_left = if r.enabled_at.is_some() { unused_codes(db, user_id).await? } else { 0 };
    Ok(Status { enabled: r.enabled_at.is_some(), enabled_at: r.enabled_at, pending: r.enabled_at.is_none(), recovery_codes_left })
}

pub async fn is_enabled(db: &impl ConnectionTrait, user_id: i32) -> Result<bool, AppError> {
    Ok(row(db, user_id).await?.is_some_and(|r| r.enabled_at.is_some()))
}

async fn unused_codes(db: &impl ConnectionTrait, user_id: i32) -> Result<u64, AppError> {
    Ok(user_recovery_code::Entity::find()
        .filter(user_recovery_code::Column::UserId.eq(user_id))
        .filter(user_recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await?)
}
