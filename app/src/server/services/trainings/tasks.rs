//! Tasks and milestones of trainings as a checklist (the shared service in
//! `shared::checklist` over the `training_task` table), and the standard list offered when
//! a training is created.

use crate::domain::trainings::{due_from, standard_task_owner, TaskOwner};
use crate::error::AppError;
use crate::server::entities::{training, training_task};
use crate::server::services::audit::Actor;
use crate::server::services::shared::checklist::{self, ChecklistTable, Col, Parent, Row};
use crate::server::services::shared::lookup::Names;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, ConnectionTrait, Set};

/// A standard task as edited in the new-training form.
#[derive(Clone, Debug, Default)]
pub struct TemplateTask {
    pub title: String,
    /// Days from the event ("-60").
    pub offset: String,
    /// "u:3", "organiser" (the training's organiser, or the creating coordinator when the
    /// team organises), "auto" (as the hosting suggests for the standard task at `index`),
    /// or empty.
    pub owner: String,
    /// The row of `STANDARD_TASKS` it was edited from, for "auto".
    pub index: Option<usize>,
}

pub struct Tasks;

impl ChecklistTable for Tasks {
    type Entity = training_task::Entity;
    type Model = training_task::Model;
    type ActiveModel = training_task::ActiveModel;
    type Parent = training::Entity;
    const ENTITY_TYPE: &'static str = "training_task";
    const PARENT_KEY: &'static str = "training";
    const TEXT_FIELD: &'static str = "title";
    const TEXT_NOUN: &'static str = "タスク";
    const BY_DUE: bool = true;

    fn col(c: Col) -> training_task::Column {
        match c {
            Col::Id => training_task::Column::Id,
            Col::Parent => training_task::Column::TrainingId,
            Col::Done => training_task::Column::Done,
            Col::DueOn => training_task::Column::DueOn,
            Col::OwnerOrganisation => training_task::Column::OwnerOrganisationId,
        }
    }

    fn row(m: &training_task::Model) -> Row {
        Row {
            id: m.id,
            parent_id: m.training_id,
            text: m.title.clone(),
            owner_user_id: m.owner_user_id,
            owner_organisation_id: m.owner_organisation_id,
            due_on: m.due_on,
            done: m.done,
            version: m.version,
        }
    }

    fn new_row(parent_id: i32, text: String, owner: (Option<i32>, Option<i32>), due_on: Option<NaiveDate>, now: DateTime<Utc>) -> training_task::ActiveModel {
        training_task::ActiveModel {
            training_id: Set(parent_id),
            title: Set(text),
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
    }

    fn parent_id_col() -> training::Column {
        training::Column::Id
    }

    /// Tasks of cancelled trainings are not listed across trainings.
    fn live_parents() -> Condition {
        Condition::all().add(training::Column::Active.eq(true)).add(training::Column::Status.ne("cancelled"))
    }

    fn parent(m: &training::Model) -> Parent {
        Parent { id: m.id, title: m.title.clone(), held_on: m.held_on }
    }
}

/// Creates the chosen standard tasks with due dates relative to the event day. The
/// organiser's tasks go to the creating coordinator when the team organises; "auto" follows
/// the saved training's hosting (`standard_task_owner`).
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
        let organiser_or_creator = match t.organiser_organisation_id {
            Some(o) => (None, Some(o)),
            None => (creator, None),
        };
        let owner = match task.owner.trim() {
            "organiser" => organiser_or_creator,
            "auto" => match task.index.map(|i| standard_task_owner(&t.hosting, i)) {
                Some(TaskOwner::Organiser) => organiser_or_creator,
                _ => (creator, None),
            },
            // Standard tasks go to a coordinator or the organiser; anything else stays unassigned.
            s if s.starts_with("u:") => names.owner_columns(s).unwrap_or((None, None)),
            _ => (None, None),
        };
        checklist::insert::<Tasks>(db, actor, training_id, &task.title, owner, Some(due_from(t.held_on, offset)), &names, now).await?;
    }
    Ok(())
}
