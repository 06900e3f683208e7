//! Japanese public holidays (国民の祝日に関する法律) for 2000–2099, computed rather than
//! listed because the app runs offline: the fixed days, the happy Mondays, the equinoxes by
//! the usual approximation, the one-off days of 2019–2021, 振替休日 and 国民の休日.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The years the rules below hold for (the equinox formula is good from 1980 to 2099; the
/// happy Mondays started in 2000).
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;

/// The holiday's name, if `date` is a public holiday (including 振替休日 and 国民の休日).
pub fn holiday_name(date: NaiveDate) -> Option<&'static str> {
    if let Some(name) = national(date) {
        return Some(name);
    }
    if is_substitute(date) {
        return Some("振替休日");
    }
    // 国民の休日: a day squeezed between two 国民の祝日 (a Sunday is already a day off).
    let (before, after) = (date.pred_opt()?, date.succ_opt()?);
    (date.weekday() != Weekday::Sun && national(before).is_some() && national(after).is_some()).then_some("国民の休日")
}

/// 振替休日: the first day after a 国民の祝日 on a Sunday that is not itself a 国民の祝日.
fn is_substitute(date: NaiveDate) -> bool {
    let mut day = date;
    while let Some(prev) = day.pred_opt() {
        if national(prev).is_none() {
            return false;
        }
        if prev.weekday() == Weekday::Sun {
            return true;
        }
        day = prev;
    }
    false
}

/// The day of the month of the `n`th Monday (1-based).
fn nth_monday(year: i32, month: u32, n: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    Some(1 + (7 - first.weekday().num_days_from_monday()) % 7 + 7 * (n - 1))
}

/// 春分日 (`base` 20.8431) or 秋分日 (23.2488) in March / September.
fn equinox(year: i32, base: f64) -> u32 {
    let y = year - 1980;
    (base + 0.242194 * y as f64 - (y / 4) as f64) as u32
}

/// The 国民の祝日 themselves (the law's article 2 and the special laws of 2019–2021).
fn national(date: NaiveDate) -> Option<&'static str> {
    let (y, m, d) = (date.year(), date.month(), date.day());
    if !YEARS.contains(&y) {
        return None;
    }
    let monday = |n| nth_monday(y, m, n) == Some(d);
    let name = match (m, d) {
        (1, 1) => "元日",
        (1, _) if monday(2) => "成人の日",
        (2, 11) => "建国記念の日",
        (2, 23) if y >= 2020 => "天皇誕生日",
        (3, _) if d == equinox(y, 20.8431) => "春分の日",
        (4, 29) if y >= 2007 => "昭和の日",
        (4, 29) => "みどりの日",
        (5, 1) if y == 2019 => "即位の日",
        (5, 3) => "憲法記念日",
        (5, 4) if y >= 2007 => "みどりの日",
        (5, 5) => "こどもの日",
        (7, 23) if y == 2020 => "海の日",
        (7, 24) if y == 2020 => "スポーツの日",
        (7, 22) if y == 2021 => "海の日",
        (7, 23) if y == 2021 => "スポーツの日",
        (7, _) if y == 2020 || y == 2021 => return None,
        (7, 20) if y < 2003 => "海の日",
        (7, _) if y >= 2003 && monday(3) => "海の日",
        (8, 10) if y == 2020 => "山の日",
        (8, 8) if y == 2021 => "山の日",
        (8, 11) if y >= 2016 && y != 2020 && y != 2021 => "山の日",
        (9, 15) if y < 2003 => "敬老の日",
        (9, _) if y >= 2003 && monday(3) => "敬老の日",
        (9, _) if d == equinox(y, 23.2488) => "秋分の日",
        // In 2020 and 2021 the sports day moved to July for the Olympics.
        (10, _) if y == 2020 || y == 2021 => return None,
        (10, _) if monday(2) => if y >= 2020 { "スポーツの日" } else { "体育の日" },
        (10, 22) if y == 2019 => "即位礼正殿の儀",
        (11, 3) => "文化の日",
        (11, 23) => "勤労感謝の日",
        (12, 23) if y <= 2018 => "天皇誕生日",
        _ => return None,
    };
    Some(name)
}

/// The holidays of a month: (day, name), in order.
pub fn of_month(year: i32, month: u32) -> Vec<(u32, &'static str)> {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else { return Vec::new() };
    (0..31)
        .map(|i| first + Duration::days(i))
        .take_while(|d| d.month() == month)
        .filter_map(|d| holiday_name(d).map(|n| (d.day(), n)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> Option<&'static str> {
        holiday_name(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    #[test]
    fn fixed_days_and_happy_mondays() {
        assert_eq!(name("2025-01-01"), Some("元日"));
        assert_eq!(name("2024-01-08"), Some("成人の日"));
        assert_eq!(name("2025-07-21"), Some("海の日"));
        assert_eq!(name("2002-07-20"), Some("海の日"));
        assert_eq!(name("2025-09-15"), Some("敬老の日"));
        assert_eq!(name("2019-10-14"), Some("体育の日"));
        assert_eq!(name("2025-10-13"), Some("スポーツの日"));
        assert_eq!(name("2026-11-03"), Some("文化の日"));
        assert_eq!(name("2025-08-11"), Some("山の日"));
        assert_eq!(name("2015-08-11"), None);
        assert_eq!(name("2006-04-29"), Some("みどりの日"));
        assert_eq!(name("2026-04-29"), Some("昭和の日"));
    }

    #[test]
    fn the_emperors_birthday_moved() {
        assert_eq!(name("2018-12-23"), Some("天皇誕生日"));
        assert_eq!(name("2019-12-23"), None);
        assert_eq!(name("2019-02-23"), None);
        assert_eq!(name("2025-02-23"), Some("天皇誕生日"));
        assert_eq!(name("2025-12-23"), None);
    }

    #[test]
    fn equinoxes() {
        assert_eq!(name("2025-03-20"), Some("春分の日"));
        assert_eq!(name("2025-09-23"), Some("秋分の日"));
        assert_eq!(name("2024-03-20"), Some("春分の日"));
        assert_eq!(name("2024-09-22"), Some("秋分の日"));
        assert_eq!(name("2025-03-21"), None);
    }

    #[test]
    fn substitute_and_sandwiched_days() {
        assert_eq!(name("2024-02-12"), Some("振替休日"));
        assert_eq!(name("2026-05-06"), Some("振替休日"));
        assert_eq!(name("2026-09-22"), Some("国民の休日"));
        assert_eq!(name("2026-09-21"), Some("敬老の日"));
        assert_eq!(name("2026-09-23"), Some("秋分の日"));
        assert_eq!(name("2020-02-24"), Some("振替休日"));
        assert_eq!(name("2026-12-03"), None);
        // Before 2007 5/4 was a 国民の休日 between two holidays.
        assert_eq!(name("2006-05-04"), Some("国民の休日"));
    }

    #[test]
    fn special_years() {
        assert_eq!(name("2019-04-30"), Some("国民の休日"));
        assert_eq!(name("2019-05-01"), Some("即位の日"));
        assert_eq!(name("2019-05-02"), Some("国民の休日"));
        assert_eq!(name("2019-10-22"), Some("即位礼正殿の儀"));
        assert_eq!(name("2020-07-23"), Some("海の日"));
        assert_eq!(name("2020-07-24"), Some("スポーツの日"));
        assert_eq!(name("2020-07-20"), None);
        assert_eq!(name("2020-08-10"), Some("山の日"));
        assert_eq!(name("2020-08-11"), None);
        assert_eq!(name("2020-10-12"), None);
        assert_eq!(name("2021-07-22"), Some("海の日"));
        assert_eq!(name("2021-07-23"), Some("スポーツの日"));
        assert_eq!(name("2021-08-08"), Some("山の日"));
        assert_eq!(name("2021-08-09"), Some("振替休日"));
    }

    #[test]
    fn outside_the_years_nothing_is_claimed() {
        assert_eq!(name("1999-01-01"), None);
        assert_eq!(name("2100-01-01"), None);
    }

    #[test]
    fn a_month_lists_its_holidays() {
        assert_eq!(of_month(2026, 9), vec![(21, "敬老の日"), (22, "国民の休日"), (23, "秋分の日")]);
        assert!(of_month(2026, 6).is_empty());
        assert!(of_month(2026, 13).is_empty());
    }
}
