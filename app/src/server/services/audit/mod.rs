//! The audit trail: who changed which record when, field by field. Entries are written in the
//! same transaction as the change and never updated or deleted by the app.

pub mod query;
use crate::dto::auth::SessionUser;
use crate::error::AppError;
use crate::server::entities::audit_log;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use serde::{Deserialize, Serialize};

/// Who did it: a signed-in user, or the system (command line, seeding).
#[derive(Clone, Debug)]
pub struct Actor {
    pub id: Option<i32>,
    pub name: String,
}

impl Actor {
    pub fn system(what: &str) -> Actor {
        Actor { id: None, name: format!("システム（{what}）") }
    }
}

impl From<&SessionUser> for Actor {
    fn from(u: &SessionUser) -> Actor {
        Actor { id: Some(u.id), name: u.display_name.clone() }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Archive,
    Restore,
    Delete,
    Export,
    PasswordChange,
    /// Someone opened a record of personal data (a referral slip).
    View,
    /// Someone opened it to print it.
    Print,
}

impl Action {
    pub fn code(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Archive => "archive",
            Action::Restore => "restore",
            Action::Delete => "delete",
            Action::Export => "export",
            Action::PasswordChange => "password",
            Action::View => "view",
            Action::Print => "print",
        }
    }
}

/// One changed field. `None` means the field did not exist on that side (create/delete).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A record's fields as text, in display order, for diffing.
pub type Snapshot = Vec<(&'static str, String)>;

/// Records that keep an audit trail.
pub trait Audited {
    const ENTITY_TYPE: &'static str;
    fn audit_id(&self) -> i64;
    fn audit_label(&self) -> String;
    fn snapshot(&self) -> Snapshot;
}

/// The fields whose values differ between two snapshots of one record.
pub fn diff(old: &Snapshot, new: &Snapshot) -> Vec<Change> {
    let mut changes = Vec::new();
    for (field, new_value) in new {
        let old_value = old.iter().find(|(f, _)| f == field).map(|(_, v)| v);
        if old_value != Some(new_value) {
            changes.push(Change { field: field.to_string(), old: old_value.cloned(), new: Some(new_value.clone()) });
        }
    }
    for (field, old_value) in old {
        if !new.iter().any(|(f, _)| f == field) {
            changes.push(Change { field: field.to_string(), old: Some(old_value.clone()), new: None });
        }
    }
    changes
}

/// Every non-empty field of a new record.
pub fn created(new: &Snapshot) -> Vec<Change> {
    new.iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(f, v)| Change { field: f.to_string(), old: None, new: Some(v.clone()) })
        .collect()
}

pub async fn record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    entity_type: &str,
    entity_id: Option<i64>,
    action: Action,
    summary: &str,
    changes: &[Change],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let summary: String = summary.chars().take(300).collect();
    audit_log::Entity::insert(audit_log::ActiveModel {
        at: Set(now),
        user_id: Set(actor.id),
        user_name: Set(actor.name.clone()),
        entity_type: Set(entity_type.to_string()),
        entity_id: Set(entity_id),
        action: Set(action.code().to_string()),
        summary: Set(summary),
        changes: Set(serde_json::to_string(changes).map_err(|e| AppError::Internal(e.to_string()))?),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    // Every change to a searchable record is audited: the search index follows from here.
    crate::server::services::search::follow_audit(db, entity_type, entity_id, action, now).await
}

/// Records the creation of an audited record.
pub async fn record_create<T: Audited>(db: &impl ConnectionTrait, actor: &Actor, rec: &T, now: DateTime<Utc>) -> Result<(), AppError> {
    record(db, actor, T::ENTITY_TYPE, Some(rec.audit_id()), Action::Create, &rec.audit_label(), &created(&rec.snapshot()), now).await
}

/// Records an update (or archive/restore) with the fields that changed.
pub async fn record_change<T: Audited>(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: Action,
    before: &T,
    after: &T,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let changes = diff(&before.snapshot(), &after.snapshot());
    record(db, actor, T::ENTITY_TYPE, Some(after.audit_id()), action, &after.audit_label(), &changes, now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_lists_changed_added_and_removed_fields() {
        let old: Snapshot = vec![("name", "A".into()), ("phone", "1".into()), ("gone", "x".into())];
        let new: Snapshot = vec![("name", "A".into()), ("phone", "2".into()), ("email", "e".into())];
        let d = diff(&old, &new);
        assert_eq!(
            d,
            vec![
                Change { field: "phone".into(), old: Some("1".into()), new: Some("2".into()) },
                Change { field: "email".into(), old: None, new: Some("e".into()) },
                Change { field: "gone".into(), old: Some("x".into()), new: None },
            ]
        );
        assert!(diff(&old, &old).is_empty());
    }

    #[test]
    fn created_skips_empty_fields() {
        let new: Snapshot = vec![("name", "A".into()), ("phone", "".into())];
        assert_eq!(created(&new).len(), 1);
    }
}
