//! Importing past meetings from a spreadsheet (XLSX, or CSV in UTF-8 / Shift_JIS), so that
//! years of records kept in Excel need not be typed again: columns found by header, a
//! preview with every row's problems, meetings already recorded (same date, same title)
//! left out unless chosen, and nothing saved until confirmed — then all rows or none, each
//! through the same save as the meeting form (its checks, audit trail and search text).

use crate::domain::consultations::parse_any_date;
use crate::domain::meeting_import::{
    field_mut, field_of, fill_reason, guest_lines, header_of, is_online, parse_clock, parse_level, split_time_range, title_key, FILLED_REASON, REQUIRED,
};
use crate::domain::dates;
use crate::domain::meetings::{Level, MeetingInput};
use crate::domain::text::{normalize_for_search, split_name_list};
use crate::dto::consultations::ImportProblem;
use crate::dto::meetings::{MeetingImportDuplicate, MeetingImportPreview, MeetingImportRow};
use crate::error::AppError;
use crate::server::entities::meeting;
use crate::server::services::audit::{self, Action, Actor};
use crate::server::services::directory::professions;
use crate::server::services::shared::imports::{self, at_line, read_table, refuse_problems, Table};
use crate::server::services::shared::uploads::{self, ImportKind};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect};
use std::collections::HashMap;

/// The kind a row without one gets (「その他」), while administrators offer it.
const DEFAULT_KIND: &str = "other";

pub struct Row {
    pub line: u64,
    pub held_on: NaiveDate,
    pub level: Level,
    pub input: MeetingInput,
    /// The level rule is not followed and the file gave no reason.
    pub reason_filled: bool,
    /// A recorded meeting with the same date and title.
    pub duplicate_of: Option<i32>,
}

pub type Parsed = imports::Parsed<Row>;

struct Existing {
    id: i32,
    title: String,
    active: bool,
}

/// Names as files write them, to codes and ids; and the recorded meetings by date and title.
pub struct Lookups {
    /// Kinds by name: (code, offered). Retired kinds are known, to say why they are refused.
    kinds: HashMap<String, (String, bool)>,
    kind_names: HashMap<String, String>,
    /// The offered kinds' names, for problems.
    kind_list: String,
    default_kind: Option<String>,
    professions: HashMap<String, i32>,
    profession_names: HashMap<i32, String>,
    existing: HashMap<(NaiveDate, String), Existing>,
}

impl Lookups {
    pub async fn load(db: &impl ConnectionTrait) -> Result<Lookups, AppError> {
        let choices = super::kinds::choices(db).await?;
        let mut kinds = HashMap::new();
        // Retired first, so that an offered kind of the same name wins.
        for k in choices.iter().filter(|k| !k.active).chain(choices.iter().filter(|k| k.active)) {
            kinds.insert(normalize_for_search(&k.name), (k.code.clone(), k.active));
        }
        let kind_names = choices.iter().map(|k| (k.code.clone(), k.name.clone())).collect();
        let kind_list = choices.iter().filter(|k| k.active).map(|k| k.name.as_str()).collect::<Vec<_>>().join("、");
        let default_kind = choices.iter().find(|k| k.active && k.code == DEFAULT_KIND).map(|k| k.code.clone());

        let all = professions::all(db).await?;
        let profession_names = all.iter().map(|p| (p.id, p.name.clone())).collect();
        // A profession by its name, its short name (「ケアマネ」) or its name without the
        // bracketed part (「看護師」 for 「看護師（訪問看護）」); weakest first, so that a full
        // name wins. A short form several share names none of them, unless one is active.
        let mut keys: HashMap<String, i32> = HashMap::new();
        let forms: [fn(&crate::server::entities::profession::Model) -> String; 3] = [
            |p| normalize_for_search(&p.name).split('(').next().unwrap_or_default().to_string(),
            |p| normalize_for_search(&p.short_name),
            |p| normalize_for_search(&p.name),
        ];
        for form in forms {
            let mut found: HashMap<String, Vec<&crate::server::entities::profession::Model>> = HashMap::new();
            for p in &all {
                let key = form(p);
                if !key.is_empty() {
                    found.entry(key).or_default().push(p);
                }
            }
            for (key, ps) in found {
                let active: Vec<_> = ps.iter().filter(|p| p.active).collect();
                let pick = match (active.len(), ps.len()) {
                    (1, _) => Some(active[0].id),
                    (0, 1) => Some(ps[0].id),
                    _ => None,
                };
                match pick {
                    Some(id) => {
                        keys.insert(key, id);
                    }
                    None => {
                        keys.remove(&key);
                    }
                }
            }
        }

        let recorded: Vec<(i32, NaiveDate, String, bool)> = meeting::Entity::find()
            .select_only()
            .columns([meeting::Column::Id, meeting::Column::HeldOn, meeting::Column::Title, meeting::Column::Active])
            .into_tuple()
            .all(db)
            .await?;
        let mut existing: HashMap<(NaiveDate, String), Existing> = HashMap::new();
        for (id, held_on, title, active) in recorded {
            let key = (held_on, title_key(&title));
            // An active meeting over an archived one of the same date and title.
            if existing.get(&key).is_some_and(|e| e.active || !active) {
                continue;
            }
            existing.insert(key, Existing { id, title, active });
        }
        Ok(Lookups { kinds, kind_names, kind_list, default_kind, professions: keys, profession_names, existing })
    }

    fn profession(&self, name: &str) -> Option<i32> {
        self.professions.get(&normalize_for_search(name)).copied()
    }
}

fn problem(line: u64, column: impl Into<String>, message: impl Into<String>) -> ImportProblem {
    ImportProblem { line, column: column.into(), message: message.into() }
}

/// The column a problem is shown under: the file's own header where it has one (the times
/// may come from one 「時間」 column).
fn column_name(headers: &HashMap<&'static str, String>, field: &str) -> String {
    headers
        .get(field)
        .or_else(|| if matches!(field, "start_time" | "end_time") { headers.get("time") } else { None })
        .cloned()
        .unwrap_or_else(|| header_of(field).to_string())
}

/// Reads every row; a row with any problem is left out of `rows`.
pub fn parse(bytes: &[u8], lookups: &Lookups) -> Parsed {
    let mut out = Parsed::empty();
    let Some(Table { header_line, index, headers, rows }) = read_table(bytes, field_of, header_of, &REQUIRED, "「開催日」「段階」「件名」", &mut out) else { return out };
    let mut seen: HashMap<(NaiveDate, String), u64> = HashMap::new();
    for (line, cells) in rows {
        out.data_rows += 1;
        let cell = |field: &str| index.get(field).and_then(|i| cells.get(*i)).map(|s| s.trim().to_string()).unwrap_or_default();
        let mut p: Vec<(&'static str, String)> = Vec::new();
        let mut input = MeetingInput::default();
        for (field, i) in &index {
            if let (Some(target), Some(value)) = (field_mut(&mut input, field), cells.get(*i)) {
                *target = value.trim().to_string();
            }
        }

        let held_on = if input.held_on.is_empty() {
            p.push(("held_on", "開催日がありません。".into()));
            None
        } else {
            match parse_any_date(&input.held_on) {
                Ok(d) => {
                    input.held_on = d.to_string();
                    Some(d)
                }
                Err(m) => {
                    p.push(("held_on", m));
                    None
                }
            }
        };

        // 「13:30〜15:00」 in one column fills what the start and end columns leave blank.
        if index.contains_key("time") {
            let (start, end) = split_time_range(&cell("time"));
            if input.start_time.is_empty() {
                input.start_time = start;
            }
            if input.end_time.is_empty() {
                input.end_time = end;
            }
        }
        for field in ["start_time", "end_time"] {
            let Some(value) = field_mut(&mut input, field).cloned().filter(|v| !v.is_empty()) else { continue };
            match parse_clock(&value) {
                Some(t) => {
                    if let Some(v) = field_mut(&mut input, field) {
                        *v = t;
                    }
                }
                None => p.push((field, format!("{}「{value}」を読めません。13:30 のように書いてください。", header_of(field)))),
            }
        }

        let level = if input.level.is_empty() {
            p.push(("level", "段階がありません。一次・二次・三次 のどれかを書いてください。".into()));
            None
        } else {
            match parse_level(&input.level) {
                Some(l) => {
                    input.level = l.number().to_string();
                    Some(l)
                }
                None => {
                    p.push(("level", format!("段階「{}」を読めません。一次・二次・三次（1・2・3）のどれかにしてください。", input.level)));
                    None
                }
            }
        };

        let kind = std::mem::take(&mut input.kind);
        input.kind = if kind.is_empty() {
            match &lookups.default_kind {
                Some(code) => code.clone(),
                None => {
                    p.push(("kind", format!("種類がありません（{}）。", lookups.kind_list)));
                    String::new()
                }
            }
        } else {
            match lookups.kinds.get(&normalize_for_search(&kind)) {
                Some((code, true)) => code.clone(),
                Some((_, false)) => {
                    p.push(("kind", format!("種類「{kind}」は廃止されています。今の種類（{}）のどれかにしてください。", lookups.kind_list)));
                    String::new()
                }
                None => {
                    p.push(("kind", format!("種類「{kind}」は会議の種類の一覧にありません（{}）。一覧の名前に直すか、「会議 › 種類の管理」で追加してください。", lookups.kind_list)));
                    String::new()
                }
            }
        };

        if index.contains_key("professions") {
            let mut unknown = Vec::new();
            for name in split_name_list(&cell("professions"), |s| lookups.profession(s).is_some()) {
                match lookups.profession(&name) {
                    Some(id) if !input.professions.contains(&id) => input.professions.push(id),
                    Some(_) => {}
                    None => unknown.push(name),
                }
            }
            if !unknown.is_empty() {
                p.push(("professions", format!("職種「{}」は職種の一覧にありません。一覧の名前に直すか、「機関・人 › 職種」で追加してください。", unknown.join("」「"))));
            }
        }

        if is_online(&input.place) {
            input.online = true;
            input.place.clear();
        }
        input.guests = guest_lines(&input.guests);
        let reason_filled = level.is_some() && fill_reason(&mut input);

        // The form's own checks, for what was not reported above.
        if let Err(found) = input.check() {
            for (field, message) in found {
                if !p.iter().any(|(f, _)| *f == field) {
                    p.push((field, message));
                }
            }
        }

        let key = held_on.map(|d| (d, title_key(&input.title))).filter(|(_, t)| !t.is_empty());
        if let Some(key) = &key {
            match seen.get(key) {
                Some(first) => p.push(("title", format!("開催日と件名が同じ会議が{first}行目にもあります。1行にまとめてください。"))),
                None => {
                    seen.insert(key.clone(), line);
                }
            }
        }

        match (p.is_empty(), held_on, level, key) {
            (true, Some(held_on), Some(level), Some(key)) => {
                let duplicate_of = lookups.existing.get(&key).map(|e| e.id);
                out.rows.push(Row { line, held_on, level, input, reason_filled, duplicate_of });
            }
            _ => out.problems.extend(p.into_iter().map(|(field, message)| problem(line, column_name(&headers, field), message))),
        }
    }
    out.nothing_to_import(header_line);
    out
}

pub async fn preview(db: &impl ConnectionTrait, user_id: i32, id: i32) -> Result<MeetingImportPreview, AppError> {
    let upload = uploads::own(db, ImportKind::Meetings, user_id, id).await?;
    let mut out = MeetingImportPreview {
        id,
        file_name: upload.file_name.clone(),
        format: String::new(),
        rows: 0,
        new_rows: Vec::new(),
        duplicates: Vec::new(),
        problems: Vec::new(),
        more_problems: 0,
        filled_reason: FILLED_REASON.to_string(),
        committed: None,
    };
    if upload.committed_at.is_some() {
        out.committed = Some(upload.created);
        return Ok(out);
    }
    let lookups = Lookups::load(db).await?;
    let parsed = parse(&upload.content, &lookups);
    for row in &parsed.rows {
        let date_label = dates::day(row.held_on);
        match row.duplicate_of.and_then(|id| lookups.existing.get(&(row.held_on, title_key(&row.input.title))).filter(|e| e.id == id)) {
            None => out.new_rows.push(MeetingImportRow {
                line: row.line,
                date_label,
                level: row.level,
                kind: lookups.kind_names.get(&row.input.kind).cloned().unwrap_or_default(),
                title: row.input.title.clone(),
                professions: row.input.professions.iter().filter_map(|id| lookups.profession_names.get(id).cloned()).collect(),
                reason_filled: row.reason_filled,
            }),
            Some(existing) => out.duplicates.push(MeetingImportDuplicate {
                line: row.line,
                date_label,
                level: row.level,
                title: row.input.title.clone(),
                existing_id: existing.id,
                existing_title: existing.title.clone(),
                existing_archived: !existing.active,
            }),
        }
    }
    out.format = parsed.format.to_string();
    out.rows = parsed.data_rows;
    (out.problems, out.more_problems) = imports::listed_problems(parsed.problems);
    Ok(out)
}

/// Whether the confirmation form adds a row that matches a recorded meeting: sent as
/// `<line>:skip|add`; a row not mentioned is left out.
pub fn adds(line: u64, choices: &[String]) -> bool {
    let prefix = format!("{line}:");
    choices.iter().rev().find_map(|c| c.strip_prefix(&prefix)) == Some("add")
}

/// Saves the rows of an upload — all of them or, if any row has a problem, none — each as
/// the meeting form saves a new meeting. Returns (created, left out as already recorded).
pub async fn commit(db: &impl ConnectionTrait, actor: &Actor, user_id: i32, id: i32, choices: &[String], now: DateTime<Utc>) -> Result<(i32, i32), AppError> {
    let upload = uploads::own(db, ImportKind::Meetings, user_id, id).await?;
    uploads::claim(db, id, now).await?;
    let lookups = Lookups::load(db).await?;
    let parsed = parse(&upload.content, &lookups);
    refuse_problems(&parsed.problems)?;
    let (mut created, mut skipped) = (0, 0);
    for row in &parsed.rows {
        if row.duplicate_of.is_some() && !adds(row.line, choices) {
            skipped += 1;
            continue;
        }
        super::write::save(db, actor, None, None, &row.input, now).await.map_err(|e| at_line(row.line, e))?;
        created += 1;
    }
    uploads::finish(db, id, created, 0).await?;
    let summary = format!("{}: 会議{}件を登録、記録済みの{}件は取り込まず", upload.file_name, created, skipped);
    audit::record(db, actor, "meeting_import", Some(id as i64), Action::Create, &summary, &[], now).await?;
    Ok((created, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_matching_row_is_left_out_unless_added() {
        let choices = vec!["3:add".to_string(), "4:skip".into(), "13:add".into()];
        assert!(adds(3, &choices));
        assert!(!adds(4, &choices));
        assert!(!adds(5, &choices), "not mentioned: left out");
        assert!(adds(13, &choices));
        assert!(!adds(1, &choices), "13 is not 1");
    }
}
