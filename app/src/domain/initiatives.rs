//! Initiatives (取組): a piece of joint work across years, the four scenes it serves, and its
//! trail (軌跡) — the linked meetings and trainings and its own steps, in date order, each
//! with its level (一次・二次・三次) when it has one, as the team shows it at a 事業報告会.

use super::meetings::{parse_date, Level};
use super::referrals::coded;
pub use super::scenes::{scenes_of, scenes_text, Scene};
use super::validate::{finish, optional_len, required, Problems};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

coded! {
    /// Where the work stands.
    Status {
        Idea = ("idea", "構想"),
        Preparing = ("preparing", "準備"),
        Running = ("running", "実施"),
        Reviewing = ("reviewing", "振り返り"),
        Ended = ("ended", "終了"),
    }
}

impl Status {
    /// Still on the half-year plan.
    pub fn is_open(self) -> bool {
        self != Status::Ended
    }
}

/// Ids a form ticked when drawn, posted as "shown:3,7"; anything else is dropped.
pub fn ids_of(text: &str) -> Vec<i32> {
    text.trim_start_matches("shown:").split(',').filter_map(|s| s.trim().parse().ok()).collect()
}

/// What a record's own form said about its initiatives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InitiativeTags {
    /// The ids ticked; None when the form did not offer the choice (links stay as they are).
    pub wanted: Option<Vec<i32>>,
    /// The ids ticked when the form was drawn: only the difference is applied.
    pub before: Vec<i32>,
}

impl InitiativeTags {
    /// From the posted fields: `offered` is the form's marker ("shown:…"), `existing` whether
    /// the record was saved before (a new record has no links, whatever a copied form showed).
    pub fn from_form(existing: bool, offered: Option<&str>, ticked: Option<Vec<i32>>) -> Self {
        let marked = offered.filter(|s| s.starts_with("shown:"));
        InitiativeTags { wanted: marked.map(|_| ticked.unwrap_or_default()), before: marked.filter(|_| existing).map(ids_of).unwrap_or_default() }
    }

    /// The form's field as a rejected form is refilled.
    pub fn pair(&self) -> (String, String) {
        ("initiatives".into(), self.wanted.as_deref().map(|w| w.iter().map(i32::to_string).collect::<Vec<_>>().join(",")).unwrap_or_default())
    }
}

/// The initiative's form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InitiativeInput {
    pub title: String,
    pub status: String,
    /// Posted as `scenes[]` beside the flattened fields.
    #[serde(skip)]
    pub scenes: Vec<String>,
    pub partners: String,
    pub next_step: String,
    pub next_step_on: String,
    pub notes: String,
}

/// A checked initiative.
pub struct Initiative {
    pub status: Status,
    pub next_step_on: Option<NaiveDate>,
}

impl InitiativeInput {
    pub fn check(&self) -> Result<Initiative, Problems> {
        let mut p = Problems::new();
        required(&mut p, "title", &self.title, "取組名", 200);
        let status = Status::from_code(&self.status);
        if status.is_none() {
            p.push(("status", "状況を選んでください。".into()));
        }
        if !super::scenes::all_known(&self.scenes) {
            p.push(("scenes", "場面を選び直してください。".into()));
        }
        optional_len(&mut p, "partners", &self.partners, "連携先", 1000);
        optional_len(&mut p, "next_step", &self.next_step, "次の一歩", 1000);
        optional_len(&mut p, "notes", &self.notes, "メモ", 10_000);
        let next_step_on = match self.next_step_on.trim() {
            "" => None,
            s => {
                let d = parse_date(s);
                if d.is_none() {
                    p.push(("next_step_on", "予定日は 2026-04-01 の形で入力してください。".into()));
                }
                d
            }
        };
        finish(p)?;
        Ok(Initiative { status: status.unwrap_or(Status::Idea), next_step_on })
    }

    /// The fields as the form posts them, to refill it after a refusal.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = [
            ("title", &self.title),
            ("status", &self.status),
            ("partners", &self.partners),
            ("next_step", &self.next_step),
            ("next_step_on", &self.next_step_on),
            ("notes", &self.notes),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
        v.push(("scenes".into(), self.scenes.join(",")));
        v
    }
}

/// A step of the trail entered on the initiative's page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepInput {
    pub happened_on: String,
    pub description: String,
    /// "", "1", "2" or "3".
    pub level: String,
}

impl StepInput {
    pub fn check(&self) -> Result<(NaiveDate, Option<Level>), Problems> {
        let mut p = Problems::new();
        let date = parse_date(&self.happened_on);
        if date.is_none() {
            p.push(("happened_on", "日付を 2023-10-13 の形で入力してください。".into()));
        }
        required(&mut p, "description", &self.description, "できごと", 500);
        let level = match self.level.trim() {
            "" => None,
            s => {
                let l = Level::parse(s);
                if l.is_none() {
                    p.push(("level", "連携の段階を選び直してください。".into()));
                }
                l
            }
        };
        finish(p)?;
        Ok((date.unwrap_or_default(), level))
    }
}

/// What a trail entry comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Source {
    Meeting,
    Training,
    Step,
}

/// One line of the trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrailEntry {
    pub date: NaiveDate,
    pub what: String,
    pub level: Option<Level>,
    pub source: Source,
    /// The record's id (meeting, training or step).
    pub id: i32,
}

/// The trail in date order; on one day meetings come before trainings, then steps (a step
/// usually records what the day's meeting started), each kind by id.
pub fn trail(mut entries: Vec<TrailEntry>) -> Vec<TrailEntry> {
    entries.sort_by(|a, b| (a.date, a.source, a.id).cmp(&(b.date, b.source, b.id)));
    entries
}

/// "6/27" within a fiscal year's table, as the team writes it.
pub fn month_day(d: NaiveDate) -> String {
    d.format("%-m/%-d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_apply_only_with_the_forms_marker() {
        let none = InitiativeTags::from_form(true, None, Some(vec![3]));
        assert_eq!(none.wanted, None);
        assert!(none.before.is_empty());
        let foreign = InitiativeTags::from_form(true, Some("3,7"), Some(vec![3]));
        assert_eq!(foreign.wanted, None);
        let edit = InitiativeTags::from_form(true, Some("shown:3,7"), None);
        assert_eq!(edit.wanted, Some(vec![]));
        assert_eq!(edit.before, vec![3, 7]);
        // A new record (e.g. a copied form) starts with no links, whatever it showed ticked.
        let new = InitiativeTags::from_form(false, Some("shown:3"), Some(vec![3, 9]));
        assert_eq!(new.wanted, Some(vec![3, 9]));
        assert!(new.before.is_empty());
        assert_eq!(new.pair(), ("initiatives".to_string(), "3,9".to_string()));
    }

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    fn entry(date: &str, source: Source, id: i32, level: Option<Level>) -> TrailEntry {
        TrailEntry { date: d(date), what: format!("{source:?}{id}"), level, source, id }
    }

    #[test]
    fn the_trail_is_in_date_order_meetings_before_steps_on_one_day() {
        let t = trail(vec![
            entry("2024-03-25", Source::Meeting, 9, Some(Level::Second)),
            entry("2023-10-13", Source::Step, 1, None),
            entry("2023-10-13", Source::Meeting, 5, Some(Level::First)),
            entry("2023-06-27", Source::Meeting, 7, Some(Level::First)),
            entry("2023-11-01", Source::Training, 2, Some(Level::Third)),
        ]);
        let order: Vec<(String, Source)> = t.iter().map(|e| (month_day(e.date), e.source)).collect();
        assert_eq!(
            order,
            [("6/27".into(), Source::Meeting), ("10/13".into(), Source::Meeting), ("10/13".into(), Source::Step), ("11/1".into(), Source::Training), ("3/25".into(), Source::Meeting)]
        );
    }

    #[test]
    fn input_is_checked_field_by_field() {
        let bad = InitiativeInput { title: " ".into(), status: "x".into(), scenes: vec!["daily".into(), "war".into()], next_step_on: "来月".into(), ..Default::default() };
        let fields: Vec<&str> = bad.check().err().unwrap().iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["title", "status", "scenes", "next_step_on"]);
        let good = InitiativeInput { title: "薬局起点の社会的処方".into(), status: "running".into(), scenes: vec!["end_of_life".into(), "daily".into()], ..Default::default() };
        assert_eq!(good.check().unwrap().status, Status::Running);
        assert_eq!(scenes_text(&good.scenes), "daily,end_of_life");
        assert_eq!(scenes_of("end_of_life,daily"), [Scene::Daily, Scene::EndOfLife]);
        let step = StepInput { happened_on: "2023-10-13".into(), description: "薬局を起点とした社会的処方連携スタート".into(), level: "".into() };
        assert_eq!(step.check().unwrap(), (d("2023-10-13"), None));
        let fields: Vec<&str> = StepInput { happened_on: "".into(), description: "".into(), level: "4".into() }.check().err().unwrap().iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["happened_on", "description", "level"]);
    }

    #[test]
    fn the_ids_a_form_ticked_are_read_from_its_marker() {
        assert_eq!(ids_of("shown:3,7"), [3, 7]);
        assert_eq!(ids_of("shown:"), Vec::<i32>::new());
        assert_eq!(ids_of("shown:3,x, 9"), [3, 9]);
    }
}
