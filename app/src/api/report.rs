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
