//! Form errors without the URL. A plain form post that a server function rejects is sent
//! back to its page by server_fn with the whole error — messages and everything typed — in
//! the query (`__path`, `__err`). Here that redirect is rewritten: the error is kept on the
//! server (`services::system::form_rejections`) under a random id bound to the session, the page is
//! reached as `?__form=<id>#form-errors`, and on that request the id is swapped back for what
//! leptos reads. Links nobody's server made show nothing; the typed text stays out of
//! browser history and proxy logs.

use app::server::auth::{cookie_token, token::digest, totp::challenge_token};
use app::server::services::system;
use app::server::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::header::{self, HeaderValue};
use http::{HeaderMap, Uri};

/// The query parameter with the kept rejection's id.
pub const FORM_PARAM: &str = "__form";
const PATH_PARAM: &str = "__path";
const ERR_PARAM: &str = "__err";
/// Where the page puts its error summary (the browser scrolls there).
pub const SUMMARY_ANCHOR: &str = "form-errors";

/// Whose rejection it is: the session cookie, else the pending sign-in's, else nobody.
pub fn owner(headers: &HeaderMap) -> String {
    cookie_token(headers).or_else(|| challenge_token(headers)).map(|t| digest(&t)).unwrap_or_default()
}

/// Keeps the errors of server functions' redirects, and restores them on page requests.
pub async fn form_errors(state: State<AppState>, req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/api/") {
        let owner = owner(req.headers());
        let res = next.run(req).await;
        if res.status().is_redirection() {
            keep_on_redirect(&state.0, &owner, res).await
        } else {
            res
        }
    } else {
        restore(state, req, next).await
    }
}

/// Rewrites a server function's redirect (see the module comment). `owner`: of the request.
async fn keep_on_redirect(state: &AppState, owner: &str, mut res: Response) -> Response {
    let Some(location) = res.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_string) else {
        return res;
    };
    let (target, pairs) = split_location(&location);
    if !pairs.iter().any(|(k, _)| is_error_param(k)) {
        return res;
    }
    let target = local_path(target);
    let path = pairs.iter().find(|(k, _)| *k == PATH_PARAM).map(|(_, v)| *v);
    let err = pairs.iter().find(|(k, _)| *k == ERR_PARAM).map(|(_, v)| *v);
    let mut rest = other_params(&pairs);
    let mut fragment = "";
    if let (Some(path), Some(err)) = (path, err) {
        match system::form_rejections::keep(&state.db, owner, path, err, chrono::Utc::now()).await {
            Ok(Some(id)) => {
                rest.push(format!("{FORM_PARAM}={id}"));
                fragment = SUMMARY_ANCHOR;
            }
            Ok(None) => {}
            Err(e) => tracing::warn!("keeping a rejected form failed: {e:?}"),
        }
    }
    let mut new_location = target.to_string();
    if !rest.is_empty() {
        new_location.push('?');
        new_location.push_str(&rest.join("&"));
    }
    if !fragment.is_empty() {
        new_location.push('#');
        new_location.push_str(fragment);
    }
    match HeaderValue::from_str(&new_location) {
        Ok(v) => {
            res.headers_mut().insert(header::LOCATION, v);
            // The error body echoes the input; a redirect needs none.
            *res.body_mut() = Body::empty();
            res.headers_mut().remove(header::CONTENT_LENGTH);
        }
        Err(_) => tracing::warn!("unusable redirect target from a server function"),
    }
    res
}

/// Swaps `?__form=<id>` of a page request for the kept error, or drops it when there is none.
async fn restore(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let Some(query) = req.uri().query().map(str::to_string) else { return next.run(req).await };
    let pairs = split_query(&query);
    if !pairs.iter().any(|(k, _)| is_error_param(k)) {
        return next.run(req).await;
    }
    let kept = match pairs.iter().find(|(k, _)| *k == FORM_PARAM) {
        Some((_, id)) => system::form_rejections::find(&state.db, id, &owner(req.headers()), chrono::Utc::now()).await.unwrap_or_else(|e| {
            tracing::warn!("reading a rejected form failed: {e:?}");
            None
        }),
        None => None,
    };
    // Anything leptos would read as an error comes only from here.
    let mut rest = other_params(&pairs);
    if let Some((path, payload)) = kept {
        rest.push(format!("{PATH_PARAM}={path}"));
        rest.push(format!("{ERR_PARAM}={payload}"));
    }
    let path = req.uri().path().to_string();
    let pq = if rest.is_empty() { path } else { format!("{path}?{}", rest.join("&")) };
    let mut parts = req.uri().clone().into_parts();
    if let Ok(pq) = pq.parse() {
        parts.path_and_query = Some(pq);
        if let Ok(uri) = Uri::from_parts(parts) {
            *req.uri_mut() = uri;
        }
    }
    next.run(req).await
}

/// A redirect target as path (with no scheme or host: the form's page is on this site) and
/// its raw query pairs.
fn split_location(location: &str) -> (&str, Vec<(&str, &str)>) {
    let without_fragment = location.split('#').next().unwrap_or("");
    let after_origin = match without_fragment.find("://") {
        Some(i) => {
            let rest = &without_fragment[i + 3..];
            rest.find('/').map_or("/", |j| &rest[j..])
        }
        None => without_fragment,
    };
    match after_origin.split_once('?') {
        Some((path, query)) => (path, split_query(query)),
        None => (after_origin, Vec::new()),
    }
}

fn split_query(query: &str) -> Vec<(&str, &str)> {
    query.split('&').filter(|p| !p.is_empty()).map(|p| p.split_once('=').unwrap_or((p, ""))).collect()
}

/// The query pairs that are not error parameters, as they came (still encoded).
fn other_params(pairs: &[(&str, &str)]) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, _)| !is_error_param(k))
        .map(|(k, v)| if v.is_empty() { k.to_string() } else { format!("{k}={v}") })
        .collect()
}

/// Whether a raw query key names one of the error parameters, however it is encoded
/// (leptos decodes keys before it reads them: `%5F%5Ferr` is `__err` to it).
fn is_error_param(raw_key: &str) -> bool {
    let bytes = raw_key.as_bytes();
    let mut key = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                    Ok(b) => {
                        key.push(b);
                        i += 3;
                        continue;
                    }
                    Err(_) => key.push(b'%'),
                }
            }
            b'+' => key.push(b' '),
            b => key.push(b),
        }
        i += 1;
    }
    [PATH_PARAM, ERR_PARAM, FORM_PARAM].iter().any(|p| key == p.as_bytes())
}

/// A redirect target on this site: a path with one leading slash (`//host` would leave it).
fn local_path(path: &str) -> &str {
    if path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\") {
        path
    } else {
        "/"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_targets_lose_their_origin_and_keep_other_parameters() {
        let (path, pairs) = split_location("http://127.0.0.1:3100/meetings/new?fy=2024&__path=%2Fapi%2Fx&__err=eyJ%3D#x");
        assert_eq!(path, "/meetings/new");
        assert_eq!(pairs, vec![("fy", "2024"), ("__path", "%2Fapi%2Fx"), ("__err", "eyJ%3D")]);
        assert_eq!(split_location("/a").0, "/a");
        assert_eq!(split_location("https://h").0, "/");
    }

    #[test]
    fn error_parameters_are_known_however_encoded_and_targets_stay_local() {
        for k in ["__err", "%5F%5Ferr", "%5f_path", "__form", "%5F%5F%66orm"] {
            assert!(is_error_param(k), "{k}");
        }
        for k in ["err", "fy", "__errx", "%", "%5"] {
            assert!(!is_error_param(k), "{k}");
        }
        assert_eq!(local_path("/meetings/new"), "/meetings/new");
        assert_eq!(local_path("//evil.example/x"), "/");
        assert_eq!(local_path("/\\evil.example"), "/");
        assert_eq!(local_path("evil"), "/");
    }
}
