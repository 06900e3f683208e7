//! Japanese eras (元号) as used in the team's reports.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Era {
    Showa,
    Heisei,
    Reiwa,
}

impl Era {
    pub const ALL: [Era; 3] = [Era::Showa, Era::Heisei, Era::Reiwa];

    /// First day of the era.
    pub fn start(self) -> NaiveDate {
        let (y, m, d) = match self {
            Era::Showa => (1926, 12, 25),
            Era::Heisei => (1989, 1, 8),
            Era::Reiwa => (2019, 5, 1),
        };
        NaiveDate::from_ymd_opt(y, m, d).expect("era start dates are valid")
    }

    /// One-letter form used in tables: S, H, R.
    pub fn letter(self) -> char {
        match self {
            Era::Showa => 'S',
            Era::Heisei => 'H',
            Era::Reiwa => 'R',
        }
    }

    pub fn kanji(self) -> &'static str {
        match self {
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    pub fn from_letter(c: char) -> Option<Era> {
        match c.to_ascii_uppercase() {
            'S' => Some(Era::Showa),
            'H' => Some(Era::Heisei),
            'R' => Some(Era::Reiwa),
            _ => None,
        }
    }

    pub fn from_kanji(s: &str) -> Option<Era> {
        Era::ALL.into_iter().find(|e| e.kanji() == s)
    }

    /// The era in force on a date (None before 昭和).
    pub fn of_date(date: NaiveDate) -> Option<Era> {
        Era::ALL.into_iter().rev().find(|e| date >= e.start())
    }

    /// Western year of the era's year 1.
    pub fn first_year(self) -> i32 {
        self.start().year()
    }

    /// Era year (1 = 元年) of a Western calendar year within this era.
    pub fn year_of(self, western_year: i32) -> i32 {
        western_year.saturating_sub(self.first_year()).saturating_add(1)
    }

    /// Western year of an era year.
    pub fn western_year(self, era_year: i32) -> i32 {
        self.first_year().saturating_add(era_year).saturating_sub(1)
    }
}

/// "元" for year 1, the number otherwise, as written in 令和元年度.
pub fn era_year_kanji(year: i32) -> String {
    if year == 1 {
        "元".to_string()
    } else {
        year.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn era_of_date_at_boundaries() {
        assert_eq!(Era::of_date(d(1989, 1, 7)), Some(Era::Showa));
        assert_eq!(Era::of_date(d(1989, 1, 8)), Some(Era::Heisei));
        assert_eq!(Era::of_date(d(2019, 4, 30)), Some(Era::Heisei));
        assert_eq!(Era::of_date(d(2019, 5, 1)), Some(Era::Reiwa));
        assert_eq!(Era::of_date(d(1900, 1, 1)), None);
    }

    #[test]
    fn era_years() {
        assert_eq!(Era::Heisei.year_of(2012), 24);
        assert_eq!(Era::Reiwa.year_of(2019), 1);
        assert_eq!(Era::Reiwa.western_year(6), 2024);
        assert_eq!(Era::Heisei.western_year(31), 2019);
        assert_eq!(era_year_kanji(1), "元");
        assert_eq!(era_year_kanji(6), "6");
    }

    #[test]
    fn letters_and_kanji_round_trip() {
        for e in Era::ALL {
            assert_eq!(Era::from_letter(e.letter()), Some(e));
            assert_eq!(Era::from_kanji(e.kanji()), Some(e));
        }
        assert_eq!(Era::from_letter('h'), Some(Era::Heisei));
        assert_eq!(Era::from_letter('T'), None);
    }
}
