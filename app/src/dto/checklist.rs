//! One checklist for the follow-ups of meetings and the tasks of trainings: what is to be
//! done, by whom, by when, and the record it belongs to.

use serde::{Deserialize, Serialize};

/// A follow-up (会議のフォローアップ) or a training task (研修のタスク).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub id: i32,
    /// The meeting or training it belongs to.
    pub parent_id: i32,
    pub parent_title: String,
    /// "2025/04/10（木）".
    pub parent_date: String,
    /// What is to be done (a follow-up's 対応内容, a task's title).
    pub text: String,
    /// The owner's name, if any.
    pub owner: Option<String>,
    /// ISO date.
    pub due_on: Option<String>,
    pub overdue: bool,
    pub done: bool,
    pub version: i32,
}

/// Items across records, and everyone who owns one (for the owner filter: "u:3" / "o:5").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistList {
    pub items: Vec<ChecklistItem>,
    pub owners: Vec<(String, String)>,
    /// Everyone an item can be given to (coordinators, then organisations), for the bulk change.
    #[serde(default)]
    pub assignable: Vec<(String, String)>,
}

/// One item on its edit page: the item, its owner's code ("u:3" / "o:5" / empty) and the
/// owners it can be given to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistEdit {
    pub item: ChecklistItem,
    pub owner: String,
    pub owners: Vec<(String, String)>,
}

/// The dashboard's open items: those due soonest first, and the long-overdue folded away.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueList {
    pub soon: crate::dto::dashboard::Shortlist<ChecklistItem>,
    pub long_overdue: crate::dto::dashboard::Shortlist<ChecklistItem>,
}
