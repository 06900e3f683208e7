//! Trainings as rows for the CSV/XLSX download.

use crate::server::services::shared::lookup::Names;
use crate::dto::trainings::TrainingQuery;
use crate::domain::FiscalYear;
use crate::error::AppError;
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait};
use super::query::*;

/// One row per training for the CSV/XLSX download.
pub const EXPORT_HEADERS: [&str; 17] = [
    "開催日", "年度", "西暦年度", "時間", "研修名", "主催", "開催形態", "段階", "対象の職種", "会場", "開催方法", "定員", "状況", "参加者数", "回答数", "満足度の平均", "タスクの進捗",
];

pub async fn export_rows(db: &impl ConnectionTrait, q: &TrainingQuery, today: NaiveDate) -> Result<Vec<Vec<String>>, AppError> {
    let rows = all_matching(db, q, today).await?;
    let ids: Vec<i32> = rows.iter().map(|t| t.id).collect();
    let parts = parts_of(db, &ids).await?;
    let tasks = tasks_of(db, &ids).await?;
    let names = Names::load(db).await?;
    let none = Parts::default();
    Ok(rows
        .iter()
        .map(|t| {
            let p = parts.get(&t.id).unwrap_or(&none);
            let s = summary(t, p, tasks.get(&t.id).map(Vec::as_slice).unwrap_or(&[]), &names, today);
            let fy = FiscalYear(t.fiscal_year);
            vec![
                t.held_on.format("%Y/%m/%d").to_string(),
                fy.short_label(),
                fy.0.to_string(),
                s.time_label,
                s.title,
                s.organiser,
                s.hosting,
                s.level,
                Names::joined(&names.professions, &p.professions),
                t.venue.clone(),
                s.format,
                t.capacity.map(|c| c.to_string()).unwrap_or_default(),
                s.status,
                s.participants.to_string(),
                t.respondents.map(|r| r.to_string()).unwrap_or_default(),
                satisfaction(t).mean().map(|m| format!("{m:.1}")).unwrap_or_default(),
                s.progress.label(),
            ]
        })
        .collect())
}
