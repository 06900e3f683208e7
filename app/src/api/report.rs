//! The annual report (事業報告) of one fiscal year: what the team reports each year, as
//! sections of tables. Everyone who reads meetings may read it; the issue section is there
//! only for those who may read registers (and covers only theirs).

use crate::api::issues::MatrixYear;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::domain::report::Section;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualReport {
    pub year: MatrixYear,
    /// "令和7年度".
    pub title_year: String,
    /// "2025/04/01〜2026/03/31".
    pub period: String,
    /// Years with records, oldest first (and the current one).
    pub years: Vec<MatrixYear>,
    pub sections: Vec<Section>,
    /// "2026/11/22 作成".
    pub made_on: String,
}

#[server(prefix = "/api", endpoint = "annual_report")]
pub async fn get_annual_report(fy: Option<i32>) -> Result<AnnualReport, AppError> {
    let user = crate::server::auth::authorize(Permission::ReadMeetings)?;
    let db = crate::server::db()?;
    let scope = crate::server::auth::optional_issue_scope().await?;
    crate::server::services::annual_report::build(&db, &user, scope.as_ref(), fy, crate::clock::today()).await
}
