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
    let mut districts = crate::server::services::resources::collectors::all(&db).await?;
    let mut organisations = crate::server::services::referrals::partners::all(&db).await?;
    Ok(users
        .iter()
        .map(|u| UserView { district: districts.remove(&u.id), organisation: organisations.remove(&u.id), ..crate::server::services::accounts::users::to_view(u) })
        .collect())
}

#[server(prefix = "/api", endpoint = "users_get")]
pub async fn get_user(id: i32) -> Result<UserView, AppError> {
    crate::server::auth::authorize(Permission::ManageUsers)?;
    let db = crate::server::db()?;
    let view = crate::server::services::accounts::users::to_view(&crate::server::services::accounts::users::find(&db, id).await?);
    let district = crate::server::services::resources::collectors::all(&db).await?.remove(&id);
    let organisation = crate::server::services::referrals::partners::all(&db).await?.remove(&id);
    Ok(UserView { district, organisation, ..view })
}

/// The districts a resource collector can be bound to.
#[server(prefix = "/api", endpoint = "users_districts")]
pub async fn get_collector_districts() -> Result<Vec<crate::dto::directory::Ref>, AppError> {
    crate::server::auth::authorize(Permission::ManageUsers)?;
    crate::server::services::resources::collectors::choices(&crate::server::db()?).await
}

/// The organisations a partner account can be bound to.
#[server(prefix = "/api", endpoint = "users_partner_organisations")]
pub async fn get_partner_organisations() -> Result<Vec<crate::dto::directory::Ref>, AppError> {
    crate::server::auth::authorize(Permission::ManageUsers)?;
    crate::server::services::referrals::partners::choices(&crate::server::db()?).await
}

#[server(prefix = "/api", endpoint = "users_create")]
#[allow(clippy::too_many_arguments)]
pub async fn create_user(
    login_name: String,
    display_name: String,
    role: String,
    password: String,
    #[server(default)] district: String,
    #[server(default)] organisation: String,
) -> Result<(), AppError> {
    use crate::server::services::accounts::users::{self, NewUser};
    let admin = crate::server::auth::authorize(Permission::ManageUsers)?;
    let input = NewUser { login_name: login_name.clone(), display_name: display_name.clone(), role: role.clone(), password, password_confirm: None };
    let kept = vec![("login_name".into(), login_name), ("display_name".into(), display_name), ("role".into(), role), ("district".into(), district.clone()), ("organisation".into(), organisation.clone())];
    let user = crate::server::transaction(move |txn| Box::pin(async move {
        let now = chrono::Utc::now();
        let actor = (&admin).into();
        let user = users::create(txn, &actor, &input, now).await?;
        let role = crate::domain::Role::from_code(&user.role).unwrap_or(crate::domain::Role::Viewer);
        crate::server::services::resources::collectors::assign(txn, &actor, user.id, &user.login_name, role, &district, now).await?;
        crate::server::services::referrals::partners::assign(txn, &actor, user.id, &user.login_name, role, &organisation, now).await?;
        Ok(user)
    }))
    .await
    // Never the password.
    .map_err(|e| e.with_input(kept))?;
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
    #[server(default)] district: String,
    #[server(default)] organisation: String,
) -> Result<(), AppError> {
    let admin = crate::server::auth::authorize(Permission::ManageUsers)?;
    crate::server::transaction(move |txn| Box::pin(async move {
        let now = chrono::Utc::now();
        let user = crate::server::services::accounts::users::update_account(txn, &admin, id, &display_name, &role, active.is_some(), version, now).await?;
        let role = crate::domain::Role::from_code(&user.role).unwrap_or(crate::domain::Role::Viewer);
        crate::server::services::resources::collectors::assign(txn, &(&admin).into(), id, &user.login_name, role, &district, now).await?;
        crate::server::services::referrals::partners::assign(txn, &(&admin).into(), id, &user.login_name, role, &organisation, now).await
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
