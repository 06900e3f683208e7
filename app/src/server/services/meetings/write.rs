//! Saving meetings: create or update (versioned, audited, links replaced), archive and restore.

use crate::server::services::audit::{self, Action, Actor, Audited, Snapshot};
use crate::server::services::shared::versioned::{update_versioned, problems, set_active_versioned};
use crate::domain::meetings::{parse_date, work_items_text, Level, MeetingInput};
use crate::domain::text::normalize_for_search;
use crate::domain::FiscalYear;
use crate::error::AppError;
use crate::server::entities::{
    meeting, meeting_organisation as mo, meeting_person as mpe, meeting_profession as mp, meeting_user as mu,
};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use super::links::{links_of, Links};
use crate::server::services::shared::lookup::Names;
use super::query::{find, to_input};
use std::collections::HashMap;

struct Audit<'a> {
    m: &'a meeting::Model,
    links: Links,
    names: &'a Names,
    /// The kinds' names by code.
    kinds: &'a HashMap<String, String>,
}

impl Audited for Audit<'_> {
    const ENTITY_TYPE: &'static str = "meeting";
    fn audit_id(&self) -> i64 {
        self.m.id as i64
    }
    fn audit_label(&self) -> String {
        format!("{} {}", self.m.held_on.format("%Y/%m/%d"), self.m.title)
    }
    fn snapshot(&self) -> Snapshot {
        let m = self.m;
        let n = self.names;
        let people: Vec<String> = self.links.people.iter().filter_map(|id| n.people.get(id).map(|p| p.name.clone())).collect();
        vec![
            ("held_on", m.held_on.to_string()),
            ("start_time", m.start_time.clone()),
            ("end_time", m.end_time.clone()),
            ("level", Level::from_number(m.level).map(|l| l.label().to_string()).unwrap_or_default()),
            ("kind", self.kinds.get(&m.kind).cloned().unwrap_or_default()),
            ("title", m.title.clone()),
            ("place", m.place.clone()),
            ("online", m.online.to_string()),
            ("professions", Names::joined(&n.professions, &self.links.professions)),
            ("organisations", Names::joined(&n.organisations, &self.links.organisations)),
            ("people", people.join("、")),
            ("guests", m.guests.clone()),
            ("coordinators", Names::joined(&n.users, &self.links.users)),
            ("purpose", m.purpose.clone()),
            ("minutes", m.minutes.clone()),
            ("decisions", m.decisions.clone()),
            ("work_items", m.work_items.clone()),
            ("level_reason", m.level_reason.clone()),
            ("scenes", crate::domain::scenes::scene_labels(&m.scenes).join("、")),
            ("active", m.active.to_string()),
        ]
    }
}

fn search_text(input: &MeetingInput) -> String {
    [&input.title, &input.place, &input.guests, &input.purpose, &input.decisions, &input.minutes]
        .iter()
        .map(|s| normalize_for_search(s))
        .collect::<Vec<_>>()
        .join("\n")
}

fn dedup(ids: &[i32]) -> Vec<i32> {
    let mut v = ids.to_vec();
    v.sort();
    v.dedup();
    v
}

/// Checks that every linked id exists.
fn check_links(input: &MeetingInput, names: &Names) -> Result<(), AppError> {
    let bad = |ids: &[i32], known: &dyn Fn(i32) -> bool| ids.iter().any(|id| !known(*id));
    if bad(&input.professions, &|id| names.professions.contains_key(&id)) {
        return Err(AppError::field("professions", "職種の選択が正しくありません。"));
    }
    if bad(&input.organisations, &|id| names.organisations.contains_key(&id)) {
        return Err(AppError::field("organisations", "機関・団体の選択が正しくありません。"));
    }
    if bad(&input.people, &|id| names.people.contains_key(&id)) {
        return Err(AppError::field("people", "出席者の選択が正しくありません。"));
    }
    if bad(&input.coordinators, &|id| names.users.contains_key(&id)) {
        return Err(AppError::field("coordinators", "出席したコーディネーターの選択が正しくありません。"));
    }
    Ok(())
}

async fn set_links(db: &impl ConnectionTrait, id: i32, input: &MeetingInput) -> Result<(), AppError> {
    mp::Entity::delete_many().filter(mp::Column::MeetingId.eq(id)).exec(db).await?;
    mo::Entity::delete_many().filter(mo::Column::MeetingId.eq(id)).exec(db).await?;
    mpe::Entity::delete_many().filter(mpe::Column::MeetingId.eq(id)).exec(db).await?;
    mu::Entity::delete_many().filter(mu::Column::MeetingId.eq(id)).exec(db).await?;
    for p in dedup(&input.professions) {
        mp::ActiveModel { meeting_id: Set(id), profession_id: Set(p) }.insert(db).await?;
    }
    for o in dedup(&input.organisations) {
        mo::ActiveModel { meeting_id: Set(id), organisation_id: Set(o) }.insert(db).await?;
    }
    for p in dedup(&input.people) {
        mpe::ActiveModel { meeting_id: Set(id), person_id: Set(p) }.insert(db).await?;
    }
    for u in dedup(&input.coordinators) {
        mu::ActiveModel { meeting_id: Set(id), user_id: Set(u) }.insert(db).await?;
    }
    Ok(())
}

fn differing(current: &MeetingInput, input: &MeetingInput) -> Vec<&'static str> {
    let a = current.pairs();
    let b = input.pairs();
    let names: [&'static str; 19] = [
        "held_on", "start_time", "end_time", "level", "kind", "title", "place", "online", "professions", "organisations", "people", "guests",
        "coordinators", "purpose", "minutes", "decisions", "work_items", "level_reason", "scenes",
    ];
    names
        .into_iter()
        .filter(|n| {
            let get = |v: &Vec<(String, String)>| v.iter().find(|(k, _)| k == n).map(|(_, v)| v.trim().to_string());
            let (x, y) = (get(&a), get(&b));
            if ["professions", "organisations", "people", "coordinators"].contains(n) {
                let sorted = |s: Option<String>| {
                    let mut v: Vec<String> = s.unwrap_or_default().split(',').filter(|s| !s.is_empty()).map(str::to_string).collect();
                    v.sort();
                    v
                };
                sorted(x) != sorted(y)
            } else {
                x != y
            }
        })
        .collect()
}

pub async fn save(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Option<i32>,
    version: Option<i32>,
    input: &MeetingInput,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    // The kind is checked against the kinds kept by administrators: a retired kind only
    // for the meeting that already has it.
    let current_kind = match id {
        Some(id) => Some(find(db, id).await?.kind),
        None => None,
    };
    let kind_checked = super::kinds::check_kind(db, &input.kind, current_kind.as_deref()).await;
    if let Err(mut p) = input.check() {
        if let Some(message) = kind_checked.as_ref().err().and_then(|e| e.field_message("kind")) {
            p.push(("kind", message.to_string()));
        }
        return Err(problems(p));
    }
    kind_checked?;
    let names = Names::load(db).await?;
    let kinds = super::kinds::labels(db).await?;
    check_links(input, &names)?;
    let held_on = parse_date(&input.held_on).ok_or_else(|| AppError::field("held_on", "開催日が正しくありません。"))?;
    let level = Level::parse(&input.level).ok_or_else(|| AppError::field("level", "連携の段階を選んでください。"))?;
    let reason = if level.warning(input.professions.len()).is_some() { input.level_reason.trim().to_string() } else { String::new() };
    let fill = |am: &mut meeting::ActiveModel| {
        am.held_on = Set(held_on);
        am.start_time = Set(input.start_time.trim().chars().take(5).collect());
        am.end_time = Set(input.end_time.trim().chars().take(5).collect());
        am.fiscal_year = Set(FiscalYear::of(held_on).0);
        am.level = Set(level.number());
        am.kind = Set(input.kind.clone());
        am.title = Set(input.title.trim().to_string());
        am.place = Set(input.place.trim().to_string());
        am.online = Set(input.online);
        am.guests = Set(input.guest_names().join("\n"));
        am.purpose = Set(input.purpose.trim_end().to_string());
        am.minutes = Set(input.minutes.trim_end().to_string());
        am.decisions = Set(input.decisions.trim_end().to_string());
        am.work_items = Set(work_items_text(&input.work_items));
        am.scenes = Set(crate::domain::scenes::scenes_text(&input.scenes));
        am.level_reason = Set(reason.clone());
        am.search_text = Set(search_text(input));
        am.updated_at = Set(now);
    };
    match id {
        None => {
            let mut am = meeting::ActiveModel { active: Set(true), created_at: Set(now), version: Set(1), ..Default::default() };
            fill(&mut am);
            let model = am.insert(db).await?;
            set_links(db, model.id, input).await?;
            let links = links_of(db, &[model.id]).await?.remove(&model.id).unwrap_or_default();
            audit::record_create(db, actor, &Audit { m: &model, links, names: &names, kinds: &kinds }, now).await?;
            crate::server::services::initiatives::links::apply(db, actor, crate::server::services::initiatives::links::Kind::Meeting, model.id, input.initiatives.as_deref(), &input.initiatives_before, now).await?;
            Ok(model.id)
        }
        Some(id) => {
            let before = find(db, id).await?;
            let before_links = links_of(db, &[id]).await?.remove(&id).unwrap_or_default();
            let expected = crate::server::services::shared::versioned::expected_version(version)?;
            let mut am: meeting::ActiveModel = before.clone().into();
            fill(&mut am);
            update_versioned(db, "meeting", id, expected, am, || differing(&to_input(&before, &before_links), input)).await?;
            set_links(db, id, input).await?;
            crate::server::services::initiatives::links::apply(db, actor, crate::server::services::initiatives::links::Kind::Meeting, id, input.initiatives.as_deref(), &input.initiatives_before, now).await?;
            let after = find(db, id).await?;
            let after_links = links_of(db, &[id]).await?.remove(&id).unwrap_or_default();
            audit::record_change(
                db,
                actor,
                Action::Update,
                &Audit { m: &before, links: before_links, names: &names, kinds: &kinds },
                &Audit { m: &after, links: after_links, names: &names, kinds: &kinds },
                now,
            )
            .await?;
            Ok(id)
        }
    }
}


/// A new meeting recorded from a training's page, linked to the training (as its preparation
/// meeting or 反省会) in the same transaction.
pub async fn create_for_training(
    db: &impl ConnectionTrait,
    actor: &Actor,
    input: &MeetingInput,
    training_id: i32,
    role: &str,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let saved = save(db, actor, None, None, input, now).await?;
    crate::server::services::trainings::links::link_meeting(db, actor, training_id, saved, role, now).await?;
    Ok(saved)
}

pub async fn set_active(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: i32, active: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    let before = find(db, id).await?;
    let links = links_of(db, &[id]).await?.remove(&id).unwrap_or_default();
    let names = Names::load(db).await?;
    let kinds = super::kinds::labels(db).await?;
    set_active_versioned::<meeting::Entity>(db, "meeting", id, version, active, now).await?;
    let after = find(db, id).await?;
    let action = if active { Action::Restore } else { Action::Archive };
    audit::record_change(
        db,
        actor,
        action,
        &Audit { m: &before, links: links.clone(), names: &names, kinds: &kinds },
        &Audit { m: &after, links, names: &names, kinds: &kinds },
        now,
    )
    .await
}
