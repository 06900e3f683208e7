//! Meetings: view types and server functions for the meeting record, follow-ups, the
//! timeline, the calendar and the calendar feed's secret.

use crate::api::directory::Ref;
use crate::domain::meetings::{Level, MeetingInput};
#[cfg(feature = "ssr")]
use crate::domain::meetings::FollowUpInput;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Filters of the meetings list (all optional, from the URL).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingQuery {
    /// Fiscal year, by its starting Western year.
    pub fy: Option<i32>,
    pub level: Option<i16>,
    pub kind: Option<String>,
    pub profession: Option<i32>,
    pub organisation: Option<i32>,
    pub person: Option<i32>,
    pub work_item: Option<String>,
    pub q: Option<String>,
    /// "active" (default), "archived" or "all".
    pub status: Option<String>,
    pub page: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingSummary {
    pub id: i32,
    /// ISO date.
    pub held_on: String,
    /// "2024/06/27（木）".
    pub date_label: String,
    /// "R6".
    pub fiscal_year: String,
    /// "13:30–15:00" or "".
    pub time_label: String,
    pub level: Level,
    pub kind: String,
    pub title: String,
    pub place: String,
    pub professions: Vec<Ref>,
    pub organisations: Vec<Ref>,
    pub work_items: Vec<String>,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingPage {
    pub items: Vec<MeetingSummary>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
    /// Meetings per level (一次, 二次, 三次) under the same filters.
    pub by_level: [u64; 3],
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeView {
    pub id: i32,
    pub name: String,
    pub organisation: Option<String>,
    pub key_person: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpView {
    pub id: i32,
    pub meeting_id: i32,
    pub meeting_title: String,
    pub meeting_date: String,
    pub action: String,
    /// The owner's name, if any.
    pub owner: Option<String>,
    /// ISO date.
    pub due_on: Option<String>,
    pub overdue: bool,
    pub done: bool,
    pub version: i32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingView {
    pub id: i32,
    pub input: MeetingInput,
    pub date_label: String,
    /// "令和6年度".
    pub fiscal_year: String,
    pub level: Level,
    pub kind: String,
    pub professions: Vec<Ref>,
    pub organisations: Vec<Ref>,
    pub people: Vec<AttendeeView>,
    pub coordinators: Vec<Ref>,
    pub follow_ups: Vec<FollowUpView>,
    /// Trainings the meeting prepared or reflected on.
    pub trainings: Vec<Ref>,
    pub active: bool,
    pub version: i32,
    pub updated_at: String,
}

/// What the meeting form and filters offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingChoices {
    pub professions: Vec<Ref>,
    pub organisations: Vec<Ref>,
    /// People with their organisation's name, grouped by organisation in the form.
    pub people: Vec<AttendeeView>,
    /// Users who can attend as coordinators (administrators and coordinators).
    pub coordinators: Vec<Ref>,
    /// Fiscal years that have meetings, newest first, as (year, "R6").
    pub fiscal_years: Vec<(i32, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub meeting_id: i32,
    /// "6/27".
    pub date: String,
    pub level: Level,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineYear {
    pub fiscal_year: i32,
    pub label: String,
    pub meetings: Vec<TimelineEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineRow {
    pub profession: Ref,
    /// "H24（2012年度）" of the first 一次連携.
    pub first_level_one: Option<String>,
    pub years: Vec<TimelineYear>,
}

/// A fiscal year of a profession's history that has meetings, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfessionYear {
    pub fiscal_year: i32,
    pub label: String,
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfessionHistory {
    /// Every year; the dates only of the year shown.
    pub timeline: TimelineRow,
    pub years: Vec<ProfessionYear>,
    /// The fiscal year shown (none before the first meeting).
    pub fiscal_year: Option<i32>,
    /// The meetings of that year, newest first.
    pub meetings: Vec<MeetingSummary>,
    pub organisations: Vec<Ref>,
    /// People met, key persons first.
    pub people: Vec<AttendeeView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarEntry {
    /// The meeting's page, or the training's.
    pub href: String,
    pub training: bool,
    pub title: String,
    pub level: Level,
    pub start_time: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarMonth {
    pub year: i32,
    pub month: u32,
    /// Weeks from Sunday; each day with its meetings, None outside the month.
    pub weeks: Vec<Vec<Option<(u32, Vec<CalendarEntry>)>>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpList {
    pub items: Vec<FollowUpView>,
    pub owners: Vec<(String, String)>,
}

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
    /// Set when the meeting is recorded from a training's page: link it as this role.
    training: Option<i32>,
    training_role: Option<String>,
) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteMeetings)?;
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
    };
    let pairs = input.pairs();
    let link = training.filter(|_| id.is_none());
    if link.is_some() {
        crate::server::auth::authorize(Permission::WriteTrainings)?;
    }
    let role = training_role.unwrap_or_default();
    let saved = crate::server::transaction(move |txn| Box::pin(async move {
        let actor = (&user).into();
        let now = chrono::Utc::now();
        let saved = crate::server::services::meetings::save(txn, &actor, id, version, &input, now).await?;
        if let Some(t) = link {
            crate::server::services::training_links::link_meeting(txn, &actor, t, saved, &role, now).await?;
        }
        Ok(saved)
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
    let user = crate::server::auth::authorize(Permission::WriteMeetings)?;
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::meetings::set_active(txn, &(&user).into(), id, version, active, chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/meetings/{id}"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "follow_ups_add")]
pub async fn add_follow_up(meeting_id: i32, action: String, owner: String, due_on: String) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteMeetings)?;
    let input = FollowUpInput { action, owner, due_on };
    let pairs = input.pairs();
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::follow_ups::add(txn, &(&user).into(), meeting_id, &input, chrono::Utc::now()).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/meetings/{meeting_id}?follow_up=1#follow-ups"));
    Ok(())
}

/// Marks a follow-up done or open again; `back` is where to return (a path on this site).
#[server(prefix = "/api", endpoint = "follow_ups_set_done")]
pub async fn set_follow_up_done(id: i32, version: i32, done: bool, back: Option<String>) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteMeetings)?;
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::follow_ups::set_done(txn, &(&user).into(), id, version, done, chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect(&crate::server::auth::safe_next(back.as_deref()));
    Ok(())
}

/// Follow-ups: `status` "open" (default) or "all"; `owner` "u:3" / "o:5".
#[server(prefix = "/api", endpoint = "follow_ups_list")]
pub async fn list_follow_ups(owner: Option<String>, status: Option<String>) -> Result<FollowUpList, AppError> {
    crate::server::auth::authorize(Permission::ReadMeetings)?;
    let open_only = status.as_deref() != Some("all");
    crate::server::services::follow_ups::list(&crate::server::db()?, owner.as_deref(), open_only, crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "meetings_timeline")]
pub async fn get_timeline() -> Result<Vec<TimelineRow>, AppError> {
    crate::server::auth::authorize(Permission::ReadMeetings)?;
    crate::server::services::timeline::all(&crate::server::db()?, crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "meetings_profession_history")]
pub async fn get_profession_history(id: i32, #[server(default)] fy: Option<i32>) -> Result<ProfessionHistory, AppError> {
    crate::server::auth::authorize(Permission::ReadMeetings)?;
    crate::server::services::timeline::history(&crate::server::db()?, id, fy, crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "meetings_calendar")]
pub async fn get_calendar(year: i32, month: u32) -> Result<CalendarMonth, AppError> {
    crate::server::auth::authorize(Permission::ReadMeetings)?;
    crate::server::services::meetings::calendar(&crate::server::db()?, year, month).await
}

/// The signed-in user's calendar feed path, if they have one.
#[server(prefix = "/api", endpoint = "calendar_feed")]
pub async fn get_calendar_feed() -> Result<Option<String>, AppError> {
    let user = crate::server::auth::authorize(Permission::ReadMeetings)?;
    let token = crate::server::services::users::calendar_token(&crate::server::db()?, user.id).await?;
    Ok(token.map(|t| crate::server::services::ical::feed_path(&t)))
}

/// Creates or replaces (`renew`) the user's calendar feed secret, or revokes it.
#[server(prefix = "/api", endpoint = "calendar_feed_set")]
pub async fn set_calendar_feed(renew: bool) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::ReadMeetings)?;
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::users::set_calendar_token(txn, &(&user).into(), user.id, renew, chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect("/account?calendar=1#calendar");
    Ok(())
}
