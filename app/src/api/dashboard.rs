//! The home dashboard: what is coming up, what is late, what came in, and (for those who may
//! read registers) where the issues stand. Each part is there only for roles that may see it.

pub use crate::dto::dashboard::*;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "dashboard")]
pub async fn get_dashboard() -> Result<Dashboard, AppError> {
    let user = crate::server::auth::authorize(Permission::ReadMeetings)?;
    let db = crate::server::db()?;
    let access = crate::server::auth::optional_issue_access().await?;
    crate::server::services::reports::dashboard::load(&db, &user, access.as_ref(), crate::clock::today()).await
}
