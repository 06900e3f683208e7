//! The month calendar of meetings.

use crate::dto::meetings::{CalendarEntry, CalendarMonth};
use crate::domain::meetings::{month_grid, Level};
use crate::domain::FiscalYear;
use crate::error::AppError;
use crate::server::entities::{
    meeting, training,
};
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// The active meetings of a month, by day.
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
    Ok(CalendarMonth { year, month, weeks })
}
