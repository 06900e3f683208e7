//! Setting up two-step sign-in from one's own account, and the one-time recovery codes.

use super::*;

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
pub(super) async fn store_recovery_codes(db: &impl ConnectionTrait, user_id: i32, codes: &[String]) -> Result<(), AppError> {
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

pub(super) async fn set_fresh_codes(db: &impl ConnectionTrait, user_id: i32, codes: Option<String>, now: DateTime<Utc>) -> Result<(), AppError> {
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
