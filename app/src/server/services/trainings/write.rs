//! Saving trainings: create or update (versioned, audited), archive and restore, the outcome.

use crate::server::services::audit::{self, Action, Actor, Audited, Snapshot};
use crate::server::services::shared::lookup::Names;
use crate::server::services::shared::versioned::{update_versioned, differing_pairs, edit_conflict, problems, set_active_versioned};
use crate::domain::meetings::{parse_date, work_items_text};
use crate::domain::text::normalize_for_search;
use crate::domain::trainings::{label_of, OutcomeInput, TrainingInput, ASSIGNEES, FORMATS, HOSTING, STATUSES, SUPPORT_KINDS};
use crate::domain::FiscalYear;
use crate::error::AppError;
use crate::server::entities::{training, training_participant as tpa, training_profession as tp, training_support as ts};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use super::query::{find, level_label, organiser_name, outcome_input, parts_of, satisfaction, to_input, Parts};

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
            ("level_reason", t.level_reason.clone()),
            ("scenes", crate::domain::scenes::scene_labels(&t.scenes).join("、")),
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


const FIELDS: [&str; 16] = [
    "title", "theme", "organiser", "hosting", "level", "professions", "held_on", "start_time", "end_time", "venue", "format", "capacity", "status", "work_items", "level_reason",
    "scenes",
];

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
    // Like a meeting's, the reason is kept only while the level rule warns.
    let reason = if input.needs_level_reason() { input.level_reason.trim().to_string() } else { String::new() };
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
        am.level_reason = Set(reason.clone());
        am.scenes = Set(crate::domain::scenes::scenes_text(&input.scenes));
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
            crate::server::services::initiatives::links::apply(db, actor, crate::server::services::initiatives::links::Kind::Training, model.id, input.initiatives.as_deref(), &input.initiatives_before, now).await?;
            Ok(model.id)
        }
        Some(id) => {
            let before = find(db, id).await?;
            let before_parts = parts_of(db, &[id]).await?.remove(&id).unwrap_or_default();
            let expected = crate::server::services::shared::versioned::expected_version(version)?;
            let mut am: training::ActiveModel = before.clone().into();
            fill(&mut am);
            update_versioned(db, "training", id, expected, am, || differing(&to_input(&before, &before_parts), input)).await?;
            set_parts(db, id, input).await?;
            crate::server::services::initiatives::links::apply(db, actor, crate::server::services::initiatives::links::Kind::Training, id, input.initiatives.as_deref(), &input.initiatives_before, now).await?;
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
        let current = outcome_input(&before, &before_parts, &crate::server::services::directory::choices(db).await?.professions);
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
