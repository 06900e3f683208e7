//! A person's earlier posts (所属・役職の履歴): recorded when the person form moves them to
//! another organisation or title, or entered by hand for posts before the directory; read on
//! the person's page and in the handover pack.

use crate::domain::directory::PostInput;
use crate::dto::directory::PostView;
use crate::error::AppError;
use crate::server::entities::{organisation, person, person_post as post};
use crate::server::services::audit::{self, Action, Actor, Change};
use crate::server::services::shared::versioned::problems;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

async fn org_name(db: &impl ConnectionTrait, id: Option<i32>) -> Result<String, AppError> {
    Ok(match id {
        Some(id) => organisation::Entity::find_by_id(id).one(db).await?.map(|o| o.name).unwrap_or_default(),
        None => String::new(),
    })
}

/// "所属 役職（2019/04/01〜2024/03/31）": one line for the audit trail.
fn line(p: &post::Model) -> String {
    format!("{} {}（{}）", p.organisation_name, p.title, period(p.started_on, p.ended_on)).trim().to_string()
}

fn period(from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
    let d = |d: Option<NaiveDate>| d.map(|d| d.format("%Y/%m/%d").to_string()).unwrap_or_default();
    format!("{}〜{}", d(from), d(to))
}

/// "2019/04/01（月）〜2024/03/31（日）" on the person's page (a side may be unknown).
fn shown_period(from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
    let d = |d: Option<NaiveDate>| d.map(crate::domain::dates::day).unwrap_or_default();
    format!("{}〜{}", d(from), d(to))
}

async fn note(db: &impl ConnectionTrait, actor: &Actor, person_id: i32, old: Option<String>, new: Option<String>, now: DateTime<Utc>) -> Result<(), AppError> {
    let name = person::Entity::find_by_id(person_id).one(db).await?.map(|p| p.name).unwrap_or_default();
    audit::record(db, actor, "person", Some(person_id as i64), Action::Update, &name, &[Change { field: "posts".into(), old, new }], now).await
}

/// Called when the person form changes a person's organisation or title: the post they left
/// joins the history, ending `today` (and starting where the previous one ended).
pub async fn record_move(db: &impl ConnectionTrait, before: &person::Model, after: &person::Model, today: NaiveDate, now: DateTime<Utc>) -> Result<(), AppError> {
    let moved = before.organisation_id != after.organisation_id || before.title.trim() != after.title.trim();
    if !moved || (before.organisation_id.is_none() && before.title.trim().is_empty()) {
        return Ok(());
    }
    let last_end = post::Entity::find().filter(post::Column::PersonId.eq(before.id)).all(db).await?.into_iter().filter_map(|p| p.ended_on).max();
    post::ActiveModel {
        person_id: Set(before.id),
        organisation_id: Set(before.organisation_id),
        organisation_name: Set(org_name(db, before.organisation_id).await?),
        title: Set(before.title.trim().to_string()),
        started_on: Set(last_end),
        ended_on: Set(Some(today)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Earlier posts, latest first.
pub async fn of_person(db: &impl ConnectionTrait, person_id: i32) -> Result<Vec<PostView>, AppError> {
    let mut rows = post::Entity::find().filter(post::Column::PersonId.eq(person_id)).all(db).await?;
    rows.sort_by(|a, b| (b.ended_on, b.started_on, b.id).cmp(&(a.ended_on, a.started_on, a.id)));
    Ok(rows
        .into_iter()
        .map(|p| PostView { id: p.id, organisation: p.organisation_name.clone(), organisation_id: p.organisation_id, title: p.title.clone(), period: shown_period(p.started_on, p.ended_on) })
        .collect())
}

pub async fn add(db: &impl ConnectionTrait, actor: &Actor, person_id: i32, input: &PostInput, now: DateTime<Utc>) -> Result<i32, AppError> {
    let (from, to) = input.check().map_err(problems)?;
    person::Entity::find_by_id(person_id).one(db).await?.ok_or(AppError::NotFound)?;
    let m = post::ActiveModel {
        person_id: Set(person_id),
        organisation_id: Set(None),
        organisation_name: Set(input.organisation.trim().to_string()),
        title: Set(input.title.trim().to_string()),
        started_on: Set(from),
        ended_on: Set(to),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    note(db, actor, person_id, None, Some(line(&m)), now).await?;
    Ok(m.id)
}

/// Removes an entry of the history; returns the person's id.
pub async fn remove(db: &impl ConnectionTrait, actor: &Actor, id: i32, now: DateTime<Utc>) -> Result<i32, AppError> {
    let m = post::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    post::Entity::delete_by_id(id).exec(db).await?;
    note(db, actor, m.person_id, Some(line(&m)), None, now).await?;
    Ok(m.person_id)
}
