//! Who is asking, and may they? Sessions, passwords, login throttling and the permission
//! check that every server function calls first.

pub mod password;
pub mod session;
pub mod throttle;
pub mod token;
pub mod totp;

use crate::server::services::issues::access::IssueAccess;
use crate::dto::auth::SessionUser;
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;

pub const SESSION_COOKIE: &str = "renkei_session";

/// Settings of sessions and cookies.
#[derive(Clone, Debug)]
pub struct AuthConfig {
    /// A session ends after this long without a request.
    pub idle: chrono::Duration,
    /// Send cookies with `Secure` and `Strict-Transport-Security` (the site is served over https).
    pub secure_cookies: bool,
    /// Host names the site answers to, besides `localhost` and IP addresses (which no DNS
    /// rebinding can borrow): those of `--public-url`.
    pub public_hosts: Vec<String>,
}

impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig { idle: chrono::Duration::hours(8), secure_cookies: false, public_hosts: Vec::new() }
    }
}

impl AuthConfig {
    /// Whether a request's `Host` names this site.
    pub fn serves_host(&self, host: &str) -> bool {
        let name = host_name(host);
        !name.is_empty()
            && (name.eq_ignore_ascii_case("localhost")
                || name.parse::<std::net::IpAddr>().is_ok()
                || self.public_hosts.iter().any(|h| h.eq_ignore_ascii_case(name)))
    }
}

/// `example.jp:8080` → `example.jp`; `[::1]:3000` → `::1`.
fn host_name(host: &str) -> &str {
    let host = host.trim();
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or("");
    }
    host.rsplit_once(':').filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit())).map_or(host, |(name, _)| name)
}

/// The signed-in user of this request, as found by the session middleware.
pub fn current_user() -> Option<SessionUser> {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<SessionUser>().cloned())
}

/// The signed-in user if their role allows `permission`: 401 when nobody is signed in,
/// 403 when the role does not allow it.
pub fn authorize(permission: Permission) -> Result<SessionUser, AppError> {
    permit(current_user(), permission)
}

/// The one permission rule, for server functions (`authorize`) and downloads alike: 401
/// without a user, 403 when their role (or grants) does not allow `permission`.
pub fn permit(user: Option<SessionUser>, permission: Permission) -> Result<SessionUser, AppError> {
    let user = user.ok_or(AppError::Unauthorized)?;
    if user.can(permission) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The signed-in user and their access to the issue registers: 401 without a session, 403
/// when they may read none.
pub async fn issue_access() -> Result<(SessionUser, IssueAccess), AppError> {
    let user = require_user()?;
    let access = IssueAccess::of(&crate::server::db()?, &user).await?;
    Ok((user, access))
}

/// The signed-in user's access to the issue registers, or None when they may read none (for
/// pages that show issues only to some).
pub async fn optional_issue_access() -> Result<Option<IssueAccess>, AppError> {
    let user = require_user()?;
    IssueAccess::optional(&crate::server::db()?, &user).await
}

/// The address a request came from, as the server found it (a request extension).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientAddr(pub String);

/// The client address of this request, "" when unknown.
pub fn client_address() -> String {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ClientAddr>().map(|c| c.0.clone()))
        .unwrap_or_default()
}

/// Any signed-in user.
pub fn require_user() -> Result<SessionUser, AppError> {
    current_user().ok_or(AppError::Unauthorized)
}

/// The session token sent by the browser, if any.
pub fn cookie_token(headers: &http::HeaderMap) -> Option<String> {
    cookie(headers, SESSION_COOKIE)
}

/// The non-empty value of the cookie `wanted`, if the browser sent it.
pub fn cookie(headers: &http::HeaderMap, wanted: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .map(|(_, value)| value.to_string())
        .filter(|v| !v.is_empty())
}

/// `Set-Cookie` value for a new session, or for removing it (`token` None).
pub fn session_cookie(token: Option<&str>, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    match token {
        Some(t) => format!("{SESSION_COOKIE}={t}; Path=/; HttpOnly; SameSite=Lax{secure}"),
        None => format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    }
}

/// Adds a `Set-Cookie` header to the current response.
pub fn set_cookie(value: &str) {
    if let (Some(opts), Ok(v)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        opts.append_header(http::header::SET_COOKIE, v);
    }
}

/// Where to go after login: only paths of this site, of printable ASCII (what a browser
/// sends is percent-encoded), so that nothing can end the `Location` header or leave the site.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/login")
                && n.len() <= 2000
                && n.bytes().all(|b| b.is_ascii_graphic() && b != b'\\') =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_is_found_among_others() {
        let mut h = http::HeaderMap::new();
        h.insert(http::header::COOKIE, "a=1; renkei_session=abc; b=2".parse().unwrap());
        assert_eq!(cookie_token(&h).as_deref(), Some("abc"));
        let mut h = http::HeaderMap::new();
        h.insert(http::header::COOKIE, "renkei_session=".parse().unwrap());
        assert_eq!(cookie_token(&h), None);
    }

    #[test]
    fn cookies_are_http_only_and_lax() {
        let c = session_cookie(Some("t"), false);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && !c.contains("Secure"));
        assert!(session_cookie(Some("t"), true).ends_with("; Secure"));
        assert!(session_cookie(None, false).contains("Max-Age=0"));
    }

    #[test]
    fn hosts_are_localhost_addresses_and_the_public_url() {
        let c = AuthConfig { public_hosts: vec!["renkei.kamaishi.example.jp".into()], ..Default::default() };
        for ok in ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "192.168.1.20", "Renkei.Kamaishi.example.jp", "renkei.kamaishi.example.jp:443"] {
            assert!(c.serves_host(ok), "{ok}");
        }
        for bad in ["evil.example", "evil.example:3000", "renkei.kamaishi.example.jp.evil.example", "", "localhost.evil.example", "127.0.0.1.nip.io"] {
            assert!(!c.serves_host(bad), "{bad}");
        }
    }

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/directory/people?q=x")), "/directory/people?q=x");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil")), "/");
        assert_eq!(safe_next(Some("/login")), "/");
        assert_eq!(safe_next(None), "/");
        for bad in ["/\t/evil.example/", "/a\r\nSet-Cookie: x=1", "/a\nb", "/a b", "/会議", "/\u{7f}"] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(Some("/meetings?fy=2024&q=%E4%BC%9A")), "/meetings?fy=2024&q=%E4%BC%9A");
    }
}
