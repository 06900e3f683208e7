//! Resource records for the team: the filtered list (and the screening queue), one record,
//! save (versioned, audited) and archive.

use super::lists::{Categories, Districts};
use super::scope::Scope;
use crate::domain::meetings::parse_date;
use crate::domain::resources::{is_public, is_stale, parse_coordinate, search_text, stale_before, Activity, Consent, ResourceInput, Rule, Screening};
use crate::domain::text::search_term;
use crate::dto::directory::Ref;
use crate::dto::resources::{CategoryChoice, ResourceChoices, ResourceList, ResourceQuery, ResourceSummary, ResourceView};
use crate::error::AppError;
use crate::server::entities::{organisation, resource};
use crate::server::services::audit::{self, Action, Actor, Audited, Snapshot};
use crate::server::services::shared::versioned::{differing_pairs, expected_version, problems, set_active_versioned, update_versioned};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::NullOrdering;
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::HashMap;

const PAGE_SIZE: u64 = 50;

/// What a resource's views need besides the row: the lists' names and the organisations.
pub struct Context {
    pub categories: Categories,
    pub districts: Districts,
    pub organisations: HashMap<i32, String>,
}

impl Context {
    pub async fn load(db: &impl ConnectionTrait) -> Result<Context, AppError> {
        let organisations = organisation::Entity::find()
            .select_only()
            .columns([organisation::Column::Id, organisation::Column::Name])
            .into_tuple::<(i32, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        Ok(Context { categories: Categories::load(db).await?, districts: Districts::load(db).await?, organisations })
    }

    pub fn organiser(&self, m: &resource::Model) -> String {
        m.organiser_organisation_id.and_then(|o| self.organisations.get(&o).cloned()).unwrap_or_else(|| m.organiser_text.clone())
    }
}

pub fn screening_of(m: &resource::Model) -> Screening {
    Screening::from_code(&m.screening).unwrap_or(Screening::Collected)
}

pub fn consent_of(m: &resource::Model) -> Consent {
    Consent::from_code(&m.consent).unwrap_or(Consent::None)
}

pub fn activity_of(m: &resource::Model) -> Activity {
    Activity::from_code(&m.activity).unwrap_or(Activity::Active)
}

/// The one rule of publication applied to a stored row.
pub fn row_is_public(m: &resource::Model) -> bool {
    is_public(screening_of(m), consent_of(m), activity_of(m), !m.active)
}

fn shown_date(d: Option<NaiveDate>) -> String {
    d.map(crate::domain::dates::day).unwrap_or_default()
}

/// "毎週火曜日 10:00〜12:00": the rule, then the free text.
pub fn schedule_label(m: &resource::Model) -> String {
    let rule = Rule::parse(&m.schedule_rule).map(Rule::label);
    [rule.unwrap_or_default(), m.schedule.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

pub(super) struct Audit<'a> {
    pub m: &'a resource::Model,
    pub cx: &'a Context,
}

impl Audited for Audit<'_> {
    const ENTITY_TYPE: &'static str = "resource";
    fn audit_id(&self) -> i64 {
        self.m.id as i64
    }
    fn audit_label(&self) -> String {
        self.m.name.clone()
    }
    fn snapshot(&self) -> Snapshot {
        let m = self.m;
        let coord = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        vec![
            ("name", m.name.clone()),
            ("kana", m.kana.clone()),
            ("category", self.cx.categories.name(m.category_id)),
            ("district", self.cx.districts.name(m.district_id)),
            ("organiser", self.cx.organiser(m)),
            ("description", m.description.clone()),
            ("audience", m.audience.clone()),
            ("schedule", schedule_label(m)),
            ("place", m.place.clone()),
            ("address", m.address.clone()),
            ("latitude", coord(m.latitude)),
            ("longitude", coord(m.longitude)),
            ("cost", m.cost.clone()),
            ("how_to_join", m.how_to_join.clone()),
            ("public_contact", m.public_contact.clone()),
            ("staff_contact", m.staff_contact.clone()),
            ("known_by", m.known_by.clone()),
            ("source", m.source.clone()),
            ("collected_on", m.collected_on.map(|d| d.to_string()).unwrap_or_default()),
            ("screening", screening_of(m).label().to_string()),
            ("screening_reason", m.screening_reason.clone()),
            ("consent", consent_of(m).label().to_string()),
            ("consent_on", m.consent_on.map(|d| d.to_string()).unwrap_or_default()),
            ("consent_by", m.consent_by.clone()),
            ("confirmed_on", m.confirmed_on.map(|d| d.to_string()).unwrap_or_default()),
            ("confirmed_by", m.confirmed_by.clone()),
            ("activity", activity_of(m).label().to_string()),
            ("notice", m.notice.clone()),
            ("active", m.active.to_string()),
        ]
    }
}

/// The screening states of the queue (`Screening::is_waiting`), as stored.
fn waiting_codes() -> Vec<&'static str> {
    Screening::ALL.into_iter().filter(|s| s.is_waiting()).map(Screening::code).collect()
}

fn condition(q: &ResourceQuery, cx: &Context, today: NaiveDate) -> Condition {
    let mut c = Condition::all().add(resource::Column::Active.eq(!q.archived.unwrap_or(false)));
    if let Some(d) = q.district {
        c = c.add(resource::Column::DistrictId.eq(d));
    }
    if let Some(cat) = q.category {
        c = c.add(resource::Column::CategoryId.is_in(cx.categories.with_subs(cat)));
    }
    match q.screening.as_deref() {
        Some("waiting") => c = c.add(resource::Column::Screening.is_in(waiting_codes())),
        Some(s) => {
            if let Some(s) = Screening::from_code(s) {
                c = c.add(resource::Column::Screening.eq(s.code()));
            }
        }
        None => {}
    }
    if let Some(consent) = q.consent.as_deref().and_then(Consent::from_code) {
        c = c.add(resource::Column::Consent.eq(consent.code()));
    }
    if let Some(a) = q.activity.as_deref().and_then(Activity::from_code) {
        c = c.add(resource::Column::Activity.eq(a.code()));
    }
    if q.stale == Some(true) {
        c = c.add(Condition::any().add(resource::Column::ConfirmedOn.is_null()).add(resource::Column::ConfirmedOn.lt(stale_before(today))));
    }
    if let Some(term) = q.q.as_deref().map(search_term).filter(|t| !t.is_empty()) {
        c = c.add(resource::Column::SearchText.contains(term));
    }
    c
}

/// The form's choices: active entries of each list, plus what the record being edited
/// (`current`) already has, so that editing never drops a retired category, district or
/// archived organiser. A collector is offered their district and no organisations of the
/// directory (the organiser is then free text).
pub async fn choices(db: &impl ConnectionTrait, scope: Scope, cx: &Context, current: Option<&resource::Model>) -> Result<ResourceChoices, AppError> {
    let mut organisations: Vec<Ref> = match scope {
        Scope::Team => organisation::Entity::find()
            .filter(organisation::Column::Active.eq(true))
            .order_by_asc(organisation::Column::Kana)
            .all(db)
            .await?
            .into_iter()
            .map(|o| Ref { id: o.id, name: o.name })
            .collect(),
        Scope::District(_) => Vec::new(),
    };
    let mut categories = cx.categories.choices();
    let mut districts = match scope {
        Scope::Team => cx.districts.choices(),
        Scope::District(d) => cx.districts.get(d).into_iter().collect(),
    };
    if let Some(m) = current {
        if let Some(o) = m.organiser_organisation_id.filter(|o| !organisations.iter().any(|r| r.id == *o)) {
            organisations.push(Ref { id: o, name: cx.organisations.get(&o).cloned().unwrap_or_default() });
        }
        if !categories.iter().any(|c| c.id == m.category_id) {
            categories.push(CategoryChoice { id: m.category_id, name: cx.categories.name(m.category_id), parent_id: None });
        }
        if let Some(d) = m.district_id.filter(|d| !districts.iter().any(|r| r.id == *d)) {
            districts.extend(cx.districts.get(d));
        }
    }
    Ok(ResourceChoices { categories, districts, organisations })
}

fn summary(m: &resource::Model, cx: &Context, today: NaiveDate) -> ResourceSummary {
    ResourceSummary {
        id: m.id,
        name: m.name.clone(),
        category: cx.categories.name(m.category_id),
        district: cx.districts.name(m.district_id),
        organiser: cx.organiser(m),
        screening: screening_of(m),
        consent: consent_of(m),
        activity: activity_of(m),
        confirmed_on: shown_date(m.confirmed_on),
        stale: is_stale(m.confirmed_on, today),
        public: row_is_public(m),
    }
}

/// The team's list: filtered, by district (entries without one last, on both databases)
/// and kana, 50 a page.
pub async fn list(db: &impl ConnectionTrait, q: &ResourceQuery, today: NaiveDate) -> Result<ResourceList, AppError> {
    list_in(db, Scope::Team, q, today).await
}

/// As `list`, within `scope`.
pub async fn list_in(db: &impl ConnectionTrait, scope: Scope, q: &ResourceQuery, today: NaiveDate) -> Result<ResourceList, AppError> {
    let cx = Context::load(db).await?;
    let paginator = resource::Entity::find()
        .filter(scope.condition())
        .filter(condition(q, &cx, today))
        .order_by_with_nulls(resource::Column::DistrictId, Order::Asc, NullOrdering::Last)
        .order_by_asc(resource::Column::Kana)
        .order_by_asc(resource::Column::Name)
        .order_by_asc(resource::Column::Id)
        .paginate(db, PAGE_SIZE);
    let counts = paginator.num_items_and_pages().await?;
    let pages = counts.number_of_pages.max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let rows = paginator.fetch_page(page - 1).await?;
    let waiting = resource::Entity::find()
        .filter(scope.condition())
        .filter(resource::Column::Active.eq(true))
        .filter(resource::Column::Screening.is_in(waiting_codes()))
        .count(db)
        .await?;
    Ok(ResourceList {
        items: rows.iter().map(|m| summary(m, &cx, today)).collect(),
        total: counts.number_of_items,
        page,
        pages,
        waiting,
        choices: choices(db, scope, &cx, None).await?,
    })
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<resource::Model, AppError> {
    resource::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

pub fn to_input(m: &resource::Model) -> ResourceInput {
    let opt = |v: Option<i32>| v.map(|v| v.to_string()).unwrap_or_default();
    let coord = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    ResourceInput {
        name: m.name.clone(),
        kana: m.kana.clone(),
        category: m.category_id.to_string(),
        district: opt(m.district_id),
        organiser: opt(m.organiser_organisation_id),
        organiser_text: m.organiser_text.clone(),
        description: m.description.clone(),
        audience: m.audience.clone(),
        schedule: m.schedule.clone(),
        schedule_rule: m.schedule_rule.clone(),
        place: m.place.clone(),
        address: m.address.clone(),
        latitude: coord(m.latitude),
        longitude: coord(m.longitude),
        cost: m.cost.clone(),
        how_to_join: m.how_to_join.clone(),
        public_contact: m.public_contact.clone(),
        staff_contact: m.staff_contact.clone(),
        known_by: m.known_by.clone(),
        source: m.source.clone(),
        collected_on: m.collected_on.map(|d| d.to_string()).unwrap_or_default(),
        activity: m.activity.clone(),
        notice: m.notice.clone(),
    }
}

pub fn view(m: &resource::Model, cx: &Context, today: NaiveDate) -> ResourceView {
    ResourceView {
        id: m.id,
        input: to_input(m),
        category: cx.categories.name(m.category_id),
        district: cx.districts.name(m.district_id),
        organiser: m.organiser_organisation_id.and_then(|o| cx.organisations.get(&o).map(|n| Ref { id: o, name: n.clone() })),
        organiser_label: cx.organiser(m),
        schedule_label: schedule_label(m),
        screening: screening_of(m),
        screening_reason: m.screening_reason.clone(),
        consent: consent_of(m),
        consent_on: shown_date(m.consent_on),
        consent_by: m.consent_by.clone(),
        confirmed_on: shown_date(m.confirmed_on),
        confirmed_by: m.confirmed_by.clone(),
        stale: is_stale(m.confirmed_on, today),
        activity: activity_of(m),
        public: row_is_public(m),
        active: m.active,
        version: m.version,
        updated_at: crate::domain::dates::day_time(m.updated_at),
    }
}

pub async fn get(db: &impl ConnectionTrait, id: i32, today: NaiveDate) -> Result<ResourceView, AppError> {
    get_in(db, Scope::Team, id, today).await
}

/// As `get`, within `scope` (outside it: not found).
pub async fn get_in(db: &impl ConnectionTrait, scope: Scope, id: i32, today: NaiveDate) -> Result<ResourceView, AppError> {
    let m = scope.check(find(db, id).await?)?;
    let cx = Context::load(db).await?;
    Ok(view(&m, &cx, today))
}

fn differing(current: &ResourceInput, input: &ResourceInput) -> Vec<&'static str> {
    const FIELDS: [&str; 23] = [
        "name", "kana", "category", "district", "organiser", "organiser_text", "description", "audience", "schedule", "schedule_rule", "place", "address", "latitude",
        "longitude", "cost", "how_to_join", "public_contact", "staff_contact", "known_by", "source", "collected_on", "activity", "notice",
    ];
    differing_pairs(&FIELDS, &current.pairs(), &input.pairs())
}

fn parse_id(v: &str) -> Option<i32> {
    v.trim().parse().ok()
}

/// Creates (`id` None) or updates a resource for the team and returns its id.
pub async fn save(db: &impl ConnectionTrait, actor: &Actor, id: Option<i32>, version: Option<i32>, input: &ResourceInput, now: DateTime<Utc>) -> Result<i32, AppError> {
    save_in(db, Scope::Team, actor, id, version, input, now).await
}

/// As `save`, within `scope`. A new entry starts in the screening queue (収集) with no
/// consent; screening and consent change only through `screening`, never through this
/// form — except that a collector's change to a screened entry sends it back to 精査中, so
/// nothing unscreened is published.
#[allow(clippy::too_many_arguments)]
pub async fn save_in(
    db: &impl ConnectionTrait,
    scope: Scope,
    actor: &Actor,
    id: Option<i32>,
    version: Option<i32>,
    input: &ResourceInput,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    input.check().map_err(problems)?;
    let before = match id {
        Some(id) => Some(scope.check(find(db, id).await?)?),
        None => None,
    };
    let mut input = input.clone();
    if let Scope::District(d) = scope {
        if input.district.trim().is_empty() {
            input.district = d.to_string();
        } else if parse_id(&input.district) != Some(d) {
            return Err(AppError::field("district", "担当地区の資源だけを登録できます。"));
        }
        // Only the organiser the record already has; otherwise free text.
        if parse_id(&input.organiser).is_some() && parse_id(&input.organiser) != before.as_ref().and_then(|b| b.organiser_organisation_id) {
            return Err(AppError::field("organiser", "主催の選択が正しくありません。"));
        }
    }
    let input = &input;
    let cx = Context::load(db).await?;
    let category_id = parse_id(&input.category).unwrap_or_default();
    // A retired entry of a list is not offered any more, except to a record that already has it.
    if !(cx.categories.is_active(category_id) || before.as_ref().is_some_and(|b| b.category_id == category_id && !cx.categories.name(category_id).is_empty())) {
        return Err(AppError::field("category", "分類の選択が正しくありません。"));
    }
    let district_id = parse_id(&input.district);
    if district_id.is_some_and(|d| !(cx.districts.is_active(d) || before.as_ref().is_some_and(|b| b.district_id == Some(d)))) {
        return Err(AppError::field("district", "地区の選択が正しくありません。"));
    }
    let organiser_id = parse_id(&input.organiser);
    if organiser_id.is_some_and(|o| !cx.organisations.contains_key(&o)) {
        return Err(AppError::field("organiser", "主催の選択が正しくありません。"));
    }
    let today = now.with_timezone(&crate::clock::jst()).date_naive();
    let kept_end = before.as_ref().filter(|b| activity_of(b) == Activity::Ended).and_then(|b| b.ended_on);
    let organiser_name = organiser_id.and_then(|o| cx.organisations.get(&o).cloned()).unwrap_or_else(|| input.organiser_text.trim().to_string());
    let t = |s: &str| s.trim().to_string();
    let fill = |am: &mut resource::ActiveModel| {
        am.name = Set(t(&input.name));
        am.kana = Set(t(&input.kana));
        am.category_id = Set(category_id);
        am.district_id = Set(district_id);
        am.organiser_organisation_id = Set(organiser_id);
        am.organiser_text = Set(if organiser_id.is_some() { String::new() } else { t(&input.organiser_text) });
        am.description = Set(input.description.trim_end().to_string());
        am.audience = Set(t(&input.audience));
        am.schedule = Set(t(&input.schedule));
        am.schedule_rule = Set(Rule::parse(&input.schedule_rule).map(Rule::code).unwrap_or_default());
        am.place = Set(t(&input.place));
        am.address = Set(t(&input.address));
        am.latitude = Set(parse_coordinate(&input.latitude, -90.0..=90.0));
        am.longitude = Set(parse_coordinate(&input.longitude, -180.0..=180.0));
        am.cost = Set(t(&input.cost));
        am.how_to_join = Set(input.how_to_join.trim_end().to_string());
        am.public_contact = Set(t(&input.public_contact));
        am.staff_contact = Set(t(&input.staff_contact));
        am.known_by = Set(t(&input.known_by));
        am.source = Set(t(&input.source));
        am.collected_on = Set(parse_date(&input.collected_on));
        let activity = Activity::from_code(&input.activity).unwrap_or(Activity::Active);
        am.activity = Set(activity.code().to_string());
        // The day it ended, kept while it stays ended.
        am.ended_on = Set((activity == Activity::Ended).then(|| kept_end.unwrap_or(today)));
        am.notice = Set(t(&input.notice));
        am.search_text = Set(search_text(&[&input.name, &input.kana, &organiser_name, &input.place, &input.address, &input.description]));
        am.updated_at = Set(now);
    };
    match before {
        None => {
            let mut am = resource::ActiveModel {
                screening: Set(Screening::Collected.code().to_string()),
                screening_reason: Set(String::new()),
                consent: Set(Consent::None.code().to_string()),
                consent_on: Set(None),
                consent_by: Set(String::new()),
                confirmed_on: Set(None),
                confirmed_by: Set(String::new()),
                created_by_user_id: Set(actor.id),
                active: Set(true),
                created_at: Set(now),
                version: Set(1),
                ..Default::default()
            };
            fill(&mut am);
            let model = am.insert(db).await?;
            audit::record_create(db, actor, &Audit { m: &model, cx: &cx }, now).await?;
            Ok(model.id)
        }
        Some(before) => {
            let id = before.id;
            let expected = expected_version(version)?;
            let mut am: resource::ActiveModel = before.clone().into();
            fill(&mut am);
            // A collector's change (not a save of the same content) goes back to the team.
            if matches!(scope, Scope::District(_)) && !screening_of(&before).is_waiting() && !differing(&to_input(&before), input).is_empty() {
                am.screening = Set(Screening::Reviewing.code().to_string());
            }
            update_versioned(db, "resource", id, expected, am, || differing(&to_input(&before), input)).await?;
            let after = find(db, id).await?;
            audit::record_change(db, actor, Action::Update, &Audit { m: &before, cx: &cx }, &Audit { m: &after, cx: &cx }, now).await?;
            Ok(id)
        }
    }
}

/// Archives (out of every list and publication) or restores a resource.
pub async fn set_active(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: i32, active: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    let before = find(db, id).await?;
    set_active_versioned::<resource::Entity>(db, "resource", id, version, active, now).await?;
    let after = find(db, id).await?;
    let cx = Context::load(db).await?;
    let action = if active { Action::Restore } else { Action::Archive };
    audit::record_change(db, actor, action, &Audit { m: &before, cx: &cx }, &Audit { m: &after, cx: &cx }, now).await
}
