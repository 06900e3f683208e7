//! Requests whose text holds NUL are refused at the door: nobody types it, PostgreSQL cannot
//! store it (it answers a database error, which became a 500), and SQLite would keep it.
//! Form bodies are read here once, within the size limit server functions have anyway.

use app::error::{AppError, TOO_LARGE};
use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{self, HeaderValue};
use http::StatusCode;
use leptos::server_fn::error::FromServerFnError;

/// axum's default body limit, which server functions read their arguments under.
pub const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;

const NUL_MESSAGE: &str = "使用できない文字（NUL）が含まれています。入力内容を確認してください。";

fn has_encoded_nul(s: &str) -> bool {
    s.contains("%00")
}

/// A refusal before any handler ran: `AppError` JSON for server functions (their callers
/// read it), its plain message otherwise.
pub fn refuse(path: &str, error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    refuse_with(status, path, error)
}

/// `refuse` with a status of its own (408, which no `AppError` carries).
pub fn refuse_with(status: StatusCode, path: &str, error: AppError) -> Response {
    if path.starts_with("/api/") {
        let mut res = (status, error.ser()).into_response();
        res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        res
    } else {
        (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], error.to_string()).into_response()
    }
}

pub async fn no_nul(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if has_encoded_nul(req.uri().path()) || req.uri().query().is_some_and(has_encoded_nul) {
        return refuse(&path, AppError::BadRequest(NUL_MESSAGE.into()));
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes = match to_bytes(body, MAX_FORM_BYTES).await {
        Ok(b) => b,
        Err(_) => return refuse(&path, AppError::TooLarge(TOO_LARGE.into())),
    };
    if bytes.contains(&0) || bytes.windows(3).any(|w| w == b"%00") {
        return refuse(&path, AppError::BadRequest(NUL_MESSAGE.into()));
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_nul_is_found() {
        assert!(has_encoded_nul("q=a%00b"));
        assert!(!has_encoded_nul("q=a%20b&fy=2024"));
    }
}
