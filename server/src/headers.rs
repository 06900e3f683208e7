//! Response headers added to everything: security headers, caching, and the HTTP status of
//! server-function errors (taken from the `AppError` they carry).

use app::error::AppError;
use app::server::security::STATIC_CSP;
use axum::body::{to_bytes, Body};
use app::server::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::header::{self, HeaderName, HeaderValue};
use http::StatusCode;
use leptos::server_fn::error::FromServerFnError;

/// Header server_fn puts on its error responses.
const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";
/// Error bodies are small JSON (the form input they echo is bounded by
/// `app::error::MAX_ECHOED_INPUT`); anything larger is not ours.
const MAX_ERROR_BODY: usize = 256 * 1024;

pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if state.auth.secure_cookies {
        // Served over https (that is what --secure-cookies says): browsers keep to it for a year.
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    h.entry(header::CONTENT_SECURITY_POLICY).or_insert(HeaderValue::from_static(STATIC_CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    res
}


/// Build output with a content-hashed name (release builds) never changes under that name:
/// browsers keep it for a year without asking again. Other build output under /pkg/ is
/// revalidated (cheap 304s); other static files may be cached for a day; pages and API
/// answers hold records of people and are never stored.
pub async fn cache_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut res = next.run(req).await;
    if res.headers().contains_key(header::CACHE_CONTROL) {
        return res;
    }
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let value = if path.starts_with("/api/") || is_html || !res.status().is_success() {
        "no-store"
    } else if is_hashed_output(&path) {
        "public, max-age=31536000, immutable"
    } else if path.starts_with("/pkg/") {
        "no-cache"
    } else {
        "public, max-age=86400"
    };
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    if path.starts_with("/pkg/") {
        // Served precompressed by what the browser accepts: caches must keep one copy per encoding.
        res.headers_mut().insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    res
}

/// server_fn answers every error with 500; give it the status of the `AppError` instead,
/// so that user errors are 4xx. Redirects of plain form posts are left alone.
pub async fn server_fn_error_status(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if !res.headers().contains_key(SERVER_FN_ERROR_HEADER) || res.headers().contains_key(header::LOCATION) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match to_bytes(body, MAX_ERROR_BODY).await {
        Ok(b) => b,
        Err(_) => {
            parts.status = StatusCode::INTERNAL_SERVER_ERROR;
            return Response::from_parts(parts, Body::empty());
        }
    };
    let err = AppError::de(bytes.clone());
    if let Ok(code) = StatusCode::from_u16(err.status()) {
        parts.status = code;
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// `/pkg/renkei.<hash>.<ext>` of this build's hashes.
fn is_hashed_output(path: &str) -> bool {
    let Some(h) = app::server::assets::hashes() else { return false };
    let Some(name) = path.strip_prefix("/pkg/renkei.") else { return false };
    [(&h.js, ".js"), (&h.wasm, ".wasm"), (&h.css, ".css")]
        .iter()
        .any(|(hash, ext)| hash.as_deref().is_some_and(|hash| name.strip_prefix(hash) == Some(*ext)))
}
