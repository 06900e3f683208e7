//! Signing in and out, the first administrator, and the current user's own account.

pub use crate::dto::auth::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "session")]
pub async fn get_session() -> Result<SessionInfo, AppError> {
    use crate::server::services::system::settings;
    let state = crate::server::state()?;
    // The layout asks on every page: both settings in one query.
    let kept = settings::get_many(&state.db, &[settings::DEMO_SEEDED, settings::TEAM_NAME]).await?;
    let value = |key: &str| kept.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    Ok(SessionInfo {
        initialized: state.is_initialized(),
        user: crate::server::auth::current_user(),
        demo: value(settings::DEMO_SEEDED).is_some(),
        team_name: value(settings::TEAM_NAME).unwrap_or_default(),
    })
}

#[server(prefix = "/api", endpoint = "setup")]
pub async fn setup_admin(
    login_name: String,
    display_name: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    use crate::server::services::accounts::users::{self, NewUser};
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
    use crate::server::auth::{self, session, throttle, totp};
    use crate::server::services::accounts::{self, two_factor::AfterPassword};
    let state = crate::server::state()?;
    let now = chrono::Utc::now();
    if login_name.trim().is_empty() || password.is_empty() {
        return Err(AppError::BadRequest("ログイン名とパスワードを入力してください。".into()));
    }
    let client = auth::client_address();
    let user = crate::server::services::accounts::users::authenticate(&state.db, &login_name, &password, &client, now).await?;
    session::purge_expired(&state.db, state.auth.idle, now).await?;
    throttle::purge_old(&state.db, now).await?;
    accounts::two_factor::purge_expired(&state.db, now).await?;
    let next = auth::safe_next(next.as_deref());
    match accounts::two_factor::after_password(&state.db, &user, now).await? {
        AfterPassword::Session(token) => {
            auth::set_cookie(&auth::session_cookie(Some(&token), state.auth.secure_cookies));
            leptos_axum::redirect(&next);
        }
        AfterPassword::Challenge(token) => {
            auth::set_cookie(&totp::challenge_cookie(Some(&token), state.auth.secure_cookies, accounts::two_factor::CHALLENGE_MINUTES * 60));
            leptos_axum::redirect(&totp::code_page(&next));
        }
    }
    Ok(())
}

#[cfg(feature = "ssr")]
fn challenge_token() -> Option<String> {
    use_context::<http::request::Parts>().and_then(|p| crate::server::auth::totp::challenge_token(&p.headers))
}

#[server(prefix = "/api", endpoint = "login_challenge")]
pub async fn get_login_challenge() -> Result<Option<LoginChallengeView>, AppError> {
    use crate::server::services::accounts;
    let state = crate::server::state()?;
    let Some(token) = challenge_token() else { return Ok(None) };
    let Some(user) = accounts::two_factor::challenge_user(&state.db, &token, chrono::Utc::now()).await? else { return Ok(None) };
    let enrol = if accounts::two_factor::is_enabled(&state.db, user.id).await? {
        None
    } else {
        accounts::two_factor::pending_enrolment(&state.db, user.id).await?.map(|e| crate::api::two_factor::EnrolmentView { secret_grouped: e.secret_grouped, qr_svg: e.qr_svg })
    };
    Ok(Some(LoginChallengeView { display_name: user.display_name, enrol }))
}

/// The second step of a sign-in: the code from the authenticator app, or a recovery code;
/// for a user who must set it up, the first code of the new secret.
#[server(prefix = "/api", endpoint = "login_code")]
pub async fn login_code(code: String, next: Option<String>) -> Result<(), AppError> {
    use crate::server::auth::{self, session, totp};
    use crate::server::services::accounts;
    let state = crate::server::state()?;
    let now = chrono::Utc::now();
    let token = challenge_token().ok_or_else(|| AppError::BadRequest(accounts::two_factor::CHALLENGE_EXPIRED.into()))?;
    let (user, enrolled) = accounts::two_factor::answer(&state.db, &token, &code, &auth::client_address(), now).await?;
    let session_token = session::create(&state.db, user.id, now).await?;
    auth::set_cookie(&auth::session_cookie(Some(&session_token), state.auth.secure_cookies));
    auth::set_cookie(&totp::challenge_cookie(None, state.auth.secure_cookies, 0));
    // A new set-up shows its recovery codes once, on the account's page.
    let to = if enrolled { "/account/two-factor".to_string() } else { auth::safe_next(next.as_deref()) };
    leptos_axum::redirect(&to);
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
    // Drafts of forms kept in this browser go with the session: the next person at a shared
    // computer finds none of them.
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        opts.insert_header(http::header::HeaderName::from_static("clear-site-data"), http::HeaderValue::from_static("\"storage\""));
    }
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
    let this_session = use_context::<http::request::Parts>().and_then(|p| crate::server::auth::cookie_token(&p.headers));
    crate::server::services::accounts::users::change_own_password(
        &state.db,
        &user,
        this_session.as_deref(),
        &current_password,
        &new_password,
        &new_password_confirm,
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect("/account?changed=1");
    Ok(())
}
