//! Reading trainings: the list with its filters, one record with its role split, the form's
//! choices.

use crate::server::services::shared::checklist::{self, ChecklistTable};
use crate::server::services::trainings::tasks::Tasks;
use crate::server::services::shared::lookup::Names;
use crate::server::services::shared::search::like_pattern;
use crate::dto::directory::Ref;
use crate::dto::issues::MatrixYear;
use crate::dto::trainings::{
    HostingCount, NextTask, OutcomeView, SupportRow, TrainingChoices, TrainingList, TrainingQuery, TrainingSummary, TrainingView,
};
use crate::domain::meetings::{time_range, work_items_from_text};
use crate::domain::dates;
use crate::domain::text::search_term;
use crate::domain::trainings::{label_of, OutcomeInput, Progress, Satisfaction, TrainingInput, ASSIGNEES, FORMATS, HOSTING, LEVELS, STATUSES, SUPPORT_KINDS};
use crate::domain::FiscalYear;
use crate::error::AppError;
use crate::server::entities::{training, training_participant as tpa, training_profession as tp, training_support as ts, training_task};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

pub fn level_label(level: i16) -> &'static str {
    LEVELS.iter().find(|(n, _)| *n == level).map(|(_, l)| *l).unwrap_or("")
}

/// The parts of a training kept in other tables.
#[derive(Clone, Default)]
pub struct Parts {
    pub professions: Vec<i32>,
    /// kind → (assignee, note).
    pub support: HashMap<String, (String, String)>,
    pub participants: Vec<(i32, u32)>,
}

pub async fn parts_of(db: &impl ConnectionTrait, ids: &[i32]) -> Result<HashMap<i32, Parts>, AppError> {
    let mut out: HashMap<i32, Parts> = ids.iter().map(|id| (*id, Parts::default())).collect();
    for chunk in ids.chunks(500) {
        let chunk = chunk.to_vec();
        for l in tp::Entity::find().filter(tp::Column::TrainingId.is_in(chunk.clone())).all(db).await? {
            out.entry(l.training_id).or_default().professions.push(l.profession_id);
        }
        for s in ts::Entity::find().filter(ts::Column::TrainingId.is_in(chunk.clone())).all(db).await? {
            out.entry(s.training_id).or_default().support.insert(s.kind, (s.assignee, s.note));
        }
        for p in tpa::Entity::find().filter(tpa::Column::TrainingId.is_in(chunk)).all(db).await? {
            out.entry(p.training_id).or_default().participants.push((p.profession_id, p.count.max(0) as u32));
        }
    }
    for p in out.values_mut() {
        p.professions.sort();
        p.participants.sort();
    }
    Ok(out)
}

impl Parts {
    /// The plan in `SUPPORT_KINDS` order ("none" where nothing was stored).
    pub fn plan(&self) -> Vec<(String, String)> {
        SUPPORT_KINDS.iter().map(|(k, _)| self.support.get(*k).cloned().unwrap_or_else(|| ("none".into(), String::new()))).collect()
    }
}

pub fn satisfaction(t: &training::Model) -> Satisfaction {
    let c = |n: i32| n.max(0) as u32;
    Satisfaction { counts: [c(t.satisfaction1), c(t.satisfaction2), c(t.satisfaction3), c(t.satisfaction4), c(t.satisfaction5)] }
}

pub fn total_participants(t: &training::Model, parts: &Parts) -> u32 {
    parts.participants.iter().map(|(_, n)| n).sum::<u32>() + t.participants_other.max(0) as u32
}

pub fn organiser_name(t: &training::Model, names: &Names) -> String {
    t.organiser_organisation_id.and_then(|o| names.organisations.get(&o).cloned()).unwrap_or_else(|| "チーム".into())
}

pub fn condition(q: &TrainingQuery, today: NaiveDate) -> Condition {
    let mut c = Condition::all().add(training::Column::Active.eq(!q.archived.unwrap_or(false)));
    match q.fy {
        Some(fy) => c = c.add(training::Column::FiscalYear.eq(fy)),
        None => c = c.add(training::Column::HeldOn.gte(today)).add(training::Column::Status.ne("cancelled")),
    }
    if let Some(h) = q.hosting.as_deref().filter(|h| !h.is_empty()) {
        c = c.add(training::Column::Hosting.eq(h));
    }
    if let Some(s) = q.status.as_deref().filter(|s| !s.is_empty()) {
        c = c.add(training::Column::Status.eq(s));
    }
    if let Some(o) = q.organisation {
        c = c.add(training::Column::OrganiserOrganisationId.eq(o));
    }
    if let Some(term) = q.q.as_deref().map(search_term).filter(|t| !t.is_empty()) {
        c = c.add(training::Column::SearchText.like(like_pattern(&term)));
    }
    c
}

/// Matching trainings in date order.
pub async fn all_matching(db: &impl ConnectionTrait, q: &TrainingQuery, today: NaiveDate) -> Result<Vec<training::Model>, AppError> {
    Ok(training::Entity::find()
        .filter(condition(q, today))
        .order_by_asc(training::Column::HeldOn)
        .order_by_asc(training::Column::StartTime)
        .order_by_asc(training::Column::Id)
        .all(db)
        .await?)
}

pub(super) async fn tasks_of(db: &impl ConnectionTrait, ids: &[i32]) -> Result<HashMap<i32, Vec<training_task::Model>>, AppError> {
    let mut out: HashMap<i32, Vec<training_task::Model>> = HashMap::new();
    for chunk in ids.chunks(500) {
        for t in training_task::Entity::find().filter(training_task::Column::TrainingId.is_in(chunk.to_vec())).all(db).await? {
            out.entry(t.training_id).or_default().push(t);
        }
    }
    Ok(out)
}

pub fn summary(t: &training::Model, parts: &Parts, tasks: &[training_task::Model], names: &Names, today: NaiveDate) -> TrainingSummary {
    let progress = Progress::of(tasks.iter().map(|x| x.done));
    let next = tasks.iter().filter(|x| !x.done && x.due_on.is_some()).min_by_key(|x| (x.due_on, x.id));
    TrainingSummary {
        id: t.id,
        held_on: t.held_on.to_string(),
        date_label: dates::day(t.held_on),
        fiscal_year: FiscalYear(t.fiscal_year).short_label(),
        time_label: time_range(&t.start_time, &t.end_time),
        title: t.title.clone(),
        organiser: organiser_name(t, names),
        hosting: label_of(HOSTING, &t.hosting).unwrap_or("").into(),
        hosting_code: t.hosting.clone(),
        level: level_label(t.level).into(),
        format: label_of(FORMATS, &t.format).unwrap_or("").into(),
        status: label_of(STATUSES, &t.status).unwrap_or("").into(),
        status_code: t.status.clone(),
        progress,
        overdue_tasks: tasks.iter().filter(|x| crate::domain::trainings::is_overdue(x.due_on, x.done, today)).count() as u32,
        next_task: next.map(|x| NextTask {
            title: x.title.clone(),
            due_on: x.due_on.map(dates::day).unwrap_or_default(),
            overdue: crate::domain::trainings::is_overdue(x.due_on, x.done, today),
        }),
        participants: total_participants(t, parts),
        active: t.active,
    }
}

pub async fn list(db: &impl ConnectionTrait, q: &TrainingQuery, today: NaiveDate) -> Result<TrainingList, AppError> {
    let rows = all_matching(db, q, today).await?;
    let ids: Vec<i32> = rows.iter().map(|t| t.id).collect();
    let parts = parts_of(db, &ids).await?;
    let tasks = tasks_of(db, &ids).await?;
    let names = Names::load(db).await?;
    let none = Parts::default();
    let items: Vec<TrainingSummary> =
        rows.iter().map(|t| summary(t, parts.get(&t.id).unwrap_or(&none), tasks.get(&t.id).map(Vec::as_slice).unwrap_or(&[]), &names, today)).collect();
    let by_hosting = HOSTING
        .iter()
        .map(|(code, label)| {
            let of: Vec<&TrainingSummary> = items.iter().filter(|s| s.hosting_code == *code && s.status_code != "cancelled").collect();
            HostingCount { hosting: label.to_string(), count: of.len() as u32, participants: of.iter().map(|s| s.participants).sum() }
        })
        .collect();
    let years: Vec<i32> =
        training::Entity::find().select_only().column(training::Column::FiscalYear).distinct().order_by_desc(training::Column::FiscalYear).into_tuple().all(db).await?;
    let mut years: Vec<i32> = years;
    let current = FiscalYear::of(today).0;
    if !years.contains(&current) {
        years.push(current);
        years.sort_by(|a, b| b.cmp(a));
    }
    let years = years.into_iter().map(|y| MatrixYear { year: y, label: FiscalYear(y).short_label(), western: FiscalYear(y).western_label() }).collect();
    let organisations = crate::server::services::directory::choices(db).await?.organisations;
    Ok(TrainingList { items, upcoming: q.fy.is_none(), by_hosting, years, organisations })
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<training::Model, AppError> {
    training::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

pub fn to_input(t: &training::Model, parts: &Parts) -> TrainingInput {
    TrainingInput {
        title: t.title.clone(),
        theme: t.theme.clone(),
        organiser: t.organiser_organisation_id.map(|o| o.to_string()).unwrap_or_default(),
        hosting: t.hosting.clone(),
        level: t.level.to_string(),
        professions: parts.professions.clone(),
        held_on: t.held_on.to_string(),
        start_time: t.start_time.clone(),
        end_time: t.end_time.clone(),
        venue: t.venue.clone(),
        format: t.format.clone(),
        capacity: t.capacity.map(|c| c.to_string()).unwrap_or_default(),
        status: t.status.clone(),
        work_items: work_items_from_text(&t.work_items),
        level_reason: t.level_reason.clone(),
        support: parts.plan(),
        scenes: crate::domain::scenes::scene_codes(&t.scenes),
        initiatives: None,
        initiatives_before: Vec::new(),
    }
}

pub fn outcome_input(t: &training::Model, parts: &Parts, professions: &[Ref]) -> OutcomeInput {
    let count = |id: i32| parts.participants.iter().find(|(p, _)| *p == id).map(|(_, n)| n.to_string()).unwrap_or_default();
    let s = satisfaction(t);
    let recorded = t.respondents.is_some();
    OutcomeInput {
        participants: professions.iter().map(|p| (p.id, count(p.id))).collect(),
        participants_other: if t.participants_other > 0 { t.participants_other.to_string() } else { String::new() },
        respondents: t.respondents.map(|r| r.to_string()).unwrap_or_default(),
        satisfaction: std::array::from_fn(|i| if recorded { s.counts[i].to_string() } else { String::new() }),
        comments: t.comments.clone(),
        lessons: t.lessons.clone(),
    }
}

pub async fn get(db: &impl ConnectionTrait, id: i32, today: NaiveDate) -> Result<TrainingView, AppError> {
    let t = find(db, id).await?;
    let parts = parts_of(db, &[id]).await?.remove(&id).unwrap_or_default();
    let names = Names::load(db).await?;
    let tasks = checklist::of_parent::<Tasks>(db, &Tasks::parent(&t), &names, today).await?;
    let meetings = crate::server::services::trainings::links::meetings_of(db, id).await?;
    let all_professions = crate::server::services::directory::choices(db).await?.professions;
    let total = total_participants(&t, &parts);
    let s = satisfaction(&t);
    let outcome = OutcomeView {
        participants: parts.participants.iter().map(|(p, n)| (names.professions.get(p).cloned().unwrap_or_default(), *n)).collect(),
        participants_other: t.participants_other.max(0) as u32,
        total,
        respondents: t.respondents.map(|r| r.max(0) as u32),
        response_rate: t.respondents.filter(|_| total > 0).map(|r| format!("{:.1}%", r as f64 * 100.0 / total as f64)),
        satisfaction: s,
        comments: t.comments.clone(),
        lessons: t.lessons.clone(),
        recorded: total > 0 || t.respondents.is_some() || !t.comments.is_empty() || !t.lessons.is_empty(),
    };
    let support = SUPPORT_KINDS
        .iter()
        .zip(parts.plan())
        .map(|((_, kind), (a, note))| SupportRow { kind: kind.to_string(), assignee: label_of(ASSIGNEES, &a).unwrap_or("").into(), assignee_code: a, note })
        .collect();
    let initiatives = crate::server::services::initiatives::links::of_record(db, crate::server::services::initiatives::links::Kind::Training, id).await?;
    Ok(TrainingView {
        id,
        input: TrainingInput { initiatives: Some(initiatives.iter().map(|r| r.id).collect()), ..to_input(&t, &parts) },
        initiatives,
        scenes: crate::domain::scenes::scene_labels(&t.scenes),
        date_label: dates::day(t.held_on),
        fiscal_year: FiscalYear(t.fiscal_year).long_label(),
        time_label: time_range(&t.start_time, &t.end_time),
        hosting: label_of(HOSTING, &t.hosting).unwrap_or("").into(),
        level: level_label(t.level).into(),
        level_number: t.level,
        format: label_of(FORMATS, &t.format).unwrap_or("").into(),
        status: label_of(STATUSES, &t.status).unwrap_or("").into(),
        organiser: t.organiser_organisation_id.and_then(|o| names.organisations.get(&o).map(|n| Ref { id: o, name: n.clone() })),
        professions: parts.professions.iter().filter_map(|p| names.professions.get(p).map(|n| Ref { id: *p, name: n.clone() })).collect(),
        work_items: work_items_from_text(&t.work_items),
        support,
        progress: Progress::of(tasks.iter().map(|x| x.done)),
        tasks,
        meetings,
        outcome,
        outcome_input: outcome_input(&t, &parts, &all_professions),
        all_professions,
        active: t.active,
        version: t.version,
        updated_at: dates::day_time(t.updated_at),
    })
}

pub async fn choices(db: &impl ConnectionTrait) -> Result<TrainingChoices, AppError> {
    let dir = crate::server::services::directory::choices(db).await?;
    Ok(TrainingChoices {
        professions: dir.professions,
        organisations: dir.organisations,
        coordinators: crate::server::services::meetings::coordinators(db).await?,
        meetings: crate::server::services::issues::actions::meeting_choices(db).await?,
        initiatives: crate::server::services::initiatives::links::choices(db).await?,
    })
}
