//! Wire types of audit: what its server functions send to and take from the browser.

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
