//! The directory: view types and server functions for professions, organisations and people.

use crate::domain::directory::{OrganisationInput, PersonInput};
#[cfg(feature = "ssr")]
use crate::domain::directory::ProfessionInput;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfessionView {
    pub id: i32,
    pub name: String,
    pub short_name: String,
    pub sort_order: i32,
    pub active: bool,
    pub version: i32,
    pub organisations: u64,
    pub people: u64,
}

/// An (id, name) pair for links and choices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ref {
    pub id: i32,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationSummary {
    pub id: i32,
    pub name: String,
    pub kana: String,
    pub kind: String,
    pub professions: Vec<Ref>,
    pub phone: String,
    pub active: bool,
    pub people: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationView {
    pub id: i32,
    pub input: OrganisationInput,
    pub professions: Vec<Ref>,
    pub active: bool,
    pub version: i32,
    pub updated_at: String,
    pub people: Vec<PersonSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: i32,
    pub name: String,
    pub kana: String,
    pub organisation: Option<Ref>,
    pub profession: Option<Ref>,
    pub title: String,
    pub phone: String,
    pub email: String,
    pub key_person: bool,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonView {
    pub id: i32,
    pub input: PersonInput,
    pub organisation: Option<Ref>,
    pub profession: Option<Ref>,
    pub active: bool,
    pub version: i32,
    pub updated_at: String,
}

/// Filters, sorting and page of a directory list (all optional, from the URL).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub q: Option<String>,
    pub kind: Option<String>,
    pub profession: Option<i32>,
    pub organisation: Option<i32>,
    /// "active" (default), "archived" or "all".
    pub status: Option<String>,
    /// "kana" (default), "name" or "updated".
    pub sort: Option<String>,
    pub key_person: Option<bool>,
    pub page: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPage<T> {
    pub items: Vec<T>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
}

/// Choices for the directory forms: active professions and organisations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryChoices {
    pub professions: Vec<Ref>,
    pub organisations: Vec<Ref>,
}

/// What happened to a record the user asked to delete.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeleteOutcome {
    Deleted,
    /// Other records refer to it, so it was archived instead.
    Archived,
}

#[allow(dead_code)] // used by server function bodies only
fn parse_id(s: &str) -> Option<i32> {
    s.trim().parse().ok().filter(|n: &i32| *n > 0)
}

#[server(prefix = "/api", endpoint = "professions_list")]
pub async fn list_professions() -> Result<Vec<ProfessionView>, AppError> {
    crate::server::auth::authorize(Permission::ReadDirectory)?;
    crate::server::services::professions::list(&crate::server::db()?).await
}

#[server(prefix = "/api", endpoint = "directory_choices")]
pub async fn get_choices() -> Result<DirectoryChoices, AppError> {
    crate::server::auth::authorize(Permission::ReadDirectory)?;
    crate::server::services::directory_choices(&crate::server::db()?).await
}

#[server(prefix = "/api", endpoint = "professions_save")]
pub async fn save_profession(
    id: Option<i32>,
    version: Option<i32>,
    name: String,
    short_name: String,
    sort_order: String,
    active: Option<String>,
) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteDirectory)?;
    let input = ProfessionInput { name, short_name, sort_order, active: active.is_some() || id.is_none() };
    let pairs = vec![
        ("name".into(), input.name.clone()),
        ("short_name".into(), input.short_name.clone()),
        ("sort_order".into(), input.sort_order.clone()),
    ];
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::professions::save(txn, &(&user).into(), id, version, &input, chrono::Utc::now()).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect("/directory/professions?saved=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "organisations_list")]
pub async fn list_organisations(#[server(default)] query: ListQuery) -> Result<ListPage<OrganisationSummary>, AppError> {
    crate::server::auth::authorize(Permission::ReadDirectory)?;
    crate::server::services::organisations::list(&crate::server::db()?, &query).await
}

#[server(prefix = "/api", endpoint = "organisations_get")]
pub async fn get_organisation(id: i32) -> Result<OrganisationView, AppError> {
    crate::server::auth::authorize(Permission::ReadDirectory)?;
    crate::server::services::organisations::get(&crate::server::db()?, id).await
}

#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "organisations_save")]
pub async fn save_organisation(
    id: Option<i32>,
    version: Option<i32>,
    name: String,
    kana: String,
    kind: String,
    professions: Option<Vec<i32>>,
    address: String,
    phone: String,
    email: String,
    website: String,
    notes: String,
    allow_duplicate: Option<String>,
) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteDirectory)?;
    let input = OrganisationInput {
        name,
        kana,
        kind,
        professions: professions.unwrap_or_default(),
        address,
        phone,
        email,
        website,
        notes,
    };
    let pairs = input.pairs();
    let allow_duplicate = allow_duplicate.is_some();
    let saved = crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::organisations::save(txn, &(&user).into(), id, version, &input, allow_duplicate, chrono::Utc::now()).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/directory/organisations/{saved}?saved=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "organisations_set_active")]
pub async fn set_organisation_active(id: i32, version: i32, active: bool) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteDirectory)?;
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::organisations::set_active(txn, &(&user).into(), id, version, active, chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/directory/organisations/{id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "organisations_delete")]
pub async fn delete_organisation(id: i32) -> Result<DeleteOutcome, AppError> {
    let user = crate::server::auth::authorize(Permission::WriteDirectory)?;
    let outcome = crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::organisations::delete(txn, &(&user).into(), id, chrono::Utc::now()).await
    }))
    .await?;
    match outcome {
        DeleteOutcome::Deleted => leptos_axum::redirect("/directory/organisations?deleted=1"),
        DeleteOutcome::Archived => leptos_axum::redirect(&format!("/directory/organisations/{id}?archived_instead=1")),
    }
    Ok(outcome)
}

#[server(prefix = "/api", endpoint = "people_list")]
pub async fn list_people(#[server(default)] query: ListQuery) -> Result<ListPage<PersonSummary>, AppError> {
    crate::server::auth::authorize(Permission::ReadDirectory)?;
    crate::server::services::people::list(&crate::server::db()?, &query).await
}

#[server(prefix = "/api", endpoint = "people_get")]
pub async fn get_person(id: i32) -> Result<PersonView, AppError> {
    crate::server::auth::authorize(Permission::ReadDirectory)?;
    crate::server::services::people::get(&crate::server::db()?, id).await
}

#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "people_save")]
pub async fn save_person(
    id: Option<i32>,
    version: Option<i32>,
    name: String,
    kana: String,
    organisation_id: String,
    profession_id: String,
    title: String,
    phone: String,
    email: String,
    key_person: Option<String>,
    notes: String,
) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteDirectory)?;
    let input = PersonInput {
        name,
        kana,
        organisation_id: parse_id(&organisation_id),
        profession_id: parse_id(&profession_id),
        title,
        phone,
        email,
        key_person: key_person.is_some(),
        notes,
    };
    let pairs = input.pairs();
    let saved = crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::people::save(txn, &(&user).into(), id, version, &input, chrono::Utc::now()).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/directory/people/{saved}?saved=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "people_set_active")]
pub async fn set_person_active(id: i32, version: i32, active: bool) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteDirectory)?;
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::people::set_active(txn, &(&user).into(), id, version, active, chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/directory/people/{id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "people_delete")]
pub async fn delete_person(id: i32) -> Result<DeleteOutcome, AppError> {
    let user = crate::server::auth::authorize(Permission::WriteDirectory)?;
    let outcome = crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::people::delete(txn, &(&user).into(), id, chrono::Utc::now()).await
    }))
    .await?;
    match outcome {
        DeleteOutcome::Deleted => leptos_axum::redirect("/directory/people?deleted=1"),
        DeleteOutcome::Archived => leptos_axum::redirect(&format!("/directory/people/{id}?archived_instead=1")),
    }
    Ok(outcome)
}
