pub use crate::dto::system::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "system_info")]
pub async fn get_system_info() -> Result<SystemInfo, AppError> {
    crate::server::auth::require_user()?;
    let db = crate::server::db()?;
    crate::server::services::system::info(&db).await
}
