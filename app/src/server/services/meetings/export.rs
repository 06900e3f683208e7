//! Lists as CSV (UTF-8 with BOM, for Excel) and XLSX; the filtered meetings list.

use crate::server::services::meetings::{all_matching, links_of, Links};
use crate::server::services::shared::lookup::Names;
use crate::dto::meetings::MeetingQuery;
use crate::domain::meetings::{time_range, Level};
use crate::domain::FiscalYear;
use crate::error::AppError;
use crate::server::render::table::{table_csv, table_xlsx};
use sea_orm::ConnectionTrait;

pub const HEADERS: [&str; 17] = [
    "開催日", "年度", "西暦年度", "時間", "段階", "種類", "件名", "場所", "職種", "機関・団体", "出席者", "名簿にない出席者", "コーディネーター", "事業項目", "目的",
    "決定事項", "状態",
];

/// One row per meeting, newest first, in the order of `HEADERS`.
pub async fn rows(db: &impl ConnectionTrait, q: &MeetingQuery) -> Result<Vec<Vec<String>>, AppError> {
    let meetings = all_matching(db, q).await?;
    let ids: Vec<i32> = meetings.iter().map(|m| m.id).collect();
    let links = links_of(db, &ids).await?;
    let names = Names::load(db).await?;
    let kinds = super::kinds::labels(db).await?;
    Ok(meetings
        .iter()
        .map(|m| {
            let l = links.get(&m.id).cloned().unwrap_or_else(Links::default);
            let fy = FiscalYear(m.fiscal_year);
            let people: Vec<String> = l.people.iter().filter_map(|p| names.attendee(*p)).map(|a| a.name).collect();
            vec![
                m.held_on.format("%Y/%m/%d").to_string(),
                fy.short_label(),
                fy.0.to_string(),
                time_range(&m.start_time, &m.end_time),
                Level::from_number(m.level).map(|l| l.label()).unwrap_or("").to_string(),
                kinds.get(&m.kind).cloned().unwrap_or_default(),
                m.title.clone(),
                if m.place.is_empty() && m.online { "オンライン".into() } else { m.place.clone() },
                Names::joined(&names.professions, &l.professions),
                Names::joined(&names.organisations, &l.organisations),
                people.join("、"),
                m.guests.lines().collect::<Vec<_>>().join("、"),
                Names::joined(&names.users, &l.users),
                m.work_items.replace(',', "・"),
                m.purpose.clone(),
                m.decisions.clone(),
                if m.active { "" } else { "アーカイブ" }.to_string(),
            ]
        })
        .collect())
}

pub fn csv(rows: &[Vec<String>]) -> Result<Vec<u8>, AppError> {
    table_csv(&HEADERS, rows)
}

pub fn xlsx(rows: &[Vec<String>]) -> Result<Vec<u8>, AppError> {
    table_xlsx("会議一覧", &HEADERS, rows, &[2], &[(0, 12.0), (6, 36.0), (7, 16.0), (8, 24.0), (9, 28.0), (10, 24.0), (14, 30.0), (15, 30.0)])
}
