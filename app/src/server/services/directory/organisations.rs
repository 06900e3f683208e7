//! Organisations (機関・団体) and the professions they represent.

use crate::server::services::audit::{self, Action, Actor, Audited, Snapshot};
use crate::server::services::shared::versioned::{update_versioned, problems, set_active_versioned};
use crate::server::services::shared::search::like_pattern;
use crate::dto::directory::{DeleteOutcome, ListPage, ListQuery, OrganisationSummary, OrganisationView, Ref};
use crate::domain::directory::{organisation_kind_label, OrganisationInput};
use crate::domain::text::{normalize_for_search, search_term};
use crate::error::AppError;
use crate::server::entities::{organisation, organisation_profession as op, person, profession};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Order, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::HashMap;

pub const PAGE_SIZE: u64 = 50;

/// An organisation with its professions' names, as audited.
pub struct Audit<'a>(pub &'a organisation::Model, pub Vec<String>);

impl Audited for Audit<'_> {
    const ENTITY_TYPE: &'static str = "organisation";
    fn audit_id(&self) -> i64 {
        self.0.id as i64
    }
    fn audit_label(&self) -> String {
        self.0.name.clone()
    }
    fn snapshot(&self) -> Snapshot {
        let o = self.0;
        vec![
            ("name", o.name.clone()),
            ("kana", o.kana.clone()),
            ("kind", organisation_kind_label(&o.kind).unwrap_or(&o.kind).to_string()),
            ("professions", self.1.join("、")),
            ("address", o.address.clone()),
            ("phone", o.phone.clone()),
            ("email", o.email.clone()),
            ("website", o.website.clone()),
            ("notes", o.notes.clone()),
            ("receives_newsletter", o.receives_newsletter.to_string()),
            ("active", o.active.to_string()),
        ]
    }
}

pub fn search_text(name: &str, kana: &str) -> String {
    format!("{}\n{}", normalize_for_search(name), normalize_for_search(kana))
}

async fn profession_names(db: &impl ConnectionTrait) -> Result<HashMap<i32, String>, AppError> {
    Ok(profession::Entity::find().all(db).await?.into_iter().map(|p| (p.id, p.name)).collect())
}

async fn professions_of(db: &impl ConnectionTrait, ids: &[i32]) -> Result<HashMap<i32, Vec<Ref>>, AppError> {
    let names = profession_names(db).await?;
    let links = op::Entity::find().filter(op::Column::OrganisationId.is_in(ids.to_vec())).all(db).await?;
    let mut out: HashMap<i32, Vec<Ref>> = HashMap::new();
    for l in links {
        if let Some(name) = names.get(&l.profession_id) {
            out.entry(l.organisation_id).or_default().push(Ref { id: l.profession_id, name: name.clone() });
        }
    }
    for v in out.values_mut() {
        v.sort_by_key(|r| r.id);
    }
    Ok(out)
}

/// The ids of the professions an organisation represents, in id order.
pub async fn profession_ids(db: &impl ConnectionTrait, id: i32) -> Result<Vec<i32>, AppError> {
    let mut ids: Vec<i32> = op::Entity::find().filter(op::Column::OrganisationId.eq(id)).all(db).await?.into_iter().map(|l| l.profession_id).collect();
    ids.sort();
    ids.dedup();
    Ok(ids)
}

pub async fn list(db: &impl ConnectionTrait, q: &ListQuery) -> Result<ListPage<OrganisationSummary>, AppError> {
    let mut cond = Condition::all();
    match q.status.as_deref() {
        Some("all") => {}
        Some("archived") => cond = cond.add(organisation::Column::Active.eq(false)),
        _ => cond = cond.add(organisation::Column::Active.eq(true)),
    }
    if let Some(term) = q.q.as_deref().map(search_term).filter(|t| !t.is_empty()) {
        cond = cond.add(organisation::Column::SearchText.like(like_pattern(&term)));
    }
    if let Some(kind) = q.kind.as_deref().filter(|k| !k.is_empty()) {
        cond = cond.add(organisation::Column::Kind.eq(kind));
    }
    if let Some(pid) = q.profession {
        cond = cond.add(
            organisation::Column::Id.in_subquery(
                Query::select().column(op::Column::OrganisationId).from(op::Entity).and_where(op::Column::ProfessionId.eq(pid)).to_owned(),
            ),
        );
    }
    let mut select = organisation::Entity::find().filter(cond);
    select = match q.sort.as_deref() {
        Some("name") => select.order_by_asc(organisation::Column::Name),
        Some("updated") => select.order_by_desc(organisation::Column::UpdatedAt),
        _ => select.order_by(Expr::cust("COALESCE(NULLIF(kana, ''), name)"), Order::Asc),
    }
    .order_by_asc(organisation::Column::Id);
    let paginator = select.paginate(db, PAGE_SIZE);
    let counts = paginator.num_items_and_pages().await?;
    let pages = counts.number_of_pages.max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let rows = paginator.fetch_page(page - 1).await?;
    let ids: Vec<i32> = rows.iter().map(|o| o.id).collect();
    let mut profs = professions_of(db, &ids).await?;
    let people: HashMap<i32, i64> = person::Entity::find()
        .select_only()
        .column(person::Column::OrganisationId)
        .column_as(person::Column::Id.count(), "n")
        .filter(person::Column::OrganisationId.is_in(ids.clone()))
        .filter(person::Column::Active.eq(true))
        .group_by(person::Column::OrganisationId)
        .into_tuple::<(Option<i32>, i64)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(id, n)| id.map(|id| (id, n)))
        .collect();
    let items = rows
        .into_iter()
        .map(|o| OrganisationSummary {
            professions: profs.remove(&o.id).unwrap_or_default(),
            people: people.get(&o.id).copied().unwrap_or(0) as u64,
            id: o.id,
            name: o.name,
            kana: o.kana,
            kind: o.kind,
            phone: o.phone,
            active: o.active,
        })
        .collect();
    Ok(ListPage { items, page, pages, total: counts.number_of_items })
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<organisation::Model, AppError> {
    organisation::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

pub fn to_input(o: &organisation::Model, professions: &[Ref]) -> OrganisationInput {
    OrganisationInput {
        name: o.name.clone(),
        kana: o.kana.clone(),
        kind: o.kind.clone(),
        professions: professions.iter().map(|r| r.id).collect(),
        address: o.address.clone(),
        phone: o.phone.clone(),
        email: o.email.clone(),
        website: o.website.clone(),
        notes: o.notes.clone(),
        receives_newsletter: o.receives_newsletter,
    }
}

pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<OrganisationView, AppError> {
    let o = find(db, id).await?;
    let professions = professions_of(db, &[id]).await?.remove(&id).unwrap_or_default();
    let people = crate::server::services::directory::people::list(db, &ListQuery { organisation: Some(id), status: Some("all".into()), ..Default::default() })
        .await?
        .items;
    Ok(OrganisationView {
        id,
        input: to_input(&o, &professions),
        professions,
        active: o.active,
        version: o.version,
        updated_at: crate::domain::dates::day_time(o.updated_at),
        people,
    })
}

async fn profession_ref_names(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<String>, AppError> {
    let names = profession_names(db).await?;
    let mut ids = ids.to_vec();
    ids.sort();
    Ok(ids.iter().filter_map(|i| names.get(i).cloned()).collect())
}

async fn set_professions(db: &impl ConnectionTrait, org_id: i32, ids: &[i32]) -> Result<(), AppError> {
    op::Entity::delete_many().filter(op::Column::OrganisationId.eq(org_id)).exec(db).await?;
    let mut ids = ids.to_vec();
    ids.sort();
    ids.dedup();
    for pid in ids {
        op::Entity::insert(op::ActiveModel { organisation_id: Set(org_id), profession_id: Set(pid) })
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Creates (`id` None) or updates an organisation; returns its id. A second organisation of
/// the same kind and name is refused unless `allow_duplicate` (a warning, not a rule).
pub async fn save(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Option<i32>,
    version: Option<i32>,
    input: &OrganisationInput,
    allow_duplicate: bool,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    input.check().map_err(problems)?;
    let known = profession_names(db).await?;
    if input.professions.iter().any(|p| !known.contains_key(p)) {
        return Err(AppError::field("professions", "職種の選択が正しくありません。"));
    }
    let name = input.name.trim().to_string();
    if !allow_duplicate {
        let twin = organisation::Entity::find()
            .filter(organisation::Column::Name.eq(&name))
            .filter(organisation::Column::Kind.eq(&input.kind))
            .one(db)
            .await?;
        if let Some(twin) = twin.filter(|t| Some(t.id) != id) {
            return Err(AppError::field(
                "allow_duplicate",
                format!(
                    "同じ種別に「{}」がすでに登録されています（ID {}）。別の機関として登録する場合は「同名でも登録する」にチェックを入れて、もう一度保存してください。",
                    twin.name, twin.id
                ),
            ));
        }
    }
    let kana = input.kana.trim().to_string();
    let fill = |am: &mut organisation::ActiveModel| {
        am.name = Set(name.clone());
        am.kana = Set(kana.clone());
        am.kind = Set(input.kind.clone());
        am.address = Set(input.address.trim().to_string());
        am.phone = Set(input.phone.trim().to_string());
        am.email = Set(input.email.trim().to_string());
        am.website = Set(input.website.trim().to_string());
        am.notes = Set(input.notes.trim_end().to_string());
        am.receives_newsletter = Set(input.receives_newsletter);
        am.search_text = Set(search_text(&name, &kana));
        am.updated_at = Set(now);
    };
    let new_names = profession_ref_names(db, &input.professions).await?;
    match id {
        None => {
            let mut am = organisation::ActiveModel {
                active: Set(true),
                created_at: Set(now),
                version: Set(1),
                ..Default::default()
            };
            fill(&mut am);
            let model = am.insert(db).await?;
            set_professions(db, model.id, &input.professions).await?;
            audit::record_create(db, actor, &Audit(&model, new_names), now).await?;
            Ok(model.id)
        }
        Some(id) => {
            let before = find(db, id).await?;
            let before_profs = professions_of(db, &[id]).await?.remove(&id).unwrap_or_default();
            let expected = crate::server::services::shared::versioned::expected_version(version)?;
            let mut am: organisation::ActiveModel = before.clone().into();
            fill(&mut am);
            update_versioned(db, "organisation", id, expected, am, || differing(&to_input(&before, &before_profs), input)).await?;
            set_professions(db, id, &input.professions).await?;
            let after = find(db, id).await?;
            let before_names: Vec<String> = before_profs.into_iter().map(|r| r.name).collect();
            audit::record_change(db, actor, Action::Update, &Audit(&before, before_names), &Audit(&after, new_names), now).await?;
            Ok(id)
        }
    }
}

/// Fields whose current value differs from the user's input.
fn differing(current: &OrganisationInput, input: &OrganisationInput) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut cmp = |f: &'static str, a: &str, b: &str| {
        if a.trim() != b.trim() {
            out.push(f);
        }
    };
    cmp("name", &current.name, &input.name);
    cmp("kana", &current.kana, &input.kana);
    cmp("kind", &current.kind, &input.kind);
    cmp("address", &current.address, &input.address);
    cmp("phone", &current.phone, &input.phone);
    cmp("email", &current.email, &input.email);
    cmp("website", &current.website, &input.website);
    cmp("notes", &current.notes, &input.notes);
    if current.receives_newsletter != input.receives_newsletter {
        out.push("receives_newsletter");
    }
    let mut a = current.professions.clone();
    let mut b = input.professions.clone();
    a.sort();
    b.sort();
    if a != b {
        out.push("professions");
    }
    out
}

/// Archives (`active` false) or restores an organisation.
pub async fn set_active(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
    version: i32,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let before = find(db, id).await?;
    let names: Vec<String> = professions_of(db, &[id]).await?.remove(&id).unwrap_or_default().into_iter().map(|r| r.name).collect();
    set_active_versioned::<organisation::Entity>(db, "organisation", id, version, active, now).await?;
    let after = find(db, id).await?;
    let action = if active { Action::Restore } else { Action::Archive };
    audit::record_change(db, actor, action, &Audit(&before, names.clone()), &Audit(&after, names), now).await
}

/// Whether other records refer to the organisation (then it is archived, not deleted).
pub async fn is_referenced(db: &impl ConnectionTrait, id: i32) -> Result<bool, AppError> {
    crate::server::services::shared::references::organisation_is_referenced(db, id).await
}

pub async fn delete(db: &impl ConnectionTrait, actor: &Actor, id: i32, now: DateTime<Utc>) -> Result<DeleteOutcome, AppError> {
    let before = find(db, id).await?;
    if is_referenced(db, id).await? {
        if before.active {
            set_active(db, actor, id, before.version, false, now).await?;
        }
        return Ok(DeleteOutcome::Archived);
    }
    let names: Vec<String> = professions_of(db, &[id]).await?.remove(&id).unwrap_or_default().into_iter().map(|r| r.name).collect();
    op::Entity::delete_many().filter(op::Column::OrganisationId.eq(id)).exec(db).await?;
    organisation::Entity::delete_by_id(id).exec(db).await?;
    let snapshot = Audit(&before, names).snapshot();
    let changes = audit::diff(&snapshot, &vec![]);
    audit::record(db, actor, "organisation", Some(id as i64), Action::Delete, &before.name, &changes, now).await?;
    Ok(DeleteOutcome::Deleted)
}
