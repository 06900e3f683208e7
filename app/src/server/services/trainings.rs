//! Trainings (研修): list (upcoming, or a fiscal year with counts by hosting type), the
//! record with its role split, save, archive, the outcome, and the support given per
//! organisation.

use super::audit::{self, Action, Actor, Audited, Snapshot};
use super::meetings::Names;
use super::organisations::like_pattern;
use super::records::{differing_pairs, edit_conflict, problems, set_active_versioned};
use crate::api::directory::Ref;
use crate::api::issues::MatrixYear;
use crate::api::trainings::{
    HostingCount, NextTask, OutcomeView, SupportGiven, SupportRow, TrainingChoices, TrainingList, TrainingQuery, TrainingSummary, TrainingView,
};
use crate::domain::meetings::{date_with_weekday, parse_date, time_range, work_items_from_text, work_items_text};
use crate::domain::text::{normalize_for_search, search_term};
use crate::domain::trainings::{label_of, OutcomeInput, Progress, Satisfaction, TrainingInput, ASSIGNEES, FORMATS, HOSTING, LEVELS, STATUSES, SUPPORT_KINDS};
use crate::domain::FiscalYear;
use crate::error::AppError;
use crate::server::entities::{training, training_participant as tpa, training_profession as tp, training_support as ts, training_task};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
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

fn organiser_name(t: &training::Model, names: &Names) -> String {
    t.organiser_organisation_id.and_then(|o| names.organisations.get(&o).cloned()).unwrap_or_else(|| "チーム".into())
}

struct Audit<'a> {
    t: &'a training::Model,
    parts: &'a Parts,
    names: &'a Names,
}

impl Audited for Audit<'_> {
    const ENTITY_TYPE: &'static str = "training";
    fn audit_id(&self) -> i64 {
        self.t.id as i64
    }
    fn audit_label(&self) -> String {
        format!("{} {}", self.t.held_on.format("%Y/%m/%d"), self.t.title)
    }
    fn snapshot(&self) -> Snapshot {
        let (t, n) = (self.t, self.names);
        let plan: Vec<String> = SUPPORT_KINDS
            .iter()
            .zip(self.parts.plan())
            .map(|((_, kind), (a, note))| {
                let who = label_of(ASSIGNEES, &a).unwrap_or("");
                if note.is_empty() { format!("{kind}: {who}") } else { format!("{kind}: {who}（{note}）") }
            })
            .collect();
        let participants: Vec<String> =
            self.parts.participants.iter().map(|(p, c)| format!("{} {c}", n.professions.get(p).cloned().unwrap_or_default())).collect();
        vec![
            ("title", t.title.clone()),
            ("theme", t.theme.clone()),
            ("organiser", organiser_name(t, n)),
            ("hosting", label_of(HOSTING, &t.hosting).unwrap_or("").into()),
            ("level", level_label(t.level).into()),
            ("professions", Names::joined(&n.professions, &self.parts.professions)),
            ("held_on", t.held_on.to_string()),
            ("start_time", t.start_time.clone()),
            ("end_time", t.end_time.clone()),
            ("venue", t.venue.clone()),
            ("format", label_of(FORMATS, &t.format).unwrap_or("").into()),
            ("capacity", t.capacity.map(|c| c.to_string()).unwrap_or_default()),
            ("status", label_of(STATUSES, &t.status).unwrap_or("").into()),
            ("work_items", t.work_items.clone()),
            ("support", plan.join("\n")),
            ("participants", participants.join("、")),
            ("participants_other", t.participants_other.to_string()),
            ("respondents", t.respondents.map(|r| r.to_string()).unwrap_or_default()),
            ("satisfaction", satisfaction(t).counts.iter().map(u32::to_string).collect::<Vec<_>>().join("/")),
            ("comments", t.comments.clone()),
            ("lessons", t.lessons.clone()),
            ("active", t.active.to_string()),
        ]
    }
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

async fn tasks_of(db: &impl ConnectionTrait, ids: &[i32]) -> Result<HashMap<i32, Vec<training_task::Model>>, AppError> {
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
        date_label: date_with_weekday(t.held_on),
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
            due_on: x.due_on.map(|d| d.format("%Y/%m/%d").to_string()).unwrap_or_default(),
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
    let organisations = super::directory_choices(db).await?.organisations;
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
        support: parts.plan(),
    }
}

fn outcome_input(t: &training::Model, parts: &Parts, professions: &[Ref]) -> OutcomeInput {
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
    let tasks = super::training_tasks::of_training(db, &t, &names, today).await?;
    let meetings = super::training_links::meetings_of(db, id).await?;
    let all_professions = super::directory_choices(db).await?.professions;
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
    Ok(TrainingView {
        id,
        input: to_input(&t, &parts),
        date_label: date_with_weekday(t.held_on),
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
        updated_at: t.updated_at.with_timezone(&crate::clock::jst()).format("%Y/%m/%d %H:%M").to_string(),
    })
}

pub async fn choices(db: &impl ConnectionTrait) -> Result<TrainingChoices, AppError> {
    let dir = super::directory_choices(db).await?;
    Ok(TrainingChoices {
        professions: dir.professions,
        organisations: dir.organisations,
        coordinators: super::meetings::coordinators(db).await?,
        meetings: super::issue_actions::meeting_choices(db).await?,
    })
}

fn search_text(input: &TrainingInput, organiser: &str) -> String {
    [&input.title, &input.theme, &input.venue, &organiser.to_string()].iter().map(|s| normalize_for_search(s)).collect::<Vec<_>>().join("\n")
}

async fn set_parts(db: &impl ConnectionTrait, id: i32, input: &TrainingInput) -> Result<(), AppError> {
    tp::Entity::delete_many().filter(tp::Column::TrainingId.eq(id)).exec(db).await?;
    ts::Entity::delete_many().filter(ts::Column::TrainingId.eq(id)).exec(db).await?;
    let mut professions = input.professions.clone();
    professions.sort();
    professions.dedup();
    for p in professions {
        tp::ActiveModel { training_id: Set(id), profession_id: Set(p) }.insert(db).await?;
    }
    for ((kind, _), (assignee, note)) in SUPPORT_KINDS.iter().zip(&input.support) {
        ts::ActiveModel { training_id: Set(id), kind: Set(kind.to_string()), assignee: Set(assignee.clone()), note: Set(note.trim().to_string()) }.insert(db).await?;
    }
    Ok(())
}

const FIELDS: [&str; 14] =
    ["title", "theme", "organiser", "hosting", "level", "professions", "held_on", "start_time", "end_time", "venue", "format", "capacity", "status", "work_items"];

fn differing(current: &TrainingInput, input: &TrainingInput) -> Vec<&'static str> {
    let mut out = differing_pairs(&FIELDS, &current.pairs(), &input.pairs());
    if current.support != input.support {
        out.push("support");
    }
    out
}

pub async fn save(db: &impl ConnectionTrait, actor: &Actor, id: Option<i32>, version: Option<i32>, input: &TrainingInput, now: DateTime<Utc>) -> Result<i32, AppError> {
    input.check().map_err(problems)?;
    let names = Names::load(db).await?;
    if input.professions.iter().any(|p| !names.professions.contains_key(p)) {
        return Err(AppError::field("professions", "職種の選択が正しくありません。"));
    }
    let organiser = input.organiser_id();
    if organiser.is_some_and(|o| !names.organisations.contains_key(&o)) {
        return Err(AppError::field("organiser", "主催の選択が正しくありません。"));
    }
    let held_on = parse_date(&input.held_on).ok_or_else(|| AppError::field("held_on", "開催日が正しくありません。"))?;
    let organiser_name = organiser.and_then(|o| names.organisations.get(&o).cloned()).unwrap_or_default();
    let fill = |am: &mut training::ActiveModel| {
        am.title = Set(input.title.trim().to_string());
        am.theme = Set(input.theme.trim_end().to_string());
        am.organiser_organisation_id = Set(organiser);
        am.hosting = Set(input.hosting.clone());
        am.level = Set(input.level.trim().parse().unwrap_or(2));
        am.held_on = Set(held_on);
        am.start_time = Set(input.start_time.trim().chars().take(5).collect());
        am.end_time = Set(input.end_time.trim().chars().take(5).collect());
        am.fiscal_year = Set(FiscalYear::of(held_on).0);
        am.venue = Set(input.venue.trim().to_string());
        am.format = Set(input.format.clone());
        am.capacity = Set(input.capacity.trim().parse().ok());
        am.status = Set(input.status.clone());
        am.work_items = Set(work_items_text(&input.work_items));
        am.search_text = Set(search_text(input, &organiser_name));
        am.updated_at = Set(now);
    };
    match id {
        None => {
            let mut am = training::ActiveModel {
                participants_other: Set(0),
                respondents: Set(None),
                satisfaction1: Set(0),
                satisfaction2: Set(0),
                satisfaction3: Set(0),
                satisfaction4: Set(0),
                satisfaction5: Set(0),
                comments: Set(String::new()),
                lessons: Set(String::new()),
                active: Set(true),
                created_at: Set(now),
                version: Set(1),
                ..Default::default()
            };
            fill(&mut am);
            let model = am.insert(db).await?;
            set_parts(db, model.id, input).await?;
            let parts = parts_of(db, &[model.id]).await?.remove(&model.id).unwrap_or_default();
            audit::record_create(db, actor, &Audit { t: &model, parts: &parts, names: &names }, now).await?;
            Ok(model.id)
        }
        Some(id) => {
            let before = find(db, id).await?;
            let before_parts = parts_of(db, &[id]).await?.remove(&id).unwrap_or_default();
            let expected = super::records::expected_version(version)?;
            let mut am: training::ActiveModel = before.clone().into();
            fill(&mut am);
            am.version = Set(expected + 1);
            let res = training::Entity::update_many().set(am).filter(training::Column::Id.eq(id)).filter(training::Column::Version.eq(expected)).exec(db).await?;
            if res.rows_affected == 0 {
                return Err(edit_conflict(db, "training", id as i64, differing(&to_input(&before, &before_parts), input)).await);
            }
            set_parts(db, id, input).await?;
            let after = find(db, id).await?;
            let after_parts = parts_of(db, &[id]).await?.remove(&id).unwrap_or_default();
            audit::record_change(
                db,
                actor,
                Action::Update,
                &Audit { t: &before, parts: &before_parts, names: &names },
                &Audit { t: &after, parts: &after_parts, names: &names },
                now,
            )
            .await?;
            Ok(id)
        }
    }
}

pub async fn set_active(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: i32, active: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    let before = find(db, id).await?;
    let parts = parts_of(db, &[id]).await?.remove(&id).unwrap_or_default();
    let names = Names::load(db).await?;
    set_active_versioned::<training::Entity>(db, "training", id, version, active, now).await?;
    let after = find(db, id).await?;
    let action = if active { Action::Restore } else { Action::Archive };
    audit::record_change(db, actor, action, &Audit { t: &before, parts: &parts, names: &names }, &Audit { t: &after, parts: &parts, names: &names }, now).await
}

/// Records participants, the questionnaire and lessons learnt (a versioned save of the
/// training, like an edit).
pub async fn save_outcome(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: i32, input: &OutcomeInput, now: DateTime<Utc>) -> Result<(), AppError> {
    let outcome = input.check().map_err(problems)?;
    let names = Names::load(db).await?;
    if outcome.participants.iter().any(|(p, _)| !names.professions.contains_key(p)) {
        return Err(AppError::field("participants", "職種の選択が正しくありません。"));
    }
    let before = find(db, id).await?;
    let before_parts = parts_of(db, &[id]).await?.remove(&id).unwrap_or_default();
    let mut am: training::ActiveModel = before.clone().into();
    let s = outcome.satisfaction.counts;
    am.participants_other = Set(outcome.participants_other as i32);
    am.respondents = Set(outcome.respondents.map(|r| r as i32));
    am.satisfaction1 = Set(s[0] as i32);
    am.satisfaction2 = Set(s[1] as i32);
    am.satisfaction3 = Set(s[2] as i32);
    am.satisfaction4 = Set(s[3] as i32);
    am.satisfaction5 = Set(s[4] as i32);
    am.comments = Set(input.comments.trim_end().to_string());
    am.lessons = Set(input.lessons.trim_end().to_string());
    am.updated_at = Set(now);
    am.version = Set(version + 1);
    let res = training::Entity::update_many().set(am).filter(training::Column::Id.eq(id)).filter(training::Column::Version.eq(version)).exec(db).await?;
    if res.rows_affected == 0 {
        let current = outcome_input(&before, &before_parts, &super::directory_choices(db).await?.professions);
        let mut fields = differing_pairs(&["participants_other", "respondents", "comments", "lessons"], &current.pairs(), &input.pairs());
        if current.satisfaction != input.satisfaction {
            fields.push("satisfaction");
        }
        return Err(edit_conflict(db, "training", id as i64, fields).await);
    }
    tpa::Entity::delete_many().filter(tpa::Column::TrainingId.eq(id)).exec(db).await?;
    for (p, n) in &outcome.participants {
        tpa::ActiveModel { training_id: Set(id), profession_id: Set(*p), count: Set(*n as i32) }.insert(db).await?;
    }
    let after = find(db, id).await?;
    let after_parts = parts_of(db, &[id]).await?.remove(&id).unwrap_or_default();
    audit::record_change(
        db,
        actor,
        Action::Update,
        &Audit { t: &before, parts: &before_parts, names: &names },
        &Audit { t: &after, parts: &after_parts, names: &names },
        now,
    )
    .await
}

/// The trainings an organisation organised, newest first, with the support the team took.
pub async fn support_given(db: &impl ConnectionTrait, organisation: i32) -> Result<Vec<SupportGiven>, AppError> {
    let rows = training::Entity::find()
        .filter(training::Column::OrganiserOrganisationId.eq(organisation))
        .filter(training::Column::Active.eq(true))
        .order_by_desc(training::Column::HeldOn)
        .all(db)
        .await?;
    let parts = parts_of(db, &rows.iter().map(|t| t.id).collect::<Vec<_>>()).await?;
    Ok(rows
        .iter()
        .map(|t| {
            let plan = parts.get(&t.id).map(Parts::plan).unwrap_or_default();
            SupportGiven {
                id: t.id,
                fiscal_year: FiscalYear(t.fiscal_year).short_label(),
                date: t.held_on.format("%Y/%m/%d").to_string(),
                title: t.title.clone(),
                hosting: label_of(HOSTING, &t.hosting).unwrap_or("").into(),
                status: label_of(STATUSES, &t.status).unwrap_or("").into(),
                team_support: SUPPORT_KINDS
                    .iter()
                    .zip(plan)
                    .filter(|(_, (a, _))| a == "team" || a == "joint")
                    .map(|((_, kind), (a, _))| if a == "joint" { format!("{kind}（共同）") } else { kind.to_string() })
                    .collect(),
            }
        })
        .collect())
}

/// Whether any training refers to the organisation (then it is archived, not deleted).
pub async fn refers_to_organisation(db: &impl ConnectionTrait, id: i32) -> Result<bool, AppError> {
    use sea_orm::PaginatorTrait;
    let organised = training::Entity::find().filter(training::Column::OrganiserOrganisationId.eq(id)).count(db).await?;
    let tasks = training_task::Entity::find().filter(training_task::Column::OwnerOrganisationId.eq(id)).count(db).await?;
    Ok(organised + tasks > 0)
}

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
