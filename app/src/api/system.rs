pub use crate::dto::system::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "system_info")]
pub async fn get_system_info() -> Result<SystemInfo, AppError> {
    crate::server::auth::require_user()?;
    let db = crate::server::db()?;
    crate::server::services::system::info(&db).await
}

/// The team's name as the print stamp shows it (administrators, for its form).
#[server(prefix = "/api", endpoint = "system_team_name")]
pub async fn get_team_name() -> Result<String, AppError> {
    crate::server::auth::authorize(crate::domain::Permission::ManageUsers)?;
    let db = crate::server::db()?;
    crate::server::services::system::settings::team_name(&db).await
}

/// Names the team (blank: no name), for the stamp of every print.
#[server(prefix = "/api", endpoint = "system_set_team_name")]
pub async fn set_team_name(team_name: String) -> Result<(), AppError> {
    let echoed = vec![("team_name".to_string(), team_name.clone())];
    crate::server::write(crate::domain::Permission::ManageUsers, move |txn, w| Box::pin(async move {
        crate::server::services::system::settings::set_team_name(txn, &w.actor, &team_name, w.now).await.map(|_| ())
    }))
    .await
    .map_err(|e| e.with_input(echoed))?;
    leptos_axum::redirect("/admin/users?team_name=1");
    Ok(())
}
