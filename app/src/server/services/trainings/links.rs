//! A training's links to the meetings around it (preparation, 反省会) and to the issues it
//! addresses. Link changes go into the training's audit trail; an issue link can record a
//! ◆/◇ action on the issue for the training's fiscal year.

use crate::server::services::audit::{self, Action, Actor, Change};
use crate::server::services::issues::actions::meeting_labels;
use crate::server::services::issues::access::IssueAccess;
use crate::server::services::issues::register::profession_names;
use crate::dto::directory::Ref;
use crate::dto::trainings::{LinkedMeeting, TrainingIssues};
use crate::domain::issues::{ActionInput, Mark};
use crate::error::AppError;
use crate::server::entities::{issue, meeting, training, training_issue as ti, training_meeting as tm};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// Roles of a linked meeting, as (code, label).
pub const MEETING_ROLES: &[(&str, &str)] = &[("preparation", "準備の会議"), ("reflection", "反省会")];

fn role_label(code: &str) -> &'static str {
    MEETING_ROLES.iter().find(|(c, _)| *c == code).map(|(_, l)| *l).unwrap_or("")
}

async fn audit_link(db: &impl ConnectionTrait, actor: &Actor, t: &training::Model, field: &str, old: Option<String>, new: Option<String>, now: DateTime<Utc>) -> Result<(), AppError> {
    let label = format!("{} {}", t.held_on.format("%Y/%m/%d"), t.title);
    audit::record(db, actor, "training", Some(t.id as i64), Action::Update, &label, &[Change { field: field.into(), old, new }], now).await
}

/// Linked meetings in date order.
pub async fn meetings_of(db: &impl ConnectionTrait, training_id: i32) -> Result<Vec<LinkedMeeting>, AppError> {
    let links = tm::Entity::find().filter(tm::Column::TrainingId.eq(training_id)).all(db).await?;
    let ids: Vec<i32> = links.iter().map(|l| l.meeting_id).collect();
    let labels = meeting_labels(db, &ids).await?;
    let mut out: Vec<LinkedMeeting> = links
        .into_iter()
        .filter_map(|l| {
            labels.get(&l.meeting_id).map(|label| LinkedMeeting { id: l.meeting_id, label: label.clone(), role_label: role_label(&l.role).into(), role: l.role })
        })
        .collect();
    out.sort_by(|a, b| a.label.cmp(&b.label));
    Ok(out)
}

/// The trainings a meeting is linked to (shown on the meeting page).
pub async fn trainings_of_meeting(db: &impl ConnectionTrait, meeting_id: i32) -> Result<Vec<Ref>, AppError> {
    let ids: Vec<i32> = tm::Entity::find().filter(tm::Column::MeetingId.eq(meeting_id)).all(db).await?.into_iter().map(|l| l.training_id).collect();
    Ok(training::Entity::find()
        .filter(training::Column::Id.is_in(ids))
        .order_by_asc(training::Column::HeldOn)
        .all(db)
        .await?
        .into_iter()
        .map(|t| Ref { id: t.id, name: format!("{} {}", crate::domain::dates::day(t.held_on), t.title) })
        .collect())
}

pub async fn link_meeting(db: &impl ConnectionTrait, actor: &Actor, training_id: i32, meeting_id: i32, role: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let t = crate::server::services::trainings::find(db, training_id).await?;
    if !MEETING_ROLES.iter().any(|(c, _)| *c == role) {
        return Err(AppError::field("role", "会議の役割（準備の会議・反省会）を選んでください。"));
    }
    let m = meeting::Entity::find_by_id(meeting_id).one(db).await?.ok_or_else(|| AppError::field("meeting", "会議の選択が正しくありません。"))?;
    let label = crate::server::services::issues::actions::meeting_label(m.held_on, &m.title);
    let existing = tm::Entity::find().filter(tm::Column::TrainingId.eq(training_id)).filter(tm::Column::MeetingId.eq(meeting_id)).one(db).await?;
    if let Some(e) = existing {
        if e.role == role {
            return Ok(());
        }
        tm::Entity::delete_many().filter(tm::Column::TrainingId.eq(training_id)).filter(tm::Column::MeetingId.eq(meeting_id)).exec(db).await?;
    }
    tm::ActiveModel { training_id: Set(training_id), meeting_id: Set(meeting_id), role: Set(role.to_string()) }.insert(db).await?;
    audit_link(db, actor, &t, "meetings", None, Some(format!("{}: {label}", role_label(role))), now).await
}

pub async fn unlink_meeting(db: &impl ConnectionTrait, actor: &Actor, training_id: i32, meeting_id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let t = crate::server::services::trainings::find(db, training_id).await?;
    let Some(link) = tm::Entity::find().filter(tm::Column::TrainingId.eq(training_id)).filter(tm::Column::MeetingId.eq(meeting_id)).one(db).await? else {
        return Ok(());
    };
    tm::Entity::delete_many().filter(tm::Column::TrainingId.eq(training_id)).filter(tm::Column::MeetingId.eq(meeting_id)).exec(db).await?;
    let label = meeting_labels(db, &[meeting_id]).await?.remove(&meeting_id).unwrap_or_default();
    audit_link(db, actor, &t, "meetings", Some(format!("{}: {label}", role_label(&link.role))), None, now).await
}

fn issue_label(i: &issue::Model, names: &std::collections::HashMap<i32, String>) -> String {
    format!("{} {}: {}", names.get(&i.profession_id).cloned().unwrap_or_default(), i.code, i.title)
}

/// The linked issues within the caller's scope, and the other visible issues to link.
pub async fn issues(db: &impl ConnectionTrait, access: &IssueAccess, training_id: i32) -> Result<TrainingIssues, AppError> {
    crate::server::services::trainings::find(db, training_id).await?;
    let linked_ids: Vec<i32> = ti::Entity::find().filter(ti::Column::TrainingId.eq(training_id)).all(db).await?.into_iter().map(|l| l.issue_id).collect();
    let visible = access
        .issues()
        .order_by_asc(issue::Column::ProfessionId)
        .order_by_asc(issue::Column::CodeOrder)
        .order_by_asc(issue::Column::Code)
        .all(db)
        .await?;
    let names = profession_names(db).await?;
    let (linked, others): (Vec<&issue::Model>, Vec<&issue::Model>) = visible.iter().partition(|i| linked_ids.contains(&i.id));
    let r = |i: &&issue::Model| Ref { id: i.id, name: issue_label(i, &names) };
    Ok(TrainingIssues { visible: true, linked: linked.iter().map(r).collect(), choices: others.iter().map(r).collect() })
}

pub async fn link_issue(db: &impl ConnectionTrait, access: &IssueAccess, actor: &Actor, training_id: i32, issue_id: i32, mark: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let t = crate::server::services::trainings::find(db, training_id).await?;
    let i = access.find(db, issue_id).await.map_err(|_| AppError::field("issue", "課題の選択が正しくありません。"))?;
    let mark = match mark.trim() {
        "" => None,
        m => Some(Mark::from_code(m).filter(|m| *m != Mark::Role).ok_or_else(|| AppError::field("mark", "記録する取組は ◆ か ◇ を選んでください。"))?),
    };
    let exists = ti::Entity::find().filter(ti::Column::TrainingId.eq(training_id)).filter(ti::Column::IssueId.eq(issue_id)).one(db).await?.is_some();
    if !exists {
        ti::ActiveModel { training_id: Set(training_id), issue_id: Set(issue_id) }.insert(db).await?;
        let names = profession_names(db).await?;
        audit_link(db, actor, &t, "issues", None, Some(issue_label(&i, &names)), now).await?;
    }
    if let Some(mark) = mark {
        let input = ActionInput {
            acted_on: t.held_on.to_string(),
            mark: mark.code().into(),
            description: format!("研修「{}」", t.title).chars().take(500).collect(),
            meeting: String::new(),
        };
        crate::server::services::issues::actions::add(db, access, actor, issue_id, &input, now).await?;
    }
    Ok(())
}

pub async fn unlink_issue(db: &impl ConnectionTrait, access: &IssueAccess, actor: &Actor, training_id: i32, issue_id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let t = crate::server::services::trainings::find(db, training_id).await?;
    let res = ti::Entity::delete_many().filter(ti::Column::TrainingId.eq(training_id)).filter(ti::Column::IssueId.eq(issue_id)).exec(db).await?;
    if res.rows_affected > 0 {
        if let Some(i) = access.get(db, issue_id).await? {
            let names = profession_names(db).await?;
            audit_link(db, actor, &t, "issues", Some(issue_label(&i, &names)), None, now).await?;
        }
    }
    Ok(())
}
