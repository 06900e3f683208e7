//! iCalendar (RFC 5545) text: escaped values, folded lines, events in Japan time.

use crate::domain::meetings::parse_time;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// Escapes a TEXT value (RFC 5545 3.3.11).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1).
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

fn local(d: NaiveDate, t: chrono::NaiveTime) -> String {
    d.and_time(t).format("%Y%m%dT%H%M%S").to_string()
}

/// One calendar event, from a meeting or a training.
pub struct Event {
    /// "meeting-3", "training-5".
    pub uid: String,
    pub date: NaiveDate,
    pub start_time: String,
    pub end_time: String,
    pub summary: String,
    pub location: String,
    pub description: String,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// The feed as text. `host` names the installation in the events' UIDs.
pub fn render(events: &[Event], host: &str, now: DateTime<Utc>) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Renkei//Meetings//JA".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", text("連携の会議・研修")),
        "X-WR-TIMEZONE:Asia/Tokyo".into(),
        // Japan has no daylight saving time: one standard component describes the zone.
        "BEGIN:VTIMEZONE".into(),
        "TZID:Asia/Tokyo".into(),
        "BEGIN:STANDARD".into(),
        "DTSTART:19700101T000000".into(),
        "TZOFFSETFROM:+0900".into(),
        "TZOFFSETTO:+0900".into(),
        "TZNAME:JST".into(),
        "END:STANDARD".into(),
        "END:VTIMEZONE".into(),
    ];
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for e in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}@{}", e.uid, text(host)));
        lines.push(format!("DTSTAMP:{stamp}"));
        match parse_time(&e.start_time) {
            Some(start) => {
                let end = parse_time(&e.end_time).filter(|x| *x > start).unwrap_or(start + Duration::hours(1));
                lines.push(format!("DTSTART;TZID=Asia/Tokyo:{}", local(e.date, start)));
                lines.push(format!("DTEND;TZID=Asia/Tokyo:{}", local(e.date, end)));
            }
            None => {
                lines.push(format!("DTSTART;VALUE=DATE:{}", e.date.format("%Y%m%d")));
                lines.push(format!("DTEND;VALUE=DATE:{}", (e.date + Duration::days(1)).format("%Y%m%d")));
            }
        }
        lines.push(format!("SUMMARY:{}", text(&e.summary)));
        if !e.location.is_empty() {
            lines.push(format!("LOCATION:{}", text(&e.location)));
        }
        lines.push(format!("DESCRIPTION:{}", text(&e.description)));
        lines.push(format!("LAST-MODIFIED:{}", e.updated_at.format("%Y%m%dT%H%M%SZ")));
        lines.push(format!("SEQUENCE:{}", e.version.max(1) - 1));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_fold_on_character_boundaries() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let line = format!("SUMMARY:{}", "連".repeat(40));
        let folded = fold(&line);
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{} octets", part.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), line);
    }
}
