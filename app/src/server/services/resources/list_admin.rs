//! Administrators keep the resource list's categories (two levels) and districts, and the
//! referral pathways: add, rename, retire or restore, and move one place up or down. Records
//! refer to them by id, so a rename relabels every entry, and a retired one stays on the
//! records filed under it but is no longer offered (nor are the sub-categories of a retired
//! top-level category).

use super::lists::{Categories, Districts};
use crate::domain::ordering;
use crate::domain::resource_import::district_key;
use crate::domain::text::{char_len, normalize_for_search};
use crate::dto::resources::{ListEntryView, ResourceListsView};
use crate::error::AppError;
use crate::server::entities::{app_user, collector_district, referral_pathway as pathway, resource, resource_category as category, resource_district as district};
use crate::server::services::referrals::pathways;
use crate::server::services::audit::{self, Action, Actor, Snapshot};
use crate::server::services::shared::versioned::{edit_conflict, expected_version, set_active_versioned};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Set};
use std::collections::HashMap;

/// Which of the lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    Category,
    District,
    Pathway,
}

impl ListKind {
    pub fn from_code(code: &str) -> Result<ListKind, AppError> {
        match code {
            "category" => Ok(ListKind::Category),
            "district" => Ok(ListKind::District),
            "pathway" => Ok(ListKind::Pathway),
            _ => Err(AppError::BadRequest("一覧の種類が正しくありません。".into())),
        }
    }

    /// The name field of its forms.
    fn name_field(self) -> &'static str {
        match self {
            ListKind::Category => "category_name",
            ListKind::District => "district_name",
            ListKind::Pathway => "pathway_name",
        }
    }

    fn entity_type(self) -> &'static str {
        match self {
            ListKind::Category => "resource_category",
            ListKind::District => "resource_district",
            ListKind::Pathway => "referral_pathway",
        }
    }
}

/// An entry as the audit trail records it.
struct Entry {
    kind: ListKind,
    id: i32,
    name: String,
    parent: String,
    position: usize,
    active: bool,
}

impl Entry {
    fn snapshot(&self) -> Snapshot {
        let mut s = vec![("name", self.name.clone())];
        if self.kind == ListKind::Category {
            s.push(("parent", self.parent.clone()));
        }
        s.push(("sort_order", (self.position + 1).to_string()));
        s.push(("active", self.active.to_string()));
        s
    }
}

/// An entry's place: its siblings in order (categories of the same parent, or all districts).
struct Siblings {
    /// (id, sort_order, version)
    rows: Vec<(i32, i32, i32)>,
}

impl Siblings {
    fn ids(&self) -> Vec<i32> {
        self.rows.iter().map(|r| r.0).collect()
    }
}

async fn entry(db: &impl ConnectionTrait, kind: ListKind, id: i32) -> Result<(Entry, Siblings, i32), AppError> {
    match kind {
        ListKind::Category => {
            let cats = Categories::load(db).await?;
            let m = cats.model(id).ok_or(AppError::NotFound)?;
            let rows: Vec<_> = cats.siblings(m.parent_id).iter().map(|c| (c.id, c.sort_order, c.version)).collect();
            let position = rows.iter().position(|r| r.0 == id).unwrap_or(0);
            let parent = m.parent_id.map(|p| cats.name(p)).unwrap_or_default();
            Ok((Entry { kind, id, name: m.name.clone(), parent, position, active: m.active }, Siblings { rows }, m.version))
        }
        ListKind::District => {
            let districts = Districts::load(db).await?;
            let m = districts.all.iter().find(|d| d.id == id).ok_or(AppError::NotFound)?;
            let rows: Vec<_> = districts.all.iter().map(|d| (d.id, d.sort_order, d.version)).collect();
            let position = rows.iter().position(|r| r.0 == id).unwrap_or(0);
            Ok((Entry { kind, id, name: m.name.clone(), parent: String::new(), position, active: m.active }, Siblings { rows }, m.version))
        }
        ListKind::Pathway => {
            let all = pathways::all(db).await?;
            let m = all.iter().find(|p| p.id == id).ok_or(AppError::NotFound)?;
            let rows: Vec<_> = all.iter().map(|p| (p.id, p.sort_order, p.version)).collect();
            let position = rows.iter().position(|r| r.0 == id).unwrap_or(0);
            Ok((Entry { kind, id, name: m.name.clone(), parent: String::new(), position, active: m.active }, Siblings { rows }, m.version))
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn entry_view(id: i32, name: &str, parent_id: Option<i32>, (active, offered): (bool, bool), version: i32, count: i64, siblings: &[i32]) -> ListEntryView {
    ListEntryView {
        id,
        name: name.to_string(),
        parent_id,
        active,
        offered,
        version,
        count: u64::try_from(count).unwrap_or(0),
        can_up: siblings.first() != Some(&id),
        can_down: siblings.last() != Some(&id),
    }
}

/// The referral pathways with how many slips each names.
pub async fn pathway_overview(db: &impl ConnectionTrait) -> Result<Vec<ListEntryView>, AppError> {
    let all = pathways::all(db).await?;
    let counts = pathways::slip_counts(db).await?;
    let ids: Vec<i32> = all.iter().map(|p| p.id).collect();
    Ok(all.iter().map(|p| entry_view(p.id, &p.name, None, (p.active, p.active), p.version, counts.get(&p.id).copied().unwrap_or(0), &ids)).collect())
}

/// Both lists with how many current resources each holds.
pub async fn overview(db: &impl ConnectionTrait) -> Result<ResourceListsView, AppError> {
    let cats = Categories::load(db).await?;
    let districts = Districts::load(db).await?;
    let current = || resource::Entity::find().select_only().filter(resource::Column::Active.eq(true));
    let by_category: HashMap<i32, i64> =
        current().column(resource::Column::CategoryId).column_as(resource::Column::Id.count(), "n").group_by(resource::Column::CategoryId).into_tuple::<(i32, i64)>().all(db).await?.into_iter().collect();
    let by_district: HashMap<Option<i32>, i64> =
        current().column(resource::Column::DistrictId).column_as(resource::Column::Id.count(), "n").group_by(resource::Column::DistrictId).into_tuple::<(Option<i32>, i64)>().all(db).await?.into_iter().collect();
    let view = entry_view;
    let categories = cats
        .all()
        .map(|c| {
            let siblings: Vec<i32> = cats.siblings(c.parent_id).iter().map(|s| s.id).collect();
            let count = cats.with_subs(c.id).iter().map(|id| by_category.get(id).copied().unwrap_or(0)).sum();
            view(c.id, &c.name, c.parent_id, (c.active, cats.is_active(c.id)), c.version, count, &siblings)
        })
        .collect();
    let district_ids: Vec<i32> = districts.all.iter().map(|d| d.id).collect();
    let districts = districts.all.iter().map(|d| view(d.id, &d.name, None, (d.active, d.active), d.version, by_district.get(&Some(d.id)).copied().unwrap_or(0), &district_ids)).collect();
    Ok(ResourceListsView { categories, districts })
}

/// `renaming`: the error goes to the row's own `name` field rather than the add form's.
fn check_name(kind: ListKind, name: &str, renaming: bool) -> Result<String, AppError> {
    let what = match kind {
        ListKind::Category => "分類名",
        ListKind::District => "地区名",
        ListKind::Pathway => "経路名",
    };
    let field = if renaming { "name" } else { kind.name_field() };
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::field(field, format!("{what}を入力してください。")));
    }
    if char_len(name) > 100 {
        return Err(AppError::field(field, format!("{what}は100文字以内にしてください。")));
    }
    // "›" joins a sub-category to its parent in every list and export.
    if name.contains('›') {
        return Err(AppError::field(field, format!("{what}に「›」は使えません。")));
    }
    Ok(name.to_string())
}

/// Adds a category (`id` None; under `parent_id`, a top-level category, or at the top
/// level) at the end of its level, or renames one. Returns its id.
pub async fn save_category(db: &impl ConnectionTrait, actor: &Actor, id: Option<i32>, version: Option<i32>, parent_id: Option<i32>, name: &str, now: DateTime<Utc>) -> Result<i32, AppError> {
    let name = check_name(ListKind::Category, name, id.is_some())?;
    let field = if id.is_some() { "name" } else { ListKind::Category.name_field() };
    let cats = Categories::load(db).await?;
    let parent_id = match id {
        Some(id) => cats.model(id).ok_or(AppError::NotFound)?.parent_id,
        None => parent_id,
    };
    if let Some(p) = parent_id {
        if cats.model(p).is_none_or(|m| m.parent_id.is_some() || (id.is_none() && !m.active)) {
            return Err(AppError::field("parent_id", "大分類を選び直してください（分類は2段階まで、廃止した大分類の下には追加できません）。"));
        }
    }
    // The import finds categories by their normalised name: two that normalise alike would
    // be one to it.
    let key = normalize_for_search(&name);
    if cats.siblings(parent_id).iter().any(|c| normalize_for_search(&c.name) == key && Some(c.id) != id) {
        return Err(AppError::field(field, format!("分類「{name}」はすでにあります（同じ読みの分類を含む）。")));
    }
    match id {
        None => {
            let last = cats.siblings(parent_id).iter().map(|c| c.sort_order).max().unwrap_or(0);
            let model = category::ActiveModel {
                parent_id: Set(parent_id),
                name: Set(name),
                sort_order: Set(last + 10),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
            .insert(db)
            .await?;
            let (after, _, _) = entry(db, ListKind::Category, model.id).await?;
            audit::record(db, actor, ListKind::Category.entity_type(), Some(model.id as i64), Action::Create, &after.name, &audit::created(&after.snapshot()), now).await?;
            Ok(model.id)
        }
        Some(id) => {
            let expected = expected_version(version)?;
            rename(db, actor, ListKind::Category, id, expected, name, now).await?;
            Ok(id)
        }
    }
}

/// Adds a district at the end (`id` None) or renames one. Returns its id.
pub async fn save_district(db: &impl ConnectionTrait, actor: &Actor, id: Option<i32>, version: Option<i32>, name: &str, now: DateTime<Utc>) -> Result<i32, AppError> {
    let name = check_name(ListKind::District, name, id.is_some())?;
    let field = if id.is_some() { "name" } else { ListKind::District.name_field() };
    let districts = Districts::load(db).await?;
    if id.is_some_and(|id| !districts.all.iter().any(|d| d.id == id)) {
        return Err(AppError::NotFound);
    }
    // The import finds districts by their name without 地区/センター: 「鵜住居地区」 is 鵜住居.
    let key = district_key(&name);
    if districts.all.iter().any(|d| district_key(&d.name) == key && Some(d.id) != id) {
        return Err(AppError::field(field, format!("地区「{name}」はすでにあります（「地区」「センター」を除いて同じ名前を含む）。")));
    }
    match id {
        None => {
            let last = districts.all.iter().map(|d| d.sort_order).max().unwrap_or(0);
            let model = district::ActiveModel {
                name: Set(name),
                sort_order: Set(last + 10),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
            .insert(db)
            .await?;
            let (after, _, _) = entry(db, ListKind::District, model.id).await?;
            audit::record(db, actor, ListKind::District.entity_type(), Some(model.id as i64), Action::Create, &after.name, &audit::created(&after.snapshot()), now).await?;
            Ok(model.id)
        }
        Some(id) => {
            let expected = expected_version(version)?;
            rename(db, actor, ListKind::District, id, expected, name, now).await?;
            Ok(id)
        }
    }
}

/// Adds a referral pathway at the end (`id` None) or renames one. Returns its id.
pub async fn save_pathway(db: &impl ConnectionTrait, actor: &Actor, id: Option<i32>, version: Option<i32>, name: &str, now: DateTime<Utc>) -> Result<i32, AppError> {
    let name = check_name(ListKind::Pathway, name, id.is_some())?;
    let field = if id.is_some() { "name" } else { ListKind::Pathway.name_field() };
    let all = pathways::all(db).await?;
    if id.is_some_and(|id| !all.iter().any(|p| p.id == id)) {
        return Err(AppError::NotFound);
    }
    let key = normalize_for_search(&name);
    if all.iter().any(|p| normalize_for_search(&p.name) == key && Some(p.id) != id) {
        return Err(AppError::field(field, format!("経路「{name}」はすでにあります（廃止したものを含む）。")));
    }
    match id {
        None => {
            let last = all.iter().map(|p| p.sort_order).max().unwrap_or(0);
            let model = pathway::ActiveModel {
                name: Set(name),
                sort_order: Set(last + 10),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
            .insert(db)
            .await?;
            let (after, _, _) = entry(db, ListKind::Pathway, model.id).await?;
            audit::record(db, actor, ListKind::Pathway.entity_type(), Some(model.id as i64), Action::Create, &after.name, &audit::created(&after.snapshot()), now).await?;
            Ok(model.id)
        }
        Some(id) => {
            let expected = expected_version(version)?;
            rename(db, actor, ListKind::Pathway, id, expected, name, now).await?;
            Ok(id)
        }
    }
}

async fn rename(db: &impl ConnectionTrait, actor: &Actor, kind: ListKind, id: i32, expected: i32, name: String, now: DateTime<Utc>) -> Result<(), AppError> {
    let (before, _, _) = entry(db, kind, id).await?;
    let update = |table: &str| {
        sea_orm::sea_query::Query::update()
            .table(Alias::new(table))
            .value(Alias::new("name"), name.clone())
            .value(Alias::new("updated_at"), now)
            .value(Alias::new("version"), expected + 1)
            .and_where(Expr::col(Alias::new("id")).eq(id))
            .and_where(Expr::col(Alias::new("version")).eq(expected))
            .to_owned()
    };
    let res = db.execute(&update(kind.entity_type())).await?;
    if res.rows_affected() == 0 {
        return Err(edit_conflict(db, kind.entity_type(), id as i64, vec!["name"]).await);
    }
    changed(db, actor, kind, Action::Update, &before, now).await
}

async fn changed(db: &impl ConnectionTrait, actor: &Actor, kind: ListKind, action: Action, before: &Entry, now: DateTime<Utc>) -> Result<(), AppError> {
    let (after, _, _) = entry(db, kind, before.id).await?;
    let changes = audit::diff(&before.snapshot(), &after.snapshot());
    audit::record(db, actor, kind.entity_type(), Some(before.id as i64), action, &after.name, &changes, now).await
}

/// Retires (no longer offered) or restores an entry. A district a collector account is
/// bound to, and the last category or district in use, stay.
pub async fn set_active(db: &impl ConnectionTrait, actor: &Actor, kind: ListKind, id: i32, version: i32, active: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    let (before, _, _) = entry(db, kind, id).await?;
    if !active {
        match kind {
            ListKind::District => {
                let bound = collector_district::Entity::find()
                    .filter(collector_district::Column::DistrictId.eq(id))
                    .filter(collector_district::Column::UserId.in_subquery(
                        sea_orm::sea_query::Query::select().column(app_user::Column::Id).from(app_user::Entity).and_where(app_user::Column::Active.eq(true)).to_owned(),
                    ))
                    .count(db)
                    .await?;
                if bound > 0 {
                    return Err(AppError::Conflict(format!(
                        "「{}」には資源登録者が{bound}人割り当てられているため廃止できません。先にユーザー管理で担当地区を変えるか、アカウントを無効にしてください。",
                        before.name
                    )));
                }
                if Districts::load(db).await?.choices().iter().all(|d| d.id == id) {
                    return Err(AppError::Conflict("使用中の地区が1つもなくなるため廃止できません。".into()));
                }
            }
            ListKind::Pathway => {
                if pathways::choices(db).await?.iter().all(|p| p.id == id) {
                    return Err(AppError::Conflict("使用中の経路が1つもなくなるため廃止できません。".into()));
                }
            }
            ListKind::Category => {
                let cats = Categories::load(db).await?;
                let top_level = cats.model(id).is_some_and(|c| c.parent_id.is_none());
                if top_level && cats.choices().iter().all(|c| cats.top_id(c.id) == id) {
                    return Err(AppError::Conflict("使用中の分類が1つもなくなるため廃止できません。".into()));
                }
            }
        }
    }
    match kind {
        ListKind::Category => set_active_versioned::<category::Entity>(db, kind.entity_type(), id, version, active, now).await?,
        ListKind::District => set_active_versioned::<district::Entity>(db, kind.entity_type(), id, version, active, now).await?,
        ListKind::Pathway => set_active_versioned::<pathway::Entity>(db, kind.entity_type(), id, version, active, now).await?,
    }
    changed(db, actor, kind, if active { Action::Restore } else { Action::Archive }, &before, now).await
}

/// Moves an entry one place up (`up`) or down among its siblings; at an end, nothing moves.
pub async fn move_entry(db: &impl ConnectionTrait, actor: &Actor, kind: ListKind, id: i32, version: i32, up: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    let (before, siblings, current) = entry(db, kind, id).await?;
    if current != version {
        return Err(edit_conflict(db, kind.entity_type(), id as i64, Vec::new()).await);
    }
    let Some(order) = ordering::move_one(&siblings.ids(), id, up) else {
        return Ok(());
    };
    for (row_id, sort_order) in ordering::spaced(&order) {
        let Some((_, was, row_version)) = siblings.rows.iter().find(|r| r.0 == row_id).copied() else { continue };
        if was == sort_order && row_id != id {
            continue;
        }
        let update = sea_orm::sea_query::Query::update()
            .table(Alias::new(kind.entity_type()))
            .value(Alias::new("sort_order"), sort_order)
            .value(Alias::new("updated_at"), now)
            .value(Alias::new("version"), row_version + 1)
            .and_where(Expr::col(Alias::new("id")).eq(row_id))
            .and_where(Expr::col(Alias::new("version")).eq(row_version))
            .to_owned();
        if db.execute(&update).await?.rows_affected() == 0 {
            return Err(edit_conflict(db, kind.entity_type(), row_id as i64, Vec::new()).await);
        }
    }
    changed(db, actor, kind, Action::Update, &before, now).await
}
