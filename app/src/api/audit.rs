//! Browsing the audit trail (管理者 only).

pub use crate::dto::audit::*;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "audit_list")]
pub async fn list_audit(#[server(default)] filter: AuditFilter) -> Result<AuditPage, AppError> {
    crate::server::auth::authorize(Permission::ReadAudit)?;
    let db = crate::server::db()?;
    crate::server::services::audit::query::list(&db, &filter).await
}
