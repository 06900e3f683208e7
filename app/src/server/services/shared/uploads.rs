//! Uploaded spreadsheets of organisations, people and past meetings, kept until their
//! preview is confirmed: each import's parse, preview and commit live with its feature.

use crate::error::AppError;
use crate::server::entities::record_import;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// What an upload holds; the kind is part of every lookup, so one import's id cannot open
/// another's file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKind {
    Organisations,
    People,
    Meetings,
}

impl ImportKind {
    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Organisations => "organisations",
            ImportKind::People => "people",
            ImportKind::Meetings => "meetings",
        }
    }
}

/// Uploaded files larger than this are refused.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Keeps an uploaded file until its import is confirmed; returns its id. Unconfirmed files
/// older than a day are dropped on the way.
pub async fn store(db: &impl ConnectionTrait, kind: ImportKind, user_id: i32, file_name: &str, content: Vec<u8>, now: DateTime<Utc>) -> Result<i32, AppError> {
    record_import::Entity::delete_many()
        .filter(record_import::Column::CommittedAt.is_null())
        .filter(record_import::Column::CreatedAt.lt(now - chrono::Duration::days(1)))
        .exec(db)
        .await?;
    let name: String = file_name.chars().filter(|c| !c.is_control()).take(200).collect();
    let m = record_import::ActiveModel {
        kind: Set(kind.code().to_string()),
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

/// The caller's own upload of this kind.
pub async fn own(db: &impl ConnectionTrait, kind: ImportKind, user_id: i32, id: i32) -> Result<record_import::Model, AppError> {
    record_import::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|m| m.user_id == user_id && m.kind == kind.code())
        .ok_or(AppError::NotFound)
}

/// Marks the upload as being committed; a second confirmation of the same file finds it
/// taken. Call inside the commit's transaction, before saving any row.
pub async fn claim(db: &impl ConnectionTrait, id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let claimed = record_import::Entity::update_many()
        .col_expr(record_import::Column::CommittedAt, Expr::value(now))
        .filter(record_import::Column::Id.eq(id))
        .filter(record_import::Column::CommittedAt.is_null())
        .exec(db)
        .await?;
    if claimed.rows_affected == 0 {
        return Err(AppError::Conflict("このファイルはすでに取り込み済みです。".into()));
    }
    Ok(())
}

/// Records the counts and drops the file's content: the rows are saved, and the file (which
/// names people) is not kept.
pub async fn finish(db: &impl ConnectionTrait, id: i32, created: i32, merged: i32) -> Result<(), AppError> {
    record_import::Entity::update_many()
        .col_expr(record_import::Column::Content, Expr::value(Vec::<u8>::new()))
        .col_expr(record_import::Column::Created, Expr::value(created))
        .col_expr(record_import::Column::Merged, Expr::value(merged))
        .filter(record_import::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// What to do with a row that matches a record already saved (resources, organisations, people).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Merge,
    New,
    Skip,
}

/// The choices of the confirmation form, sent as `<line>:merge|new|skip`; a row not
/// mentioned is merged.
pub fn choice_for(line: u64, choices: &[String]) -> Choice {
    let prefix = format!("{line}:");
    match choices.iter().rev().find_map(|c| c.strip_prefix(&prefix)) {
        Some("new") => Choice::New,
        Some("skip") => Choice::Skip,
        _ => Choice::Merge,
    }
}
