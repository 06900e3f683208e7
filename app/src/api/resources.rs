//! The social resource list: the team's records and decisions (signed in), and the public
//! list (no sign-in; reads only through `services::resources::public`).

pub use crate::dto::resources::*;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::domain::resources::ResourceInput;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's scope of the resource list, if they may do `permission` at all.
#[cfg(feature = "ssr")]
fn scope(permission: Permission) -> Result<crate::server::services::resources::Scope, AppError> {
    crate::server::services::resources::Scope::of(&crate::server::auth::authorize(permission)?)
}

#[server(prefix = "/api", endpoint = "resources_list")]
pub async fn list_resources(#[server(default)] query: ResourceQuery) -> Result<ResourceList, AppError> {
    let scope = scope(Permission::ReadResources)?;
    crate::server::services::resources::record::list_in(&crate::server::db()?, scope, &query, crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "resources_get")]
pub async fn get_resource(id: i32) -> Result<ResourceView, AppError> {
    let scope = scope(Permission::ReadResources)?;
    crate::server::services::resources::record::get_in(&crate::server::db()?, scope, id, crate::clock::today()).await
}

/// The form's choices; `id`: the record being edited (its retired values stay offered).
#[server(prefix = "/api", endpoint = "resources_choices")]
pub async fn get_resource_choices(id: Option<i32>) -> Result<ResourceChoices, AppError> {
    use crate::server::services::resources::record::{choices, find, Context};
    let scope = scope(Permission::WriteResources)?;
    let db = crate::server::db()?;
    let cx = Context::load(&db).await?;
    let current = match id {
        Some(id) => Some(scope.check(find(&db, id).await?)?),
        None => None,
    };
    choices(&db, scope, &cx, current.as_ref()).await
}

/// Creates (`id` empty) or updates a resource; back to its page.
#[server(prefix = "/api", endpoint = "resources_save")]
pub async fn save_resource(id: Option<i32>, version: Option<i32>, #[server(flatten)] input: ResourceInput) -> Result<(), AppError> {
    let pairs = input.pairs();
    let scope = scope(Permission::WriteResources)?;
    let saved = crate::server::write(Permission::WriteResources, move |txn, w| Box::pin(async move {
        crate::server::services::resources::record::save_in(txn, scope, &w.actor, id, version, &input, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/resources/{saved}?saved=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "resources_set_active")]
pub async fn set_resource_active(id: i32, version: i32, active: bool) -> Result<(), AppError> {
    // Archiving takes a resource out of publication: the team's decision, not a collector's.
    if scope(Permission::WriteResources)? != crate::server::services::resources::Scope::Team {
        return Err(AppError::Forbidden);
    }
    crate::server::write(Permission::WriteResources, move |txn, w| Box::pin(async move {
        crate::server::services::resources::set_active(txn, &w.actor, id, version, active, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/resources/{id}"));
    Ok(())
}

/// The screening decision (`screening`: a code; `reason` for 非掲載).
#[server(prefix = "/api", endpoint = "resources_screen")]
pub async fn screen_resource(id: i32, version: i32, screening: String, #[server(default)] reason: String) -> Result<(), AppError> {
    let pairs = vec![("screening".to_string(), screening.clone()), ("reason".to_string(), reason.clone())];
    crate::server::write(Permission::ScreenResources, move |txn, w| Box::pin(async move {
        crate::server::services::resources::screening::screen(txn, &w.actor, id, version, &screening, &reason, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/resources/{id}#decisions"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "resources_consent")]
pub async fn record_resource_consent(id: i32, version: i32, consent: String, #[server(default)] consent_on: String, #[server(default)] consent_by: String) -> Result<(), AppError> {
    let pairs = vec![("consent".to_string(), consent.clone()), ("consent_on".to_string(), consent_on.clone()), ("consent_by".to_string(), consent_by.clone())];
    crate::server::write(Permission::ScreenResources, move |txn, w| Box::pin(async move {
        crate::server::services::resources::screening::record_consent(txn, &w.actor, id, version, &consent, &consent_on, &consent_by, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/resources/{id}#decisions"));
    Ok(())
}

/// "Confirmed, unchanged" in one click; `back` is where to return (a path on this site).
#[server(prefix = "/api", endpoint = "resources_confirm")]
pub async fn confirm_resource(id: i32, version: i32, back: Option<String>) -> Result<(), AppError> {
    crate::server::write(Permission::ScreenResources, move |txn, w| Box::pin(async move {
        crate::server::services::resources::screening::confirm(txn, &w.actor, id, version, crate::clock::today(), w.now).await
    }))
    .await?;
    leptos_axum::redirect(&crate::server::auth::safe_next(back.as_deref()));
    Ok(())
}

/// The confirmation round of a district (`district` None: entries without a district).
#[server(prefix = "/api", endpoint = "resources_round")]
pub async fn get_confirm_round(district: Option<i32>) -> Result<ConfirmRound, AppError> {
    use crate::server::services::resources::Scope;
    // A collector may print the sheets of their own district.
    if let Scope::District(own) = scope(Permission::ReadResources)? {
        if district != Some(own) {
            return Err(AppError::Forbidden);
        }
    }
    crate::server::services::resources::screening::round(&crate::server::db()?, district, crate::clock::today()).await
}

/// The public list (no sign-in).
#[server(prefix = "/api", endpoint = "public_resources")]
pub async fn list_public_resources(#[server(default)] query: PublicQuery) -> Result<PublicList, AppError> {
    crate::server::services::resources::public::list(&crate::server::db()?, &query, crate::clock::today()).await
}

/// One published resource (no sign-in).
#[server(prefix = "/api", endpoint = "public_resource")]
pub async fn get_public_resource(id: i32) -> Result<PublicResource, AppError> {
    crate::server::services::resources::public::get(&crate::server::db()?, id).await
}

/// What an uploaded spreadsheet would do (the uploader's own, within their scope).
#[server(prefix = "/api", endpoint = "resources_import_preview")]
pub async fn get_resource_import_preview(id: i32) -> Result<ResourceImportPreview, AppError> {
    let user = crate::server::auth::authorize(Permission::WriteResources)?;
    let scope = crate::server::services::resources::Scope::of(&user)?;
    crate::server::services::resources::import::preview(&crate::server::db()?, scope, user.id, id).await
}

/// Saves an upload's rows; `choices`: `<line>:merge|new|skip` for rows that match an entry.
#[server(prefix = "/api", endpoint = "resources_import_commit")]
pub async fn commit_resource_import(id: i32, #[server(default)] choices: Vec<String>) -> Result<(), AppError> {
    let scope = scope(Permission::WriteResources)?;
    crate::server::write(Permission::WriteResources, move |txn, w| Box::pin(async move {
        crate::server::services::resources::import::commit(txn, scope, &w.actor, w.user.id, id, &choices, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/resources/import/{id}"));
    Ok(())
}

/// An organisation's publication on the medical and care map (None: not published).
#[server(prefix = "/api", endpoint = "facility_get")]
pub async fn get_facility_publication(organisation: i32) -> Result<Option<FacilityPublication>, AppError> {
    crate::server::auth::authorize(Permission::ScreenResources)?;
    crate::server::services::resources::facilities::get(&crate::server::db()?, organisation).await
}

/// Publishes an organisation of the directory on the map, or updates what is published.
#[server(prefix = "/api", endpoint = "facility_save")]
#[allow(clippy::too_many_arguments)]
pub async fn save_facility_publication(
    organisation: i32,
    version: Option<i32>,
    attributes: Option<Vec<String>>,
    #[server(default)] latitude: String,
    #[server(default)] longitude: String,
    #[server(default)] confirmed_on: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let input = crate::domain::facilities::FacilityInput { attributes: attributes.unwrap_or_default(), latitude, longitude, confirmed_on, note };
    let pairs = input.pairs();
    crate::server::write(Permission::ScreenResources, move |txn, w| Box::pin(async move {
        crate::server::services::resources::facilities::save(txn, &w.actor, organisation, version, &input, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/directory/organisations/{organisation}?published=1#facility"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "facility_withdraw")]
pub async fn withdraw_facility_publication(organisation: i32) -> Result<(), AppError> {
    crate::server::write(Permission::ScreenResources, move |txn, w| Box::pin(async move {
        crate::server::services::resources::facilities::withdraw(txn, &w.actor, organisation, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/directory/organisations/{organisation}#facility"));
    Ok(())
}

/// The published medical and care facilities (no sign-in).
#[server(prefix = "/api", endpoint = "public_facilities")]
pub async fn list_public_facilities(#[server(default)] query: FacilityQuery) -> Result<PublicFacilityList, AppError> {
    crate::server::services::resources::public::facilities(&crate::server::db()?, &query, crate::clock::today()).await
}

/// Where the maps' tiles come from (configuration; no sign-in).
#[server(prefix = "/api", endpoint = "map_settings")]
pub async fn get_map_settings() -> Result<MapSettings, AppError> {
    Ok(crate::server::state()?.map)
}
