//! Who is asking (session cookie → user), where they may go (setup, login), and refusal of
//! cross-site writes.

use app::api::auth::SessionUser;
use app::server::auth::{cookie_token, session, session_cookie};
use app::server::services::accounts;
use app::server::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{self, HeaderValue};
use http::{Method, StatusCode};

/// Resolves the session into a `SessionUser` request extension, and sends page requests to
/// the first-run setup or the login page when needed.
pub async fn session_and_pages(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let mut clear_cookie = false;
    if let Some(token) = cookie_token(req.headers()) {
        match session::resolve(&state.db, &token, state.auth.idle, chrono::Utc::now()).await {
            Ok(Some(user)) => {
                req.extensions_mut().insert(user);
            }
            Ok(None) => clear_cookie = true,
            Err(e) => tracing::warn!("session lookup failed: {e:?}"),
        }
    }

    let path = req.uri().path().to_string();
    if is_page(req.method(), &path) {
        let user = req.extensions().get::<SessionUser>();
        let signed_in = user.is_some();
        // Collectors and partners see only their section: that is their home page.
        let home = user.map_or("/", |u| u.role.home());
        let target = req.uri().path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".into());
        if let Some(to) = page_redirect(&state, signed_in, home, &path, &target).await {
            return see_other(&to);
        }
    }

    let mut res = next.run(req).await;
    // A login with a stale cookie sets a new session: clearing after it would sign out again.
    if clear_cookie && !sets_session_cookie(&res) {
        if let Ok(v) = HeaderValue::from_str(&session_cookie(None, state.auth.secure_cookies)) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

fn sets_session_cookie(res: &Response) -> bool {
    let name = app::server::auth::SESSION_COOKIE.as_bytes();
    res.headers().get_all(header::SET_COOKIE).iter().any(|v| v.as_bytes().strip_prefix(name).is_some_and(|rest| rest.starts_with(b"=")))
}

/// `home`: the signed-in user's home page; `target`: the requested path with its query, to
/// come back to after login.
async fn page_redirect(state: &AppState, signed_in: bool, home: &str, path: &str, target: &str) -> Option<String> {
    if !state.is_initialized() {
        // Another server may have done the setup: ask the database before insisting.
        match accounts::users::count(&state.db).await {
            Ok(n) if n > 0 => state.mark_initialized(),
            _ => return (path != "/setup").then(|| "/setup".to_string()),
        }
    }
    match path {
        "/setup" => Some(home.to_string()),
        "/login" | "/login/code" if signed_in => Some(home.to_string()),
        "/login" | "/login/code" => None,
        // The published resource list is for everyone (a path that climbs out of /public by
        // "." or ".." segments is not).
        p if (p == "/public" || p.starts_with("/public/")) && !p.split('/').any(|s| s == "." || s == "..") => None,
        _ if !signed_in => Some(format!("/login?next={}", urlencode(target))),
        "/" if home != "/" => Some(home.to_string()),
        _ => None,
    }
}

/// Pages are GETs of paths that are not the API, build output, health check or files.
fn is_page(method: &Method, path: &str) -> bool {
    (method == Method::GET || method == Method::HEAD)
        && !path.starts_with("/api/")
        && !path.starts_with("/pkg/")
        && path != "/healthz"
        && !path.rsplit('/').next().unwrap_or("").contains('.')
}

fn see_other(to: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Answers only for this site's own host names (see `AuthConfig::serves_host`): a page
/// reached through another name — DNS rebinding — could otherwise claim a fresh install or
/// read answers with the browser's cookies for that name. The health check answers any name.
pub async fn known_host(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .or_else(|| req.uri().authority().map(|a| a.to_string()));
    if req.uri().path() == "/healthz" || host.as_deref().is_some_and(|h| state.auth.serves_host(h)) {
        return next.run(req).await;
    }
    tracing::warn!(?host, path = %req.uri().path(), "request for an unknown host name refused");
    (
        StatusCode::MISDIRECTED_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "このアドレス（ホスト名）では提供していません。管理者が --public-url に設定したアドレスで開いてください。",
    )
        .into_response()
}

/// Refuses state-changing requests that do not come from this site's own pages: the
/// `Origin` (or, failing that, `Referer`) must name the host the request was sent to.
/// Together with `SameSite=Lax` cookies this stops cross-site request forgery.
pub async fn csrf_guard(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let host = req.headers().get(header::HOST).and_then(|v| v.to_str().ok());
    let source = req
        .headers()
        .get(header::ORIGIN)
        .or_else(|| req.headers().get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    match (host, source.and_then(authority)) {
        (Some(host), Some(from)) if from.eq_ignore_ascii_case(host) => next.run(req).await,
        _ => {
            tracing::warn!(path = %req.uri().path(), ?host, ?source, "cross-site request refused");
            (StatusCode::FORBIDDEN, "別のサイトからの送信は受け付けません。").into_response()
        }
    }
}

/// `https://host:port/path` → `host:port`.
fn authority(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|a| !a.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authority_of_origins_and_referers() {
        assert_eq!(authority("http://127.0.0.1:3000"), Some("127.0.0.1:3000"));
        assert_eq!(authority("https://renkei.example.jp/login?next=/"), Some("renkei.example.jp"));
        assert_eq!(authority("null"), None);
        assert_eq!(authority("http://"), None);
    }

    #[test]
    fn pages_versus_other_paths() {
        assert!(is_page(&Method::GET, "/"));
        assert!(is_page(&Method::GET, "/directory/organisations/3"));
        assert!(!is_page(&Method::POST, "/login"));
        assert!(!is_page(&Method::GET, "/api/session"));
        assert!(!is_page(&Method::GET, "/pkg/renkei.wasm"));
        assert!(!is_page(&Method::GET, "/favicon.svg"));
        assert!(!is_page(&Method::GET, "/healthz"));
    }

    #[test]
    fn next_is_encoded() {
        assert_eq!(urlencode("/a?b=c&d"), "/a%3Fb%3Dc%26d");
    }
}
