//! Slip 2 (支援状況の返信): the receiver's reply, as the paper form has it — the state, the
//! agencies involved now (■) and planned (●), the connections before and now, the care
//! application, first or repeat visit, the support (free text, sealed at rest) and the
//! resources of the resource list the person was connected to.

use super::meetings::parse_date;
use super::referrals::{coded, coded_or, State};
use super::validate::{finish, optional_len, Problems};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

coded! {
    /// 介護保険の申請.
    CareApplication {
        Applied = ("applied", "申請済"),
        New = ("new", "新規申請"),
        NotApplied = ("not_applied", "未申請"),
        Unknown = ("unknown", "該当なし・不明"),
    }
}

coded! {
    /// Whether the person came to the centre for the first time.
    Visit {
        First = ("first", "初回"),
        Repeat = ("repeat", "継続（再来）"),
        Unknown = ("unknown", "不明"),
    }
}

/// The most organisations or resources one reply names.
const MAX_LINKS: usize = 30;

/// Slip 2 as the form sends it. The lists arrive as `name[]` beside the flattened fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReplyInput {
    pub replied_on: String,
    /// Who at the centre replies.
    pub by_name: String,
    pub state: String,
    #[serde(skip)]
    pub agencies_now: Vec<String>,
    #[serde(skip)]
    pub agencies_planned: Vec<String>,
    pub connections_before: String,
    pub connections_now: String,
    pub care_application: String,
    pub visit: String,
    /// The main support and the next steps: may name people, so sealed and never kept with
    /// a rejected form.
    pub support: String,
    #[serde(skip)]
    pub resources: Vec<String>,
}

/// Slip 2 checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub replied_on: NaiveDate,
    pub by_name: String,
    pub state: State,
    pub agencies_now: Vec<i32>,
    pub agencies_planned: Vec<i32>,
    pub connections_before: Option<i32>,
    pub connections_now: Option<i32>,
    pub care_application: CareApplication,
    pub visit: Visit,
    pub support: String,
    pub resources: Vec<i32>,
}

fn ids(p: &mut Problems, field: &'static str, values: &[String], what: &str) -> Vec<i32> {
    let mut out = Vec::new();
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        match v.parse::<i32>() {
            Ok(id) if id > 0 => {
                if !out.contains(&id) {
                    out.push(id);
                }
            }
            _ => {
                p.push((field, format!("{what}を選び直してください。")));
                return Vec::new();
            }
        }
    }
    if out.len() > MAX_LINKS {
        p.push((field, format!("{what}は{MAX_LINKS}件までです。")));
    }
    out
}

fn count(p: &mut Problems, field: &'static str, value: &str) -> Option<i32> {
    match value.trim() {
        "" => None,
        s => match s.parse::<i32>() {
            Ok(n) if (0..=99).contains(&n) => Some(n),
            _ => {
                p.push((field, "つながりの数は 0〜99 の数字で入力してください。".into()));
                None
            }
        },
    }
}

/// Serialises ids as the columns keep them.
pub fn join_ids(ids: &[i32]) -> String {
    ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",")
}

pub fn split_ids(s: &str) -> Vec<i32> {
    s.split(',').filter_map(|x| x.trim().parse().ok()).collect()
}

impl ReplyInput {
    /// The fields a rejected form gets back: all but the support text.
    pub fn pairs(&self) -> Vec<(String, String)> {
        [
            ("replied_on", &self.replied_on),
            ("by_name", &self.by_name),
            ("state", &self.state),
            ("connections_before", &self.connections_before),
            ("connections_now", &self.connections_now),
            ("care_application", &self.care_application),
            ("visit", &self.visit),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .chain([("agencies_now", &self.agencies_now), ("agencies_planned", &self.agencies_planned), ("resources", &self.resources)].map(|(k, v)| (k.to_string(), v.join(","))))
        .collect()
    }

    /// Every problem at once; the reply falls between `earliest` (the slip's date, or the
    /// latest reply's) and today.
    pub fn check(&self, earliest: NaiveDate, today: NaiveDate) -> Result<Reply, Problems> {
        let mut p = Problems::new();
        let replied_on = match parse_date(&self.replied_on) {
            Some(d) if d > today => {
                p.push(("replied_on", "返信日に未来の日付は入れられません。".into()));
                None
            }
            Some(d) if d < earliest => {
                p.push(("replied_on", format!("返信日は {} 以降にしてください（送付日・前回の返信日より前にはできません）。", super::dates::day(earliest))));
                None
            }
            Some(d) => Some(d),
            None => {
                p.push(("replied_on", "返信日を YYYY-MM-DD の形で入力してください。".into()));
                None
            }
        };
        if self.by_name.trim().is_empty() {
            p.push(("by_name", "記入者を入力してください。".into()));
        }
        optional_len(&mut p, "by_name", &self.by_name, "記入者", 100);
        let state = State::from_code(&self.state).filter(|s| State::REPLIES.contains(s));
        if state.is_none() {
            p.push(("state", "支援の状況を選んでください。".into()));
        }
        let now = ids(&mut p, "agencies_now", &self.agencies_now, "関わっている機関");
        let planned: Vec<i32> = ids(&mut p, "agencies_planned", &self.agencies_planned, "予定の機関").into_iter().filter(|i| !now.contains(i)).collect();
        let before = count(&mut p, "connections_before", &self.connections_before);
        let after = count(&mut p, "connections_now", &self.connections_now);
        optional_len(&mut p, "support", &self.support, "主な支援と今後", 4000);
        let resources = ids(&mut p, "resources", &self.resources, "つながった資源");
        let care_application = coded_or(&mut p, "care_application", &self.care_application, CareApplication::Unknown, CareApplication::from_code, "介護保険の申請");
        let visit = coded_or(&mut p, "visit", &self.visit, Visit::Unknown, Visit::from_code, "来所・相談");
        finish(p)?;
        let (Some(replied_on), Some(state)) = (replied_on, state) else { unreachable!("every missing value was a problem") };
        Ok(Reply {
            replied_on,
            by_name: self.by_name.trim().to_string(),
            state,
            agencies_now: now,
            agencies_planned: planned,
            connections_before: before,
            connections_now: after,
            care_application,
            visit,
            support: self.support.trim().to_string(),
            resources,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn input() -> ReplyInput {
        ReplyInput {
            replied_on: "2026-12-03".into(),
            by_name: "包括 太郎".into(),
            state: "connected".into(),
            agencies_now: vec!["4".into(), "7".into(), "4".into()],
            agencies_planned: vec!["7".into(), "9".into()],
            connections_before: "1".into(),
            connections_now: "3".into(),
            care_application: "new".into(),
            visit: "first".into(),
            support: "釜石 花子さんに訪問し、介護申請を支援".into(),
            resources: vec!["12".into()],
        }
    }

    #[test]
    fn a_reply_keeps_its_lists_once_and_an_agency_now_is_not_also_planned() {
        let r = input().check(d("2026-12-01"), d("2026-12-03")).unwrap();
        assert_eq!((r.agencies_now, r.agencies_planned, r.resources), (vec![4, 7], vec![9], vec![12]));
        assert_eq!((r.connections_before, r.connections_now, r.state), (Some(1), Some(3), State::Connected));
        assert_eq!((r.care_application, r.visit), (CareApplication::New, Visit::First));
    }

    #[test]
    fn every_problem_of_a_reply_at_once() {
        let bad = ReplyInput { replied_on: "2026-11-30".into(), by_name: " ".into(), state: "sent".into(), connections_now: "-1".into(), resources: vec!["x".into()], ..input() };
        let fields: Vec<&str> = bad.check(d("2026-12-01"), d("2026-12-03")).unwrap_err().iter().map(|(f, _)| *f).collect();
        for f in ["replied_on", "by_name", "state", "connections_now", "resources"] {
            assert!(fields.contains(&f), "{f}: {fields:?}");
        }
        let future = ReplyInput { replied_on: "2026-12-04".into(), ..input() }.check(d("2026-12-01"), d("2026-12-03")).unwrap_err();
        assert_eq!(future[0].0, "replied_on");
    }

    #[test]
    fn a_rejected_reply_keeps_no_support_text() {
        let kept = input().pairs();
        assert!(kept.iter().any(|(k, v)| k == "agencies_now" && v == "4,7,4"));
        assert!(!kept.iter().any(|(_, v)| v.contains("花子")), "{kept:?}");
    }
}
