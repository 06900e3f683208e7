//! Wire types of consultations: what its server functions send to and take from the browser.

use crate::dto::directory::Ref;
use crate::dto::issues::MatrixYear;
use crate::domain::consultations::{Breakdown, ConsultationInput, TrendTable};
use serde::{Deserialize, Serialize};

/// Filters of the records list (all optional, from the URL).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsultationQuery {
    /// Western fiscal year.
    pub fy: Option<i32>,
    pub category: Option<i32>,
    pub status: Option<String>,
    /// Western fiscal year the solution was carried out (解決策を実施した年度).
    pub solved_fy: Option<i32>,
    pub q: Option<String>,
    /// Show archived records instead of active ones.
    pub archived: Option<bool>,
    pub page: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationSummary {
    pub id: i32,
    /// "2024/04/01（月）".
    pub date: String,
    /// "R6".
    pub fiscal_year: String,
    pub category: String,
    /// The content's first line, cut short.
    pub content: String,
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
    /// The fiscal years in which a consultation's solution was carried out, newest first.
    pub solved_years: Vec<MatrixYear>,
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
    /// The initiatives (取組) it belongs to.
    pub initiatives: Vec<Ref>,
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
    /// Active people of the directory the requester can be picked from, by organisation.
    pub people: Vec<RequesterChoice>,
    /// Active meetings, newest first, "2024/06/27（木） 件名".
    pub meetings: Vec<Ref>,
    /// Issues, "薬剤師 A 件名".
    pub issues: Vec<Ref>,
    /// Initiatives it may be tagged with: for those who keep initiatives.
    pub initiatives: Vec<Ref>,
}

/// A person of the directory offered as the requester, sorted by organisation name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequesterChoice {
    pub id: i32,
    pub name: String,
    pub organisation: Option<String>,
    pub profession: Option<String>,
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
