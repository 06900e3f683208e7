//! Japanese fiscal years (年度, 1 April – 31 March) and their era labels.

use super::era::{era_year_kanji, Era};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A fiscal year, named by the Western year in which it starts: FY2024 = 2024-04-01 … 2025-03-31.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FiscalYear(pub i32);

impl FiscalYear {
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

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 4, 1).expect("1 April exists")
    }

    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 3, 31).expect("31 March exists")
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
            return (1900..=2200).contains(&y).then_some(FiscalYear(y));
        }
        let (era, rest) = split_era(s)?;
        let era_year = if rest == "元" { 1 } else { rest.parse::<i32>().ok()? };
        if era_year < 1 {
            return None;
        }
        Some(FiscalYear(era.western_year(era_year)))
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
