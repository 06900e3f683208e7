//! Two-step sign-in (TOTP) from one's own account (/account/two-factor), and its
//! administration: the roles that must use it, and an administrator's reset.
//! Every write is a plain form post that redirects, so it works without JavaScript.

pub use crate::dto::two_factor::*;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn format_at(at: Option<chrono::DateTime<chrono::Utc>>) -> String {
    at.map(crate::domain::dates::day_time).unwrap_or_default()
}

#[cfg(feature = "ssr")]
async fn code_checked_write(user: crate::api::auth::SessionUser, code: String, write: crate::server::services::accounts::two_factor::CodeWrite) -> Result<(), AppError> {
    let db = crate::server::db()?;
    let client = crate::server::auth::client_address();
    crate::server::services::accounts::two_factor::code_checked_write(&db, &(&user).into(), user.id, &code, &client, write, chrono::Utc::now()).await
}

#[server(prefix = "/api", endpoint = "two_factor")]
pub async fn get_two_factor() -> Result<TwoFactorView, AppError> {
    use crate::server::services::accounts;
    let user = crate::server::auth::require_user()?;
    let db = crate::server::db()?;
    let now = chrono::Utc::now();
    let status = accounts::two_factor::status(&db, user.id).await?;
    let required = accounts::two_factor::is_required(&db, user.role).await?;
    let enrolment = if status.pending {
        accounts::two_factor::pending_enrolment(&db, user.id)
            .await?
            .map(|e| EnrolmentView { secret_grouped: e.secret_grouped, qr_svg: e.qr_svg })
    } else {
        None
    };
    let fresh_codes = if status.enabled { accounts::two_factor::recovery_codes_to_show(&db, user.id, now).await? } else { None };
    Ok(TwoFactorView {
        enabled: status.enabled,
        enabled_at: format_at(status.enabled_at),
        pending: status.pending,
        recovery_codes_left: status.recovery_codes_left,
        required,
        enrolment,
        fresh_codes,
    })
}

/// The signed-in user's status only (for /account: no secret, no codes in that page).
#[server(prefix = "/api", endpoint = "two_factor_status")]
pub async fn get_own_two_factor_status() -> Result<TwoFactorStatus, AppError> {
    use crate::server::services::accounts;
    let user = crate::server::auth::require_user()?;
    let db = crate::server::db()?;
    let status = accounts::two_factor::status(&db, user.id).await?;
    Ok(TwoFactorStatus {
        enabled: status.enabled,
        enabled_at: format_at(status.enabled_at),
        pending: status.pending,
        recovery_codes_left: status.recovery_codes_left,
        required: accounts::two_factor::is_required(&db, user.role).await?,
    })
}

/// Begins the set-up: a secret (not yet in use) whose QR code the page then shows.
#[server(prefix = "/api", endpoint = "two_factor_begin")]
pub async fn two_factor_begin() -> Result<(), AppError> {
    let user = crate::server::auth::require_user()?;
    let now = chrono::Utc::now();
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::accounts::two_factor::begin_enrolment(txn, user.id, now).await.map(|_| ())
    }))
    .await?;
    leptos_axum::redirect("/account/two-factor");
    Ok(())
}

/// Finishes the set-up with the first code from the app; the page then shows the recovery codes.
#[server(prefix = "/api", endpoint = "two_factor_confirm")]
pub async fn two_factor_confirm(code: String) -> Result<(), AppError> {
    let user = crate::server::auth::require_user()?;
    let user_id = user.id;
    code_checked_write(user, code, crate::server::services::accounts::two_factor::CodeWrite::Confirm).await?;
    // A session opened with the password alone (perhaps by someone else) ends: what needs
    // the second factor, such as a referred person's details, opens only for this one.
    let this_session = use_context::<http::request::Parts>().and_then(|p| crate::server::auth::cookie_token(&p.headers));
    crate::server::auth::session::end_others_for_user(&crate::server::db()?, user_id, this_session.as_deref()).await?;
    leptos_axum::redirect("/account/two-factor");
    Ok(())
}

/// The user saved their recovery codes: they are not shown again.
#[server(prefix = "/api", endpoint = "two_factor_acknowledge")]
pub async fn two_factor_acknowledge() -> Result<(), AppError> {
    let user = crate::server::auth::require_user()?;
    let now = chrono::Utc::now();
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::accounts::two_factor::acknowledge_recovery_codes(txn, user.id, now).await
    }))
    .await?;
    leptos_axum::redirect("/account?two_factor=saved");
    Ok(())
}

/// New recovery codes against a current code from the app; the old ones stop working.
#[server(prefix = "/api", endpoint = "two_factor_regenerate")]
pub async fn two_factor_regenerate(code: String) -> Result<(), AppError> {
    let user = crate::server::auth::require_user()?;
    code_checked_write(user, code, crate::server::services::accounts::two_factor::CodeWrite::Regenerate).await?;
    leptos_axum::redirect("/account/two-factor");
    Ok(())
}

/// Turns one's own two-step sign-in off (current password required; refused when the role
/// must use it).
#[server(prefix = "/api", endpoint = "two_factor_disable")]
pub async fn two_factor_disable(current_password: String) -> Result<(), AppError> {
    let user = crate::server::auth::require_user()?;
    let now = chrono::Utc::now();
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::accounts::two_factor::disable_own(txn, &user, &current_password, now).await
    }))
    .await?;
    leptos_axum::redirect("/account?two_factor=off");
    Ok(())
}

/// The codes of the roles that must use two-step sign-in (administrators only).
#[server(prefix = "/api", endpoint = "two_factor_roles")]
pub async fn get_two_factor_roles() -> Result<Vec<String>, AppError> {
    crate::server::auth::authorize(Permission::ManageUsers)?;
    let db = crate::server::db()?;
    let roles = crate::server::services::accounts::two_factor::required_roles(&db).await?;
    Ok(roles.into_iter().map(|r| r.code().to_string()).collect())
}

/// Chooses the roles that must use two-step sign-in (the checkboxes `roles[]`; none checked
/// sends nothing, which means no role).
#[server(prefix = "/api", endpoint = "two_factor_set_roles")]
pub async fn set_two_factor_roles(#[server(default)] roles: Vec<String>) -> Result<(), AppError> {
    let admin = crate::server::auth::authorize(Permission::ManageUsers)?;
    let now = chrono::Utc::now();
    let echoed = roles.join(",");
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::accounts::two_factor::set_required_roles(txn, &(&admin).into(), &roles, now).await.map(|_| ())
    }))
    .await
    .map_err(|e| e.with_input(vec![("roles".into(), echoed)]))?;
    leptos_axum::redirect("/admin/users?two_factor=1");
    Ok(())
}

/// A user's two-step sign-in, for the administrator's page of that user.
#[server(prefix = "/api", endpoint = "users_two_factor")]
pub async fn get_user_two_factor(id: i32) -> Result<TwoFactorStatus, AppError> {
    use crate::server::services::accounts;
    crate::server::auth::authorize(Permission::ManageUsers)?;
    let db = crate::server::db()?;
    let user = accounts::users::to_view(&accounts::users::find(&db, id).await?);
    let status = accounts::two_factor::status(&db, id).await?;
    Ok(TwoFactorStatus {
        enabled: status.enabled,
        enabled_at: format_at(status.enabled_at),
        pending: status.pending,
        recovery_codes_left: status.recovery_codes_left,
        required: accounts::two_factor::is_required(&db, user.role).await?,
    })
}

/// An administrator's reset (lost phone and recovery codes): two-step sign-in is off until
/// the user sets it up again. Wrong codes counted against the user are forgotten.
#[server(prefix = "/api", endpoint = "users_reset_two_factor")]
pub async fn reset_user_two_factor(id: i32) -> Result<(), AppError> {
    use crate::server::services::accounts;
    let admin = crate::server::auth::authorize(Permission::ManageUsers)?;
    let now = chrono::Utc::now();
    crate::server::transaction(move |txn| Box::pin(async move {
        accounts::two_factor::admin_reset(txn, &(&admin).into(), id, now).await?;
        crate::server::auth::throttle::clear(txn, &accounts::two_factor::code_key(id)).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/admin/users/{id}?two_factor=1"));
    Ok(())
}
