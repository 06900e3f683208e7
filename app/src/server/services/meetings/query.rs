//! Reading meetings: the list with its filters, one record, and the form's choices.

use crate::server::services::meetings::follow_ups::FollowUps;
use crate::server::services::shared::checklist::{self, ChecklistTable};
use crate::server::services::shared::search::like_pattern;
use crate::dto::directory::Ref;
use crate::dto::meetings::{MeetingChoices, MeetingPage, MeetingQuery, MeetingSummary, MeetingView};
use crate::domain::meetings::{time_range, work_items_from_text, Level, MeetingInput};
use crate::domain::dates;
use crate::domain::text::search_term;
use crate::domain::{FiscalYear, Role};
use crate::error::AppError;
use crate::server::entities::{
    app_user, meeting, meeting_organisation as mo, meeting_person as mpe, meeting_profession as mp, organisation, person,
};
use chrono::NaiveDate;
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use super::links::{links_of, Links};
use crate::server::services::shared::lookup::Names;
use super::PAGE_SIZE;
use std::collections::HashMap;

fn link_subquery<E: EntityTrait>(meeting_col: E::Column, other_col: E::Column, id: i32) -> SelectStatement {
    Query::select().column(meeting_col).from(E::default()).and_where(other_col.eq(id)).to_owned()
}

/// The list filters as a condition on `meeting`.
pub fn condition(q: &MeetingQuery) -> Condition {
    let mut cond = Condition::all();
    match q.status.as_deref() {
        Some("all") => {}
        Some("archived") => cond = cond.add(meeting::Column::Active.eq(false)),
        _ => cond = cond.add(meeting::Column::Active.eq(true)),
    }
    if let Some(fy) = q.fy {
        cond = cond.add(meeting::Column::FiscalYear.eq(fy));
    }
    if let Some(level) = q.level {
        cond = cond.add(meeting::Column::Level.eq(level));
    }
    if let Some(kind) = q.kind.as_deref().filter(|k| !k.is_empty()) {
        cond = cond.add(meeting::Column::Kind.eq(kind));
    }
    if let Some(item) = q.work_item.as_deref().filter(|w| !w.is_empty()) {
        cond = cond.add(meeting::Column::WorkItems.like(like_pattern(item)));
    }
    if let Some(term) = q.q.as_deref().map(search_term).filter(|t| !t.is_empty()) {
        cond = cond.add(meeting::Column::SearchText.like(like_pattern(&term)));
    }
    if let Some(id) = q.profession {
        cond = cond.add(meeting::Column::Id.in_subquery(link_subquery::<mp::Entity>(mp::Column::MeetingId, mp::Column::ProfessionId, id)));
    }
    if let Some(id) = q.organisation {
        cond = cond.add(meeting::Column::Id.in_subquery(link_subquery::<mo::Entity>(mo::Column::MeetingId, mo::Column::OrganisationId, id)));
    }
    if let Some(id) = q.person {
        cond = cond.add(meeting::Column::Id.in_subquery(link_subquery::<mpe::Entity>(mpe::Column::MeetingId, mpe::Column::PersonId, id)));
    }
    cond
}

/// `kinds`: the kinds' names by code (`kinds::labels`).
pub fn summary(m: &meeting::Model, links: &Links, names: &Names, kinds: &HashMap<String, String>) -> MeetingSummary {
    MeetingSummary {
        id: m.id,
        held_on: m.held_on.to_string(),
        date_label: dates::day(m.held_on),
        fiscal_year: FiscalYear(m.fiscal_year).short_label(),
        time_label: time_range(&m.start_time, &m.end_time),
        level: Level::from_number(m.level).unwrap_or(Level::First),
        kind: kinds.get(&m.kind).cloned().unwrap_or_default(),
        title: m.title.clone(),
        place: if m.online && m.place.is_empty() { "オンライン".into() } else { m.place.clone() },
        professions: Names::refs(&names.professions, &links.professions),
        organisations: Names::refs(&names.organisations, &links.organisations),
        work_items: work_items_from_text(&m.work_items),
        active: m.active,
    }
}

/// All meetings matching the filters, newest first (for exports and pages).
pub async fn all_matching(db: &impl ConnectionTrait, q: &MeetingQuery) -> Result<Vec<meeting::Model>, AppError> {
    Ok(meeting::Entity::find()
        .filter(condition(q))
        .order_by_desc(meeting::Column::HeldOn)
        .order_by_desc(meeting::Column::StartTime)
        .order_by_desc(meeting::Column::Id)
        .all(db)
        .await?)
}

pub async fn list(db: &impl ConnectionTrait, q: &MeetingQuery) -> Result<MeetingPage, AppError> {
    let select = meeting::Entity::find()
        .filter(condition(q))
        .order_by_desc(meeting::Column::HeldOn)
        .order_by_desc(meeting::Column::StartTime)
        .order_by_desc(meeting::Column::Id);
    let paginator = select.paginate(db, PAGE_SIZE);
    let counts = paginator.num_items_and_pages().await?;
    let pages = counts.number_of_pages.max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let rows = paginator.fetch_page(page - 1).await?;
    let per_level: Vec<(i16, i64)> = meeting::Entity::find()
        .select_only()
        .column(meeting::Column::Level)
        .column_as(meeting::Column::Id.count(), "n")
        .filter(condition(q))
        .group_by(meeting::Column::Level)
        .into_tuple()
        .all(db)
        .await?;
    let mut by_level = [0u64; 3];
    for (level, n) in per_level {
        if let Some(l) = Level::from_number(level) {
            by_level[l.number() as usize - 1] = n as u64;
        }
    }
    let ids: Vec<i32> = rows.iter().map(|m| m.id).collect();
    let links = links_of(db, &ids).await?;
    let names = Names::without_people(db).await?;
    let kinds = super::kinds::labels(db).await?;
    let items = rows.iter().map(|m| summary(m, links.get(&m.id).unwrap_or(&Links::default()), &names, &kinds)).collect();
    Ok(MeetingPage { items, page, pages, total: counts.number_of_items, by_level })
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<meeting::Model, AppError> {
    meeting::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

pub fn to_input(m: &meeting::Model, l: &Links) -> MeetingInput {
    MeetingInput {
        held_on: m.held_on.to_string(),
        start_time: m.start_time.clone(),
        end_time: m.end_time.clone(),
        level: m.level.to_string(),
        kind: m.kind.clone(),
        title: m.title.clone(),
        place: m.place.clone(),
        online: m.online,
        professions: l.professions.clone(),
        organisations: l.organisations.clone(),
        people: l.people.clone(),
        guests: m.guests.clone(),
        coordinators: l.users.clone(),
        purpose: m.purpose.clone(),
        minutes: m.minutes.clone(),
        decisions: m.decisions.clone(),
        work_items: work_items_from_text(&m.work_items),
        level_reason: m.level_reason.clone(),
        scenes: crate::domain::scenes::scene_codes(&m.scenes),
        initiatives: Some(l.initiatives.clone()),
        initiatives_before: Vec::new(),
    }
}

pub async fn get(db: &impl ConnectionTrait, id: i32, today: NaiveDate) -> Result<MeetingView, AppError> {
    let m = find(db, id).await?;
    let links = links_of(db, &[id]).await?.remove(&id).unwrap_or_default();
    let names = Names::load(db).await?;
    let follow_ups = checklist::of_parent::<FollowUps>(db, &FollowUps::parent(&m), &names, today).await?;
    Ok(MeetingView {
        id,
        input: to_input(&m, &links),
        date_label: dates::day(m.held_on),
        fiscal_year: FiscalYear(m.fiscal_year).long_label(),
        level: Level::from_number(m.level).unwrap_or(Level::First),
        kind: super::kinds::label_of(db, &m.kind).await?,
        professions: Names::refs(&names.professions, &links.professions),
        organisations: Names::refs(&names.organisations, &links.organisations),
        people: links.people.iter().filter_map(|p| names.attendee(*p)).collect(),
        coordinators: Names::refs(&names.users, &links.users),
        follow_ups,
        trainings: crate::server::services::trainings::links::trainings_of_meeting(db, id).await?,
        initiatives: crate::server::services::initiatives::links::of_record(db, crate::server::services::initiatives::links::Kind::Meeting, id).await?,
        scenes: crate::domain::scenes::scene_labels(&m.scenes),
        active: m.active,
        version: m.version,
        updated_at: dates::day_time(m.updated_at),
    })
}

/// Active users who may write (administrators and coordinators): who can attend or own.
pub async fn coordinators(db: &impl ConnectionTrait) -> Result<Vec<Ref>, AppError> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Active.eq(true))
        .order_by_asc(app_user::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|u| Role::from_code(&u.role).is_some_and(|r| r.allows(crate::domain::Permission::WriteMeetings)))
        .map(|u| Ref { id: u.id, name: u.display_name })
        .collect())
}

/// The choices of the list filters and of follow-up owners: everything but the people
/// (hundreds of them, needed only by the meeting form).
pub async fn filters(db: &impl ConnectionTrait) -> Result<MeetingChoices, AppError> {
    let dir = crate::server::services::directory::choices(db).await?;
    let coordinators = coordinators(db).await?;
    let years: Vec<i32> = meeting::Entity::find()
        .select_only()
        .column(meeting::Column::FiscalYear)
        .distinct()
        .order_by_desc(meeting::Column::FiscalYear)
        .into_tuple()
        .all(db)
        .await?;
    let mut fiscal_years: Vec<(i32, String)> = years.into_iter().map(|y| (y, FiscalYear(y).short_label())).collect();
    let current = FiscalYear::of(crate::clock::today()).0;
    if !fiscal_years.iter().any(|(y, _)| *y == current) {
        fiscal_years.insert(0, (current, FiscalYear(current).short_label()));
        fiscal_years.sort_by(|a, b| b.0.cmp(&a.0));
    }
    let kinds = super::kinds::choices(db).await?;
    Ok(MeetingChoices { professions: dir.professions, organisations: dir.organisations, people: vec![], organisation_kana: vec![], coordinators, fiscal_years, initiatives: vec![], kinds })
}

/// The meeting form's choices: the filters' and every active person, grouped by
/// organisation in the organisations' order (kana, then name) and by kana within one, those
/// without an organisation last; with the readings the form's type-ahead matches.
pub async fn choices(db: &impl ConnectionTrait) -> Result<MeetingChoices, AppError> {
    let names = Names::load(db).await?;
    let kana: HashMap<i32, String> = organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Id)
        .column(organisation::Column::Kana)
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut people: Vec<&person::Model> = names.people.values().filter(|p| p.active).collect();
    people.sort_by_cached_key(|p| {
        let org = p.organisation_id.map(|o| (kana.get(&o).cloned().unwrap_or_default(), names.organisations.get(&o).cloned().unwrap_or_default(), o));
        let reading = if p.kana.is_empty() { p.name.clone() } else { p.kana.clone() };
        (org.is_none(), org, reading, p.id)
    });
    let people = people.into_iter().filter_map(|p| names.attendee(p.id)).collect();
    let initiatives = crate::server::services::initiatives::links::choices(db).await?;
    let base = filters(db).await?;
    let organisation_kana = base
        .organisations
        .iter()
        .filter_map(|o| kana.get(&o.id).filter(|k| !k.is_empty()).map(|k| (o.id, k.clone())))
        .collect();
    Ok(MeetingChoices { people, initiatives, organisation_kana, ..base })
}
