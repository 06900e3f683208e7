//! Importing spreadsheets of organisations and of people (XLSX, or CSV in UTF-8 / Shift_JIS):
//! columns found by header, a preview with every row's problems, likely duplicates (an
//! organisation of the same name; a person of the same name in the same organisation)
//! offered for merging, and nothing saved until confirmed — then all rows or none. Every
//! row goes through the same save as the directory's forms.

use super::{organisations, people, professions};
use crate::domain::directory::{organisation_kind_label, OrganisationInput, PersonInput};
use crate::domain::directory_import::{
    field_of, header_of, kind_labels, merge_organisation, merge_person, organisation_text_mut, parse_kind, person_text_mut, Column,
    ORGANISATION_COLUMNS, ORGANISATION_REQUIRED, PERSON_COLUMNS, PERSON_REQUIRED,
};
use crate::domain::text::{normalize_for_search, split_name_list};
use crate::dto::consultations::ImportProblem;
use crate::dto::directory::{DirectoryImportDuplicate, DirectoryImportPreview, DirectoryImportRow};
use crate::error::AppError;
use crate::server::entities::{organisation, organisation_profession as op, person, record_import};
use crate::server::services::audit::{self, Action, Actor};
use crate::server::services::shared::imports::{at_line, listed_problems, read_table, refuse_problems, Parsed, Table};
use crate::server::services::shared::uploads::{self, choice_for, Choice, ImportKind};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

pub struct OrganisationRow {
    pub line: u64,
    pub input: OrganisationInput,
    /// An active organisation of the directory with the same name.
    pub duplicate_of: Option<i32>,
}

pub struct PersonRow {
    pub line: u64,
    pub input: PersonInput,
    /// An active person of the same name in the same organisation.
    pub duplicate_of: Option<i32>,
}

fn name_key(s: &str) -> String {
    normalize_for_search(s)
}

/// Names as files write them, to ids; and the directory's active records by name.
pub struct Lookups {
    /// Active professions by name, and by short name where no other has it.
    professions: HashMap<String, i32>,
    /// The active professions' names, for problems.
    known_professions: String,
    organisations: HashMap<i32, organisation::Model>,
    /// Active organisations by name, lowest id first.
    organisation_keys: HashMap<String, Vec<i32>>,
    organisation_professions: HashMap<i32, Vec<i32>>,
    people: HashMap<i32, person::Model>,
    /// Active people by organisation and name (the first registered when several).
    person_keys: HashMap<(Option<i32>, String), i32>,
}

impl Lookups {
    pub async fn load(db: &impl ConnectionTrait) -> Result<Lookups, AppError> {
        let active: Vec<_> = professions::all(db).await?.into_iter().filter(|p| p.active).collect();
        let mut profession_keys = HashMap::new();
        // A short name (「ケアマネ」) when no other profession has it; full names win.
        for p in &active {
            let short = name_key(&p.short_name);
            if !short.is_empty() && active.iter().filter(|o| name_key(&o.short_name) == short).count() == 1 {
                profession_keys.insert(short, p.id);
            }
        }
        for p in &active {
            profession_keys.insert(name_key(&p.name), p.id);
        }
        let known_professions = active.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("、");
        let mut organisations = HashMap::new();
        let mut organisation_keys: HashMap<String, Vec<i32>> = HashMap::new();
        for o in organisation::Entity::find().filter(organisation::Column::Active.eq(true)).order_by_asc(organisation::Column::Id).all(db).await? {
            organisation_keys.entry(name_key(&o.name)).or_default().push(o.id);
            organisations.insert(o.id, o);
        }
        let mut organisation_professions: HashMap<i32, Vec<i32>> = HashMap::new();
        for l in op::Entity::find().all(db).await? {
            organisation_professions.entry(l.organisation_id).or_default().push(l.profession_id);
        }
        for ids in organisation_professions.values_mut() {
            ids.sort();
            ids.dedup();
        }
        let mut people = HashMap::new();
        let mut person_keys = HashMap::new();
        for p in person::Entity::find().filter(person::Column::Active.eq(true)).order_by_asc(person::Column::Id).all(db).await? {
            person_keys.entry((p.organisation_id, name_key(&p.name))).or_insert(p.id);
            people.insert(p.id, p);
        }
        Ok(Lookups { professions: profession_keys, known_professions, organisations, organisation_keys, organisation_professions, people, person_keys })
    }

    fn profession(&self, name: &str) -> Option<i32> {
        self.professions.get(&name_key(name)).copied()
    }

    /// An organisation a row matched, with its input as the form would show it.
    fn organisation(&self, id: i32) -> Result<(organisation::Model, OrganisationInput), AppError> {
        let m = self.organisations.get(&id).cloned().ok_or(AppError::NotFound)?;
        let input = OrganisationInput { professions: self.organisation_professions.get(&id).cloned().unwrap_or_default(), ..organisations::to_input(&m, &[]) };
        Ok((m, input))
    }

    fn organisation_name(&self, id: Option<i32>) -> String {
        id.and_then(|id| self.organisations.get(&id)).map(|o| o.name.clone()).unwrap_or_default()
    }

    fn person(&self, id: i32) -> Result<person::Model, AppError> {
        self.people.get(&id).cloned().ok_or(AppError::NotFound)
    }
}

fn problem(columns: &[Column], line: u64, field: &str, message: impl Into<String>) -> ImportProblem {
    ImportProblem { line, column: header_of(columns, field).to_string(), message: message.into() }
}

/// Reads the file and finds its columns by header among `columns`; None (with the problems
/// in `out`) when it cannot be read, has no header or lacks a required column.
fn read_columns<R>(bytes: &[u8], columns: &[Column], required: &[&str], example: &str, out: &mut Parsed<R>) -> Option<Table> {
    read_table(bytes, |h| field_of(columns, h), |f| header_of(columns, f), required, example, out)
}

/// A cell of a known column, or "" when the file has no such column or the row stops short.
fn cell<'a>(cells: &'a [String], index: &HashMap<&'static str, usize>, field: &str) -> &'a str {
    index.get(field).and_then(|i| cells.get(*i)).map(|s| s.trim()).unwrap_or("")
}

/// Reads every row of a file of organisations; a row with any problem is left out of `rows`.
pub fn parse_organisations(bytes: &[u8], lookups: &Lookups) -> Parsed<OrganisationRow> {
    let columns = ORGANISATION_COLUMNS;
    let mut out = Parsed::empty();
    let Some(table) = read_columns(bytes, columns, ORGANISATION_REQUIRED, "「名称」「種別」「住所」", &mut out) else { return out };
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (line, cells) in &table.rows {
        let line = *line;
        out.data_rows += 1;
        let before = out.problems.len();
        let mut bad = |field: &str, message: String| out.problems.push(problem(columns, line, field, message));
        let mut input = OrganisationInput::default();
        for (field, i) in &table.index {
            if let (Some(target), Some(value)) = (organisation_text_mut(&mut input, field), cells.get(*i)) {
                *target = value.trim().to_string();
            }
        }
        let key = name_key(&input.name);
        let matches = lookups.organisation_keys.get(&key).cloned().unwrap_or_default();
        if matches.len() > 1 {
            let ids = matches.iter().map(|id| id.to_string()).collect::<Vec<_>>().join("、");
            bad("name", format!("同じ名称の機関・団体が名簿に{}件あります（ID: {ids}）。名簿で名称を区別してから取り込んでください。", matches.len()));
        }
        let duplicate_of = matches.first().copied();
        // Every row names its kind: a matched row may still be registered as new.
        let kind_text = std::mem::take(&mut input.kind);
        if kind_text.is_empty() {
            bad("kind", "種別がありません。".into());
        } else {
            match parse_kind(&kind_text) {
                Some(code) => input.kind = code.to_string(),
                None => bad("kind", format!("種別「{kind_text}」は読めません（種別: {}）。", kind_labels())),
            }
        }
        for name in split_name_list(cell(cells, &table.index, "professions"), |n| lookups.profession(n).is_some()) {
            match lookups.profession(&name) {
                Some(id) if !input.professions.contains(&id) => input.professions.push(id),
                Some(_) => {}
                None => bad("professions", format!("職種「{name}」は職種の一覧にありません（職種: {}）。一覧の名前に直すか、「機関・人 › 職種」で追加してください。", lookups.known_professions)),
            }
        }
        if let Err(problems) = input.check() {
            for (field, message) in problems {
                // The kind was checked above (blank is allowed for a match).
                if field != "kind" {
                    bad(field, message);
                }
            }
        }
        if !key.is_empty() {
            if let Some(first) = seen.get(&key) {
                bad("name", format!("同じ名称が{first}行目にもあります。1行にまとめてください。"));
            } else {
                seen.insert(key.clone(), line);
            }
        }
        if out.problems.len() > before {
            continue;
        }
        out.rows.push(OrganisationRow { line, input, duplicate_of });
    }
    out.nothing_to_import(table.header_line);
    out
}

/// Reads every row of a file of people; a row with any problem is left out of `rows`.
pub fn parse_people(bytes: &[u8], lookups: &Lookups) -> Parsed<PersonRow> {
    let columns = PERSON_COLUMNS;
    let mut out = Parsed::empty();
    let Some(table) = read_columns(bytes, columns, PERSON_REQUIRED, "「氏名」「所属」「職種」", &mut out) else { return out };
    let mut seen: HashMap<(Option<i32>, String), u64> = HashMap::new();
    for (line, cells) in &table.rows {
        let line = *line;
        out.data_rows += 1;
        let before = out.problems.len();
        let mut bad = |field: &str, message: String| out.problems.push(problem(columns, line, field, message));
        let mut input = PersonInput::default();
        for (field, i) in &table.index {
            if let (Some(target), Some(value)) = (person_text_mut(&mut input, field), cells.get(*i)) {
                *target = value.trim().to_string();
            }
        }
        let organisation = cell(cells, &table.index, "organisation");
        let mut organisation_known = true;
        if !organisation.is_empty() {
            match lookups.organisation_keys.get(&name_key(organisation)).map(Vec::as_slice) {
                Some([id]) => input.organisation_id = Some(*id),
                Some(ids) if ids.len() > 1 => {
                    organisation_known = false;
                    let ids = ids.iter().map(i32::to_string).collect::<Vec<_>>().join("、");
                    bad("organisation", format!("所属「{organisation}」と同じ名称の機関・団体が名簿に複数あります（ID {ids}）。名簿を整理してから取り込んでください。"));
                }
                _ => {
                    organisation_known = false;
                    bad("organisation", format!("所属「{organisation}」は名簿の機関・団体にありません。先に機関・団体を登録するか、名簿の名称に合わせてください。"));
                }
            }
        }
        let profession = cell(cells, &table.index, "profession");
        if !profession.is_empty() {
            match lookups.profession(profession) {
                Some(id) => input.profession_id = Some(id),
                None => bad("profession", format!("職種「{profession}」は職種の一覧にありません（職種: {}）。一覧の名前に直すか、「機関・人 › 職種」で追加してください。", lookups.known_professions)),
            }
        }
        if let Err(problems) = input.check() {
            for (field, message) in problems {
                bad(field, message);
            }
        }
        let key = (input.organisation_id, name_key(&input.name));
        if organisation_known && !key.1.is_empty() {
            if let Some(first) = seen.get(&key) {
                bad("name", format!("同じ所属の同じ氏名が{first}行目にもあります。1行にまとめてください。"));
            } else {
                seen.insert(key.clone(), line);
            }
        }
        if out.problems.len() > before {
            continue;
        }
        let duplicate_of = lookups.person_keys.get(&key).copied();
        out.rows.push(PersonRow { line, input, duplicate_of });
    }
    out.nothing_to_import(table.header_line);
    out
}

/// The preview of an upload already confirmed: its counts.
fn committed_preview(upload: record_import::Model) -> DirectoryImportPreview {
    DirectoryImportPreview {
        id: upload.id,
        file_name: upload.file_name,
        format: String::new(),
        rows: 0,
        new_rows: Vec::new(),
        duplicates: Vec::new(),
        problems: Vec::new(),
        more_problems: 0,
        committed: Some((upload.created, upload.merged)),
    }
}

fn preview_of<R>(upload: record_import::Model, parsed: Parsed<R>, new_rows: Vec<DirectoryImportRow>, duplicates: Vec<DirectoryImportDuplicate>) -> DirectoryImportPreview {
    let (problems, more_problems) = listed_problems(parsed.problems);
    DirectoryImportPreview {
        id: upload.id,
        file_name: upload.file_name,
        format: parsed.format.to_string(),
        rows: parsed.data_rows,
        new_rows,
        duplicates,
        problems,
        more_problems,
        committed: None,
    }
}

fn kind_label(code: &str) -> String {
    organisation_kind_label(code).unwrap_or(code).to_string()
}

/// What the caller's uploaded file of organisations would do.
pub async fn preview_organisations(db: &impl ConnectionTrait, user_id: i32, id: i32) -> Result<DirectoryImportPreview, AppError> {
    let upload = uploads::own(db, ImportKind::Organisations, user_id, id).await?;
    if upload.committed_at.is_some() {
        return Ok(committed_preview(upload));
    }
    let lookups = Lookups::load(db).await?;
    let parsed = parse_organisations(&upload.content, &lookups);
    let mut new_rows = Vec::new();
    let mut duplicates = Vec::new();
    for row in &parsed.rows {
        match row.duplicate_of {
            None => new_rows.push(DirectoryImportRow { line: row.line, name: row.input.name.clone(), detail: kind_label(&row.input.kind) }),
            Some(existing_id) => {
                let (existing, current) = lookups.organisation(existing_id)?;
                let (merged, changed) = merge_organisation(&current, &row.input);
                duplicates.push(DirectoryImportDuplicate {
                    line: row.line,
                    name: row.input.name.clone(),
                    detail: kind_label(&merged.kind),
                    existing_id,
                    existing_name: existing.name,
                    changes: changed.into_iter().map(str::to_string).collect(),
                });
            }
        }
    }
    Ok(preview_of(upload, parsed, new_rows, duplicates))
}

/// What the caller's uploaded file of people would do.
pub async fn preview_people(db: &impl ConnectionTrait, user_id: i32, id: i32) -> Result<DirectoryImportPreview, AppError> {
    let upload = uploads::own(db, ImportKind::People, user_id, id).await?;
    if upload.committed_at.is_some() {
        return Ok(committed_preview(upload));
    }
    let lookups = Lookups::load(db).await?;
    let parsed = parse_people(&upload.content, &lookups);
    let mut new_rows = Vec::new();
    let mut duplicates = Vec::new();
    for row in &parsed.rows {
        let detail = lookups.organisation_name(row.input.organisation_id);
        match row.duplicate_of {
            None => new_rows.push(DirectoryImportRow { line: row.line, name: row.input.name.clone(), detail }),
            Some(existing_id) => {
                let existing = lookups.person(existing_id)?;
                let (_, changed) = merge_person(&people::to_input(&existing), &row.input);
                duplicates.push(DirectoryImportDuplicate {
                    line: row.line,
                    name: row.input.name.clone(),
                    detail,
                    existing_id,
                    existing_name: existing.name,
                    changes: changed.into_iter().map(str::to_string).collect(),
                });
            }
        }
    }
    Ok(preview_of(upload, parsed, new_rows, duplicates))
}

/// Saves the rows of an upload of organisations — all of them or, if any row has a
/// problem, none. `choices`: `<line>:merge|new|skip` for rows that match (unmentioned:
/// merge). Returns (created, merged). Call inside the write transaction.
pub async fn commit_organisations(db: &impl ConnectionTrait, actor: &Actor, user_id: i32, id: i32, choices: &[String], now: DateTime<Utc>) -> Result<(i32, i32), AppError> {
    let upload = uploads::own(db, ImportKind::Organisations, user_id, id).await?;
    uploads::claim(db, id, now).await?;
    let lookups = Lookups::load(db).await?;
    let parsed = parse_organisations(&upload.content, &lookups);
    refuse_problems(&parsed.problems)?;
    let (mut created, mut merged) = (0, 0);
    for row in &parsed.rows {
        // Same-name organisations are allowed through: the preview showed every match (by a
        // looser name than the form's check), and the person confirming chose for each.
        match row.duplicate_of.map(|existing_id| (existing_id, choice_for(row.line, choices))) {
            Some((existing_id, Choice::Merge)) => {
                // Loaded in this transaction; a file names an organisation at most once.
                let (existing, current) = lookups.organisation(existing_id)?;
                let (input, changed) = merge_organisation(&current, &row.input);
                if !changed.is_empty() {
                    organisations::save(db, actor, Some(existing_id), Some(existing.version), &input, true, now).await.map_err(|e| at_line(row.line, e))?;
                    merged += 1;
                }
            }
            Some((_, Choice::Skip)) => {}
            _ => {
                organisations::save(db, actor, None, None, &row.input, true, now).await.map_err(|e| at_line(row.line, e))?;
                created += 1;
            }
        }
    }
    uploads::finish(db, id, created, merged).await?;
    let summary = format!("{}: {}件を登録、{}件に反映", upload.file_name, created, merged);
    audit::record(db, actor, "organisation_import", Some(id as i64), Action::Create, &summary, &[], now).await?;
    Ok((created, merged))
}

/// Saves the rows of an upload of people, as `commit_organisations` does.
pub async fn commit_people(db: &impl ConnectionTrait, actor: &Actor, user_id: i32, id: i32, choices: &[String], now: DateTime<Utc>) -> Result<(i32, i32), AppError> {
    let upload = uploads::own(db, ImportKind::People, user_id, id).await?;
    uploads::claim(db, id, now).await?;
    let lookups = Lookups::load(db).await?;
    let parsed = parse_people(&upload.content, &lookups);
    refuse_problems(&parsed.problems)?;
    let (mut created, mut merged) = (0, 0);
    for row in &parsed.rows {
        match row.duplicate_of.map(|existing_id| (existing_id, choice_for(row.line, choices))) {
            Some((existing_id, Choice::Merge)) => {
                // Loaded in this transaction; a file names a person at most once.
                let existing = lookups.person(existing_id)?;
                let (input, changed) = merge_person(&people::to_input(&existing), &row.input);
                if !changed.is_empty() {
                    people::save(db, actor, Some(existing_id), Some(existing.version), &input, now).await.map_err(|e| at_line(row.line, e))?;
                    merged += 1;
                }
            }
            Some((_, Choice::Skip)) => {}
            _ => {
                people::save(db, actor, None, None, &row.input, now).await.map_err(|e| at_line(row.line, e))?;
                created += 1;
            }
        }
    }
    uploads::finish(db, id, created, merged).await?;
    let summary = format!("{}: {}件を登録、{}件に反映", upload.file_name, created, merged);
    audit::record(db, actor, "person_import", Some(id as i64), Action::Create, &summary, &[], now).await?;
    Ok((created, merged))
}
