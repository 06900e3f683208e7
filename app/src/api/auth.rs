//! Signing in and out, the first administrator, and the current user's own account.

use crate::domain::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The signed-in user as the browser may know them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i32,
    pub login_name: String,
    pub display_name: String,
    pub role: Role,
    /// Granted the issue registers of some professions (only the server knows which).
    pub issue_grants: bool,
}

impl SessionUser {
    /// Whether the role allows `permission`, or a grant does (reading issue registers).
    pub fn can(&self, permission: crate::domain::Permission) -> bool {
        self.role.allows(permission) || (permission == crate::domain::Permission::ReadIssues && self.issue_grants)
    }
}

/// An account as administrators see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: i32,
    pub login_name: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub version: i32,
}

/// What the layout needs: whether the app is set up, and who is signed in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub initialized: bool,
    pub user: Option<SessionUser>,
    pub demo: bool,
}

#[server(prefix = "/api", endpoint = "session")]
pub async fn get_session() -> Result<SessionInfo, AppError> {
    let state = crate::server::state()?;
    Ok(SessionInfo {
        initialized: state.is_initialized(),
        user: crate::server::auth::current_user(),
        demo: crate::server::services::settings::get(&state.db, "demo_seeded").await?.is_some(),
    })
}

#[server(prefix = "/api", endpoint = "setup")]
pub async fn setup_admin(
    login_name: String,
    display_name: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    use crate::server::services::users::{self, NewUser};
    let state = crate::server::state()?;
    let now = chrono::Utc::now();
    let input = NewUser { login_name, display_name, role: String::new(), password, password_confirm: Some(password_confirm) };
    let user = users::create_first_admin(&state.db, &input, now).await?;
    state.mark_initialized();
    let token = crate::server::auth::session::create(&state.db, user.id, now).await?;
    crate::server::auth::set_cookie(&crate::server::auth::session_cookie(Some(&token), state.auth.secure_cookies));
    leptos_axum::redirect("/");
    Ok(())
}

#[server(prefix = "/api", endpoint = "login")]
pub async fn login(login_name: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::server::auth::{self, session, throttle};
    let state = crate::server::state()?;
    let now = chrono::Utc::now();
    if login_name.trim().is_empty() || password.is_empty() {
        return Err(AppError::BadRequest("ログイン名とパスワードを入力してください。".into()));
    }
    let user = crate::server::services::users::authenticate(&state.db, &login_name, &password, now).await?;
    session::purge_expired(&state.db, state.auth.idle, now).await?;
    throttle::purge_old(&state.db, now).await?;
    let token = session::create(&state.db, user.id, now).await?;
    auth::set_cookie(&auth::session_cookie(Some(&token), state.auth.secure_cookies));
    leptos_axum::redirect(&auth::safe_next(next.as_deref()));
    Ok(())
}

#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::auth;
    let state = crate::server::state()?;
    if let Some(parts) = use_context::<http::request::Parts>() {
        if let Some(token) = auth::cookie_token(&parts.headers) {
            auth::session::end(&state.db, &token).await?;
        }
    }
    auth::set_cookie(&auth::session_cookie(None, state.auth.secure_cookies));
    leptos_axum::redirect("/login");
    Ok(())
}

#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    new_password_confirm: String,
) -> Result<(), AppError> {
    let user = crate::server::auth::require_user()?;
    let state = crate::server::state()?;
    crate::server::services::users::change_own_password(
        &state.db,
        &user,
        &current_password,
        &new_password,
        &new_password_confirm,
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect("/account?changed=1");
    Ok(())
}
