//! The annual report (事業報告) of one fiscal year: what the team reports each year, as
//! sections of tables. Everyone who reads meetings may read it; the issue section is there
//! only for those who may read registers (and covers only theirs).

pub use crate::dto::report::*;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "annual_report")]
pub async fn get_annual_report(fy: Option<i32>) -> Result<AnnualReport, AppError> {
    let user = crate::server::auth::authorize(Permission::ReadMeetings)?;
    let db = crate::server::db()?;
    let access = crate::server::auth::optional_issue_access().await?;
    crate::server::services::reports::annual::build(&db, &user, access.as_ref(), fy, crate::clock::today()).await
}

/// The activity report of a date range (`from`, `to`: "2026-11-01"; this month by default),
/// with the annual report's permissions.
#[server(prefix = "/api", endpoint = "period_report")]
pub async fn get_period_report(from: Option<String>, to: Option<String>) -> Result<PeriodReport, AppError> {
    let user = crate::server::auth::authorize(Permission::ReadMeetings)?;
    let db = crate::server::db()?;
    let access = crate::server::auth::optional_issue_access().await?;
    crate::server::services::reports::period::build(&db, &user, access.as_ref(), from, to, crate::clock::today()).await
}

/// The handover pack of a profession (or all of them): directory and meeting data for those
/// who read both; the open issues only for those allowed, through the registers' gate.
#[server(prefix = "/api", endpoint = "handover")]
pub async fn get_handover(profession: Option<i32>) -> Result<HandoverPack, AppError> {
    crate::server::auth::authorize(Permission::ReadMeetings)?;
    crate::server::auth::authorize(Permission::ReadDirectory)?;
    let db = crate::server::db()?;
    let access = crate::server::auth::optional_issue_access().await?;
    crate::server::services::reports::handover::build(&db, access.as_ref(), profession, crate::clock::today()).await
}
