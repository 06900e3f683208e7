//! Follow-ups of meetings: who does what by when, and whether it is done.

use crate::server::services::audit::{self, Action, Actor, Audited, Snapshot};
use crate::server::services::shared::lookup::Names;
use crate::server::services::shared::versioned::{problems, set_done_versioned};
use crate::dto::dashboard::Shortlist;
use crate::dto::meetings::{FollowUpList, FollowUpView};
use crate::domain::meetings::{parse_date, FollowUpInput, Owner};
use crate::error::AppError;
use crate::server::entities::{follow_up, meeting};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::HashMap;

struct Audit<'a> {
    f: &'a follow_up::Model,
    owner: String,
}

impl Audited for Audit<'_> {
    const ENTITY_TYPE: &'static str = "follow_up";
    fn audit_id(&self) -> i64 {
        self.f.id as i64
    }
    fn audit_label(&self) -> String {
        self.f.action.clone()
    }
    fn snapshot(&self) -> Snapshot {
        vec![
            ("meeting", self.f.meeting_id.to_string()),
            ("action", self.f.action.clone()),
            ("owner", self.owner.clone()),
            ("due_on", self.f.due_on.map(|d| d.to_string()).unwrap_or_default()),
            ("done", self.f.done.to_string()),
        ]
    }
}

fn owner_name(f: &follow_up::Model, names: &Names) -> Option<String> {
    names.owner(f.owner_user_id, f.owner_organisation_id)
}

fn view(f: &follow_up::Model, m: &meeting::Model, names: &Names, today: NaiveDate) -> FollowUpView {
    FollowUpView {
        id: f.id,
        meeting_id: m.id,
        meeting_title: m.title.clone(),
        meeting_date: m.held_on.format("%Y/%m/%d").to_string(),
        action: f.action.clone(),
        owner: owner_name(f, names),
        due_on: f.due_on.map(|d| d.to_string()),
        overdue: !f.done && f.due_on.is_some_and(|d| d < today),
        done: f.done,
        version: f.version,
    }
}

pub async fn of_meeting(db: &impl ConnectionTrait, m: &meeting::Model, names: &Names, today: NaiveDate) -> Result<Vec<FollowUpView>, AppError> {
    let rows = follow_up::Entity::find()
        .filter(follow_up::Column::MeetingId.eq(m.id))
        .order_by_asc(follow_up::Column::Id)
        .all(db)
        .await?;
    Ok(rows.iter().map(|f| view(f, m, names, today)).collect())
}

/// Follow-ups of active meetings, open ones first by due date (no date last).
fn owner_of(f: &follow_up::Model) -> Option<Owner> {
    f.owner_user_id.map(Owner::User).or(f.owner_organisation_id.map(Owner::Organisation))
}

/// Follow-ups of active meetings, open ones first by due date (no date last), and everyone
/// who owns one (for the owner filter). Follow-ups are few, so one read serves both.
pub async fn list(db: &impl ConnectionTrait, owner: Option<&str>, open_only: bool, today: NaiveDate) -> Result<FollowUpList, AppError> {
    let all = follow_up::Entity::find().order_by_asc(follow_up::Column::Id).all(db).await?;
    let names = Names::load(db).await?;
    let mut owners: Vec<(String, String)> = Vec::new();
    for f in &all {
        if let (Some(code), Some(name)) = (owner_of(f), owner_name(f, &names)) {
            let code = code.code();
            if !owners.iter().any(|(c, _)| *c == code) {
                owners.push((code, name));
            }
        }
    }
    owners.sort_by(|a, b| a.0.chars().next().cmp(&b.0.chars().next()).reverse().then(a.1.cmp(&b.1)));

    let wanted = owner.and_then(Owner::parse);
    let rows: Vec<&follow_up::Model> = all.iter().filter(|f| !(open_only && f.done) && (wanted.is_none() || owner_of(f) == wanted)).collect();
    let meeting_ids: Vec<i32> = rows.iter().map(|f| f.meeting_id).collect();
    let meetings: HashMap<i32, meeting::Model> = meeting::Entity::find()
        .filter(meeting::Column::Id.is_in(meeting_ids))
        .filter(meeting::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let mut items: Vec<FollowUpView> = rows.iter().filter_map(|f| meetings.get(&f.meeting_id).map(|m| view(f, m, &names, today))).collect();
    items.sort_by(|a, b| {
        (a.done, a.due_on.is_none(), a.due_on.clone(), a.id).cmp(&(b.done, b.due_on.is_none(), b.due_on.clone(), b.id))
    });
    Ok(FollowUpList { items, owners })
}

/// Open follow-ups of active meetings past their due date, earliest first: the first
/// `limit` and how many there are.
pub async fn overdue(db: &impl ConnectionTrait, today: NaiveDate, limit: u64) -> Result<Shortlist<FollowUpView>, AppError> {
    let select = follow_up::Entity::find()
        .filter(follow_up::Column::Done.eq(false))
        .filter(follow_up::Column::DueOn.lt(today))
        .filter(follow_up::Column::MeetingId.in_subquery(
            Query::select().column(meeting::Column::Id).from(meeting::Entity).and_where(meeting::Column::Active.eq(true)).to_owned(),
        ));
    let total = select.clone().count(db).await?;
    let rows = select.order_by_asc(follow_up::Column::DueOn).order_by_asc(follow_up::Column::Id).limit(limit).all(db).await?;
    let meetings: HashMap<i32, meeting::Model> =
        meeting::Entity::find().filter(meeting::Column::Id.is_in(rows.iter().map(|f| f.meeting_id))).all(db).await?.into_iter().map(|m| (m.id, m)).collect();
    let names = Names::without_people(db).await?;
    let items = rows.iter().filter_map(|f| meetings.get(&f.meeting_id).map(|m| view(f, m, &names, today))).collect();
    Ok(Shortlist { items, total })
}

pub async fn add(db: &impl ConnectionTrait, actor: &Actor, meeting_id: i32, input: &FollowUpInput, now: DateTime<Utc>) -> Result<i32, AppError> {
    input.check().map_err(problems)?;
    crate::server::services::meetings::find(db, meeting_id).await?;
    let names = Names::load(db).await?;
    let (user, org) = names.owner_columns(&input.owner)?;
    let model = follow_up::ActiveModel {
        meeting_id: Set(meeting_id),
        action: Set(input.action.trim().to_string()),
        owner_user_id: Set(user),
        owner_organisation_id: Set(org),
        due_on: Set(parse_date(&input.due_on)),
        done: Set(false),
        done_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let owner = owner_name(&model, &names).unwrap_or_default();
    audit::record_create(db, actor, &Audit { f: &model, owner }, now).await?;
    Ok(model.id)
}

pub async fn set_done(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: i32, done: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    let before = follow_up::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    set_done_versioned::<follow_up::Entity>(db, "follow_up", id, version, done, now).await?;
    let after = follow_up::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let names = Names::load(db).await?;
    let owner = owner_name(&before, &names).unwrap_or_default();
    audit::record_change(db, actor, Action::Update, &Audit { f: &before, owner: owner.clone() }, &Audit { f: &after, owner }, now).await
}

pub async fn refers_to_organisation(db: &impl ConnectionTrait, id: i32) -> Result<bool, AppError> {
    Ok(follow_up::Entity::find().filter(follow_up::Column::OwnerOrganisationId.eq(id)).count(db).await? > 0)
}
