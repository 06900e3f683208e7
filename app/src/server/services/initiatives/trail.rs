//! The trail (軌跡) of an initiative: its linked meetings and trainings and its own steps, in
//! date order with their levels.

use crate::domain::initiatives::{month_day, trail, Source, TrailEntry};
use crate::domain::meetings::Level;
use crate::domain::dates;
use crate::domain::FiscalYear;
use crate::dto::initiatives::TrailRow;
use crate::error::AppError;
use crate::server::entities::{initiative_meeting as im, initiative_step as step, initiative_training as it, meeting, training};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// The trail's entries in order.
pub async fn entries(db: &impl ConnectionTrait, id: i32) -> Result<Vec<TrailEntry>, AppError> {
    Ok(entries_of(db, &[id]).await?.remove(&id).unwrap_or_default())
}

/// The trails of several initiatives, in five queries whatever their number (the list shows
/// every initiative's count and latest date).
pub async fn entries_of(db: &impl ConnectionTrait, ids: &[i32]) -> Result<HashMap<i32, Vec<TrailEntry>>, AppError> {
    let mut out: HashMap<i32, Vec<TrailEntry>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let meeting_links = im::Entity::find().filter(im::Column::InitiativeId.is_in(ids.iter().copied())).all(db).await?;
    let training_links = it::Entity::find().filter(it::Column::InitiativeId.is_in(ids.iter().copied())).all(db).await?;
    let meetings: HashMap<i32, meeting::Model> = meeting::Entity::find()
        .filter(meeting::Column::Id.is_in(meeting_links.iter().map(|l| l.meeting_id)))
        .filter(meeting::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let trainings: HashMap<i32, training::Model> = training::Entity::find()
        .filter(training::Column::Id.is_in(training_links.iter().map(|l| l.training_id)))
        .filter(training::Column::Active.eq(true))
        .filter(training::Column::Status.ne(super::links::CANCELLED))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    for link in meeting_links {
        if let Some(m) = meetings.get(&link.meeting_id) {
            let entry = TrailEntry { date: m.held_on, what: m.title.clone(), level: Level::from_number(m.level), source: Source::Meeting, id: m.id };
            out.entry(link.initiative_id).or_default().push(entry);
        }
    }
    for link in training_links {
        if let Some(t) = trainings.get(&link.training_id) {
            let entry = TrailEntry { date: t.held_on, what: t.title.clone(), level: Level::from_number(t.level), source: Source::Training, id: t.id };
            out.entry(link.initiative_id).or_default().push(entry);
        }
    }
    for s in step::Entity::find().filter(step::Column::InitiativeId.is_in(ids.iter().copied())).all(db).await? {
        let entry = TrailEntry { date: s.happened_on, what: s.description, level: s.level.and_then(Level::from_number), source: Source::Step, id: s.id };
        out.entry(s.initiative_id).or_default().push(entry);
    }
    Ok(out.into_iter().map(|(id, entries)| (id, trail(entries))).collect())
}

/// The trail as the page and its print show it.
pub async fn rows(db: &impl ConnectionTrait, id: i32) -> Result<Vec<TrailRow>, AppError> {
    Ok(entries(db, id)
        .await?
        .into_iter()
        .map(|e| TrailRow {
            fiscal_year: FiscalYear::of(e.date).long_label(),
            month_day: month_day(e.date),
            date: dates::day(e.date),
            what: e.what,
            level: e.level.map(|l| l.label().to_string()).unwrap_or_default(),
            href: match e.source {
                Source::Meeting => Some(format!("/meetings/{}", e.id)),
                Source::Training => Some(format!("/trainings/{}", e.id)),
                Source::Step => None,
            },
            step_id: (e.source == Source::Step).then_some(e.id),
        })
        .collect())
}
