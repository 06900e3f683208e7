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

use super::audit::{self, Action, Actor, Audited, Change};
use super::settings;
use crate::api::auth::SessionUser;
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

/// Begins the set-up (a form post): makes a secret that is not in use until a first code
/// confirms it, and returns it. An unconfirmed secret younger than `ENROLMENT_MINUTES` is
/// kept, so that posting twice does not invalidate a QR code already scanned.
pub async fn begin_enrolment(db: &impl ConnectionTrait, user_id: i32, now: DateTime<Utc>) -> Result<String, AppError> {
    match row(db, user_id).await? {
        Some(r) if r.enabled_at.is_some() => Err(AppError::Conflict("2段階認証はすでに有効です。".into())),
        Some(r) if now - r.created_at < Duration::minutes(ENROLMENT_MINUTES) => Ok(r.secret),
        Some(_) => {
            let secret = totp::new_secret();
            let res = user_totp::Entity::update_many()
                .col_expr(user_totp::Column::Secret, Expr::value(secret.clone()))
                .col_expr(user_totp::Column::CreatedAt, Expr::value(now))
                .col_expr(user_totp::Column::LastUsedStep, Expr::value(0i64))
                .col_expr(user_totp::Column::FreshCodes, Expr::value(Option::<String>::None))
                .filter(user_totp::Column::UserId.eq(user_id))
                .filter(user_totp::Column::EnabledAt.is_null())
                .exec(db)
                .await?;
            if res.rows_affected == 0 {
                return Err(AppError::Conflict("2段階認証はすでに有効です。".into()));
            }
            Ok(secret)
        }
        None => {
            find_user(db, user_id).await?;
            let secret = totp::new_secret();
            user_totp::Entity::insert(user_totp::ActiveModel {
                user_id: Set(user_id),
                secret: Set(secret.clone()),
                created_at: Set(now),
                enabled_at: Set(None),
                last_used_step: Set(0),
                fresh_codes: Set(None),
                fresh_codes_at: Set(None),
            })
            .exec_without_returning(db)
            .await?;
            Ok(secret)
        }
    }
}

/// The set-up in progress, for the page that shows the QR code (reads only; None when no
/// set-up was begun or it is already finished).
pub async fn pending_enrolment(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<Enrolment>, AppError> {
    let Some(r) = row(db, user_id).await?.filter(|r| r.enabled_at.is_none()) else {
        return Ok(None);
    };
    let user = find_user(db, user_id).await?;
    let otpauth_url = totp::otpauth_url(&r.secret, &user.login_name)?;
    Ok(Some(Enrolment {
        secret_grouped: totp::grouped(&r.secret),
        qr_svg: totp::qr_svg(&otpauth_url)?,
        otpauth_url,
        secret: r.secret,
    }))
}

/// Finishes the set-up with the first code from the app: turns two-step sign-in on, and
/// returns ten new recovery codes. They are stored as hashes, and in plain text only until
/// the user acknowledges them (`acknowledge_recovery_codes`) or `FRESH_CODES_MINUTES` pass,
/// so that the next page can show them without JavaScript. Run it in a transaction.
pub async fn confirm_enrolment(
    db: &impl ConnectionTrait,
    actor: &Actor,
    user_id: i32,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let Some(r) = row(db, user_id).await? else {
        return Err(AppError::Conflict("2段階認証の設定が始まっていません。最初からやり直してください。".into()));
    };
    if r.enabled_at.is_some() {
        return Err(AppError::Conflict("2段階認証はすでに有効です。".into()));
    }
    let Some(step) = totp::verify(&r.secret, code, now, r.last_used_step.max(0) as u64)? else {
        return Err(AppError::field("code", WRONG_SETUP_CODE));
    };
    let codes = totp::new_recovery_codes();
    let res = user_totp::Entity::update_many()
        .col_expr(user_totp::Column::EnabledAt, Expr::value(now))
        .col_expr(user_totp::Column::LastUsedStep, Expr::value(step as i64))
        .col_expr(user_totp::Column::FreshCodes, Expr::value(Some(codes.join(" "))))
        .col_expr(user_totp::Column::FreshCodesAt, Expr::value(now))
        .filter(user_totp::Column::UserId.eq(user_id))
        .filter(user_totp::Column::Secret.eq(r.secret.clone()))
        .filter(user_totp::Column::EnabledAt.is_null())
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::Conflict("2段階認証の設定がほかの画面で変わりました。最初からやり直してください。".into()));
    }
    store_recovery_codes(db, user_id, &codes).await?;
    let user = find_user(db, user_id).await?;
    record(db, actor, &user, FIELD_TWO_FACTOR, Some(OFF), Some(ON), now).await?;
    Ok(codes)
}

/// Replaces the user's recovery codes by the hashes of `codes`.
async fn store_recovery_codes(db: &impl ConnectionTrait, user_id: i32, codes: &[String]) -> Result<(), AppError> {
    user_recovery_code::Entity::delete_many()
        .filter(user_recovery_code::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    for code in codes {
        let hash = totp::recovery_hash(user_id, code)
            .ok_or_else(|| AppError::Internal("a new recovery code does not parse".into()))?;
        user_recovery_code::Entity::insert(user_recovery_code::ActiveModel {
            user_id: Set(user_id),
            code_hash: Set(hash),
            used_at: Set(None),
            ..Default::default()
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// New recovery codes for a user whose two-step sign-in is on, against a current code from
/// the app (not a recovery code). The old ones stop working. Shown like those of the set-up.
pub async fn regenerate_recovery_codes(
    db: &impl ConnectionTrait,
    actor: &Actor,
    user_id: i32,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let Some(r) = row(db, user_id).await?.filter(|r| r.enabled_at.is_some()) else {
        return Err(AppError::Conflict("2段階認証が有効になっていません。".into()));
    };
    let Some(step) = totp::verify(&r.secret, code, now, r.last_used_step.max(0) as u64)? else {
        return Err(AppError::field("code", WRONG_APP_CODE));
    };
    if !take_step(db, user_id, step).await? {
        return Err(AppError::field("code", WRONG_APP_CODE));
    }
    let codes = totp::new_recovery_codes();
    store_recovery_codes(db, user_id, &codes).await?;
    set_fresh_codes(db, user_id, Some(codes.join(" ")), now).await?;
    let user = find_user(db, user_id).await?;
    record(db, actor, &user, FIELD_RECOVERY, None, Some("再発行"), now).await?;
    Ok(codes)
}

async fn set_fresh_codes(db: &impl ConnectionTrait, user_id: i32, codes: Option<String>, now: DateTime<Utc>) -> Result<(), AppError> {
    user_totp::Entity::update_many()
        .col_expr(user_totp::Column::FreshCodes, Expr::value(codes))
        .col_expr(user_totp::Column::FreshCodesAt, Expr::value(now))
        .filter(user_totp::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The recovery codes made in the last `FRESH_CODES_MINUTES` and not yet acknowledged, for
/// the page that shows them once (reads only).
pub async fn recovery_codes_to_show(db: &impl ConnectionTrait, user_id: i32, now: DateTime<Utc>) -> Result<Option<Vec<String>>, AppError> {
    let Some(r) = row(db, user_id).await? else {
        return Ok(None);
    };
    let fresh = r.fresh_codes_at.is_some_and(|at| now - at < Duration::minutes(FRESH_CODES_MINUTES));
    Ok(r.fresh_codes.filter(|_| fresh).map(|c| c.split(' ').map(str::to_string).collect()))
}

/// The user saved their recovery codes: the plain text is forgotten.
pub async fn acknowledge_recovery_codes(db: &impl ConnectionTrait, user_id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    set_fresh_codes(db, user_id, None, now).await
}

/// Uses `step` of the user's codes: true only for the first caller, and only for a step
/// later than every step used before (so that one code never signs in twice, even at once).
async fn take_step(db: &impl ConnectionTrait, user_id: i32, step: u64) -> Result<bool, AppError> {
    let step = step as i64;
    let res = user_totp::Entity::update_many()
        .col_expr(user_totp::Column::LastUsedStep, Expr::value(step))
        .filter(user_totp::Column::UserId.eq(user_id))
        .filter(user_totp::Column::LastUsedStep.lt(step))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Checks the second step of a sign-in: a current code from the app, or an unused recovery
/// code (which is then used up, and audited). False for anything else, and for a user whose
/// two-step sign-in is not on. Does not throttle: see `answer_challenge`.
pub async fn verify_login(db: &impl ConnectionTrait, user_id: i32, input: &str, now: DateTime<Utc>) -> Result<bool, AppError> {
    let Some(r) = row(db, user_id).await?.filter(|r| r.enabled_at.is_some()) else {
        return Ok(false);
    };
    if let Some(step) = totp::verify(&r.secret, input, now, r.last_used_step.max(0) as u64)? {
        return take_step(db, user_id, step).await;
    }
    let Some(hash) = totp::recovery_hash(user_id, input) else {
        return Ok(false);
    };
    let Some(code) = user_recovery_code::Entity::find()
        .filter(user_recovery_code::Column::UserId.eq(user_id))
        .filter(user_recovery_code::Column::CodeHash.eq(hash))
        .filter(user_recovery_code::Column::UsedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    let res = user_recovery_code::Entity::update_many()
        .col_expr(user_recovery_code::Column::UsedAt, Expr::value(now))
        .filter(user_recovery_code::Column::Id.eq(code.id))
        .filter(user_recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Ok(false);
    }
    let left = unused_codes(db, user_id).await?;
    let user = find_user(db, user_id).await?;
    let note = format!("1つ使用（残り{left}）");
    record(db, &actor_of(&user), &user, FIELD_RECOVERY, None, Some(&note), now).await?;
    Ok(true)
}

/// Removes the user's secret, recovery codes and waiting sign-ins; audits what it was.
pub async fn disable(db: &impl ConnectionTrait, actor: &Actor, user_id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let user = find_user(db, user_id).await?;
    let before = row(db, user_id).await?;
    remove_all(db, user_id).await?;
    if let Some(r) = before {
        let old = if r.enabled_at.is_some() { ON } else { PENDING };
        record(db, actor, &user, FIELD_TWO_FACTOR, Some(old), Some(OFF), now).await?;
    }
    Ok(())
}

async fn remove_all(db: &impl ConnectionTrait, user_id: i32) -> Result<(), AppError> {
    user_recovery_code::Entity::delete_many()
        .filter(user_recovery_code::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    user_totp::Entity::delete_many().filter(user_totp::Column::UserId.eq(user_id)).exec(db).await?;
    login_challenge::Entity::delete_many()
        .filter(login_challenge::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// A user turns their own two-step sign-in off: the current password is required, and a
/// role that must use it cannot.
pub async fn disable_own(db: &impl ConnectionTrait, user: &SessionUser, current_password: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let model = find_user(db, user.id).await?;
    if !password::verify(&model.password_hash, current_password) {
        return Err(AppError::field("current_password", "現在のパスワードが正しくありません。"));
    }
    if is_required(db, user.role).await? {
        return Err(AppError::BadRequest(format!(
            "{}の役割では2段階認証が必須のため、無効にはできません。",
            user.role.label()
        )));
    }
    disable(db, &user.into(), user.id, now).await
}

/// An administrator's reset, for a user who lost their phone and recovery codes: two-step
/// sign-in is off until the user sets it up again (at their next sign-in, when their role
/// requires it).
pub async fn admin_reset(db: &impl ConnectionTrait, actor: &Actor, user_id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let user = find_user(db, user_id).await?;
    let before = row(db, user_id).await?;
    remove_all(db, user_id).await?;
    let old = match &before {
        Some(r) if r.enabled_at.is_some() => ON,
        Some(_) => PENDING,
        None => OFF,
    };
    record(db, actor, &user, FIELD_TWO_FACTOR, Some(old), Some("無効（管理者がリセット）"), now).await
}

/// The roles that must use two-step sign-in, in the order of `Role::ALL`.
pub async fn required_roles(db: &impl ConnectionTrait) -> Result<Vec<Role>, AppError> {
    let value = settings::get(db, REQUIRED_ROLES_KEY).await?.unwrap_or_default();
    Ok(parse_roles(&value))
}

fn parse_roles(value: &str) -> Vec<Role> {
    let codes: Vec<&str> = value.split(',').map(str::trim).collect();
    Role::ALL.into_iter().filter(|r| codes.contains(&r.code())).collect()
}

fn role_labels(roles: &[Role]) -> String {
    if roles.is_empty() {
        "なし".to_string()
    } else {
        roles.iter().map(|r| r.label()).collect::<Vec<_>>().join("、")
    }
}

pub async fn is_required(db: &impl ConnectionTrait, role: Role) -> Result<bool, AppError> {
    Ok(required_roles(db).await?.contains(&role))
}

/// An administrator chooses the roles that must use two-step sign-in (role codes, as the
/// checkboxes send them). Users of those roles without it set it up at their next sign-in.
pub async fn set_required_roles(db: &impl ConnectionTrait, actor: &Actor, roles: &[String], now: DateTime<Utc>) -> Result<Vec<Role>, AppError> {
    if roles.iter().any(|c| Role::from_code(c).is_none()) {
        return Err(AppError::field("roles", "役割を選び直してください。"));
    }
    let wanted: Vec<Role> = Role::ALL.into_iter().filter(|r| roles.iter().any(|c| c == r.code())).collect();
    let before = required_roles(db).await?;
    if before == wanted {
        return Ok(wanted);
    }
    let value = wanted.iter().map(|r| r.code()).collect::<Vec<_>>().join(",");
    settings::set(db, REQUIRED_ROLES_KEY, &value).await?;
    let change = Change {
        field: FIELD_REQUIRED_ROLES.to_string(),
        old: Some(role_labels(&before)),
        new: Some(role_labels(&wanted)),
    };
    audit::record(db, actor, "setting", None, Action::Update, "2段階認証が必要な役割", &[change], now).await?;
    // Users of a newly required role who have not set it up sign in again, and set it up then.
    for role in wanted.iter().filter(|r| !before.contains(r)) {
        let users = app_user::Entity::find().filter(app_user::Column::Role.eq(role.code())).all(db).await?;
        for user in users {
            if !is_enabled(db, user.id).await? {
                session::end_all_for_user(db, user.id).await?;
            }
        }
    }
    Ok(wanted)
}

/// What follows the right password of `user`.
pub async fn login_step(db: &impl ConnectionTrait, user: &SessionUser) -> Result<LoginStep, AppError> {
    if is_enabled(db, user.id).await? {
        Ok(LoginStep::Code)
    } else if is_required(db, user.role).await? {
        Ok(LoginStep::Enrol)
    } else {
        Ok(LoginStep::SignIn)
    }
}

/// Starts the second step of a sign-in; returns the token for the challenge cookie
/// (`totp::challenge_cookie`). A user has at most one waiting sign-in.
pub async fn start_challenge(db: &impl ConnectionTrait, user_id: i32, now: DateTime<Utc>) -> Result<String, AppError> {
    login_challenge::Entity::delete_many()
        .filter(login_challenge::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    let token = token::new_token();
    login_challenge::Entity::insert(login_challenge::ActiveModel {
        id: Set(token::digest(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(token)
}

/// The active user whose sign-in waits under `token`, if it has not expired.
pub async fn challenge_user(db: &impl ConnectionTrait, token: &str, now: DateTime<Utc>) -> Result<Option<app_user::Model>, AppError> {
    let id = token::digest(token);
    let Some(challenge) = login_challenge::Entity::find_by_id(id.clone()).one(db).await? else {
        return Ok(None);
    };
    if now - challenge.created_at >= Duration::minutes(CHALLENGE_MINUTES) {
        login_challenge::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    }
    Ok(app_user::Entity::find_by_id(challenge.user_id).one(db).await?.filter(|u| u.active))
}

pub async fn end_challenge(db: &impl ConnectionTrait, token: &str) -> Result<(), AppError> {
    login_challenge::Entity::delete_by_id(token::digest(token)).exec(db).await?;
    Ok(())
}

/// The throttle's key for the codes of a user: not a login name (those have no `#`), and
/// short enough for the column of login names.
pub fn code_key(user_id: i32) -> String {
    format!("#totp:{user_id}")
}

/// The challenge's user, or the error that sends the browser back to the login page; and
/// the lock after too many wrong codes from `client` (or too many failures of any kind).
async fn challenge_for_answer(db: &impl ConnectionTrait, token: &str, client: &str, now: DateTime<Utc>) -> Result<app_user::Model, AppError> {
    let Some(user) = challenge_user(db, token, now).await? else {
        return Err(AppError::BadRequest(CHALLENGE_EXPIRED.into()));
    };
    code_lock(db, user.id, client, now).await?;
    Ok(user)
}

/// Refuses a code check while wrong codes of this user from this address are locked out
/// (at sign-in and on the account page alike, see `code_key`).
pub async fn code_lock(db: &impl ConnectionTrait, user_id: i32, client: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    match throttle::lock(db, &code_key(user_id), client, now).await? {
        Some(throttle::Lock::Name(until)) => {
            let minutes = (((until - now).num_seconds() + 59) / 60).max(1);
            Err(AppError::TooManyRequests(format!(
                "確認コードの誤りが続いたため、一時的に使えません。約{minutes}分後にもう一度お試しください。"
            )))
        }
        Some(lock) => Err(AppError::TooManyRequests(throttle::message(lock, now))),
        None => Ok(()),
    }
}

/// What a code from the app allows on the account page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeWrite {
    Confirm,
    Regenerate,
}

/// `write`, allowed by `code`, under the throttle of wrong codes. The attempt is counted
/// outside the write's transaction, which a wrong code rolls back.
pub async fn code_checked_write(
    db: &sea_orm::DatabaseConnection,
    actor: &Actor,
    user_id: i32,
    code: &str,
    client: &str,
    write: CodeWrite,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    code_lock(db, user_id, client, now).await?;
    let (actor, code) = (actor.clone(), code.to_string());
    let result = crate::server::write_transaction(db, move |txn| {
        Box::pin(async move {
            match write {
                CodeWrite::Confirm => confirm_enrolment(txn, &actor, user_id, &code, now).await,
                CodeWrite::Regenerate => regenerate_recovery_codes(txn, &actor, user_id, &code, now).await,
            }
        })
    })
    .await;
    let ok = match &result {
        Ok(_) => true,
        Err(e) if e.field_message("code").is_some() => false,
        // Not a verdict on the code (a conflict, a fault): not counted.
        Err(_) => return result.map(|_| ()),
    };
    throttle::record(db, &code_key(user_id), client, ok, now).await?;
    result.map(|_| ())
}

/// What a right password leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AfterPassword {
    /// A session (its token): no second step.
    Session(String),
    /// A waiting sign-in (the token of its cookie): the code, or the set-up, comes next.
    Challenge(String),
}

/// Starts what follows the right password of `user`: the password alone starts no session
/// when the user uses, or must set up, two-step sign-in.
pub async fn after_password(db: &impl ConnectionTrait, user: &SessionUser, now: DateTime<Utc>) -> Result<AfterPassword, AppError> {
    match login_step(db, user).await? {
        LoginStep::SignIn => Ok(AfterPassword::Session(session::create(db, user.id, now).await?)),
        step => {
            if step == LoginStep::Enrol {
                begin_enrolment(db, user.id, now).await?;
            }
            Ok(AfterPassword::Challenge(start_challenge(db, user.id, now).await?))
        }
    }
}

/// The second step of the waiting sign-in `token`: the code (or a recovery code), or the
/// first code of a set-up. Returns the user, whose session the caller starts, and whether
/// two-step sign-in was set up just now. Not in a transaction: a wrong code stays counted.
pub async fn answer(db: &impl ConnectionTrait, token: &str, code: &str, client: &str, now: DateTime<Utc>) -> Result<(SessionUser, bool), AppError> {
    let Some(user) = challenge_user(db, token, now).await? else {
        return Err(AppError::BadRequest(CHALLENGE_EXPIRED.into()));
    };
    if is_enabled(db, user.id).await? {
        Ok((answer_challenge(db, token, code, client, now).await?, false))
    } else {
        Ok((answer_enrolment_challenge(db, token, code, client, now).await?, true))
    }
}

/// The second step of a sign-in: the code (or a recovery code) for the waiting sign-in
/// `token`, from the address `client` ("" when unknown; `auth::client_address()`). A wrong
/// code is a failed attempt (see `code_key`); the right one ends the challenge and returns
/// the user, whose session the caller starts.
/// `AppError::BadRequest(CHALLENGE_EXPIRED)` when the challenge is unknown or expired (the
/// page then offers the way back to /login).
pub async fn answer_challenge(
    db: &impl ConnectionTrait,
    token: &str,
    input: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<SessionUser, AppError> {
    let user = challenge_for_answer(db, token, client, now).await?;
    let ok = verify_login(db, user.id, input, now).await?;
    throttle::record(db, &code_key(user.id), client, ok, now).await?;
    if !ok {
        return Err(wrong_code(db, user.id, WRONG_CODE, now).await);
    }
    end_challenge(db, token).await?;
    session::to_session_user(&user).ok_or(AppError::Unauthorized)
}

/// The second step of a sign-in of a user whose role requires two-step sign-in and who has
/// not set it up: the first code for the secret of `begin_enrolment`. On success two-step
/// sign-in is on, the recovery codes wait to be shown (`recovery_codes_to_show`), and the
/// user is returned, whose session the caller starts.
pub async fn answer_enrolment_challenge(
    db: &impl ConnectionTrait,
    token: &str,
    code: &str,
    client: &str,
    now: DateTime<Utc>,
) -> Result<SessionUser, AppError> {
    let user = challenge_for_answer(db, token, client, now).await?;
    if let Err(e) = confirm_enrolment(db, &actor_of(&user), user.id, code, now).await {
        if let Some(message) = e.field_message("code") {
            let message = message.to_string();
            throttle::record(db, &code_key(user.id), client, false, now).await?;
            return Err(wrong_code(db, user.id, &message, now).await);
        }
        return Err(e);
    }
    throttle::record(db, &code_key(user.id), client, true, now).await?;
    end_challenge(db, token).await?;
    session::to_session_user(&user).ok_or(AppError::Unauthorized)
}

/// Wrong codes for one user from all addresses together: past this many in the window, the
/// waiting sign-ins end and the password must be given again (changing address gives no
/// more guesses; only someone who knows the password can cause it).
pub const MAX_USER_CODE_FAILURES: u64 = 10;

/// The error for a wrong code; ends the user's waiting sign-ins when wrong codes pile up.
async fn wrong_code(db: &impl ConnectionTrait, user_id: i32, message: &str, now: DateTime<Utc>) -> AppError {
    match throttle::recent_failures(db, &code_key(user_id), now).await {
        Ok(n) if n >= MAX_USER_CODE_FAILURES => match end_challenges_of(db, user_id).await {
            Ok(()) => AppError::BadRequest(CHALLENGE_EXPIRED.into()),
            Err(e) => e,
        },
        Ok(_) => AppError::field("code", message),
        Err(e) => e,
    }
}

/// Ends every waiting sign-in of the user (too many wrong codes, a new password).
pub async fn end_challenges_of(db: &impl ConnectionTrait, user_id: i32) -> Result<(), AppError> {
    login_challenge::Entity::delete_many().filter(login_challenge::Column::UserId.eq(user_id)).exec(db).await?;
    Ok(())
}

/// Housekeeping (at login): expired challenges, and recovery codes left unacknowledged.
pub async fn purge_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), AppError> {
    login_challenge::Entity::delete_many()
        .filter(login_challenge::Column::CreatedAt.lt(now - Duration::minutes(CHALLENGE_MINUTES)))
        .exec(db)
        .await?;
    user_totp::Entity::update_many()
        .col_expr(user_totp::Column::FreshCodes, Expr::value(Option::<String>::None))
        .filter(user_totp::Column::FreshCodes.is_not_null())
        .filter(user_totp::Column::FreshCodesAt.lt(now - Duration::minutes(FRESH_CODES_MINUTES)))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::entities::audit_log;
    use crate::server::services::users::{self, NewUser};
    use chrono::TimeZone;
    use sea_orm::{DatabaseConnection, QueryOrder};

    /// RFC 6238's SHA-1 key, so that the codes of the fixed times below are known.
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    /// No code of the RFC key is "000000" in the steps these tests use.
    const WRONG: &str = "000000";
    const PASSWORD: &str = "correct-horse-battery";

    async fn test_db() -> (DatabaseConnection, tempfile::TempDir) {
        use migration::MigratorTrait;
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
        let db = crate::server::db::connect(&url, None).await.unwrap();
        migration::Migrator::up(&db, None).await.unwrap();
        (db, dir)
    }

    fn t0() -> DateTime<Utc> {
        Utc.timestamp_opt(1_111_111_111, 0).unwrap()
    }

    fn later(seconds: i64) -> DateTime<Utc> {
        t0() + Duration::seconds(seconds)
    }

    fn code(at: DateTime<Utc>) -> String {
        totp::code_at_time(RFC_SECRET, at).unwrap()
    }

    async fn new_user(db: &DatabaseConnection, login: &str, role: Role) -> SessionUser {
        let input = NewUser {
            login_name: login.into(),
            display_name: format!("{login} さん"),
            role: role.code().into(),
            password: PASSWORD.into(),
            password_confirm: None,
        };
        let user = users::create(db, &Actor::system("test"), &input, t0()).await.unwrap();
        session::to_session_user(&user).unwrap()
    }

    /// Begins the set-up and swaps the random secret for the RFC key.
    async fn begin_with_rfc_secret(db: &DatabaseConnection, user_id: i32, now: DateTime<Utc>) {
        begin_enrolment(db, user_id, now).await.unwrap();
        user_totp::Entity::update_many()
            .col_expr(user_totp::Column::Secret, Expr::value(RFC_SECRET))
            .filter(user_totp::Column::UserId.eq(user_id))
            .exec(db)
            .await
            .unwrap();
    }

    async fn two_factor_audits(db: &DatabaseConnection, user_id: i32) -> Vec<String> {
        audit_log::Entity::find()
            .filter(audit_log::Column::EntityType.eq("user"))
            .filter(audit_log::Column::EntityId.eq(user_id as i64))
            .order_by_asc(audit_log::Column::Id)
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.changes)
            .filter(|c| c.contains(FIELD_TWO_FACTOR) || c.contains(FIELD_RECOVERY))
            .collect()
    }

    #[tokio::test]
    async fn set_up_then_codes_are_taken_once_and_recovery_codes_once() {
        let (db, _dir) = test_db().await;
        let sato = new_user(&db, "sato", Role::Coordinator).await;
        assert_eq!(login_step(&db, &sato).await.unwrap(), LoginStep::SignIn);

        let secret = begin_enrolment(&db, sato.id, t0()).await.unwrap();
        assert_eq!(begin_enrolment(&db, sato.id, later(60)).await.unwrap(), secret, "kept while fresh");
        assert_ne!(begin_enrolment(&db, sato.id, later(31 * 60)).await.unwrap(), secret, "renewed when stale");
        begin_with_rfc_secret(&db, sato.id, t0()).await;
        let shown = pending_enrolment(&db, sato.id).await.unwrap().unwrap();
        assert!(shown.qr_svg.starts_with("<svg") && shown.otpauth_url.contains(RFC_SECRET));
        assert!(status(&db, sato.id).await.unwrap().pending);
        assert!(!verify_login(&db, sato.id, &code(t0()), t0()).await.unwrap(), "not on before it is confirmed");

        let err = confirm_enrolment(&db, &(&sato).into(), sato.id, WRONG, t0()).await.unwrap_err();
        assert!(err.field_message("code").is_some(), "{err:?}");
        assert!(!is_enabled(&db, sato.id).await.unwrap());

        let codes = confirm_enrolment(&db, &(&sato).into(), sato.id, &code(t0()), t0()).await.unwrap();
        assert_eq!(codes.len(), totp::RECOVERY_CODE_COUNT);
        let st = status(&db, sato.id).await.unwrap();
        assert!(st.enabled && !st.pending && st.recovery_codes_left == 10, "{st:?}");
        assert!(pending_enrolment(&db, sato.id).await.unwrap().is_none());
        assert!(begin_enrolment(&db, sato.id, later(1)).await.is_err(), "already on");
        assert_eq!(recovery_codes_to_show(&db, sato.id, later(60)).await.unwrap().as_deref(), Some(&codes[..]));
        assert_eq!(recovery_codes_to_show(&db, sato.id, later(16 * 60)).await.unwrap(), None, "only for a while");
        acknowledge_recovery_codes(&db, sato.id, later(60)).await.unwrap();
        assert_eq!(recovery_codes_to_show(&db, sato.id, later(60)).await.unwrap(), None);
        assert_eq!(login_step(&db, &sato).await.unwrap(), LoginStep::Code);

        // The code that confirmed the set-up is used up; the next one works once.
        assert!(!verify_login(&db, sato.id, &code(t0()), t0()).await.unwrap());
        assert!(verify_login(&db, sato.id, &code(later(30)), later(30)).await.unwrap());
        assert!(!verify_login(&db, sato.id, &code(later(30)), later(31)).await.unwrap(), "no replay");
        assert!(!verify_login(&db, sato.id, &code(t0()), later(31)).await.unwrap(), "no older step");
        assert!(!verify_login(&db, sato.id, WRONG, later(60)).await.unwrap());

        // A recovery code, typed loosely, works once.
        let typed = codes[0].to_uppercase().replace('-', " ");
        assert!(verify_login(&db, sato.id, &typed, later(60)).await.unwrap());
        assert!(!verify_login(&db, sato.id, &codes[0], later(61)).await.unwrap());
        assert_eq!(status(&db, sato.id).await.unwrap().recovery_codes_left, 9);

        // New recovery codes replace the old ones.
        let fresh = regenerate_recovery_codes(&db, &(&sato).into(), sato.id, &code(later(90)), later(90)).await.unwrap();
        assert!(!verify_login(&db, sato.id, &codes[1], later(91)).await.unwrap());
        assert!(verify_login(&db, sato.id, &fresh[1], later(91)).await.unwrap());

        let audits = two_factor_audits(&db, sato.id).await;
        assert_eq!(audits.len(), 4, "{audits:?}");
        assert!(audits.iter().all(|a| !a.contains(&codes[0]) && !a.contains(RFC_SECRET)), "no secret in the audit trail");
    }

    #[tokio::test]
    async fn a_sign_in_waits_for_its_code_and_wrong_codes_lock_like_passwords() {
        let (db, _dir) = test_db().await;
        let sato = new_user(&db, "sato", Role::Coordinator).await;
        begin_with_rfc_secret(&db, sato.id, t0()).await;
        confirm_enrolment(&db, &(&sato).into(), sato.id, &code(t0()), t0()).await.unwrap();

        let token = start_challenge(&db, sato.id, later(20)).await.unwrap();
        assert_eq!(challenge_user(&db, &token, later(20)).await.unwrap().map(|u| u.id), Some(sato.id));
        // (The failure and the success are recorded at different times, so their order is clear.)
        let err = answer_challenge(&db, &token, WRONG, "", later(20)).await.unwrap_err();
        assert!(err.field_message("code").is_some(), "{err:?}");
        let user = answer_challenge(&db, &token, &code(later(30)), "", later(30)).await.unwrap();
        assert_eq!(user.id, sato.id);
        assert_eq!(
            answer_challenge(&db, &token, &code(later(60)), "", later(60)).await.unwrap_err(),
            AppError::BadRequest(CHALLENGE_EXPIRED.into()),
            "used up"
        );

        // Expired.
        let token = start_challenge(&db, sato.id, later(60)).await.unwrap();
        assert!(challenge_user(&db, &token, later(60 + CHALLENGE_MINUTES * 60)).await.unwrap().is_none());

        // Five wrong codes from one address lock the codes there, as five wrong passwords
        // would lock the name; a right password in between (which clears the password
        // count) does not clear it, so a password gives no fresh tries at the code.
        let client = "203.0.113.7";
        let token = start_challenge(&db, sato.id, later(120)).await.unwrap();
        for i in 0..throttle::MAX_FAILURES as i64 {
            if i == 2 {
                throttle::record(&db, "sato", client, true, later(120 + i)).await.unwrap();
            }
            let err = answer_challenge(&db, &token, WRONG, client, later(120 + i)).await.unwrap_err();
            assert!(err.field_message("code").is_some(), "{i}: {err:?}");
        }
        let err = answer_challenge(&db, &token, &code(later(130)), client, later(130)).await.unwrap_err();
        assert_eq!(err.status(), 429, "{err:?}");
        assert!(throttle::lock(&db, &code_key(sato.id), client, later(130)).await.unwrap().is_some());
        // Another address is not locked out by this one.
        assert_eq!(answer_challenge(&db, &token, &code(later(130)), "198.51.100.2", later(130)).await.unwrap().id, sato.id);
    }

    #[tokio::test]
    async fn required_roles_turning_off_and_the_administrator_reset() {
        let (db, _dir) = test_db().await;
        let admin = new_user(&db, "admin1", Role::Admin).await;
        let sato = new_user(&db, "sato", Role::Coordinator).await;
        let by_admin: Actor = (&admin).into();

        assert!(set_required_roles(&db, &by_admin, &["admin".to_string(), "bogus".to_string()], t0()).await.is_err());
        assert_eq!(set_required_roles(&db, &by_admin, &["coordinator".to_string()], t0()).await.unwrap(), vec![Role::Coordinator]);
        assert_eq!(required_roles(&db).await.unwrap(), vec![Role::Coordinator]);
        assert_eq!(login_step(&db, &sato).await.unwrap(), LoginStep::Enrol);
        assert_eq!(login_step(&db, &admin).await.unwrap(), LoginStep::SignIn);

        // Set up during sign-in, through the challenge.
        begin_with_rfc_secret(&db, sato.id, t0()).await;
        let token = start_challenge(&db, sato.id, t0()).await.unwrap();
        assert!(answer_enrolment_challenge(&db, &token, WRONG, "", t0()).await.unwrap_err().field_message("code").is_some());
        assert_eq!(answer_enrolment_challenge(&db, &token, &code(t0()), "", t0()).await.unwrap().id, sato.id);
        assert!(is_enabled(&db, sato.id).await.unwrap());
        assert!(recovery_codes_to_show(&db, sato.id, later(1)).await.unwrap().is_some());

        // A required role cannot turn it off; a wrong password neither.
        let err = disable_own(&db, &sato, "wrong password!", later(30)).await.unwrap_err();
        assert!(err.field_message("current_password").is_some(), "{err:?}");
        assert_eq!(disable_own(&db, &sato, PASSWORD, later(30)).await.unwrap_err().status(), 400);
        set_required_roles(&db, &by_admin, &[], later(30)).await.unwrap();
        disable_own(&db, &sato, PASSWORD, later(30)).await.unwrap();
        assert_eq!(status(&db, sato.id).await.unwrap(), Status { enabled: false, enabled_at: None, pending: false, recovery_codes_left: 0 });

        // The administrator's reset.
        begin_with_rfc_secret(&db, sato.id, later(60)).await;
        confirm_enrolment(&db, &(&sato).into(), sato.id, &code(later(60)), later(60)).await.unwrap();
        admin_reset(&db, &by_admin, sato.id, later(90)).await.unwrap();
        assert!(!is_enabled(&db, sato.id).await.unwrap());
        assert!(!verify_login(&db, sato.id, &code(later(90)), later(90)).await.unwrap());
        assert_eq!(status(&db, sato.id).await.unwrap().recovery_codes_left, 0);
        let audits = two_factor_audits(&db, sato.id).await;
        assert!(audits.last().unwrap().contains("管理者がリセット"), "{audits:?}");
        assert_eq!(admin_reset(&db, &by_admin, 9999, later(90)).await.unwrap_err(), AppError::NotFound);

        let setting_audits = audit_log::Entity::find()
            .filter(audit_log::Column::EntityType.eq("setting"))
            .count(&db)
            .await
            .unwrap();
        assert_eq!(setting_audits, 2);
    }

    #[test]
    fn required_roles_are_read_in_role_order_and_unknown_codes_are_ignored() {
        assert_eq!(parse_roles(""), Vec::<Role>::new());
        assert_eq!(parse_roles("viewer, admin"), vec![Role::Admin, Role::Viewer]);
        assert_eq!(parse_roles("admin,nobody,admin"), vec![Role::Admin]);
        assert_eq!(role_labels(&[]), "なし");
        assert_eq!(role_labels(&[Role::Admin, Role::Coordinator]), "管理者、コーディネーター");
    }
}
