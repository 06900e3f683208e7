//! Wire types of the referral slips. A summary carries nothing that names the person; the
//! person's fields travel only in `ReferralView`, whose every read is audited.

use crate::domain::referrals::{PersonFields, State};
use crate::dto::directory::Ref;
use serde::{Deserialize, Serialize};

/// Filters of the list (all optional, from the URL).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReferralQuery {
    /// A state code, or "open" (waiting for a reply).
    pub state: Option<String>,
    /// Only those whose reply is overdue.
    pub overdue: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralSummary {
    pub id: i32,
    /// "2026/12/01（火）".
    pub sent_on: String,
    pub pathway: String,
    pub sender: String,
    pub receiver: String,
    /// The topics' labels, the most pressing (◎) first.
    pub topics: Vec<String>,
    pub main_topic: Option<String>,
    pub state: State,
    pub due_on: String,
    pub overdue: bool,
    /// No personal fields (no consent, or erased).
    pub anonymous: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralList {
    pub items: Vec<ReferralSummary>,
    pub overdue: usize,
    /// Whether the caller sees the team's every slip (else their organisation's).
    pub team: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralView {
    pub summary: ReferralSummary,
    pub version: i32,
    pub channel: String,
    pub sender_person: Option<String>,
    /// The person's fields (None: an anonymous record, or erased).
    pub person: Option<PersonFields>,
    pub sex: String,
    pub age_band: String,
    pub district: String,
    pub household: String,
    pub share_consent: String,
    pub report_back: bool,
    pub received_on: Option<String>,
    /// The caller's organisation receives it (or the caller is on the team): may record
    /// "received" and reply.
    pub may_receive: bool,
    /// Slip 2, oldest first (empty when the caller may not read them).
    pub replies: Vec<ReplyView>,
    /// There are replies the caller (a sender without consent to report back) may not read.
    pub replies_hidden: bool,
    /// The reply form's choices, when the caller may reply.
    pub reply_choices: Option<ReplyChoices>,
    /// The personal fields were erased (retention time, or the person's request).
    pub erased: bool,
    /// The person's details exist but stay closed: the caller's account has no second factor.
    pub personal_withheld: bool,
    /// Consent was given by signature: the print carries the signature lines.
    pub share_consent_signed: bool,
    /// The caller may erase the person's fields on request (administrators).
    pub may_erase: bool,
    /// The issues the slip is evidence for: the team's, for those who may read issues.
    pub evidence: Option<ReferralEvidence>,
    /// The initiatives (取組) it belongs to: the team's, for those who read initiatives.
    pub initiatives: Option<SlipInitiatives>,
}

/// The initiatives a slip belongs to, and those it may still join (empty when the caller
/// may not link).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlipInitiatives {
    pub linked: Vec<Ref>,
    pub choices: Vec<Ref>,
    pub may_link: bool,
}

/// A slip as evidence of issues of the register (資源不足).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralEvidence {
    /// The linked issues the caller may read, "薬剤師 A 件名".
    pub linked: Vec<Ref>,
    /// The issues it may still be linked to (empty when the caller may not link).
    pub choices: Vec<Ref>,
    pub may_link: bool,
    /// The slip is closed (終了・辞退・連絡つかず): only then may it be linked.
    pub closed: bool,
}

/// Slip 2 as the receiver wrote it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyView {
    pub replied_on: String,
    pub by_name: String,
    pub state: State,
    /// ■ involved now.
    pub agencies_now: Vec<String>,
    /// ● planned.
    pub agencies_planned: Vec<String>,
    pub connections_before: Option<i32>,
    pub connections_now: Option<i32>,
    pub care_application: String,
    pub visit: String,
    pub support: String,
    /// A support text exists but stays closed: the caller's account has no second factor.
    pub support_withheld: bool,
    pub resources: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyChoices {
    pub agencies: Vec<Ref>,
    /// Resources of the resource list screened for it and still active.
    pub resources: Vec<Ref>,
}

/// The dashboard's part: the slips whose reply is overdue.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueReferrals {
    pub items: Vec<ReferralSummary>,
    pub total: u64,
}

/// The form's choices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralChoices {
    pub pathways: Vec<Ref>,
    /// Organisations a slip may come from: a partner's own, or every current one.
    pub senders: Vec<Ref>,
    pub receivers: Vec<Ref>,
    pub districts: Vec<Ref>,
}

/// `/referrals/evaluation`: one fiscal year's counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReferralEvaluation {
    pub fiscal_year: i32,
    /// "令和8年度（R8）".
    pub label: String,
    pub evaluation: crate::domain::referral_evaluation::Evaluation,
}
