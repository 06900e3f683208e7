//! Downloads that are files rather than pages: the meetings list as CSV and XLSX (for the
//! signed-in user) and the per-user calendar feed (by its secret URL, for calendar apps).

use app::api::auth::SessionUser;
use app::api::meetings::MeetingQuery;
use app::domain::Permission;
use app::error::AppError;
use app::server::services::{reports, meetings, issues, trainings, accounts};
use app::api::trainings::TrainingQuery;
use app::server::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;

/// The list filters as they come in the URL; values that do not parse are ignored, as the
/// list page does.
#[derive(Deserialize, Default)]
pub struct Filters {
    fy: Option<String>,
    level: Option<String>,
    kind: Option<String>,
    profession: Option<String>,
    organisation: Option<String>,
    person: Option<String>,
    work_item: Option<String>,
    q: Option<String>,
    status: Option<String>,
}

impl Filters {
    fn query(self) -> MeetingQuery {
        let text = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        MeetingQuery {
            fy: text(self.fy).and_then(|s| s.parse().ok()),
            level: text(self.level).and_then(|s| s.parse().ok()),
            kind: text(self.kind),
            profession: text(self.profession).and_then(|s| s.parse().ok()),
            organisation: text(self.organisation).and_then(|s| s.parse().ok()),
            person: text(self.person).and_then(|s| s.parse().ok()),
            work_item: text(self.work_item),
            q: text(self.q),
            status: text(self.status),
            page: None,
        }
    }
}

pub fn error(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if status.is_server_error() {
        tracing::error!("export failed: {e:?}");
    }
    (status, [(header::CACHE_CONTROL, "no-store")], e.to_string()).into_response()
}

pub fn file(content_type: &'static str, name: &str, body: Vec<u8>) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    (StatusCode::OK, headers, body).into_response()
}

/// The signed-in user, if they may do `permission`: 401 without a session, 403 without the right.
pub fn allowed(user: Option<Extension<SessionUser>>, permission: Permission) -> Result<SessionUser, AppError> {
    app::server::auth::permit(user.map(|u| u.0), permission)
}

async fn rows(state: &AppState, user: Option<Extension<SessionUser>>, filters: Filters) -> Result<Vec<Vec<String>>, AppError> {
    allowed(user, Permission::ReadMeetings)?;
    meetings::export::rows(&state.db, &filters.query()).await
}

fn file_name(ext: &str) -> String {
    format!("meetings-{}.{ext}", app::clock::today().format("%Y%m%d"))
}

pub async fn meetings_csv(State(state): State<AppState>, user: Option<Extension<SessionUser>>, Query(f): Query<Filters>) -> Response {
    match rows(&state, user, f).await.and_then(|r| meetings::export::csv(&r)) {
        Ok(body) => file("text/csv; charset=utf-8", &file_name("csv"), body),
        Err(e) => error(e),
    }
}

pub async fn meetings_xlsx(State(state): State<AppState>, user: Option<Extension<SessionUser>>, Query(f): Query<Filters>) -> Response {
    match rows(&state, user, f).await.and_then(|r| meetings::export::xlsx(&r)) {
        Ok(body) => file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &file_name("xlsx"), body),
        Err(e) => error(e),
    }
}

/// `/calendar/{secret}.ics`: unknown, revoked or disabled users' secrets get 404.
pub async fn calendar_feed(State(state): State<AppState>, Path(name): Path<String>, headers: HeaderMap) -> Response {
    let Some(token) = name.strip_suffix(".ics") else { return error(AppError::NotFound) };
    let user = match accounts::users::by_calendar_token(&state.db, token).await {
        // The feed is of meetings: a role that may not read them (a collector) gets none.
        Ok(Some(u)) if app::domain::Role::from_code(&u.role).is_some_and(|r| r.allows(app::domain::Permission::ReadMeetings)) => u,
        Ok(_) => return error(AppError::NotFound),
        Err(e) => return error(e),
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("renkei").split(':').next().unwrap_or("renkei").to_string();
    match meetings::ical::events_of_user(&state.db, user.id).await {
        Ok(events) => {
            let body = meetings::ical::render(&events, &host, chrono::Utc::now()).into_bytes();
            let mut res = file("text/calendar; charset=utf-8", "renkei.ics", body);
            res.headers_mut().remove(header::CONTENT_DISPOSITION);
            res
        }
        Err(e) => error(e),
    }
}

#[derive(Deserialize, Default)]
pub struct YearRange {
    from: Option<String>,
    to: Option<String>,
}

/// `/issues/register/{profession}/matrix.xlsx?from=2012&to=2024`: one profession's matrix
/// for those who may read its register (others get 404, as for a missing one); audited.
pub async fn issue_matrix_xlsx(
    State(state): State<AppState>,
    user: Option<Extension<SessionUser>>,
    Path(profession): Path<String>,
    Query(range): Query<YearRange>,
) -> Response {
    let year = |v: Option<String>| v.and_then(|s| s.trim().parse::<i32>().ok());
    let result = async {
        let user = user.map(|u| u.0).ok_or(AppError::Unauthorized)?;
        let access = issues::access::IssueAccess::of(&state.db, &user).await?;
        let profession = profession.parse::<i32>().map_err(|_| AppError::NotFound)?;
        issues::matrix::export_xlsx(&state.db, &(&user).into(), &access, profession, year(range.from), year(range.to), app::clock::today(), chrono::Utc::now()).await
    }
    .await;
    match result {
        Ok((name, body)) => file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &name, body),
        Err(e) => error(e),
    }
}

#[derive(Deserialize, Default)]
pub struct TrainingFilters {
    fy: Option<String>,
    hosting: Option<String>,
    status: Option<String>,
    organisation: Option<String>,
    q: Option<String>,
}

impl TrainingFilters {
    fn query(self) -> TrainingQuery {
        let text = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        TrainingQuery {
            fy: text(self.fy).and_then(|s| s.parse().ok()),
            hosting: text(self.hosting),
            status: text(self.status),
            organisation: text(self.organisation).and_then(|s| s.parse().ok()),
            q: text(self.q),
            archived: None,
        }
    }
}

pub async fn trainings_csv(state: State<AppState>, user: Option<Extension<SessionUser>>, f: Query<TrainingFilters>) -> Response {
    trainings_file(state, user, "csv", f).await
}

pub async fn trainings_xlsx(state: State<AppState>, user: Option<Extension<SessionUser>>, f: Query<TrainingFilters>) -> Response {
    trainings_file(state, user, "xlsx", f).await
}

/// `/trainings/export.{csv,xlsx}` with the list's filters (no year: the upcoming ones).
async fn trainings_file(State(state): State<AppState>, user: Option<Extension<SessionUser>>, ext: &str, Query(f): Query<TrainingFilters>) -> Response {
    let result = async {
        allowed(user, Permission::ReadTrainings)?;
        let rows = trainings::export_rows(&state.db, &f.query(), app::clock::today()).await?;
        let name = format!("trainings-{}", app::clock::today().format("%Y%m%d"));
        match ext {
            "csv" => Ok(("text/csv; charset=utf-8", format!("{name}.csv"), app::server::render::table::table_csv(&trainings::EXPORT_HEADERS, &rows)?)),
            "xlsx" => Ok((
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                format!("{name}.xlsx"),
                app::server::render::table::table_xlsx("研修一覧", &trainings::EXPORT_HEADERS, &rows, &[2, 11, 13, 14, 15], &[(0, 12.0), (4, 36.0), (5, 24.0), (8, 24.0), (9, 20.0)])?,
            )),
            _ => Err(AppError::NotFound),
        }
    }
    .await;
    match result {
        Ok((content_type, name, body)) => file(content_type, &name, body),
        Err(e) => error(e),
    }
}

#[derive(Deserialize, Default)]
pub struct ReportYear {
    fy: Option<String>,
}

/// `/report/export.xlsx?fy=2025`: the annual report, one sheet per section, with the same
/// sections the caller sees on the page.
pub async fn report_xlsx(State(state): State<AppState>, user: Option<Extension<SessionUser>>, Query(q): Query<ReportYear>) -> Response {
    let result = async {
        let user = allowed(user, Permission::ReadMeetings)?;
        let access = issues::access::IssueAccess::optional(&state.db, &user).await?;
        let fy = q.fy.and_then(|s| s.trim().parse::<i32>().ok());
        let report = reports::annual::build(&state.db, &user, access.as_ref(), fy, app::clock::today()).await?;
        Ok((format!("annual-report-{}.xlsx", report.year.year), reports::annual::xlsx(&report)?))
    }
    .await;
    match result {
        Ok((name, body)) => file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &name, body),
        Err(e) => error(e),
    }
}

#[derive(Deserialize, Default)]
pub struct PeriodQuery {
    from: Option<String>,
    to: Option<String>,
}

/// `/reports/period.xlsx?from=2026-11-01&to=2026-11-30`: the period's activity report, the
/// sections the caller sees on the page.
pub async fn period_xlsx(State(state): State<AppState>, user: Option<Extension<SessionUser>>, Query(q): Query<PeriodQuery>) -> Response {
    let result = async {
        let user = allowed(user, Permission::ReadMeetings)?;
        let access = issues::access::IssueAccess::optional(&state.db, &user).await?;
        let report = reports::period::build(&state.db, &user, access.as_ref(), q.from, q.to, app::clock::today()).await?;
        let name = format!("activity-report-{}-{}.xlsx", report.from, report.to);
        Ok((name, reports::annual::workbook(&format!("活動報告 {}", report.label), &report.sections)?))
    }
    .await;
    match result {
        Ok((name, body)) => file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &name, body),
        Err(e) => error(e),
    }
}

#[derive(Deserialize, Default)]
pub struct HandoverQuery {
    profession: Option<String>,
}

/// `/handover.xlsx?profession=3`: the handover pack, the sections the caller sees on the page.
pub async fn handover_xlsx(State(state): State<AppState>, user: Option<Extension<SessionUser>>, Query(q): Query<HandoverQuery>) -> Response {
    let result = async {
        let user = allowed(user, Permission::ReadMeetings)?;
        let user = allowed(Some(Extension(user)), Permission::ReadDirectory)?;
        let access = issues::access::IssueAccess::optional(&state.db, &user).await?;
        let profession = q.profession.and_then(|s| s.trim().parse::<i32>().ok());
        let pack = reports::handover::build(&state.db, access.as_ref(), profession, app::clock::today()).await?;
        let heading = match &pack.profession {
            Some(p) => format!("引き継ぎ資料 {}", p.name),
            None => "引き継ぎ資料".to_string(),
        };
        Ok((format!("handover-{}.xlsx", app::clock::today().format("%Y%m%d")), reports::annual::workbook(&heading, &pack.sections)?))
    }
    .await;
    match result {
        Ok((name, body)) => file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &name, body),
        Err(e) => error(e),
    }
}

/// `/plan/export.xlsx?fy=2025`: the plan by the four scenes, one sheet per scene and the
/// by-scene summary.
pub async fn plan_xlsx(State(state): State<AppState>, user: Option<Extension<SessionUser>>, Query(q): Query<ReportYear>) -> Response {
    let result = async {
        allowed(user, Permission::ReadMeetings)?;
        let fy = q.fy.and_then(|s| s.trim().parse::<i32>().ok());
        let plan = app::server::services::plan::year::build(&state.db, fy, app::clock::today()).await?;
        let sections = app::server::services::plan::year::workbook_sections(&plan);
        Ok((format!("scene-plan-{}.xlsx", plan.year.year), reports::annual::workbook(&format!("{} 4つの場面の計画", plan.title_year), &sections)?))
    }
    .await;
    match result {
        Ok((name, body)) => file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &name, body),
        Err(e) => error(e),
    }
}

/// `/referrals/evaluation.csv?fy=2026` and `.xlsx`: the year's evaluation of the referral
/// pathways (the team's; counts only).
pub async fn referral_evaluation_csv(state: State<AppState>, user: Option<Extension<SessionUser>>, q: Query<ReportYear>) -> Response {
    referral_evaluation(state, user, q, "csv").await
}

pub async fn referral_evaluation_xlsx(state: State<AppState>, user: Option<Extension<SessionUser>>, q: Query<ReportYear>) -> Response {
    referral_evaluation(state, user, q, "xlsx").await
}

async fn referral_evaluation(State(state): State<AppState>, user: Option<Extension<SessionUser>>, Query(q): Query<ReportYear>, ext: &str) -> Response {
    use app::server::services::referrals::{evaluation, ReferralAccess};
    let result = async {
        let user = allowed(user, Permission::ReadReferrals)?;
        let access = ReferralAccess::of(&user)?;
        let fy = match q.fy.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => s.parse::<i32>().ok().and_then(app::domain::FiscalYear::new).ok_or_else(|| AppError::BadRequest("年度を正しく指定してください。".into()))?,
            None => app::domain::FiscalYear::of(app::clock::today()),
        };
        let r = evaluation::build(&state.db, &access, fy, app::clock::today()).await?;
        let grid = app::domain::referral_evaluation::to_grid(&format!("つながるパスの評価 {}", r.label), &r.evaluation);
        let body = match ext {
            "csv" => app::server::render::table::csv(&grid)?,
            _ => app::server::render::table::grid_xlsx("つながるパスの評価", &grid, 0)?,
        };
        Ok((format!("referral-evaluation-{}.{ext}", r.fiscal_year), body))
    }
    .await;
    let kind = if ext == "csv" { "text/csv; charset=utf-8" } else { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
    match result {
        Ok((name, body)) => file(kind, &name, body),
        Err(e) => error(e),
    }
}

/// One slip and its replies for the person who asked what is kept about them
/// (administrators only; written to the audit trail as an export).
pub async fn referral_disclosure_csv(State(state): State<AppState>, user: Option<Extension<SessionUser>>, Path(id): Path<String>) -> Response {
    use app::server::services::referrals::{disclosure, ReferralAccess};
    let result = async {
        let user = allowed(user, Permission::ManageUsers)?;
        let access = ReferralAccess::of_account(&state.db, &user).await?;
        if !access.opens_personal() {
            return Err(AppError::BadRequest("ご本人への開示用の書き出しには、2段階認証を有効にしてください。".into()));
        }
        let keyring = state.keyring.clone().ok_or_else(|| AppError::Internal("referral keys are not loaded".into()))?;
        let id = id.parse::<i32>().map_err(|_| AppError::NotFound)?;
        let grid = disclosure::export(&state.db, &keyring, &access, &(&user).into(), id, app::clock::today(), chrono::Utc::now()).await?;
        let rows: Vec<Vec<String>> = std::iter::once(vec![grid.caption.clone()]).chain(grid.all_rows()).collect();
        Ok((format!("referral-{id}-disclosure.csv"), app::server::render::table::csv(&rows)?))
    }
    .await;
    match result {
        Ok((name, body)) => file("text/csv; charset=utf-8", &name, body),
        Err(e) => error(e),
    }
}
