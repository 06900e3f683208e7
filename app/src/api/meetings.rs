//! Meetings: view types and server functions for the meeting record, follow-ups, the
//! timeline, the calendar and the calendar feed's secret.

pub use crate::dto::meetings::*;
#[cfg(feature = "ssr")]
use crate::domain::meetings::MeetingInput;
#[cfg(feature = "ssr")]
use crate::domain::checklist::ChecklistInput;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "meetings_list")]
pub async fn list_meetings(#[server(default)] query: MeetingQuery) -> Result<MeetingPage, AppError> {
    crate::server::auth::authorize(Permission::ReadMeetings)?;
    crate::server::services::meetings::list(&crate::server::db()?, &query).await
}

#[server(prefix = "/api", endpoint = "meetings_get")]
pub async fn get_meeting(id: i32) -> Result<MeetingView, AppError> {
    crate::server::auth::authorize(Permission::ReadMeetings)?;
    crate::server::services::meetings::get(&crate::server::db()?, id, crate::clock::today()).await
}

/// The list filters' and follow-up owners' choices (no people).
#[server(prefix = "/api", endpoint = "meetings_filters")]
pub async fn get_meeting_filters() -> Result<MeetingChoices, AppError> {
    crate::server::auth::authorize(Permission::ReadMeetings)?;
    crate::server::services::meetings::filters(&crate::server::db()?).await
}

#[server(prefix = "/api", endpoint = "meetings_choices")]
pub async fn get_meeting_choices() -> Result<MeetingChoices, AppError> {
    crate::server::auth::authorize(Permission::ReadMeetings)?;
    crate::server::services::meetings::choices(&crate::server::db()?).await
}

#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "meetings_save")]
pub async fn save_meeting(
    id: Option<i32>,
    version: Option<i32>,
    held_on: String,
    start_time: String,
    end_time: String,
    level: Option<String>,
    kind: String,
    title: String,
    place: String,
    online: Option<String>,
    professions: Option<Vec<i32>>,
    organisations: Option<Vec<i32>>,
    people: Option<Vec<i32>>,
    guests: String,
    coordinators: Option<Vec<i32>>,
    purpose: String,
    minutes: String,
    decisions: String,
    work_items: Option<Vec<String>>,
    level_reason: Option<String>,
    scenes: Option<Vec<String>>,
    initiatives: Option<Vec<i32>>,
    /// Present when the form offered the initiatives: the ids ticked when it was drawn.
    initiatives_offered: Option<String>,
    /// Set when the meeting is recorded from a training's page: link it as this role.
    training: Option<i32>,
    training_role: Option<String>,
) -> Result<(), AppError> {
    let tags = crate::domain::initiatives::InitiativeTags::from_form(id.is_some(), initiatives_offered.as_deref(), initiatives);
    let input = MeetingInput {
        held_on,
        start_time,
        end_time,
        level: level.unwrap_or_default(),
        kind,
        title,
        place,
        online: online.is_some(),
        professions: professions.unwrap_or_default(),
        organisations: organisations.unwrap_or_default(),
        people: people.unwrap_or_default(),
        guests,
        coordinators: coordinators.unwrap_or_default(),
        purpose,
        minutes,
        decisions,
        work_items: work_items.unwrap_or_default(),
        level_reason: level_reason.unwrap_or_default(),
        scenes: scenes.unwrap_or_default(),
        initiatives: tags.wanted,
        initiatives_before: tags.before,
    };
    let pairs = input.pairs();
    let link = training.filter(|_| id.is_none());
    if link.is_some() {
        crate::server::auth::authorize(Permission::WriteTrainings)?;
    }
    let role = training_role.unwrap_or_default();
    let saved = crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move {
        match link {
            Some(t) => crate::server::services::meetings::create_for_training(txn, &w.actor, &input, t, &role, w.now).await,
            None => crate::server::services::meetings::save(txn, &w.actor, id, version, &input, w.now).await,
        }
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    match link {
        Some(t) => leptos_axum::redirect(&format!("/trainings/{t}?meeting=1#meetings")),
        None => leptos_axum::redirect(&format!("/meetings/{saved}?saved=1")),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "meetings_set_active")]
pub async fn set_meeting_active(id: i32, version: i32, active: bool) -> Result<(), AppError> {
    crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move {
        crate::server::services::meetings::set_active(txn, &w.actor, id, version, active, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/meetings/{id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "follow_ups_add")]
pub async fn add_follow_up(meeting_id: i32, action: String, owner: String, due_on: String) -> Result<(), AppError> {
    use crate::server::services::{meetings::follow_ups::FollowUps, shared::checklist};
    let input = ChecklistInput { text: action, owner, due_on };
    let pairs = input.pairs("action");
    crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move {
        checklist::add::<FollowUps>(txn, &w.actor, meeting_id, &input, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/meetings/{meeting_id}?follow_up=1#follow-ups"));
    Ok(())
}

/// Marks a follow-up done or open again; `back` is where to return (a path on this site).
#[server(prefix = "/api", endpoint = "follow_ups_set_done")]
pub async fn set_follow_up_done(id: i32, version: i32, done: bool, back: Option<String>) -> Result<(), AppError> {
    use crate::server::services::{meetings::follow_ups::FollowUps, shared::checklist};
    crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move {
        checklist::set_done::<FollowUps>(txn, &w.actor, id, version, done, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&crate::server::auth::safe_next(back.as_deref()));
    Ok(())
}

/// Follow-ups: `status` "open" (default) or "all"; `owner` "u:3" / "o:5".
#[server(prefix = "/api", endpoint = "follow_ups_list")]
pub async fn list_follow_ups(owner: Option<String>, status: Option<String>) -> Result<ChecklistList, AppError> {
    use crate::server::services::{meetings::follow_ups::FollowUps, shared::checklist};
    crate::server::auth::authorize(Permission::ReadMeetings)?;
    let open_only = status.as_deref() != Some("all");
    checklist::list::<FollowUps>(&crate::server::db()?, owner.as_deref(), open_only, crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "meetings_timeline")]
pub async fn get_timeline() -> Result<Vec<TimelineRow>, AppError> {
    crate::server::auth::authorize(Permission::ReadMeetings)?;
    crate::server::services::meetings::timeline::all(&crate::server::db()?, crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "meetings_profession_history")]
pub async fn get_profession_history(id: i32, #[server(default)] fy: Option<i32>) -> Result<ProfessionHistory, AppError> {
    crate::server::auth::authorize(Permission::ReadMeetings)?;
    crate::server::services::meetings::timeline::history(&crate::server::db()?, id, fy, crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "meetings_calendar")]
pub async fn get_calendar(year: i32, month: u32) -> Result<CalendarMonth, AppError> {
    use crate::server::services::meetings::calendar::{add_deadlines, calendar};
    let user = crate::server::auth::authorize(Permission::ReadMeetings)?;
    let db = crate::server::db()?;
    let mut cal = calendar(&db, year, month).await?;
    // Training tasks only for those who may read trainings.
    add_deadlines(&db, &mut cal, true, user.can(Permission::ReadTrainings), crate::clock::today()).await?;
    Ok(cal)
}

/// The signed-in user's calendar feed path, if they have one.
#[server(prefix = "/api", endpoint = "calendar_feed")]
pub async fn get_calendar_feed() -> Result<Option<String>, AppError> {
    let user = crate::server::auth::authorize(Permission::ReadMeetings)?;
    let token = crate::server::services::accounts::users::calendar_token(&crate::server::db()?, user.id).await?;
    Ok(token.map(|t| crate::server::services::meetings::ical::feed_path(&t)))
}

/// Creates or replaces (`renew`) the user's calendar feed secret, or revokes it.
#[server(prefix = "/api", endpoint = "calendar_feed_set")]
pub async fn set_calendar_feed(renew: bool) -> Result<(), AppError> {
    crate::server::write(Permission::ReadMeetings, move |txn, w| Box::pin(async move {
        crate::server::services::accounts::users::set_calendar_token(txn, &w.actor, w.user.id, renew, w.now).await
    }))
    .await?;
    leptos_axum::redirect("/account?calendar=1#calendar");
    Ok(())
}

/// The meeting kinds with how many meetings use each (administrators).
#[server(prefix = "/api", endpoint = "meetings_kinds")]
pub async fn get_meeting_kinds() -> Result<Vec<KindView>, AppError> {
    crate::server::auth::authorize(Permission::ManageMeetingKinds)?;
    crate::server::services::meetings::kinds::list(&crate::server::db()?).await
}

/// Adds a meeting kind (`id` None) or renames one.
#[server(prefix = "/api", endpoint = "meetings_save_kind")]
pub async fn save_meeting_kind(id: Option<i32>, version: Option<i32>, name: String) -> Result<(), AppError> {
    // The id tells a refused rename from a refused new kind when the page is drawn again.
    let pairs = vec![("name".to_string(), name.clone()), ("id".to_string(), id.map(|i| i.to_string()).unwrap_or_default())];
    crate::server::write(Permission::ManageMeetingKinds, move |txn, w| Box::pin(async move {
        crate::server::services::meetings::kinds::save(txn, &w.actor, id, version, &name, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect("/meetings/kinds?saved=1");
    Ok(())
}

/// Retires a meeting kind (no longer offered for new meetings) or restores it.
#[server(prefix = "/api", endpoint = "meetings_retire_kind")]
pub async fn retire_meeting_kind(id: i32, version: i32, retire: bool) -> Result<(), AppError> {
    crate::server::write(Permission::ManageMeetingKinds, move |txn, w| Box::pin(async move {
        crate::server::services::meetings::kinds::set_active(txn, &w.actor, id, version, !retire, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/meetings/kinds?{}=1", if retire { "retired" } else { "restored" }));
    Ok(())
}

/// What an uploaded spreadsheet of past meetings would do (the uploader's own).
#[server(prefix = "/api", endpoint = "meetings_import_preview")]
pub async fn get_meeting_import_preview(id: i32) -> Result<MeetingImportPreview, AppError> {
    let user = crate::server::auth::authorize(Permission::WriteMeetings)?;
    crate::server::services::meetings::import::preview(&crate::server::db()?, user.id, id).await
}

/// Saves an upload's rows; `choices`: `<line>:skip|add` for rows that match a recorded
/// meeting (left out unless added).
#[server(prefix = "/api", endpoint = "meetings_import_commit")]
pub async fn commit_meeting_import(id: i32, #[server(default)] choices: Vec<String>) -> Result<(), AppError> {
    let (created, skipped) = crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move {
        crate::server::services::meetings::import::commit(txn, &w.actor, w.user.id, id, &choices, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/meetings/import/{id}?created={created}&skipped={skipped}"));
    Ok(())
}
