//! Files attached to meetings, trainings and issues: the list on a record's page, the
//! deletion and its confirmation. Uploads and downloads are plain HTTP
//! (`server/src/attachments.rs`). Every function goes through
//! `services::attachments::authorise`: a file has its record's permissions, and one of an
//! issue the caller may not read answers exactly like a missing one.

pub use crate::dto::attachments::*;
use crate::error::AppError;
use leptos::prelude::*;

/// The files of a record (`kind`: "meeting", "training" or "issue").
#[server(prefix = "/api", endpoint = "attachments_list")]
pub async fn list_attachments(kind: String, record_id: i32) -> Result<Vec<AttachmentView>, AppError> {
    use crate::domain::attachments::RecordKind;
    let user = crate::server::auth::require_user()?;
    let kind = RecordKind::from_code(kind.trim()).ok_or(AppError::NotFound)?;
    crate::server::services::attachments::list(&crate::server::db()?, &user, kind, record_id).await
}

/// One attachment and its record, for those who may delete it.
#[server(prefix = "/api", endpoint = "attachments_get")]
pub async fn get_attachment(id: i32) -> Result<AttachmentDetail, AppError> {
    let user = crate::server::auth::require_user()?;
    crate::server::services::attachments::detail(&crate::server::db()?, &user, id).await
}

#[server(prefix = "/api", endpoint = "attachments_delete")]
pub async fn delete_attachment(id: i32) -> Result<(), AppError> {
    let user = crate::server::auth::require_user()?;
    let dir = crate::server::attachments_dir()?;
    let deleted = crate::server::transaction(move |txn| Box::pin(async move { crate::server::services::attachments::delete(txn, &user, id, chrono::Utc::now()).await })).await?;
    let sha256 = deleted.sha256.clone();
    // Only disk space is at stake if the sweep fails: the deletion stands.
    if let Err(e) = crate::server::transaction(move |txn| Box::pin(async move { crate::server::services::attachments::sweep(txn, &dir, &sha256).await })).await {
        tracing::warn!("an attachment's file was not swept: {e}");
    }
    let (kind, record_id) = (deleted.kind, deleted.record_id);
    leptos_axum::redirect(&format!("{}?attachment_deleted=1#attachments", kind.page(record_id)));
    Ok(())
}
