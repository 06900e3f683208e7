//! The plan by the four scenes (PDCA): per fiscal year and scene the 目指す姿, targets, the
//! actions planned, the year-end evaluation and next year's plan, and indicators whose actual
//! is entered or counted from the records. A new year starts as a draft carried forward.

use super::meetings::Level;
use super::referrals::coded;
use super::scenes::Scene;
use super::validate::{finish, optional_len, required, Problems};
use serde::{Deserialize, Serialize};

/// The texts of one scene's plan for one year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanInput {
    /// 目指す姿.
    pub vision: String,
    /// 目標 (free text beside the indicators).
    pub targets: String,
    /// 主な取組 (the actions planned).
    pub actions: String,
    /// 年度末評価.
    pub evaluation: String,
    /// 次年度への計画.
    pub next_plan: String,
}

const LONG: usize = 4000;

impl PlanInput {
    pub fn check(&self) -> Result<(), Problems> {
        let mut p = Problems::new();
        required(&mut p, "vision", &self.vision, "目指す姿", 1000);
        optional_len(&mut p, "targets", &self.targets, "目標", LONG);
        optional_len(&mut p, "actions", &self.actions, "主な取組", LONG);
        optional_len(&mut p, "evaluation", &self.evaluation, "年度末評価", LONG);
        optional_len(&mut p, "next_plan", &self.next_plan, "次年度への計画", LONG);
        finish(p)
    }

    pub fn trimmed(&self) -> PlanInput {
        let t = |s: &str| s.trim_end().trim_start_matches(['\n', '\r']).to_string();
        PlanInput { vision: self.vision.trim().to_string(), targets: t(&self.targets), actions: t(&self.actions), evaluation: t(&self.evaluation), next_plan: t(&self.next_plan) }
    }

    pub fn pairs(&self) -> Vec<(String, String)> {
        [("vision", &self.vision), ("targets", &self.targets), ("actions", &self.actions), ("evaluation", &self.evaluation), ("next_plan", &self.next_plan)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }
}

/// The draft of a year whose plan is not written yet: last year's vision and targets, its
/// 次年度への計画 as this year's actions (its actions when that is empty), nothing evaluated;
/// without a previous year, the guide's wording of the vision.
pub fn carry_forward(scene: Scene, previous: Option<&PlanInput>) -> PlanInput {
    match previous {
        None => PlanInput { vision: scene.guide_vision().to_string(), ..Default::default() },
        Some(p) => PlanInput {
            vision: if p.vision.trim().is_empty() { scene.guide_vision().to_string() } else { p.vision.clone() },
            targets: p.targets.clone(),
            actions: if p.next_plan.trim().is_empty() { p.actions.clone() } else { p.next_plan.clone() },
            evaluation: String::new(),
            next_plan: String::new(),
        },
    }
}

coded! {
    /// Where an indicator's actual comes from.
    Counter {
        Manual = ("manual", "手入力"),
        Meetings = ("meetings", "会議の件数（段階・職種で絞り込み）"),
        SceneMeetings = ("scene_meetings", "この場面の会議の件数"),
        SceneTrainings = ("scene_trainings", "この場面の研修の件数（中止を除く）"),
    }
}

impl Counter {
    pub fn is_counted(self) -> bool {
        self != Counter::Manual
    }
}

/// An indicator as the form posts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IndicatorInput {
    pub label: String,
    pub unit: String,
    pub target: String,
    pub counter: String,
    /// Entered actual (only for 手入力).
    pub actual: String,
    /// "", "1", "2" or "3" (only for meetings).
    pub level: String,
    /// A profession's id or "" (only for meetings).
    pub profession: String,
}

/// A checked indicator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indicator {
    pub label: String,
    pub unit: String,
    pub target: Option<i32>,
    pub counter: Counter,
    pub actual: Option<i32>,
    pub level: Option<Level>,
    pub profession: Option<i32>,
}

const MAX_COUNT: i64 = 1_000_000;

fn count_field(p: &mut Problems, field: &'static str, value: &str, what: &str) -> Option<i32> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    let digits: String = v.chars().map(|c| if ('０'..='９').contains(&c) { char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c) } else { c }).collect();
    match digits.parse::<i64>() {
        Ok(n) if (0..=MAX_COUNT).contains(&n) => Some(n as i32),
        _ => {
            p.push((field, format!("{what}は0以上の整数で入力してください。")));
            None
        }
    }
}

impl IndicatorInput {
    pub fn check(&self) -> Result<Indicator, Problems> {
        let mut p = Problems::new();
        required(&mut p, "label", &self.label, "指標", 200);
        optional_len(&mut p, "unit", &self.unit, "単位", 20);
        let target = count_field(&mut p, "target", &self.target, "目標値");
        let counter = match self.counter.trim() {
            "" => Some(Counter::Manual),
            c => Counter::from_code(c),
        };
        if counter.is_none() {
            p.push(("counter", "実績の数え方を選び直してください。".into()));
        }
        let counter = counter.unwrap_or(Counter::Manual);
        let actual = if counter == Counter::Manual { count_field(&mut p, "actual", &self.actual, "実績") } else { None };
        let (mut level, mut profession) = (None, None);
        if counter == Counter::Meetings {
            level = match self.level.trim() {
                "" => None,
                s => {
                    let l = Level::parse(s);
                    if l.is_none() {
                        p.push(("level", "連携の段階を選び直してください。".into()));
                    }
                    l
                }
            };
            profession = match self.profession.trim() {
                "" => None,
                s => {
                    let id = s.parse::<i32>().ok();
                    if id.is_none() {
                        p.push(("profession", "職種を選び直してください。".into()));
                    }
                    id
                }
            };
        }
        finish(p)?;
        Ok(Indicator { label: self.label.trim().to_string(), unit: self.unit.trim().to_string(), target, counter, actual, level, profession })
    }

    pub fn pairs(&self) -> Vec<(String, String)> {
        [
            ("label", &self.label),
            ("unit", &self.unit),
            ("target", &self.target),
            ("counter", &self.counter),
            ("actual", &self.actual),
            ("level", &self.level),
            ("profession", &self.profession),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
    }
}

/// Actual against target, in whole percent (none without a positive target or an actual).
pub fn achievement(actual: Option<i64>, target: Option<i32>) -> Option<u32> {
    match (actual, target) {
        (Some(a), Some(t)) if t > 0 => Some(((a.max(0) * 100 + t as i64 / 2) / t as i64) as u32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_year_carries_last_years_plan_forward_as_a_draft() {
        let fresh = carry_forward(Scene::EndOfLife, None);
        assert_eq!(fresh.vision, "人生の最終段階における本人が望む場所での看取りが実施される。");
        assert_eq!((fresh.actions.as_str(), fresh.evaluation.as_str()), ("", ""));
        let last = PlanInput {
            vision: "自宅で看取れる".into(),
            targets: "ACPの普及".into(),
            actions: "研修2回".into(),
            evaluation: "参加が少なかった".into(),
            next_plan: "病院と共催の研修".into(),
        };
        let next = carry_forward(Scene::EndOfLife, Some(&last));
        assert_eq!(next, PlanInput { vision: "自宅で看取れる".into(), targets: "ACPの普及".into(), actions: "病院と共催の研修".into(), ..Default::default() });
        let no_next_plan = PlanInput { next_plan: " ".into(), ..last };
        assert_eq!(carry_forward(Scene::EndOfLife, Some(&no_next_plan)).actions, "研修2回");
    }

    #[test]
    fn plans_need_a_vision_and_bounded_texts() {
        let bad = PlanInput { vision: " ".into(), evaluation: "あ".repeat(4001), ..Default::default() };
        let fields: Vec<&str> = bad.check().unwrap_err().iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["vision", "evaluation"]);
        assert!(carry_forward(Scene::Daily, None).check().is_ok());
    }

    #[test]
    fn indicators_are_checked_and_counted_ones_take_no_entered_actual() {
        let i = IndicatorInput { label: "訪問看護との一次連携".into(), unit: "回".into(), target: "４".into(), counter: "meetings".into(), actual: "9".into(), level: "1".into(), profession: "7".into() };
        assert_eq!(
            i.check().unwrap(),
            Indicator { label: "訪問看護との一次連携".into(), unit: "回".into(), target: Some(4), counter: Counter::Meetings, actual: None, level: Some(Level::First), profession: Some(7) }
        );
        let manual = IndicatorInput { label: "ACP講座の参加者".into(), target: "100".into(), actual: "87".into(), level: "1".into(), ..Default::default() };
        let m = manual.check().unwrap();
        assert_eq!((m.counter, m.actual, m.level), (Counter::Manual, Some(87), None));
        let bad = IndicatorInput { label: "".into(), target: "-1".into(), counter: "x".into(), ..Default::default() };
        let fields: Vec<&str> = bad.check().unwrap_err().iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["label", "target", "counter"]);
        let bad = IndicatorInput { label: "a".into(), actual: "3.5".into(), ..Default::default() };
        assert_eq!(bad.check().unwrap_err()[0].0, "actual");
        let bad = IndicatorInput { label: "a".into(), counter: "meetings".into(), level: "4".into(), profession: "x".into(), ..Default::default() };
        let fields: Vec<&str> = bad.check().unwrap_err().iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["level", "profession"]);
    }

    #[test]
    fn achievement_is_rounded_and_needs_a_target() {
        assert_eq!(achievement(Some(3), Some(4)), Some(75));
        assert_eq!(achievement(Some(2), Some(3)), Some(67));
        assert_eq!(achievement(Some(5), Some(4)), Some(125));
        assert_eq!(achievement(None, Some(4)), None);
        assert_eq!(achievement(Some(1), Some(0)), None);
        assert_eq!(achievement(Some(1), None), None);
    }
}
