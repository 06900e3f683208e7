//! People (人): key persons and contacts of the organisations.

use crate::server::services::audit::{self, Action, Actor, Audited, Snapshot};
use crate::server::services::directory::organisations::search_text;
use crate::server::services::shared::search::like_pattern;
use crate::server::services::shared::versioned::{update_versioned, problems, set_active_versioned};
use crate::dto::directory::{DeleteOutcome, ListPage, ListQuery, PersonSummary, PersonView, Ref};
use crate::domain::directory::{profession_for_person, PersonInput};
use crate::domain::text::search_term;
use crate::error::AppError;
use crate::server::entities::{organisation, person, profession};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Order};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;

pub const PAGE_SIZE: u64 = 50;

/// A person with the names of their organisation and profession, as audited.
pub struct Audit<'a> {
    pub person: &'a person::Model,
    pub organisation: String,
    pub profession: String,
}

impl Audited for Audit<'_> {
    const ENTITY_TYPE: &'static str = "person";
    fn audit_id(&self) -> i64 {
        self.person.id as i64
    }
    fn audit_label(&self) -> String {
        self.person.name.clone()
    }
    fn snapshot(&self) -> Snapshot {
        let p = self.person;
        vec![
            ("name", p.name.clone()),
            ("kana", p.kana.clone()),
            ("organisation", self.organisation.clone()),
            ("profession", self.profession.clone()),
            ("title", p.title.clone()),
            ("phone", p.phone.clone()),
            ("email", p.email.clone()),
            ("key_person", p.key_person.to_string()),
            ("notes", p.notes.clone()),
            ("active", p.active.to_string()),
        ]
    }
}

async fn names(db: &impl ConnectionTrait) -> Result<(HashMap<i32, String>, HashMap<i32, String>), AppError> {
    let orgs = organisation::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let profs = profession::Entity::find().all(db).await?.into_iter().map(|p| (p.id, p.name)).collect();
    Ok((orgs, profs))
}

fn reference(map: &HashMap<i32, String>, id: Option<i32>) -> Option<Ref> {
    id.and_then(|id| map.get(&id).map(|name| Ref { id, name: name.clone() }))
}

async fn audit_of<'a>(db: &impl ConnectionTrait, p: &'a person::Model) -> Result<Audit<'a>, AppError> {
    let (orgs, profs) = names(db).await?;
    Ok(Audit {
        person: p,
        organisation: reference(&orgs, p.organisation_id).map(|r| r.name).unwrap_or_default(),
        profession: reference(&profs, p.profession_id).map(|r| r.name).unwrap_or_default(),
    })
}

pub async fn list(db: &impl ConnectionTrait, q: &ListQuery) -> Result<ListPage<PersonSummary>, AppError> {
    let mut cond = Condition::all();
    match q.status.as_deref() {
        Some("all") => {}
        Some("archived") => cond = cond.add(person::Column::Active.eq(false)),
        _ => cond = cond.add(person::Column::Active.eq(true)),
    }
    if let Some(term) = q.q.as_deref().map(search_term).filter(|t| !t.is_empty()) {
        cond = cond.add(person::Column::SearchText.like(like_pattern(&term)));
    }
    if let Some(pid) = q.profession {
        cond = cond.add(person::Column::ProfessionId.eq(pid));
    }
    if let Some(oid) = q.organisation {
        cond = cond.add(person::Column::OrganisationId.eq(oid));
    }
    if q.key_person == Some(true) {
        cond = cond.add(person::Column::KeyPerson.eq(true));
    }
    let mut select = person::Entity::find().filter(cond);
    select = match q.sort.as_deref() {
        Some("name") => select.order_by_asc(person::Column::Name),
        Some("updated") => select.order_by_desc(person::Column::UpdatedAt),
        _ => select.order_by(Expr::cust("COALESCE(NULLIF(kana, ''), name)"), Order::Asc),
    }
    .order_by_asc(person::Column::Id);
    let paginator = select.paginate(db, PAGE_SIZE);
    let counts = paginator.num_items_and_pages().await?;
    let pages = counts.number_of_pages.max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let rows = paginator.fetch_page(page - 1).await?;
    let (orgs, profs) = names(db).await?;
    let items = rows.into_iter().map(|p| summary(&p, &orgs, &profs)).collect();
    Ok(ListPage { items, page, pages, total: counts.number_of_items })
}

fn summary(p: &person::Model, orgs: &HashMap<i32, String>, profs: &HashMap<i32, String>) -> PersonSummary {
    PersonSummary {
        id: p.id,
        name: p.name.clone(),
        kana: p.kana.clone(),
        organisation: reference(orgs, p.organisation_id),
        profession: reference(profs, p.profession_id),
        title: p.title.clone(),
        phone: p.phone.clone(),
        email: p.email.clone(),
        key_person: p.key_person,
        active: p.active,
    }
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<person::Model, AppError> {
    person::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

pub fn to_input(p: &person::Model) -> PersonInput {
    PersonInput {
        name: p.name.clone(),
        kana: p.kana.clone(),
        organisation_id: p.organisation_id,
        profession_id: p.profession_id,
        title: p.title.clone(),
        phone: p.phone.clone(),
        email: p.email.clone(),
        key_person: p.key_person,
        notes: p.notes.clone(),
    }
}

pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<PersonView, AppError> {
    let p = find(db, id).await?;
    let (orgs, profs) = names(db).await?;
    Ok(PersonView {
        id,
        input: to_input(&p),
        organisation: reference(&orgs, p.organisation_id),
        profession: reference(&profs, p.profession_id),
        active: p.active,
        version: p.version,
        updated_at: crate::domain::dates::day_time(p.updated_at),
        posts: super::posts::of_person(db, id).await?,
    })
}

pub async fn save(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Option<i32>,
    version: Option<i32>,
    input: &PersonInput,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    input.check().map_err(problems)?;
    let mut organisation_professions = Vec::new();
    if let Some(oid) = input.organisation_id {
        if organisation::Entity::find_by_id(oid).one(db).await?.is_none() {
            return Err(AppError::field("organisation_id", "所属の選択が正しくありません。"));
        }
        organisation_professions = super::organisations::profession_ids(db, oid).await?;
    }
    if let Some(pid) = input.profession_id {
        if profession::Entity::find_by_id(pid).one(db).await?.is_none() {
            return Err(AppError::field("profession_id", "職種の選択が正しくありません。"));
        }
    }
    // An empty 職種 is filled from the organisation here, so that it works without JavaScript.
    let resolved = PersonInput { profession_id: profession_for_person(input.profession_id, &organisation_professions), ..input.clone() };
    let input = &resolved;
    let name = input.name.trim().to_string();
    let kana = input.kana.trim().to_string();
    let fill = |am: &mut person::ActiveModel| {
        am.name = Set(name.clone());
        am.kana = Set(kana.clone());
        am.organisation_id = Set(input.organisation_id);
        am.profession_id = Set(input.profession_id);
        am.title = Set(input.title.trim().to_string());
        am.phone = Set(input.phone.trim().to_string());
        am.email = Set(input.email.trim().to_string());
        am.key_person = Set(input.key_person);
        am.notes = Set(input.notes.trim_end().to_string());
        am.search_text = Set(search_text(&name, &kana));
        am.updated_at = Set(now);
    };
    match id {
        None => {
            let mut am = person::ActiveModel { active: Set(true), created_at: Set(now), version: Set(1), ..Default::default() };
            fill(&mut am);
            let model = am.insert(db).await?;
            audit::record_create(db, actor, &audit_of(db, &model).await?, now).await?;
            Ok(model.id)
        }
        Some(id) => {
            let before = find(db, id).await?;
            let expected = crate::server::services::shared::versioned::expected_version(version)?;
            let mut am: person::ActiveModel = before.clone().into();
            fill(&mut am);
            update_versioned(db, "person", id, expected, am, || differing(&to_input(&before), input)).await?;
            let after = find(db, id).await?;
            super::posts::record_move(db, &before, &after, crate::clock::today(), now).await?;
            audit::record_change(db, actor, Action::Update, &audit_of(db, &before).await?, &audit_of(db, &after).await?, now).await?;
            Ok(id)
        }
    }
}

fn differing(current: &PersonInput, input: &PersonInput) -> Vec<&'static str> {
    let mut out = Vec::new();
    for (f, a, b) in [
        ("name", &current.name, &input.name),
        ("kana", &current.kana, &input.kana),
        ("title", &current.title, &input.title),
        ("phone", &current.phone, &input.phone),
        ("email", &current.email, &input.email),
        ("notes", &current.notes, &input.notes),
    ] {
        if a.trim() != b.trim() {
            out.push(f);
        }
    }
    if current.organisation_id != input.organisation_id {
        out.push("organisation");
    }
    if current.profession_id != input.profession_id {
        out.push("profession");
    }
    if current.key_person != input.key_person {
        out.push("key_person");
    }
    out
}

pub async fn set_active(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: i32, active: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    let before = find(db, id).await?;
    set_active_versioned::<person::Entity>(db, "person", id, version, active, now).await?;
    let after = find(db, id).await?;
    let action = if active { Action::Restore } else { Action::Archive };
    audit::record_change(db, actor, action, &audit_of(db, &before).await?, &audit_of(db, &after).await?, now).await
}

/// Whether other records refer to the person (then they are archived, not deleted).
pub async fn is_referenced(db: &impl ConnectionTrait, id: i32) -> Result<bool, AppError> {
    crate::server::services::shared::references::person_is_referenced(db, id).await
}

pub async fn delete(db: &impl ConnectionTrait, actor: &Actor, id: i32, now: DateTime<Utc>) -> Result<DeleteOutcome, AppError> {
    let before = find(db, id).await?;
    if is_referenced(db, id).await? {
        if before.active {
            set_active(db, actor, id, before.version, false, now).await?;
        }
        return Ok(DeleteOutcome::Archived);
    }
    let changes = audit::diff(&audit_of(db, &before).await?.snapshot(), &vec![]);
    person::Entity::delete_by_id(id).exec(db).await?;
    audit::record(db, actor, "person", Some(id as i64), Action::Delete, &before.name, &changes, now).await?;
    Ok(DeleteOutcome::Deleted)
}
