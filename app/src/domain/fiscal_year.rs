//! Japanese fiscal years (年度, 1 April – 31 March) and their era labels.

use super::era::{era_year_kanji, Era};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A fiscal year, named by the Western year in which it starts: FY2024 = 2024-04-01 … 2025-03-31.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FiscalYear(pub i32);

/// The fiscal years accepted from users (URLs, forms, files): wide enough for any record,
/// narrow enough that no date computation or year list built from them can overflow.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2200;

/// The message shown for a year outside `MIN_YEAR..=MAX_YEAR`.
pub fn year_out_of_range() -> String {
    format!("年度は{MIN_YEAR}〜{MAX_YEAR}の範囲で指定してください。")
}

impl FiscalYear {
    /// A fiscal year given by a user, if it is within `MIN_YEAR..=MAX_YEAR`.
    pub fn new(year: i32) -> Option<FiscalYear> {
        (MIN_YEAR..=MAX_YEAR).contains(&year).then_some(FiscalYear(year))
    }

    /// Like `new`, with the message for the user when the year is out of range.
    pub fn checked(year: i32) -> Result<FiscalYear, String> {
        FiscalYear::new(year).ok_or_else(year_out_of_range)
    }

    pub fn of(date: NaiveDate) -> FiscalYear {
        if date.month() >= 4 {
            FiscalYear(date.year())
        } else {
            FiscalYear(date.year() - 1)
        }
    }

    pub fn year(self) -> i32 {
        self.0
    }

    /// 1 April; a year beyond chrono's dates (never one checked by `new`) gives its last date.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 4, 1).unwrap_or(if self.0 < 0 { NaiveDate::MIN } else { NaiveDate::MAX })
    }

    /// 31 March of the next year, bounded like `first_day`.
    pub fn last_day(self) -> NaiveDate {
        self.0
            .checked_add(1)
            .and_then(|y| NaiveDate::from_ymd_opt(y, 3, 31))
            .unwrap_or(if self.0 < 0 { NaiveDate::MIN } else { NaiveDate::MAX })
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        FiscalYear::of(date) == self
    }

    pub fn next(self) -> FiscalYear {
        FiscalYear(self.0 + 1)
    }

    pub fn prev(self) -> FiscalYear {
        FiscalYear(self.0 - 1)
    }

    /// The era a fiscal year is named by: the one in force on 1 April, except that
    /// FY2019 (which began under 平成 on 2019-04-01) is conventionally 令和元年度.
    pub fn era(self) -> Era {
        if self.0 == 2019 {
            return Era::Reiwa;
        }
        Era::of_date(self.first_day()).unwrap_or(Era::Showa)
    }

    pub fn era_year(self) -> i32 {
        self.era().year_of(self.0)
    }

    /// `H29`, `R1`, `R6`.
    pub fn short_label(self) -> String {
        format!("{}{}", self.era().letter(), self.era_year())
    }

    /// `平成29年度`, `令和元年度`, `令和6年度`.
    pub fn long_label(self) -> String {
        format!("{}{}年度", self.era().kanji(), era_year_kanji(self.era_year()))
    }

    /// `2024年度`.
    pub fn western_label(self) -> String {
        format!("{}年度", self.0)
    }

    /// Parses `2024`, `FY2024`, `R6`, `R01`, `H29`, `令和6年度`, `令和元年度`, `平成29年度`.
    pub fn parse(input: &str) -> Option<FiscalYear> {
        let s = input.trim();
        let s = s.strip_suffix("年度").unwrap_or(s);
        let s = s
            .strip_prefix("FY")
            .or_else(|| s.strip_prefix("fy"))
            .unwrap_or(s);
        if let Ok(y) = s.parse::<i32>() {
            return FiscalYear::new(y);
        }
        let (era, rest) = split_era(s)?;
        let era_year = if rest == "元" { 1 } else { rest.parse::<i32>().ok()? };
        if !(1..=MAX_YEAR).contains(&era_year) {
            return None;
        }
        FiscalYear::new(era.western_year(era_year))
    }
}

/// Splits a leading era name (letter or kanji) from the rest.
fn split_era(s: &str) -> Option<(Era, &str)> {
    if let Some(era) = Era::ALL.into_iter().find(|e| s.starts_with(e.kanji())) {
        return Some((era, &s[era.kanji().len()..]));
    }
    let first = s.chars().next()?;
    let era = Era::from_letter(first)?;
    Some((era, &s[first.len_utf8()..]))
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.short_label())
    }
}

/// An inclusive range of fiscal years, as chosen in the report selectors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiscalYearRange {
    pub first: FiscalYear,
    pub last: FiscalYear,
}

impl FiscalYearRange {
    /// The range a user asked for (`from`/`to` from a URL or form; either may be missing and
    /// then comes from `default`), in either order, at most `max_years` long (the later end
    /// stays). Years outside `MIN_YEAR..=MAX_YEAR` are refused with the message to show.
    pub fn requested(from: Option<i32>, to: Option<i32>, default: (i32, i32), max_years: i32) -> Result<FiscalYearRange, String> {
        let bounded = |y: i32| FiscalYear(y.clamp(MIN_YEAR, MAX_YEAR));
        let from = from.map(FiscalYear::checked).transpose()?.unwrap_or(bounded(default.0));
        let to = to.map(FiscalYear::checked).transpose()?.unwrap_or(bounded(default.1));
        let range = FiscalYearRange::new(from, to);
        let first = range.first.0.max(range.last.0 - max_years.max(1) + 1);
        Ok(FiscalYearRange { first: FiscalYear(first), last: range.last })
    }

    /// A range in either order of its ends.
    pub fn new(a: FiscalYear, b: FiscalYear) -> FiscalYearRange {
        FiscalYearRange { first: a.min(b), last: a.max(b) }
    }

    pub fn contains(self, fy: FiscalYear) -> bool {
        self.first <= fy && fy <= self.last
    }

    pub fn contains_date(self, date: NaiveDate) -> bool {
        self.contains(FiscalYear::of(date))
    }

    pub fn first_day(self) -> NaiveDate {
        self.first.first_day()
    }

    pub fn last_day(self) -> NaiveDate {
        self.last.last_day()
    }

    /// Number of fiscal years; never zero.
    pub fn count(self) -> usize {
        (self.last.0 - self.first.0 + 1) as usize
    }

    pub fn iter(self) -> impl DoubleEndedIterator<Item = FiscalYear> + Clone {
        (self.first.0..=self.last.0).map(FiscalYear)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn years_from_users_are_bounded_and_never_panic() {
        assert_eq!(FiscalYear::new(1900), Some(FiscalYear(1900)));
        assert_eq!(FiscalYear::new(2200), Some(FiscalYear(2200)));
        assert_eq!(FiscalYear::new(1899), None);
        assert_eq!(FiscalYear::new(300_000), None);
        assert!(FiscalYear::checked(i32::MIN).unwrap_err().contains("1900"));
        assert_eq!(FiscalYear::parse("令和300000年度"), None);
        assert_eq!(FiscalYear::parse(&format!("R{}", i32::MAX)), None);
        assert_eq!(FiscalYear::parse("-2147483648"), None);
        // Out-of-range values that slipped in elsewhere still give a date, not a panic.
        for y in [i32::MIN, -300_000, 300_000, i32::MAX] {
            let fy = FiscalYear(y);
            assert!(fy.first_day() <= fy.last_day() || y < 0);
            let _ = fy.short_label();
        }
    }

    #[test]
    fn requested_ranges_are_checked_ordered_and_bounded() {
        let r = FiscalYearRange::requested(Some(2024), Some(2017), (2000, 2001), 40).unwrap();
        assert_eq!((r.first.0, r.last.0), (2017, 2024));
        let r = FiscalYearRange::requested(None, None, (2017, 2024), 40).unwrap();
        assert_eq!((r.first.0, r.last.0), (2017, 2024));
        let r = FiscalYearRange::requested(Some(1900), Some(2200), (2017, 2024), 40).unwrap();
        assert_eq!((r.first.0, r.last.0), (2161, 2200));
        assert_eq!(r.count(), 40);
        assert!(FiscalYearRange::requested(Some(i32::MIN), Some(i32::MIN), (2017, 2024), 40).is_err());
        assert!(FiscalYearRange::requested(Some(2017), Some(300_000), (2017, 2024), 40).is_err());
        // Defaults from stored data are kept within the bounds rather than refused.
        let r = FiscalYearRange::requested(None, None, (1000, 2024), 400).unwrap();
        assert_eq!(r.first.0, 1900);
    }

    #[test]
    fn fiscal_year_boundaries() {
        let fy = FiscalYear::of(d(2019, 3, 31));
        assert_eq!(fy, FiscalYear(2018));
        assert_eq!(fy.short_label(), "H30");
        assert_eq!(fy.long_label(), "平成30年度");

        for date in [d(2019, 4, 1), d(2019, 4, 30), d(2019, 5, 1), d(2020, 3, 31)] {
            let fy = FiscalYear::of(date);
            assert_eq!(fy, FiscalYear(2019), "{date}");
            assert_eq!(fy.short_label(), "R1");
            assert_eq!(fy.long_label(), "令和元年度");
        }

        let fy = FiscalYear::of(d(2024, 4, 1));
        assert_eq!(fy, FiscalYear(2024));
        assert_eq!(fy.short_label(), "R6");
        assert_eq!(fy.long_label(), "令和6年度");
        assert_eq!(FiscalYear::of(d(2025, 3, 31)).short_label(), "R6");
        assert_eq!(FiscalYear::of(d(2025, 4, 1)).short_label(), "R7");
    }

    #[test]
    fn heisei_labels() {
        assert_eq!(FiscalYear(2012).short_label(), "H24");
        assert_eq!(FiscalYear(2012).long_label(), "平成24年度");
        assert_eq!(FiscalYear::of(d(2012, 4, 1)).short_label(), "H24");
        assert_eq!(FiscalYear::of(d(2013, 3, 31)).short_label(), "H24");
        assert_eq!(FiscalYear(2017).short_label(), "H29");
        assert_eq!(FiscalYear(1989).short_label(), "H1");
        assert_eq!(FiscalYear(1989).long_label(), "平成元年度");
        assert_eq!(FiscalYear(1988).short_label(), "S63");
    }

    #[test]
    fn first_and_last_days() {
        assert_eq!(FiscalYear(2024).first_day(), d(2024, 4, 1));
        assert_eq!(FiscalYear(2024).last_day(), d(2025, 3, 31));
        assert!(FiscalYear(2024).contains(d(2025, 3, 31)));
        assert!(!FiscalYear(2024).contains(d(2025, 4, 1)));
        assert_eq!(FiscalYear(2024).western_label(), "2024年度");
    }

    #[test]
    fn parse_labels() {
        for (s, y) in [
            ("2024", 2024),
            ("FY2024", 2024),
            ("R6", 2024),
            ("r6", 2024),
            ("R01", 2019),
            ("R1", 2019),
            ("H29", 2017),
            ("H24", 2012),
            ("令和6年度", 2024),
            ("令和元年度", 2019),
            ("平成29年度", 2017),
            (" 2019年度 ", 2019),
        ] {
            assert_eq!(FiscalYear::parse(s), Some(FiscalYear(y)), "{s}");
        }
        for s in ["", "X5", "R", "R0", "令和", "abc", "99999"] {
            assert_eq!(FiscalYear::parse(s), None, "{s}");
        }
    }

    #[test]
    fn labels_round_trip_through_parse() {
        for y in 1989..2040 {
            let fy = FiscalYear(y);
            assert_eq!(FiscalYear::parse(&fy.short_label()), Some(fy));
            assert_eq!(FiscalYear::parse(&fy.long_label()), Some(fy));
        }
    }

    #[test]
    fn ranges() {
        let r = FiscalYearRange::new(FiscalYear(2024), FiscalYear(2017));
        assert_eq!(r.first, FiscalYear(2017));
        assert_eq!(r.count(), 8);
        let labels: Vec<String> = r.iter().map(|f| f.short_label()).collect();
        assert_eq!(labels, ["H29", "H30", "R1", "R2", "R3", "R4", "R5", "R6"]);
        assert!(r.contains_date(d(2017, 4, 1)));
        assert!(!r.contains_date(d(2017, 3, 31)));
        assert!(r.contains_date(d(2025, 3, 31)));
        assert!(!r.contains_date(d(2025, 4, 1)));
        assert_eq!(r.first_day(), d(2017, 4, 1));
        assert_eq!(r.last_day(), d(2025, 3, 31));
    }
}
