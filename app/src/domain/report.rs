//! Rules of the home dashboard and the annual report (事業報告): the two-week window, an
//! issue's layer and status at the end of a fiscal year rebuilt from its dated history, the
//! per-layer tallies, and the report's tables as plain grids (the page and the XLSX file
//! both draw from them).

use super::issues::{IssueStatus, Layer};
use super::meetings::{work_items_from_text, WORK_ITEMS};
use super::FiscalYear;
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// Monday of this week to Sunday of next week, and the Monday that starts next week.
pub fn two_weeks(today: NaiveDate) -> (NaiveDate, NaiveDate, NaiveDate) {
    let monday = today - Duration::days(today.weekday().num_days_from_monday() as i64);
    (monday, monday + Duration::days(13), monday + Duration::days(7))
}

/// One dated change of an issue's layer or status, as kept in its history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub field: String,
    pub value: String,
    pub on: NaiveDate,
}

/// What the report needs of one issue.
#[derive(Clone, Debug)]
pub struct IssueFacts {
    /// The fiscal year it was extracted in.
    pub fiscal_year: i32,
    pub layer: Layer,
    pub status: IssueStatus,
    /// Its history in recorded order.
    pub changes: Vec<Change>,
}

impl IssueFacts {
    /// The last value of `field` on or before `day`; the current value when the history
    /// says nothing (issues entered before histories were kept).
    fn value_at(&self, field: &str, day: NaiveDate) -> Option<&str> {
        let mut known = false;
        let mut value = None;
        for c in self.changes.iter().filter(|c| c.field == field) {
            known = true;
            if c.on <= day {
                value = Some(c.value.as_str());
            }
        }
        if known { value } else { None }
    }

    fn has_history(&self, field: &str) -> bool {
        self.changes.iter().any(|c| c.field == field)
    }

    pub fn layer_at(&self, day: NaiveDate) -> Layer {
        self.value_at("layer", day).and_then(Layer::from_code).unwrap_or(self.layer)
    }

    /// None when the issue did not exist yet on that day.
    pub fn status_at(&self, day: NaiveDate) -> Option<IssueStatus> {
        if self.fiscal_year > FiscalYear::of(day).0 {
            return None;
        }
        if self.has_history("status") {
            // Extracted this year with a history dated later (typed afterwards): its first status.
            return self.value_at("status", day).or_else(|| self.changes.iter().find(|c| c.field == "status").map(|c| c.value.as_str())).and_then(IssueStatus::from_code);
        }
        Some(self.status)
    }

    /// Whether it was marked resolved on a day of the fiscal year.
    pub fn resolved_in(&self, fy: FiscalYear) -> bool {
        if self.has_history("status") {
            self.changes.iter().any(|c| c.field == "status" && c.value == IssueStatus::Resolved.code() && fy.contains(c.on))
        } else {
            self.status == IssueStatus::Resolved && self.fiscal_year == fy.0
        }
    }
}

/// Per layer (in `Layer::ALL` order): extracted in the year, resolved in the year, and still
/// open at its end.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueTally {
    pub extracted: [u32; 3],
    pub resolved: [u32; 3],
    pub in_progress: [u32; 3],
}

fn layer_index(l: Layer) -> usize {
    Layer::ALL.iter().position(|x| *x == l).unwrap_or(0)
}

pub fn tally_issues(issues: &[IssueFacts], fy: FiscalYear) -> IssueTally {
    let end = fy.last_day();
    let mut t = IssueTally::default();
    for i in issues {
        let layer = layer_index(i.layer_at(end));
        if i.fiscal_year == fy.0 {
            t.extracted[layer] += 1;
        }
        if i.resolved_in(fy) {
            t.resolved[layer] += 1;
        }
        if i.status_at(end).is_some_and(IssueStatus::is_open) {
            t.in_progress[layer] += 1;
        }
    }
    t
}

/// How many meetings and trainings covered each work item ア–ク, as (code, label, meetings, trainings).
pub fn tally_work_items<'a>(meetings: impl IntoIterator<Item = &'a str>, trainings: impl IntoIterator<Item = &'a str>) -> Vec<(&'static str, &'static str, u32, u32)> {
    let mut rows: Vec<(&str, &str, u32, u32)> = WORK_ITEMS.iter().map(|(c, l)| (*c, *l, 0, 0)).collect();
    let mut add = |text: &str, meeting: bool| {
        for code in work_items_from_text(text) {
            if let Some(r) = rows.iter_mut().find(|r| r.0 == code) {
                if meeting { r.2 += 1 } else { r.3 += 1 }
            }
        }
    };
    meetings.into_iter().for_each(|t| add(t, true));
    trainings.into_iter().for_each(|t| add(t, false));
    rows
}

/// One table of the report: a header row and body rows of text. Columns from `numeric_from`
/// on hold counts (right-aligned on the page, numbers in the XLSX file).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grid {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// A totals row, when the table has one.
    pub foot: Option<Vec<String>>,
    pub numeric_from: usize,
}

impl Grid {
    pub fn new(caption: &str, head: &[&str], numeric_from: usize) -> Grid {
        Grid { caption: caption.into(), head: head.iter().map(|s| s.to_string()).collect(), rows: vec![], foot: None, numeric_from }
    }

    /// Adds a totals row summing every numeric column.
    pub fn with_totals(mut self, label: &str) -> Grid {
        let width = self.head.len();
        let mut foot = vec![String::new(); width];
        if let Some(first) = foot.first_mut() {
            *first = label.to_string();
        }
        for (c, cell) in foot.iter_mut().enumerate().skip(self.numeric_from.max(1)) {
            *cell = self.rows.iter().filter_map(|r| r.get(c)).map(|v| v.parse::<u64>().unwrap_or(0)).sum::<u64>().to_string();
        }
        self.foot = Some(foot);
        self
    }

    /// Every row including header and totals, for a spreadsheet.
    pub fn all_rows(&self) -> Vec<Vec<String>> {
        let mut out = vec![self.head.clone()];
        out.extend(self.rows.iter().cloned());
        out.extend(self.foot.iter().cloned());
        out
    }
}

/// A section of the report: its heading, a note, and its tables. `key` names its sheet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub key: String,
    pub title: String,
    pub note: String,
    pub grids: Vec<Grid>,
}

/// An XLSX sheet name: at most 31 characters, none of `[]:*?/\`.
pub fn sheet_name(title: &str) -> String {
    title.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn ch(field: &str, value: &str, on: NaiveDate) -> Change {
        Change { field: field.into(), value: value.into(), on }
    }

    #[test]
    fn two_weeks_start_on_monday() {
        // Sunday 22 November 2026: the week began on Monday 16th.
        assert_eq!(two_weeks(d(2026, 11, 22)), (d(2026, 11, 16), d(2026, 11, 29), d(2026, 11, 23)));
        assert_eq!(two_weeks(d(2026, 11, 16)), (d(2026, 11, 16), d(2026, 11, 29), d(2026, 11, 23)));
        // Across a year end.
        assert_eq!(two_weeks(d(2026, 12, 31)).1, d(2027, 1, 10));
    }

    #[test]
    fn status_and_layer_at_the_end_of_a_year_follow_the_history() {
        let issue = IssueFacts {
            fiscal_year: 2023,
            layer: Layer::Region,
            status: IssueStatus::Resolved,
            changes: vec![
                ch("layer", "within", d(2023, 6, 1)),
                ch("status", "extracted", d(2023, 6, 1)),
                ch("status", "in_progress", d(2024, 5, 1)),
                ch("layer", "region", d(2025, 1, 10)),
                ch("status", "resolved", d(2025, 4, 2)),
            ],
        };
        assert_eq!(issue.status_at(FiscalYear(2022).last_day()), None);
        assert_eq!(issue.status_at(FiscalYear(2023).last_day()), Some(IssueStatus::Extracted));
        assert_eq!(issue.layer_at(FiscalYear(2023).last_day()), Layer::Within);
        assert_eq!(issue.layer_at(FiscalYear(2024).last_day()), Layer::Region);
        assert!(!issue.resolved_in(FiscalYear(2024)));
        assert!(issue.resolved_in(FiscalYear(2025)));

        let t2023 = tally_issues(std::slice::from_ref(&issue), FiscalYear(2023));
        assert_eq!(t2023, IssueTally { extracted: [1, 0, 0], resolved: [0; 3], in_progress: [1, 0, 0] });
        let t2025 = tally_issues(std::slice::from_ref(&issue), FiscalYear(2025));
        assert_eq!(t2025, IssueTally { extracted: [0; 3], resolved: [0, 0, 1], in_progress: [0; 3] });
    }

    #[test]
    fn issues_without_history_use_their_current_values() {
        let on_hold = IssueFacts { fiscal_year: 2024, layer: Layer::Between, status: IssueStatus::OnHold, changes: vec![] };
        let resolved = IssueFacts { fiscal_year: 2024, layer: Layer::Between, status: IssueStatus::Resolved, changes: vec![] };
        let t = tally_issues(&[on_hold, resolved], FiscalYear(2024));
        assert_eq!(t, IssueTally { extracted: [0, 2, 0], resolved: [0, 1, 0], in_progress: [0; 3] });
    }

    #[test]
    fn a_history_dated_after_the_year_end_still_counts_the_first_status() {
        let typed_late = IssueFacts { fiscal_year: 2020, layer: Layer::Within, status: IssueStatus::Shared, changes: vec![ch("status", "shared", d(2026, 11, 1))] };
        assert_eq!(typed_late.status_at(FiscalYear(2020).last_day()), Some(IssueStatus::Shared));
    }

    #[test]
    fn work_items_are_counted_per_meeting_and_training() {
        let rows = tally_work_items(["イ,カ", "イ", "", "x"], ["カ"]);
        assert_eq!(rows.len(), 8);
        assert_eq!(rows[1], ("イ", "連携の課題の抽出と対応策の検討", 2, 0));
        assert_eq!(rows[5].2, 1);
        assert_eq!(rows[5].3, 1);
        assert_eq!(rows[0].2 + rows[0].3, 0);
    }

    #[test]
    fn grids_total_their_numeric_columns() {
        let mut g = Grid::new("t", &["職種", "一次", "二次"], 1);
        g.rows.push(vec!["医師".into(), "2".into(), "1".into()]);
        g.rows.push(vec!["歯科医師".into(), "3".into(), "".into()]);
        let g = g.with_totals("合計");
        assert_eq!(g.foot, Some(vec!["合計".to_string(), "5".into(), "1".into()]));
        assert_eq!(g.all_rows().len(), 4);
        assert_eq!(sheet_name("相談支援: 分類/推移"), "相談支援 分類推移");
        assert_eq!(sheet_name(&"あ".repeat(40)).chars().count(), 31);
    }
}
