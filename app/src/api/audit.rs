//! Browsing the audit trail (管理者 only).

#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    pub user_id: Option<i32>,
    pub entity_type: Option<String>,
    /// YYYY-MM-DD, inclusive, Japan time.
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditChangeView {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntryView {
    pub id: i64,
    /// Japan time, `2026/11/21 14:05`.
    pub at: String,
    pub user_name: String,
    pub entity_type: String,
    pub entity_id: Option<i64>,
    pub action: String,
    pub summary: String,
    pub changes: Vec<AuditChangeView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntryView>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
    /// (id, display name) of every user, for the filter.
    pub users: Vec<(i32, String)>,
}

#[server(prefix = "/api", endpoint = "audit_list")]
pub async fn list_audit(#[server(default)] filter: AuditFilter) -> Result<AuditPage, AppError> {
    crate::server::auth::authorize(Permission::ReadAudit)?;
    let db = crate::server::db()?;
    crate::server::services::audit_query::list(&db, &filter).await
}
