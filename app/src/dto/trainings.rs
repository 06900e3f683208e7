//! Wire types of trainings: what its server functions send to and take from the browser.

use crate::dto::directory::Ref;
pub use crate::dto::checklist::{ChecklistItem, ChecklistList};
use crate::dto::issues::MatrixYear;
use crate::domain::trainings::{OutcomeInput, Progress, Satisfaction, TrainingInput};
use serde::{Deserialize, Serialize};

/// Filters of the list. Without a fiscal year the list shows the upcoming trainings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrainingQuery {
    pub fy: Option<i32>,
    pub hosting: Option<String>,
    pub status: Option<String>,
    pub organisation: Option<i32>,
    pub q: Option<String>,
    pub archived: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextTask {
    pub title: String,
    pub due_on: String,
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingSummary {
    pub id: i32,
    pub held_on: String,
    /// "2025/05/20（火）".
    pub date_label: String,
    pub fiscal_year: String,
    pub time_label: String,
    pub title: String,
    /// The organising organisation, or the team.
    pub organiser: String,
    pub hosting: String,
    pub hosting_code: String,
    pub level: String,
    pub format: String,
    pub status: String,
    pub status_code: String,
    pub progress: Progress,
    pub overdue_tasks: u32,
    pub next_task: Option<NextTask>,
    pub participants: u32,
    pub active: bool,
}

/// Count and participants of one hosting type in the listed year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostingCount {
    pub hosting: String,
    pub count: u32,
    pub participants: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingList {
    pub items: Vec<TrainingSummary>,
    /// Whether this is the upcoming list (no fiscal year chosen).
    pub upcoming: bool,
    /// Per hosting type, for the listed trainings (cancelled ones not counted).
    pub by_hosting: Vec<HostingCount>,
    pub years: Vec<MatrixYear>,
    pub organisations: Vec<Ref>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportRow {
    pub kind: String,
    pub assignee: String,
    pub assignee_code: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedMeeting {
    pub id: i32,
    /// "2025/04/10（木） 件名".
    pub label: String,
    pub role: String,
    pub role_label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeView {
    /// (profession, count) with a count.
    pub participants: Vec<(String, u32)>,
    pub participants_other: u32,
    pub total: u32,
    pub respondents: Option<u32>,
    /// "82.0%" of participants, when both are known.
    pub response_rate: Option<String>,
    pub satisfaction: Satisfaction,
    pub comments: String,
    pub lessons: String,
    /// Whether anything was recorded yet.
    pub recorded: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingView {
    pub id: i32,
    pub input: TrainingInput,
    pub date_label: String,
    pub fiscal_year: String,
    pub time_label: String,
    pub hosting: String,
    pub level: String,
    pub level_number: i16,
    pub format: String,
    pub status: String,
    pub organiser: Option<Ref>,
    pub professions: Vec<Ref>,
    pub work_items: Vec<String>,
    /// Initiatives (取組) it belongs to.
    pub initiatives: Vec<Ref>,
    /// The four scenes it serves, as labels.
    pub scenes: Vec<String>,
    pub support: Vec<SupportRow>,
    pub tasks: Vec<ChecklistItem>,
    pub progress: Progress,
    pub meetings: Vec<LinkedMeeting>,
    pub outcome: OutcomeView,
    pub outcome_input: OutcomeInput,
    /// Every active profession, named, for the outcome form.
    pub all_professions: Vec<Ref>,
    pub active: bool,
    pub version: i32,
    pub updated_at: String,
}

/// What the training forms offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingChoices {
    pub professions: Vec<Ref>,
    pub organisations: Vec<Ref>,
    pub coordinators: Vec<Ref>,
    /// Active meetings, newest first, to link.
    pub meetings: Vec<Ref>,
    /// Initiatives the form can tag the training with.
    pub initiatives: Vec<Ref>,
}

/// The issues a training addresses, as far as the caller may see them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingIssues {
    /// Whether the caller may read any register (else nothing is shown).
    pub visible: bool,
    pub linked: Vec<Ref>,
    /// Visible issues not linked yet.
    pub choices: Vec<Ref>,
}

/// A training organised by an organisation, with the support the team gave it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportGiven {
    pub id: i32,
    pub fiscal_year: String,
    pub date: String,
    pub title: String,
    pub hosting: String,
    pub status: String,
    /// Kinds of support the team took (alone or jointly).
    pub team_support: Vec<String>,
}
