//! Wire types of dashboard: what its server functions send to and take from the browser.

use serde::{Deserialize, Serialize};

/// A meeting or training on the agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub href: String,
    /// "11/24（火）".
    pub date_label: String,
    pub time: String,
    pub title: String,
    /// "会議" or "研修".
    pub kind: String,
    pub level: String,
    pub today: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentConsultation {
    pub id: i32,
    pub received_on: String,
    pub category: String,
    pub who: String,
    pub status: String,
    pub status_code: String,
}

/// Open issues of one layer: counts per open status, then their total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerCounts {
    pub layer: String,
    pub layer_code: String,
    pub counts: Vec<u32>,
    pub total: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueSummary {
    /// Column headings: the open statuses.
    pub statuses: Vec<String>,
    pub rows: Vec<LayerCounts>,
    /// Whether the caller reads only some registers.
    pub partial: bool,
}

/// A list with how many there are in all (the dashboard shows the first few).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortlist<T> {
    pub items: Vec<T>,
    pub total: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub user_name: String,
    /// "令和8年度（R8）".
    pub fiscal_year: String,
    pub today: String,
    pub this_week: Vec<AgendaItem>,
    pub next_week: Vec<AgendaItem>,
    /// Open follow-ups and training tasks, due soonest first.
    pub follow_ups: crate::dto::checklist::DueList,
    pub tasks: crate::dto::checklist::DueList,
    /// None for roles that may not read consultation records.
    pub consultations: Option<Shortlist<RecentConsultation>>,
    /// This fiscal year's consultations so far (counts only).
    pub consultations_this_year: Option<u64>,
    /// None for those who may read no register.
    pub issues: Option<IssueSummary>,
    /// Referral slips whose reply is overdue; None for roles without referrals.
    pub overdue_referrals: Option<crate::dto::referrals::OverdueReferrals>,
    /// The first steps of a new installation, until it has organisations and meetings; only
    /// for those who may take them (administrators and coordinators).
    #[serde(default)]
    pub start: Option<StartHere>,
}

/// 「はじめに」: which first steps are done.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartHere {
    pub organisations: bool,
    /// More than the first account.
    pub accounts: bool,
    pub consultations: bool,
    pub meetings: bool,
    /// Whether the caller may create accounts (the step links to the user administration).
    pub manage_users: bool,
}
