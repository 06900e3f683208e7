//! The consultation desk (相談支援): the values a consultation takes, the date and flag forms
//! found in the team's Excel history, and the yearly trend table (categories × fiscal years).

use super::validate::{finish, optional_len, Problems};
use super::era::Era;
use super::text::normalize_width;
use super::fiscal_year::{MAX_YEAR, MIN_YEAR};
use super::FiscalYear;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The six categories of the team's trend table, seeded once (admins may extend or rename).
pub const DEFAULT_CATEGORIES: [&str; 6] = [
    "地域の連携体制に関する相談",
    "事業に関する相談・協力依頼等",
    "チームかまいしに関する問い合わせ",
    "他部署・他機関への相談等の調整",
    "データ提供依頼",
    "その他",
];

/// Means of contact: (code, label).
pub const METHODS: &[(&str, &str)] = &[
    ("phone", "電話"),
    ("email", "メール"),
    ("visit", "来所"),
    ("fax", "FAX"),
    ("outreach", "訪問"),
    ("meeting", "会議等の場"),
    ("other", "その他"),
];

pub const STATUSES: &[(&str, &str)] = &[("received", "受付"), ("in_progress", "対応中"), ("done", "完了")];

/// Inside or outside the region (圏域): (code, label).
pub const REGIONS: &[(&str, &str)] = &[("inside", "圏域内"), ("outside", "圏域外")];

/// What an empty value is called in tables.
pub const UNKNOWN: &str = "未記入";

fn label_of(list: &[(&'static str, &'static str)], code: &str) -> Option<&'static str> {
    list.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

fn code_of(list: &[(&'static str, &'static str)], label: &str) -> Option<&'static str> {
    let label = normalize_width(label.trim()).to_uppercase();
    list.iter().find(|(c, l)| normalize_width(l).to_uppercase() == label || c.to_uppercase() == label).map(|(c, _)| *c)
}

pub fn method_label(code: &str) -> Option<&'static str> {
    label_of(METHODS, code)
}

pub fn status_label(code: &str) -> Option<&'static str> {
    label_of(STATUSES, code)
}

pub fn region_label(code: &str) -> Option<&'static str> {
    label_of(REGIONS, code)
}

/// A method as written in a sheet (電話, ＦＡＸ, fax, …).
pub fn parse_method(s: &str) -> Option<&'static str> {
    code_of(METHODS, s)
}

pub fn parse_status(s: &str) -> Option<&'static str> {
    code_of(STATUSES, s)
}

/// 圏域内 / 圏域外, also the short 内 / 外.
pub fn parse_region(s: &str) -> Option<&'static str> {
    match s.trim() {
        "内" => Some("inside"),
        "外" => Some("outside"),
        other => code_of(REGIONS, other),
    }
}

/// The 欲しい相談 flag: はい/いいえ, 1/0, ○/empty. None when the value means neither.
pub fn parse_flag(s: &str) -> Option<bool> {
    match normalize_width(s.trim()).as_str() {
        "はい" | "1" | "○" | "〇" | "◯" | "●" | "true" | "TRUE" | "on" => Some(true),
        "いいえ" | "0" | "" | "×" | "false" | "FALSE" => Some(false),
        _ => None,
    }
}

/// A received date as found in the team's sheets: `2024-04-01`, `2024/4/1`, `2024年4月1日`,
/// and in 和暦 `R6.4.1`, `R6/4/1`, `令和6年4月1日`, `H29/4/1`, `平成31年4月30日`, `令和元年5月1日`.
/// A 和暦 date outside its era (平成31年5月1日) is refused with the date it should be.
pub fn parse_any_date(input: &str) -> Result<NaiveDate, String> {
    let s = normalize_width(input.trim());
    let bad = || format!("日付「{}」を読めません。2024-04-01、2024/4/1、R6.4.1、令和6年4月1日 のように書いてください。", input.trim());
    if s.is_empty() {
        return Err("受付日がありません。".into());
    }
    let (era, rest) = match Era::ALL.into_iter().find(|e| s.starts_with(e.kanji())) {
        Some(e) => (Some(e), &s[e.kanji().len()..]),
        None => match s.chars().next().and_then(Era::from_letter) {
            Some(e) => (Some(e), &s[1..]),
            None => (None, s.as_str()),
        },
    };
    let parts: Vec<&str> = rest
        .split(|c: char| matches!(c, '-' | '/' | '.' | '年' | '月' | '日'))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 {
        return Err(bad());
    }
    let year: i32 = match (era, parts[0]) {
        (Some(_), "元") => 1,
        (_, y) => y.parse().map_err(|_| bad())?,
    };
    let month: u32 = parts[1].parse().map_err(|_| bad())?;
    let day: u32 = parts[2].parse().map_err(|_| bad())?;
    let Some(era) = era else {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(bad());
        }
        return NaiveDate::from_ymd_opt(year, month, day).ok_or_else(bad);
    };
    if year < 1 {
        return Err(bad());
    }
    let date = NaiveDate::from_ymd_opt(era.western_year(year), month, day).ok_or_else(bad)?;
    if Era::of_date(date) != Some(era) {
        let right = japanese_date(date).unwrap_or_else(|| date.to_string());
        return Err(format!("「{}」は{}の期間外です（{} は {}）。", input.trim(), era.kanji(), super::dates::day(date), right));
    }
    Ok(date)
}

/// "令和元年5月1日".
pub fn japanese_date(d: NaiveDate) -> Option<String> {
    let era = Era::of_date(d)?;
    Some(format!("{}{}年{}月{}日", era.kanji(), super::era::era_year_kanji(era.year_of(d.year())), d.month(), d.day()))
}

/// The consultation form as typed (all strings, so a rejected form comes back as it was; a
/// field the form did not send, such as an unchecked box, is empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsultationInput {
    pub received_on: String,
    pub requester: String,
    /// A person of the directory picked as the requester (id), or empty. Not stored: it only
    /// fills the requester's fields left empty (`with_requester_from`).
    pub requester_person: String,
    /// An organisation of the directory (id), or empty.
    pub organisation: String,
    /// The requester's affiliation when it is not in the directory.
    pub organisation_text: String,
    pub profession: String,
    pub region: String,
    pub method: String,
    pub category: String,
    /// "on" when checked.
    pub wanted: String,
    pub content: String,
    pub response: String,
    pub status: String,
    /// The fiscal year the solution was carried out ("H29", "2017"), optional.
    pub solved_fy: String,
    pub meeting: String,
    pub issue: String,
}

fn id_or_empty(p: &mut Problems, field: &'static str, value: &str, message: &str) {
    if !value.trim().is_empty() && value.trim().parse::<i32>().is_err() {
        p.push((field, message.into()));
    }
}

impl ConsultationInput {
    pub fn check(&self) -> Result<(), Problems> {
        let mut p = Problems::new();
        if self.received_on.trim().is_empty() {
            p.push(("received_on", "受付日を入力してください。".into()));
        } else if let Err(m) = parse_any_date(&self.received_on) {
            p.push(("received_on", m));
        }
        optional_len(&mut p, "requester", &self.requester, "相談者", 100);
        id_or_empty(&mut p, "requester_person", &self.requester_person, "名簿の人の選択が正しくありません。");
        id_or_empty(&mut p, "organisation", &self.organisation, "所属の選択が正しくありません。");
        optional_len(&mut p, "organisation_text", &self.organisation_text, "所属（名簿にない場合）", 200);
        id_or_empty(&mut p, "profession", &self.profession, "職種の選択が正しくありません。");
        if !self.region.trim().is_empty() && region_label(self.region.trim()).is_none() {
            p.push(("region", "圏域内・圏域外から選んでください。".into()));
        }
        if !self.method.trim().is_empty() && method_label(self.method.trim()).is_none() {
            p.push(("method", "方法を一覧から選んでください。".into()));
        }
        if self.category.trim().parse::<i32>().is_err() {
            p.push(("category", "分類を選んでください。".into()));
        }
        optional_len(&mut p, "content", &self.content, "内容", 10000);
        optional_len(&mut p, "response", &self.response, "対応", 10000);
        if status_label(self.status.trim()).is_none() {
            p.push(("status", "状況を選んでください。".into()));
        }
        if !self.solved_fy.trim().is_empty() && FiscalYear::parse(&self.solved_fy).is_none() {
            p.push(("solved_fy", "解決策を実施した年度は H29、R6、2024 のように入力してください。".into()));
        }
        id_or_empty(&mut p, "meeting", &self.meeting, "会議の選択が正しくありません。");
        id_or_empty(&mut p, "issue", &self.issue, "課題の選択が正しくありません。");
        finish(p)
    }

    pub fn wanted(&self) -> bool {
        matches!(self.wanted.trim(), "on" | "true" | "1")
    }

    /// The input with the requester's fields that were left empty taken from the person
    /// picked in the directory: what was typed wins, so the form can still name someone
    /// else or correct an affiliation. The organisation is filled only when neither the
    /// directory's nor the typed one was given (a typed affiliation is a choice too).
    pub fn with_requester_from(&self, person: &RequesterPerson) -> ConsultationInput {
        let mut out = self.clone();
        if out.requester.trim().is_empty() {
            out.requester = person.name.trim().to_string();
        }
        if out.organisation.trim().is_empty() && out.organisation_text.trim().is_empty() {
            if let Some(o) = person.organisation_id {
                out.organisation = o.to_string();
            }
        }
        if out.profession.trim().is_empty() {
            if let Some(p) = person.profession_id {
                out.profession = p.to_string();
            }
        }
        out
    }

    pub fn pairs(&self) -> Vec<(String, String)> {
        [
            ("received_on", &self.received_on),
            ("requester", &self.requester),
            ("requester_person", &self.requester_person),
            ("organisation", &self.organisation),
            ("organisation_text", &self.organisation_text),
            ("profession", &self.profession),
            ("region", &self.region),
            ("method", &self.method),
            ("category", &self.category),
            ("wanted", &self.wanted),
            ("content", &self.content),
            ("response", &self.response),
            ("status", &self.status),
            ("solved_fy", &self.solved_fy),
            ("meeting", &self.meeting),
            ("issue", &self.issue),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
    }
}

/// What the directory holds of a person picked as a consultation's requester.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequesterPerson {
    pub name: String,
    pub organisation_id: Option<i32>,
    pub profession_id: Option<i32>,
}

/// A category as the trend table needs it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRef {
    pub id: i32,
    pub name: String,
    pub active: bool,
}

/// One row of the trend table: a category's count per fiscal year and its total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendRow {
    pub category: CategoryRef,
    pub counts: Vec<u64>,
    pub total: u64,
}

/// Categories × fiscal years, with row and column totals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendTable {
    pub years: Vec<FiscalYear>,
    pub rows: Vec<TrendRow>,
    pub column_totals: Vec<u64>,
    pub total: u64,
}

impl TrendTable {
    /// Counts are (fiscal year, category id, count). Categories come in display order; a
    /// retired one is shown only when it has consultations in the range, so past years'
    /// tables keep it while new ones drop it.
    pub fn build(categories: &[CategoryRef], counts: &[(i32, i32, u64)], from: FiscalYear, to: FiscalYear) -> TrendTable {
        let years: Vec<FiscalYear> = (from.0.min(to.0)..=from.0.max(to.0)).map(FiscalYear).collect();
        let mut rows: Vec<TrendRow> = categories
            .iter()
            .map(|c| {
                let counts: Vec<u64> = years
                    .iter()
                    .map(|y| counts.iter().filter(|(fy, cat, _)| *fy == y.0 && *cat == c.id).map(|(_, _, n)| n).sum())
                    .collect();
                TrendRow { category: c.clone(), total: counts.iter().sum(), counts }
            })
            .collect();
        rows.retain(|r| r.category.active || r.total > 0);
        let column_totals: Vec<u64> = (0..years.len()).map(|i| rows.iter().map(|r| r.counts[i]).sum()).collect();
        let total = column_totals.iter().sum();
        TrendTable { years, rows, column_totals, total }
    }

    /// The share of a cell in its fiscal year's total, in percent to one decimal ("12.5").
    pub fn percent(&self, row: usize, col: usize) -> String {
        percent(self.rows[row].counts[col], self.column_totals[col])
    }

    /// The table as text rows, laid out as on screen: a header row (fiscal years, then 合計)
    /// and one row per category, then 合計. With `percentages`, each count is followed by
    /// its share of the year. The Western years are a second header row.
    pub fn grid(&self, percentages: bool) -> Vec<Vec<String>> {
        let mut head = vec!["分類".to_string()];
        let mut western = vec!["西暦年度".to_string()];
        for y in &self.years {
            head.push(y.short_label());
            western.push(y.0.to_string());
            if percentages {
                head.push(format!("{} 構成比(%)", y.short_label()));
                western.push(String::new());
            }
        }
        head.push("合計".into());
        western.push(String::new());
        let mut out = vec![head, western];
        for (r, row) in self.rows.iter().enumerate() {
            let mut line = vec![row.category.name.clone()];
            for (c, n) in row.counts.iter().enumerate() {
                line.push(n.to_string());
                if percentages {
                    line.push(self.percent(r, c));
                }
            }
            line.push(row.total.to_string());
            out.push(line);
        }
        let mut totals = vec!["合計".to_string()];
        for n in &self.column_totals {
            totals.push(n.to_string());
            if percentages {
                totals.push(if *n > 0 { "100.0".into() } else { String::new() });
            }
        }
        totals.push(self.total.to_string());
        out.push(totals);
        out
    }
}

/// "12.5" (percent of `n` in `of`), empty when `of` is zero.
pub fn percent(n: u64, of: u64) -> String {
    if of == 0 {
        return String::new();
    }
    // Rounded half up on the integer per-mille, so the same counts always print the same.
    let permille = (n * 2000 + of) / (of * 2);
    format!("{}.{}", permille / 10, permille % 10)
}

/// A one-year breakdown (by 圏域, profession, method, …): labelled counts and their total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    pub key: String,
    pub title: String,
    /// The heading of the label column.
    pub label: String,
    pub items: Vec<(String, u64)>,
    pub total: u64,
}

impl Breakdown {
    pub fn new(key: &str, title: &str, label: &str, items: Vec<(String, u64)>) -> Breakdown {
        let total = items.iter().map(|(_, n)| n).sum();
        Breakdown { key: key.into(), title: title.into(), label: label.into(), items, total }
    }

    /// Label, count, percentage; then 合計.
    pub fn grid(&self) -> Vec<Vec<String>> {
        let mut out = vec![vec![self.label.clone(), "件数".into(), "構成比(%)".into()]];
        for (l, n) in &self.items {
            out.push(vec![l.clone(), n.to_string(), percent(*n, self.total)]);
        }
        out.push(vec!["合計".into(), self.total.to_string(), if self.total > 0 { "100.0".into() } else { String::new() }]);
        out
    }
}

/// The keys of the one-year breakdowns, in page order, with their URL names.
pub const BREAKDOWNS: &[(&str, &str)] = &[
    ("region", "相談者の所在（圏域内・圏域外）"),
    ("profession", "相談者の職種"),
    ("organisation", "相談者の所属"),
    ("method", "照会・相談の方法"),
    ("wanted", "「欲しい相談」の割合"),
    ("category", "相談・問合せの内容"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_listed_date_form_parses() {
        assert_eq!(parse_any_date("2024-04-01"), Ok(d(2024, 4, 1)));
        assert_eq!(parse_any_date("2024/4/1"), Ok(d(2024, 4, 1)));
        assert_eq!(parse_any_date("R6.4.1"), Ok(d(2024, 4, 1)));
        assert_eq!(parse_any_date("令和6年4月1日"), Ok(d(2024, 4, 1)));
        assert_eq!(parse_any_date("H29/4/1"), Ok(d(2017, 4, 1)));
        assert_eq!(parse_any_date("平成31年4月30日"), Ok(d(2019, 4, 30)));
        assert_eq!(parse_any_date("令和元年5月1日"), Ok(d(2019, 5, 1)));
        assert_eq!(parse_any_date(" ２０２４／４／１ "), Ok(d(2024, 4, 1)));
        assert_eq!(parse_any_date("r1.5.1"), Ok(d(2019, 5, 1)));
        assert_eq!(parse_any_date("2024年4月1日"), Ok(d(2024, 4, 1)));
    }

    #[test]
    fn bad_dates_are_refused_with_a_reason() {
        for s in ["", "2024-13-01", "2024/2/30", "R6.4", "昨日", "H0.4.1", "99/4/1"] {
            assert!(parse_any_date(s).is_err(), "{s}");
        }
        // Outside the era: Heisei ended on 30 April 2019, Reiwa began on 1 May.
        let e = parse_any_date("平成31年5月1日").unwrap_err();
        assert!(e.contains("令和元年5月1日"), "{e}");
        assert!(parse_any_date("R1.4.30").is_err());
    }

    #[test]
    fn flags_methods_regions_statuses() {
        for (s, v) in [("はい", true), ("いいえ", false), ("1", true), ("0", false), ("○", true), ("", false), ("１", true)] {
            assert_eq!(parse_flag(s), Some(v), "{s}");
        }
        assert_eq!(parse_flag("たぶん"), None);
        assert_eq!(parse_method("ＦＡＸ"), Some("fax"));
        assert_eq!(parse_method("電話"), Some("phone"));
        assert_eq!(parse_method("伝書鳩"), None);
        assert_eq!(parse_region("圏域内"), Some("inside"));
        assert_eq!(parse_region("外"), Some("outside"));
        assert_eq!(parse_region("県外"), None);
        assert_eq!(parse_status("完了"), Some("done"));
    }

    fn cat(id: i32, name: &str, active: bool) -> CategoryRef {
        CategoryRef { id, name: name.into(), active }
    }

    #[test]
    fn trend_table_counts_totals_and_retired_categories() {
        let cats = [cat(1, "地域", true), cat(2, "事業", true), cat(3, "旧分類", false), cat(4, "旧分類2", false)];
        let counts = [(2017, 1, 7), (2017, 2, 20), (2018, 1, 4), (2018, 3, 2), (2016, 4, 5)];
        let t = TrendTable::build(&cats, &counts, FiscalYear(2017), FiscalYear(2019));
        assert_eq!(t.years, vec![FiscalYear(2017), FiscalYear(2018), FiscalYear(2019)]);
        // The retired category with counts in range stays; the one without is dropped.
        let names: Vec<&str> = t.rows.iter().map(|r| r.category.name.as_str()).collect();
        assert_eq!(names, ["地域", "事業", "旧分類"]);
        assert_eq!(t.rows[0].counts, vec![7, 4, 0]);
        assert_eq!(t.rows[0].total, 11);
        assert_eq!(t.column_totals, vec![27, 6, 0]);
        assert_eq!(t.total, 33);
        assert_eq!(t.percent(0, 0), "25.9");
        assert_eq!(t.percent(1, 0), "74.1");
        assert_eq!(t.percent(0, 2), "");
        let g = t.grid(false);
        assert_eq!(g[0], ["分類", "H29", "H30", "R1", "合計"]);
        assert_eq!(g[1], ["西暦年度", "2017", "2018", "2019", ""]);
        assert_eq!(g.last().unwrap(), &["合計", "27", "6", "0", "33"]);
        let g = t.grid(true);
        assert_eq!(g[2], ["地域", "7", "25.9", "4", "66.7", "0", "", "11"]);
    }

    #[test]
    fn percent_rounds_half_up() {
        assert_eq!(percent(1, 8), "12.5");
        assert_eq!(percent(1, 3), "33.3");
        assert_eq!(percent(2, 3), "66.7");
        assert_eq!(percent(3, 3), "100.0");
        assert_eq!(percent(0, 5), "0.0");
    }

    #[test]
    fn input_checks() {
        let ok = ConsultationInput { received_on: "R6.4.1".into(), category: "1".into(), status: "received".into(), ..Default::default() };
        assert!(ok.check().is_ok());
        let bad = ConsultationInput { received_on: "平成31年5月1日".into(), region: "x".into(), solved_fy: "X9".into(), ..Default::default() };
        let fields: Vec<&str> = bad.check().unwrap_err().iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["received_on", "region", "category", "status", "solved_fy"]);
        let bad = ConsultationInput { requester_person: "山田".into(), ..ok.clone() };
        let fields: Vec<&str> = bad.check().unwrap_err().iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["requester_person"]);
    }

    #[test]
    fn a_picked_person_fills_only_the_empty_requester_fields() {
        let person = RequesterPerson { name: "山田 花子".into(), organisation_id: Some(7), profession_id: Some(3) };
        let empty = ConsultationInput { requester_person: "12".into(), ..Default::default() };
        let f = empty.with_requester_from(&person);
        assert_eq!((f.requester.as_str(), f.organisation.as_str(), f.organisation_text.as_str(), f.profession.as_str()), ("山田 花子", "7", "", "3"));
        // What was typed wins, field by field.
        let typed = ConsultationInput { requester: "代理の 佐藤".into(), profession: "5".into(), ..empty.clone() };
        let f = typed.with_requester_from(&person);
        assert_eq!((f.requester.as_str(), f.organisation.as_str(), f.profession.as_str()), ("代理の 佐藤", "7", "5"));
        // A typed affiliation keeps the directory's organisation out; so does another one chosen.
        let text = ConsultationInput { organisation_text: "市 地域福祉課".into(), ..empty.clone() };
        let f = text.with_requester_from(&person);
        assert_eq!((f.organisation.as_str(), f.organisation_text.as_str()), ("", "市 地域福祉課"));
        let other = ConsultationInput { organisation: "9".into(), ..empty.clone() };
        assert_eq!(other.with_requester_from(&person).organisation, "9");
        // Blank counts as empty; a person without organisation or profession leaves them empty.
        let blank = ConsultationInput { requester: "  ".into(), ..empty.clone() };
        let f = blank.with_requester_from(&RequesterPerson { name: "鈴木".into(), ..Default::default() });
        assert_eq!((f.requester.as_str(), f.organisation.as_str(), f.profession.as_str()), ("鈴木", "", ""));
    }
}
