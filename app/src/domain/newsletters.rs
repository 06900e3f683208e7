//! The newsletter (地域連携だより): an issue's header and articles, and the window of days
//! a new issue's draft is assembled from (since the last issue).

use super::meetings::parse_date;
use super::referrals::coded;
use super::validate::{finish, optional_len, required, Problems};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

coded! {
    /// Where an article of the draft comes from.
    ArticleKind {
        TrainingsHeld = ("held", "開催した研修"),
        TrainingsComing = ("coming", "これからの研修"),
        Organisations = ("organisations", "新しくつながった機関"),
        Interviews = ("interviews", "取材で出会った人"),
        Events = ("events", "関係団体からのお知らせ"),
        Free = ("free", "記事"),
    }
}

/// How far a first issue looks back.
const FIRST_WINDOW_DAYS: i64 = 92;
/// How far ahead the coming trainings and events are announced.
pub const AHEAD_DAYS: i64 = 92;

/// The days a new issue covers: from the day after the last issue's days up to today, or the
/// last three months for a first issue. Empty (`from` after `to`) when the last issue already
/// covered today.
pub fn window(last_covered_to: Option<NaiveDate>, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let from = match last_covered_to {
        Some(d) => d + Duration::days(1),
        None => today - Duration::days(FIRST_WINDOW_DAYS),
    };
    (from, today)
}

/// An issue's header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IssueHeader {
    pub number: String,
    pub issued_on: String,
    pub title: String,
}

impl IssueHeader {
    pub fn check(&self) -> Result<(i32, NaiveDate), Problems> {
        let mut p = Problems::new();
        let number = self.number.trim().parse::<i32>().ok().filter(|n| (1..=100_000).contains(n));
        if number.is_none() {
            p.push(("number", "号は1以上の整数で入力してください。".into()));
        }
        let date = parse_date(&self.issued_on);
        if date.is_none() {
            p.push(("issued_on", "発行日は 2026-12-01 の形で入力してください。".into()));
        }
        required(&mut p, "title", &self.title, "表題", 200);
        finish(p)?;
        Ok((number.unwrap_or(1), date.unwrap_or_default()))
    }

    pub fn pairs(&self) -> Vec<(String, String)> {
        [("number", &self.number), ("issued_on", &self.issued_on), ("title", &self.title)].into_iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }
}

/// An article as edited.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArticleInput {
    pub heading: String,
    pub body: String,
}

impl ArticleInput {
    pub fn check(&self) -> Result<(), Problems> {
        let mut p = Problems::new();
        required(&mut p, "heading", &self.heading, "見出し", 200);
        optional_len(&mut p, "body", &self.body, "本文", 10_000);
        finish(p)
    }

    pub fn pairs(&self) -> Vec<(String, String)> {
        vec![("heading".into(), self.heading.clone()), ("body".into(), self.body.clone())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn a_new_issue_covers_the_days_since_the_last_one() {
        assert_eq!(window(Some(d("2026-09-30")), d("2026-12-03")), (d("2026-10-01"), d("2026-12-03")));
        assert_eq!(window(None, d("2026-12-03")), (d("2026-09-02"), d("2026-12-03")));
        let (from, to) = window(Some(d("2026-12-03")), d("2026-12-03"));
        assert!(from > to, "a second issue the same day covers no day again");
    }

    #[test]
    fn headers_and_articles_are_checked() {
        let bad = IssueHeader { number: "0".into(), issued_on: "12月".into(), title: " ".into() };
        assert_eq!(bad.check().unwrap_err().iter().map(|(f, _)| *f).collect::<Vec<_>>(), ["number", "issued_on", "title"]);
        let ok = IssueHeader { number: "12".into(), issued_on: "2026-12-01".into(), title: "地域連携だより 第12号".into() };
        assert_eq!(ok.check().unwrap(), (12, d("2026-12-01")));
        assert_eq!(ArticleInput { heading: "".into(), body: "あ".repeat(10_001) }.check().unwrap_err().len(), 2);
    }
}
