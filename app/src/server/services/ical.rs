//! The calendar feed (iCalendar, RFC 5545) of the meetings a coordinator attends.

use crate::domain::meetings::{meeting_kind_label, parse_time, time_range, Level};
use crate::error::AppError;
use crate::server::entities::{meeting, meeting_user as mu};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

pub fn feed_path(token: &str) -> String {
    format!("/calendar/{token}.ics")
}

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

/// The feed as text. `host` names the installation in the events' UIDs.
pub fn render(meetings: &[meeting::Model], host: &str, now: DateTime<Utc>) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Renkei//Meetings//JA".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", text("連携の会議")),
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
    for m in meetings {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:meeting-{}@{}", m.id, text(host)));
        lines.push(format!("DTSTAMP:{stamp}"));
        match parse_time(&m.start_time) {
            Some(start) => {
                let end = parse_time(&m.end_time).filter(|e| *e > start).unwrap_or(start + Duration::hours(1));
                lines.push(format!("DTSTART;TZID=Asia/Tokyo:{}", local(m.held_on, start)));
                lines.push(format!("DTEND;TZID=Asia/Tokyo:{}", local(m.held_on, end)));
            }
            None => {
                lines.push(format!("DTSTART;VALUE=DATE:{}", m.held_on.format("%Y%m%d")));
                lines.push(format!("DTEND;VALUE=DATE:{}", (m.held_on + Duration::days(1)).format("%Y%m%d")));
            }
        }
        let level = Level::from_number(m.level).map(|l| l.label()).unwrap_or("");
        let kind = meeting_kind_label(&m.kind).unwrap_or("");
        lines.push(format!("SUMMARY:{}", text(&format!("【{level}】{}", m.title))));
        let place = if m.place.is_empty() && m.online { "オンライン".to_string() } else { m.place.clone() };
        if !place.is_empty() {
            lines.push(format!("LOCATION:{}", text(&place)));
        }
        let mut desc = format!("{level}・{kind}");
        let times = time_range(&m.start_time, &m.end_time);
        if !times.is_empty() {
            desc.push_str(&format!("\n{times}"));
        }
        if !m.purpose.is_empty() {
            desc.push_str(&format!("\n目的: {}", m.purpose));
        }
        lines.push(format!("DESCRIPTION:{}", text(&desc)));
        lines.push(format!("LAST-MODIFIED:{}", m.updated_at.format("%Y%m%dT%H%M%SZ")));
        lines.push(format!("SEQUENCE:{}", m.version.max(1) - 1));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

/// The active meetings the user attended as a coordinator.
pub async fn meetings_of_user(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<meeting::Model>, AppError> {
    let ids: Vec<i32> = mu::Entity::find().filter(mu::Column::UserId.eq(user_id)).all(db).await?.into_iter().map(|l| l.meeting_id).collect();
    Ok(meeting::Entity::find()
        .filter(meeting::Column::Id.is_in(ids))
        .filter(meeting::Column::Active.eq(true))
        .order_by_asc(meeting::Column::HeldOn)
        .all(db)
        .await?)
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
