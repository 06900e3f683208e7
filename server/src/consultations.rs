//! The consultation desk's files: the trend table and one year's breakdowns as CSV/XLSX
//! (for those who may read the trend tables).

use crate::exports::{allowed, error, file};
use app::api::auth::SessionUser;
use app::domain::consultations::BREAKDOWNS;
use app::domain::Permission;
use app::error::AppError;
use app::server::services::{consultations};
use app::server::AppState;
use axum::extract::{Path, Query, State};
use axum::response::Response;
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

