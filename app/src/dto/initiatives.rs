//! Initiatives as the browser sees them.

pub use crate::domain::initiatives::{InitiativeInput, Status, StepInput};
use crate::dto::directory::Ref;
use serde::{Deserialize, Serialize};

/// A line of the list: the half-year plan when only open ones are shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiativeSummary {
    pub id: i32,
    pub title: String,
    pub status: Status,
    pub scenes: Vec<String>,
    pub partners: String,
    pub next_step: String,
    /// "2026/12/10（木）" or empty.
    pub next_step_on: String,
    /// Linked meetings and trainings and its own steps.
    pub entries: u32,
    /// The date of the latest entry of its trail, or empty.
    pub last_on: String,
}

/// One line of the trail (軌跡).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrailRow {
    /// "令和5年度".
    pub fiscal_year: String,
    /// "6/27", as the team's tables write it.
    pub month_day: String,
    pub date: String,
    pub what: String,
    /// "一次連携" or empty.
    pub level: String,
    /// The meeting or training page, for linked records.
    pub href: Option<String>,
    /// A step of its own, which may be removed.
    pub step_id: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiativeView {
    pub id: i32,
    pub input: InitiativeInput,
    pub status: Status,
    pub scenes: Vec<String>,
    /// The scenes' codes, for the edit form (the input does not carry them).
    pub scene_codes: Vec<String>,
    pub next_step_on: String,
    pub trail: Vec<TrailRow>,
    pub meetings: Vec<Ref>,
    pub trainings: Vec<Ref>,
    /// Records that may still be linked, newest first.
    pub meeting_choices: Vec<Ref>,
    pub training_choices: Vec<Ref>,
    /// Issues, consultations and slips it groups, only those the caller may read (tagged
    /// from their own forms and pages).
    pub issues: Vec<Ref>,
    pub consultations: Vec<Ref>,
    pub referrals: Vec<Ref>,
    pub version: i32,
    pub updated_at: String,
}
