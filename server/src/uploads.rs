//! The file uploads that start an import (consultations, resources, organisations, people,
//! past meetings): the multipart field
//! `file` is kept and its preview opened; nothing is imported until the preview is confirmed.

use crate::exports::{allowed, error};
use app::api::auth::SessionUser;
use app::domain::Permission;
use app::server::services::shared::uploads::{self, ImportKind};
use app::server::services::{consultations, resources};
use app::server::AppState;
use axum::extract::{Multipart, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

pub(crate) fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_string()), (header::CACHE_CONTROL, "no-store".to_string())]).into_response()
}

/// The uploaded file (name, bytes), or the error code its form shows (`?error=`).
pub(crate) async fn read_file(form: &mut Multipart, max: usize) -> Result<(String, Vec<u8>), &'static str> {
    let mut found: Option<(String, Vec<u8>)> = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or("").to_string();
                let bytes = field.bytes().await.map_err(|_| "read")?;
                found = Some((name, bytes.to_vec()));
            }
            Ok(Some(_)) => continue,
            Ok(None) => break,
            Err(_) => return Err("read"),
        }
    }
    let (name, bytes) = found.filter(|(_, b)| !b.is_empty()).ok_or("empty")?;
    if bytes.len() > max {
        return Err("size");
    }
    Ok((name, bytes))
}

/// `POST /consultations/import`: a CSV of past consultations.
pub async fn consultations(State(state): State<AppState>, user: Option<Extension<SessionUser>>, mut form: Multipart) -> Response {
    let user = match allowed(user, Permission::WriteConsultations) {
        Ok(u) => u,
        Err(e) => return error(e),
    };
    let (name, bytes) = match read_file(&mut form, consultations::import::MAX_FILE_BYTES).await {
        Ok(f) => f,
        Err(code) => return see_other(&format!("/consultations/import?error={code}")),
    };
    match consultations::import::store(&state.db, user.id, &name, bytes, chrono::Utc::now()).await {
        Ok(id) => see_other(&format!("/consultations/import/{id}")),
        Err(e) => error(e),
    }
}

/// `POST /resources/import`: a centre's spreadsheet of resources (a collector's too).
pub async fn resources(State(state): State<AppState>, user: Option<Extension<SessionUser>>, mut form: Multipart) -> Response {
    let user = match allowed(user, Permission::WriteResources) {
        Ok(u) => u,
        Err(e) => return error(e),
    };
    if let Err(e) = resources::Scope::of(&user) {
        return error(e);
    }
    let (name, bytes) = match read_file(&mut form, resources::import::MAX_FILE_BYTES).await {
        Ok(f) => f,
        Err(code) => return see_other(&format!("/resources/import?error={code}")),
    };
    match resources::import::store(&state.db, user.id, &name, bytes, chrono::Utc::now()).await {
        Ok(id) => see_other(&format!("/resources/import/{id}")),
        Err(e) => error(e),
    }
}

async fn record_upload(state: AppState, user: Option<Extension<SessionUser>>, mut form: Multipart, kind: ImportKind, permission: Permission, page: &str) -> Response {
    let user = match allowed(user, permission) {
        Ok(u) => u,
        Err(e) => return error(e),
    };
    let (name, bytes) = match read_file(&mut form, uploads::MAX_FILE_BYTES).await {
        Ok(f) => f,
        Err(code) => return see_other(&format!("{page}?error={code}")),
    };
    match uploads::store(&state.db, kind, user.id, &name, bytes, chrono::Utc::now()).await {
        Ok(id) => see_other(&format!("{page}/{id}")),
        Err(e) => error(e),
    }
}

/// `POST /directory/organisations/import`: a spreadsheet of organisations.
pub async fn organisations(State(state): State<AppState>, user: Option<Extension<SessionUser>>, form: Multipart) -> Response {
    record_upload(state, user, form, ImportKind::Organisations, Permission::WriteDirectory, "/directory/organisations/import").await
}

/// `POST /directory/people/import`: a spreadsheet of people.
pub async fn people(State(state): State<AppState>, user: Option<Extension<SessionUser>>, form: Multipart) -> Response {
    record_upload(state, user, form, ImportKind::People, Permission::WriteDirectory, "/directory/people/import").await
}

/// `POST /meetings/import`: a spreadsheet of past meetings.
pub async fn meetings(State(state): State<AppState>, user: Option<Extension<SessionUser>>, form: Multipart) -> Response {
    record_upload(state, user, form, ImportKind::Meetings, Permission::WriteMeetings, "/meetings/import").await
}
