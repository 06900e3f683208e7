//! Activity reports for any date range (月次・四半期): the period typed or picked from the
//! usual ones, and what of an issue's history falls inside it.

use super::issues::{IssueStatus, Layer};
use super::meetings::parse_date;
use super::report::IssueFacts;
use super::validate::Problems;
use super::FiscalYear;
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// A closed range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The longest period a report covers.
const MAX_DAYS: i64 = 3660;

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn month_end(d: NaiveDate) -> NaiveDate {
    let next = if d.month() == 12 { NaiveDate::from_ymd_opt(d.year() + 1, 1, 1) } else { NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1) };
    next.map(|n| n - Duration::days(1)).unwrap_or(d)
}

/// The fiscal quarter (April–June = 1) that holds `d`, as its first and last day.
fn quarter_of(d: NaiveDate) -> Period {
    let start_month = match d.month() {
        4..=6 => 4,
        7..=9 => 7,
        10..=12 => 10,
        _ => 1,
    };
    let from = NaiveDate::from_ymd_opt(d.year(), start_month, 1).unwrap_or(d);
    Period { from, to: month_end(from + Duration::days(62)) }
}

impl Period {
    /// From the query: each bound as typed, else this month's.
    pub fn parse(from: Option<&str>, to: Option<&str>, today: NaiveDate) -> Result<Period, Problems> {
        let mut p = Problems::new();
        let mut bound = |field: &'static str, value: Option<&str>, default: NaiveDate, what: &str| match value.map(str::trim).filter(|s| !s.is_empty()) {
            None => Some(default),
            Some(s) => {
                let d = parse_date(s);
                if d.is_none() {
                    p.push((field, format!("{what}は 2026-11-01 の形で入力してください。")));
                }
                d
            }
        };
        let from = bound("from", from, month_start(today), "開始日");
        let to = bound("to", to, month_end(today), "終了日");
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                p.push(("to", "終了日は開始日と同じか、それより後にしてください。".into()));
            } else if (t - f).num_days() > MAX_DAYS {
                p.push(("to", "期間は10年以内にしてください。".into()));
            }
        }
        match (from, to, p.is_empty()) {
            (Some(from), Some(to), true) => Ok(Period { from, to }),
            _ => Err(p),
        }
    }

    pub fn contains(self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    /// "2026/11/01（日）〜2026/11/30（月）".
    pub fn label(self) -> String {
        super::dates::span(self.from, self.to)
    }

    /// The fiscal years the period touches.
    pub fn fiscal_years(self) -> std::ops::RangeInclusive<i32> {
        FiscalYear::of(self.from).0..=FiscalYear::of(self.to).0
    }

    /// The periods a coordinator usually reports on.
    pub fn presets(today: NaiveDate) -> Vec<(&'static str, Period)> {
        let this_month = Period { from: month_start(today), to: month_end(today) };
        let last = this_month.from - Duration::days(1);
        let quarter = quarter_of(today);
        let fy = FiscalYear::of(today);
        vec![
            ("今月", this_month),
            ("先月", Period { from: month_start(last), to: month_end(last) }),
            ("今四半期", quarter),
            ("前四半期", quarter_of(quarter.from - Duration::days(1))),
            ("今年度", Period { from: fy.first_day(), to: fy.last_day() }),
        ]
    }
}

/// Per layer (in `Layer::ALL` order): issues extracted in the period (by their extraction
/// day, layer at the period's end) and marked resolved on a day of it.
pub fn tally_issues(issues: &[(Option<NaiveDate>, IssueFacts)], period: Period) -> ([u32; 3], [u32; 3]) {
    let index = |l: Layer| Layer::ALL.iter().position(|x| *x == l).unwrap_or(0);
    let (mut extracted, mut resolved) = ([0u32; 3], [0u32; 3]);
    for (on, i) in issues {
        let layer = index(i.layer_at(period.to));
        if on.is_some_and(|d| period.contains(d)) {
            extracted[layer] += 1;
        }
        if i.changes.iter().any(|c| c.field == "status" && c.value == IssueStatus::Resolved.code() && period.contains(c.on)) {
            resolved[layer] += 1;
        }
    }
    (extracted, resolved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::report::Change;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn the_default_is_this_month_and_bounds_are_checked() {
        let today = d("2026-12-03");
        assert_eq!(Period::parse(None, None, today).unwrap(), Period { from: d("2026-12-01"), to: d("2026-12-31") });
        assert_eq!(Period::parse(Some("2026-04-01"), Some(" "), today).unwrap(), Period { from: d("2026-04-01"), to: d("2026-12-31") });
        let fields = |r: Result<Period, Problems>| r.unwrap_err().into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(fields(Period::parse(Some("先月"), Some("2026/13/01"), today)), ["from", "to"]);
        assert_eq!(fields(Period::parse(Some("2026-11-02"), Some("2026-11-01"), today)), ["to"]);
        assert_eq!(fields(Period::parse(Some("2000-04-01"), Some("2026-03-31"), today)), ["to"]);
        assert!(Period::parse(Some("2026-11-01"), Some("2026-11-01"), today).is_ok());
    }

    #[test]
    fn presets_follow_months_and_fiscal_quarters() {
        let p = Period::presets(d("2026-01-15"));
        let get = |name: &str| p.iter().find(|(n, _)| *n == name).unwrap().1.label();
        assert_eq!(get("今月"), "2026/01/01（木）〜2026/01/31（土）");
        assert_eq!(get("先月"), "2025/12/01（月）〜2025/12/31（水）");
        assert_eq!(get("今四半期"), "2026/01/01（木）〜2026/03/31（火）");
        assert_eq!(get("前四半期"), "2025/10/01（水）〜2025/12/31（水）");
        assert_eq!(get("今年度"), "2025/04/01（火）〜2026/03/31（火）");
        let p = Period::presets(d("2026-05-31"));
        assert_eq!(p[2].1.label(), "2026/04/01（水）〜2026/06/30（火）");
        assert_eq!(p[3].1.label(), "2026/01/01（木）〜2026/03/31（火）");
        assert_eq!(p[1].1.label(), "2026/04/01（水）〜2026/04/30（木）");
    }

    #[test]
    fn issues_count_by_the_days_inside_the_period() {
        let ch = |field: &str, value: &str, on: &str| Change { field: field.into(), value: value.into(), on: d(on) };
        let facts = |layer: Layer, status: IssueStatus, changes: Vec<Change>| IssueFacts { fiscal_year: 2026, layer, status, changes };
        let issues = vec![
            (Some(d("2026-11-01")), facts(Layer::Within, IssueStatus::Extracted, vec![ch("layer", "within", "2026-11-01"), ch("status", "extracted", "2026-11-01")])),
            (Some(d("2026-10-31")), facts(Layer::Region, IssueStatus::Resolved, vec![ch("layer", "region", "2026-10-31"), ch("status", "resolved", "2026-11-30")])),
            (Some(d("2026-12-01")), facts(Layer::Within, IssueStatus::Resolved, vec![ch("status", "resolved", "2026-12-01")])),
            (None, facts(Layer::Within, IssueStatus::Extracted, vec![])),
        ];
        let nov = Period { from: d("2026-11-01"), to: d("2026-11-30") };
        let (extracted, resolved) = tally_issues(&issues, nov);
        let within = Layer::ALL.iter().position(|l| *l == Layer::Within).unwrap();
        let region = Layer::ALL.iter().position(|l| *l == Layer::Region).unwrap();
        assert_eq!((extracted[within], extracted[region], extracted.iter().sum::<u32>()), (1, 0, 1));
        assert_eq!((resolved[region], resolved.iter().sum::<u32>()), (1, 1));
    }
}
