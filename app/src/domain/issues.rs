//! The issue register's rules: the three layers and where each goes, statuses, action marks,
//! issue codes (A, B, …, Z, AA, …), who may read which register, and the year × issue matrix.

use super::validate::{finish, optional_len, required, Problems};
use super::meetings::parse_date;
use super::text::normalize_width;
use super::FiscalYear;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The three layers of issues (課題の3層構造).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Layer {
    /// 職種内: fed back to the profession itself.
    Within,
    /// 職種間: taken to a 二次連携.
    Between,
    /// 地域全体: taken to a 三次連携.
    Region,
}

impl Layer {
    pub const ALL: [Layer; 3] = [Layer::Within, Layer::Between, Layer::Region];

    pub fn code(self) -> &'static str {
        match self {
            Layer::Within => "within",
            Layer::Between => "between",
            Layer::Region => "region",
        }
    }

    pub fn from_code(code: &str) -> Option<Layer> {
        Layer::ALL.into_iter().find(|l| l.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Layer::Within => "職種内",
            Layer::Between => "職種間",
            Layer::Region => "地域全体",
        }
    }

    /// Where an issue of this layer goes: it cannot be solved in the same room as the others.
    pub fn route(self) -> &'static str {
        match self {
            Layer::Within => "フィードバック",
            Layer::Between => "二次連携",
            Layer::Region => "三次連携",
        }
    }
}

/// 抽出 → 共有済 → 対応中 → 解決, or 保留.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IssueStatus {
    Extracted,
    Shared,
    InProgress,
    Resolved,
    OnHold,
}

impl IssueStatus {
    pub const ALL: [IssueStatus; 5] = [IssueStatus::Extracted, IssueStatus::Shared, IssueStatus::InProgress, IssueStatus::Resolved, IssueStatus::OnHold];

    pub fn code(self) -> &'static str {
        match self {
            IssueStatus::Extracted => "extracted",
            IssueStatus::Shared => "shared",
            IssueStatus::InProgress => "in_progress",
            IssueStatus::Resolved => "resolved",
            IssueStatus::OnHold => "on_hold",
        }
    }

    pub fn from_code(code: &str) -> Option<IssueStatus> {
        IssueStatus::ALL.into_iter().find(|s| s.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            IssueStatus::Extracted => "抽出",
            IssueStatus::Shared => "共有済",
            IssueStatus::InProgress => "対応中",
            IssueStatus::Resolved => "解決",
            IssueStatus::OnHold => "保留",
        }
    }

    /// Still to be worked on (not solved, not deliberately set aside).
    pub fn is_open(self) -> bool {
        !matches!(self, IssueStatus::Resolved | IssueStatus::OnHold)
    }
}

/// Where an issue was found: (code, label).
pub const SOURCES: &[(&str, &str)] = &[
    ("meeting", "会議"),
    ("consultation", "相談窓口"),
    ("survey", "調査・アンケート"),
    ("resource", "社会資源の把握"),
    ("other", "その他"),
];

pub fn source_label(code: &str) -> Option<&'static str> {
    SOURCES.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

/// The mark of an action in the year × issue table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Mark {
    /// ◆ a 二次連携.
    Second,
    /// ◇ another joint project (協働事業).
    Joint,
    /// ★ making the team's role known, and other.
    Role,
}

impl Mark {
    pub const ALL: [Mark; 3] = [Mark::Second, Mark::Joint, Mark::Role];

    pub fn code(self) -> &'static str {
        match self {
            Mark::Second => "second",
            Mark::Joint => "joint",
            Mark::Role => "role",
        }
    }

    pub fn from_code(code: &str) -> Option<Mark> {
        Mark::ALL.into_iter().find(|m| m.code() == code.trim())
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Mark::Second => "◆",
            Mark::Joint => "◇",
            Mark::Role => "★",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Mark::Second => "二次連携",
            Mark::Joint => "協働事業",
            Mark::Role => "役割の周知・その他",
        }
    }
}

/// The code at `index` of the sequence A, B, …, Z, AA, AB, … (0 is A).
pub fn code_at(index: u32) -> String {
    let mut n = index as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The place of a code in that sequence, if it is one (A → 0, AA → 26).
pub fn code_index(code: &str) -> Option<u32> {
    if code.is_empty() || code.len() > 6 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let n = code.bytes().fold(0u64, |n, b| n * 26 + (b - b'A') as u64 + 1);
    Some((n - 1) as u32)
}

/// The code after the highest code of the sequence in use (A when there is none).
pub fn next_code<'a>(existing: impl IntoIterator<Item = &'a str>) -> String {
    match existing.into_iter().filter_map(code_index).max() {
        Some(i) => code_at(i + 1),
        None => code_at(0),
    }
}

/// A typed code as stored: full-width letters and digits made half-width, letters upper case.
pub fn normalize_code(s: &str) -> String {
    normalize_width(s.trim()).to_uppercase()
}

/// The order key of a code: its place in the sequence, codes outside it after all of those.
pub fn code_order(code: &str) -> i32 {
    code_index(code).map(|i| i.min(i32::MAX as u32 - 1) as i32).unwrap_or(i32::MAX)
}

/// Whose registers a user may read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// Administrators and coordinators.
    All,
    /// Users granted the registers of these professions (possibly none).
    Professions(Vec<i32>),
}

impl Scope {
    pub fn allows(&self, profession: i32) -> bool {
        match self {
            Scope::All => true,
            Scope::Professions(ids) => ids.contains(&profession),
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Scope::Professions(ids) if ids.is_empty())
    }
}

/// What the routing board proposes for an issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoutingNeed {
    /// 職種内, not yet fed back to the profession.
    FeedBack,
    /// 職種間 without a ◆ action yet: a candidate for a 二次連携.
    SecondLevel,
    /// 地域全体 not yet taken to a 三次-level meeting: for the next council's agenda.
    ThirdLevel,
}

/// The routing board's rule for one open issue.
pub fn routing_need(layer: Layer, status: IssueStatus, has_second_action: bool, has_third_level_meeting: bool) -> Option<RoutingNeed> {
    if !status.is_open() {
        return None;
    }
    match layer {
        Layer::Within => (status == IssueStatus::Extracted).then_some(RoutingNeed::FeedBack),
        Layer::Between => (!has_second_action).then_some(RoutingNeed::SecondLevel),
        Layer::Region => (!has_third_level_meeting).then_some(RoutingNeed::ThirdLevel),
    }
}

/// An issue as typed into the form (a field the form did not send is empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IssueInput {
    pub profession: String,
    /// Empty: the next code of the profession.
    pub code: String,
    pub title: String,
    pub description: String,
    pub layer: String,
    pub status: String,
    pub source: String,
    pub source_meeting: String,
    pub source_note: String,
    /// The date of the source (defaults to the meeting's date).
    pub extracted_on: String,
    /// "H24", "2012" or empty (then derived from the date).
    pub fiscal_year: String,
    /// The date to record layer and status changes with (default today).
    pub changed_on: String,
    /// The four scenes' codes; posted as `scenes[]` beside the flattened fields.
    #[serde(skip)]
    pub scenes: Vec<String>,
}

impl IssueInput {
    pub fn check(&self) -> Result<(), Problems> {
        let mut p = Problems::new();
        if self.profession.trim().parse::<i32>().is_err() {
            p.push(("profession", "職種を選んでください。".into()));
        }
        let code = normalize_code(&self.code);
        if !code.is_empty() && (code.chars().count() > 8 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')) {
            p.push(("code", "記号は半角英数字8文字以内にしてください（例: A、AB、A-2）。".into()));
        }
        required(&mut p, "title", &self.title, "課題", 200);
        optional_len(&mut p, "description", &self.description, "内容", 10000);
        if Layer::from_code(&self.layer).is_none() {
            p.push(("layer", "層（職種内・職種間・地域全体）を選んでください。".into()));
        }
        if IssueStatus::from_code(&self.status).is_none() {
            p.push(("status", "状況を選んでください。".into()));
        }
        if source_label(&self.source).is_none() {
            p.push(("source", "抽出元を選んでください。".into()));
        }
        if !self.source_meeting.trim().is_empty() && self.source_meeting.trim().parse::<i32>().is_err() {
            p.push(("source_meeting", "会議の選択が正しくありません。".into()));
        }
        if self.source.trim() == "meeting" && self.source_meeting.trim().is_empty() {
            p.push(("source_meeting", "抽出元の会議を選んでください。".into()));
        }
        optional_len(&mut p, "source_note", &self.source_note, "抽出元の補足", 200);
        date(&mut p, "extracted_on", &self.extracted_on, "抽出日");
        if !self.fiscal_year.trim().is_empty() && FiscalYear::parse(&self.fiscal_year).is_none() {
            p.push(("fiscal_year", "抽出年度は H24、R6、2024 のように入力してください。".into()));
        }
        date(&mut p, "changed_on", &self.changed_on, "変更日");
        if !super::scenes::all_known(&self.scenes) {
            p.push(("scenes", "場面の選択が正しくありません。".into()));
        }
        finish(p)
    }

    /// The fiscal year of extraction: as typed, else that of the source's date.
    pub fn fiscal_year_with(&self, source_date: Option<chrono::NaiveDate>) -> Option<FiscalYear> {
        FiscalYear::parse(&self.fiscal_year).or_else(|| parse_date(&self.extracted_on).or(source_date).map(FiscalYear::of))
    }

    pub fn pairs(&self) -> Vec<(String, String)> {
        [
            ("profession", &self.profession),
            ("code", &self.code),
            ("title", &self.title),
            ("description", &self.description),
            ("layer", &self.layer),
            ("status", &self.status),
            ("source", &self.source),
            ("source_meeting", &self.source_meeting),
            ("source_note", &self.source_note),
            ("extracted_on", &self.extracted_on),
            ("fiscal_year", &self.fiscal_year),
            ("changed_on", &self.changed_on),
            ("scenes", &self.scenes.join(",")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
    }
}

fn date(p: &mut Problems, field: &'static str, value: &str, what: &str) {
    if !value.trim().is_empty() && parse_date(value).is_none() {
        p.push((field, format!("{what}は 2024-06-27 の形で入力してください。")));
    }
}

/// An action against an issue, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionInput {
    pub acted_on: String,
    pub mark: String,
    pub description: String,
    /// The meeting where it happened (empty: none).
    pub meeting: String,
}

impl ActionInput {
    pub fn check(&self) -> Result<(), Problems> {
        let mut p = Problems::new();
        if self.acted_on.trim().is_empty() {
            p.push(("acted_on", "実施日を入力してください。".into()));
        } else {
            date(&mut p, "acted_on", &self.acted_on, "実施日");
        }
        if Mark::from_code(&self.mark).is_none() {
            p.push(("mark", "区分（◆・◇・★）を選んでください。".into()));
        }
        required(&mut p, "description", &self.description, "取組の内容", 500);
        if !self.meeting.trim().is_empty() && self.meeting.trim().parse::<i32>().is_err() {
            p.push(("meeting", "会議の選択が正しくありません。".into()));
        }
        finish(p)
    }

    pub fn pairs(&self) -> Vec<(String, String)> {
        vec![
            ("acted_on".into(), self.acted_on.clone()),
            ("mark".into(), self.mark.clone()),
            ("description".into(), self.description.clone()),
            ("meeting".into(), self.meeting.clone()),
        ]
    }
}

/// The default year range of a matrix: from the first year with an issue or action to the
/// later of the current year and the last action.
pub fn matrix_range(first_years: &[i32], action_years: &[i32], current: FiscalYear) -> (i32, i32) {
    let from = first_years.iter().chain(action_years).copied().min().unwrap_or(current.0);
    let to = action_years.iter().copied().max().unwrap_or(current.0).max(current.0).max(from);
    (from, to)
}

/// One cell of the matrix: whether the issue was extracted that year, and its actions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell<T> {
    pub first: bool,
    pub actions: Vec<T>,
}

/// Issues (id, first fiscal year) as rows and the years `from..=to` as columns; each action
/// (issue id, fiscal year, item) lands in its cell in the order given. Actions outside the
/// range or of unknown issues are left out.
pub fn matrix_cells<T: Clone>(issues: &[(i32, i32)], actions: &[(i32, i32, T)], from: i32, to: i32) -> Vec<Vec<Cell<T>>> {
    let mut by_cell: BTreeMap<(i32, i32), Vec<T>> = BTreeMap::new();
    for (issue, fy, item) in actions {
        if (from..=to).contains(fy) {
            by_cell.entry((*issue, *fy)).or_default().push(item.clone());
        }
    }
    issues
        .iter()
        .map(|(id, first)| {
            (from..=to)
                .map(|fy| Cell { first: fy == *first, actions: by_cell.remove(&(*id, fy)).unwrap_or_default() })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_run_a_to_z_then_aa() {
        assert_eq!(code_at(0), "A");
        assert_eq!(code_at(6), "G");
        assert_eq!(code_at(25), "Z");
        assert_eq!(code_at(26), "AA");
        assert_eq!(code_at(27), "AB");
        assert_eq!(code_at(51), "AZ");
        assert_eq!(code_at(52), "BA");
        assert_eq!(code_at(701), "ZZ");
        assert_eq!(code_at(702), "AAA");
        for i in [0, 25, 26, 51, 52, 701, 702, 5000] {
            assert_eq!(code_index(&code_at(i)), Some(i));
        }
        assert_eq!(code_index("a"), None);
        assert_eq!(code_index("A-2"), None);
        assert_eq!(code_index(""), None);
    }

    #[test]
    fn next_code_follows_the_highest_in_sequence() {
        assert_eq!(next_code([]), "A");
        assert_eq!(next_code(["A", "B", "D"]), "E");
        assert_eq!(next_code(["Z", "B"]), "AA");
        assert_eq!(next_code(["AA", "Z"]), "AB");
        assert_eq!(next_code(["X-1"]), "A");
        assert_eq!(normalize_code(" ａｂ "), "AB");
        assert!(code_order("B") < code_order("AA"));
        assert!(code_order("Z") < code_order("AA"));
        assert_eq!(code_order("A-2"), i32::MAX);
    }

    #[test]
    fn each_layer_has_its_route() {
        assert_eq!(Layer::Within.route(), "フィードバック");
        assert_eq!(Layer::Between.route(), "二次連携");
        assert_eq!(Layer::Region.route(), "三次連携");
        for l in Layer::ALL {
            assert_eq!(Layer::from_code(l.code()), Some(l));
        }
        for s in IssueStatus::ALL {
            assert_eq!(IssueStatus::from_code(s.code()), Some(s));
        }
        for m in Mark::ALL {
            assert_eq!(Mark::from_code(m.code()), Some(m));
        }
        assert_eq!(Mark::Second.symbol(), "◆");
    }

    #[test]
    fn routing_board_rules() {
        use IssueStatus::*;
        assert_eq!(routing_need(Layer::Within, Extracted, false, false), Some(RoutingNeed::FeedBack));
        assert_eq!(routing_need(Layer::Within, Shared, false, false), None);
        assert_eq!(routing_need(Layer::Between, InProgress, false, true), Some(RoutingNeed::SecondLevel));
        assert_eq!(routing_need(Layer::Between, InProgress, true, false), None);
        assert_eq!(routing_need(Layer::Region, Shared, true, false), Some(RoutingNeed::ThirdLevel));
        assert_eq!(routing_need(Layer::Region, Shared, false, true), None);
        assert_eq!(routing_need(Layer::Between, Resolved, false, false), None);
        assert_eq!(routing_need(Layer::Within, OnHold, false, false), None);
    }

    #[test]
    fn scope_allows_only_granted_professions() {
        assert!(Scope::All.allows(7));
        let s = Scope::Professions(vec![3]);
        assert!(s.allows(3) && !s.allows(4) && !s.is_empty());
        assert!(Scope::Professions(vec![]).is_empty());
        assert!(!Scope::All.is_empty());
    }

    fn valid() -> IssueInput {
        IssueInput {
            profession: "3".into(),
            title: "ケアマネジャーの顔が分からない".into(),
            layer: "between".into(),
            status: "extracted".into(),
            source: "other".into(),
            ..Default::default()
        }
    }

    #[test]
    fn issue_input_checks() {
        assert!(valid().check().is_ok());
        let fields = |i: IssueInput| i.check().unwrap_err().into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(fields(IssueInput { title: " ".into(), ..valid() }), vec!["title"]);
        assert_eq!(fields(IssueInput { layer: "x".into(), ..valid() }), vec!["layer"]);
        assert_eq!(fields(IssueInput { code: "A B".into(), ..valid() }), vec!["code"]);
        assert_eq!(fields(IssueInput { source: "meeting".into(), ..valid() }), vec!["source_meeting"]);
        assert_eq!(fields(IssueInput { fiscal_year: "平成".into(), ..valid() }), vec!["fiscal_year"]);
        assert_eq!(fields(IssueInput { extracted_on: "2012/13/1".into(), ..valid() }), vec!["extracted_on"]);
        assert!(IssueInput { code: "ａａ".into(), ..valid() }.check().is_ok());
    }

    #[test]
    fn fiscal_year_of_extraction() {
        let d = |s: &str| parse_date(s);
        assert_eq!(IssueInput { fiscal_year: "H24".into(), ..valid() }.fiscal_year_with(d("2020-01-01")), Some(FiscalYear(2012)));
        assert_eq!(IssueInput { extracted_on: "2013-03-31".into(), ..valid() }.fiscal_year_with(None), Some(FiscalYear(2012)));
        assert_eq!(valid().fiscal_year_with(d("2013-04-01")), Some(FiscalYear(2013)));
        assert_eq!(valid().fiscal_year_with(None), None);
    }

    #[test]
    fn action_input_checks() {
        let a = ActionInput { acted_on: "2013-06-01".into(), mark: "second".into(), description: "在宅訪問研修".into(), meeting: String::new() };
        assert!(a.check().is_ok());
        let p = ActionInput { acted_on: String::new(), mark: "x".into(), description: String::new(), meeting: "a".into() }.check().unwrap_err();
        let fields: Vec<_> = p.into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, vec!["acted_on", "mark", "description", "meeting"]);
    }

    #[test]
    fn matrix_places_actions_in_their_year() {
        let issues = [(1, 2012), (2, 2012), (3, 2014)];
        let actions = [(1, 2013, "◆a"), (1, 2013, "★b"), (2, 2015, "◇c"), (3, 2011, "out"), (9, 2013, "unknown")];
        let m = matrix_cells(&issues, &actions, 2012, 2015);
        assert_eq!(m.len(), 3);
        assert_eq!(m[0].len(), 4);
        assert!(m[0][0].first && !m[0][1].first);
        assert_eq!(m[0][1].actions, vec!["◆a", "★b"]);
        assert_eq!(m[1][3].actions, vec!["◇c"]);
        assert!(m[2][2].first && m[2].iter().all(|c| c.actions.is_empty()));
    }

    #[test]
    fn matrix_range_defaults() {
        assert_eq!(matrix_range(&[2012, 2014], &[2023], FiscalYear(2026)), (2012, 2026));
        assert_eq!(matrix_range(&[], &[], FiscalYear(2026)), (2026, 2026));
        assert_eq!(matrix_range(&[2015], &[2011], FiscalYear(2026)), (2011, 2026));
    }
}
