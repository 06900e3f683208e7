//! The month calendar of meetings.

use crate::dto::checklist::ChecklistItem;
use crate::dto::meetings::{CalendarDeadline, CalendarEntry, CalendarMonth};
use crate::domain::holidays;
use crate::domain::meetings::{month_grid, Level};
use crate::domain::FiscalYear;
use crate::error::AppError;
use crate::server::entities::{
    meeting, training,
};
use crate::server::services::meetings::follow_ups::FollowUps;
use crate::server::services::shared::checklist;
use crate::server::services::trainings::tasks::Tasks;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The active meetings of a month, by day, and its public holidays (no deadlines: see
/// `add_deadlines`).
pub async fn calendar(db: &impl ConnectionTrait, year: i32, month: u32) -> Result<CalendarMonth, AppError> {
    if FiscalYear::new(year).is_none() {
        return Err(AppError::BadRequest(crate::domain::fiscal_year::year_out_of_range()));
    }
    let grid = month_grid(year, month).ok_or_else(|| AppError::BadRequest("年月が正しくありません。".into()))?;
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or(AppError::NotFound)?;
    let next = if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) }.ok_or(AppError::NotFound)?;
    let rows = meeting::Entity::find()
        .filter(meeting::Column::Active.eq(true))
        .filter(meeting::Column::HeldOn.gte(first))
        .filter(meeting::Column::HeldOn.lt(next))
        .order_by_asc(meeting::Column::HeldOn)
        .order_by_asc(meeting::Column::StartTime)
        .all(db)
        .await?;
    let mut by_day: HashMap<u32, Vec<CalendarEntry>> = HashMap::new();
    for m in rows {
        by_day.entry(m.held_on.day()).or_default().push(CalendarEntry {
            href: format!("/meetings/{}", m.id),
            training: false,
            title: m.title,
            level: Level::from_number(m.level).unwrap_or(Level::First),
            start_time: m.start_time,
        });
    }
    let trainings = training::Entity::find()
        .filter(training::Column::Active.eq(true))
        .filter(training::Column::Status.ne("cancelled"))
        .filter(training::Column::HeldOn.gte(first))
        .filter(training::Column::HeldOn.lt(next))
        .all(db)
        .await?;
    for t in trainings {
        by_day.entry(t.held_on.day()).or_default().push(CalendarEntry {
            href: format!("/trainings/{}", t.id),
            training: true,
            title: t.title,
            level: Level::from_number(t.level).unwrap_or(Level::Third),
            start_time: t.start_time,
        });
    }
    for entries in by_day.values_mut() {
        entries.sort_by(|a, b| (a.start_time.is_empty(), &a.start_time).cmp(&(b.start_time.is_empty(), &b.start_time)));
    }
    let weeks = grid
        .into_iter()
        .map(|week| week.iter().map(|d| d.map(|d| (d.day(), by_day.remove(&d.day()).unwrap_or_default()))).collect())
        .collect();
    let holidays = holidays::of_month(year, month).into_iter().map(|(d, name)| (d, name.to_string())).collect();
    Ok(CalendarMonth { year, month, weeks, holidays, deadlines: Vec::new() })
}

/// Adds the open follow-ups (`follow_ups`) and training tasks (`tasks`) due in the
/// calendar's month, each on its due date; the caller says which ones the user may read.
pub async fn add_deadlines(db: &impl ConnectionTrait, cal: &mut CalendarMonth, follow_ups: bool, tasks: bool, today: NaiveDate) -> Result<(), AppError> {
    let first = NaiveDate::from_ymd_opt(cal.year, cal.month, 1).ok_or(AppError::NotFound)?;
    let last = first.checked_add_months(chrono::Months::new(1)).and_then(|d| d.pred_opt()).ok_or(AppError::NotFound)?;
    let mut out = Vec::new();
    if follow_ups {
        let items = checklist::due_between::<FollowUps>(db, first, last, today).await?;
        out.extend(items.into_iter().filter_map(|i| deadline(i, false)));
    }
    if tasks {
        let items = checklist::due_between::<Tasks>(db, first, last, today).await?;
        out.extend(items.into_iter().filter_map(|i| deadline(i, true)));
    }
    // Stable: on one day, follow-ups before tasks, each in due-date then id order.
    out.sort_by_key(|d| d.day);
    cal.deadlines = out;
    Ok(())
}

fn deadline(i: ChecklistItem, training: bool) -> Option<CalendarDeadline> {
    let day = NaiveDate::parse_from_str(i.due_on.as_deref()?, "%Y-%m-%d").ok()?.day();
    let href = if training { format!("/trainings/{}#tasks", i.parent_id) } else { format!("/meetings/{}#follow-ups", i.parent_id) };
    Some(CalendarDeadline { day, text: i.text, href, parent: format!("{} {}", i.parent_date, i.parent_title), training, overdue: i.overdue })
}
