//! The social resource list (社会資源, つながる資源リスト): what a resource record holds, the
//! screening and consent states, the one rule of what may be published, and staleness.

use super::meetings::parse_date;
use super::text::{char_len, normalize_for_search};
use super::validate::{finish, optional_len, required, Problems};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The screening of a collected resource: 収集 → 精査中 → 掲載可 / 非掲載.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Screening {
    Collected,
    Reviewing,
    Approved,
    Rejected,
}

impl Screening {
    pub const ALL: [Screening; 4] = [Screening::Collected, Screening::Reviewing, Screening::Approved, Screening::Rejected];

    pub fn code(self) -> &'static str {
        match self {
            Screening::Collected => "collected",
            Screening::Reviewing => "reviewing",
            Screening::Approved => "approved",
            Screening::Rejected => "rejected",
        }
    }

    pub fn from_code(s: &str) -> Option<Screening> {
        Screening::ALL.into_iter().find(|x| x.code() == s.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Screening::Collected => "収集",
            Screening::Reviewing => "精査中",
            Screening::Approved => "掲載可",
            Screening::Rejected => "非掲載",
        }
    }

    /// Waiting for the team (the screening queue).
    pub fn is_waiting(self) -> bool {
        matches!(self, Screening::Collected | Screening::Reviewing)
    }
}

/// Consent to publish, given by the organiser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Consent {
    /// Not (yet) given.
    None,
    /// May be published to everyone.
    Public,
    /// May be shown to professionals only (the team's list), never published.
    Professionals,
}

impl Consent {
    pub const ALL: [Consent; 3] = [Consent::None, Consent::Public, Consent::Professionals];

    pub fn code(self) -> &'static str {
        match self {
            Consent::None => "none",
            Consent::Public => "public",
            Consent::Professionals => "professionals",
        }
    }

    pub fn from_code(s: &str) -> Option<Consent> {
        Consent::ALL.into_iter().find(|x| x.code() == s.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Consent::None => "未確認",
            Consent::Public => "一般公開に同意",
            Consent::Professionals => "専門職のみに同意",
        }
    }
}

/// Whether the resource still runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Activity {
    Active,
    Paused,
    Ended,
}

impl Activity {
    pub const ALL: [Activity; 3] = [Activity::Active, Activity::Paused, Activity::Ended];

    pub fn code(self) -> &'static str {
        match self {
            Activity::Active => "active",
            Activity::Paused => "paused",
            Activity::Ended => "ended",
        }
    }

    pub fn from_code(s: &str) -> Option<Activity> {
        Activity::ALL.into_iter().find(|x| x.code() == s.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Activity::Active => "活動中",
            Activity::Paused => "休止中",
            Activity::Ended => "終了",
        }
    }
}

/// The one rule of publication: screened as 掲載可, consent to publish to everyone, not
/// ended, not archived. Everything public (pages, booklet, CSV, JSON, map) asks this.
pub fn is_public(screening: Screening, consent: Consent, activity: Activity, archived: bool) -> bool {
    screening == Screening::Approved && consent == Consent::Public && activity != Activity::Ended && !archived
}

/// Months after which a resource's entry must be confirmed again.
pub const CONFIRM_EVERY_MONTHS: u32 = 12;

/// Not confirmed within the last 12 months (or never).
pub fn is_stale(confirmed_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    match confirmed_on {
        None => true,
        Some(d) => d < stale_before(today),
    }
}

/// The earliest confirmation date that is still fresh today.
pub fn stale_before(today: NaiveDate) -> NaiveDate {
    today.checked_sub_months(chrono::Months::new(CONFIRM_EVERY_MONTHS)).unwrap_or(today)
}

const WEEKDAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];

/// An optional regular schedule: every week on a weekday, or the n-th weekday of every month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Weekday 0 = Monday.
    Weekly(u8),
    /// (week 1–5, weekday 0 = Monday).
    Monthly(u8, u8),
}

impl Rule {
    /// From the stored code: "weekly:1" (Tuesday), "monthly:2:2" (the second Wednesday).
    pub fn parse(s: &str) -> Option<Rule> {
        let parts: Vec<&str> = s.trim().split(':').collect();
        let n = |i: usize| parts.get(i).and_then(|p| p.parse::<u8>().ok());
        match parts.first().copied() {
            Some("weekly") if parts.len() == 2 => n(1).filter(|d| *d < 7).map(Rule::Weekly),
            Some("monthly") if parts.len() == 3 => match (n(1), n(2)) {
                (Some(w), Some(d)) if (1..=5).contains(&w) && d < 7 => Some(Rule::Monthly(w, d)),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn code(self) -> String {
        match self {
            Rule::Weekly(d) => format!("weekly:{d}"),
            Rule::Monthly(w, d) => format!("monthly:{w}:{d}"),
        }
    }

    /// "毎週火曜日", "毎月第2水曜日".
    pub fn label(self) -> String {
        match self {
            Rule::Weekly(d) => format!("毎週{}曜日", WEEKDAYS[d as usize]),
            Rule::Monthly(w, d) => format!("毎月第{w}{}曜日", WEEKDAYS[d as usize]),
        }
    }

    /// Every rule a form offers, as (code, label).
    pub fn choices() -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = (0..7).map(|d| (Rule::Weekly(d).code(), Rule::Weekly(d).label())).collect();
        for w in 1..=5 {
            out.extend((0..7).map(|d| (Rule::Monthly(w, d).code(), Rule::Monthly(w, d).label())));
        }
        out
    }

    /// Whether the rule falls on `day`.
    pub fn falls_on(self, day: NaiveDate) -> bool {
        let weekday = day.weekday().num_days_from_monday() as u8;
        match self {
            Rule::Weekly(d) => d == weekday,
            Rule::Monthly(w, d) => d == weekday && (day.day() as u8 - 1) / 7 + 1 == w,
        }
    }
}

/// Kamaishi's 8 地区生活応援センター districts, the seed of the editable district list.
pub const DEFAULT_DISTRICTS: [&str; 8] = ["釜石", "平田", "中妻", "小佐野", "甲子", "鵜住居", "栗橋", "唐丹"];

/// The seed of the two-level category list: (category, its sub-categories).
pub const DEFAULT_CATEGORIES: [(&str, &[&str]); 8] = [
    ("地域包括支援センター", &[]),
    ("薬局", &[]),
    ("相談窓口", &["高齢者", "生活困窮", "障がい", "子ども"]),
    ("生活応援センター", &[]),
    ("保健事業", &["健康相談", "栄養相談", "減塩教室", "禁煙教室"]),
    ("地域の参加資源", &["つながるカフェ", "チームオレンジ", "100歳体操", "公民館事業", "自主グループ"]),
    ("社協・生活支援コーディネーター", &[]),
    ("その他", &["民生委員", "町内会", "社会福祉法人", "地場企業"]),
];

/// A resource as typed into the form (ids as their form values; empty = none).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResourceInput {
    pub name: String,
    pub kana: String,
    pub category: String,
    pub district: String,
    /// An organisation of the directory, or empty with `organiser_text`.
    pub organiser: String,
    pub organiser_text: String,
    pub description: String,
    pub audience: String,
    pub schedule: String,
    pub schedule_rule: String,
    pub place: String,
    pub address: String,
    pub latitude: String,
    pub longitude: String,
    pub cost: String,
    pub how_to_join: String,
    pub public_contact: String,
    pub staff_contact: String,
    pub known_by: String,
    pub source: String,
    pub collected_on: String,
    pub activity: String,
    pub notice: String,
}

/// The `latitude` and `longitude` fields of a form: decimal degrees, both or neither.
pub(crate) fn check_coordinates(p: &mut Problems, latitude: &str, longitude: &str) {
    let (lat, lon) = (latitude.trim(), longitude.trim());
    if !lat.is_empty() && parse_coordinate(lat, -90.0..=90.0).is_none() {
        p.push(("latitude", "緯度は 39.2758 のような数で入力してください。".into()));
    }
    if !lon.is_empty() && parse_coordinate(lon, -180.0..=180.0).is_none() {
        p.push(("longitude", "経度は 141.8857 のような数で入力してください。".into()));
    }
    if lat.is_empty() != lon.is_empty() {
        p.push((if lat.is_empty() { "latitude" } else { "longitude" }, "緯度と経度は両方入力するか、両方空にしてください。".into()));
    }
}

/// A coordinate typed as a decimal degree within `range`.
pub fn parse_coordinate(s: &str, range: std::ops::RangeInclusive<f64>) -> Option<f64> {
    s.trim().replace('，', ".").parse::<f64>().ok().filter(|v| v.is_finite() && range.contains(v))
}

impl ResourceInput {
    pub fn check(&self) -> Result<(), Problems> {
        let mut p = Problems::new();
        required(&mut p, "name", &self.name, "名称", 200);
        optional_len(&mut p, "kana", &self.kana, "ふりがな", 200);
        if self.category.trim().parse::<i32>().is_err() {
            p.push(("category", "分類を選んでください。".into()));
        }
        if !self.district.trim().is_empty() && self.district.trim().parse::<i32>().is_err() {
            p.push(("district", "地区の選択が正しくありません。".into()));
        }
        if !self.organiser.trim().is_empty() && self.organiser.trim().parse::<i32>().is_err() {
            p.push(("organiser", "主催の選択が正しくありません。".into()));
        }
        optional_len(&mut p, "organiser_text", &self.organiser_text, "主催（名簿にない場合）", 200);
        optional_len(&mut p, "description", &self.description, "内容", 2000);
        optional_len(&mut p, "audience", &self.audience, "対象", 500);
        optional_len(&mut p, "schedule", &self.schedule, "日時", 500);
        if !self.schedule_rule.trim().is_empty() && Rule::parse(&self.schedule_rule).is_none() {
            p.push(("schedule_rule", "定期の選択が正しくありません。".into()));
        }
        optional_len(&mut p, "place", &self.place, "場所", 200);
        optional_len(&mut p, "address", &self.address, "住所", 300);
        check_coordinates(&mut p, &self.latitude, &self.longitude);
        optional_len(&mut p, "cost", &self.cost, "費用", 200);
        optional_len(&mut p, "how_to_join", &self.how_to_join, "参加方法", 1000);
        optional_len(&mut p, "public_contact", &self.public_contact, "問い合わせ先（公開）", 300);
        optional_len(&mut p, "staff_contact", &self.staff_contact, "専門職向けの連絡先", 300);
        optional_len(&mut p, "known_by", &self.known_by, "顔の見える関係", 500);
        optional_len(&mut p, "source", &self.source, "情報の出どころ", 200);
        if !self.collected_on.trim().is_empty() && parse_date(&self.collected_on).is_none() {
            p.push(("collected_on", "収集日は 2024-06-27 の形で入力してください。".into()));
        }
        if Activity::from_code(&self.activity).is_none() {
            p.push(("activity", "活動状況を選んでください。".into()));
        }
        optional_len(&mut p, "notice", &self.notice, "お知らせ", 300);
        finish(p)
    }

    /// The input as the form's (name, value) pairs, to refill the form after a refusal.
    pub fn pairs(&self) -> Vec<(String, String)> {
        [
            ("name", &self.name),
            ("kana", &self.kana),
            ("category", &self.category),
            ("district", &self.district),
            ("organiser", &self.organiser),
            ("organiser_text", &self.organiser_text),
            ("description", &self.description),
            ("audience", &self.audience),
            ("schedule", &self.schedule),
            ("schedule_rule", &self.schedule_rule),
            ("place", &self.place),
            ("address", &self.address),
            ("latitude", &self.latitude),
            ("longitude", &self.longitude),
            ("cost", &self.cost),
            ("how_to_join", &self.how_to_join),
            ("public_contact", &self.public_contact),
            ("staff_contact", &self.staff_contact),
            ("known_by", &self.known_by),
            ("source", &self.source),
            ("collected_on", &self.collected_on),
            ("activity", &self.activity),
            ("notice", &self.notice),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
    }
}

/// The screening decision as typed: the state and, for 非掲載, the reason.
pub fn check_screening(state: &str, reason: &str) -> Result<Screening, Problems> {
    let Some(s) = Screening::from_code(state) else {
        return Err(vec![("screening", "精査の状態を選んでください。".into())]);
    };
    if s == Screening::Rejected && reason.trim().is_empty() {
        return Err(vec![("reason", "非掲載の理由を入力してください。".into())]);
    }
    if char_len(reason.trim()) > 500 {
        return Err(vec![("reason", "理由は500文字以内にしてください。".into())]);
    }
    Ok(s)
}

/// What the search of the lists matches: name, kana, organiser, place, address, description,
/// each normalised, one per line (a search term has no line break, so it never matches
/// across two fields).
pub fn search_text(parts: &[&str]) -> String {
    parts.iter().map(|p| normalize_for_search(p)).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn only_approved_consented_running_entries_are_public() {
        for s in Screening::ALL {
            for c in Consent::ALL {
                for a in Activity::ALL {
                    for archived in [false, true] {
                        let expected = s == Screening::Approved && c == Consent::Public && a != Activity::Ended && !archived;
                        assert_eq!(is_public(s, c, a, archived), expected, "{s:?} {c:?} {a:?} {archived}");
                    }
                }
            }
        }
        // A paused café stays listed with its notice.
        assert!(is_public(Screening::Approved, Consent::Public, Activity::Paused, false));
    }

    #[test]
    fn staleness_is_twelve_months() {
        let today = d("2026-06-15");
        assert!(is_stale(None, today));
        assert!(!is_stale(Some(d("2025-06-15")), today));
        assert!(is_stale(Some(d("2025-06-14")), today));
        assert!(!is_stale(Some(d("2026-01-01")), today));
        // Leap day: a year after 2024-02-29 is 2025-02-28.
        assert_eq!(stale_before(d("2025-02-28")), d("2024-02-28"));
    }

    #[test]
    fn codes_round_trip() {
        for s in Screening::ALL {
            assert_eq!(Screening::from_code(s.code()), Some(s));
        }
        for c in Consent::ALL {
            assert_eq!(Consent::from_code(c.code()), Some(c));
        }
        for a in Activity::ALL {
            assert_eq!(Activity::from_code(a.code()), Some(a));
        }
        assert_eq!(Screening::from_code("published"), None);
        assert!(Screening::Collected.is_waiting() && Screening::Reviewing.is_waiting() && !Screening::Approved.is_waiting());
    }

    #[test]
    fn schedule_rules() {
        assert_eq!(Rule::parse("weekly:1"), Some(Rule::Weekly(1)));
        assert_eq!(Rule::parse("weekly:1").unwrap().label(), "毎週火曜日");
        assert_eq!(Rule::parse("monthly:2:2").unwrap().label(), "毎月第2水曜日");
        for bad in ["weekly:7", "monthly:0:1", "monthly:6:1", "monthly:2", "daily:1", "", "weekly:x"] {
            assert_eq!(Rule::parse(bad), None, "{bad}");
        }
        for (code, _) in Rule::choices() {
            assert_eq!(Rule::parse(&code).map(|r| r.code()), Some(code));
        }
        // 2026-12-09 is the second Wednesday of December 2026.
        assert!(Rule::Monthly(2, 2).falls_on(d("2026-12-09")));
        assert!(!Rule::Monthly(2, 2).falls_on(d("2026-12-02")));
        assert!(Rule::Weekly(2).falls_on(d("2026-12-02")));
    }

    fn valid() -> ResourceInput {
        ResourceInput { name: "うのすまいカフェ".into(), category: "3".into(), activity: "active".into(), ..Default::default() }
    }

    #[test]
    fn input_rules() {
        assert!(valid().check().is_ok());
        let fields = |i: ResourceInput| i.check().unwrap_err().into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(fields(ResourceInput { name: " ".into(), ..valid() }), vec!["name"]);
        assert_eq!(fields(ResourceInput { category: "".into(), ..valid() }), vec!["category"]);
        assert_eq!(fields(ResourceInput { activity: "open".into(), ..valid() }), vec!["activity"]);
        assert_eq!(fields(ResourceInput { latitude: "39.27".into(), ..valid() }), vec!["longitude"]);
        assert_eq!(fields(ResourceInput { latitude: "91".into(), longitude: "141.9".into(), ..valid() }), vec!["latitude"]);
        assert!(ResourceInput { latitude: "39.2758".into(), longitude: "141.8857".into(), ..valid() }.check().is_ok());
        assert_eq!(fields(ResourceInput { schedule_rule: "weekly:9".into(), ..valid() }), vec!["schedule_rule"]);
        assert_eq!(fields(ResourceInput { collected_on: "R4.6.1".into(), ..valid() }), vec!["collected_on"]);
        assert_eq!(valid().pairs().len(), 23);
    }

    #[test]
    fn rejection_needs_a_reason() {
        assert_eq!(check_screening("approved", ""), Ok(Screening::Approved));
        assert!(check_screening("rejected", " ").is_err());
        assert_eq!(check_screening("rejected", "連絡先が不明"), Ok(Screening::Rejected));
        assert!(check_screening("public", "").is_err());
    }

    #[test]
    fn search_text_folds_kana_and_width() {
        assert_eq!(search_text(&["うのすまい カフェ", "ウノスマイ"]), "うのすまいかふぇ\nうのすまい");
        assert!(!search_text(&["みなと", "カフェ"]).contains("とか"));
    }
}
