//! Importing the centres' spreadsheets of resources (XLSX, or CSV in UTF-8 / Shift_JIS):
//! columns found by header, a preview with every row's problems, likely duplicates (the same
//! name in the same district) offered for merging, and nothing saved until confirmed — then
//! all rows or none. Every row goes through the same save as the form, within the caller's
//! scope: a collector imports into their district only, and what they import waits in the
//! screening queue.

use super::lists::{Categories, Districts};
use super::record::{save_in, to_input};
use super::scope::Scope;
use crate::domain::consultations::parse_any_date;
use crate::domain::resource_import::{district_key, field_of, header_of, merge, parse_activity, field_mut, REQUIRED};
use crate::domain::text::normalize_for_search;
use crate::domain::resources::ResourceInput;
use crate::dto::consultations::ImportProblem;
use crate::dto::resources::{ImportDuplicate, ImportRow, ResourceImportPreview};
use crate::error::AppError;
use crate::server::entities::{resource, resource_import};
use crate::server::services::audit::{self, Action, Actor};
use crate::server::services::shared::imports::{self, at_line, read_table, refuse_problems, Table};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::collections::HashMap;

pub use crate::server::services::shared::uploads::MAX_FILE_BYTES;

pub struct Row {
    pub line: u64,
    pub input: ResourceInput,
    /// An entry of the list with the same name in the same district.
    pub duplicate_of: Option<i32>,
}

pub type Parsed = imports::Parsed<Row>;

/// Names as the files write them, to ids; and the list's entries by district and name.
pub struct Lookups {
    categories: Categories,
    category_keys: HashMap<String, i32>,
    districts: Districts,
    district_keys: HashMap<String, i32>,
    /// The list's active entries in scope, by district and name.
    existing: HashMap<(Option<i32>, String), resource::Model>,
}

/// 「地域の参加資源 › つながるカフェ」, 「地域の参加資源>つながるカフェ」 and 「地域の参加資源／つながるカフェ」 alike.
fn category_key(s: &str) -> String {
    normalize_for_search(s).chars().filter(|c| !matches!(c, '›' | '>' | '/' | '＞' | '／')).collect()
}

fn name_key(s: &str) -> String {
    normalize_for_search(s)
}

impl Lookups {
    pub async fn load(db: &impl ConnectionTrait, scope: Scope) -> Result<Lookups, AppError> {
        let categories = Categories::load(db).await?;
        let choices = categories.choices();
        let mut category_keys = HashMap::new();
        // A sub-category's own name (「つながるカフェ」) when no other category has it.
        for c in &choices {
            let own = c.name.rsplit(" › ").next().unwrap_or(&c.name);
            if choices.iter().filter(|o| o.name.rsplit(" › ").next() == Some(own)).count() == 1 {
                category_keys.insert(category_key(own), c.id);
            }
        }
        for c in &choices {
            category_keys.insert(category_key(&c.name), c.id);
        }
        let districts = Districts::load(db).await?;
        let district_keys = districts.choices().into_iter().map(|d| (district_key(&d.name), d.id)).collect();
        let existing = resource::Entity::find()
            .filter(scope.condition())
            .filter(resource::Column::Active.eq(true))
            .all(db)
            .await?
            .into_iter()
            .map(|m| ((m.district_id, name_key(&m.name)), m))
            .collect();
        Ok(Lookups { categories, category_keys, districts, district_keys, existing })
    }

    /// An entry of the list a row matched.
    fn entry(&self, id: i32) -> Result<resource::Model, AppError> {
        self.existing.values().find(|m| m.id == id).cloned().ok_or(AppError::NotFound)
    }

    fn top_categories(&self) -> String {
        self.categories.choices().into_iter().filter(|c| c.parent_id.is_none()).map(|c| c.name).collect::<Vec<_>>().join("、")
    }
}

fn problem(line: u64, field: &str, message: impl Into<String>) -> ImportProblem {
    ImportProblem { line, column: header_of(field).to_string(), message: message.into() }
}

/// A row as a new entry: a blank status is a running one.
fn as_new(input: &ResourceInput) -> ResourceInput {
    let mut input = input.clone();
    if input.activity.trim().is_empty() {
        input.activity = crate::domain::resources::Activity::Active.code().to_string();
    }
    input
}

/// Reads every row; a row with any problem is left out of `rows`.
pub fn parse(bytes: &[u8], lookups: &Lookups, scope: Scope) -> Parsed {
    let mut out = Parsed::empty();
    let Some(Table { header_line, index, rows, .. }) = read_table(bytes, field_of, header_of, &REQUIRED, "「名称」「分類」「地区」", &mut out) else { return out };
    let own_district = match scope {
        Scope::District(d) => Some(d),
        Scope::Team => None,
    };
    let mut seen: HashMap<(Option<i32>, String), u64> = HashMap::new();
    for (line, cells) in rows {
        out.data_rows += 1;
        let before = out.problems.len();
        let mut bad = |field: &str, message: String| out.problems.push(problem(line, field, message));
        let mut input = ResourceInput::default();
        for (field, i) in &index {
            if let (Some(target), Some(value)) = (field_mut(&mut input, field), cells.get(*i)) {
                *target = value.trim().to_string();
            }
        }
        let category = input.category.clone();
        input.category = if category.is_empty() {
            bad("category", "分類がありません。".into());
            String::new()
        } else {
            match lookups.category_keys.get(&category_key(&category)) {
                Some(id) => id.to_string(),
                None => {
                    bad("category", format!("分類「{category}」は分類の一覧にありません（大分類: {}）。", lookups.top_categories()));
                    String::new()
                }
            }
        };
        let district_text = input.district.clone();
        let district = if district_text.is_empty() {
            own_district
        } else {
            match lookups.district_keys.get(&district_key(&district_text)) {
                Some(id) => Some(*id),
                None => {
                    bad("district", format!("地区「{district_text}」は地区の一覧にありません。"));
                    own_district
                }
            }
        };
        if let (Some(own), Some(d)) = (own_district, district) {
            if own != d {
                bad("district", format!("担当地区（{}）以外の資源は取り込めません。", lookups.districts.name(Some(own))));
            }
        }
        input.district = district.map(|d| d.to_string()).unwrap_or_default();
        // A blank status says nothing: a new entry runs, a merged one keeps its status.
        if !input.activity.trim().is_empty() {
            match parse_activity(&input.activity) {
                Some(a) => input.activity = a.code().to_string(),
                None => bad("activity", format!("状況「{}」は読めません。活動中・休止中・終了 のどれかにしてください。", input.activity)),
            }
        }
        if !input.collected_on.is_empty() {
            match parse_any_date(&input.collected_on) {
                Ok(d) => input.collected_on = d.to_string(),
                Err(m) => bad("collected_on", m),
            }
        }
        if let Err(problems) = as_new(&input).check() {
            for (field, message) in problems {
                // Category and district were checked against the lists above.
                if !matches!(field, "category" | "district") {
                    bad(field, message);
                }
            }
        }
        let key = (district, name_key(&input.name));
        if !input.name.trim().is_empty() {
            if let Some(first) = seen.get(&key) {
                bad("name", format!("同じ地区の同じ名称が{first}行目にもあります。1行にまとめてください。"));
            } else {
                seen.insert(key.clone(), line);
            }
        }
        if out.problems.len() > before {
            continue;
        }
        let duplicate_of = lookups.existing.get(&key).map(|m| m.id);
        out.rows.push(Row { line, input, duplicate_of });
    }
    out.nothing_to_import(header_line);
    out
}

/// Keeps an uploaded file until its import is confirmed; returns its id. Unconfirmed files
/// older than a day are dropped on the way.
pub async fn store(db: &impl ConnectionTrait, user_id: i32, file_name: &str, content: Vec<u8>, now: DateTime<Utc>) -> Result<i32, AppError> {
    resource_import::Entity::delete_many()
        .filter(resource_import::Column::CommittedAt.is_null())
        .filter(resource_import::Column::CreatedAt.lt(now - chrono::Duration::days(1)))
        .exec(db)
        .await?;
    let name: String = file_name.chars().take(200).collect();
    let m = resource_import::ActiveModel {
        user_id: Set(user_id),
        file_name: Set(if name.is_empty() { "upload".into() } else { name }),
        content: Set(content),
        created_at: Set(now),
        committed_at: Set(None),
        created: Set(0),
        merged: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

async fn own_upload(db: &impl ConnectionTrait, user_id: i32, id: i32) -> Result<resource_import::Model, AppError> {
    resource_import::Entity::find_by_id(id).one(db).await?.filter(|m| m.user_id == user_id).ok_or(AppError::NotFound)
}

pub async fn preview(db: &impl ConnectionTrait, scope: Scope, user_id: i32, id: i32) -> Result<ResourceImportPreview, AppError> {
    let upload = own_upload(db, user_id, id).await?;
    if upload.committed_at.is_some() {
        return Ok(ResourceImportPreview {
            id,
            file_name: upload.file_name,
            format: String::new(),
            rows: 0,
            new_rows: Vec::new(),
            duplicates: Vec::new(),
            problems: Vec::new(),
            more_problems: 0,
            committed: Some((upload.created, upload.merged)),
        });
    }
    let lookups = Lookups::load(db, scope).await?;
    let parsed = parse(&upload.content, &lookups, scope);
    let district = |input: &ResourceInput| lookups.districts.name(input.district.parse().ok());
    let mut new_rows = Vec::new();
    let mut duplicates = Vec::new();
    for row in &parsed.rows {
        match row.duplicate_of {
            None => new_rows.push(ImportRow {
                line: row.line,
                name: row.input.name.clone(),
                category: lookups.categories.name(row.input.category.parse().unwrap_or_default()),
                district: district(&row.input),
            }),
            Some(existing_id) => {
                let existing = lookups.entry(existing_id)?;
                let (_, changed) = merge(&to_input(&existing), &row.input);
                duplicates.push(ImportDuplicate {
                    line: row.line,
                    name: row.input.name.clone(),
                    district: district(&row.input),
                    existing_id,
                    existing_name: existing.name,
                    changes: changed.into_iter().map(str::to_string).collect(),
                });
            }
        }
    }
    let (problems, more_problems) = imports::listed_problems(parsed.problems);
    Ok(ResourceImportPreview {
        id,
        file_name: upload.file_name.clone(),
        format: parsed.format.to_string(),
        rows: parsed.data_rows,
        new_rows,
        duplicates,
        problems,
        more_problems,
        committed: upload.committed_at.map(|_| (upload.created, upload.merged)),
    })
}

pub use crate::server::services::shared::uploads::{choice_for, Choice};

/// Saves the rows of an upload — all of them or, if any row has a problem, none. Returns
/// (created, merged).
#[allow(clippy::too_many_arguments)]
pub async fn commit(db: &impl ConnectionTrait, scope: Scope, actor: &Actor, user_id: i32, id: i32, choices: &[String], now: DateTime<Utc>) -> Result<(i32, i32), AppError> {
    let upload = own_upload(db, user_id, id).await?;
    // Claim the upload first: a second confirmation of the same file finds it taken.
    let claimed = resource_import::Entity::update_many()
        .col_expr(resource_import::Column::CommittedAt, Expr::value(now))
        .filter(resource_import::Column::Id.eq(id))
        .filter(resource_import::Column::CommittedAt.is_null())
        .exec(db)
        .await?;
    if claimed.rows_affected == 0 {
        return Err(AppError::Conflict("このファイルはすでに取り込み済みです。".into()));
    }
    let lookups = Lookups::load(db, scope).await?;
    let parsed = parse(&upload.content, &lookups, scope);
    refuse_problems(&parsed.problems)?;
    let (mut created, mut merged) = (0, 0);
    for row in &parsed.rows {
        match (row.duplicate_of, row.duplicate_of.map(|_| choice_for(row.line, choices))) {
            (Some(existing_id), Some(Choice::Merge)) => {
                // Loaded in this transaction; a file names an entry at most once.
                let existing = lookups.entry(existing_id)?;
                let (input, changed) = merge(&to_input(&existing), &row.input);
                if !changed.is_empty() {
                    save_in(db, scope, actor, Some(existing_id), Some(existing.version), &input, now).await.map_err(|e| at_line(row.line, e))?;
                    merged += 1;
                }
            }
            (Some(_), Some(Choice::Skip)) => {}
            _ => {
                save_in(db, scope, actor, None, None, &as_new(&row.input), now).await.map_err(|e| at_line(row.line, e))?;
                created += 1;
            }
        }
    }
    // The file (staff contacts among it) is not kept once its rows are saved.
    resource_import::Entity::update_many()
        .col_expr(resource_import::Column::Content, Expr::value(Vec::<u8>::new()))
        .col_expr(resource_import::Column::Created, Expr::value(created))
        .col_expr(resource_import::Column::Merged, Expr::value(merged))
        .filter(resource_import::Column::Id.eq(id))
        .exec(db)
        .await?;
    let summary = format!("{}: {}件を登録、{}件に反映", upload.file_name, created, merged);
    audit::record(db, actor, "resource_import", Some(id as i64), Action::Create, &summary, &[], now).await?;
    Ok((created, merged))
}
