//! At most a few requests are worked on at once; the others wait their turn. Pages are
//! rendered whole in memory, so without a bound 32 concurrent requests hold 32 pages and
//! their data at once (hundreds of MB), while two cores finish them no sooner.
//!
//! A request takes its turn only once its body has arrived: a client trickling its body must
//! not hold a turn (six of them once starved every page). Bodies get a deadline and a size
//! limit here, answered with a plain 408 or 413, and all bodies being read at once share a
//! memory budget (so that many large, slow bodies cannot fill the memory).
//!
//! A file upload over its limit is different: the person chose a wrong file and should see
//! why next to the field. Its body is read to the end and thrown away (up to `DRAIN_CAP`;
//! a browser shown a reply before it finished sending reports a broken connection), then
//! the form's page is opened with its `size` message.

use crate::input::{refuse, refuse_with, MAX_FORM_BYTES};
use app::error::{AppError, TOO_LARGE};
use axum::body::{Body, HttpBody};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::header;
use http::StatusCode;
use std::sync::OnceLock;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Requests in progress per core.
const PER_CORE: usize = 2;
/// The whole body must arrive within this (the CSV upload within `UPLOAD_DEADLINE`).
pub const BODY_DEADLINE: Duration = Duration::from_secs(20);
const UPLOAD_DEADLINE: Duration = Duration::from_secs(120);
/// The imports' file uploads and their size limits.
pub const UPLOADS: [(&str, usize); 5] = [
    ("/consultations/import", app::server::services::consultations::import::MAX_FILE_BYTES),
    ("/resources/import", app::server::services::resources::import::MAX_FILE_BYTES),
    ("/directory/organisations/import", app::server::services::shared::uploads::MAX_FILE_BYTES),
    ("/directory/people/import", app::server::services::shared::uploads::MAX_FILE_BYTES),
    ("/meetings/import", app::server::services::shared::uploads::MAX_FILE_BYTES),
];
/// File uploads under a path prefix (posts only) and their size limits: attachments are
/// posted to `/attachments/<kind>/<id>`.
pub const UPLOAD_PREFIXES: [(&str, usize); 1] = [("/attachments/", app::domain::attachments::MAX_BYTES)];

/// An upload over its limit but under this is read to its end (and dropped) so that the
/// browser gets the page with the message; a larger one gets the plain 413.
pub const DRAIN_CAP: usize = 256 * 1024 * 1024;

/// The size limit of a request that uploads a file, if it is one.
pub fn upload_limit(method: &http::Method, path: &str) -> Option<usize> {
    UPLOADS
        .iter()
        .find(|(p, _)| *p == path)
        .or_else(|| UPLOAD_PREFIXES.iter().find(|(p, _)| *method == http::Method::POST && path.strip_prefix(*p).and_then(upload_target).is_some()))
        .map(|(_, max)| *max)
}

/// Where the form of an upload shows that its file is too large: the import page
/// (`?error=size`), or the record page of an attachment (`?attachment_error=size`).
pub fn too_large_page(path: &str) -> Option<String> {
    if UPLOADS.iter().any(|(p, _)| *p == path) {
        return Some(format!("{path}?error=size"));
    }
    let (kind, id) = UPLOAD_PREFIXES.iter().find_map(|(p, _)| path.strip_prefix(*p).and_then(upload_target))?;
    Some(format!("{}?attachment_error={}#attachments", kind.page(id), app::domain::attachments::Problem::Size.code()))
}

/// `<kind>/<id>` of an attachment's upload; anything else under the prefix keeps the
/// ordinary limit.
fn upload_target(rest: &str) -> Option<(app::domain::attachments::RecordKind, i32)> {
    let (kind, id) = rest.split_once('/')?;
    if id.is_empty() || id.len() > 10 || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((app::domain::attachments::RecordKind::from_code(kind)?, id.parse().ok()?))
}

#[cfg(test)]
mod upload_limit_tests {
    use super::*;

    #[test]
    fn only_an_attachment_upload_gets_the_file_limit() {
        let max = app::domain::attachments::MAX_BYTES;
        assert_eq!(upload_limit(&http::Method::POST, "/attachments/meeting/12"), Some(max));
        assert_eq!(upload_limit(&http::Method::POST, "/attachments/issue/3"), Some(max));
        assert_eq!(upload_limit(&http::Method::POST, "/attachments/5/delete"), None);
        assert_eq!(upload_limit(&http::Method::POST, "/attachments/x/1"), None);
        assert_eq!(upload_limit(&http::Method::GET, "/attachments/meeting/12"), None);
        assert!(upload_limit(&http::Method::POST, "/meetings/import").is_some());
        assert_eq!(upload_limit(&http::Method::POST, "/meetings/new"), None);
        assert_eq!(upload_limit(&http::Method::POST, "/attachments/meeting/99999999999"), None);
    }

    #[test]
    fn a_too_large_file_goes_back_to_its_form() {
        assert_eq!(too_large_page("/attachments/issue/7").as_deref(), Some("/issues/7?attachment_error=size#attachments"));
        assert_eq!(too_large_page("/meetings/import").as_deref(), Some("/meetings/import?error=size"));
        assert_eq!(too_large_page("/consultations/import").as_deref(), Some("/consultations/import?error=size"));
        assert_eq!(too_large_page("/attachments/5/delete"), None);
        assert_eq!(too_large_page("/api/meetings_list"), None);
    }
}

/// Bytes of request bodies held at once while they arrive, in KiB: two CSV uploads, or a
/// few dozen large forms.
const BODY_BUDGET_KIB: usize = 72 * 1024;

fn body_budget() -> &'static Semaphore {
    static BUDGET: OnceLock<Semaphore> = OnceLock::new();
    BUDGET.get_or_init(|| Semaphore::new(BODY_BUDGET_KIB))
}

fn permits() -> &'static Semaphore {
    static SEMAPHORE: OnceLock<Semaphore> = OnceLock::new();
    SEMAPHORE.get_or_init(|| Semaphore::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2) * PER_CORE))
}

const TOO_SLOW: &str = "送信に時間がかかりすぎたため、受け付けられませんでした。通信状態を確認して、もう一度送信してください。";

/// Everything but the health check (which must answer even when the server is busy).
pub async fn bounded(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if path == "/healthz" {
        return next.run(req).await;
    }
    let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    let (parts, body) = req.into_parts();
    let (limit, deadline, form) = match upload_limit(&parts.method, &path) {
        Some(max) => (max + 64 * 1024, UPLOAD_DEADLINE, too_large_page(&path)),
        None => (MAX_FORM_BYTES, BODY_DEADLINE, None),
    };
    // Only an upload with a form to go back to is read past its limit.
    let cap = if form.is_some() { DRAIN_CAP } else { limit };
    if declared.is_some_and(|n| n > cap) {
        return refuse(&path, AppError::TooLarge(TOO_LARGE.into()));
    }
    let hint = HttpBody::size_hint(&body);
    let body = if hint.exact() == Some(0) {
        Body::empty()
    } else {
        // What the body will keep, when known: its declared length, or nothing of a body
        // declared over the limit.
        let known = if declared.is_some_and(|n| n > limit) { Some(0) } else { hint.upper().map(|n| (n as usize).min(limit)) };
        // Reserve that, or the limit when unknown.
        let kib = u32::try_from(known.unwrap_or(limit).div_ceil(1024).max(1)).unwrap_or(u32::MAX);
        let _reserved = body_budget().acquire_many(kib).await.ok();
        // Exactly the known length: a buffer grown by doubling would hold up to twice it.
        let capacity = known.unwrap_or(0);
        match tokio::time::timeout(deadline, read_within(body, capacity, limit, cap)).await {
            Ok(Read::Whole(bytes)) => Body::from(bytes),
            Ok(Read::Over) => {
                return match form {
                    Some(page) => crate::uploads::see_other(&page),
                    None => refuse(&path, AppError::TooLarge(TOO_LARGE.into())),
                }
            }
            Ok(Read::Broken) => return refuse(&path, AppError::TooLarge(TOO_LARGE.into())),
            Err(_) => return refuse_with(StatusCode::REQUEST_TIMEOUT, &path, AppError::BadRequest(TOO_SLOW.into())),
        }
    };
    // The semaphore is never closed, so acquiring cannot fail.
    let _permit = permits().acquire().await.ok();
    next.run(Request::from_parts(parts, body)).await
}

enum Read {
    Whole(axum::body::Bytes),
    /// Longer than the limit; read to its end (dropped) when no longer than `cap`.
    Over,
    /// The connection failed, or more than `cap` came.
    Broken,
}

/// The body, kept while within `limit`; past it, read on and dropped up to `cap`.
async fn read_within(body: Body, capacity: usize, limit: usize, cap: usize) -> Read {
    let mut body = std::pin::pin!(body);
    let mut kept: Vec<u8> = Vec::with_capacity(capacity);
    let mut seen = 0usize;
    while let Some(frame) = std::future::poll_fn(|cx| body.as_mut().poll_frame(cx)).await {
        let Ok(frame) = frame else { return Read::Broken };
        let Ok(data) = frame.into_data() else { continue };
        seen = seen.saturating_add(data.len());
        if seen > cap {
            return if cap == limit { Read::Over } else { Read::Broken };
        }
        if seen <= limit {
            kept.extend_from_slice(&data);
        } else if !kept.is_empty() {
            kept = Vec::new();
        }
    }
    if seen > limit {
        Read::Over
    } else {
        Read::Whole(kept.into())
    }
}
