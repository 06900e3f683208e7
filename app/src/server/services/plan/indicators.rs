//! A scene's indicators: added, updated and removed (audited on the scene's plan), and their
//! actuals — entered, or counted now from the year's records.

use super::texts::{label, ENTITY};
use crate::domain::meetings::Level;
use crate::domain::plan::{Counter, Indicator, IndicatorInput};
use crate::domain::scenes::{like_needle, Scene};
use crate::error::AppError;
use crate::server::entities::{meeting, meeting_profession as mp, profession, scene_indicator as ind, training};
use crate::server::services::audit::{self, Action, Actor, Change};
use crate::server::services::shared::versioned::problems;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;

pub async fn of_year(db: &impl ConnectionTrait, fy: i32) -> Result<Vec<ind::Model>, AppError> {
    Ok(ind::Entity::find().filter(ind::Column::FiscalYear.eq(fy)).order_by_asc(ind::Column::Position).order_by_asc(ind::Column::Id).all(db).await?)
}

async fn find(db: &impl ConnectionTrait, id: i32) -> Result<ind::Model, AppError> {
    ind::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

async fn checked(db: &impl ConnectionTrait, input: &IndicatorInput) -> Result<Indicator, AppError> {
    let i = input.check().map_err(problems)?;
    if let Some(p) = i.profession {
        if profession::Entity::find_by_id(p).one(db).await?.is_none() {
            return Err(AppError::field("profession", "職種を選び直してください。"));
        }
    }
    Ok(i)
}

/// "目標 4回・実績 3回（記録から: 一次連携・訪問看護の会議）": one line for the audit trail.
fn summary(i: &ind::Model) -> String {
    let n = |v: Option<i32>| v.map(|v| format!("{v}{}", i.unit)).unwrap_or_else(|| "—".into());
    format!("{}: 目標 {}・実績 {}（{}）", i.label, n(i.target), n(i.actual), Counter::from_code(&i.counter).map(|c| c.label()).unwrap_or(""))
}

async fn note(db: &impl ConnectionTrait, actor: &Actor, m: &ind::Model, old: Option<String>, new: Option<String>, now: DateTime<Utc>) -> Result<(), AppError> {
    audit::record(db, actor, ENTITY, None, Action::Update, &label(m.fiscal_year, &m.scene), &[Change { field: "indicator".into(), old, new }], now).await
}

fn fill(am: &mut ind::ActiveModel, i: &Indicator) {
    am.label = Set(i.label.clone());
    am.unit = Set(i.unit.clone());
    am.target = Set(i.target);
    am.actual = Set(i.actual);
    am.counter = Set(i.counter.code().into());
    am.level = Set(i.level.map(Level::number));
    am.profession_id = Set(i.profession);
}

pub async fn add(db: &impl ConnectionTrait, actor: &Actor, fy: i32, scene: Scene, input: &IndicatorInput, now: DateTime<Utc>) -> Result<i32, AppError> {
    let i = checked(db, input).await?;
    let last = ind::Entity::find()
        .filter(ind::Column::FiscalYear.eq(fy))
        .filter(ind::Column::Scene.eq(scene.code()))
        .order_by_desc(ind::Column::Position)
        .one(db)
        .await?
        .map(|m| m.position)
        .unwrap_or(0);
    let mut am = ind::ActiveModel { fiscal_year: Set(fy), scene: Set(scene.code().into()), position: Set(last + 1), created_at: Set(now), ..Default::default() };
    fill(&mut am, &i);
    let m = am.insert(db).await?;
    note(db, actor, &m, None, Some(summary(&m)), now).await?;
    Ok(m.id)
}

/// Changes an indicator's label, unit, target, actual or counter (the last write wins: the
/// row holds a handful of numbers the team updates through the year).
pub async fn update(db: &impl ConnectionTrait, actor: &Actor, id: i32, input: &IndicatorInput, now: DateTime<Utc>) -> Result<(), AppError> {
    let before = find(db, id).await?;
    let i = checked(db, input).await?;
    let mut am: ind::ActiveModel = before.clone().into();
    fill(&mut am, &i);
    let after = am.update(db).await?;
    if summary(&before) != summary(&after) {
        note(db, actor, &after, Some(summary(&before)), Some(summary(&after)), now).await?;
    }
    Ok(())
}

pub async fn remove(db: &impl ConnectionTrait, actor: &Actor, id: i32, now: DateTime<Utc>) -> Result<ind::Model, AppError> {
    let m = find(db, id).await?;
    ind::Entity::delete_by_id(id).exec(db).await?;
    note(db, actor, &m, Some(summary(&m)), None, now).await?;
    Ok(m)
}

pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<ind::Model, AppError> {
    find(db, id).await
}

/// The actual of an indicator: entered, or counted from the year's current records.
pub async fn actual(db: &impl ConnectionTrait, i: &ind::Model) -> Result<Option<i64>, AppError> {
    let scene = Scene::from_code(&i.scene);
    let n = match Counter::from_code(&i.counter).unwrap_or(Counter::Manual) {
        Counter::Manual => return Ok(i.actual.map(i64::from)),
        Counter::Meetings => {
            let mut q = meeting::Entity::find().filter(meeting::Column::FiscalYear.eq(i.fiscal_year)).filter(meeting::Column::Active.eq(true));
            if let Some(l) = i.level {
                q = q.filter(meeting::Column::Level.eq(l));
            }
            if let Some(p) = i.profession_id {
                let sub = Query::select().column(mp::Column::MeetingId).from(mp::Entity).and_where(mp::Column::ProfessionId.eq(p)).to_owned();
                q = q.filter(meeting::Column::Id.in_subquery(sub));
            }
            q.count(db).await?
        }
        Counter::SceneMeetings => match scene {
            Some(s) => meeting::Entity::find()
                .filter(meeting::Column::FiscalYear.eq(i.fiscal_year))
                .filter(meeting::Column::Active.eq(true))
                .filter(meeting::Column::Scenes.like(like_needle(s)))
                .count(db)
                .await?,
            None => 0,
        },
        Counter::SceneTrainings => match scene {
            Some(s) => training::Entity::find()
                .filter(training::Column::FiscalYear.eq(i.fiscal_year))
                .filter(training::Column::Active.eq(true))
                .filter(training::Column::Status.ne("cancelled"))
                .filter(training::Column::Scenes.like(like_needle(s)))
                .count(db)
                .await?,
            None => 0,
        },
    };
    Ok(Some(n as i64))
}

/// Where the actual comes from, in the team's words.
pub fn source(i: &ind::Model, professions: &HashMap<i32, String>) -> String {
    match Counter::from_code(&i.counter).unwrap_or(Counter::Manual) {
        Counter::Meetings => {
            let mut what: Vec<String> = Vec::new();
            if let Some(l) = i.level.and_then(Level::from_number) {
                what.push(l.label().into());
            }
            if let Some(p) = i.profession_id.and_then(|p| professions.get(&p)) {
                what.push(p.clone());
            }
            if what.is_empty() {
                "記録から: 年度内の会議".into()
            } else {
                format!("記録から: {}の会議", what.join("・"))
            }
        }
        Counter::Manual => Counter::Manual.label().into(),
        c => format!("記録から: {}", c.label()),
    }
}

/// The input an indicator's edit form starts from.
pub fn input_of(i: &ind::Model) -> IndicatorInput {
    let s = |v: Option<i32>| v.map(|v| v.to_string()).unwrap_or_default();
    IndicatorInput {
        label: i.label.clone(),
        unit: i.unit.clone(),
        target: s(i.target),
        counter: i.counter.clone(),
        actual: s(i.actual),
        level: i.level.map(|l| l.to_string()).unwrap_or_default(),
        profession: s(i.profession_id),
    }
}
