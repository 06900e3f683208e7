//! The columns of a spreadsheet of past meetings, found by their header whatever order and
//! wording the team used over the years, and the values as they were written: levels as
//! 一次 / 1 / 一次連携, times as 13:30 or 13時30分, several professions in one cell.

use super::meetings::{Level, MeetingInput};
use super::text::normalize_for_search;
use chrono::NaiveTime;

/// (field, the header shown in help and problems, other headers taken). The fields are those
/// of `MeetingInput`, plus `time` (「13:30〜15:00」, as the meetings export writes it).
pub const COLUMNS: &[(&str, &str, &[&str])] = &[
    ("held_on", "開催日", &["日付", "年月日", "開催年月日", "実施日"]),
    ("time", "時間", &["時刻", "開催時間"]),
    ("start_time", "開始時刻", &["開始", "開始時間"]),
    ("end_time", "終了時刻", &["終了", "終了時間"]),
    ("level", "段階", &["層", "連携の層", "連携の段階", "レベル"]),
    ("kind", "種類", &["会議の種類", "種別"]),
    ("title", "件名", &["会議名", "タイトル", "名称"]),
    ("place", "場所", &["会場", "開催場所"]),
    ("professions", "職種", &["参加職種", "相手の職種"]),
    ("guests", "名簿にない出席者", &[]),
    ("purpose", "目的", &[]),
    ("minutes", "議事録", &["内容", "概要", "記録", "議事概要"]),
    ("decisions", "決定事項", &[]),
    ("level_reason", "理由", &["段階の理由"]),
];

/// Columns a file must have.
pub const REQUIRED: [&str; 3] = ["held_on", "title", "level"];

/// The reason recorded for a past meeting that does not follow the level rule when the file
/// gives none: the record is kept as it was written, not refused.
pub const FILLED_REASON: &str = "取り込み（元の記録のとおり）";

/// The field a header names (spaces, width and katakana/hiragana do not matter).
pub fn field_of(header: &str) -> Option<&'static str> {
    let h = normalize_for_search(header);
    if h.is_empty() {
        return None;
    }
    COLUMNS.iter().find(|(_, main, others)| std::iter::once(main).chain(others.iter()).any(|n| normalize_for_search(n) == h)).map(|(f, _, _)| *f)
}

/// The header a field is shown under.
pub fn header_of(field: &str) -> &'static str {
    COLUMNS.iter().find(|(f, _, _)| *f == field).map(|(_, h, _)| *h).unwrap_or("")
}

/// The text field of a meeting a column fills as written (`time` and `professions` are read
/// by their own rules).
pub fn field_mut<'a>(input: &'a mut MeetingInput, field: &str) -> Option<&'a mut String> {
    Some(match field {
        "held_on" => &mut input.held_on,
        "start_time" => &mut input.start_time,
        "end_time" => &mut input.end_time,
        "level" => &mut input.level,
        "kind" => &mut input.kind,
        "title" => &mut input.title,
        "place" => &mut input.place,
        "guests" => &mut input.guests,
        "purpose" => &mut input.purpose,
        "minutes" => &mut input.minutes,
        "decisions" => &mut input.decisions,
        "level_reason" => &mut input.level_reason,
        _ => return None,
    })
}

/// 一次 / 1 / １ / 一次連携 / 1次 / 第一次 and so on.
pub fn parse_level(s: &str) -> Option<Level> {
    let s = normalize_for_search(s);
    let s = s.strip_prefix('第').unwrap_or(&s);
    let s = s.strip_suffix("連携").unwrap_or(s);
    let s = s.strip_suffix('次').unwrap_or(s);
    match s {
        "1" | "一" => Some(Level::First),
        "2" | "二" => Some(Level::Second),
        "3" | "三" => Some(Level::Third),
        _ => None,
    }
}

/// A time of day as 「13:30」: from 13:30, 13:30:00, １３：３０, 13時30分 or 13時.
pub fn parse_clock(s: &str) -> Option<String> {
    let mut t = normalize_for_search(s).replace('時', ":").replace('分', "");
    if t.ends_with(':') {
        t.push_str("00");
    }
    NaiveTime::parse_from_str(&t, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(&t, "%H:%M:%S"))
        .ok()
        .map(|t| t.format("%H:%M").to_string())
}

/// 「13:30〜15:00」 as (start, end), as written; 「13:30〜」 and 「13:30」 have no end.
pub fn split_time_range(s: &str) -> (String, String) {
    match s.split_once(['〜', '～', '~', '-', '－', '–', '—']) {
        Some((a, b)) => (a.trim().to_string(), b.trim().to_string()),
        None => (s.trim().to_string(), String::new()),
    }
}

/// Guests as the form keeps them, one per line (the export joins them with 「、」).
pub fn guest_lines(cell: &str) -> String {
    cell.split(['、', '\n']).map(str::trim).filter(|g| !g.is_empty()).collect::<Vec<_>>().join("\n")
}

/// 「オンライン」 in the place column, as the meetings export writes an online meeting.
pub fn is_online(place: &str) -> bool {
    normalize_for_search(place) == normalize_for_search("オンライン")
}

/// What two records of the same meeting share: the title without spaces, width or kana
/// differences.
pub fn title_key(title: &str) -> String {
    normalize_for_search(title)
}

/// Gives a meeting that does not follow the level rule, and has no reason, the import's
/// reason; true when it did.
pub fn fill_reason(input: &mut MeetingInput) -> bool {
    let breaks_rule = Level::parse(&input.level).and_then(|l| l.warning(input.professions.len())).is_some();
    if breaks_rule && input.level_reason.trim().is_empty() {
        input.level_reason = FILLED_REASON.to_string();
        true
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_found_in_the_teams_wordings() {
        assert_eq!(field_of("開催日"), Some("held_on"));
        assert_eq!(field_of(" 年月日 "), Some("held_on"));
        assert_eq!(field_of("層"), Some("level"));
        assert_eq!(field_of("連携の層"), Some("level"));
        assert_eq!(field_of("レベル"), Some("level"));
        assert_eq!(field_of("会議の種類"), Some("kind"));
        assert_eq!(field_of("タイトル"), Some("title"));
        assert_eq!(field_of("参加職種"), Some("professions"));
        assert_eq!(field_of("概要"), Some("minutes"));
        assert_eq!(field_of("会場"), Some("place"));
        assert_eq!(field_of("理由"), Some("level_reason"));
        assert_eq!(field_of("年度"), None, "the export's other columns are ignored");
        assert_eq!(field_of(""), None);
        assert_eq!(header_of("level"), "段階");
        // Every header names one field only, and every text column has a field to fill.
        let mut names: Vec<String> = COLUMNS.iter().flat_map(|(_, h, o)| std::iter::once(*h).chain(o.iter().copied())).map(normalize_for_search).collect();
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n);
        let mut input = MeetingInput::default();
        assert!(COLUMNS.iter().filter(|(f, _, _)| !matches!(*f, "time" | "professions")).all(|(f, _, _)| field_mut(&mut input, f).is_some()));
        assert!(REQUIRED.iter().all(|f| !header_of(f).is_empty()));
    }

    /// The headers of the meetings export (`services::meetings::export::HEADERS`).
    const EXPORT_HEADERS: [&str; 17] = [
        "開催日", "年度", "西暦年度", "時間", "段階", "種類", "件名", "場所", "職種", "機関・団体", "出席者", "名簿にない出席者", "コーディネーター", "事業項目", "目的",
        "決定事項", "状態",
    ];

    #[test]
    fn the_export_reads_back() {
        for h in EXPORT_HEADERS {
            let ignored = matches!(h, "年度" | "西暦年度" | "機関・団体" | "出席者" | "コーディネーター" | "事業項目" | "状態");
            assert_eq!(field_of(h).is_some(), !ignored, "{h}");
        }
    }

    #[test]
    fn levels_as_written() {
        for s in ["一次", "1", "１", "一次連携", "1次", "第一次", "１次連携"] {
            assert_eq!(parse_level(s), Some(Level::First), "{s}");
        }
        assert_eq!(parse_level("二次連携"), Some(Level::Second));
        assert_eq!(parse_level("3"), Some(Level::Third));
        assert_eq!(parse_level("三次"), Some(Level::Third));
        assert_eq!(parse_level("四次"), None);
        assert_eq!(parse_level(""), None);
        assert_eq!(parse_level("高"), None);
    }

    #[test]
    fn times_as_written() {
        assert_eq!(parse_clock("13:30").as_deref(), Some("13:30"));
        assert_eq!(parse_clock("9:05").as_deref(), Some("09:05"));
        assert_eq!(parse_clock("13:30:00").as_deref(), Some("13:30"));
        assert_eq!(parse_clock("１３：３０").as_deref(), Some("13:30"));
        assert_eq!(parse_clock("13時30分").as_deref(), Some("13:30"));
        assert_eq!(parse_clock("13時").as_deref(), Some("13:00"));
        assert_eq!(parse_clock("25:00"), None);
        assert_eq!(parse_clock("午後"), None);
        assert_eq!(split_time_range("13:30〜15:00"), ("13:30".to_string(), "15:00".to_string()));
        assert_eq!(split_time_range("13:30～"), ("13:30".to_string(), String::new()));
        assert_eq!(split_time_range("13:30"), ("13:30".to_string(), String::new()));
    }

    #[test]
    fn guests_and_places_as_written() {
        assert_eq!(guest_lines("山田さん、 鈴木さん\n"), "山田さん\n鈴木さん");
        assert!(is_online(" オンライン "));
        assert!(!is_online("市役所"));
        assert_eq!(title_key("薬剤師会 打ち合わせ"), title_key("薬剤師会　打ち合わせ"));
    }

    #[test]
    fn a_meeting_off_the_level_rule_gets_the_imports_reason() {
        let mut m = MeetingInput { held_on: "2024-06-27".into(), level: "2".into(), kind: "uchiawase".into(), title: "会議".into(), professions: vec![1], ..Default::default() };
        assert!(m.check().is_err());
        assert!(fill_reason(&mut m));
        assert_eq!(m.level_reason, FILLED_REASON);
        assert!(m.check().is_ok());
        // A reason the file gives is kept; a meeting that follows the rule needs none.
        let mut given = MeetingInput { level_reason: "合同開催".into(), ..m.clone() };
        assert!(!fill_reason(&mut given));
        assert_eq!(given.level_reason, "合同開催");
        let mut fits = MeetingInput { level: "1".into(), level_reason: String::new(), ..m };
        assert!(!fill_reason(&mut fits));
        assert!(fits.level_reason.is_empty());
    }
}
