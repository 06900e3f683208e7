//! Tasks and milestones of trainings: the standard list offered when a training is
//! created, added tasks, done/reopen, and the list across trainings.

use crate::server::services::audit::{self, Action, Actor, Audited, Snapshot};
use crate::server::services::shared::lookup::Names;
use crate::server::services::shared::versioned::{problems, set_done_versioned};
use crate::dto::dashboard::Shortlist;
use crate::dto::trainings::TaskView;
use crate::domain::meetings::{parse_date, FollowUpInput};
use crate::domain::trainings::{due_from, is_overdue};
use crate::error::AppError;
use crate::server::entities::{training, training_task};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::HashMap;

/// A standard task as edited in the new-training form.
#[derive(Clone, Debug, Default)]
pub struct TemplateTask {
    pub title: String,
    /// Days from the event ("-60").
    pub offset: String,
    /// "u:3", "organiser" (the training's organiser, or the creating coordinator when the
    /// team organises), or empty.
    pub owner: String,
}

struct Audit<'a> {
    t: &'a training_task::Model,
    owner: String,
}

impl Audited for Audit<'_> {
    const ENTITY_TYPE: &'static str = "training_task";
    fn audit_id(&self) -> i64 {
        self.t.id as i64
    }
    fn audit_label(&self) -> String {
        self.t.title.clone()
    }
    fn snapshot(&self) -> Snapshot {
        vec![
            ("training", self.t.training_id.to_string()),
            ("title", self.t.title.clone()),
            ("owner", self.owner.clone()),
            ("due_on", self.t.due_on.map(|d| d.to_string()).unwrap_or_default()),
            ("done", self.t.done.to_string()),
        ]
    }
}

fn owner_name(t: &training_task::Model, names: &Names) -> Option<String> {
    names.owner(t.owner_user_id, t.owner_organisation_id)
}

fn view(t: &training_task::Model, tr: &training::Model, names: &Names, today: NaiveDate) -> TaskView {
    TaskView {
        id: t.id,
        training_id: tr.id,
        training_title: tr.title.clone(),
        training_date: tr.held_on.format("%Y/%m/%d").to_string(),
        title: t.title.clone(),
        owner: owner_name(t, names),
        due_on: t.due_on.map(|d| d.to_string()),
        overdue: is_overdue(t.due_on, t.done, today),
        done: t.done,
        version: t.version,
    }
}

fn order(items: &mut [TaskView]) {
    items.sort_by(|a, b| (a.done, a.due_on.is_none(), a.due_on.clone(), a.id).cmp(&(b.done, b.due_on.is_none(), b.due_on.clone(), b.id)));
}

/// A training's tasks by due date (no date last).
pub async fn of_training(db: &impl ConnectionTrait, tr: &training::Model, names: &Names, today: NaiveDate) -> Result<Vec<TaskView>, AppError> {
    let rows = training_task::Entity::find().filter(training_task::Column::TrainingId.eq(tr.id)).all(db).await?;
    let mut items: Vec<TaskView> = rows.iter().map(|t| view(t, tr, names, today)).collect();
    items.sort_by(|a, b| (a.due_on.is_none(), a.due_on.clone(), a.id).cmp(&(b.due_on.is_none(), b.due_on.clone(), b.id)));
    Ok(items)
}

/// Tasks of active trainings that are not cancelled: open ones first by due date.
pub async fn list(db: &impl ConnectionTrait, open_only: bool, today: NaiveDate) -> Result<Vec<TaskView>, AppError> {
    let mut select = training_task::Entity::find();
    if open_only {
        select = select.filter(training_task::Column::Done.eq(false));
    }
    let rows = select.order_by_asc(training_task::Column::DueOn).all(db).await?;
    let ids: Vec<i32> = rows.iter().map(|t| t.training_id).collect();
    let mut trainings: HashMap<i32, training::Model> = HashMap::new();
    for chunk in ids.chunks(500) {
        for t in training::Entity::find()
            .filter(training::Column::Id.is_in(chunk.to_vec()))
            .filter(training::Column::Active.eq(true))
            .filter(training::Column::Status.ne("cancelled"))
            .all(db)
            .await?
        {
            trainings.insert(t.id, t);
        }
    }
    let names = Names::load(db).await?;
    let mut items: Vec<TaskView> = rows.iter().filter_map(|t| trainings.get(&t.training_id).map(|tr| view(t, tr, &names, today))).collect();
    order(&mut items);
    Ok(items)
}

/// Open tasks of active, not cancelled trainings past their due date, earliest first: the
/// first `limit` and how many there are.
pub async fn overdue(db: &impl ConnectionTrait, today: NaiveDate, limit: u64) -> Result<Shortlist<TaskView>, AppError> {
    let select = training_task::Entity::find()
        .filter(training_task::Column::Done.eq(false))
        .filter(training_task::Column::DueOn.lt(today))
        .filter(training_task::Column::TrainingId.in_subquery(
            Query::select()
                .column(training::Column::Id)
                .from(training::Entity)
                .and_where(training::Column::Active.eq(true))
                .and_where(training::Column::Status.ne("cancelled"))
                .to_owned(),
        ));
    let total = select.clone().count(db).await?;
    let rows = select.order_by_asc(training_task::Column::DueOn).order_by_asc(training_task::Column::Id).limit(limit).all(db).await?;
    let trainings: HashMap<i32, training::Model> =
        training::Entity::find().filter(training::Column::Id.is_in(rows.iter().map(|t| t.training_id))).all(db).await?.into_iter().map(|t| (t.id, t)).collect();
    let names = Names::without_people(db).await?;
    let items = rows.iter().filter_map(|t| trainings.get(&t.training_id).map(|tr| view(t, tr, &names, today))).collect();
    Ok(Shortlist { items, total })
}

async fn insert(
    db: &impl ConnectionTrait,
    actor: &Actor,
    training_id: i32,
    title: &str,
    owner: (Option<i32>, Option<i32>),
    due_on: Option<NaiveDate>,
    names: &Names,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let model = training_task::ActiveModel {
        training_id: Set(training_id),
        title: Set(title.trim().to_string()),
        owner_user_id: Set(owner.0),
        owner_organisation_id: Set(owner.1),
        due_on: Set(due_on),
        done: Set(false),
        done_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let owner = owner_name(&model, names).unwrap_or_default();
    audit::record_create(db, actor, &Audit { t: &model, owner }, now).await?;
    Ok(model.id)
}

pub async fn add(db: &impl ConnectionTrait, actor: &Actor, training_id: i32, input: &FollowUpInput, now: DateTime<Utc>) -> Result<i32, AppError> {
    input.check().map_err(|p| problems(p.into_iter().map(|(f, m)| (if f == "action" { "title" } else { f }, m.replace("対応内容", "タスク"))).collect()))?;
    crate::server::services::trainings::find(db, training_id).await?;
    let names = Names::load(db).await?;
    let owner = names.owner_columns(&input.owner)?;
    insert(db, actor, training_id, &input.action, owner, parse_date(&input.due_on), &names, now).await
}

/// Creates the chosen standard tasks with due dates relative to the event day. The
/// organiser's tasks go to the creating coordinator when the team organises.
pub async fn add_from_template(
    db: &impl ConnectionTrait,
    actor: &Actor,
    training_id: i32,
    creator: Option<i32>,
    tasks: &[TemplateTask],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let t = crate::server::services::trainings::find(db, training_id).await?;
    let names = Names::load(db).await?;
    for task in tasks {
        if task.title.trim().is_empty() {
            continue;
        }
        if task.title.chars().count() > 500 {
            return Err(AppError::field("tasks", "タスク名は500文字以内で入力してください。"));
        }
        let offset: i64 = task
            .offset
            .trim()
            .replace('＋', "+")
            .replace('−', "-")
            .parse()
            .ok()
            .filter(|d: &i64| d.abs() <= 730)
            .ok_or_else(|| AppError::field("tasks", format!("「{}」の日数は -60 や 14 のような整数（±730日以内）で入力してください。", task.title.trim())))?;
        let owner = match task.owner.trim() {
            "organiser" => match t.organiser_organisation_id {
                Some(o) => (None, Some(o)),
                None => (creator, None),
            },
            // Standard tasks go to a coordinator or the organiser; anything else stays unassigned.
            s if s.starts_with("u:") => names.owner_columns(s).unwrap_or((None, None)),
            _ => (None, None),
        };
        insert(db, actor, training_id, &task.title, owner, Some(due_from(t.held_on, offset)), &names, now).await?;
    }
    Ok(())
}

pub async fn set_done(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: i32, done: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    let before = training_task::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    set_done_versioned::<training_task::Entity>(db, "training_task", id, version, done, now).await?;
    let after = training_task::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let names = Names::load(db).await?;
    let owner = owner_name(&before, &names).unwrap_or_default();
    audit::record_change(db, actor, Action::Update, &Audit { t: &before, owner: owner.clone() }, &Audit { t: &after, owner }, now).await
}
