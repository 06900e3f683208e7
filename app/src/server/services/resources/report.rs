//! The resource list in the annual report (under 【ア】): per district and per category, the
//! entries at the end of a fiscal year and those added, confirmed and ended within it.
//! Archived entries are not counted.

use super::lists::{Categories, Districts};
use super::record::activity_of;
use crate::domain::report::Grid;
use crate::domain::resources::Activity;
use crate::domain::FiscalYear;
use crate::error::AppError;
use crate::server::entities::resource;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::BTreeMap;

mod t {
    pub const BY_DISTRICT: &str = "地区別";
    pub const BY_CATEGORY: &str = "分類別（大分類）";
    pub const DISTRICT: &str = "地区";
    pub const CATEGORY: &str = "分類";
    pub const AT_END: &str = "年度末の資源数";
    pub const ADDED: &str = "新規登録";
    pub const CONFIRMED: &str = "確認";
    pub const ENDED: &str = "終了";
    pub const CITY_WIDE: &str = "市内全域";
    pub const TOTAL: &str = "合計";
}

pub const TITLE: &str = "【ア】地域の資源（つながる資源リスト）";
pub const NOTE: &str = "年度末の資源数は、年度末までに登録され、年度末の時点で終了していない資源です（アーカイブしたものを除く）。新規登録・確認・終了は、この年度の件数です。";

/// [at year end, added, confirmed, ended] of one row.
type Counts = [u64; 4];

fn counts(m: &resource::Model, fy: FiscalYear) -> Option<Counts> {
    let created = m.created_at.with_timezone(&crate::clock::jst()).date_naive();
    if created > fy.last_day() {
        return None;
    }
    let ended_by_end = activity_of(m) == Activity::Ended && m.ended_on.is_none_or(|d| d <= fy.last_day());
    let within = |d: Option<chrono::NaiveDate>| u64::from(d.is_some_and(|d| fy.contains(d)));
    Some([u64::from(!ended_by_end), within(Some(created)), within(m.confirmed_on), within(m.ended_on.filter(|_| activity_of(m) == Activity::Ended))])
}

fn grid(caption: &str, first: &str, rows: Vec<(String, Counts)>) -> Grid {
    let mut g = Grid::new(caption, &[first, t::AT_END, t::ADDED, t::CONFIRMED, t::ENDED], 1);
    g.rows = rows.into_iter().map(|(name, c)| std::iter::once(name).chain(c.iter().map(u64::to_string)).collect()).collect();
    g.with_totals(t::TOTAL)
}

pub async fn grids(db: &impl ConnectionTrait, fy: FiscalYear) -> Result<Vec<Grid>, AppError> {
    let rows = resource::Entity::find().filter(resource::Column::Active.eq(true)).all(db).await?;
    let categories = Categories::load(db).await?;
    let districts = Districts::load(db).await?;
    // Keyed by list order, so that rows come out as the lists are ordered.
    let mut by_district: BTreeMap<(usize, String), Counts> = BTreeMap::new();
    let mut by_category: BTreeMap<(usize, String), Counts> = BTreeMap::new();
    // Every active district and top-level category has a row, even with nothing in it.
    for d in districts.choices() {
        by_district.entry((districts.rank(Some(d.id)), d.name)).or_default();
    }
    let top_ranks: std::collections::HashMap<String, usize> = categories.choices().into_iter().filter(|c| c.parent_id.is_none()).map(|c| (c.name, categories.rank(c.id))).collect();
    for (name, rank) in &top_ranks {
        by_category.entry((*rank, name.clone())).or_default();
    }
    for m in &rows {
        let Some(c) = counts(m, fy) else { continue };
        let district = match m.district_id {
            Some(_) => districts.name(m.district_id),
            None => t::CITY_WIDE.to_string(),
        };
        let top = categories.top(m.category_id);
        let top_rank = top_ranks.get(&top).copied().unwrap_or(usize::MAX);
        for (map, key) in [(&mut by_district, (districts.rank(m.district_id), district)), (&mut by_category, (top_rank, top))] {
            let e = map.entry(key).or_default();
            for i in 0..4 {
                e[i] += c[i];
            }
        }
    }
    let flat = |m: BTreeMap<(usize, String), Counts>| m.into_iter().map(|((_, name), c)| (name, c)).collect();
    Ok(vec![grid(t::BY_DISTRICT, t::DISTRICT, flat(by_district)), grid(t::BY_CATEGORY, t::CATEGORY, flat(by_category))])
}
