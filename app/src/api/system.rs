use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemInfo {
    pub version: String,
    pub database: String,
    pub migrations: i64,
    pub demo: bool,
}

#[server(prefix = "/api", endpoint = "system_info")]
pub async fn get_system_info() -> Result<SystemInfo, AppError> {
    crate::server::auth::require_user()?;
    let db = crate::server::db()?;
    crate::server::services::system::info(&db).await
}
