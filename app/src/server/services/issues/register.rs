//! Issues of the confidential register: one profession's register, the record with its
//! history and actions, and saving (codes assigned per profession, layer and status changes
//! kept with their dates). Every read goes through the caller's `IssueAccess`.

use super::access::IssueAccess;
use crate::server::services::audit::{self, Action, Actor, Audited, Snapshot};
use crate::server::services::issues::actions::{action_views, meeting_labels};
use crate::server::services::shared::versioned::{update_versioned, differing_pairs, problems};
use crate::dto::directory::Ref;
use crate::dto::issues::{ChangeView, IssueChoices, IssueFilter, IssueSummary, IssueView, Register};
use crate::domain::issues::{code_order, next_code, normalize_code, source_label, IssueInput, IssueStatus, Layer, Mark};
use crate::domain::dates;
use crate::domain::meetings::parse_date;
use crate::domain::text::{normalize_for_search, search_term};
use crate::domain::FiscalYear;
use crate::error::AppError;
use crate::server::entities::{issue, issue_action, issue_change, meeting, profession};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::HashMap;

/// The issues within the scope (or those of `ids` among them), each named
/// "薬剤師 A 件名", by profession and code: what forms offer and links show.
pub async fn labelled(db: &impl ConnectionTrait, access: &IssueAccess, ids: Option<&[i32]>) -> Result<Vec<Ref>, AppError> {
    let mut query = access.issues().order_by_asc(issue::Column::ProfessionId).order_by_asc(issue::Column::CodeOrder).order_by_asc(issue::Column::Code);
    if let Some(ids) = ids {
        query = query.filter(issue::Column::Id.is_in(ids.to_vec()));
    }
    let rows = query.all(db).await?;
    let professions: HashMap<i32, String> = profession::Entity::find().all(db).await?.into_iter().map(|p| (p.id, p.name)).collect();
    Ok(rows.into_iter().map(|i| Ref { id: i.id, name: format!("{} {} {}", professions.get(&i.profession_id).cloned().unwrap_or_default(), i.code, i.title) }).collect())
}

/// A profession's issues in code order (A, B, …, Z, AA, …).
pub async fn of_profession(db: &impl ConnectionTrait, access: &IssueAccess, profession: i32) -> Result<Vec<issue::Model>, AppError> {
    Ok(access
        .issues()
        .filter(issue::Column::ProfessionId.eq(profession))
        .order_by_asc(issue::Column::CodeOrder)
        .order_by_asc(issue::Column::Code)
        .all(db)
        .await?)
}

pub fn layer_of(m: &issue::Model) -> Layer {
    Layer::from_code(&m.layer).unwrap_or(Layer::Within)
}

pub fn status_of(m: &issue::Model) -> IssueStatus {
    IssueStatus::from_code(&m.status).unwrap_or(IssueStatus::Extracted)
}

pub async fn register(db: &impl ConnectionTrait, access: &IssueAccess, profession: i32, f: &IssueFilter) -> Result<Register, AppError> {
    let prof = access.profession(db, profession).await?;
    let all = of_profession(db, access, profession).await?;
    let total = all.len() as u64;
    let term = f.q.as_deref().map(search_term).filter(|t| !t.is_empty());
    let wanted = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let (layer, status) = (wanted(&f.layer), wanted(&f.status));
    let rows: Vec<issue::Model> = all
        .into_iter()
        .filter(|i| layer.as_deref().is_none_or(|l| i.layer == l))
        .filter(|i| status.as_deref().is_none_or(|s| i.status == s))
        .filter(|i| term.as_deref().is_none_or(|t| i.search_text.contains(t)))
        .collect();
    let ids: Vec<i32> = rows.iter().map(|i| i.id).collect();
    let mut last: HashMap<i32, (NaiveDate, String)> = HashMap::new();
    for a in access
        .actions()
        .filter(issue_action::Column::IssueId.is_in(ids))
        .order_by_asc(issue_action::Column::ActedOn)
        .order_by_asc(issue_action::Column::Id)
        .all(db)
        .await?
    {
        last.insert(a.issue_id, (a.acted_on, a.mark));
    }
    let items = rows
        .iter()
        .map(|i| IssueSummary {
            id: i.id,
            code: i.code.clone(),
            title: i.title.clone(),
            layer: layer_of(i),
            status: status_of(i),
            first_year: FiscalYear(i.fiscal_year).short_label(),
            last_action: last.get(&i.id).map(|(d, m)| format!("{} {}", dates::day(*d), Mark::from_code(m).map(|m| m.symbol()).unwrap_or(""))),
        })
        .collect();
    Ok(Register { profession: prof, items, total })
}

pub fn to_input(m: &issue::Model) -> IssueInput {
    IssueInput {
        profession: m.profession_id.to_string(),
        code: m.code.clone(),
        title: m.title.clone(),
        description: m.description.clone(),
        layer: m.layer.clone(),
        status: m.status.clone(),
        source: m.source.clone(),
        source_meeting: m.source_meeting_id.map(|i| i.to_string()).unwrap_or_default(),
        source_note: m.source_note.clone(),
        extracted_on: m.extracted_on.map(|d| d.to_string()).unwrap_or_default(),
        fiscal_year: FiscalYear(m.fiscal_year).short_label(),
        changed_on: String::new(),
        scenes: crate::domain::scenes::scene_codes(&m.scenes),
    }
}

fn change_label(field: &str, value: &str) -> (String, String) {
    match field {
        "layer" => ("層".into(), Layer::from_code(value).map(|l| format!("{}（→{}）", l.label(), l.route())).unwrap_or_default()),
        _ => ("状況".into(), IssueStatus::from_code(value).map(|s| s.label().to_string()).unwrap_or_default()),
    }
}

pub async fn get(db: &impl ConnectionTrait, access: &IssueAccess, id: i32) -> Result<IssueView, AppError> {
    let m = access.find(db, id).await?;
    let profession = access.profession(db, m.profession_id).await?;
    let history = access
        .changes()
        .filter(issue_change::Column::IssueId.eq(id))
        .order_by_asc(issue_change::Column::ChangedOn)
        .order_by_asc(issue_change::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            let (field, value) = change_label(&c.field, &c.value);
            ChangeView { date: dates::day(c.changed_on), field, value, user: c.user_name }
        })
        .collect();
    let actions = access
        .actions()
        .filter(issue_action::Column::IssueId.eq(id))
        .order_by_asc(issue_action::Column::ActedOn)
        .order_by_asc(issue_action::Column::Id)
        .all(db)
        .await?;
    let mut meeting_ids: Vec<i32> = actions.iter().filter_map(|a| a.meeting_id).collect();
    meeting_ids.extend(m.source_meeting_id);
    let meetings = meeting_labels(db, &meeting_ids).await?;
    Ok(IssueView {
        id,
        profession,
        input: to_input(&m),
        scene_codes: crate::domain::scenes::scene_codes(&m.scenes),
        code: m.code.clone(),
        layer: layer_of(&m),
        status: status_of(&m),
        source: source_label(&m.source).unwrap_or("").to_string(),
        source_meeting: m.source_meeting_id.and_then(|i| meetings.get(&i).map(|n| Ref { id: i, name: n.clone() })),
        fiscal_year: FiscalYear(m.fiscal_year).long_label(),
        extracted_on: m.extracted_on.map(dates::day).unwrap_or_default(),
        history,
        actions: action_views(&actions, &meetings),
        version: m.version,
        updated_at: dates::day_time(m.updated_at),
        referrals: Vec::new(),
        initiatives: crate::server::services::initiatives::links::of_record(db, crate::server::services::initiatives::links::Kind::Issue, id).await?,
    })
}

/// Professions and meetings for the issue and action forms.
pub async fn choices(db: &impl ConnectionTrait) -> Result<IssueChoices, AppError> {
    let professions = crate::server::services::directory::choices(db).await?.professions;
    let meetings = crate::server::services::issues::actions::meeting_choices(db).await?;
    Ok(IssueChoices { professions, meetings, initiatives: Vec::new() })
}

struct Audit<'a> {
    m: &'a issue::Model,
    profession: String,
}

impl Audited for Audit<'_> {
    const ENTITY_TYPE: &'static str = "issue";
    fn audit_id(&self) -> i64 {
        self.m.id as i64
    }
    fn audit_label(&self) -> String {
        format!("{} {} {}", self.profession, self.m.code, self.m.title)
    }
    fn snapshot(&self) -> Snapshot {
        let m = self.m;
        vec![
            ("profession", self.profession.clone()),
            ("code", m.code.clone()),
            ("title", m.title.clone()),
            ("description", m.description.clone()),
            ("layer", layer_of(m).label().to_string()),
            ("status", status_of(m).label().to_string()),
            ("source", source_label(&m.source).unwrap_or("").to_string()),
            ("source_meeting", m.source_meeting_id.map(|i| i.to_string()).unwrap_or_default()),
            ("source_note", m.source_note.clone()),
            ("extracted_on", m.extracted_on.map(|d| d.to_string()).unwrap_or_default()),
            ("fiscal_year", FiscalYear(m.fiscal_year).short_label()),
            ("scenes", crate::domain::scenes::scene_labels(&m.scenes).join("、")),
        ]
    }
}

/// Takes the profession's row lock (SQLite: the write lock) before reading its codes, so
/// that concurrent creations assign codes one after another instead of the same one twice.
async fn lock_profession(db: &impl ConnectionTrait, id: i32) -> Result<String, AppError> {
    let res = profession::Entity::update_many()
        .col_expr(profession::Column::Id, Expr::col(profession::Column::Id).into())
        .filter(profession::Column::Id.eq(id))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::field("profession", "職種の選択が正しくありません。"));
    }
    Ok(profession::Entity::find_by_id(id).one(db).await?.map(|p| p.name).unwrap_or_default())
}

async fn codes_in_use(db: &impl ConnectionTrait, access: &IssueAccess, profession: i32, except: Option<i32>) -> Result<Vec<String>, AppError> {
    let mut q = access.issues().select_only().column(issue::Column::Code).filter(issue::Column::ProfessionId.eq(profession));
    if let Some(id) = except {
        q = q.filter(issue::Column::Id.ne(id));
    }
    Ok(q.into_tuple().all(db).await?)
}

fn search_text(input: &IssueInput, code: &str) -> String {
    [code, &input.title, &input.description, &input.source_note].iter().map(|s| normalize_for_search(s)).collect::<Vec<_>>().join("\n")
}

fn differing(current: &IssueInput, input: &IssueInput) -> Vec<&'static str> {
    const FIELDS: [&str; 12] = ["profession", "code", "title", "description", "layer", "status", "source", "source_meeting", "source_note", "extracted_on", "fiscal_year", "scenes"];
    differing_pairs(&FIELDS, &current.pairs(), &input.pairs())
}

async fn record_change(db: &impl ConnectionTrait, actor: &Actor, issue_id: i32, field: &str, value: &str, on: NaiveDate, now: DateTime<Utc>) -> Result<(), AppError> {
    issue_change::ActiveModel {
        issue_id: Set(issue_id),
        field: Set(field.to_string()),
        value: Set(value.to_string()),
        changed_on: Set(on),
        user_name: Set(actor.name.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Creates (`id` None) or updates an issue and returns its id. A blank code gets the
/// profession's next one; layer and status changes are kept, dated `changed_on` (default today).
pub async fn save(
    db: &impl ConnectionTrait,
    access: &IssueAccess,
    actor: &Actor,
    id: Option<i32>,
    version: Option<i32>,
    input: &IssueInput,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    input.check().map_err(problems)?;
    let profession_id: i32 = input.profession.trim().parse().map_err(|_| AppError::field("profession", "職種を選んでください。"))?;
    if !access.allows(profession_id) {
        return Err(AppError::field("profession", "職種の選択が正しくありません。"));
    }
    // First, before any read: see `lock_profession`.
    let profession_name = lock_profession(db, profession_id).await?;
    let layer = Layer::from_code(&input.layer).ok_or_else(|| AppError::field("layer", "層を選んでください。"))?;
    let status = IssueStatus::from_code(&input.status).ok_or_else(|| AppError::field("status", "状況を選んでください。"))?;
    let source_meeting = if input.source.trim() == "meeting" {
        let mid: i32 = input.source_meeting.trim().parse().map_err(|_| AppError::field("source_meeting", "抽出元の会議を選んでください。"))?;
        let m = meeting::Entity::find_by_id(mid).one(db).await?.ok_or_else(|| AppError::field("source_meeting", "会議の選択が正しくありません。"))?;
        Some(m)
    } else {
        None
    };
    let meeting_date = source_meeting.as_ref().map(|m| m.held_on);
    let extracted_on = parse_date(&input.extracted_on).or(meeting_date);
    let fiscal_year = input.fiscal_year_with(meeting_date).unwrap_or_else(|| FiscalYear::of(today));
    let changed_on = parse_date(&input.changed_on).unwrap_or(today);
    let before = match id {
        Some(id) => Some(access.find(db, id).await?),
        None => None,
    };
    let typed_code = normalize_code(&input.code);
    let used = codes_in_use(db, access, profession_id, id).await?;
    let code = match &before {
        _ if !typed_code.is_empty() => typed_code,
        Some(b) if b.profession_id == profession_id => b.code.clone(),
        _ => next_code(used.iter().map(String::as_str)),
    };
    if used.contains(&code) {
        return Err(AppError::field("code", format!("記号「{code}」は{profession_name}の課題ですでに使われています。")));
    }
    let fill = |am: &mut issue::ActiveModel| {
        am.profession_id = Set(profession_id);
        am.code = Set(code.clone());
        am.code_order = Set(code_order(&code));
        am.title = Set(input.title.trim().to_string());
        am.description = Set(input.description.trim_end().to_string());
        am.layer = Set(layer.code().to_string());
        am.status = Set(status.code().to_string());
        am.source = Set(input.source.trim().to_string());
        am.source_meeting_id = Set(source_meeting.as_ref().map(|m| m.id));
        am.source_note = Set(input.source_note.trim().to_string());
        am.extracted_on = Set(extracted_on);
        am.fiscal_year = Set(fiscal_year.0);
        am.search_text = Set(search_text(input, &code));
        am.scenes = Set(crate::domain::scenes::scenes_text(&input.scenes));
        am.updated_at = Set(now);
    };
    match before {
        None => {
            let mut am = issue::ActiveModel { created_at: Set(now), version: Set(1), ..Default::default() };
            fill(&mut am);
            let model = am.insert(db).await?;
            // The history starts on the day the issue was extracted, when that is known.
            let since = if input.changed_on.trim().is_empty() { extracted_on.unwrap_or(today) } else { changed_on };
            record_change(db, actor, model.id, "layer", layer.code(), since, now).await?;
            record_change(db, actor, model.id, "status", status.code(), since, now).await?;
            audit::record_create(db, actor, &Audit { m: &model, profession: profession_name }, now).await?;
            Ok(model.id)
        }
        Some(before) => {
            let id = before.id;
            let before_profession = profession::Entity::find_by_id(before.profession_id).one(db).await?.map(|p| p.name).unwrap_or_default();
            let expected = crate::server::services::shared::versioned::expected_version(version)?;
            let mut am: issue::ActiveModel = before.clone().into();
            fill(&mut am);
            update_versioned(db, "issue", id, expected, am, || differing(&to_input(&before), input)).await?;
            if before.layer != layer.code() {
                record_change(db, actor, id, "layer", layer.code(), changed_on, now).await?;
            }
            if before.status != status.code() {
                record_change(db, actor, id, "status", status.code(), changed_on, now).await?;
            }
            let after = access.find(db, id).await?;
            audit::record_change(
                db,
                actor,
                Action::Update,
                &Audit { m: &before, profession: before_profession },
                &Audit { m: &after, profession: profession_name },
                now,
            )
            .await?;
            Ok(id)
        }
    }
}

/// Profession names by id (for labels across registers).
pub async fn profession_names(db: &impl ConnectionTrait) -> Result<HashMap<i32, String>, AppError> {
    Ok(profession::Entity::find().all(db).await?.into_iter().map(|p| (p.id, p.name)).collect())
}
