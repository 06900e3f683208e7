//! Importing years of consultation history from CSV: decoding (UTF-8 with or without BOM,
//! Shift_JIS), columns by header name, a preview of every problem with its line and column,
//! and an all-or-nothing commit.
//!
//! Duplicates: each row gets an import key, a SHA-256 of its parsed values (date, category,
//! requester, affiliation, profession, 圏域, method, flag, content, response, status) plus
//! how many identical rows came before it in the same file. A row whose key is already in
//! the database (imported earlier, even if archived since) is skipped, so re-importing a
//! file — or next year's file that repeats this year's rows — creates only what is new,
//! while two genuinely identical consultations in one file both stay.

use crate::server::services::audit::{self, Action, Actor};
use crate::server::services::consultations::categories;
use crate::server::services::consultations::record::search_text;
use crate::server::services::shared::imports::listed_problems;
use crate::dto::consultations::{ImportPreview, ImportProblem, PreviewRow};
use crate::domain::consultations::{parse_any_date, parse_flag, parse_method, parse_region, parse_status, METHODS, REGIONS};
use crate::domain::text::{char_len, normalize_width};
use crate::domain::FiscalYear;
use crate::error::AppError;
use crate::server::entities::{consultation, consultation_import, organisation, profession};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

/// The columns, by header name; only the first two are required.
pub const COLUMNS: [&str; 11] = ["受付日", "分類", "相談者", "所属", "職種", "圏域", "方法", "欲しい相談", "内容", "対応", "状況"];
const REQUIRED: [&str; 2] = ["受付日", "分類"];
const SAMPLE_ROWS: usize = 20;
/// Rows per INSERT: well under the bound-parameter limits of SQLite and PostgreSQL.
const CHUNK: usize = 500;
/// Uploaded files larger than this are refused.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

#[derive(Clone, Debug)]
pub struct Row {
    pub line: u64,
    pub received_on: NaiveDate,
    pub requester: String,
    pub organisation_id: Option<i32>,
    pub organisation_text: String,
    pub profession_id: Option<i32>,
    pub region: &'static str,
    pub method: &'static str,
    pub category_id: i32,
    pub wanted: bool,
    pub content: String,
    pub response: String,
    pub status: &'static str,
    pub key: String,
}

pub struct Parsed {
    pub encoding: &'static str,
    pub rows: Vec<Row>,
    pub problems: Vec<ImportProblem>,
    pub data_rows: u64,
}

/// Names to ids, as the file writes them (trimmed, half-width).
pub struct Lookups {
    categories: HashMap<String, (i32, String)>,
    category_list: String,
    professions: HashMap<String, i32>,
    organisations: HashMap<String, (i32, String)>,
}

fn norm(s: &str) -> String {
    normalize_width(s.trim())
}

impl Lookups {
    pub async fn load(db: &impl ConnectionTrait) -> Result<Lookups, AppError> {
        let cats = categories::all(db).await?;
        let category_list = cats.iter().filter(|c| c.active).map(|c| c.name.as_str()).collect::<Vec<_>>().join("、");
        let professions: Vec<(i32, String)> = profession::Entity::find().select_only().columns([profession::Column::Id, profession::Column::Name]).into_tuple().all(db).await?;
        let organisations: Vec<(i32, String)> = organisation::Entity::find().select_only().columns([organisation::Column::Id, organisation::Column::Name]).into_tuple().all(db).await?;
        Ok(Lookups {
            categories: cats.into_iter().map(|c| (norm(&c.name), (c.id, c.name))).collect(),
            category_list,
            professions: professions.into_iter().map(|(i, n)| (norm(&n), i)).collect(),
            organisations: organisations.into_iter().map(|(i, n)| (norm(&n), (i, n))).collect(),
        })
    }
}

pub use crate::server::services::shared::sheet::decode;

fn problem(line: u64, column: &str, message: impl Into<String>) -> ImportProblem {
    ImportProblem { line, column: column.to_string(), message: message.into() }
}

/// Reads every row; a row with any problem is left out of `rows`.
pub fn parse(bytes: &[u8], lookups: &Lookups) -> Parsed {
    let mut out = Parsed { encoding: "", rows: Vec::new(), problems: Vec::new(), data_rows: 0 };
    let text = match decode(bytes) {
        Ok((t, enc)) => {
            out.encoding = enc;
            t
        }
        Err(m) => {
            out.problems.push(problem(0, "", m));
            return out;
        }
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        _ => {
            out.problems.push(problem(1, "", "見出しの行がありません。1行目に「受付日」「分類」などの列名を書いてください。"));
            return out;
        }
    };
    let mut index: HashMap<&'static str, usize> = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        let h = norm(h);
        if let Some(name) = COLUMNS.iter().find(|c| **c == h) {
            if index.insert(name, i).is_some() {
                out.problems.push(problem(1, name, format!("列「{name}」が2回あります。")));
            }
        }
    }
    for name in REQUIRED {
        if !index.contains_key(name) {
            out.problems.push(problem(1, name, format!("必須の列「{name}」がありません。")));
        }
    }
    if !out.problems.is_empty() {
        return out;
    }
    let mut seen: HashMap<String, u32> = HashMap::new();
    // Line numbers from byte offsets: the csv crate's own count is one short after CRLF,
    // which is what Excel writes (a record's position is then the `\n` of the line end
    // before it, hence the byte itself is counted).
    let (mut counted_to, mut lines_before) = (0usize, 0u64);
    let mut line_at = |byte: u64| {
        let byte = (byte as usize + 1).min(text.len());
        if byte >= counted_to {
            lines_before += text.as_bytes()[counted_to..byte].iter().filter(|b| **b == b'\n').count() as u64;
            counted_to = byte;
        }
        lines_before + 1
    };
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| line_at(p.byte())).unwrap_or(0);
                out.data_rows += 1;
                out.problems.push(problem(line, "", "行を読み取れません（引用符の閉じ忘れなど）。"));
                continue;
            }
        };
        let line = record.position().map(|p| line_at(p.byte())).unwrap_or(0);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        out.data_rows += 1;
        let cell = |name: &str| index.get(name).and_then(|i| record.get(*i)).map(str::trim).unwrap_or("").to_string();
        let before = out.problems.len();
        let mut bad = |column: &str, message: String| out.problems.push(problem(line, column, message));

        let received_on = match parse_any_date(&cell("受付日")) {
            Ok(d) => Some(d),
            Err(m) => {
                bad("受付日", m);
                None
            }
        };
        let category = cell("分類");
        let category_id = if category.is_empty() {
            bad("分類", "分類がありません。".into());
            None
        } else {
            match lookups.categories.get(&norm(&category)) {
                Some((id, _)) => Some(*id),
                None => {
                    bad("分類", format!("分類「{category}」は登録されていません（登録済み: {}）。", lookups.category_list));
                    None
                }
            }
        };
        let requester = cell("相談者");
        if char_len(&requester) > 100 {
            bad("相談者", "相談者は100文字以内にしてください。".into());
        }
        let affiliation = cell("所属");
        if char_len(&affiliation) > 200 {
            bad("所属", "所属は200文字以内にしてください。".into());
        }
        let organisation = lookups.organisations.get(&norm(&affiliation)).cloned();
        let prof = cell("職種");
        let profession_id = if prof.is_empty() {
            None
        } else {
            let id = lookups.professions.get(&norm(&prof)).copied();
            if id.is_none() {
                bad("職種", format!("職種「{prof}」は職種の一覧にありません。職種の名前を一覧のとおりに書くか、空欄にしてください。"));
            }
            id
        };
        let region_text = cell("圏域");
        let region = if region_text.is_empty() {
            Some("")
        } else {
            let r = parse_region(&region_text);
            if r.is_none() {
                bad("圏域", format!("圏域「{region_text}」は読めません。{} のどちらかにしてください。", REGIONS.iter().map(|(_, l)| *l).collect::<Vec<_>>().join("・")));
            }
            r
        };
        let method_text = cell("方法");
        let method = if method_text.is_empty() {
            Some("")
        } else {
            let m = parse_method(&method_text);
            if m.is_none() {
                bad("方法", format!("方法「{method_text}」は読めません（{}）。", METHODS.iter().map(|(_, l)| *l).collect::<Vec<_>>().join("・")));
            }
            m
        };
        let wanted_text = cell("欲しい相談");
        let wanted = parse_flag(&wanted_text);
        if wanted.is_none() {
            bad("欲しい相談", format!("欲しい相談「{wanted_text}」は読めません。はい/いいえ、1/0、○/空欄 で書いてください。"));
        }
        let status_text = cell("状況");
        // History in a spreadsheet is, unless it says otherwise, done with.
        let status = if status_text.is_empty() { Some("done") } else { parse_status(&status_text) };
        if status.is_none() {
            bad("状況", format!("状況「{status_text}」は読めません。受付・対応中・完了 のどれかにしてください。"));
        }
        let content = cell("内容");
        let response = cell("対応");
        if out.problems.len() > before {
            continue;
        }
        let (Some(received_on), Some(category_id), Some(region), Some(method), Some(wanted), Some(status)) = (received_on, category_id, region, method, wanted, status) else {
            continue;
        };
        let (organisation_id, organisation_text) = match organisation {
            Some((id, _)) => (Some(id), String::new()),
            None => (None, affiliation.clone()),
        };
        let fingerprint = [
            received_on.to_string(),
            category_id.to_string(),
            requester.clone(),
            affiliation.clone(),
            profession_id.map(|p| p.to_string()).unwrap_or_default(),
            region.to_string(),
            method.to_string(),
            wanted.to_string(),
            content.clone(),
            response.clone(),
            status.to_string(),
        ]
        .join("\u{1f}");
        let n = seen.entry(fingerprint.clone()).or_default();
        *n += 1;
        let key = hex::encode(Sha256::digest(format!("{fingerprint}\u{1e}{n}").as_bytes()));
        out.rows.push(Row {
            line,
            received_on,
            requester,
            organisation_id,
            organisation_text,
            profession_id,
            region,
            method,
            category_id,
            wanted,
            content,
            response,
            status,
            key,
        });
    }
    if out.data_rows == 0 && out.problems.is_empty() {
        out.problems.push(problem(2, "", "取り込む行がありません。"));
    }
    out
}

/// Keys already in the database.
async fn existing_keys(db: &impl ConnectionTrait) -> Result<HashSet<String>, AppError> {
    let keys: Vec<Option<String>> = consultation::Entity::find()
        .select_only()
        .column(consultation::Column::ImportKey)
        .filter(consultation::Column::ImportKey.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    Ok(keys.into_iter().flatten().collect())
}

/// Keeps an uploaded file until its import is confirmed; returns its id. Unconfirmed files
/// older than a day are dropped on the way.
pub async fn store(db: &impl ConnectionTrait, user_id: i32, file_name: &str, content: Vec<u8>, now: DateTime<Utc>) -> Result<i32, AppError> {
    consultation_import::Entity::delete_many()
        .filter(consultation_import::Column::CommittedAt.is_null())
        .filter(consultation_import::Column::CreatedAt.lt(now - chrono::Duration::days(1)))
        .exec(db)
        .await?;
    let name: String = file_name.chars().take(200).collect();
    let m = consultation_import::ActiveModel {
        user_id: Set(user_id),
        file_name: Set(if name.is_empty() { "upload.csv".into() } else { name }),
        content: Set(content),
        created_at: Set(now),
        committed_at: Set(None),
        created: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

async fn own_upload(db: &impl ConnectionTrait, user_id: i32, id: i32) -> Result<consultation_import::Model, AppError> {
    consultation_import::Entity::find_by_id(id).one(db).await?.filter(|m| m.user_id == user_id).ok_or(AppError::NotFound)
}

pub async fn preview(db: &impl ConnectionTrait, user_id: i32, id: i32) -> Result<ImportPreview, AppError> {
    let upload = own_upload(db, user_id, id).await?;
    let lookups = Lookups::load(db).await?;
    let parsed = parse(&upload.content, &lookups);
    let existing = if upload.committed_at.is_some() { HashSet::new() } else { existing_keys(db).await? };
    let names: HashMap<i32, String> = lookups.categories.values().cloned().collect();
    let orgs: HashMap<i32, String> = lookups.organisations.values().cloned().collect();
    let fresh: Vec<&Row> = parsed.rows.iter().filter(|r| !existing.contains(&r.key)).collect();
    let duplicates = (parsed.rows.len() - fresh.len()) as u64;
    let (problems, more_problems) = listed_problems(parsed.problems);
    Ok(ImportPreview {
        id,
        file_name: upload.file_name.clone(),
        encoding: parsed.encoding.to_string(),
        rows: parsed.data_rows,
        new_count: fresh.len() as u64,
        sample: fresh
            .iter()
            .take(SAMPLE_ROWS)
            .map(|r| PreviewRow {
                line: r.line,
                date: crate::domain::dates::day(r.received_on),
                category: names.get(&r.category_id).cloned().unwrap_or_default(),
                requester: r.requester.clone(),
                affiliation: r.organisation_id.and_then(|o| orgs.get(&o).cloned()).unwrap_or_else(|| r.organisation_text.clone()),
                wanted: r.wanted,
            })
            .collect(),
        duplicates,
        problems,
        more_problems,
        committed: upload.committed_at.map(|_| upload.created),
    })
}

/// Creates the consultations of an upload — all of them or, if any row has a problem, none.
/// Returns how many were created (duplicates of earlier imports are skipped).
pub async fn commit(db: &impl ConnectionTrait, actor: &Actor, user_id: i32, id: i32, now: DateTime<Utc>) -> Result<i32, AppError> {
    let upload = own_upload(db, user_id, id).await?;
    // Claim the upload first (and with it, on SQLite, the write lock): a second
    // confirmation of the same file finds it taken.
    let claimed = consultation_import::Entity::update_many()
        .col_expr(consultation_import::Column::CommittedAt, Expr::value(now))
        .filter(consultation_import::Column::Id.eq(id))
        .filter(consultation_import::Column::CommittedAt.is_null())
        .exec(db)
        .await?;
    if claimed.rows_affected == 0 {
        return Err(AppError::Conflict("このファイルはすでに取り込み済みです。".into()));
    }
    let lookups = Lookups::load(db).await?;
    let parsed = parse(&upload.content, &lookups);
    if !parsed.problems.is_empty() {
        return Err(AppError::BadRequest(format!("取り込めない行が{}件あるため、何も登録していません。プレビューの内容を直してから、もう一度ファイルを選んでください。", parsed.problems.len())));
    }
    let created = insert_new(db, &parsed.rows, &lookups, now).await?;
    consultation_import::Entity::update_many()
        .col_expr(consultation_import::Column::Created, Expr::value(created))
        .filter(consultation_import::Column::Id.eq(id))
        .exec(db)
        .await?;
    let summary = format!("{}: {}件を登録（取込済みの{}件は除外）", upload.file_name, created, parsed.rows.len() as i32 - created);
    audit::record(db, actor, "consultation_import", Some(id as i64), Action::Create, &summary, &[], now).await?;
    Ok(created)
}

/// Inserts the rows whose import key is not in the database yet; returns how many.
pub async fn insert_new(db: &impl ConnectionTrait, rows: &[Row], lookups: &Lookups, now: DateTime<Utc>) -> Result<i32, AppError> {
    let existing = existing_keys(db).await?;
    let orgs: HashMap<i32, String> = lookups.organisations.values().cloned().collect();
    let fresh: Vec<&Row> = rows.iter().filter(|r| !existing.contains(&r.key)).collect();
    for chunk in fresh.chunks(CHUNK) {
        let models = chunk.iter().map(|r| {
            let affiliation = r.organisation_id.and_then(|o| orgs.get(&o).cloned()).unwrap_or_else(|| r.organisation_text.clone());
            consultation::ActiveModel {
                received_on: Set(r.received_on),
                fiscal_year: Set(FiscalYear::of(r.received_on).0),
                requester: Set(r.requester.clone()),
                organisation_id: Set(r.organisation_id),
                organisation_text: Set(r.organisation_text.clone()),
                profession_id: Set(r.profession_id),
                region: Set(r.region.to_string()),
                method: Set(r.method.to_string()),
                category_id: Set(r.category_id),
                wanted: Set(r.wanted),
                content: Set(r.content.clone()),
                response: Set(r.response.clone()),
                status: Set(r.status.to_string()),
                solved_fiscal_year: Set(None),
                meeting_id: Set(None),
                issue_id: Set(None),
                import_key: Set(Some(r.key.clone())),
                search_text: Set(search_text(&r.requester, &affiliation, &r.content, &r.response)),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
        });
        consultation::Entity::insert_many(models).exec_without_returning(db).await?;
    }
    // Imported rows are not audited one by one: index them here.
    crate::server::services::search::index_imported_consultations(db, &fresh.iter().map(|r| r.key.clone()).collect::<Vec<_>>(), now).await?;
    Ok(fresh.len() as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookups() -> Lookups {
        Lookups {
            categories: [("その他".to_string(), (1, "その他".to_string()))].into_iter().collect(),
            category_list: "その他".into(),
            professions: HashMap::new(),
            organisations: HashMap::new(),
        }
    }

    #[test]
    fn line_numbers_count_the_header_with_any_line_end() {
        for end in ["\n", "\r\n"] {
            // A quoted cell with a line break takes two lines.
            let text = ["受付日,分類,内容", "2024/4/1,その他,", "2024/4/2,その他,\"二行", "の内容\"", "2024/4/3,なし,"].join(end) + end;
            let p = parse(format!("\u{feff}{text}").as_bytes(), &lookups());
            assert_eq!(p.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3], "{end:?}");
            assert_eq!(p.problems.iter().map(|e| e.line).collect::<Vec<_>>(), [5], "{end:?}");
        }
    }
}
