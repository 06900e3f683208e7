//! The directory: view types and server functions for professions, organisations and people.

pub use crate::dto::directory::*;
#[cfg(feature = "ssr")]
use crate::domain::directory::{OrganisationInput, PersonInput};
#[cfg(feature = "ssr")]
use crate::domain::directory::ProfessionInput;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;

#[allow(dead_code)] // used by server function bodies only
fn parse_id(s: &str) -> Option<i32> {
    s.trim().parse().ok().filter(|n: &i32| *n > 0)
}

#[server(prefix = "/api", endpoint = "professions_list")]
pub async fn list_professions() -> Result<Vec<ProfessionView>, AppError> {
    crate::server::auth::authorize(Permission::ReadDirectory)?;
    crate::server::services::directory::professions::list(&crate::server::db()?).await
}

#[server(prefix = "/api", endpoint = "directory_choices")]
pub async fn get_choices() -> Result<DirectoryChoices, AppError> {
    crate::server::auth::authorize(Permission::ReadDirectory)?;
    crate::server::services::directory::choices(&crate::server::db()?).await
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
    let input = ProfessionInput { name, short_name, sort_order, active: active.is_some() || id.is_none() };
    let pairs = vec![
        ("name".into(), input.name.clone()),
        ("short_name".into(), input.short_name.clone()),
        ("sort_order".into(), input.sort_order.clone()),
    ];
    crate::server::write(Permission::WriteDirectory, move |txn, w| Box::pin(async move {
        crate::server::services::directory::professions::save(txn, &w.actor, id, version, &input, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect("/directory/professions?saved=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "organisations_list")]
pub async fn list_organisations(#[server(default)] query: ListQuery) -> Result<ListPage<OrganisationSummary>, AppError> {
    crate::server::auth::authorize(Permission::ReadDirectory)?;
    crate::server::services::directory::organisations::list(&crate::server::db()?, &query).await
}

#[server(prefix = "/api", endpoint = "organisations_get")]
pub async fn get_organisation(id: i32) -> Result<OrganisationView, AppError> {
    crate::server::auth::authorize(Permission::ReadDirectory)?;
    crate::server::services::directory::organisations::get(&crate::server::db()?, id).await
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
    receives_newsletter: Option<String>,
    allow_duplicate: Option<String>,
) -> Result<(), AppError> {
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
        receives_newsletter: receives_newsletter.is_some(),
    };
    let pairs = input.pairs();
    let allow_duplicate = allow_duplicate.is_some();
    let saved = crate::server::write(Permission::WriteDirectory, move |txn, w| Box::pin(async move {
        crate::server::services::directory::organisations::save(txn, &w.actor, id, version, &input, allow_duplicate, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/directory/organisations/{saved}?saved=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "organisations_set_active")]
pub async fn set_organisation_active(id: i32, version: i32, active: bool) -> Result<(), AppError> {
    crate::server::write(Permission::WriteDirectory, move |txn, w| Box::pin(async move {
        crate::server::services::directory::organisations::set_active(txn, &w.actor, id, version, active, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/directory/organisations/{id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "organisations_delete")]
pub async fn delete_organisation(id: i32) -> Result<DeleteOutcome, AppError> {
    let outcome = crate::server::write(Permission::WriteDirectory, move |txn, w| Box::pin(async move {
        crate::server::services::directory::organisations::delete(txn, &w.actor, id, w.now).await
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
    crate::server::services::directory::people::list(&crate::server::db()?, &query).await
}

#[server(prefix = "/api", endpoint = "people_get")]
pub async fn get_person(id: i32) -> Result<PersonView, AppError> {
    crate::server::auth::authorize(Permission::ReadDirectory)?;
    crate::server::services::directory::people::get(&crate::server::db()?, id).await
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
    let saved = crate::server::write(Permission::WriteDirectory, move |txn, w| Box::pin(async move {
        crate::server::services::directory::people::save(txn, &w.actor, id, version, &input, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/directory/people/{saved}?saved=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "people_set_active")]
pub async fn set_person_active(id: i32, version: i32, active: bool) -> Result<(), AppError> {
    crate::server::write(Permission::WriteDirectory, move |txn, w| Box::pin(async move {
        crate::server::services::directory::people::set_active(txn, &w.actor, id, version, active, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/directory/people/{id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "people_delete")]
pub async fn delete_person(id: i32) -> Result<DeleteOutcome, AppError> {
    let outcome = crate::server::write(Permission::WriteDirectory, move |txn, w| Box::pin(async move {
        crate::server::services::directory::people::delete(txn, &w.actor, id, w.now).await
    }))
    .await?;
    match outcome {
        DeleteOutcome::Deleted => leptos_axum::redirect("/directory/people?deleted=1"),
        DeleteOutcome::Archived => leptos_axum::redirect(&format!("/directory/people/{id}?archived_instead=1")),
    }
    Ok(outcome)
}

/// Adds an earlier post to a person's history.
#[server(prefix = "/api", endpoint = "people_add_post")]
pub async fn add_person_post(person_id: i32, #[server(flatten)] input: PostInput) -> Result<(), AppError> {
    let pairs = input.pairs();
    crate::server::write(Permission::WriteDirectory, move |txn, w| Box::pin(async move {
        crate::server::services::directory::posts::add(txn, &w.actor, person_id, &input, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/directory/people/{person_id}?post=1#posts"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "people_remove_post")]
pub async fn remove_person_post(id: i32) -> Result<(), AppError> {
    let person = crate::server::write(Permission::WriteDirectory, move |txn, w| Box::pin(async move {
        crate::server::services::directory::posts::remove(txn, &w.actor, id, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/directory/people/{person}#posts"));
    Ok(())
}

/// What an uploaded spreadsheet of organisations would do (the uploader's own).
#[server(prefix = "/api", endpoint = "organisations_import_preview")]
pub async fn get_organisation_import_preview(id: i32) -> Result<DirectoryImportPreview, AppError> {
    let user = crate::server::auth::authorize(Permission::WriteDirectory)?;
    crate::server::services::directory::import::preview_organisations(&crate::server::db()?, user.id, id).await
}

/// Saves an upload's organisations; `choices`: `<line>:merge|new|skip` for rows that match one.
#[server(prefix = "/api", endpoint = "organisations_import_commit")]
pub async fn commit_organisation_import(id: i32, #[server(default)] choices: Vec<String>) -> Result<(), AppError> {
    crate::server::write(Permission::WriteDirectory, move |txn, w| Box::pin(async move {
        crate::server::services::directory::import::commit_organisations(txn, &w.actor, w.user.id, id, &choices, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/directory/organisations/import/{id}"));
    Ok(())
}

/// What an uploaded spreadsheet of people would do (the uploader's own).
#[server(prefix = "/api", endpoint = "people_import_preview")]
pub async fn get_person_import_preview(id: i32) -> Result<DirectoryImportPreview, AppError> {
    let user = crate::server::auth::authorize(Permission::WriteDirectory)?;
    crate::server::services::directory::import::preview_people(&crate::server::db()?, user.id, id).await
}

/// Saves an upload's people; `choices`: `<line>:merge|new|skip` for rows that match someone.
#[server(prefix = "/api", endpoint = "people_import_commit")]
pub async fn commit_person_import(id: i32, #[server(default)] choices: Vec<String>) -> Result<(), AppError> {
    crate::server::write(Permission::WriteDirectory, move |txn, w| Box::pin(async move {
        crate::server::services::directory::import::commit_people(txn, &w.actor, w.user.id, id, &choices, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/directory/people/import/{id}"));
    Ok(())
}
