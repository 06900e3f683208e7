//! Wire types of meetings: what its server functions send to and take from the browser.

use crate::dto::directory::Ref;
pub use crate::dto::checklist::{ChecklistItem, ChecklistList};
use crate::domain::meetings::{Level, MeetingInput};
use serde::{Deserialize, Serialize};

/// Filters of the meetings list (all optional, from the URL).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingQuery {
    /// Fiscal year, by its starting Western year.
    pub fy: Option<i32>,
    pub level: Option<i16>,
    pub kind: Option<String>,
    pub profession: Option<i32>,
    pub organisation: Option<i32>,
    pub person: Option<i32>,
    pub work_item: Option<String>,
    pub q: Option<String>,
    /// "active" (default), "archived" or "all".
    pub status: Option<String>,
    pub page: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingSummary {
    pub id: i32,
    /// ISO date.
    pub held_on: String,
    /// "2024/06/27（木）".
    pub date_label: String,
    /// "R6".
    pub fiscal_year: String,
    /// "13:30–15:00" or "".
    pub time_label: String,
    pub level: Level,
    pub kind: String,
    pub title: String,
    pub place: String,
    pub professions: Vec<Ref>,
    pub organisations: Vec<Ref>,
    pub work_items: Vec<String>,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingPage {
    pub items: Vec<MeetingSummary>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
    /// Meetings per level (一次, 二次, 三次) under the same filters.
    pub by_level: [u64; 3],
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeView {
    pub id: i32,
    pub name: String,
    /// The reading (ふりがな), possibly empty: the meeting form's type-ahead matches it.
    pub kana: String,
    pub organisation_id: Option<i32>,
    pub organisation: Option<String>,
    pub key_person: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingView {
    pub id: i32,
    pub input: MeetingInput,
    pub date_label: String,
    /// "令和6年度".
    pub fiscal_year: String,
    pub level: Level,
    pub kind: String,
    pub professions: Vec<Ref>,
    pub organisations: Vec<Ref>,
    pub people: Vec<AttendeeView>,
    pub coordinators: Vec<Ref>,
    pub follow_ups: Vec<ChecklistItem>,
    /// Trainings the meeting prepared or reflected on.
    pub trainings: Vec<Ref>,
    /// Initiatives (取組) it belongs to.
    pub initiatives: Vec<Ref>,
    /// The four scenes it serves, as labels.
    pub scenes: Vec<String>,
    pub active: bool,
    pub version: i32,
    pub updated_at: String,
}

/// What the meeting form and filters offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingChoices {
    pub professions: Vec<Ref>,
    pub organisations: Vec<Ref>,
    /// Active people grouped by organisation (in the organisations' order, by kana), those
    /// without one last (only in the form's choices).
    pub people: Vec<AttendeeView>,
    /// The organisations' readings (ふりがな) by id, for the form's type-ahead (only in the
    /// form's choices; organisations without one are left out).
    pub organisation_kana: Vec<(i32, String)>,
    /// Users who can attend as coordinators (administrators and coordinators).
    pub coordinators: Vec<Ref>,
    /// Fiscal years that have meetings, newest first, as (year, "R6").
    pub fiscal_years: Vec<(i32, String)>,
    /// Initiatives the form can tag the meeting with (only in the form's choices).
    pub initiatives: Vec<Ref>,
    /// Meeting kinds in display order, retired ones too: the form offers a retired kind only
    /// to the meeting that has it, the list filter offers them all.
    pub kinds: Vec<KindChoice>,
}

/// A meeting kind (会議の種類) as forms and filters offer it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindChoice {
    /// What the meeting stores.
    pub code: String,
    pub name: String,
    /// False when retired: no longer offered for new meetings.
    pub active: bool,
}

/// A meeting kind on the administrators' page, with how many meetings use it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindView {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub active: bool,
    pub version: i32,
    /// Meetings of this kind (all years, archived records excluded).
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub meeting_id: i32,
    /// "6/27".
    pub date: String,
    pub level: Level,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineYear {
    pub fiscal_year: i32,
    pub label: String,
    pub meetings: Vec<TimelineEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineRow {
    pub profession: Ref,
    /// "H24（2012年度）" of the first 一次連携.
    pub first_level_one: Option<String>,
    pub years: Vec<TimelineYear>,
}

/// A fiscal year of a profession's history that has meetings, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfessionYear {
    pub fiscal_year: i32,
    pub label: String,
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfessionHistory {
    /// Every year; the dates only of the year shown.
    pub timeline: TimelineRow,
    pub years: Vec<ProfessionYear>,
    /// The fiscal year shown (none before the first meeting).
    pub fiscal_year: Option<i32>,
    /// The meetings of that year, newest first.
    pub meetings: Vec<MeetingSummary>,
    pub organisations: Vec<Ref>,
    /// People met, key persons first.
    pub people: Vec<AttendeeView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarEntry {
    /// The meeting's page, or the training's.
    pub href: String,
    pub training: bool,
    pub title: String,
    pub level: Level,
    pub start_time: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarMonth {
    pub year: i32,
    pub month: u32,
    /// Weeks from Sunday; each day with its meetings, None outside the month.
    pub weeks: Vec<Vec<Option<(u32, Vec<CalendarEntry>)>>>,
    /// The month's public holidays (振替休日 and 国民の休日 included): (day, name).
    pub holidays: Vec<(u32, String)>,
    /// Open follow-ups and training tasks due in the month, by due date (only those the
    /// user may read).
    pub deadlines: Vec<CalendarDeadline>,
}

/// An open follow-up or training task on its due date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDeadline {
    pub day: u32,
    /// What is to be done.
    pub text: String,
    /// The meeting's follow-ups or the training's tasks.
    pub href: String,
    /// The meeting or training, with its date ("2025/04/10（木） …").
    pub parent: String,
    pub training: bool,
    pub overdue: bool,
}

/// A row of a past-meetings import that will create a meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingImportRow {
    pub line: u64,
    /// "2024/06/27（木）".
    pub date_label: String,
    pub level: Level,
    /// The kind's name.
    pub kind: String,
    pub title: String,
    pub professions: Vec<String>,
    /// The level rule is not followed and the file gives no reason: the import's fixed
    /// reason is recorded (`MeetingImportPreview::filled_reason`).
    pub reason_filled: bool,
}

/// A row with the date and title of a meeting already recorded: left out unless the person
/// confirming chooses to add it anyway.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingImportDuplicate {
    pub line: u64,
    pub date_label: String,
    pub level: Level,
    pub title: String,
    pub existing_id: i32,
    pub existing_title: String,
    /// The recorded meeting is archived.
    pub existing_archived: bool,
}

/// What an uploaded spreadsheet of past meetings would do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingImportPreview {
    pub id: i32,
    pub file_name: String,
    /// "Excel (XLSX)", "UTF-8" or "Shift_JIS".
    pub format: String,
    pub rows: u64,
    pub new_rows: Vec<MeetingImportRow>,
    pub duplicates: Vec<MeetingImportDuplicate>,
    pub problems: Vec<crate::dto::consultations::ImportProblem>,
    pub more_problems: u64,
    /// The reason recorded for rows marked `reason_filled`.
    pub filled_reason: String,
    /// Meetings created, once confirmed.
    pub committed: Option<i32>,
}
