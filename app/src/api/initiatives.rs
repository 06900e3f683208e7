//! Initiatives (取組) and their trail: read by those who read meetings, kept by those who
//! write them.

pub use crate::dto::initiatives::*;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::services::initiatives::{links, records};

#[server(prefix = "/api", endpoint = "initiatives_list")]
pub async fn list_initiatives(#[server(default)] all: bool) -> Result<Vec<InitiativeSummary>, AppError> {
    crate::server::auth::authorize(Permission::ReadMeetings)?;
    records::list(&crate::server::db()?, all).await
}

#[server(prefix = "/api", endpoint = "initiatives_get")]
pub async fn get_initiative(id: i32) -> Result<InitiativeView, AppError> {
    let user = crate::server::auth::authorize(Permission::ReadMeetings)?;
    let db = crate::server::db()?;
    let view = records::get(&db, id).await?;
    let grouped = crate::server::services::initiatives::grouped::of_initiative(&db, id, &user).await?;
    Ok(InitiativeView { issues: grouped.issues, consultations: grouped.consultations, referrals: grouped.referrals, ..view })
}

/// Creates or updates an initiative; `meeting`: a new one starts from that meeting (linked).
#[server(prefix = "/api", endpoint = "initiatives_save")]
pub async fn save_initiative(
    id: Option<i32>,
    version: Option<i32>,
    #[server(flatten)] input: InitiativeInput,
    scenes: Option<Vec<String>>,
    meeting: Option<i32>,
) -> Result<(), AppError> {
    let input = InitiativeInput { scenes: scenes.unwrap_or_default(), ..input };
    let pairs = input.pairs();
    let saved = crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move {
        let saved = records::save(txn, &w.actor, id, version, &input, w.now).await?;
        if let (None, Some(m)) = (id, meeting) {
            links::link(txn, &w.actor, saved, links::Kind::Meeting, m, w.now)
                .await
                .map_err(|e| if e.field_message("meeting").is_some() { AppError::BadRequest("元の会議はアーカイブされたか見つかりません。取組の一覧から作り直してください。".into()) } else { e })?;
        }
        Ok(saved)
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/initiatives/{saved}?saved=1"));
    Ok(())
}

/// Links a meeting or training (`kind`; its id in the field of that name) to the
/// initiative, or removes the link (`unlink`).
#[server(prefix = "/api", endpoint = "initiatives_link")]
pub async fn link_initiative_record(
    id: i32,
    kind: String,
    #[server(default)] meeting: String,
    #[server(default)] training: String,
    #[server(default)] unlink: bool,
) -> Result<(), AppError> {
    crate::server::auth::authorize(Permission::WriteMeetings)?;
    let kind = links::Kind::from_code(&kind)?;
    let (field, value) = if kind == links::Kind::Meeting { ("meeting", meeting) } else { ("training", training) };
    let record = value.trim().parse::<i32>().map_err(|_| AppError::field(field, "選んでください。"))?;
    crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move {
        match unlink {
            false => links::link(txn, &w.actor, id, kind, record, w.now).await,
            true => links::unlink(txn, &w.actor, id, kind, record, w.now).await,
        }
    }))
    .await?;
    leptos_axum::redirect(&format!("/initiatives/{id}?{}=1#links", if unlink { "unlinked" } else { "linked" }));
    Ok(())
}

/// Adds a step of its own to the trail (e.g. 「連携スタート」).
#[server(prefix = "/api", endpoint = "initiatives_add_step")]
pub async fn add_initiative_step(id: i32, #[server(flatten)] input: StepInput) -> Result<(), AppError> {
    let pairs = vec![("happened_on".to_string(), input.happened_on.clone()), ("description".to_string(), input.description.clone()), ("level".to_string(), input.level.clone())];
    crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move {
        links::add_step(txn, &w.actor, id, &input, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/initiatives/{id}?step=1#trail"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "initiatives_remove_step")]
pub async fn remove_initiative_step(id: i32, step: i32) -> Result<(), AppError> {
    crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move {
        links::remove_step(txn, &w.actor, id, step, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/initiatives/{id}?removed=1#trail"));
    Ok(())
}
