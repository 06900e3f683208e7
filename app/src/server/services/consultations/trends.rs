//! The yearly consultation-trend table (categories × fiscal years), one year's breakdowns,
//! their charts, and their CSV/XLSX files laid out as on screen. Archived records are not
//! counted.

use crate::server::services::consultations::categories;
use crate::server::services::consultations::record::Names;
use crate::server::services::issues::matrix::year;
use crate::dto::consultations::{BreakdownsView, TrendView};
use crate::server::render::chart;
use crate::domain::consultations::{Breakdown, TrendTable, BREAKDOWNS, METHODS, REGIONS, UNKNOWN};
use crate::domain::{FiscalYear, FiscalYearRange};
use crate::error::AppError;
use crate::server::entities::consultation;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

/// The widest range shown (an A4 landscape page runs out of columns long before).
const MAX_YEARS: i32 = 40;

/// Counts per (fiscal year, category).
async fn counts(db: &impl ConnectionTrait) -> Result<Vec<(i32, i32, u64)>, AppError> {
    let rows: Vec<(i32, i32, i64)> = consultation::Entity::find()
        .select_only()
        .column(consultation::Column::FiscalYear)
        .column(consultation::Column::CategoryId)
        // category_id (never NULL) rather than id, so that the covering index answers alone.
        .column_as(consultation::Column::CategoryId.count(), "n")
        .filter(consultation::Column::Active.eq(true))
        .group_by(consultation::Column::FiscalYear)
        .group_by(consultation::Column::CategoryId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(y, c, n)| (y, c, n as u64)).collect())
}

/// The default and selectable range: every year with data (else the current one).
fn span(counts: &[(i32, i32, u64)], today: NaiveDate) -> (i32, i32) {
    let current = FiscalYear::of(today).0;
    let min = counts.iter().map(|c| c.0).min().unwrap_or(current);
    let max = counts.iter().map(|c| c.0).max().unwrap_or(current);
    (min, max)
}

pub async fn table(db: &impl ConnectionTrait, from: Option<i32>, to: Option<i32>, today: NaiveDate) -> Result<(TrendTable, i32, i32, (i32, i32)), AppError> {
    let counts = counts(db).await?;
    let (min, max) = span(&counts, today);
    let range = FiscalYearRange::requested(from, to, (min, max), MAX_YEARS).map_err(AppError::BadRequest)?;
    let (from, to) = (range.first.0, range.last.0);
    let categories = categories::refs(db).await?;
    Ok((TrendTable::build(&categories, &counts, FiscalYear(from), FiscalYear(to)), from, to, (min, max)))
}

pub fn trend_svg(t: &TrendTable) -> String {
    let columns: Vec<(String, String)> = t.years.iter().map(|y| (y.short_label(), y.western_label())).collect();
    let series: Vec<(String, Vec<u64>)> = t.rows.iter().map(|r| (r.category.name.clone(), r.counts.clone())).collect();
    chart::stacked_bars("相談内容の推移", &columns, &series)
}

pub async fn trends(db: &impl ConnectionTrait, from: Option<i32>, to: Option<i32>, percentages: bool, today: NaiveDate) -> Result<TrendView, AppError> {
    let (table, from, to, (min, max)) = table(db, from, to, today).await?;
    Ok(TrendView {
        svg: trend_svg(&table),
        table,
        from,
        to,
        percentages,
        selectable: (min.min(from)..=max.max(to)).map(year).collect(),
    })
}

fn ranked(map: HashMap<String, u64>) -> Vec<(String, u64)> {
    let mut items: Vec<(String, u64)> = map.into_iter().collect();
    // Largest first; 未記入 last.
    items.sort_by(|a, b| (a.0 == UNKNOWN).cmp(&(b.0 == UNKNOWN)).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
    items
}

fn or_unknown(s: String) -> String {
    if s.trim().is_empty() {
        UNKNOWN.to_string()
    } else {
        s
    }
}

/// A fixed list of values (codes with labels) and 未記入 when some record has none.
fn fixed(list: &[(&str, &str)], values: impl Iterator<Item = String>) -> Vec<(String, u64)> {
    let mut counts: HashMap<String, u64> = HashMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let mut items: Vec<(String, u64)> = list.iter().map(|(c, l)| (l.to_string(), counts.remove(*c).unwrap_or(0))).collect();
    let rest: u64 = counts.values().sum();
    if rest > 0 {
        items.push((UNKNOWN.to_string(), rest));
    }
    items
}

/// The breakdowns of one fiscal year, in the order of `BREAKDOWNS`.
pub async fn breakdown_tables(db: &impl ConnectionTrait, fy: i32) -> Result<Vec<Breakdown>, AppError> {
    let rows = consultation::Entity::find()
        .filter(consultation::Column::Active.eq(true))
        .filter(consultation::Column::FiscalYear.eq(fy))
        .all(db)
        .await?;
    let names = Names::load(db).await?;
    let title = |key: &str| BREAKDOWNS.iter().find(|(k, _)| *k == key).map(|(_, t)| *t).unwrap_or("");
    let count_by = |f: &dyn Fn(&consultation::Model) -> String| {
        let mut m: HashMap<String, u64> = HashMap::new();
        for r in &rows {
            *m.entry(or_unknown(f(r))).or_default() += 1;
        }
        ranked(m)
    };
    let categories = categories::refs(db).await?;
    let mut by_category: Vec<(String, u64)> = categories
        .iter()
        .map(|c| (c.name.clone(), rows.iter().filter(|r| r.category_id == c.id).count() as u64))
        .filter(|(_, n)| *n > 0)
        .collect();
    if by_category.is_empty() {
        by_category = categories.iter().filter(|c| c.active).map(|c| (c.name.clone(), 0)).collect();
    }
    let wanted = rows.iter().filter(|r| r.wanted).count() as u64;
    Ok(vec![
        Breakdown::new("region", title("region"), "所在", fixed(REGIONS, rows.iter().map(|r| r.region.clone()))),
        Breakdown::new("profession", title("profession"), "職種", count_by(&|r| names.profession(r))),
        Breakdown::new("organisation", title("organisation"), "所属", count_by(&|r| names.organisation(r))),
        Breakdown::new("method", title("method"), "方法", fixed(METHODS, rows.iter().map(|r| r.method.clone()))),
        Breakdown::new("wanted", title("wanted"), "区分", vec![("欲しい相談".into(), wanted), ("それ以外".into(), rows.len() as u64 - wanted)]),
        Breakdown::new("category", title("category"), "分類", by_category),
    ])
}

pub async fn breakdowns(db: &impl ConnectionTrait, fy: i32, today: NaiveDate) -> Result<BreakdownsView, AppError> {
    if FiscalYear::new(fy).is_none() {
        return Err(AppError::NotFound);
    }
    let counts = counts(db).await?;
    let (min, max) = span(&counts, today);
    let tables = breakdown_tables(db, fy).await?;
    Ok(BreakdownsView {
        year: year(fy),
        breakdowns: tables.into_iter().map(|b| {
            let svg = chart::bars(&b.title, &b.items);
            (b, svg)
        }).collect(),
        selectable: (min.min(fy)..=max.max(fy)).map(year).collect(),
    })
}
