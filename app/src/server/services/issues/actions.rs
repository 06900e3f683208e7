//! Actions taken against an issue (◆ 二次連携, ◇ 協働事業, ★ 役割の周知・その他), dated and
//! optionally linked to the meeting where they happened. Kept in the issue's audit trail.

use super::access::IssueAccess;
use crate::server::services::audit::{self, Action, Actor, Change};
use crate::server::services::shared::versioned::problems;
use crate::dto::directory::Ref;
use crate::dto::issues::ActionView;
use crate::domain::issues::{ActionInput, Mark};
use crate::domain::dates;
use crate::domain::meetings::parse_date;
use crate::domain::FiscalYear;
use crate::error::AppError;
use crate::server::entities::{issue_action, meeting};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use std::collections::HashMap;

/// "2024/06/27（木） 件名": how issue pages and forms name a meeting.
pub fn meeting_label(held_on: NaiveDate, title: &str) -> String {
    format!("{} {title}", dates::day(held_on))
}

/// Active meetings, newest first, named as `meeting_label` does: the choices in forms.
pub async fn meeting_choices(db: &impl ConnectionTrait) -> Result<Vec<Ref>, AppError> {
    use sea_orm::QueryOrder;
    let rows: Vec<(i32, NaiveDate, String)> = meeting::Entity::find()
        .select_only()
        .columns([meeting::Column::Id, meeting::Column::HeldOn, meeting::Column::Title])
        .filter(meeting::Column::Active.eq(true))
        .order_by_desc(meeting::Column::HeldOn)
        .order_by_desc(meeting::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, d, t)| Ref { id, name: meeting_label(d, &t) }).collect())
}

/// The labels of the given meetings.
pub async fn meeting_labels(db: &impl ConnectionTrait, ids: &[i32]) -> Result<HashMap<i32, String>, AppError> {
    let mut out = HashMap::new();
    let mut ids = ids.to_vec();
    ids.sort();
    ids.dedup();
    for chunk in ids.chunks(500) {
        let rows: Vec<(i32, NaiveDate, String)> = meeting::Entity::find()
            .select_only()
            .columns([meeting::Column::Id, meeting::Column::HeldOn, meeting::Column::Title])
            .filter(meeting::Column::Id.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|(id, d, t)| (id, meeting_label(d, &t))));
    }
    Ok(out)
}

pub fn action_view(a: &issue_action::Model, meetings: &HashMap<i32, String>) -> ActionView {
    ActionView {
        id: a.id,
        issue_id: a.issue_id,
        acted_on: a.acted_on.to_string(),
        date: dates::day(a.acted_on),
        fiscal_year: FiscalYear(a.fiscal_year).short_label(),
        mark: Mark::from_code(&a.mark).unwrap_or(Mark::Role),
        description: a.description.clone(),
        meeting: a.meeting_id.and_then(|id| meetings.get(&id).map(|n| Ref { id, name: n.clone() })),
    }
}

pub fn action_views(actions: &[issue_action::Model], meetings: &HashMap<i32, String>) -> Vec<ActionView> {
    actions.iter().map(|a| action_view(a, meetings)).collect()
}

fn audit_text(a: &issue_action::Model) -> String {
    let mark = Mark::from_code(&a.mark).map(|m| m.symbol()).unwrap_or("");
    format!("{mark} {} {}", a.acted_on.format("%Y/%m/%d"), a.description)
}

async fn audit_on_issue(db: &impl ConnectionTrait, access: &IssueAccess, actor: &Actor, issue_id: i32, change: Change, now: DateTime<Utc>) -> Result<(), AppError> {
    let i = access.find(db, issue_id).await?;
    audit::record(db, actor, "issue", Some(issue_id as i64), Action::Update, &format!("{} {}", i.code, i.title), &[change], now).await
}

pub async fn add(db: &impl ConnectionTrait, access: &IssueAccess, actor: &Actor, issue_id: i32, input: &ActionInput, now: DateTime<Utc>) -> Result<i32, AppError> {
    input.check().map_err(problems)?;
    access.find(db, issue_id).await?;
    let acted_on = parse_date(&input.acted_on).ok_or_else(|| AppError::field("acted_on", "実施日を入力してください。"))?;
    let meeting_id = match input.meeting.trim() {
        "" => None,
        s => {
            let id: i32 = s.parse().map_err(|_| AppError::field("meeting", "会議の選択が正しくありません。"))?;
            meeting::Entity::find_by_id(id).one(db).await?.ok_or_else(|| AppError::field("meeting", "会議の選択が正しくありません。"))?;
            Some(id)
        }
    };
    let model = issue_action::ActiveModel {
        issue_id: Set(issue_id),
        acted_on: Set(acted_on),
        fiscal_year: Set(FiscalYear::of(acted_on).0),
        mark: Set(input.mark.trim().to_string()),
        description: Set(input.description.trim().to_string()),
        meeting_id: Set(meeting_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit_on_issue(db, access, actor, issue_id, Change { field: "action".into(), old: None, new: Some(audit_text(&model)) }, now).await?;
    Ok(model.id)
}

/// Removes an action entered by mistake; returns its issue's id.
pub async fn delete(db: &impl ConnectionTrait, access: &IssueAccess, actor: &Actor, id: i32, now: DateTime<Utc>) -> Result<i32, AppError> {
    let a = access.action(db, id).await?;
    issue_action::Entity::delete_by_id(id).exec(db).await?;
    audit_on_issue(db, access, actor, a.issue_id, Change { field: "action".into(), old: Some(audit_text(&a)), new: None }, now).await?;
    Ok(a.issue_id)
}
