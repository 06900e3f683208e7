//! The second step of a sign-in: the challenge after the right password, the code or a
//! recovery code, throttled wrong codes.

use super::*;

/// Uses `step` of the user's codes: true only for the first caller, and only for a step
/// later than every step used before (so that one code never signs in twice, even at once).
pub(super) async fn take_step(db: &impl ConnectionTrait, user_id: i32, step: u64) -> Result<bool, AppError> {
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
pub(super) async fn challenge_for_answer(db: &impl ConnectionTrait, token: &str, client: &str, now: DateTime<Utc>) -> Result<app_user::Model, AppError> {
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
    // Sessions opened with the password alone end; the caller starts the one that used a code.
    session::end_all_for_user(db, user.id).await?;
    session::to_session_user(&user).ok_or(AppError::Unauthorized)
}

/// Wrong codes for one user from all addresses together: past this many in the window, the
/// waiting sign-ins end and the password must be given again (changing address gives no
/// more guesses; only someone who knows the password can cause it).
pub const MAX_USER_CODE_FAILURES: u64 = 10;

/// The error for a wrong code; ends the user's waiting sign-ins when wrong codes pile up.
pub(super) async fn wrong_code(db: &impl ConnectionTrait, user_id: i32, message: &str, now: DateTime<Utc>) -> AppError {
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
