//! Editing, deleting and bulk changes of checklist items: the follow-ups of meetings and
//! the tasks of trainings. Adding and ticking one item stay with their records' api.

pub use crate::dto::checklist::*;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "follow_ups_get")]
pub async fn get_follow_up(id: i32) -> Result<ChecklistEdit, AppError> {
    use crate::server::services::{meetings::follow_ups::FollowUps, shared::checklist};
    crate::server::auth::authorize(Permission::WriteMeetings)?;
    checklist::for_edit::<FollowUps>(&crate::server::db()?, id, crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "follow_ups_update")]
pub async fn update_follow_up(id: i32, version: i32, action: String, owner: String, due_on: String) -> Result<(), AppError> {
    use crate::server::services::{meetings::follow_ups::FollowUps, shared::checklist};
    let input = crate::domain::checklist::ChecklistInput { text: action, owner, due_on };
    let pairs = input.pairs("action");
    let meeting = crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move {
        checklist::update::<FollowUps>(txn, &w.actor, id, version, &input, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/meetings/{meeting}?follow_up_saved=1#follow-ups"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "follow_ups_delete")]
pub async fn delete_follow_up(id: i32, version: i32) -> Result<(), AppError> {
    use crate::server::services::{meetings::follow_ups::FollowUps, shared::checklist};
    let meeting = crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move {
        checklist::delete::<FollowUps>(txn, &w.actor, id, version, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/meetings/{meeting}?follow_up_deleted=1#follow-ups"));
    Ok(())
}

/// Completes (`op` "done") or reassigns (`op` "owner") the ticked follow-ups (`pick[]`:
/// "id:version"); `back` is where to return (a path on this site).
#[server(prefix = "/api", endpoint = "follow_ups_bulk")]
pub async fn bulk_follow_ups(op: Option<String>, owner: Option<String>, pick: Option<Vec<String>>, back: Option<String>) -> Result<(), AppError> {
    use crate::server::services::{meetings::follow_ups::FollowUps, shared::checklist};
    let (op, owner, picks) = (op.unwrap_or_default(), owner.unwrap_or_default(), pick.unwrap_or_default());
    crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move {
        checklist::bulk::<FollowUps>(txn, &w.actor, &op, &owner, &picks, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&crate::server::auth::safe_next(back.as_deref()));
    Ok(())
}

#[server(prefix = "/api", endpoint = "training_tasks_get")]
pub async fn get_training_task(id: i32) -> Result<ChecklistEdit, AppError> {
    use crate::server::services::{shared::checklist, trainings::tasks::Tasks};
    crate::server::auth::authorize(Permission::WriteTrainings)?;
    checklist::for_edit::<Tasks>(&crate::server::db()?, id, crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "training_tasks_update")]
pub async fn update_training_task(id: i32, version: i32, title: String, owner: String, due_on: String) -> Result<(), AppError> {
    use crate::server::services::{shared::checklist, trainings::tasks::Tasks};
    let input = crate::domain::checklist::ChecklistInput { text: title, owner, due_on };
    let pairs = input.pairs("title");
    let training = crate::server::write(Permission::WriteTrainings, move |txn, w| Box::pin(async move {
        checklist::update::<Tasks>(txn, &w.actor, id, version, &input, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/trainings/{training}?task_saved=1#tasks"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "training_tasks_delete")]
pub async fn delete_training_task(id: i32, version: i32) -> Result<(), AppError> {
    use crate::server::services::{shared::checklist, trainings::tasks::Tasks};
    let training = crate::server::write(Permission::WriteTrainings, move |txn, w| Box::pin(async move {
        checklist::delete::<Tasks>(txn, &w.actor, id, version, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/trainings/{training}?task_deleted=1#tasks"));
    Ok(())
}

/// As `bulk_follow_ups`, for training tasks.
#[server(prefix = "/api", endpoint = "training_tasks_bulk")]
pub async fn bulk_training_tasks(op: Option<String>, owner: Option<String>, pick: Option<Vec<String>>, back: Option<String>) -> Result<(), AppError> {
    use crate::server::services::{shared::checklist, trainings::tasks::Tasks};
    let (op, owner, picks) = (op.unwrap_or_default(), owner.unwrap_or_default(), pick.unwrap_or_default());
    crate::server::write(Permission::WriteTrainings, move |txn, w| Box::pin(async move {
        checklist::bulk::<Tasks>(txn, &w.actor, &op, &owner, &picks, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&crate::server::auth::safe_next(back.as_deref()));
    Ok(())
}
