//! The relationship timeline per profession: the first 一次連携 and the meetings of every
//! fiscal year since ("from face-to-face relationships to joint work").

use crate::server::services::meetings::{links_of, summary, Links};
use crate::server::services::shared::lookup::Names;
use crate::dto::directory::Ref;
use crate::dto::meetings::{AttendeeView, ProfessionHistory, ProfessionYear, TimelineEntry, TimelineRow, TimelineYear};
use crate::domain::meetings::{month_day, Level, Timeline};
use crate::domain::FiscalYear;
use crate::error::AppError;
use crate::server::entities::{meeting, meeting_profession as mp, profession};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

fn row(p: &profession::Model, meetings: &[&meeting::Model], today: NaiveDate) -> TimelineRow {
    let points: Vec<(NaiveDate, Level)> = meetings.iter().map(|m| (m.held_on, Level::from_number(m.level).unwrap_or(Level::First))).collect();
    let t = Timeline::build(&points, FiscalYear::of(today));
    let years = t
        .years
        .iter()
        .map(|(fy, _)| {
            let mut entries: Vec<&&meeting::Model> = meetings.iter().filter(|m| fy.contains(m.held_on)).collect();
            entries.sort_by_key(|m| (m.held_on, m.start_time.clone(), m.id));
            TimelineYear {
                fiscal_year: fy.0,
                label: fy.short_label(),
                meetings: entries
                    .into_iter()
                    .map(|m| TimelineEntry {
                        meeting_id: m.id,
                        date: month_day(m.held_on),
                        level: Level::from_number(m.level).unwrap_or(Level::First),
                        title: m.title.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    TimelineRow {
        profession: Ref { id: p.id, name: p.name.clone() },
        first_level_one: t.first_level_one.map(|fy| format!("{}（{}年度）", fy.short_label(), fy.0)),
        years,
    }
}

/// Active meetings per profession id.
async fn meetings_by_profession(db: &impl ConnectionTrait) -> Result<HashMap<i32, Vec<meeting::Model>>, AppError> {
    let meetings: HashMap<i32, meeting::Model> =
        meeting::Entity::find().filter(meeting::Column::Active.eq(true)).all(db).await?.into_iter().map(|m| (m.id, m)).collect();
    let mut out: HashMap<i32, Vec<meeting::Model>> = HashMap::new();
    for l in mp::Entity::find().all(db).await? {
        if let Some(m) = meetings.get(&l.meeting_id) {
            out.entry(l.profession_id).or_default().push(m.clone());
        }
    }
    Ok(out)
}

/// The active meetings of one profession (not every profession's, as `all` needs).
async fn meetings_of_profession(db: &impl ConnectionTrait, id: i32) -> Result<Vec<meeting::Model>, AppError> {
    let ids: Vec<i32> = mp::Entity::find().filter(mp::Column::ProfessionId.eq(id)).all(db).await?.into_iter().map(|l| l.meeting_id).collect();
    let mut out = Vec::with_capacity(ids.len());
    // Bounded IN lists: SQLite allows a limited number of parameters per statement.
    for chunk in ids.chunks(500) {
        out.extend(meeting::Entity::find().filter(meeting::Column::Active.eq(true)).filter(meeting::Column::Id.is_in(chunk.to_vec())).all(db).await?);
    }
    Ok(out)
}

/// Every active profession's timeline, in the professions' order.
pub async fn all(db: &impl ConnectionTrait, today: NaiveDate) -> Result<Vec<TimelineRow>, AppError> {
    let by_profession = meetings_by_profession(db).await?;
    let professions = profession::Entity::find()
        .filter(profession::Column::Active.eq(true))
        .order_by_asc(profession::Column::SortOrder)
        .order_by_asc(profession::Column::Id)
        .all(db)
        .await?;
    Ok(professions
        .iter()
        .map(|p| {
            let ms: Vec<&meeting::Model> = by_profession.get(&p.id).map(|v| v.iter().collect()).unwrap_or_default();
            row(p, &ms, today)
        })
        .collect())
}

/// One profession's history: the timeline of every year (counts only), the meetings of one
/// fiscal year (`fy`, else the latest with meetings; newest first), and the organisations and
/// people met in all years (key persons first). A year at a time keeps the page small after
/// a decade of work.
pub async fn history(db: &impl ConnectionTrait, id: i32, fy: Option<i32>, today: NaiveDate) -> Result<ProfessionHistory, AppError> {
    let p = profession::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let mut ms = meetings_of_profession(db, id).await?;
    ms.sort_by(|a, b| (b.held_on, &b.start_time, b.id).cmp(&(a.held_on, &a.start_time, a.id)));
    let mut timeline = row(&p, &ms.iter().collect::<Vec<_>>(), today);
    let with_meetings = |y: i32| timeline.years.iter().any(|t| t.fiscal_year == y && !t.meetings.is_empty());
    let selected = fy.filter(|y| with_meetings(*y)).or_else(|| ms.first().map(|m| FiscalYear::of(m.held_on).0));
    let years: Vec<ProfessionYear> = timeline
        .years
        .iter()
        .rev()
        .filter(|y| !y.meetings.is_empty())
        .map(|y| ProfessionYear { fiscal_year: y.fiscal_year, label: y.label.clone(), count: y.meetings.len() as u64 })
        .collect();
    // The dates of the other years are on their own pages.
    for y in &mut timeline.years {
        if Some(y.fiscal_year) != selected {
            y.meetings.clear();
        }
    }
    let ids: Vec<i32> = ms.iter().map(|m| m.id).collect();
    let links = links_of(db, &ids).await?;
    let names = Names::load(db).await?;
    let kinds = super::kinds::labels(db).await?;
    let meetings = ms
        .iter()
        .filter(|m| Some(FiscalYear::of(m.held_on).0) == selected)
        .map(|m| summary(m, links.get(&m.id).unwrap_or(&Links::default()), &names, &kinds))
        .collect();
    let mut org_ids: Vec<i32> = links.values().flat_map(|l| l.organisations.iter().copied()).collect();
    org_ids.sort();
    org_ids.dedup();
    let mut organisations: Vec<Ref> = org_ids.iter().filter_map(|o| names.organisations.get(o).map(|n| Ref { id: *o, name: n.clone() })).collect();
    organisations.sort_by(|a, b| a.name.cmp(&b.name));
    let mut person_ids: Vec<i32> = links.values().flat_map(|l| l.people.iter().copied()).collect();
    person_ids.sort();
    person_ids.dedup();
    let mut people: Vec<AttendeeView> = person_ids.iter().filter_map(|p| names.attendee(*p)).collect();
    people.sort_by(|a, b| (!a.key_person, &a.name).cmp(&(!b.key_person, &b.name)));
    Ok(ProfessionHistory { timeline, years, fiscal_year: selected, meetings, organisations, people })
}
