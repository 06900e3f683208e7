//! The calendar feed (iCalendar, RFC 5545): the meetings a coordinator attends and the
//! team's trainings.

use crate::domain::meetings::{meeting_kind_label, parse_time, time_range, Level};
use crate::error::AppError;
use crate::domain::trainings::{label_of, FORMATS, HOSTING};
use crate::server::entities::{meeting, meeting_user as mu, training};
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

pub fn meeting_event(m: &meeting::Model) -> Event {
    let level = Level::from_number(m.level).map(|l| l.label()).unwrap_or("");
    let kind = meeting_kind_label(&m.kind).unwrap_or("");
    let mut description = format!("{level}・{kind}");
    let times = time_range(&m.start_time, &m.end_time);
    if !times.is_empty() {
        description.push_str(&format!("\n{times}"));
    }
    if !m.purpose.is_empty() {
        description.push_str(&format!("\n目的: {}", m.purpose));
    }
    Event {
        uid: format!("meeting-{}", m.id),
        date: m.held_on,
        start_time: m.start_time.clone(),
        end_time: m.end_time.clone(),
        summary: format!("【{level}】{}", m.title),
        location: if m.place.is_empty() && m.online { "オンライン".to_string() } else { m.place.clone() },
        description,
        updated_at: m.updated_at,
        version: m.version,
    }
}

pub fn training_event(t: &training::Model) -> Event {
    let hosting = label_of(HOSTING, &t.hosting).unwrap_or("");
    let format = label_of(FORMATS, &t.format).unwrap_or("");
    let mut description = format!("研修・{hosting}・{format}");
    if !t.theme.is_empty() {
        description.push_str(&format!("\nテーマ: {}", t.theme));
    }
    Event {
        uid: format!("training-{}", t.id),
        date: t.held_on,
        start_time: t.start_time.clone(),
        end_time: t.end_time.clone(),
        summary: format!("【研修】{}", t.title),
        location: if t.venue.is_empty() && t.format == "online" { "オンライン".to_string() } else { t.venue.clone() },
        description,
        updated_at: t.updated_at,
        version: t.version,
    }
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

/// A coordinator's feed: the active meetings they attend and every training of the team
/// that is not cancelled (the team supports them all).
pub async fn events_of_user(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<Event>, AppError> {
    let ids: Vec<i32> = mu::Entity::find().filter(mu::Column::UserId.eq(user_id)).all(db).await?.into_iter().map(|l| l.meeting_id).collect();
    let mut events: Vec<Event> = Vec::new();
    for chunk in ids.chunks(500) {
        let meetings = meeting::Entity::find().filter(meeting::Column::Id.is_in(chunk.to_vec())).filter(meeting::Column::Active.eq(true)).all(db).await?;
        events.extend(meetings.iter().map(meeting_event));
    }
    let trainings = training::Entity::find()
        .filter(training::Column::Active.eq(true))
        .filter(training::Column::Status.ne("cancelled"))
        .order_by_asc(training::Column::HeldOn)
        .all(db)
        .await?;
    events.extend(trainings.iter().map(training_event));
    events.sort_by(|a, b| (a.date, &a.start_time).cmp(&(b.date, &b.start_time)));
    Ok(events)
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
