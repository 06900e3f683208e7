//! The calendar feed: the meetings a coordinator attends and the team's trainings, as events
//! for `render::ical`.

use crate::domain::meetings::{time_range, Level};
use crate::error::AppError;
use crate::domain::trainings::{label_of, FORMATS, HOSTING};
use crate::server::entities::{meeting, meeting_user as mu, training};
pub use crate::server::render::ical::{render, Event};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

pub fn feed_path(token: &str) -> String {
    format!("/calendar/{token}.ics")
}

/// `kinds`: the kinds' names by code (`kinds::labels`).
pub fn meeting_event(m: &meeting::Model, kinds: &HashMap<String, String>) -> Event {
    let level = Level::from_number(m.level).map(|l| l.label()).unwrap_or("");
    let kind = kinds.get(&m.kind).map(String::as_str).unwrap_or("");
    let mut description = format!("{level}・{kind}");
    let times = time_range(&m.start_time, &m.end_time);
    if !times.is_empty() {
        description.push_str(&format!("\n{times}"));
    }
    if !m.purpose.is_empty() {
        description.push_str(&format!("\n目的: {}", m.purpose));
    }
    Event {
        uid: format!("meeting-{}", m.id),
        date: m.held_on,
        start_time: m.start_time.clone(),
        end_time: m.end_time.clone(),
        summary: format!("【{level}】{}", m.title),
        location: if m.place.is_empty() && m.online { "オンライン".to_string() } else { m.place.clone() },
        description,
        updated_at: m.updated_at,
        version: m.version,
    }
}

pub fn training_event(t: &training::Model) -> Event {
    let hosting = label_of(HOSTING, &t.hosting).unwrap_or("");
    let format = label_of(FORMATS, &t.format).unwrap_or("");
    let mut description = format!("研修・{hosting}・{format}");
    if !t.theme.is_empty() {
        description.push_str(&format!("\nテーマ: {}", t.theme));
    }
    Event {
        uid: format!("training-{}", t.id),
        date: t.held_on,
        start_time: t.start_time.clone(),
        end_time: t.end_time.clone(),
        summary: format!("【研修】{}", t.title),
        location: if t.venue.is_empty() && t.format == "online" { "オンライン".to_string() } else { t.venue.clone() },
        description,
        updated_at: t.updated_at,
        version: t.version,
    }
}

/// A coordinator's feed: the active meetings they attend and every training of the team
/// that is not cancelled (the team supports them all).
pub async fn events_of_user(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<Event>, AppError> {
    let ids: Vec<i32> = mu::Entity::find().filter(mu::Column::UserId.eq(user_id)).all(db).await?.into_iter().map(|l| l.meeting_id).collect();
    let mut events: Vec<Event> = Vec::new();
    let kinds = super::kinds::labels(db).await?;
    for chunk in ids.chunks(500) {
        let meetings = meeting::Entity::find().filter(meeting::Column::Id.is_in(chunk.to_vec())).filter(meeting::Column::Active.eq(true)).all(db).await?;
        events.extend(meetings.iter().map(|m| meeting_event(m, &kinds)));
    }
    let trainings = training::Entity::find()
        .filter(training::Column::Active.eq(true))
        .filter(training::Column::Status.ne("cancelled"))
        .order_by_asc(training::Column::HeldOn)
        .all(db)
        .await?;
    events.extend(trainings.iter().map(training_event));
    events.sort_by(|a, b| (a.date, &a.start_time).cmp(&(b.date, &b.start_time)));
    Ok(events)
}
