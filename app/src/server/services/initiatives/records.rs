//! Saving and reading initiatives: the list (the half-year plan), one with its trail, and
//! the form's create and update (versioned, audited).

use super::trail;
use crate::domain::initiatives::{scenes_text, InitiativeInput, Status};
use crate::domain::scenes::{scene_codes, scene_labels};
use crate::domain::dates;
use crate::dto::directory::Ref;
use crate::dto::initiatives::{InitiativeSummary, InitiativeView};
use crate::error::AppError;
use crate::server::entities::initiative;
use crate::server::services::audit::{self, Action, Actor, Audited, Snapshot};
use crate::server::services::shared::versioned::{differing_pairs, expected_version, problems, update_versioned};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

struct Audit<'a>(&'a initiative::Model);

impl Audited for Audit<'_> {
    const ENTITY_TYPE: &'static str = "initiative";
    fn audit_id(&self) -> i64 {
        self.0.id as i64
    }
    fn audit_label(&self) -> String {
        self.0.title.clone()
    }
    fn snapshot(&self) -> Snapshot {
        let m = self.0;
        vec![
            ("title", m.title.clone()),
            ("status", Status::from_code(&m.status).map(|s| s.label()).unwrap_or("").to_string()),
            ("scenes", scene_labels(&m.scenes).join("、")),
            ("partners", m.partners.clone()),
            ("next_step", m.next_step.clone()),
            ("next_step_on", m.next_step_on.map(|d| d.to_string()).unwrap_or_default()),
            ("notes", m.notes.clone()),
            ("active", m.active.to_string()),
        ]
    }
}

pub(super) async fn find(db: &impl ConnectionTrait, id: i32) -> Result<initiative::Model, AppError> {
    initiative::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

fn to_input(m: &initiative::Model) -> InitiativeInput {
    InitiativeInput {
        title: m.title.clone(),
        status: m.status.clone(),
        scenes: scene_codes(&m.scenes),
        partners: m.partners.clone(),
        next_step: m.next_step.clone(),
        next_step_on: m.next_step_on.map(|d| d.to_string()).unwrap_or_default(),
        notes: m.notes.clone(),
    }
}

/// Initiatives by status (open ones first) and next step date; `all` includes ended ones.
pub async fn list(db: &impl ConnectionTrait, all: bool) -> Result<Vec<InitiativeSummary>, AppError> {
    let rows: Vec<(initiative::Model, Status)> = initiative::Entity::find()
        .filter(initiative::Column::Active.eq(true))
        .order_by_asc(initiative::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            let status = Status::from_code(&m.status).unwrap_or(Status::Idea);
            (m, status)
        })
        .filter(|(_, status)| all || status.is_open())
        .collect();
    let mut trails = trail::entries_of(db, &rows.iter().map(|(m, _)| m.id).collect::<Vec<_>>()).await?;
    let mut items = Vec::new();
    for (m, status) in rows {
        let entries = trails.remove(&m.id).unwrap_or_default();
        items.push((
            m.next_step_on,
            InitiativeSummary {
                id: m.id,
                title: m.title.clone(),
                status,
                scenes: scene_labels(&m.scenes),
                partners: m.partners.clone(),
                next_step: m.next_step.clone(),
                next_step_on: m.next_step_on.map(dates::day).unwrap_or_default(),
                entries: entries.len() as u32,
                last_on: entries.last().map(|e| dates::day(e.date)).unwrap_or_default(),
            },
        ));
    }
    // Open before ended; the nearest next step first, those without one last.
    items.sort_by_key(|(on, s)| (!s.status.is_open(), on.is_none(), *on, s.id));
    Ok(items.into_iter().map(|(_, s)| s).collect())
}

pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<InitiativeView, AppError> {
    let m = find(db, id).await?;
    let linked = super::links::linked(db, id).await?;
    let meeting_choices = crate::server::services::issues::actions::meeting_choices(db).await?.into_iter().filter(|r| !linked.meetings.iter().any(|x| x.id == r.id)).collect();
    let training_choices: Vec<Ref> = super::links::training_choices(db).await?.into_iter().filter(|r| !linked.trainings.iter().any(|x| x.id == r.id)).collect();
    Ok(InitiativeView {
        id,
        input: to_input(&m),
        status: Status::from_code(&m.status).unwrap_or(Status::Idea),
        scenes: scene_labels(&m.scenes),
        scene_codes: scene_codes(&m.scenes),
        next_step_on: m.next_step_on.map(dates::day).unwrap_or_default(),
        trail: trail::rows(db, id).await?,
        meetings: linked.meetings,
        trainings: linked.trainings,
        meeting_choices,
        training_choices,
        issues: Vec::new(),
        consultations: Vec::new(),
        referrals: Vec::new(),
        version: m.version,
        updated_at: dates::day_time(m.updated_at),
    })
}

/// Creates (`id` None) or updates an initiative; returns its id.
pub async fn save(db: &impl ConnectionTrait, actor: &Actor, id: Option<i32>, version: Option<i32>, input: &InitiativeInput, now: DateTime<Utc>) -> Result<i32, AppError> {
    let checked = input.check().map_err(problems)?;
    let fill = |am: &mut initiative::ActiveModel| {
        am.title = Set(input.title.trim().to_string());
        am.status = Set(checked.status.code().to_string());
        am.scenes = Set(scenes_text(&input.scenes));
        am.partners = Set(input.partners.trim().to_string());
        am.next_step = Set(input.next_step.trim().to_string());
        am.next_step_on = Set(checked.next_step_on);
        am.notes = Set(input.notes.trim_end().to_string());
        am.updated_at = Set(now);
    };
    match id {
        None => {
            let mut am = initiative::ActiveModel { active: Set(true), created_at: Set(now), version: Set(1), ..Default::default() };
            fill(&mut am);
            let m = am.insert(db).await?;
            audit::record_create(db, actor, &Audit(&m), now).await?;
            Ok(m.id)
        }
        Some(id) => {
            let before = find(db, id).await?;
            let expected = expected_version(version)?;
            let mut am: initiative::ActiveModel = before.clone().into();
            fill(&mut am);
            let current = to_input(&before);
            update_versioned(db, "initiative", id, expected, am, || differing(&current, input)).await?;
            let after = find(db, id).await?;
            audit::record_change(db, actor, Action::Update, &Audit(&before), &Audit(&after), now).await?;
            Ok(id)
        }
    }
}

fn differing(current: &InitiativeInput, input: &InitiativeInput) -> Vec<&'static str> {
    differing_pairs(&["title", "status", "partners", "next_step", "next_step_on", "notes", "scenes"], &current.pairs(), &input.pairs())
}
