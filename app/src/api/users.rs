//! Administration of user accounts (管理者 only).

use super::auth::UserView;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "users_list")]
pub async fn list_users() -> Result<Vec<UserView>, AppError> {
    crate::server::auth::authorize(Permission::ManageUsers)?;
    let db = crate::server::db()?;
    let users = crate::server::services::accounts::users::list(&db).await?;
    Ok(users.iter().map(crate::server::services::accounts::users::to_view).collect())
}

#[server(prefix = "/api", endpoint = "users_get")]
pub async fn get_user(id: i32) -> Result<UserView, AppError> {
    crate::server::auth::authorize(Permission::ManageUsers)?;
    let db = crate::server::db()?;
    Ok(crate::server::services::accounts::users::to_view(&crate::server::services::accounts::users::find(&db, id).await?))
}

#[server(prefix = "/api", endpoint = "users_create")]
pub async fn create_user(login_name: String, display_name: String, role: String, password: String) -> Result<(), AppError> {
    use crate::server::services::accounts::users::{self, NewUser};
    let admin = crate::server::auth::authorize(Permission::ManageUsers)?;
    let input = NewUser { login_name: login_name.clone(), display_name: display_name.clone(), role: role.clone(), password, password_confirm: None };
    let user = crate::server::transaction(move |txn| Box::pin(async move {
        users::create(txn, &(&admin).into(), &input, chrono::Utc::now()).await
    }))
    .await
    // Never the password.
    .map_err(|e| e.with_input(vec![("login_name".into(), login_name), ("display_name".into(), display_name), ("role".into(), role)]))?;
    leptos_axum::redirect(&format!("/admin/users/{}?created=1", user.id));
    Ok(())
}

#[server(prefix = "/api", endpoint = "users_update")]
pub async fn update_user(
    id: i32,
    display_name: String,
    role: String,
    active: Option<String>,
    version: i32,
) -> Result<(), AppError> {
    let admin = crate::server::auth::authorize(Permission::ManageUsers)?;
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::accounts::users::update_account(txn, &admin, id, &display_name, &role, active.is_some(), version, chrono::Utc::now())
            .await
            .map(|_| ())
    }))
    .await?;
    leptos_axum::redirect(&format!("/admin/users/{id}?saved=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "users_reset_password")]
pub async fn reset_user_password(id: i32, password: String) -> Result<(), AppError> {
    let admin = crate::server::auth::authorize(Permission::ManageUsers)?;
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::accounts::users::reset_password(txn, &(&admin).into(), id, &password, chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/admin/users/{id}?password=1"));
    Ok(())
}
