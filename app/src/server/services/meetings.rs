//! Meetings (連携の会議): list with filters, the record with its links, save, archive, and
//! the month calendar.

use super::audit::{self, Action, Actor, Audited, Snapshot};
use super::organisations::like_pattern;
use super::records::{edit_conflict, problems, set_active_versioned};
use crate::api::directory::Ref;
use crate::api::meetings::{AttendeeView, CalendarEntry, CalendarMonth, MeetingChoices, MeetingPage, MeetingQuery, MeetingSummary, MeetingView};
use crate::domain::meetings::{date_with_weekday, time_range, meeting_kind_label, month_grid, parse_date, work_items_from_text, work_items_text, Level, MeetingInput};
use crate::domain::text::{normalize_for_search, search_term};
use crate::domain::{FiscalYear, Role};
use crate::error::AppError;
use crate::server::entities::{
    app_user, meeting, meeting_organisation as mo, training, meeting_person as mpe, meeting_profession as mp, meeting_user as mu, organisation, person, profession,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::HashMap;

pub const PAGE_SIZE: u64 = 30;

/// Names of everything a meeting links to, loaded once per request.
pub struct Names {
    pub professions: HashMap<i32, String>,
    pub organisations: HashMap<i32, String>,
    pub people: HashMap<i32, person::Model>,
    pub users: HashMap<i32, String>,
}

impl Names {
    pub async fn load(db: &impl ConnectionTrait) -> Result<Names, AppError> {
        Ok(Names {
            professions: profession::Entity::find().all(db).await?.into_iter().map(|p| (p.id, p.name)).collect(),
            organisations: organisation::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o.name)).collect(),
            people: person::Entity::find().all(db).await?.into_iter().map(|p| (p.id, p)).collect(),
            users: app_user::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u.display_name)).collect(),
        })
    }

    /// Everything but the people: lists and owners name professions, organisations and
    /// coordinators only, and the people are the largest part.
    pub async fn without_people(db: &impl ConnectionTrait) -> Result<Names, AppError> {
        Ok(Names {
            professions: profession::Entity::find().select_only().column(profession::Column::Id).column(profession::Column::Name).into_tuple().all(db).await?.into_iter().collect(),
            organisations: organisation::Entity::find().select_only().column(organisation::Column::Id).column(organisation::Column::Name).into_tuple().all(db).await?.into_iter().collect(),
            people: HashMap::new(),
            users: app_user::Entity::find().select_only().column(app_user::Column::Id).column(app_user::Column::DisplayName).into_tuple().all(db).await?.into_iter().collect(),
        })
    }

    fn refs(map: &HashMap<i32, String>, ids: &[i32]) -> Vec<Ref> {
        ids.iter().filter_map(|id| map.get(id).map(|n| Ref { id: *id, name: n.clone() })).collect()
    }

    pub fn attendee(&self, id: i32) -> Option<AttendeeView> {
        self.people.get(&id).map(|p| AttendeeView {
            id,
            name: p.name.clone(),
            organisation: p.organisation_id.and_then(|o| self.organisations.get(&o).cloned()),
            key_person: p.key_person,
        })
    }

    /// The name of whoever owns a follow-up or task: a coordinator or an organisation.
    pub fn owner(&self, user: Option<i32>, organisation: Option<i32>) -> Option<String> {
        user.and_then(|u| self.users.get(&u).cloned()).or_else(|| organisation.and_then(|o| self.organisations.get(&o).cloned()))
    }

    /// The (user, organisation) columns of an owner typed in a form ("u:3", "o:5", or empty
    /// for none); an owner that does not exist is refused next to the `owner` field.
    pub fn owner_columns(&self, typed: &str) -> Result<(Option<i32>, Option<i32>), AppError> {
        use crate::domain::meetings::Owner;
        match Owner::parse(typed) {
            Some(Owner::User(id)) if self.users.contains_key(&id) => Ok((Some(id), None)),
            Some(Owner::Organisation(id)) if self.organisations.contains_key(&id) => Ok((None, Some(id))),
            Some(_) => Err(AppError::field("owner", "担当の選択が正しくありません。")),
            None => Ok((None, None)),
        }
    }

    /// The names of `ids`, joined with 、 (unknown ids are skipped).
    pub fn joined(map: &HashMap<i32, String>, ids: &[i32]) -> String {
        Names::refs(map, ids).into_iter().map(|r| r.name).collect::<Vec<_>>().join("、")
    }
}

/// The ids a meeting links to.
#[derive(Default, Clone)]
pub struct Links {
    pub professions: Vec<i32>,
    pub organisations: Vec<i32>,
    pub people: Vec<i32>,
    pub users: Vec<i32>,
}

/// Links of many meetings at once.
pub async fn links_of(db: &impl ConnectionTrait, ids: &[i32]) -> Result<HashMap<i32, Links>, AppError> {
    let mut out: HashMap<i32, Links> = ids.iter().map(|id| (*id, Links::default())).collect();
    for ids in ids.chunks(500) {
        let ids = ids.to_vec();
        for l in mp::Entity::find().filter(mp::Column::MeetingId.is_in(ids.clone())).all(db).await? {
            out.entry(l.meeting_id).or_default().professions.push(l.profession_id);
        }
        for l in mo::Entity::find().filter(mo::Column::MeetingId.is_in(ids.clone())).all(db).await? {
            out.entry(l.meeting_id).or_default().organisations.push(l.organisation_id);
        }
        for l in mpe::Entity::find().filter(mpe::Column::MeetingId.is_in(ids.clone())).all(db).await? {
            out.entry(l.meeting_id).or_default().people.push(l.person_id);
        }
        for l in mu::Entity::find().filter(mu::Column::MeetingId.is_in(ids)).all(db).await? {
            out.entry(l.meeting_id).or_default().users.push(l.user_id);
        }
    }
    for l in out.values_mut() {
        l.professions.sort();
        l.organisations.sort();
        l.people.sort();
        l.users.sort();
    }
    Ok(out)
}

struct Audit<'a> {
    m: &'a meeting::Model,
    links: Links,
    names: &'a Names,
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
            ("kind", meeting_kind_label(&m.kind).unwrap_or("").to_string()),
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
            ("active", m.active.to_string()),
        ]
    }
}

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

pub fn summary(m: &meeting::Model, links: &Links, names: &Names) -> MeetingSummary {
    MeetingSummary {
        id: m.id,
        held_on: m.held_on.to_string(),
        date_label: date_with_weekday(m.held_on),
        fiscal_year: FiscalYear(m.fiscal_year).short_label(),
        time_label: time_range(&m.start_time, &m.end_time),
        level: Level::from_number(m.level).unwrap_or(Level::First),
        kind: meeting_kind_label(&m.kind).unwrap_or("").to_string(),
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
    let items = rows.iter().map(|m| summary(m, links.get(&m.id).unwrap_or(&Links::default()), &names)).collect();
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
    }
}

pub async fn get(db: &impl ConnectionTrait, id: i32, today: NaiveDate) -> Result<MeetingView, AppError> {
    let m = find(db, id).await?;
    let links = links_of(db, &[id]).await?.remove(&id).unwrap_or_default();
    let names = Names::load(db).await?;
    let follow_ups = super::follow_ups::of_meeting(db, &m, &names, today).await?;
    Ok(MeetingView {
        id,
        input: to_input(&m, &links),
        date_label: date_with_weekday(m.held_on),
        fiscal_year: FiscalYear(m.fiscal_year).long_label(),
        level: Level::from_number(m.level).unwrap_or(Level::First),
        kind: meeting_kind_label(&m.kind).unwrap_or("").to_string(),
        professions: Names::refs(&names.professions, &links.professions),
        organisations: Names::refs(&names.organisations, &links.organisations),
        people: links.people.iter().filter_map(|p| names.attendee(*p)).collect(),
        coordinators: Names::refs(&names.users, &links.users),
        follow_ups,
        trainings: super::training_links::trainings_of_meeting(db, id).await?,
        active: m.active,
        version: m.version,
        updated_at: m.updated_at.with_timezone(&crate::clock::jst()).format("%Y/%m/%d %H:%M").to_string(),
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
        .filter(|u| Role::from_code(&u.role).is_some_and(|r| r != Role::Viewer))
        .map(|u| Ref { id: u.id, name: u.display_name })
        .collect())
}

/// The choices of the list filters and of follow-up owners: everything but the people
/// (hundreds of them, needed only by the meeting form).
pub async fn filters(db: &impl ConnectionTrait) -> Result<MeetingChoices, AppError> {
    let dir = super::directory_choices(db).await?;
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
    Ok(MeetingChoices { professions: dir.professions, organisations: dir.organisations, people: vec![], coordinators, fiscal_years })
}

/// The meeting form's choices: the filters' and every active person, grouped by organisation.
pub async fn choices(db: &impl ConnectionTrait) -> Result<MeetingChoices, AppError> {
    let names = Names::load(db).await?;
    let mut people: Vec<&person::Model> = names.people.values().filter(|p| p.active).collect();
    people.sort_by(|a, b| {
        let org = |p: &person::Model| p.organisation_id.and_then(|o| names.organisations.get(&o).cloned()).unwrap_or_default();
        (org(a), if a.kana.is_empty() { &a.name } else { &a.kana }).cmp(&(org(b), if b.kana.is_empty() { &b.name } else { &b.kana }))
    });
    let people = people.into_iter().filter_map(|p| names.attendee(p.id)).collect();
    Ok(MeetingChoices { people, ..filters(db).await? })
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
    let names: [&'static str; 18] = [
        "held_on", "start_time", "end_time", "level", "kind", "title", "place", "online", "professions", "organisations", "people", "guests",
        "coordinators", "purpose", "minutes", "decisions", "work_items", "level_reason",
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
    input.check().map_err(problems)?;
    let names = Names::load(db).await?;
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
            audit::record_create(db, actor, &Audit { m: &model, links, names: &names }, now).await?;
            Ok(model.id)
        }
        Some(id) => {
            let before = find(db, id).await?;
            let before_links = links_of(db, &[id]).await?.remove(&id).unwrap_or_default();
            let expected = super::records::expected_version(version)?;
            let mut am: meeting::ActiveModel = before.clone().into();
            fill(&mut am);
            am.version = Set(expected + 1);
            let res = meeting::Entity::update_many()
                .set(am)
                .filter(meeting::Column::Id.eq(id))
                .filter(meeting::Column::Version.eq(expected))
                .exec(db)
                .await?;
            if res.rows_affected == 0 {
                return Err(edit_conflict(db, "meeting", id as i64, differing(&to_input(&before, &before_links), input)).await);
            }
            set_links(db, id, input).await?;
            let after = find(db, id).await?;
            let after_links = links_of(db, &[id]).await?.remove(&id).unwrap_or_default();
            audit::record_change(
                db,
                actor,
                Action::Update,
                &Audit { m: &before, links: before_links, names: &names },
                &Audit { m: &after, links: after_links, names: &names },
                now,
            )
            .await?;
            Ok(id)
        }
    }
}

pub async fn set_active(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: i32, active: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    let before = find(db, id).await?;
    let links = links_of(db, &[id]).await?.remove(&id).unwrap_or_default();
    let names = Names::load(db).await?;
    set_active_versioned::<meeting::Entity>(db, "meeting", id, version, active, now).await?;
    let after = find(db, id).await?;
    let action = if active { Action::Restore } else { Action::Archive };
    audit::record_change(db, actor, action, &Audit { m: &before, links: links.clone(), names: &names }, &Audit { m: &after, links, names: &names }, now).await
}

/// Whether any meeting refers to the record (then it is archived, not deleted).
pub async fn refers_to_organisation(db: &impl ConnectionTrait, id: i32) -> Result<bool, AppError> {
    Ok(mo::Entity::find().filter(mo::Column::OrganisationId.eq(id)).count(db).await? > 0)
}

pub async fn refers_to_person(db: &impl ConnectionTrait, id: i32) -> Result<bool, AppError> {
    Ok(mpe::Entity::find().filter(mpe::Column::PersonId.eq(id)).count(db).await? > 0)
}

/// The active meetings of a month, by day.
pub async fn calendar(db: &impl ConnectionTrait, year: i32, month: u32) -> Result<CalendarMonth, AppError> {
    if FiscalYear::new(year).is_none() {
        return Err(AppError::BadRequest(crate::domain::fiscal_year::year_out_of_range()));
    }
    let grid = month_grid(year, month).ok_or_else(|| AppError::BadRequest("年月が正しくありません。".into()))?;
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or(AppError::NotFound)?;
    let next = if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) }.ok_or(AppError::NotFound)?;
    let rows = meeting::Entity::find()
        .filter(meeting::Column::Active.eq(true))
        .filter(meeting::Column::HeldOn.gte(first))
        .filter(meeting::Column::HeldOn.lt(next))
        .order_by_asc(meeting::Column::HeldOn)
        .order_by_asc(meeting::Column::StartTime)
        .all(db)
        .await?;
    let mut by_day: HashMap<u32, Vec<CalendarEntry>> = HashMap::new();
    for m in rows {
        by_day.entry(m.held_on.day()).or_default().push(CalendarEntry {
            href: format!("/meetings/{}", m.id),
            training: false,
            title: m.title,
            level: Level::from_number(m.level).unwrap_or(Level::First),
            start_time: m.start_time,
        });
    }
    let trainings = training::Entity::find()
        .filter(training::Column::Active.eq(true))
        .filter(training::Column::Status.ne("cancelled"))
        .filter(training::Column::HeldOn.gte(first))
        .filter(training::Column::HeldOn.lt(next))
        .all(db)
        .await?;
    for t in trainings {
        by_day.entry(t.held_on.day()).or_default().push(CalendarEntry {
            href: format!("/trainings/{}", t.id),
            training: true,
            title: t.title,
            level: Level::from_number(t.level).unwrap_or(Level::Third),
            start_time: t.start_time,
        });
    }
    for entries in by_day.values_mut() {
        entries.sort_by(|a, b| (a.start_time.is_empty(), &a.start_time).cmp(&(b.start_time.is_empty(), &b.start_time)));
    }
    let weeks = grid
        .into_iter()
        .map(|week| week.iter().map(|d| d.map(|d| (d.day(), by_day.remove(&d.day()).unwrap_or_default()))).collect())
        .collect();
    Ok(CalendarMonth { year, month, weeks })
}
