//! The confidential issue register: view types and server functions. Every function reads
//! through the caller's `Scope`: an issue outside it answers exactly like a missing one.

use crate::api::directory::Ref;
#[cfg(feature = "ssr")]
use crate::domain::issues::ActionInput;
use crate::domain::issues::{IssueInput, IssueStatus, Layer, Mark, RoutingNeed};
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One profession's register in the overview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterSummary {
    pub profession: Ref,
    pub total: u64,
    /// Open issues per layer (職種内, 職種間, 地域全体).
    pub open_by_layer: [u64; 3],
    pub resolved: u64,
}

/// Filters of a register (all optional, from the URL).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IssueFilter {
    pub layer: Option<String>,
    pub status: Option<String>,
    pub q: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueSummary {
    pub id: i32,
    pub code: String,
    pub title: String,
    pub layer: Layer,
    pub status: IssueStatus,
    /// "H24".
    pub first_year: String,
    /// "2024/06/27 ◆" of the latest action.
    pub last_action: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Register {
    pub profession: Ref,
    pub items: Vec<IssueSummary>,
    /// Issues of the profession before filtering.
    pub total: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeView {
    /// "2024/06/27".
    pub date: String,
    /// "層" or "状況".
    pub field: String,
    pub value: String,
    pub user: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionView {
    pub id: i32,
    pub issue_id: i32,
    /// ISO date.
    pub acted_on: String,
    /// "2024/06/27".
    pub date: String,
    /// "R6".
    pub fiscal_year: String,
    pub mark: Mark,
    pub description: String,
    /// The meeting, as "2024/06/27 件名".
    pub meeting: Option<Ref>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueView {
    pub id: i32,
    pub profession: Ref,
    pub input: IssueInput,
    pub code: String,
    pub layer: Layer,
    pub status: IssueStatus,
    pub source: String,
    pub source_meeting: Option<Ref>,
    /// "平成24年度".
    pub fiscal_year: String,
    pub extracted_on: String,
    pub history: Vec<ChangeView>,
    pub actions: Vec<ActionView>,
    pub version: i32,
    pub updated_at: String,
}

/// What the issue and action forms offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueChoices {
    pub professions: Vec<Ref>,
    /// Active meetings, newest first, named "2024/06/27 件名".
    pub meetings: Vec<Ref>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixCell {
    /// The fiscal year the issue was extracted.
    pub first: bool,
    pub actions: Vec<ActionView>,
}

impl MatrixCell {
    /// "抽出" in the first year, then the marks of its actions in order (as in the workbook).
    pub fn text(&self) -> String {
        let marks: String = self.actions.iter().map(|a| a.mark.symbol()).collect();
        match (self.first, marks.is_empty()) {
            (true, true) => "抽出".into(),
            (true, false) => format!("抽出 {marks}"),
            _ => marks,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixRow {
    pub issue_id: i32,
    pub code: String,
    pub title: String,
    pub layer: Layer,
    pub status: IssueStatus,
    pub cells: Vec<MatrixCell>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixYear {
    pub year: i32,
    /// "H24".
    pub label: String,
    /// "2012年度".
    pub western: String,
}

/// The year × issue table of one profession.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueMatrix {
    pub profession: Ref,
    pub years: Vec<MatrixYear>,
    pub rows: Vec<MatrixRow>,
    pub from: i32,
    pub to: i32,
    /// The years the range selector offers, oldest first.
    pub selectable: Vec<MatrixYear>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingItem {
    pub issue_id: i32,
    pub profession: Ref,
    pub code: String,
    pub title: String,
    pub status: IssueStatus,
    pub first_year: String,
    pub need: RoutingNeed,
}

/// Candidates per route: (職種内 to feed back, 職種間 for a 二次連携, 地域全体 for a 三次連携).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingBoard {
    pub feed_back: Vec<RoutingItem>,
    pub second_level: Vec<RoutingItem>,
    pub third_level: Vec<RoutingItem>,
}

/// A meeting's issues, as far as the caller may see them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingIssues {
    /// Whether the caller may read any register (else nothing is shown, not even a heading).
    pub visible: bool,
    /// Issues raised in the meeting: (id, "薬剤師 A 件名").
    pub raised: Vec<Ref>,
    /// Actions taken in it, with the issue named like `raised`.
    pub actions: Vec<(Ref, ActionView)>,
}

#[server(prefix = "/api", endpoint = "issues_overview")]
pub async fn get_issue_overview() -> Result<Vec<RegisterSummary>, AppError> {
    let (_, scope) = crate::server::auth::issue_scope().await?;
    crate::server::services::issue_board::overview(&crate::server::db()?, &scope).await
}

#[server(prefix = "/api", endpoint = "issues_register")]
pub async fn get_register(profession: i32, #[server(default)] filter: IssueFilter) -> Result<Register, AppError> {
    let (_, scope) = crate::server::auth::issue_scope().await?;
    crate::server::services::issues::register(&crate::server::db()?, &scope, profession, &filter).await
}

#[server(prefix = "/api", endpoint = "issues_get")]
pub async fn get_issue(id: i32) -> Result<IssueView, AppError> {
    let (_, scope) = crate::server::auth::issue_scope().await?;
    crate::server::services::issues::get(&crate::server::db()?, &scope, id).await
}

#[server(prefix = "/api", endpoint = "issues_choices")]
pub async fn get_issue_choices() -> Result<IssueChoices, AppError> {
    crate::server::auth::authorize(Permission::WriteIssues)?;
    crate::server::services::issues::choices(&crate::server::db()?).await
}

#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "issues_save")]
pub async fn save_issue(
    id: Option<i32>,
    version: Option<i32>,
    profession: String,
    code: String,
    title: String,
    description: String,
    layer: String,
    status: String,
    source: String,
    source_meeting: String,
    source_note: String,
    extracted_on: String,
    fiscal_year: String,
    /// Only on the edit form.
    changed_on: Option<String>,
) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteIssues)?;
    let input = IssueInput { profession, code, title, description, layer, status, source, source_meeting, source_note, extracted_on, fiscal_year, changed_on: changed_on.unwrap_or_default() };
    let pairs = input.pairs();
    let saved = crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::issues::save(txn, &(&user).into(), id, version, &input, crate::clock::today(), chrono::Utc::now()).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/issues/{saved}?saved=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "issues_add_action")]
pub async fn add_issue_action(issue_id: i32, acted_on: String, mark: String, description: String, meeting: String) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteIssues)?;
    let input = ActionInput { acted_on, mark, description, meeting };
    let pairs = input.pairs();
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::issue_actions::add(txn, &(&user).into(), issue_id, &input, chrono::Utc::now()).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/issues/{issue_id}?action=1#actions"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "issues_delete_action")]
pub async fn delete_issue_action(id: i32) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteIssues)?;
    let issue_id = crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::issue_actions::delete(txn, &(&user).into(), id, chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/issues/{issue_id}?deleted=1#actions"));
    Ok(())
}

/// The matrix of one profession; `from`/`to` are Western fiscal years (default: all years).
#[server(prefix = "/api", endpoint = "issues_matrix")]
pub async fn get_issue_matrix(profession: i32, from: Option<i32>, to: Option<i32>) -> Result<IssueMatrix, AppError> {
    let (_, scope) = crate::server::auth::issue_scope().await?;
    crate::server::services::issue_matrix::matrix(&crate::server::db()?, &scope, profession, from, to, crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "issues_routing")]
pub async fn get_routing_board() -> Result<RoutingBoard, AppError> {
    let (_, scope) = crate::server::auth::issue_scope().await?;
    crate::server::services::issue_board::routing(&crate::server::db()?, &scope).await
}

/// Issues raised and actions taken in a meeting; empty for those who may see no register.
#[server(prefix = "/api", endpoint = "issues_of_meeting")]
pub async fn get_meeting_issues(meeting_id: i32) -> Result<MeetingIssues, AppError> {
    crate::server::auth::authorize(Permission::ReadMeetings)?;
    let Some(scope) = crate::server::auth::optional_issue_scope().await? else {
        return Ok(MeetingIssues::default());
    };
    crate::server::services::issue_board::of_meeting(&crate::server::db()?, &scope, meeting_id).await
}

/// The professions whose registers a user may read (administrators only).
#[server(prefix = "/api", endpoint = "issues_grants")]
pub async fn get_issue_grants(user_id: i32) -> Result<(Vec<Ref>, Vec<i32>), AppError> {
    crate::server::auth::authorize(Permission::ManageUsers)?;
    let db = crate::server::db()?;
    let professions = crate::server::services::directory_choices(&db).await?.professions;
    Ok((professions, crate::server::services::issue_grants::of_user(&db, user_id).await?))
}

#[server(prefix = "/api", endpoint = "issues_set_grants")]
pub async fn set_issue_grants(user_id: i32, professions: Option<Vec<i32>>) -> Result<(), AppError> {
    let admin = crate::server::auth::authorize(Permission::ManageUsers)?;
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::issue_grants::set(txn, &(&admin).into(), user_id, &professions.unwrap_or_default(), chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/admin/users/{user_id}?grants=1"));
    Ok(())
}
