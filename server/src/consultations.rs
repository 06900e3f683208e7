//! The consultation desk's files: the trend table and one year's breakdowns as CSV/XLSX
//! (for those who may read the trend tables), and the CSV upload that starts an import.

use crate::exports::{allowed, error, file};
use app::api::auth::SessionUser;
use app::domain::consultations::BREAKDOWNS;
use app::domain::Permission;
use app::error::AppError;
use app::server::services::{consultations};
use app::server::AppState;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV: &str = "text/csv; charset=utf-8";

#[derive(Deserialize, Default)]
pub struct TrendParams {
    from: Option<String>,
    to: Option<String>,
    pct: Option<String>,
}

fn year(v: &Option<String>) -> Option<i32> {
    v.as_deref().and_then(|s| s.trim().parse().ok())
}

pub async fn trends_csv(state: State<AppState>, user: Option<Extension<SessionUser>>, p: Query<TrendParams>) -> Response {
    trends_file(state, user, "csv", p).await
}

pub async fn trends_xlsx(state: State<AppState>, user: Option<Extension<SessionUser>>, p: Query<TrendParams>) -> Response {
    trends_file(state, user, "xlsx", p).await
}

/// `/consultations/trends.csv` and `.xlsx`, with the page's `from`, `to` and `pct`.
async fn trends_file(State(state): State<AppState>, user: Option<Extension<SessionUser>>, ext: &'static str, Query(p): Query<TrendParams>) -> Response {
    let result = async {
        allowed(user, Permission::ReadConsultationTrends)?;
        let (table, from, to, _) = consultations::trends::table(&state.db, year(&p.from), year(&p.to), app::clock::today()).await?;
        let grid = table.grid(matches!(p.pct.as_deref(), Some("1" | "on" | "true")));
        let name = format!("consultation-trends-{from}-{to}.{ext}");
        let body = if ext == "csv" { app::server::render::table::csv(&grid)? } else { app::server::render::table::grid_xlsx("相談内容の推移", &grid, 2)? };
        Ok((ext, name, body))
    }
    .await;
    match result {
        Ok((ext, name, body)) => file(if ext == "csv" { CSV } else { XLSX }, &name, body),
        Err(e) => error(e),
    }
}

/// `/consultations/trends/{fy}/{table}.csv|xlsx`: one breakdown of one fiscal year.
pub async fn breakdown_file(State(state): State<AppState>, user: Option<Extension<SessionUser>>, Path((fy, file_name)): Path<(String, String)>) -> Response {
    let result = async {
        allowed(user, Permission::ReadConsultationTrends)?;
        let fy: i32 = fy.parse().map_err(|_| AppError::NotFound)?;
        let (key, ext) = file_name.rsplit_once('.').ok_or(AppError::NotFound)?;
        if app::domain::FiscalYear::new(fy).is_none() || !matches!(ext, "csv" | "xlsx") || !BREAKDOWNS.iter().any(|(k, _)| *k == key) {
            return Err(AppError::NotFound);
        }
        let tables = consultations::trends::breakdown_tables(&state.db, fy).await?;
        let table = tables.into_iter().find(|b| b.key == key).ok_or(AppError::NotFound)?;
        let grid = table.grid();
        let name = format!("consultations-{fy}-{key}.{ext}");
        let body = if ext == "csv" { app::server::render::table::csv(&grid)? } else { app::server::render::table::grid_xlsx(&table.label, &grid, 1)? };
        Ok((ext == "csv", name, body))
    }
    .await;
    match result {
        Ok((csv, name, body)) => file(if csv { CSV } else { XLSX }, &name, body),
        Err(e) => error(e),
    }
}

fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_string()), (header::CACHE_CONTROL, "no-store".to_string())]).into_response()
}

/// `POST /consultations/import` (multipart, field `file`): keeps the file and shows its
/// preview. Nothing is imported until the preview is confirmed.
pub async fn upload(State(state): State<AppState>, user: Option<Extension<SessionUser>>, mut form: Multipart) -> Response {
    let user = match allowed(user, Permission::WriteConsultations) {
        Ok(u) => u,
        Err(e) => return error(e),
    };
    let mut found: Option<(String, Vec<u8>)> = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or("").to_string();
                match field.bytes().await {
                    Ok(b) => found = Some((name, b.to_vec())),
                    Err(_) => return see_other("/consultations/import?error=read"),
                }
            }
            Ok(Some(_)) => continue,
            Ok(None) => break,
            Err(_) => return see_other("/consultations/import?error=read"),
        }
    }
    let Some((name, bytes)) = found.filter(|(_, b)| !b.is_empty()) else {
        return see_other("/consultations/import?error=empty");
    };
    if bytes.len() > consultations::import::MAX_FILE_BYTES {
        return see_other("/consultations/import?error=size");
    }
    match consultations::import::store(&state.db, user.id, &name, bytes, chrono::Utc::now()).await {
        Ok(id) => see_other(&format!("/consultations/import/{id}")),
        Err(e) => error(e),
    }
}
