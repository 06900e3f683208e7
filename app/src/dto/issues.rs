//! Wire types of issues: what its server functions send to and take from the browser.

use crate::dto::directory::Ref;
use crate::domain::issues::{IssueInput, IssueStatus, Layer, Mark, RoutingNeed};
use serde::{Deserialize, Serialize};

/// One profession's register in the overview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterSummary {
    pub profession: Ref,
    pub total: u64,
    /// Open issues per layer (職種内, 職種間, 地域全体).
    pub open_by_layer: [u64; 3],
    pub resolved: u64,
}

/// Filters of a register (all optional, from the URL).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IssueFilter {
    pub layer: Option<String>,
    pub status: Option<String>,
    pub q: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueSummary {
    pub id: i32,
    pub code: String,
    pub title: String,
    pub layer: Layer,
    pub status: IssueStatus,
    /// "H24".
    pub first_year: String,
    /// "2024/06/27（木） ◆" of the latest action.
    pub last_action: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Register {
    pub profession: Ref,
    pub items: Vec<IssueSummary>,
    /// Issues of the profession before filtering.
    pub total: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeView {
    /// "2024/06/27（木）".
    pub date: String,
    /// "層" or "状況".
    pub field: String,
    pub value: String,
    pub user: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionView {
    pub id: i32,
    pub issue_id: i32,
    /// ISO date.
    pub acted_on: String,
    /// "2024/06/27（木）".
    pub date: String,
    /// "R6".
    pub fiscal_year: String,
    pub mark: Mark,
    pub description: String,
    /// The meeting, as "2024/06/27（木） 件名".
    pub meeting: Option<Ref>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueView {
    pub id: i32,
    pub profession: Ref,
    pub input: IssueInput,
    /// The scenes' codes (the input does not carry them to the browser).
    pub scene_codes: Vec<String>,
    pub code: String,
    pub layer: Layer,
    pub status: IssueStatus,
    pub source: String,
    pub source_meeting: Option<Ref>,
    /// "平成24年度".
    pub fiscal_year: String,
    pub extracted_on: String,
    pub history: Vec<ChangeView>,
    pub actions: Vec<ActionView>,
    pub version: i32,
    pub updated_at: String,
    /// Referral slips linked as evidence (資源不足), "No.3 2026/12/01（火） 薬局起点 辞退": for
    /// those who may also read slips.
    pub referrals: Vec<Ref>,
    /// The initiatives (取組) it belongs to.
    pub initiatives: Vec<Ref>,
}

/// What the issue and action forms offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueChoices {
    pub professions: Vec<Ref>,
    /// Active meetings, newest first, named "2024/06/27 件名".
    pub meetings: Vec<Ref>,
    /// Initiatives it may be tagged with: for those who keep initiatives.
    pub initiatives: Vec<Ref>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixCell {
    /// The fiscal year the issue was extracted.
    pub first: bool,
    pub actions: Vec<ActionView>,
}

impl MatrixCell {
    /// "抽出" in the first year, then the marks of its actions in order (as in the workbook).
    pub fn text(&self) -> String {
        let marks: String = self.actions.iter().map(|a| a.mark.symbol()).collect();
        match (self.first, marks.is_empty()) {
            (true, true) => "抽出".into(),
            (true, false) => format!("抽出 {marks}"),
            _ => marks,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixRow {
    pub issue_id: i32,
    pub code: String,
    pub title: String,
    pub layer: Layer,
    pub status: IssueStatus,
    pub cells: Vec<MatrixCell>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixYear {
    pub year: i32,
    /// "H24".
    pub label: String,
    /// "2012年度".
    pub western: String,
}

/// The year × issue table of one profession.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueMatrix {
    pub profession: Ref,
    pub years: Vec<MatrixYear>,
    pub rows: Vec<MatrixRow>,
    pub from: i32,
    pub to: i32,
    /// The years the range selector offers, oldest first.
    pub selectable: Vec<MatrixYear>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingItem {
    pub issue_id: i32,
    pub profession: Ref,
    pub code: String,
    pub title: String,
    pub status: IssueStatus,
    pub first_year: String,
    pub need: RoutingNeed,
}

/// Candidates per route: (職種内 to feed back, 職種間 for a 二次連携, 地域全体 for a 三次連携).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingBoard {
    pub feed_back: Vec<RoutingItem>,
    pub second_level: Vec<RoutingItem>,
    pub third_level: Vec<RoutingItem>,
}

/// A meeting's issues, as far as the caller may see them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingIssues {
    /// Whether the caller may read any register (else nothing is shown, not even a heading).
    pub visible: bool,
    /// Issues raised in the meeting: (id, "薬剤師 A 件名").
    pub raised: Vec<Ref>,
    /// Actions taken in it, with the issue named like `raised`.
    pub actions: Vec<(Ref, ActionView)>,
}
