//! The consultation desk: records (coordinators), trend tables (also viewers), categories
//! (administrators) and the CSV import's preview and confirmation.

pub use crate::dto::consultations::*;
use crate::domain::consultations::ConsultationInput;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
#[cfg(feature = "ssr")]
use crate::server::services::issues::access::IssueAccess;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "consultations_list")]
pub async fn list_consultations(#[server(default)] query: ConsultationQuery) -> Result<ConsultationList, AppError> {
    crate::server::auth::authorize(Permission::ReadConsultations)?;
    crate::server::services::consultations::record::list(&crate::server::db()?, &query).await
}

#[server(prefix = "/api", endpoint = "consultations_get")]
pub async fn get_consultation(id: i32) -> Result<ConsultationView, AppError> {
    let user = crate::server::auth::authorize(Permission::ReadConsultations)?;
    let db = crate::server::db()?;
    let access = IssueAccess::or_none(&db, &user).await?;
    crate::server::services::consultations::record::get(&db, &access, id).await
}

#[server(prefix = "/api", endpoint = "consultations_choices")]
pub async fn get_consultation_choices(id: Option<i32>) -> Result<ConsultationChoices, AppError> {
    let user = crate::server::auth::authorize(Permission::WriteConsultations)?;
    let db = crate::server::db()?;
    let access = IssueAccess::or_none(&db, &user).await?;
    let mut choices = crate::server::services::consultations::record::choices(&db, &access, id).await?;
    if user.can(Permission::WriteMeetings) {
        choices.initiatives = crate::server::services::initiatives::links::choices(&db).await?;
    }
    Ok(choices)
}

#[server(prefix = "/api", endpoint = "consultations_save")]
pub async fn save_consultation(
    id: Option<i32>,
    version: Option<i32>,
    #[server(flatten)] input: ConsultationInput,
    initiatives: Option<Vec<i32>>,
    /// Present when the form offered the initiatives: the ids ticked when it was drawn.
    initiatives_offered: Option<String>,
) -> Result<(), AppError> {
    use crate::server::services::initiatives::links;
    let tags = crate::domain::initiatives::InitiativeTags::from_form(id.is_some(), initiatives_offered.as_deref(), initiatives);
    let mut pairs = input.pairs();
    pairs.push(tags.pair());
    let saved = crate::server::write(Permission::WriteConsultations, move |txn, w| Box::pin(async move {
        let access = IssueAccess::or_none(txn, &w.user).await?;
        let saved = crate::server::services::consultations::record::save(txn, &access, &w.actor, id, version, &input, w.now).await?;
        // Only those who keep initiatives are offered them.
        if w.user.can(Permission::WriteMeetings) {
            links::apply(txn, &w.actor, links::Kind::Consultation, saved, tags.wanted.as_deref(), &tags.before, w.now).await?;
        }
        Ok(saved)
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/consultations/{saved}?saved=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "consultations_archive")]
pub async fn archive_consultation(id: i32, version: i32, archive: bool) -> Result<(), AppError> {
    crate::server::write(Permission::WriteConsultations, move |txn, w| Box::pin(async move {
        crate::server::services::consultations::record::set_active(txn, &w.actor, id, version, !archive, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/consultations/{id}?{}=1", if archive { "archived" } else { "restored" }));
    Ok(())
}

/// The trend table; `from`/`to` are Western fiscal years (default: every year with data).
#[server(prefix = "/api", endpoint = "consultations_trends")]
pub async fn get_trends(from: Option<i32>, to: Option<i32>, percentages: Option<bool>) -> Result<TrendView, AppError> {
    crate::server::auth::authorize(Permission::ReadConsultationTrends)?;
    crate::server::services::consultations::trends::trends(&crate::server::db()?, from, to, percentages.unwrap_or(false), crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "consultations_breakdowns")]
pub async fn get_breakdowns(fy: i32) -> Result<BreakdownsView, AppError> {
    crate::server::auth::authorize(Permission::ReadConsultationTrends)?;
    crate::server::services::consultations::trends::breakdowns(&crate::server::db()?, fy, crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "consultations_categories")]
pub async fn get_categories() -> Result<Vec<CategoryView>, AppError> {
    crate::server::auth::authorize(Permission::ManageConsultationCategories)?;
    crate::server::services::consultations::categories::list(&crate::server::db()?).await
}

/// Adds a category (`id` None) or renames one.
#[server(prefix = "/api", endpoint = "consultations_save_category")]
pub async fn save_category(id: Option<i32>, version: Option<i32>, name: String) -> Result<(), AppError> {
    let admin = crate::server::auth::authorize(Permission::ManageConsultationCategories)?;
    let pairs = vec![("name".to_string(), name.clone())];
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::consultations::categories::save(txn, &(&admin).into(), id, version, &name, chrono::Utc::now()).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect("/admin/consultation-categories?saved=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "consultations_retire_category")]
pub async fn retire_category(id: i32, version: i32, retire: bool) -> Result<(), AppError> {
    let admin = crate::server::auth::authorize(Permission::ManageConsultationCategories)?;
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::consultations::categories::set_active(txn, &(&admin).into(), id, version, !retire, chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/admin/consultation-categories?{}=1", if retire { "retired" } else { "restored" }));
    Ok(())
}

#[server(prefix = "/api", endpoint = "consultations_import_preview")]
pub async fn get_import_preview(id: i32) -> Result<ImportPreview, AppError> {
    let user = crate::server::auth::authorize(Permission::WriteConsultations)?;
    crate::server::services::consultations::import::preview(&crate::server::db()?, user.id, id).await
}

#[server(prefix = "/api", endpoint = "consultations_import_commit")]
pub async fn commit_import(id: i32) -> Result<(), AppError> {
    let created = crate::server::write(Permission::WriteConsultations, move |txn, w| Box::pin(async move {
        crate::server::services::consultations::import::commit(txn, &w.actor, w.user.id, id, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/consultations/import/{id}?created={created}"));
    Ok(())
}
