//! The consultation desk: records (coordinators), trend tables (also viewers), categories
//! (administrators) and the CSV import's preview and confirmation.

use crate::api::directory::Ref;
use crate::api::issues::MatrixYear;
use crate::domain::consultations::{Breakdown, ConsultationInput, TrendTable};
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Filters of the records list (all optional, from the URL).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsultationQuery {
    /// Western fiscal year.
    pub fy: Option<i32>,
    pub category: Option<i32>,
    pub status: Option<String>,
    pub q: Option<String>,
    /// Show archived records instead of active ones.
    pub archived: Option<bool>,
    pub page: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationSummary {
    pub id: i32,
    /// "2024/04/01".
    pub date: String,
    /// "R6".
    pub fiscal_year: String,
    pub category: String,
    pub requester: String,
    /// Organisation (or the typed affiliation) and profession.
    pub affiliation: String,
    pub method: String,
    pub wanted: bool,
    pub status: String,
    pub status_code: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationList {
    pub items: Vec<ConsultationSummary>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// The fiscal years that have consultations, newest first (for the filter).
    pub years: Vec<MatrixYear>,
    pub categories: Vec<Ref>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationView {
    pub id: i32,
    pub input: ConsultationInput,
    pub date: String,
    /// "令和6年度".
    pub fiscal_year: String,
    pub category: String,
    pub requester: String,
    pub organisation: Option<Ref>,
    pub organisation_text: String,
    pub profession: String,
    pub region: String,
    pub method: String,
    pub wanted: bool,
    pub content: String,
    pub response: String,
    pub status: String,
    /// "H29（2017年度）" or empty.
    pub solved_fy: String,
    pub meeting: Option<Ref>,
    pub issue: Option<Ref>,
    pub imported: bool,
    pub active: bool,
    pub version: i32,
    pub updated_at: String,
}

/// What the consultation form offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationChoices {
    /// Active categories (plus a retired one the edited record still has).
    pub categories: Vec<Ref>,
    pub professions: Vec<Ref>,
    pub organisations: Vec<Ref>,
    /// Active meetings, newest first, "2024/06/27 件名".
    pub meetings: Vec<Ref>,
    /// Issues, "薬剤師 A 件名".
    pub issues: Vec<Ref>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryView {
    pub id: i32,
    pub name: String,
    pub active: bool,
    pub version: i32,
    /// Consultations with this category (all years, archived records excluded).
    pub count: u64,
}

/// The trend table of a fiscal-year range, with its chart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendView {
    pub table: TrendTable,
    pub from: i32,
    pub to: i32,
    pub percentages: bool,
    /// Years the range selector offers, oldest first.
    pub selectable: Vec<MatrixYear>,
    /// The stacked bars, as SVG drawn on the server.
    pub svg: String,
}

/// One fiscal year's breakdowns, each with its chart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakdownsView {
    pub year: MatrixYear,
    pub breakdowns: Vec<(Breakdown, String)>,
    pub selectable: Vec<MatrixYear>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub line: u64,
    pub date: String,
    pub category: String,
    pub requester: String,
    pub affiliation: String,
    pub wanted: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// The line in the file (the header is line 1).
    pub line: u64,
    /// The column's header name, or empty for the whole row or file.
    pub column: String,
    pub message: String,
}

/// What an uploaded file would create.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub id: i32,
    pub file_name: String,
    /// "UTF-8" or "Shift_JIS".
    pub encoding: String,
    /// Data rows in the file.
    pub rows: u64,
    /// Rows that would be created (the first ones are listed in `sample`).
    pub new_count: u64,
    pub sample: Vec<PreviewRow>,
    /// Rows already imported before (same content), which are skipped.
    pub duplicates: u64,
    pub problems: Vec<ImportProblem>,
    /// Problems beyond those listed.
    pub more_problems: u64,
    /// Consultations created, once confirmed.
    pub committed: Option<i32>,
}

#[server(prefix = "/api", endpoint = "consultations_list")]
pub async fn list_consultations(#[server(default)] query: ConsultationQuery) -> Result<ConsultationList, AppError> {
    crate::server::auth::authorize(Permission::ReadConsultations)?;
    crate::server::services::consultations::list(&crate::server::db()?, &query).await
}

#[server(prefix = "/api", endpoint = "consultations_get")]
pub async fn get_consultation(id: i32) -> Result<ConsultationView, AppError> {
    crate::server::auth::authorize(Permission::ReadConsultations)?;
    crate::server::services::consultations::get(&crate::server::db()?, id).await
}

#[server(prefix = "/api", endpoint = "consultations_choices")]
pub async fn get_consultation_choices(id: Option<i32>) -> Result<ConsultationChoices, AppError> {
    crate::server::auth::authorize(Permission::WriteConsultations)?;
    crate::server::services::consultations::choices(&crate::server::db()?, id).await
}

#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "consultations_save")]
pub async fn save_consultation(
    id: Option<i32>,
    version: Option<i32>,
    received_on: String,
    requester: String,
    organisation: String,
    organisation_text: String,
    profession: String,
    region: String,
    method: String,
    category: String,
    /// A checkbox: absent when unchecked.
    wanted: Option<String>,
    content: String,
    response: String,
    status: String,
    solved_fy: String,
    meeting: String,
    issue: String,
) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteConsultations)?;
    let input = ConsultationInput {
        received_on,
        requester,
        organisation,
        organisation_text,
        profession,
        region,
        method,
        category,
        wanted: wanted.unwrap_or_default(),
        content,
        response,
        status,
        solved_fy,
        meeting,
        issue,
    };
    let pairs = input.pairs();
    let saved = crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::consultations::save(txn, &(&user).into(), id, version, &input, chrono::Utc::now()).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/consultations/{saved}?saved=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "consultations_archive")]
pub async fn archive_consultation(id: i32, version: i32, archive: bool) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteConsultations)?;
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::consultations::set_active(txn, &(&user).into(), id, version, !archive, chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/consultations/{id}?{}=1", if archive { "archived" } else { "restored" }));
    Ok(())
}

/// The trend table; `from`/`to` are Western fiscal years (default: every year with data).
#[server(prefix = "/api", endpoint = "consultations_trends")]
pub async fn get_trends(from: Option<i32>, to: Option<i32>, percentages: Option<bool>) -> Result<TrendView, AppError> {
    crate::server::auth::authorize(Permission::ReadConsultationTrends)?;
    crate::server::services::consultation_trends::trends(&crate::server::db()?, from, to, percentages.unwrap_or(false), crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "consultations_breakdowns")]
pub async fn get_breakdowns(fy: i32) -> Result<BreakdownsView, AppError> {
    crate::server::auth::authorize(Permission::ReadConsultationTrends)?;
    crate::server::services::consultation_trends::breakdowns(&crate::server::db()?, fy, crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "consultations_categories")]
pub async fn get_categories() -> Result<Vec<CategoryView>, AppError> {
    crate::server::auth::authorize(Permission::ManageConsultationCategories)?;
    crate::server::services::consultation_categories::list(&crate::server::db()?).await
}

/// Adds a category (`id` None) or renames one.
#[server(prefix = "/api", endpoint = "consultations_save_category")]
pub async fn save_category(id: Option<i32>, version: Option<i32>, name: String) -> Result<(), AppError> {
    let admin = crate::server::auth::authorize(Permission::ManageConsultationCategories)?;
    let pairs = vec![("name".to_string(), name.clone())];
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::consultation_categories::save(txn, &(&admin).into(), id, version, &name, chrono::Utc::now()).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect("/admin/consultation-categories?saved=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "consultations_retire_category")]
pub async fn retire_category(id: i32, version: i32, retire: bool) -> Result<(), AppError> {
    let admin = crate::server::auth::authorize(Permission::ManageConsultationCategories)?;
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::consultation_categories::set_active(txn, &(&admin).into(), id, version, !retire, chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/admin/consultation-categories?{}=1", if retire { "retired" } else { "restored" }));
    Ok(())
}

#[server(prefix = "/api", endpoint = "consultations_import_preview")]
pub async fn get_import_preview(id: i32) -> Result<ImportPreview, AppError> {
    let user = crate::server::auth::authorize(Permission::WriteConsultations)?;
    crate::server::services::consultation_import::preview(&crate::server::db()?, user.id, id).await
}

#[server(prefix = "/api", endpoint = "consultations_import_commit")]
pub async fn commit_import(id: i32) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteConsultations)?;
    let created = crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::consultation_import::commit(txn, &(&user).into(), user.id, id, chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/consultations/import/{id}?created={created}"));
    Ok(())
}
