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

/// The trail's entries in order.
pub async fn entries(db: &impl ConnectionTrait, id: i32) -> Result<Vec<TrailEntry>, AppError> {
    let meeting_ids: Vec<i32> = im::Entity::find().filter(im::Column::InitiativeId.eq(id)).all(db).await?.into_iter().map(|l| l.meeting_id).collect();
    let training_ids: Vec<i32> = it::Entity::find().filter(it::Column::InitiativeId.eq(id)).all(db).await?.into_iter().map(|l| l.training_id).collect();
    let mut out = Vec::new();
    for m in meeting::Entity::find().filter(meeting::Column::Id.is_in(meeting_ids)).filter(meeting::Column::Active.eq(true)).all(db).await? {
        out.push(TrailEntry { date: m.held_on, what: m.title, level: Level::from_number(m.level), source: Source::Meeting, id: m.id });
    }
    for t in training::Entity::find().filter(training::Column::Id.is_in(training_ids)).filter(training::Column::Active.eq(true)).filter(training::Column::Status.ne(super::links::CANCELLED)).all(db).await? {
        out.push(TrailEntry { date: t.held_on, what: t.title, level: Level::from_number(t.level), source: Source::Training, id: t.id });
    }
    for s in step::Entity::find().filter(step::Column::InitiativeId.eq(id)).all(db).await? {
        out.push(TrailEntry { date: s.happened_on, what: s.description, level: s.level.and_then(Level::from_number), source: Source::Step, id: s.id });
    }
    Ok(trail(out))
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
