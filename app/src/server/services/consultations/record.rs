//! Consultation records: list, read, save (versioned, audited), archive.

use crate::server::services::audit::{self, Action, Actor, Audited, Snapshot};
use crate::server::services::consultations::categories;
use crate::server::services::issues::access::IssueAccess;
use crate::server::services::issues::register::labelled;
use crate::server::services::issues::actions::meeting_label;
use crate::server::services::issues::matrix::year;
use crate::server::services::shared::versioned::{update_versioned, differing_pairs, problems, set_active_versioned};
use crate::dto::consultations::{ConsultationChoices, ConsultationList, ConsultationQuery, ConsultationSummary, ConsultationView, RequesterChoice};
use crate::dto::directory::Ref;
use crate::domain::consultations::{method_label, parse_any_date, region_label, status_label, ConsultationInput, RequesterPerson};
use crate::domain::dates;
use crate::domain::text::{normalize_for_search, search_term};
use crate::domain::FiscalYear;
use crate::error::AppError;
use crate::server::entities::{consultation, consultation_category, meeting, organisation, person, profession};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::HashMap;

const PAGE_SIZE: u64 = 50;

/// Names of what consultations refer to, loaded once per request.
pub struct Names {
    pub categories: HashMap<i32, String>,
    pub organisations: HashMap<i32, String>,
    pub professions: HashMap<i32, String>,
}

impl Names {
    pub async fn load(db: &impl ConnectionTrait) -> Result<Names, AppError> {
        let pairs = |v: Vec<(i32, String)>| v.into_iter().collect::<HashMap<_, _>>();
        Ok(Names {
            categories: pairs(consultation_category::Entity::find().select_only().columns([consultation_category::Column::Id, consultation_category::Column::Name]).into_tuple().all(db).await?),
            organisations: pairs(organisation::Entity::find().select_only().columns([organisation::Column::Id, organisation::Column::Name]).into_tuple().all(db).await?),
            professions: pairs(profession::Entity::find().select_only().columns([profession::Column::Id, profession::Column::Name]).into_tuple().all(db).await?),
        })
    }

    /// The directory's organisation name, else the affiliation as typed.
    pub fn organisation(&self, m: &consultation::Model) -> String {
        m.organisation_id.and_then(|i| self.organisations.get(&i).cloned()).unwrap_or_else(|| m.organisation_text.clone())
    }

    pub fn profession(&self, m: &consultation::Model) -> String {
        m.profession_id.and_then(|i| self.professions.get(&i).cloned()).unwrap_or_default()
    }

    pub fn category(&self, m: &consultation::Model) -> String {
        self.categories.get(&m.category_id).cloned().unwrap_or_default()
    }
}

fn condition(q: &ConsultationQuery) -> Condition {
    let mut c = Condition::all().add(consultation::Column::Active.eq(!q.archived.unwrap_or(false)));
    if let Some(fy) = q.fy {
        c = c.add(consultation::Column::FiscalYear.eq(fy));
    }
    if let Some(cat) = q.category {
        c = c.add(consultation::Column::CategoryId.eq(cat));
    }
    if let Some(s) = q.status.as_deref().filter(|s| status_label(s).is_some()) {
        c = c.add(consultation::Column::Status.eq(s));
    }
    if let Some(fy) = q.solved_fy {
        c = c.add(consultation::Column::SolvedFiscalYear.eq(fy));
    }
    if let Some(term) = q.q.as_deref().map(search_term).filter(|t| !t.is_empty()) {
        c = c.add(consultation::Column::SearchText.contains(term));
    }
    c
}

pub async fn list(db: &impl ConnectionTrait, q: &ConsultationQuery) -> Result<ConsultationList, AppError> {
    let paginator = consultation::Entity::find()
        .filter(condition(q))
        .order_by_desc(consultation::Column::ReceivedOn)
        .order_by_desc(consultation::Column::Id)
        .paginate(db, PAGE_SIZE);
    let counts = paginator.num_items_and_pages().await?;
    let pages = counts.number_of_pages.max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let rows = paginator.fetch_page(page - 1).await?;
    let names = Names::load(db).await?;
    let items = rows
        .iter()
        .map(|m| ConsultationSummary {
            id: m.id,
            date: dates::day(m.received_on),
            fiscal_year: FiscalYear(m.fiscal_year).short_label(),
            category: names.category(m),
            content: crate::domain::text::first_line(&m.content, 40),
            requester: m.requester.clone(),
            affiliation: [names.organisation(m), names.profession(m)].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" / "),
            method: method_label(&m.method).unwrap_or("").to_string(),
            wanted: m.wanted,
            status: status_label(&m.status).unwrap_or("").to_string(),
            status_code: m.status.clone(),
        })
        .collect();
    let mut years: Vec<i32> = consultation::Entity::find().select_only().column(consultation::Column::FiscalYear).distinct().into_tuple().all(db).await?;
    years.sort_unstable_by(|a, b| b.cmp(a));
    let solved: Vec<Option<i32>> = consultation::Entity::find()
        .select_only()
        .column(consultation::Column::SolvedFiscalYear)
        .filter(consultation::Column::SolvedFiscalYear.is_not_null())
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let mut solved: Vec<i32> = solved.into_iter().flatten().collect();
    solved.sort_unstable_by(|a, b| b.cmp(a));
    let categories = categories::all(db).await?.into_iter().map(|c| Ref { id: c.id, name: c.name }).collect();
    Ok(ConsultationList {
        items,
        total: counts.number_of_items,
        page,
        pages,
        years: years.into_iter().map(year).collect(),
        solved_years: solved.into_iter().map(year).collect(),
        categories,
    })
}

fn to_input(m: &consultation::Model) -> ConsultationInput {
    let id = |v: Option<i32>| v.map(|i| i.to_string()).unwrap_or_default();
    ConsultationInput {
        received_on: m.received_on.to_string(),
        requester: m.requester.clone(),
        // The pick is not stored: the requester's fields keep what it filled in.
        requester_person: String::new(),
        organisation: id(m.organisation_id),
        organisation_text: m.organisation_text.clone(),
        profession: id(m.profession_id),
        region: m.region.clone(),
        method: m.method.clone(),
        category: m.category_id.to_string(),
        wanted: if m.wanted { "on".into() } else { String::new() },
        content: m.content.clone(),
        response: m.response.clone(),
        status: m.status.clone(),
        solved_fy: m.solved_fiscal_year.map(|y| FiscalYear(y).short_label()).unwrap_or_default(),
        meeting: id(m.meeting_id),
        issue: id(m.issue_id),
    }
}


pub async fn get(db: &impl ConnectionTrait, access: &IssueAccess, id: i32) -> Result<ConsultationView, AppError> {
    let m = consultation::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let names = Names::load(db).await?;
    let meeting = match m.meeting_id {
        Some(mid) => meeting::Entity::find_by_id(mid).one(db).await?.map(|x| Ref { id: x.id, name: meeting_label(x.held_on, &x.title) }),
        None => None,
    };
    let issue = match m.issue_id {
        Some(iid) => labelled(db, access, Some(&[iid])).await?.into_iter().next(),
        None => None,
    };
    Ok(ConsultationView {
        id,
        input: to_input(&m),
        date: dates::day(m.received_on),
        fiscal_year: FiscalYear(m.fiscal_year).long_label(),
        category: names.category(&m),
        requester: m.requester.clone(),
        organisation: m.organisation_id.and_then(|i| names.organisations.get(&i).map(|n| Ref { id: i, name: n.clone() })),
        organisation_text: m.organisation_text.clone(),
        profession: names.profession(&m),
        region: region_label(&m.region).unwrap_or("").to_string(),
        method: method_label(&m.method).unwrap_or("").to_string(),
        wanted: m.wanted,
        content: m.content.clone(),
        response: m.response.clone(),
        status: status_label(&m.status).unwrap_or("").to_string(),
        solved_fy: m.solved_fiscal_year.map(|y| format!("{}（{}）", FiscalYear(y).short_label(), FiscalYear(y).western_label())).unwrap_or_default(),
        meeting,
        issue,
        imported: m.import_key.is_some(),
        initiatives: crate::server::services::initiatives::links::of_record(db, crate::server::services::initiatives::links::Kind::Consultation, id).await?,
        active: m.active,
        version: m.version,
        updated_at: dates::day_time(m.updated_at),
    })
}

/// Choices for the form; `editing` keeps a retired category the record already has.
pub async fn choices(db: &impl ConnectionTrait, access: &IssueAccess, editing: Option<i32>) -> Result<ConsultationChoices, AppError> {
    let current = match editing {
        Some(id) => consultation::Entity::find_by_id(id).one(db).await?.map(|m| m.category_id),
        None => None,
    };
    let categories = categories::all(db)
        .await?
        .into_iter()
        .filter(|c| c.active || Some(c.id) == current)
        .map(|c| Ref { id: c.id, name: c.name })
        .collect();
    let dir = crate::server::services::directory::choices(db).await?;
    let issues = labelled(db, access, None).await?;
    Ok(ConsultationChoices {
        categories,
        professions: dir.professions,
        organisations: dir.organisations,
        people: requester_choices(db).await?,
        meetings: crate::server::services::issues::actions::meeting_choices(db).await?,
        issues,
        initiatives: Vec::new(),
    })
}

/// Active people of the directory, sorted by organisation name (no organisation last) and
/// then by kana, so the form can group them.
async fn requester_choices(db: &impl ConnectionTrait) -> Result<Vec<RequesterChoice>, AppError> {
    let names = Names::load(db).await?;
    let mut people = person::Entity::find().filter(person::Column::Active.eq(true)).all(db).await?;
    let org = |p: &person::Model| p.organisation_id.and_then(|o| names.organisations.get(&o).cloned());
    people.sort_by(|a, b| {
        let key = |p: &person::Model| (org(p).is_none(), org(p).unwrap_or_default(), if p.kana.is_empty() { p.name.clone() } else { p.kana.clone() }, p.id);
        key(a).cmp(&key(b))
    });
    Ok(people
        .iter()
        .map(|p| RequesterChoice {
            id: p.id,
            name: p.name.clone(),
            organisation: org(p),
            profession: p.profession_id.and_then(|i| names.professions.get(&i).cloned()),
        })
        .collect())
}

/// The input with the requester's empty fields filled from the directory person picked, if
/// any; a person that does not exist is a field error.
async fn with_picked_requester(db: &impl ConnectionTrait, input: &ConsultationInput) -> Result<ConsultationInput, AppError> {
    let Some(pid) = parse_id(&input.requester_person) else {
        return Ok(input.clone());
    };
    let p = person::Entity::find_by_id(pid).one(db).await?.ok_or_else(|| AppError::field("requester_person", "名簿の人の選択が正しくありません。"))?;
    Ok(input.with_requester_from(&RequesterPerson { name: p.name, organisation_id: p.organisation_id, profession_id: p.profession_id }))
}

pub struct Audit<'a> {
    pub m: &'a consultation::Model,
    pub names: &'a Names,
}

impl Audited for Audit<'_> {
    const ENTITY_TYPE: &'static str = "consultation";
    fn audit_id(&self) -> i64 {
        self.m.id as i64
    }
    fn audit_label(&self) -> String {
        format!("{} {}", self.m.received_on.format("%Y/%m/%d"), self.names.category(self.m))
    }
    fn snapshot(&self) -> Snapshot {
        let m = self.m;
        let id = |v: Option<i32>| v.map(|i| i.to_string()).unwrap_or_default();
        vec![
            ("received_on", m.received_on.to_string()),
            ("requester", m.requester.clone()),
            ("organisation", self.names.organisation(m)),
            ("profession", self.names.profession(m)),
            ("region", region_label(&m.region).unwrap_or("").to_string()),
            ("method", method_label(&m.method).unwrap_or("").to_string()),
            ("category", self.names.category(m)),
            ("wanted", if m.wanted { "はい" } else { "いいえ" }.to_string()),
            ("content", m.content.clone()),
            ("response", m.response.clone()),
            ("status", status_label(&m.status).unwrap_or("").to_string()),
            ("solved_fy", m.solved_fiscal_year.map(|y| FiscalYear(y).short_label()).unwrap_or_default()),
            ("meeting", id(m.meeting_id)),
            ("issue", id(m.issue_id)),
        ]
    }
}

pub fn search_text(requester: &str, affiliation: &str, content: &str, response: &str) -> String {
    [requester, affiliation, content, response].iter().map(|s| normalize_for_search(s)).collect::<Vec<_>>().join("\n")
}

fn parse_id(v: &str) -> Option<i32> {
    v.trim().parse().ok()
}

fn differing(current: &ConsultationInput, input: &ConsultationInput) -> Vec<&'static str> {
    const FIELDS: [&str; 15] = [
        "received_on", "requester", "organisation", "organisation_text", "profession", "region", "method", "category", "wanted", "content", "response", "status",
        "solved_fy", "meeting", "issue",
    ];
    differing_pairs(&FIELDS, &current.pairs(), &input.pairs())
}

/// Creates (`id` None) or updates a consultation and returns its id.
pub async fn save(db: &impl ConnectionTrait, access: &IssueAccess, actor: &Actor, id: Option<i32>, version: Option<i32>, input: &ConsultationInput, now: DateTime<Utc>) -> Result<i32, AppError> {
    input.check().map_err(problems)?;
    let input = &with_picked_requester(db, input).await?;
    let received_on = parse_any_date(&input.received_on).map_err(|m| AppError::field("received_on", m))?;
    let before = match id {
        Some(id) => Some(consultation::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?),
        None => None,
    };
    let category_id = parse_id(&input.category).unwrap_or_default();
    let category = consultation_category::Entity::find_by_id(category_id).one(db).await?;
    // A retired category is not offered any more, except to a record that already has it.
    if !category.is_some_and(|c| c.active || before.as_ref().is_some_and(|b| b.category_id == c.id)) {
        return Err(AppError::field("category", "分類の選択が正しくありません。"));
    }
    // The names are needed for the search text and the audit anyway; they also tell
    // whether the chosen organisation and profession exist.
    let names = Names::load(db).await?;
    let organisation_id = parse_id(&input.organisation);
    if organisation_id.is_some_and(|o| !names.organisations.contains_key(&o)) {
        return Err(AppError::field("organisation", "所属の選択が正しくありません。"));
    }
    let profession_id = parse_id(&input.profession);
    if profession_id.is_some_and(|p| !names.professions.contains_key(&p)) {
        return Err(AppError::field("profession", "職種の選択が正しくありません。"));
    }
    let meeting_id = parse_id(&input.meeting);
    if let Some(m) = meeting_id {
        meeting::Entity::find_by_id(m).one(db).await?.ok_or_else(|| AppError::field("meeting", "会議の選択が正しくありません。"))?;
    }
    let issue_id = parse_id(&input.issue);
    if let Some(i) = issue_id {
        access.get(db, i).await?.ok_or_else(|| AppError::field("issue", "課題の選択が正しくありません。"))?;
    }
    let affiliation = organisation_id.and_then(|o| names.organisations.get(&o).cloned()).unwrap_or_else(|| input.organisation_text.trim().to_string());
    let fill = |am: &mut consultation::ActiveModel| {
        am.received_on = Set(received_on);
        am.fiscal_year = Set(FiscalYear::of(received_on).0);
        am.requester = Set(input.requester.trim().to_string());
        am.organisation_id = Set(organisation_id);
        am.organisation_text = Set(if organisation_id.is_some() { String::new() } else { input.organisation_text.trim().to_string() });
        am.profession_id = Set(profession_id);
        am.region = Set(input.region.trim().to_string());
        am.method = Set(input.method.trim().to_string());
        am.category_id = Set(category_id);
        am.wanted = Set(input.wanted());
        am.content = Set(input.content.trim_end().to_string());
        am.response = Set(input.response.trim_end().to_string());
        am.status = Set(input.status.trim().to_string());
        am.solved_fiscal_year = Set(FiscalYear::parse(&input.solved_fy).map(|f| f.0));
        am.meeting_id = Set(meeting_id);
        am.issue_id = Set(issue_id);
        am.search_text = Set(search_text(&input.requester, &affiliation, &input.content, &input.response));
        am.updated_at = Set(now);
    };
    match before {
        None => {
            let mut am = consultation::ActiveModel { created_at: Set(now), version: Set(1), active: Set(true), import_key: Set(None), ..Default::default() };
            fill(&mut am);
            let model = am.insert(db).await?;
            audit::record_create(db, actor, &Audit { m: &model, names: &names }, now).await?;
            Ok(model.id)
        }
        Some(before) => {
            let id = before.id;
            let expected = crate::server::services::shared::versioned::expected_version(version)?;
            let mut am: consultation::ActiveModel = before.clone().into();
            fill(&mut am);
            update_versioned(db, "consultation", id, expected, am, || differing(&to_input(&before), input)).await?;
            let after = consultation::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            audit::record_change(db, actor, Action::Update, &Audit { m: &before, names: &names }, &Audit { m: &after, names: &names }, now).await?;
            Ok(id)
        }
    }
}

/// Archives (out of lists and counts) or restores a consultation.
pub async fn set_active(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: i32, active: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    let before = consultation::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    set_active_versioned::<consultation::Entity>(db, "consultation", id, version, active, now).await?;
    let after = consultation::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let names = Names::load(db).await?;
    let action = if active { Action::Restore } else { Action::Archive };
    audit::record_change(db, actor, action, &Audit { m: &before, names: &names }, &Audit { m: &after, names: &names }, now).await
}
