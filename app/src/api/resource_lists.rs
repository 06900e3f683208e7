//! The resource list's categories and districts, and the referral pathways, kept by
//! administrators.

pub use crate::dto::resources::{ListEntryView, ResourceListsView};
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::services::resources::list_admin::{self, ListKind};

/// The page that lists entries of the kind.
#[cfg(feature = "ssr")]
fn page(kind: ListKind) -> &'static str {
    match kind {
        ListKind::Pathway => "/referrals/pathways",
        ListKind::Category | ListKind::District => "/admin/resource-lists",
    }
}

#[server(prefix = "/api", endpoint = "resource_lists")]
pub async fn get_resource_lists() -> Result<ResourceListsView, AppError> {
    crate::server::auth::authorize(Permission::ManageResourceLists)?;
    list_admin::overview(&crate::server::db()?).await
}

/// Adds a category under `parent_id` (a top-level category), or at the top level when empty.
#[server(prefix = "/api", endpoint = "resource_lists_add_category")]
pub async fn add_resource_category(#[server(default)] parent_id: String, category_name: String) -> Result<(), AppError> {
    crate::server::auth::authorize(Permission::ManageResourceLists)?;
    let pairs = vec![("parent_id".to_string(), parent_id.clone()), ("category_name".to_string(), category_name.clone())];
    let parent = match parent_id.trim() {
        "" => None,
        p => Some(p.parse::<i32>().map_err(|_| AppError::field("parent_id", "大分類を選び直してください。").with_input(pairs.clone()))?),
    };
    crate::server::write(Permission::ManageResourceLists, move |txn, w| Box::pin(async move {
        list_admin::save_category(txn, &w.actor, None, None, parent, &category_name, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("{}?saved=1#categories", page(ListKind::Category)));
    Ok(())
}

#[server(prefix = "/api", endpoint = "resource_lists_add_district")]
pub async fn add_resource_district(district_name: String) -> Result<(), AppError> {
    let pairs = vec![("district_name".to_string(), district_name.clone())];
    crate::server::write(Permission::ManageResourceLists, move |txn, w| Box::pin(async move {
        list_admin::save_district(txn, &w.actor, None, None, &district_name, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("{}?saved=1#districts", page(ListKind::District)));
    Ok(())
}

/// The referral pathways with how many slips name each.
#[server(prefix = "/api", endpoint = "referral_pathways")]
pub async fn get_referral_pathways() -> Result<Vec<ListEntryView>, AppError> {
    crate::server::auth::authorize(Permission::ManageResourceLists)?;
    list_admin::pathway_overview(&crate::server::db()?).await
}

#[server(prefix = "/api", endpoint = "referral_pathways_add")]
pub async fn add_referral_pathway(pathway_name: String) -> Result<(), AppError> {
    let pairs = vec![("pathway_name".to_string(), pathway_name.clone())];
    crate::server::write(Permission::ManageResourceLists, move |txn, w| Box::pin(async move {
        list_admin::save_pathway(txn, &w.actor, None, None, &pathway_name, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("{}?saved=1#pathways", page(ListKind::Pathway)));
    Ok(())
}

/// Renames a category, district or pathway (`kind`: "category", "district" or "pathway").
#[server(prefix = "/api", endpoint = "resource_lists_rename")]
pub async fn rename_resource_list_entry(kind: String, id: i32, version: i32, name: String) -> Result<(), AppError> {
    crate::server::auth::authorize(Permission::ManageResourceLists)?;
    let kind = ListKind::from_code(&kind)?;
    crate::server::write(Permission::ManageResourceLists, move |txn, w| Box::pin(async move {
        match kind {
            ListKind::Category => list_admin::save_category(txn, &w.actor, Some(id), Some(version), None, &name, w.now).await,
            ListKind::District => list_admin::save_district(txn, &w.actor, Some(id), Some(version), &name, w.now).await,
            ListKind::Pathway => list_admin::save_pathway(txn, &w.actor, Some(id), Some(version), &name, w.now).await,
        }
    }))
    .await?;
    leptos_axum::redirect(&format!("{}?saved=1#{}", page(kind), anchor(kind)));
    Ok(())
}

#[server(prefix = "/api", endpoint = "resource_lists_retire")]
pub async fn retire_resource_list_entry(kind: String, id: i32, version: i32, retire: bool) -> Result<(), AppError> {
    crate::server::auth::authorize(Permission::ManageResourceLists)?;
    let kind = ListKind::from_code(&kind)?;
    crate::server::write(Permission::ManageResourceLists, move |txn, w| Box::pin(async move {
        list_admin::set_active(txn, &w.actor, kind, id, version, !retire, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("{}?{}=1#{}", page(kind), if retire { "retired" } else { "restored" }, anchor(kind)));
    Ok(())
}

/// Moves a category, district or pathway one place up (`up` true) or down.
#[server(prefix = "/api", endpoint = "resource_lists_move")]
pub async fn move_resource_list_entry(kind: String, id: i32, version: i32, up: bool) -> Result<(), AppError> {
    crate::server::auth::authorize(Permission::ManageResourceLists)?;
    let kind = ListKind::from_code(&kind)?;
    crate::server::write(Permission::ManageResourceLists, move |txn, w| Box::pin(async move {
        list_admin::move_entry(txn, &w.actor, kind, id, version, up, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("{}#{}-{id}", page(kind), anchor(kind)));
    Ok(())
}

#[cfg(feature = "ssr")]
fn anchor(kind: ListKind) -> &'static str {
    match kind {
        ListKind::Category => "categories",
        ListKind::District => "districts",
        ListKind::Pathway => "pathways",
    }
}
