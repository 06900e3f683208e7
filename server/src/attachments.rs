//! Files attached to meetings, trainings and issues, over plain HTTP: the upload (a
//! multipart form posted from the record's page) and the download. Both ask
//! `services::attachments` (its `authorise`): a file has exactly its record's permissions,
//! and one of an issue the user may not read answers 404, like a missing one.

use crate::exports::error;
use crate::uploads::{read_file, see_other};
use app::api::auth::SessionUser;
use app::domain::attachments::{self as rules, RecordKind, MAX_BYTES};
use app::error::AppError;
use app::server::services::attachments;
use app::server::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

/// `POST /attachments/{kind}/{record_id}` with the multipart field `file`: attaches it and
/// goes back to the record's page (`#attachments`), with `?attachment_error=<code>` when the
/// file is refused (empty, too large, not an accepted type).
pub async fn upload(State(state): State<AppState>, user: Option<Extension<SessionUser>>, Path((kind, record_id)): Path<(String, String)>, mut form: Multipart) -> Response {
    let Some(Extension(user)) = user else { return error(AppError::Unauthorized) };
    let (Some(kind), Ok(record_id)) = (RecordKind::from_code(&kind), record_id.parse::<i32>()) else {
        return error(AppError::NotFound);
    };
    // Before anything is said about the file: who may not change the record learns nothing.
    if let Err(e) = attachments::authorise(&state.db, &user, kind, record_id, true).await {
        return error(e);
    }
    let page = kind.page(record_id);
    let back_with = |code: &str| see_other(&format!("{page}?attachment_error={code}#attachments"));
    let (name, bytes) = match read_file(&mut form, MAX_BYTES).await {
        Ok(f) => f,
        Err(code) => return back_with(code),
    };
    if let Err(problem) = rules::check(&bytes, &name) {
        return back_with(problem.code());
    }
    let dir = state.attachments_dir.clone();
    let stored = app::server::write_transaction(&state.db, move |txn| {
        Box::pin(async move { attachments::store(txn, &dir, &user, kind, record_id, &name, bytes, chrono::Utc::now()).await })
    })
    .await;
    match stored {
        Ok(id) => see_other(&format!("{page}?attachment=1#attachment-{id}")),
        // The checks above are the store's own: a refusal here is a file changed meanwhile.
        Err(AppError::Validation(_)) => back_with(rules::Problem::Type.code()),
        Err(e) => error(e),
    }
}

/// `GET /attachments/{id}`: the file, as a download only — sent as the type it was found to
/// be, never sniffed by the browser, never shown inline, never cached, and sandboxed should
/// it be opened anyway.
pub async fn download(State(state): State<AppState>, user: Option<Extension<SessionUser>>, Path(id): Path<String>) -> Response {
    let Some(Extension(user)) = user else { return error(AppError::Unauthorized) };
    let Ok(id) = id.parse::<i32>() else { return error(AppError::NotFound) };
    let (file, bytes) = match attachments::open(&state.db, &state.attachments_dir, &user, id).await {
        Ok(f) => f,
        Err(e) => return error(e),
    };
    let mut headers = HeaderMap::new();
    let content_type = HeaderValue::from_str(&file.content_type).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, content_type);
    // Never inline: without its name, the file is still a download.
    let disposition = HeaderValue::from_str(&rules::content_disposition(&file.file_name)).unwrap_or(HeaderValue::from_static("attachment"));
    headers.insert(header::CONTENT_DISPOSITION, disposition);
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox"));
    (StatusCode::OK, headers, bytes).into_response()
}
