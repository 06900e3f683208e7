//! Turning two-step sign-in off, the administrator's reset, and the roles that must use it.

use super::*;

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

pub(super) async fn remove_all(db: &impl ConnectionTrait, user_id: i32) -> Result<(), AppError> {
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

/// Roles that must use two-step sign-in whatever the setting: partners read referred
/// persons' details from outside the team.
pub const ALWAYS_REQUIRED: [Role; 1] = [Role::Partner];

/// The roles that must use two-step sign-in, in the order of `Role::ALL`.
pub async fn required_roles(db: &impl ConnectionTrait) -> Result<Vec<Role>, AppError> {
    let value = settings::get(db, REQUIRED_ROLES_KEY).await?.unwrap_or_default();
    let chosen = parse_roles(&value);
    Ok(Role::ALL.into_iter().filter(|r| chosen.contains(r) || ALWAYS_REQUIRED.contains(r)).collect())
}

pub(super) fn parse_roles(value: &str) -> Vec<Role> {
    let codes: Vec<&str> = value.split(',').map(str::trim).collect();
    Role::ALL.into_iter().filter(|r| codes.contains(&r.code())).collect()
}

pub(super) fn role_labels(roles: &[Role]) -> String {
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
    let wanted: Vec<Role> = Role::ALL.into_iter().filter(|r| roles.iter().any(|c| c == r.code()) || ALWAYS_REQUIRED.contains(r)).collect();
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
