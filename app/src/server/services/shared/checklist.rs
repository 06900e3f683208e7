//! One checklist service for the follow-ups of meetings and the tasks of trainings: both
//! tables have the same columns (a parent, a text, an owner, a due date, done) and the same
//! reads and writes. Each table says how it differs by implementing `ChecklistTable`.

use crate::domain::checklist::{is_overdue, parse_bulk, BulkOp, ChecklistInput, LONG_OVERDUE_DAYS};
use crate::domain::meetings::{parse_date, Owner};
use crate::dto::checklist::{ChecklistEdit, ChecklistItem, ChecklistList, DueList};
use crate::dto::dashboard::Shortlist;
use crate::error::AppError;
use crate::server::services::audit::{self, Action, Actor, Audited, Snapshot};
use crate::server::services::shared::lookup::Names;
use crate::server::services::shared::versioned::{problems, set_done_versioned, update_at_version};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;
use std::marker::PhantomData;

/// An item's columns, whichever table it comes from.
pub struct Row {
    pub id: i32,
    pub parent_id: i32,
    pub text: String,
    pub owner_user_id: Option<i32>,
    pub owner_organisation_id: Option<i32>,
    pub due_on: Option<NaiveDate>,
    pub done: bool,
    pub version: i32,
}

/// The record an item belongs to.
pub struct Parent {
    pub id: i32,
    pub title: String,
    pub held_on: NaiveDate,
}

/// The columns the shared queries filter and sort on.
#[derive(Clone, Copy)]
pub enum Col {
    Id,
    Parent,
    Done,
    DueOn,
    OwnerOrganisation,
}

/// What differs between the follow-up and the task tables.
pub trait ChecklistTable {
    type Entity: EntityTrait<Model = Self::Model, ActiveModel = Self::ActiveModel>;
    type Model: IntoActiveModel<Self::ActiveModel> + sea_orm::FromQueryResult + Send + Sync + 'static;
    type ActiveModel: ActiveModelTrait<Entity = Self::Entity> + ActiveModelBehavior + Send;
    type Parent: EntityTrait + Default;
    /// The audit trail's name of the table ("follow_up").
    const ENTITY_TYPE: &'static str;
    /// The audit snapshot's name of the parent ("meeting").
    const PARENT_KEY: &'static str;
    /// The form's and the snapshot's name of the text ("action"), and its word (対応内容).
    const TEXT_FIELD: &'static str;
    const TEXT_NOUN: &'static str;
    /// A record's own items by due date (tasks) or in the order they were written (follow-ups).
    const BY_DUE: bool;

    fn col(c: Col) -> <Self::Entity as EntityTrait>::Column;
    fn row(m: &Self::Model) -> Row;
    fn new_row(parent_id: i32, text: String, owner: (Option<i32>, Option<i32>), due_on: Option<NaiveDate>, now: DateTime<Utc>) -> Self::ActiveModel;
    fn parent_id_col() -> <Self::Parent as EntityTrait>::Column;
    /// The parents whose items are listed across records (active; trainings not cancelled).
    fn live_parents() -> Condition;
    fn parent(m: &<Self::Parent as EntityTrait>::Model) -> Parent;
}

struct Audit<'a, T> {
    r: &'a Row,
    owner: String,
    table: PhantomData<T>,
}

impl<T: ChecklistTable> Audited for Audit<'_, T> {
    const ENTITY_TYPE: &'static str = T::ENTITY_TYPE;
    fn audit_id(&self) -> i64 {
        self.r.id as i64
    }
    fn audit_label(&self) -> String {
        self.r.text.clone()
    }
    fn snapshot(&self) -> Snapshot {
        vec![
            (T::PARENT_KEY, self.r.parent_id.to_string()),
            (T::TEXT_FIELD, self.r.text.clone()),
            ("owner", self.owner.clone()),
            ("due_on", self.r.due_on.map(|d| d.to_string()).unwrap_or_default()),
            ("done", self.r.done.to_string()),
        ]
    }
}

fn audit<'a, T>(r: &'a Row, names: &Names) -> Audit<'a, T> {
    Audit { r, owner: owner_name(r, names).unwrap_or_default(), table: PhantomData }
}

fn owner_name(r: &Row, names: &Names) -> Option<String> {
    names.owner(r.owner_user_id, r.owner_organisation_id)
}

fn owner_of(r: &Row) -> Option<Owner> {
    r.owner_user_id.map(Owner::User).or(r.owner_organisation_id.map(Owner::Organisation))
}

fn item(r: &Row, p: &Parent, names: &Names, today: NaiveDate) -> ChecklistItem {
    ChecklistItem {
        id: r.id,
        parent_id: p.id,
        parent_title: p.title.clone(),
        parent_date: crate::domain::dates::day(p.held_on),
        text: r.text.clone(),
        owner: owner_name(r, names),
        due_on: r.due_on.map(|d| d.to_string()),
        overdue: is_overdue(r.due_on, r.done, today),
        done: r.done,
        version: r.version,
    }
}

/// Open first, then by due date (no date last).
fn order(items: &mut [ChecklistItem]) {
    items.sort_by(|a, b| (a.done, a.due_on.is_none(), a.due_on.clone(), a.id).cmp(&(b.done, b.due_on.is_none(), b.due_on.clone(), b.id)));
}

/// The live parents among `ids`, by id.
async fn live_parents<T: ChecklistTable>(db: &impl ConnectionTrait, ids: &[i32]) -> Result<HashMap<i32, Parent>, AppError> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        for m in T::Parent::find().filter(T::parent_id_col().is_in(chunk.to_vec())).filter(T::live_parents()).all(db).await? {
            let p = T::parent(&m);
            out.insert(p.id, p);
        }
    }
    Ok(out)
}

/// A record's items: in writing order, or by due date (no date last) where `BY_DUE`.
pub async fn of_parent<T: ChecklistTable>(db: &impl ConnectionTrait, parent: &Parent, names: &Names, today: NaiveDate) -> Result<Vec<ChecklistItem>, AppError> {
    let rows = T::Entity::find().filter(T::col(Col::Parent).eq(parent.id)).order_by_asc(T::col(Col::Id)).all(db).await?;
    let mut items: Vec<ChecklistItem> = rows.iter().map(|m| item(&T::row(m), parent, names, today)).collect();
    if T::BY_DUE {
        items.sort_by(|a, b| (a.due_on.is_none(), a.due_on.clone(), a.id).cmp(&(b.due_on.is_none(), b.due_on.clone(), b.id)));
    }
    Ok(items)
}

/// Items of live records, open ones first by due date, and everyone who owns one (for the
/// owner filter: coordinators first). `owner` is "u:3" / "o:5".
pub async fn list<T: ChecklistTable>(db: &impl ConnectionTrait, owner: Option<&str>, open_only: bool, today: NaiveDate) -> Result<ChecklistList, AppError> {
    let all: Vec<Row> = T::Entity::find().order_by_asc(T::col(Col::Id)).all(db).await?.iter().map(T::row).collect();
    let names = Names::load(db).await?;
    let mut owners: Vec<(String, String)> = Vec::new();
    for r in &all {
        if let (Some(code), Some(name)) = (owner_of(r), owner_name(r, &names)) {
            let code = code.code();
            if !owners.iter().any(|(c, _)| *c == code) {
                owners.push((code, name));
            }
        }
    }
    owners.sort_by(|a, b| a.0.chars().next().cmp(&b.0.chars().next()).reverse().then(a.1.cmp(&b.1)));

    let wanted = owner.and_then(Owner::parse);
    let rows: Vec<&Row> = all.iter().filter(|r| !(open_only && r.done) && (wanted.is_none() || owner_of(r) == wanted)).collect();
    let ids: Vec<i32> = rows.iter().map(|r| r.parent_id).collect();
    let parents = live_parents::<T>(db, &ids).await?;
    let mut items: Vec<ChecklistItem> = rows.iter().filter_map(|r| parents.get(&r.parent_id).map(|p| item(r, p, &names, today))).collect();
    order(&mut items);
    Ok(ChecklistList { items, owners, assignable: owner_choices(db, None).await? })
}

/// The open items of live records that have a due date.
fn open_with_due<T: ChecklistTable>() -> sea_orm::Select<T::Entity> {
    let live = Query::select().column(T::parent_id_col()).from(T::Parent::default()).cond_where(T::live_parents()).to_owned();
    T::Entity::find().filter(T::col(Col::Done).eq(false)).filter(T::col(Col::DueOn).is_not_null()).filter(T::col(Col::Parent).in_subquery(live))
}

/// The first `limit` items of `select` (by due date, earliest first unless `latest_first`)
/// and how many there are.
async fn shortlist<T: ChecklistTable>(db: &impl ConnectionTrait, select: sea_orm::Select<T::Entity>, latest_first: bool, today: NaiveDate, limit: u64) -> Result<Shortlist<ChecklistItem>, AppError> {
    let total = select.clone().count(db).await?;
    let ordered = if latest_first { select.order_by_desc(T::col(Col::DueOn)) } else { select.order_by_asc(T::col(Col::DueOn)) };
    let rows: Vec<Row> = ordered.order_by_asc(T::col(Col::Id)).limit(limit).all(db).await?.iter().map(T::row).collect();
    Ok(Shortlist { items: items_of::<T>(db, &rows, today).await?, total })
}

/// `rows` as items with their records and owners' names (rows of records no longer live
/// are left out).
async fn items_of<T: ChecklistTable>(db: &impl ConnectionTrait, rows: &[Row], today: NaiveDate) -> Result<Vec<ChecklistItem>, AppError> {
    let ids: Vec<i32> = rows.iter().map(|r| r.parent_id).collect();
    let parents = live_parents::<T>(db, &ids).await?;
    let names = Names::without_people(db).await?;
    Ok(rows.iter().filter_map(|r| parents.get(&r.parent_id).map(|p| item(r, p, &names, today))).collect())
}

/// The dashboard's open items: those due soonest first (overdue by fewer than
/// `LONG_OVERDUE_DAYS`, then today and later), and apart, the long-overdue, latest first.
pub async fn due_soon<T: ChecklistTable>(db: &impl ConnectionTrait, today: NaiveDate, limit: u64) -> Result<DueList, AppError> {
    let cutoff = today - chrono::Duration::days(LONG_OVERDUE_DAYS);
    Ok(DueList {
        soon: shortlist::<T>(db, open_with_due::<T>().filter(T::col(Col::DueOn).gt(cutoff)), false, today, limit).await?,
        long_overdue: shortlist::<T>(db, open_with_due::<T>().filter(T::col(Col::DueOn).lte(cutoff)), true, today, limit).await?,
    })
}

/// Writes a new item (text already checked) and its audit entry.
#[allow(clippy::too_many_arguments)]
pub async fn insert<T: ChecklistTable>(
    db: &impl ConnectionTrait,
    actor: &Actor,
    parent_id: i32,
    text: &str,
    owner: (Option<i32>, Option<i32>),
    due_on: Option<NaiveDate>,
    names: &Names,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let model = T::new_row(parent_id, text.trim().to_string(), owner, due_on, now).insert(db).await?;
    let r = T::row(&model);
    audit::record_create(db, actor, &audit::<T>(&r, names), now).await?;
    Ok(r.id)
}

/// Adds an item typed into a record's form.
pub async fn add<T: ChecklistTable>(db: &impl ConnectionTrait, actor: &Actor, parent_id: i32, input: &ChecklistInput, now: DateTime<Utc>) -> Result<i32, AppError> {
    input.check(T::TEXT_FIELD, T::TEXT_NOUN).map_err(problems)?;
    T::Parent::find().filter(T::parent_id_col().eq(parent_id)).one(db).await?.ok_or(AppError::NotFound)?;
    check_owner(db, &input.owner, None).await?;
    let names = Names::load(db).await?;
    let owner = names.owner_columns(&input.owner)?;
    insert::<T>(db, actor, parent_id, &input.text, owner, parse_date(&input.due_on), &names, now).await
}

async fn find<T: ChecklistTable>(db: &impl ConnectionTrait, id: i32) -> Result<Row, AppError> {
    Ok(T::row(&T::Entity::find().filter(T::col(Col::Id).eq(id)).one(db).await?.ok_or(AppError::NotFound)?))
}

/// Marks an item done or open again, if nobody changed it since `version`.
pub async fn set_done<T: ChecklistTable>(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: i32, done: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    let before = find::<T>(db, id).await?;
    set_done_versioned::<T::Entity>(db, T::ENTITY_TYPE, id, version, done, now).await?;
    let after = find::<T>(db, id).await?;
    let names = Names::load(db).await?;
    audit::record_change(db, actor, Action::Update, &audit::<T>(&before, &names), &audit::<T>(&after, &names), now).await
}

/// Who an item can be given to: active coordinators, then active organisations, and the
/// item's present owner even if archived since (so that saving keeps it).
async fn owner_choices(db: &impl ConnectionTrait, current: Option<(String, String)>) -> Result<Vec<(String, String)>, AppError> {
    let mut out: Vec<(String, String)> =
        crate::server::services::meetings::query::coordinators(db).await?.into_iter().map(|u| (format!("u:{}", u.id), u.name)).collect();
    let dir = crate::server::services::directory::choices(db).await?;
    out.extend(dir.organisations.into_iter().map(|o| (format!("o:{}", o.id), o.name)));
    if let Some((code, name)) = current {
        if !out.iter().any(|(c, _)| *c == code) {
            out.push((code, name));
        }
    }
    Ok(out)
}

/// Refuses an owner the forms do not offer (a viewer, a partner, an archived
/// organisation), unless the item already has that owner.
async fn check_owner(db: &impl ConnectionTrait, code: &str, current: Option<String>) -> Result<(), AppError> {
    let code = code.trim();
    if code.is_empty() || current.as_deref() == Some(code) || owner_choices(db, None).await?.iter().any(|(c, _)| c == code) {
        return Ok(());
    }
    Err(AppError::field("owner", "担当は、選択肢にあるコーディネーターか機関・団体から選んでください。"))
}

/// An item for its edit page.
pub async fn for_edit<T: ChecklistTable>(db: &impl ConnectionTrait, id: i32, today: NaiveDate) -> Result<ChecklistEdit, AppError> {
    let r = find::<T>(db, id).await?;
    let m = T::Parent::find().filter(T::parent_id_col().eq(r.parent_id)).one(db).await?.ok_or(AppError::NotFound)?;
    let names = Names::load(db).await?;
    let owner = owner_of(&r).map(|o| o.code()).unwrap_or_default();
    let current = owner_name(&r, &names).filter(|_| !owner.is_empty()).map(|n| (owner.clone(), n));
    Ok(ChecklistEdit { item: item(&r, &T::parent(&m), &names, today), owner, owners: owner_choices(db, current).await?})
}

/// Changes an item's text, owner and due date, if nobody changed it since `version`.
/// Returns the record it belongs to.
pub async fn update<T: ChecklistTable>(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: i32, input: &ChecklistInput, now: DateTime<Utc>) -> Result<i32, AppError> {
    input.check(T::TEXT_FIELD, T::TEXT_NOUN).map_err(problems)?;
    let before = find::<T>(db, id).await?;
    check_owner(db, &input.owner, owner_of(&before).map(|o| o.code())).await?;
    let names = Names::load(db).await?;
    let owner = names.owner_columns(&input.owner)?;
    let update = T::Entity::update_many()
        .col_expr(Alias::new(T::TEXT_FIELD), Expr::value(input.text.trim().to_string()))
        .col_expr(Alias::new("owner_user_id"), Expr::value(owner.0))
        .col_expr(Alias::new("owner_organisation_id"), Expr::value(owner.1))
        .col_expr(Alias::new("due_on"), Expr::value(parse_date(&input.due_on)))
        .col_expr(Alias::new("updated_at"), Expr::value(now));
    update_at_version(db, update, T::ENTITY_TYPE, id, version, Vec::new).await?;
    let after = find::<T>(db, id).await?;
    audit::record_change(db, actor, Action::Update, &audit::<T>(&before, &names), &audit::<T>(&after, &names), now).await?;
    Ok(before.parent_id)
}

/// Deletes an item written by mistake, if nobody changed it since `version`. Returns the
/// record it belonged to.
pub async fn delete<T: ChecklistTable>(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: i32, now: DateTime<Utc>) -> Result<i32, AppError> {
    let before = find::<T>(db, id).await?;
    let gone = T::Entity::delete_many().filter(T::col(Col::Id).eq(id)).filter(Expr::col(Alias::new("version")).eq(version)).exec(db).await?;
    if gone.rows_affected == 0 {
        return Err(AppError::Conflict(format!(
            "「{}」は、画面を開いた後にほかの人が変更したため、削除していません。最新の内容を確認してから、もう一度削除してください。",
            before.text
        )));
    }
    let names = Names::load(db).await?;
    let changes = audit::diff(&audit::<T>(&before, &names).snapshot(), &Vec::new());
    audit::record(db, actor, T::ENTITY_TYPE, Some(id as i64), Action::Delete, &before.text, &changes, now).await?;
    Ok(before.parent_id)
}

/// Completes the ticked items ("id:version") or gives them to one owner (`op` "done" /
/// "owner"); each only if nobody changed it since its version (else nothing is changed:
/// the caller's transaction is rolled back). Items already so are left alone. Returns how
/// many were changed.
pub async fn bulk<T: ChecklistTable>(db: &impl ConnectionTrait, actor: &Actor, op: &str, owner: &str, picks: &[String], now: DateTime<Utc>) -> Result<usize, AppError> {
    let (op, picks) = parse_bulk(op, owner, picks).map_err(problems)?;
    let names = Names::load(db).await?;
    let owner = match &op {
        BulkOp::Reassign(code) => {
            check_owner(db, code, None).await?;
            Some(names.owner_columns(code)?)
        }
        BulkOp::Complete => None,
    };
    let mut changed = 0;
    for (id, version) in picks {
        let before = find::<T>(db, id).await.map_err(|e| match e {
            AppError::NotFound => AppError::Conflict("選択した項目の一部は、ほかの人が削除しました。画面を読み込み直してから、もう一度選んでください。".into()),
            e => e,
        })?;
        let written = match owner {
            None if before.done => continue,
            None => set_done_versioned::<T::Entity>(db, T::ENTITY_TYPE, id, version, true, now).await,
            Some(o) if (before.owner_user_id, before.owner_organisation_id) == o => continue,
            Some(o) => {
                let update = T::Entity::update_many()
                    .col_expr(Alias::new("owner_user_id"), Expr::value(o.0))
                    .col_expr(Alias::new("owner_organisation_id"), Expr::value(o.1))
                    .col_expr(Alias::new("updated_at"), Expr::value(now));
                update_at_version(db, update, T::ENTITY_TYPE, id, version, Vec::new).await
            }
        };
        written.map_err(|e| match e {
            AppError::Conflict(_) => AppError::Conflict(format!(
                "「{}」は、画面を開いた後にほかの人が変更しました。上書きを防ぐため、まとめての変更は一件も行っていません。画面を読み込み直してから、もう一度選んでください。",
                before.text
            )),
            e => e,
        })?;
        let after = find::<T>(db, id).await?;
        audit::record_change(db, actor, Action::Update, &audit::<T>(&before, &names), &audit::<T>(&after, &names), now).await?;
        changed += 1;
    }
    Ok(changed)
}

/// Whether any item is owned by the organisation `id` (which then may not be deleted).
pub async fn refers_to_organisation<T: ChecklistTable>(db: &impl ConnectionTrait, id: i32) -> Result<bool, AppError> {
    Ok(T::Entity::find().filter(T::col(Col::OwnerOrganisation).eq(id)).count(db).await? > 0)
}

/// Open items of live records due between `from` and `to` (both included), by due date:
/// the deadlines a month calendar shows.
pub async fn due_between<T: ChecklistTable>(db: &impl ConnectionTrait, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<Vec<ChecklistItem>, AppError> {
    let rows: Vec<Row> = open_with_due::<T>()
        .filter(T::col(Col::DueOn).gte(from))
        .filter(T::col(Col::DueOn).lte(to))
        .order_by_asc(T::col(Col::DueOn))
        .order_by_asc(T::col(Col::Id))
        .all(db)
        .await?
        .iter()
        .map(T::row)
        .collect();
    items_of::<T>(db, &rows, today).await
}
