//! Files attached to meetings, trainings and issues (agenda, handouts, flyer, questionnaire,
//! signed minutes). A file has exactly the permissions of its record: `authorise` is the one
//! decision, and every function here that reads or changes an attachment starts from it.
//! An attachment of a confidential issue is confidential: it is read only through the
//! register's gate (`IssueAccess`), and outside the caller's scope it is "not found", like a
//! missing one. The bytes are kept by `files`, outside the database.

pub mod files;

use crate::domain::attachments::{self as rules, RecordKind};
use crate::domain::Permission;
use crate::dto::attachments::{AttachmentDetail, AttachmentView};
use crate::dto::auth::SessionUser;
use crate::error::AppError;
use crate::server::entities::{app_user, attachment};
use crate::server::services::audit::{self, Action, Actor, Change};
use crate::server::services::issues::access::IssueAccess;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set, Statement};
use std::collections::HashMap;
use std::path::Path;

/// The audit trail's name for attachments.
const ENTITY_TYPE: &str = "attachment";

/// Whether `user` may see the files of a record (`write` false: list and download) or add
/// and delete them (`write` true): exactly what they may do with the record itself.
/// Meetings and trainings: their read or write permission (403 without it), and the record
/// must exist (404). Issues: only through the register's gate; an issue the user may not
/// read — or any issue, for one who may read no register — is 404, never 403, so that not
/// even its existence shows; writing then needs the permission to write issues (403).
pub async fn authorise(db: &impl ConnectionTrait, user: &SessionUser, kind: RecordKind, record_id: i32, write: bool) -> Result<(), AppError> {
    let permitted = |read: Permission, write_permission: Permission| {
        if user.can(if write { write_permission } else { read }) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    };
    match kind {
        RecordKind::Meeting => {
            permitted(Permission::ReadMeetings, Permission::WriteMeetings)?;
            crate::server::services::meetings::find(db, record_id).await?;
        }
        RecordKind::Training => {
            permitted(Permission::ReadTrainings, Permission::WriteTrainings)?;
            crate::server::services::trainings::find(db, record_id).await?;
        }
        RecordKind::Issue => {
            let access = IssueAccess::optional(db, user).await?.ok_or(AppError::NotFound)?;
            access.find(db, record_id).await?;
            if write && !user.can(Permission::WriteIssues) {
                return Err(AppError::Forbidden);
            }
        }
    }
    Ok(())
}

/// An attachment whose record `user` may read (`write` false) or change (`write` true);
/// "not found" when there is no such attachment, or its record's gate says so.
pub async fn find(db: &impl ConnectionTrait, user: &SessionUser, id: i32, write: bool) -> Result<attachment::Model, AppError> {
    let m = attachment::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let kind = RecordKind::from_code(&m.record_kind).ok_or(AppError::NotFound)?;
    authorise(db, user, kind, m.record_id, write).await?;
    Ok(m)
}

/// On PostgreSQL, holds a lock on one digest until the transaction ends, so that storing a
/// file and removing its last reference cannot interleave (SQLite's write transactions run
/// one at a time anyway).
async fn lock_digest(db: &impl ConnectionTrait, sha256: &str) -> Result<(), AppError> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_raw(Statement::from_sql_and_values(DbBackend::Postgres, "SELECT pg_advisory_xact_lock(hashtext($1))", [sea_orm::Value::from(sha256)])).await?;
    }
    Ok(())
}

fn label(kind: RecordKind, record_id: i32, file_name: &str) -> String {
    format!("{} #{record_id} の添付ファイル「{file_name}」", kind.label())
}

/// Attaches an uploaded file to a record the user may change and returns its id. Refused
/// with a message on the field `file` when it is empty, over `rules::MAX_BYTES` or not an
/// accepted type. Call inside a write transaction: the row is inserted, then the file
/// written, so a rolled-back upload leaves at most an unreferenced file.
#[allow(clippy::too_many_arguments)]
pub async fn store(
    db: &impl ConnectionTrait,
    dir: &Path,
    user: &SessionUser,
    kind: RecordKind,
    record_id: i32,
    file_name: &str,
    bytes: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    authorise(db, user, kind, record_id, true).await?;
    let name = rules::clean_file_name(file_name);
    let content_type = rules::check(&bytes, &name).map_err(|p| AppError::field("file", p.message()))?;
    let sha256 = files::digest(&bytes);
    let size = bytes.len() as i64;
    lock_digest(db, &sha256).await?;
    let m = attachment::ActiveModel {
        record_kind: Set(kind.code().to_string()),
        record_id: Set(record_id),
        file_name: Set(name.clone()),
        content_type: Set(content_type.to_string()),
        size: Set(size),
        sha256: Set(sha256.clone()),
        created_by: Set(Some(user.id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    files::put(dir, &sha256, bytes).await?;
    let changes = [
        Change { field: "record".into(), old: None, new: Some(format!("{} #{record_id}", kind.label())) },
        Change { field: "file_name".into(), old: None, new: Some(name.clone()) },
        Change { field: "size".into(), old: None, new: Some(rules::size_label(size)) },
        Change { field: "content_type".into(), old: None, new: Some(content_type.to_string()) },
    ];
    audit::record(db, &Actor::from(user), ENTITY_TYPE, Some(m.id as i64), Action::Create, &label(kind, record_id, &name), &changes, now).await?;
    Ok(m.id)
}

async fn views(db: &impl ConnectionTrait, rows: Vec<attachment::Model>) -> Result<Vec<AttachmentView>, AppError> {
    let mut ids: Vec<i32> = rows.iter().filter_map(|a| a.created_by).collect();
    ids.sort();
    ids.dedup();
    let names: HashMap<i32, String> = if ids.is_empty() {
        HashMap::new()
    } else {
        app_user::Entity::find().filter(app_user::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|u| (u.id, u.display_name)).collect()
    };
    Ok(rows
        .into_iter()
        .map(|a| AttachmentView {
            id: a.id,
            size_label: rules::size_label(a.size),
            uploaded_by: a.created_by.and_then(|u| names.get(&u).cloned()).unwrap_or_default(),
            uploaded_at: crate::domain::dates::day_time(a.created_at),
            file_name: a.file_name,
        })
        .collect())
}

/// The files of a record the user may read, oldest first.
pub async fn list(db: &impl ConnectionTrait, user: &SessionUser, kind: RecordKind, record_id: i32) -> Result<Vec<AttachmentView>, AppError> {
    authorise(db, user, kind, record_id, false).await?;
    let rows = attachment::Entity::find()
        .filter(attachment::Column::RecordKind.eq(kind.code()))
        .filter(attachment::Column::RecordId.eq(record_id))
        .order_by_asc(attachment::Column::CreatedAt)
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await?;
    views(db, rows).await
}

/// One attachment with its record, for the deletion's confirmation (the user must be
/// allowed to delete it).
pub async fn detail(db: &impl ConnectionTrait, user: &SessionUser, id: i32) -> Result<AttachmentDetail, AppError> {
    let m = find(db, user, id, true).await?;
    let kind = RecordKind::from_code(&m.record_kind).ok_or(AppError::NotFound)?;
    let record_id = m.record_id;
    let file = views(db, vec![m]).await?.pop().ok_or(AppError::NotFound)?;
    Ok(AttachmentDetail { file, kind, record_id })
}

/// An attachment and its bytes, for its download by a user who may read its record.
pub async fn open(db: &impl ConnectionTrait, dir: &Path, user: &SessionUser, id: i32) -> Result<(attachment::Model, Vec<u8>), AppError> {
    let m = find(db, user, id, false).await?;
    let bytes = files::read(dir, &m.sha256).await?;
    Ok((m, bytes))
}

/// What a deletion leaves to do once committed: go back to the record's page, and sweep the
/// file.
pub struct Deleted {
    pub kind: RecordKind,
    pub record_id: i32,
    pub sha256: String,
}

/// Deletes an attachment of a record the user may change. Its file stays until `sweep`
/// runs after this transaction commits: a failed commit must never leave a row without
/// its file. Call inside a write transaction.
pub async fn delete(db: &impl ConnectionTrait, user: &SessionUser, id: i32, now: DateTime<Utc>) -> Result<Deleted, AppError> {
    let m = find(db, user, id, true).await?;
    let kind = RecordKind::from_code(&m.record_kind).ok_or(AppError::NotFound)?;
    // A second deletion racing this one finds nothing to delete.
    if attachment::Entity::delete_by_id(m.id).exec(db).await?.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    let changes = [
        Change { field: "record".into(), old: Some(format!("{} #{}", kind.label(), m.record_id)), new: None },
        Change { field: "file_name".into(), old: Some(m.file_name.clone()), new: None },
        Change { field: "size".into(), old: Some(rules::size_label(m.size)), new: None },
    ];
    audit::record(db, &Actor::from(user), ENTITY_TYPE, Some(m.id as i64), Action::Delete, &label(kind, m.record_id, &m.file_name), &changes, now).await?;
    Ok(Deleted { kind, record_id: m.record_id, sha256: m.sha256 })
}

/// Removes the stored file of `sha256` if no attachment refers to it any more. Call in its
/// own write transaction after a deletion committed; the digest's lock keeps an upload of
/// the same file from slipping in between the count and the removal.
pub async fn sweep(db: &impl ConnectionTrait, dir: &Path, sha256: &str) -> Result<(), AppError> {
    lock_digest(db, sha256).await?;
    let left = attachment::Entity::find().filter(attachment::Column::Sha256.eq(sha256)).count(db).await?;
    if left == 0 {
        files::remove(dir, sha256).await;
    }
    Ok(())
}

