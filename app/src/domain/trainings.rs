//! Trainings (研修) the team runs, co-hosts or supports: hosting types, the seven kinds of
//! support and who takes each (役割分担), the standard task list, and the outcome figures.

use super::validate::{finish, optional_len, required, Problems};
use super::meetings::{is_work_item, parse_date, parse_time};
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// Code/label pairs of a small closed list.
pub type Choices = &'static [(&'static str, &'static str)];

pub fn label_of(choices: Choices, code: &str) -> Option<&'static str> {
    choices.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

/// How the team takes part: its own event, co-hosted, or support to an association's event.
pub const HOSTING: Choices = &[("team", "チーム主催"), ("cohost", "共催"), ("support", "開催支援")];
pub const FORMATS: Choices = &[("inperson", "対面"), ("online", "オンライン"), ("hybrid", "ハイブリッド")];
pub const STATUSES: Choices = &[("planning", "企画中"), ("preparing", "準備中"), ("held", "開催済"), ("cancelled", "中止")];
/// Trainings bring professions together: 二次 or 三次連携.
pub const LEVELS: &[(i16, &str)] = &[(2, "二次連携"), (3, "三次連携")];

/// The support the team can give to an event (the domain page's list), as (code, label).
pub const SUPPORT_KINDS: Choices = &[
    ("place_method", "場と手法の提案"),
    ("plan_advice", "持ち込み企画の相談対応"),
    ("lecturers", "講師派遣"),
    ("announce", "他職種への周知"),
    ("participants", "参加者とりまとめ"),
    ("running", "当日運営"),
    ("questionnaire", "アンケートとりまとめ"),
];

/// Who takes a kind of support.
pub const ASSIGNEES: Choices = &[("team", "チーム"), ("organiser", "主催者"), ("joint", "共同"), ("none", "なし")];

/// The role split a new training starts from; the preparatory meeting then adjusts it.
/// For an association's event the team proposes, advises and announces, and the
/// association gathers its members and runs the day.
pub fn default_assignee(hosting: &str, kind: &str) -> &'static str {
    match hosting {
        "team" => "team",
        "cohost" => "joint",
        _ => match kind {
            "place_method" | "plan_advice" | "announce" | "questionnaire" => "team",
            "lecturers" => "joint",
            _ => "organiser",
        },
    }
}

/// The whole default plan, one (assignee, note) per kind in `SUPPORT_KINDS` order.
pub fn default_plan(hosting: &str) -> Vec<(String, String)> {
    SUPPORT_KINDS.iter().map(|(k, _)| (default_assignee(hosting, k).to_string(), String::new())).collect()
}

/// The standard tasks of a training, with their due dates in days from the event and
/// whether the task is the association's own when the team supports its event (the
/// association books its hall and gathers its members; the team does the rest).
pub const STANDARD_TASKS: &[(&str, i64, bool)] = &[
    ("講師の依頼", -60, false),
    ("会場の確保", -45, true),
    ("開催案内・他職種への周知", -30, false),
    ("申込の締切", -7, true),
    ("参加者名簿の作成", -3, true),
    ("研修当日", 0, false),
    ("アンケートの集計", 14, false),
    ("反省会", 30, false),
];

/// Who a standard task goes to when the form leaves it to the hosting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskOwner {
    /// The organising organisation (the association).
    Organiser,
    /// The coordinator who creates the training.
    Creator,
}

/// The default owner of the standard task at `index` of `STANDARD_TASKS`: for 開催支援 the
/// association's own tasks go to the association, everything else (and every task of a
/// チーム主催 or 共催 event, or a row that is not a standard one) to the creating coordinator.
pub fn standard_task_owner(hosting: &str, index: usize) -> TaskOwner {
    match STANDARD_TASKS.get(index) {
        Some((_, _, true)) if hosting == "support" => TaskOwner::Organiser,
        _ => TaskOwner::Creator,
    }
}

/// The due date of a task `offset` days from the event.
pub fn due_from(event: NaiveDate, offset: i64) -> NaiveDate {
    event + Duration::days(offset)
}

/// "開催60日前", "当日", "開催14日後".
pub fn offset_label(offset: i64) -> String {
    match offset {
        0 => "当日".into(),
        n if n < 0 => format!("開催{}日前", -n),
        n => format!("開催{n}日後"),
    }
}

/// Done and total tasks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
}

impl Progress {
    pub fn of(done_flags: impl IntoIterator<Item = bool>) -> Progress {
        let mut p = Progress::default();
        for d in done_flags {
            p.total += 1;
            p.done += d as u32;
        }
        p
    }

    pub fn label(self) -> String {
        format!("{}/{}", self.done, self.total)
    }

    /// Percent done, rounded down; 0 without tasks.
    pub fn percent(self) -> u32 {
        (self.done * 100).checked_div(self.total).unwrap_or(0)
    }
}

pub use super::checklist::is_overdue;

/// The 5-point satisfaction answers: `counts[0]` people answered 1 (不満), … `counts[4]` 5 (満足).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Satisfaction {
    pub counts: [u32; 5],
}

impl Satisfaction {
    pub const LABELS: [&'static str; 5] = ["1 不満", "2 やや不満", "3 ふつう", "4 やや満足", "5 満足"];

    pub fn answers(self) -> u32 {
        self.counts.iter().sum()
    }

    /// The mean score, or None without answers.
    pub fn mean(self) -> Option<f64> {
        let n = self.answers();
        (n > 0).then(|| self.counts.iter().enumerate().map(|(i, c)| (i as f64 + 1.0) * *c as f64).sum::<f64>() / n as f64)
    }

    /// "4.2" (one decimal), or "—".
    pub fn mean_label(self) -> String {
        self.mean().map(|m| format!("{m:.1}")).unwrap_or_else(|| "—".into())
    }

    /// Each score's share of the answers in percent, one decimal.
    pub fn shares(self) -> [f64; 5] {
        let n = self.answers();
        let mut out = [0.0; 5];
        if n > 0 {
            for (i, c) in self.counts.iter().enumerate() {
                out[i] = (*c as f64 * 1000.0 / n as f64).round() / 10.0;
            }
        }
        out
    }
}

fn check_date(p: &mut Problems, field: &'static str, value: &str, what: &str) -> Option<NaiveDate> {
    match parse_date(value) {
        None if value.trim().is_empty() => {
            p.push((field, format!("{what}を入力してください。")));
            None
        }
        None => {
            p.push((field, format!("{what}は 2024-06-27 の形で入力してください。")));
            None
        }
        Some(d) if d.year() < 1989 || d.year() > 2100 => {
            p.push((field, format!("{what}の年が正しくありません。")));
            None
        }
        Some(d) => Some(d),
    }
}

/// A count typed into a form: empty is None, otherwise a whole number 0–100000.
pub fn parse_count(s: &str) -> Result<Option<u32>, ()> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let n: u32 = s.parse().map_err(|_| ())?;
    if n > 100_000 {
        return Err(());
    }
    Ok(Some(n))
}

fn count(p: &mut Problems, field: &'static str, value: &str, what: &str) -> Option<u32> {
    match parse_count(value) {
        Ok(n) => n,
        Err(()) => {
            p.push((field, format!("{what}は 0 以上の整数で入力してください。")));
            None
        }
    }
}

/// A training as typed into the form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingInput {
    pub title: String,
    pub theme: String,
    /// The organising organisation's id, or empty when the team itself organises.
    pub organiser: String,
    pub hosting: String,
    pub level: String,
    pub professions: Vec<i32>,
    pub held_on: String,
    pub start_time: String,
    pub end_time: String,
    pub venue: String,
    pub format: String,
    pub capacity: String,
    pub status: String,
    pub work_items: Vec<String>,
    /// Why the training does not follow the level rule (empty when it does), as for meetings.
    #[serde(default)]
    pub level_reason: String,
    /// (assignee, note) per kind of support, in `SUPPORT_KINDS` order.
    pub support: Vec<(String, String)>,
    /// The four scenes' codes it serves.
    pub scenes: Vec<String>,
    /// The initiatives it belongs to, when the form offered the choice.
    pub initiatives: Option<Vec<i32>>,
    /// Those ticked when the form was drawn: only the difference is applied.
    pub initiatives_before: Vec<i32>,
}

impl TrainingInput {
    pub fn check(&self) -> Result<(), Problems> {
        let mut p = Problems::new();
        required(&mut p, "title", &self.title, "研修名", 200);
        optional_len(&mut p, "theme", &self.theme, "テーマ", 2000);
        if label_of(HOSTING, &self.hosting).is_none() {
            p.push(("hosting", "開催形態（チーム主催・共催・開催支援）を選んでください。".into()));
        }
        let organiser = self.organiser.trim();
        if !organiser.is_empty() && organiser.parse::<i32>().is_err() {
            p.push(("organiser", "主催の選択が正しくありません。".into()));
        } else if organiser.is_empty() && self.hosting != "team" && label_of(HOSTING, &self.hosting).is_some() {
            p.push(("organiser", "共催・開催支援では、主催（共催）する機関・団体を選んでください。".into()));
        }
        match self.level.trim().parse::<i16>().ok().filter(|l| LEVELS.iter().any(|(n, _)| n == l)) {
            None => p.push(("level", "連携の段階（二次・三次）を選んでください。".into())),
            // The meetings' level rule: a warning that a reason overrides.
            Some(level) => {
                if let Some(w) = self.level_warning(level) {
                    if self.level_reason.trim().is_empty() {
                        p.push(("level_reason", format!("{w}このままでよければ、理由を入力して保存してください。")));
                    }
                }
            }
        }
        optional_len(&mut p, "level_reason", &self.level_reason, "理由", 500);
        check_date(&mut p, "held_on", &self.held_on, "開催日");
        let start = (!self.start_time.trim().is_empty()).then(|| parse_time(&self.start_time));
        let end = (!self.end_time.trim().is_empty()).then(|| parse_time(&self.end_time));
        if start == Some(None) {
            p.push(("start_time", "開始時刻は 13:30 の形で入力してください。".into()));
        }
        if end == Some(None) {
            p.push(("end_time", "終了時刻は 13:30 の形で入力してください。".into()));
        }
        if let (Some(Some(s)), Some(Some(e))) = (start, end) {
            if e < s {
                p.push(("end_time", "終了時刻は開始時刻より後にしてください。".into()));
            }
        }
        optional_len(&mut p, "venue", &self.venue, "会場", 200);
        if label_of(FORMATS, &self.format).is_none() {
            p.push(("format", "開催方法（対面・オンライン・ハイブリッド）を選んでください。".into()));
        }
        count(&mut p, "capacity", &self.capacity, "定員");
        if label_of(STATUSES, &self.status).is_none() {
            p.push(("status", "状況を選んでください。".into()));
        }
        if self.work_items.iter().any(|w| !is_work_item(w)) {
            p.push(("work_items", "事業項目の選択が正しくありません。".into()));
        }
        if !super::scenes::all_known(&self.scenes) {
            p.push(("scenes", "場面の選択が正しくありません。".into()));
        }
        if self.support.len() != SUPPORT_KINDS.len() || self.support.iter().any(|(a, _)| label_of(ASSIGNEES, a).is_none()) {
            p.push(("support", "役割分担は、7つの支援それぞれに担当（チーム・主催者・共同・なし）を選んでください。".into()));
        } else if self.support.iter().any(|(_, n)| n.chars().count() > 500) {
            p.push(("support", "役割分担の備考は500文字以内で入力してください。".into()));
        }
        finish(p)
    }

    /// The level rule's warning for this training at `level` (2 or 3), or None when the
    /// professions fit.
    fn level_warning(&self, level: i16) -> Option<String> {
        let mut professions = self.professions.clone();
        professions.sort();
        professions.dedup();
        let n = professions.len();
        match level {
            2 if n < 2 => Some(format!("二次連携の研修は、対象の職種を2つ以上選ぶのが目安です（選ばれた職種: {n}）。")),
            3 if n < 3 => Some(format!("三次連携の研修は、対象の職種を3つ以上選ぶのが目安です（選ばれた職種: {n}）。")),
            _ => None,
        }
    }

    /// Whether the level rule warns (a valid level whose professions do not fit it): only
    /// then is the reason kept.
    pub fn needs_level_reason(&self) -> bool {
        self.level.trim().parse::<i16>().ok().filter(|l| LEVELS.iter().any(|(n, _)| n == l)).and_then(|l| self.level_warning(l)).is_some()
    }

    /// The organising organisation, if any.
    pub fn organiser_id(&self) -> Option<i32> {
        self.organiser.trim().parse().ok()
    }

    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = vec![
            ("title".into(), self.title.clone()),
            ("theme".into(), self.theme.clone()),
            ("organiser".into(), self.organiser.clone()),
            ("hosting".into(), self.hosting.clone()),
            ("level".into(), self.level.clone()),
            ("professions".into(), self.professions.iter().map(i32::to_string).collect::<Vec<_>>().join(",")),
            ("held_on".into(), self.held_on.clone()),
            ("start_time".into(), self.start_time.clone()),
            ("end_time".into(), self.end_time.clone()),
            ("venue".into(), self.venue.clone()),
            ("format".into(), self.format.clone()),
            ("capacity".into(), self.capacity.clone()),
            ("status".into(), self.status.clone()),
            ("work_items".into(), self.work_items.join(",")),
            ("level_reason".into(), self.level_reason.clone()),
            ("scenes".into(), self.scenes.join(",")),
            ("initiatives".into(), self.initiatives.iter().flatten().map(i32::to_string).collect::<Vec<_>>().join(",")),
        ];
        for (i, (a, n)) in self.support.iter().enumerate() {
            out.push((format!("support_{i}"), a.clone()));
            out.push((format!("support_note_{i}"), n.clone()));
        }
        out
    }

    /// A copy for next year's event: same people, plan and place; no date; back to 企画中.
    pub fn for_next_year(self) -> TrainingInput {
        TrainingInput { held_on: String::new(), status: "planning".into(), initiatives: None, initiatives_before: Vec::new(), ..self }
    }
}

/// What happened: participants by profession, the questionnaire and lessons learnt.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeInput {
    /// (profession id, count as typed).
    pub participants: Vec<(i32, String)>,
    /// Participants not counted under a profession (residents, students, …).
    pub participants_other: String,
    pub respondents: String,
    /// Answers per score 1–5, as typed.
    pub satisfaction: [String; 5],
    pub comments: String,
    pub lessons: String,
}

/// The outcome's figures once checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub participants: Vec<(i32, u32)>,
    pub participants_other: u32,
    pub respondents: Option<u32>,
    pub satisfaction: Satisfaction,
}

impl Outcome {
    pub fn total_participants(&self) -> u32 {
        self.participants.iter().map(|(_, n)| n).sum::<u32>() + self.participants_other
    }
}

impl OutcomeInput {
    pub fn check(&self) -> Result<Outcome, Problems> {
        let mut p = Problems::new();
        let mut out = Outcome::default();
        for (profession, n) in &self.participants {
            match parse_count(n) {
                Ok(Some(n)) if n > 0 => out.participants.push((*profession, n)),
                Ok(_) => {}
                Err(()) => p.push(("participants", "参加者数は 0 以上の整数で入力してください。".into())),
            }
        }
        out.participants_other = count(&mut p, "participants_other", &self.participants_other, "その他の参加者数").unwrap_or(0);
        out.respondents = count(&mut p, "respondents", &self.respondents, "回答数");
        for (i, v) in self.satisfaction.iter().enumerate() {
            match parse_count(v) {
                Ok(n) => out.satisfaction.counts[i] = n.unwrap_or(0),
                Err(()) => p.push(("satisfaction", "満足度の人数は 0 以上の整数で入力してください。".into())),
            }
        }
        let answers = out.satisfaction.answers();
        match out.respondents {
            Some(r) if answers > r => p.push(("satisfaction", format!("満足度の回答の合計（{answers}人）が回答数（{r}人）を超えています。"))),
            None if answers > 0 => p.push(("respondents", "満足度を入れるときは回答数も入力してください。".into())),
            _ => {}
        }
        let total = out.total_participants();
        if let Some(r) = out.respondents {
            if total > 0 && r > total {
                p.push(("respondents", format!("回答数（{r}人）が参加者の合計（{total}人）を超えています。")));
            }
        }
        optional_len(&mut p, "comments", &self.comments, "自由記述", 20000);
        optional_len(&mut p, "lessons", &self.lessons, "振り返り・次回への学び", 10000);
        finish(p).map(|_| out)
    }

    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self.participants.iter().map(|(id, n)| (format!("p_{id}"), n.clone())).collect();
        out.push(("participants_other".into(), self.participants_other.clone()));
        out.push(("respondents".into(), self.respondents.clone()));
        for (i, v) in self.satisfaction.iter().enumerate() {
            out.push((format!("s{}", i + 1), v.clone()));
        }
        out.push(("comments".into(), self.comments.clone()));
        out.push(("lessons".into(), self.lessons.clone()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    fn valid() -> TrainingInput {
        TrainingInput {
            title: "多職種連携研修会".into(),
            organiser: "3".into(),
            hosting: "support".into(),
            level: "3".into(),
            professions: vec![1, 2, 3],
            held_on: "2025-05-20".into(),
            format: "inperson".into(),
            status: "planning".into(),
            support: default_plan("support"),
            ..Default::default()
        }
    }

    #[test]
    fn an_association_event_gives_the_association_its_own_tasks() {
        let title = |i: usize| STANDARD_TASKS[i].0;
        let organisers: Vec<&str> = (0..STANDARD_TASKS.len()).filter(|i| standard_task_owner("support", *i) == TaskOwner::Organiser).map(title).collect();
        assert_eq!(organisers, ["会場の確保", "申込の締切", "参加者名簿の作成"]);
        assert_eq!(standard_task_owner("support", 0), TaskOwner::Creator, "講師の依頼 stays with the team");
        for hosting in ["team", "cohost", ""] {
            assert!((0..STANDARD_TASKS.len()).all(|i| standard_task_owner(hosting, i) == TaskOwner::Creator), "{hosting}");
        }
        // A row beyond the standard list (a forged form) goes to the coordinator.
        assert_eq!(standard_task_owner("support", STANDARD_TASKS.len()), TaskOwner::Creator);
    }

    #[test]
    fn the_level_rule_is_a_warning_that_a_reason_overrides() {
        let with = |level: &str, professions: Vec<i32>| TrainingInput { level: level.into(), professions, ..valid() };
        assert_eq!(with("3", vec![1, 2, 3]).check(), Ok(()));
        assert_eq!(with("2", vec![1, 2]).check(), Ok(()));
        for (level, professions) in [("3", vec![1]), ("3", vec![1, 2]), ("3", vec![]), ("2", vec![4]), ("3", vec![1, 1, 2])] {
            let refused = with(level, professions.clone()).check().unwrap_err();
            assert_eq!(refused.len(), 1, "{level} with {professions:?}");
            assert_eq!(refused[0].0, "level_reason");
            assert!(refused[0].1.contains("理由を入力して保存してください"), "{}", refused[0].1);
            assert!(with(level, professions.clone()).needs_level_reason());
            let reasoned = TrainingInput { level_reason: "市民向けの講演会で、職種を限らないため".into(), ..with(level, professions.clone()) };
            assert_eq!(reasoned.check(), Ok(()), "{level} with {professions:?} and a reason");
        }
        assert!(!with("3", vec![1, 2, 3]).needs_level_reason());
        let too_long = TrainingInput { level_reason: "あ".repeat(501), ..with("3", vec![1]) };
        assert_eq!(too_long.check().unwrap_err()[0].0, "level_reason");
        assert!(with("3", vec![]).pairs().iter().any(|(k, _)| k == "level_reason"));
    }

    #[test]
    fn default_role_split_depends_on_hosting() {
        let plan = default_plan("support");
        assert_eq!(plan.len(), 7);
        let of = |kind: &str| &plan[SUPPORT_KINDS.iter().position(|(k, _)| *k == kind).unwrap()].0;
        assert_eq!(of("place_method"), "team");
        assert_eq!(of("lecturers"), "joint");
        assert_eq!(of("running"), "organiser");
        assert!(default_plan("team").iter().all(|(a, _)| a == "team"));
        assert!(default_plan("cohost").iter().all(|(a, _)| a == "joint"));
    }

    #[test]
    fn standard_tasks_fall_relative_to_the_event_across_fiscal_years() {
        let event = d("2025-05-20");
        let lecturer = due_from(event, STANDARD_TASKS[0].1);
        assert_eq!(lecturer, d("2025-03-21"));
        // Sixty days before a May event is still in the previous fiscal year.
        assert_eq!(crate::domain::FiscalYear::of(lecturer).0, 2024);
        assert_eq!(due_from(event, 30), d("2025-06-19"));
        assert_eq!(offset_label(-60), "開催60日前");
        assert_eq!(offset_label(0), "当日");
        assert_eq!(offset_label(14), "開催14日後");
    }

    #[test]
    fn progress_and_overdue() {
        let p = Progress::of([true, false, true, false]);
        assert_eq!((p.done, p.total, p.percent()), (2, 4, 50));
        assert_eq!(p.label(), "2/4");
        assert_eq!(Progress::of([]).percent(), 0);
    }

    #[test]
    fn satisfaction_mean_and_distribution() {
        let s = Satisfaction { counts: [0, 1, 2, 3, 4] };
        assert_eq!(s.answers(), 10);
        assert!((s.mean().unwrap() - 4.0).abs() < 1e-9);
        assert_eq!(s.mean_label(), "4.0");
        assert_eq!(s.shares(), [0.0, 10.0, 20.0, 30.0, 40.0]);
        let one_third = Satisfaction { counts: [1, 0, 0, 0, 2] };
        assert_eq!(one_third.mean_label(), "3.7");
        assert_eq!(one_third.shares()[0], 33.3);
        assert_eq!(Satisfaction::default().mean(), None);
        assert_eq!(Satisfaction::default().mean_label(), "—");
    }

    #[test]
    fn a_training_needs_its_essentials() {
        assert_eq!(valid().check(), Ok(()));
        let field = |i: TrainingInput| i.check().err().unwrap_or_default().into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(field(TrainingInput { organiser: String::new(), ..valid() }), vec!["organiser"]);
        assert_eq!(field(TrainingInput { organiser: String::new(), hosting: "team".into(), ..valid() }), Vec::<&str>::new());
        assert_eq!(field(TrainingInput { level: "1".into(), ..valid() }), vec!["level"]);
        assert_eq!(field(TrainingInput { held_on: "5月20日".into(), ..valid() }), vec!["held_on"]);
        assert_eq!(field(TrainingInput { start_time: "14:00".into(), end_time: "13:00".into(), ..valid() }), vec!["end_time"]);
        assert_eq!(field(TrainingInput { capacity: "-3".into(), ..valid() }), vec!["capacity"]);
        let mut bad_plan = valid();
        bad_plan.support[2].0 = "someone".into();
        assert_eq!(field(bad_plan), vec!["support"]);
        assert_eq!(field(TrainingInput { support: vec![], ..valid() }), vec!["support"]);
    }

    #[test]
    fn next_year_copy_keeps_the_plan_but_not_the_date() {
        let next = TrainingInput { status: "held".into(), ..valid() }.for_next_year();
        assert_eq!(next.held_on, "");
        assert_eq!(next.status, "planning");
        assert_eq!(next.support, valid().support);
    }

    #[test]
    fn outcome_totals_and_consistency() {
        let input = OutcomeInput {
            participants: vec![(1, "12".into()), (2, "".into()), (3, "8".into())],
            participants_other: "2".into(),
            respondents: "18".into(),
            satisfaction: ["0".into(), "1".into(), "3".into(), "6".into(), "8".into()],
            ..Default::default()
        };
        let o = input.check().unwrap();
        assert_eq!(o.participants, vec![(1, 12), (3, 8)]);
        assert_eq!(o.total_participants(), 22);
        assert_eq!(o.satisfaction.answers(), 18);
        let too_many = OutcomeInput { respondents: "17".into(), ..input.clone() };
        assert_eq!(too_many.check().unwrap_err()[0].0, "satisfaction");
        let more_than_came = OutcomeInput { respondents: "30".into(), satisfaction: Default::default(), ..input.clone() };
        assert_eq!(more_than_came.check().unwrap_err()[0].0, "respondents");
        let bad = OutcomeInput { participants: vec![(1, "x".into())], ..Default::default() };
        assert_eq!(bad.check().unwrap_err()[0].0, "participants");
    }
}
