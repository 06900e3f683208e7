//! Collaboration meetings (連携の会議): levels, kinds, work items, the input rules and the
//! pure parts of the timeline and calendar views.

use super::validate::{finish, optional_len, required, Problems};
use super::fiscal_year::FiscalYear;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// The three levels of collaboration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    /// 一次連携: the coordinator and one profession.
    First,
    /// 二次連携: brokering between several professions.
    Second,
    /// 三次連携: many professions at once (councils, forums, multi-profession trainings).
    Third,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::First, Level::Second, Level::Third];

    pub fn number(self) -> i16 {
        match self {
            Level::First => 1,
            Level::Second => 2,
            Level::Third => 3,
        }
    }

    pub fn from_number(n: i16) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.number() == n)
    }

    /// From a form value ("1", "2", "3").
    pub fn parse(s: &str) -> Option<Level> {
        s.trim().parse().ok().and_then(Level::from_number)
    }

    pub fn label(self) -> &'static str {
        match self {
            Level::First => "一次連携",
            Level::Second => "二次連携",
            Level::Third => "三次連携",
        }
    }

    pub fn short(self) -> &'static str {
        match self {
            Level::First => "一次",
            Level::Second => "二次",
            Level::Third => "三次",
        }
    }

    /// The level rule as a warning, or None when the professions fit the level.
    pub fn warning(self, professions: usize) -> Option<String> {
        match self {
            Level::First if professions != 1 => Some(format!(
                "一次連携は相手の職種が1つの会議です（選ばれた職種: {professions}）。"
            )),
            Level::Second if professions < 2 => Some(format!(
                "二次連携は2つ以上の職種をつなぐ会議です（選ばれた職種: {professions}）。"
            )),
            Level::Third if professions < 3 => Some(format!(
                "三次連携は多くの職種が集まる会議です。3つ以上の職種を選ぶのが目安です（選ばれた職種: {professions}）。"
            )),
            _ => None,
        }
    }
}

/// The default meeting kinds as (code, label): seeded once per installation, then kept by
/// administrators (`services::meetings::kinds`). Meetings store the code, so codes never
/// change ("shuzai" is what the newsletter looks for).
pub const MEETING_KINDS: &[(&str, &str)] = &[
    ("uchiawase", "打ち合わせ会"),
    ("jizen", "事前打ち合わせ"),
    ("hansei", "反省会"),
    ("joho", "情報交換会"),
    ("iken", "意見交換会"),
    ("doko", "同行訪問"),
    ("kenshu", "研修会"),
    ("kyogi", "協議会・検討会"),
    ("teirei", "定例会"),
    ("shuzai", "取材"),
    ("shisatsu", "視察対応"),
    ("gakkai", "学会等発表"),
    ("other", "その他"),
];

/// The default label of a code (before the kinds are seeded, and for codes no longer kept).
pub fn meeting_kind_label(code: &str) -> Option<&'static str> {
    MEETING_KINDS.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

/// The national programme's eight work items 【ア】–【ク】 as (code, label).
pub const WORK_ITEMS: &[(&str, &str)] = &[
    ("ア", "地域の医療・介護の資源の把握"),
    ("イ", "連携の課題の抽出と対応策の検討"),
    ("ウ", "切れ目のない在宅医療と介護の提供体制の構築"),
    ("エ", "医療・介護関係者の情報共有支援"),
    ("オ", "連携に関する相談支援"),
    ("カ", "医療・介護関係者の研修"),
    ("キ", "地域住民への普及啓発"),
    ("ク", "市町村の連携"),
];

pub fn is_work_item(code: &str) -> bool {
    WORK_ITEMS.iter().any(|(c, _)| *c == code)
}

/// Work items in their canonical order, without duplicates or unknown codes, joined for storage.
pub fn work_items_text(items: &[String]) -> String {
    WORK_ITEMS.iter().filter(|(c, _)| items.iter().any(|i| i == c)).map(|(c, _)| *c).collect::<Vec<_>>().join(",")
}

pub fn work_items_from_text(s: &str) -> Vec<String> {
    s.split(',').map(str::trim).filter(|c| is_work_item(c)).map(str::to_string).collect()
}

/// `2024-06-27` or `2024/6/27`, in the years the app accepts (see `fiscal_year::MIN_YEAR`).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    use crate::domain::fiscal_year::{MAX_YEAR, MIN_YEAR};
    let s = s.trim().replace('/', "-");
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok().filter(|d| (MIN_YEAR..=MAX_YEAR).contains(&d.year()))
}

pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    NaiveTime::parse_from_str(s, "%H:%M").or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S")).ok()
}

/// "6/27" as the coordinators write dates inside a fiscal year.
pub fn month_day(d: NaiveDate) -> String {
    format!("{}/{}", d.month(), d.day())
}

/// "13:30〜15:00", "13:30〜" or "".
pub fn time_range(start: &str, end: &str) -> String {
    match (start.is_empty(), end.is_empty()) {
        (true, _) => String::new(),
        (false, true) => format!("{start}〜"),
        (false, false) => format!("{start}〜{end}"),
    }
}

pub fn weekday_names() -> [&'static str; 7] {
    super::dates::WEEKDAYS
}

/// A meeting as typed into the form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingInput {
    pub held_on: String,
    pub start_time: String,
    pub end_time: String,
    pub level: String,
    pub kind: String,
    pub title: String,
    pub place: String,
    pub online: bool,
    pub professions: Vec<i32>,
    pub organisations: Vec<i32>,
    pub people: Vec<i32>,
    /// Attendees not in the directory, one per line.
    pub guests: String,
    /// The coordinators (users) who attended.
    pub coordinators: Vec<i32>,
    pub purpose: String,
    pub minutes: String,
    pub decisions: String,
    pub work_items: Vec<String>,
    /// Why the meeting does not follow the level rule (empty when it does).
    pub level_reason: String,
    /// The four scenes' codes it serves.
    pub scenes: Vec<String>,
    /// The initiatives it belongs to, when the form offered the choice (`None` leaves the
    /// links as they are).
    pub initiatives: Option<Vec<i32>>,
    /// Those ticked when the form was drawn: only the difference is applied.
    pub initiatives_before: Vec<i32>,
}

impl MeetingInput {
    pub fn check(&self) -> Result<(), Problems> {
        let mut p = Problems::new();
        match parse_date(&self.held_on) {
            None if self.held_on.trim().is_empty() => p.push(("held_on", "開催日を入力してください。".into())),
            None => p.push(("held_on", "開催日は 2024-06-27 の形で入力してください。".into())),
            Some(d) if d.year() < 1989 || d.year() > 2100 => p.push(("held_on", "開催日の年が正しくありません。".into())),
            Some(_) => {}
        }
        let start = self.time(&mut p, "start_time", &self.start_time, "開始時刻");
        let end = self.time(&mut p, "end_time", &self.end_time, "終了時刻");
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                p.push(("end_time", "終了時刻は開始時刻より後にしてください。".into()));
            }
        }
        if end.is_some() && start.is_none() && !self.end_time.trim().is_empty() && self.start_time.trim().is_empty() {
            p.push(("start_time", "終了時刻を入れるときは開始時刻も入力してください。".into()));
        }
        match Level::parse(&self.level) {
            None => p.push(("level", "連携の段階（一次・二次・三次）を選んでください。".into())),
            Some(level) => {
                if let Some(w) = level.warning(self.professions.len()) {
                    if self.level_reason.trim().is_empty() {
                        p.push(("level_reason", format!("{w}このままでよければ、理由を入力して保存してください。")));
                    }
                }
            }
        }
        // The kind is checked by the meetings service against the kinds kept by administrators.
        required(&mut p, "title", &self.title, "件名", 200);
        optional_len(&mut p, "place", &self.place, "場所", 200);
        optional_len(&mut p, "guests", &self.guests, "名簿にない出席者", 2000);
        optional_len(&mut p, "purpose", &self.purpose, "目的", 5000);
        optional_len(&mut p, "minutes", &self.minutes, "議事録", 50000);
        optional_len(&mut p, "decisions", &self.decisions, "決定事項", 10000);
        optional_len(&mut p, "level_reason", &self.level_reason, "理由", 500);
        if self.work_items.iter().any(|w| !is_work_item(w)) {
            p.push(("work_items", "事業項目の選択が正しくありません。".into()));
        }
        if !super::scenes::all_known(&self.scenes) {
            p.push(("scenes", "場面の選択が正しくありません。".into()));
        }
        finish(p)
    }

    fn time(&self, p: &mut Problems, field: &'static str, value: &str, what: &str) -> Option<NaiveTime> {
        if value.trim().is_empty() {
            return None;
        }
        let t = parse_time(value);
        if t.is_none() {
            p.push((field, format!("{what}は 13:30 の形で入力してください。")));
        }
        t
    }

    /// The names of the guests, one per non-empty line.
    pub fn guest_names(&self) -> Vec<String> {
        self.guests.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
    }

    /// The input as form pairs, to refill a form after an error.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let ids = |v: &[i32]| v.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
        vec![
            ("held_on".into(), self.held_on.clone()),
            ("start_time".into(), self.start_time.clone()),
            ("end_time".into(), self.end_time.clone()),
            ("level".into(), self.level.clone()),
            ("kind".into(), self.kind.clone()),
            ("title".into(), self.title.clone()),
            ("place".into(), self.place.clone()),
            ("online".into(), if self.online { "on".into() } else { String::new() }),
            ("professions".into(), ids(&self.professions)),
            ("organisations".into(), ids(&self.organisations)),
            ("people".into(), ids(&self.people)),
            ("guests".into(), self.guests.clone()),
            ("coordinators".into(), ids(&self.coordinators)),
            ("purpose".into(), self.purpose.clone()),
            ("minutes".into(), self.minutes.clone()),
            ("decisions".into(), self.decisions.clone()),
            ("work_items".into(), self.work_items.join(",")),
            ("level_reason".into(), self.level_reason.clone()),
            ("scenes".into(), self.scenes.join(",")),
            ("initiatives".into(), self.initiatives.as_deref().map(ids).unwrap_or_default()),
        ]
    }
}

/// Who a follow-up belongs to: a coordinator or an organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Owner {
    User(i32),
    Organisation(i32),
}

impl Owner {
    /// From a form value: "u:3" or "o:12".
    pub fn parse(s: &str) -> Option<Owner> {
        let (kind, id) = s.trim().split_once(':')?;
        let id: i32 = id.parse().ok().filter(|n| *n > 0)?;
        match kind {
            "u" => Some(Owner::User(id)),
            "o" => Some(Owner::Organisation(id)),
            _ => None,
        }
    }

    pub fn code(self) -> String {
        match self {
            Owner::User(id) => format!("u:{id}"),
            Owner::Organisation(id) => format!("o:{id}"),
        }
    }
}

/// One profession's relationship history, year by year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    /// The fiscal year of the first 一次連携, if there was one.
    pub first_level_one: Option<FiscalYear>,
    /// Every fiscal year from the first meeting to `until`, with that year's meetings.
    pub years: Vec<(FiscalYear, Vec<(NaiveDate, Level)>)>,
}

impl Timeline {
    /// Builds the timeline from a profession's meetings (in any order). Years without
    /// meetings stay in the list so that gaps show; `until` is usually the current year.
    pub fn build(meetings: &[(NaiveDate, Level)], until: FiscalYear) -> Timeline {
        let mut sorted = meetings.to_vec();
        sorted.sort();
        let first_level_one = sorted.iter().find(|(_, l)| *l == Level::First).map(|(d, _)| FiscalYear::of(*d));
        let Some(first) = sorted.first().map(|(d, _)| FiscalYear::of(*d)) else {
            return Timeline { first_level_one, years: Vec::new() };
        };
        let last = sorted.last().map(|(d, _)| FiscalYear::of(*d)).unwrap_or(first).max(until);
        let mut years = Vec::new();
        let mut fy = first;
        while fy <= last {
            years.push((fy, sorted.iter().filter(|(d, _)| fy.contains(*d)).cloned().collect()));
            fy = fy.next();
        }
        Timeline { first_level_one, years }
    }

    /// "R5: 6/27、9/13、10/6" lines, as the coordinators write them.
    pub fn lines(&self) -> Vec<String> {
        self.years
            .iter()
            .map(|(fy, ds)| {
                let dates: Vec<String> = ds.iter().map(|(d, _)| month_day(*d)).collect();
                format!("{}: {}", fy.short_label(), if dates.is_empty() { "—".to_string() } else { dates.join("、") })
            })
            .collect()
    }
}

/// The weeks (Sunday first) of a month for a calendar, with None outside the month.
pub fn month_grid(year: i32, month: u32) -> Option<Vec<[Option<NaiveDate>; 7]>> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let mut weeks = Vec::new();
    let mut day = first - Duration::days(first.weekday().num_days_from_sunday() as i64);
    loop {
        let mut week = [None; 7];
        for slot in week.iter_mut() {
            if day.month() == month && day.year() == year {
                *slot = Some(day);
            }
            day += Duration::days(1);
        }
        weeks.push(week);
        if day.month() != month || day.year() != year {
            break;
        }
    }
    Some(weeks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn input(level: &str, professions: usize) -> MeetingInput {
        MeetingInput {
            held_on: "2024-06-27".into(),
            level: level.into(),
            kind: "uchiawase".into(),
            title: "薬剤師会 打ち合わせ会".into(),
            professions: (1..=professions as i32).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn level_rules_are_warnings_that_a_reason_overrides() {
        assert!(input("1", 1).check().is_ok());
        assert!(input("2", 2).check().is_ok());
        assert!(input("3", 3).check().is_ok());
        for (level, n) in [("1", 0), ("1", 2), ("2", 1), ("3", 2)] {
            let problems = input(level, n).check().unwrap_err();
            assert_eq!(problems.len(), 1, "{level} with {n}");
            assert_eq!(problems[0].0, "level_reason");
            let mut with_reason = input(level, n);
            with_reason.level_reason = "薬剤師会と歯科医師会の合同の打ち合わせのため".into();
            assert!(with_reason.check().is_ok(), "{level} with {n} and a reason");
        }
    }

    #[test]
    fn required_fields_dates_and_times() {
        let empty = MeetingInput::default().check().unwrap_err();
        let fields: Vec<&str> = empty.iter().map(|(f, _)| *f).collect();
        assert!(fields.contains(&"held_on") && fields.contains(&"level") && fields.contains(&"title"));
        // The kind is the service's to check (administrators keep the list).
        assert!(!fields.contains(&"kind"));
        let mut m = input("1", 1);
        m.held_on = "2024-02-30".into();
        m.start_time = "25:00".into();
        let fields: Vec<&str> = m.check().unwrap_err().iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec!["held_on", "start_time"]);
        let mut m = input("1", 1);
        m.start_time = "15:00".into();
        m.end_time = "14:00".into();
        assert_eq!(m.check().unwrap_err()[0].0, "end_time");
        m.end_time = "16:30".into();
        assert!(m.check().is_ok());
        m.work_items = vec!["ア".into(), "ケ".into()];
        assert_eq!(m.check().unwrap_err()[0].0, "work_items");
    }

    #[test]
    fn dates_parse_with_slashes() {
        assert_eq!(parse_date("31.3.2025"), None);
        assert_eq!(parse_date("2025/03/31"), Some(d(2025, 3, 31)));
        assert_eq!(month_day(d(2024, 10, 6)), "10/6");
    }

    #[test]
    fn work_items_are_stored_in_order_without_duplicates() {
        let items = vec!["ウ".to_string(), "ア".into(), "ウ".into(), "x".into()];
        assert_eq!(work_items_text(&items), "ア,ウ");
        assert_eq!(work_items_from_text("ア,ウ"), vec!["ア", "ウ"]);
        assert_eq!(work_items_from_text(""), Vec::<String>::new());
    }

    #[test]
    fn owners_parse() {
        assert_eq!(Owner::parse("u:3"), Some(Owner::User(3)));
        assert_eq!(Owner::parse("o:12"), Some(Owner::Organisation(12)));
        assert_eq!(Owner::parse("x:1"), None);
        assert_eq!(Owner::parse("u:0"), None);
        assert_eq!(Owner::Organisation(4).code(), "o:4");
    }

    #[test]
    fn timeline_starts_at_the_first_meeting_and_keeps_empty_years() {
        let meetings = [
            (d(2023, 9, 13), Level::Second),
            (d(2023, 6, 27), Level::First),
            (d(2023, 10, 6), Level::First),
            (d(2022, 3, 31), Level::Third), // FY2021
            (d(2025, 4, 1), Level::First),  // FY2025
        ];
        let t = Timeline::build(&meetings, FiscalYear(2025));
        assert_eq!(t.first_level_one, Some(FiscalYear(2023)));
        assert_eq!(t.years.first().unwrap().0, FiscalYear(2021));
        assert_eq!(t.years.len(), 5);
        assert_eq!(
            t.lines(),
            vec!["R3: 3/31", "R4: —", "R5: 6/27、9/13、10/6", "R6: —", "R7: 4/1"]
        );
        assert_eq!(t.years[2].1[1], (d(2023, 9, 13), Level::Second));
        assert_eq!(Timeline::build(&[], FiscalYear(2025)).years.len(), 0);
    }

    #[test]
    fn month_grid_starts_on_sunday() {
        // June 2024 starts on a Saturday and has 30 days: 6 weeks.
        let g = month_grid(2024, 6).unwrap();
        assert_eq!(g.len(), 6);
        assert_eq!(g[0][6], Some(d(2024, 6, 1)));
        assert_eq!(g[0][0], None);
        assert_eq!(g[5][0], Some(d(2024, 6, 30)));
        // February 2026 starts on a Sunday: exactly 4 weeks.
        assert_eq!(month_grid(2026, 2).unwrap().len(), 4);
        assert!(month_grid(2024, 13).is_none());
    }
}
