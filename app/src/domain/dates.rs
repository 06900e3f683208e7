//! How dates are shown to people: one format everywhere, "2026/12/01（火）".
//! Form inputs, exports (CSV/XLSX), iCal and parsing keep their own machine formats.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

/// Weekday names, Sunday first (as calendars in Japan are laid out).
pub const WEEKDAYS: [&str; 7] = ["日", "月", "火", "水", "木", "金", "土"];

/// "2026/12/01（火）".
pub fn day(d: NaiveDate) -> String {
    // Not chrono's `format`: its pattern parser would grow the islands' wasm (drafts use this).
    format!("{:04}/{:02}/{:02}（{}）", d.year(), d.month(), d.day(), WEEKDAYS[d.weekday().num_days_from_sunday() as usize])
}

/// "2026/12/01（火） 10:30", in Japan Standard Time.
pub fn day_time(t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&crate::clock::jst());
    format!("{} {:02}:{:02}", day(local.date_naive()), local.hour(), local.minute())
}

/// An ISO date ("2026-12-01", as records keep it for form inputs) shown as `day`; any
/// other text as it is.
pub fn day_of_iso(iso: &str) -> String {
    NaiveDate::parse_from_str(iso.trim(), "%Y-%m-%d").map(day).unwrap_or_else(|_| iso.to_string())
}

/// "2026/04/01（水）〜2027/03/31（水）".
pub fn span(from: NaiveDate, to: NaiveDate) -> String {
    format!("{}〜{}", day(from), day(to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_day_shows_its_weekday() {
        assert_eq!(day(d(2026, 12, 1)), "2026/12/01（火）");
        assert_eq!(day(d(2024, 6, 27)), "2024/06/27（木）");
        assert_eq!(day(d(2024, 6, 30)), "2024/06/30（日）");
        assert_eq!(day(d(2024, 6, 29)), "2024/06/29（土）");
    }

    #[test]
    fn a_timestamp_is_shown_in_japan_time() {
        assert_eq!(day_time(Utc.with_ymd_and_hms(2026, 12, 1, 1, 30, 0).unwrap()), "2026/12/01（火） 10:30");
        // 15:00 UTC is already the next day in Japan.
        assert_eq!(day_time(Utc.with_ymd_and_hms(2026, 11, 30, 15, 5, 0).unwrap()), "2026/12/01（火） 00:05");
    }

    #[test]
    fn an_iso_date_is_shown_as_a_day() {
        assert_eq!(day_of_iso("2026-12-01"), "2026/12/01（火）");
        assert_eq!(day_of_iso(""), "");
        assert_eq!(day_of_iso("未定"), "未定");
    }

    #[test]
    fn a_span_joins_two_days() {
        assert_eq!(span(d(2026, 4, 1), d(2027, 3, 31)), "2026/04/01（水）〜2027/03/31（水）");
    }
}
