//! The year's evaluation of the referral pathways, as the teams report it: per pathway the
//! slips sent, received, replied, the median days to the first reply and those overdue;
//! outcomes of the latest reply (care application, first or repeat visit); topics, age bands
//! and households; connections at the start and now.

use super::referral_replies::{CareApplication, Visit};
use super::referrals::{is_overdue, Household, State, Topic};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a slip contributes to the counts (no personal field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlipFacts {
    pub pathway: String,
    pub sent_on: NaiveDate,
    pub received_on: Option<NaiveDate>,
    pub replied_on: Option<NaiveDate>,
    pub due_on: NaiveDate,
    pub state: State,
    pub topics: Vec<Topic>,
    pub age_band: String,
    pub household: Household,
    /// The latest reply's outcome, if any.
    pub outcome: Option<Outcome>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub care_application: CareApplication,
    pub visit: Visit,
    pub connections_before: Option<i32>,
    pub connections_now: Option<i32>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PathwayRow {
    pub pathway: String,
    pub sent: u32,
    pub received: u32,
    pub replied: u32,
    /// Median days from sending to the first reply ("—" when none replied).
    pub median_days: String,
    pub overdue: u32,
}

/// One breakdown: (label, count) in the list's order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CountTable {
    pub title: String,
    pub rows: Vec<(String, u32)>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Connections {
    /// Slips whose latest reply gives both numbers.
    pub people: u32,
    pub before: u32,
    pub now: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub pathways: Vec<PathwayRow>,
    pub total: PathwayRow,
    pub tables: Vec<CountTable>,
    pub connections: Connections,
}

/// The median of whole days, with one decimal for an even count.
pub fn median(mut days: Vec<i64>) -> Option<f64> {
    if days.is_empty() {
        return None;
    }
    days.sort_unstable();
    let n = days.len();
    Some(if n % 2 == 1 { days[n / 2] as f64 } else { (days[n / 2 - 1] + days[n / 2]) as f64 / 2.0 })
}

fn row(pathway: &str, slips: &[&SlipFacts], today: NaiveDate) -> PathwayRow {
    let days: Vec<i64> = slips.iter().filter_map(|s| s.replied_on.map(|r| (r - s.sent_on).num_days())).collect();
    PathwayRow {
        pathway: pathway.to_string(),
        sent: slips.len() as u32,
        received: slips.iter().filter(|s| s.received_on.is_some()).count() as u32,
        replied: slips.iter().filter(|s| s.replied_on.is_some()).count() as u32,
        median_days: median(days).map(|m| if m.fract() == 0.0 { format!("{m:.0}") } else { format!("{m:.1}") }).unwrap_or_else(|| "—".into()),
        overdue: slips.iter().filter(|s| is_overdue(s.state, s.due_on, today)).count() as u32,
    }
}

fn table<T: Copy + PartialEq>(title: &str, all: &[T], label: fn(T) -> &'static str, values: impl Iterator<Item = T>) -> CountTable {
    let values: Vec<T> = values.collect();
    CountTable { title: title.into(), rows: all.iter().map(|x| (label(*x).to_string(), values.iter().filter(|v| *v == x).count() as u32)).collect() }
}

pub const AGE_BANDS: [&str; 4] = ["64歳以下", "65〜74歳", "75〜84歳", "85歳以上"];

/// The evaluation of `slips` (one fiscal year's), pathways in the order given.
pub fn evaluate(pathways: &[String], slips: &[SlipFacts], today: NaiveDate) -> Evaluation {
    let rows = pathways
        .iter()
        .map(|p| row(p, &slips.iter().filter(|s| &s.pathway == p).collect::<Vec<_>>(), today))
        .collect();
    let outcomes: Vec<&Outcome> = slips.iter().filter_map(|s| s.outcome.as_ref()).collect();
    let mut ages = CountTable { title: "年代".into(), rows: AGE_BANDS.iter().map(|b| (b.to_string(), slips.iter().filter(|s| s.age_band == *b).count() as u32)).collect() };
    ages.rows.push(("不明".into(), slips.iter().filter(|s| !AGE_BANDS.contains(&s.age_band.as_str())).count() as u32));
    let both: Vec<(i32, i32)> = outcomes.iter().filter_map(|o| Some((o.connections_before?, o.connections_now?))).collect();
    Evaluation {
        pathways: rows,
        total: row("計", &slips.iter().collect::<Vec<_>>(), today),
        tables: vec![
            table("相談の内容", Topic::ALL, Topic::label, slips.iter().flat_map(|s| s.topics.iter().copied())),
            ages,
            table("世帯", Household::ALL, Household::label, slips.iter().map(|s| s.household)),
            table("介護保険の申請（最新の返信）", CareApplication::ALL, CareApplication::label, outcomes.iter().map(|o| o.care_application)),
            table("来所・相談（最新の返信）", Visit::ALL, Visit::label, outcomes.iter().map(|o| o.visit)),
        ],
        connections: Connections { people: both.len() as u32, before: both.iter().map(|b| b.0 as u32).sum(), now: both.iter().map(|b| b.1 as u32).sum() },
    }
}

/// The evaluation as the annual report's tables.
pub fn report_grids(e: &Evaluation) -> Vec<super::report::Grid> {
    use super::report::Grid;
    let cells = |r: &PathwayRow| vec![r.pathway.clone(), r.sent.to_string(), r.received.to_string(), r.replied.to_string(), r.median_days.clone(), r.overdue.to_string()];
    let mut main = Grid::new("経路別", &PATHWAY_HEADERS, 1);
    main.rows = e.pathways.iter().map(cells).collect();
    main.foot = Some(cells(&e.total));
    let mut grids = vec![main];
    for t in &e.tables {
        let mut g = Grid::new(&t.title, &[&t.title, "件数"], 1);
        g.rows = t.rows.iter().map(|(l, n)| vec![l.clone(), n.to_string()]).collect();
        grids.push(g);
    }
    let mut c = Grid::new("つながり（箇所）", &["返信で人数が分かる方", "支援開始時の計", "現在の計"], 0);
    c.rows = vec![vec![e.connections.people.to_string(), e.connections.before.to_string(), e.connections.now.to_string()]];
    grids.push(c);
    grids
}

pub const PATHWAY_HEADERS: [&str; 6] = ["経路", "送付", "受付", "返信", "返信までの日数（中央値）", "返信期限切れ"];

/// The evaluation as one sheet (CSV and Excel): the pathway table, then each breakdown.
pub fn to_grid(title: &str, e: &Evaluation) -> Vec<Vec<String>> {
    let mut g = vec![vec![title.to_string()], vec![], PATHWAY_HEADERS.iter().map(|s| s.to_string()).collect()];
    for r in e.pathways.iter().chain(std::iter::once(&e.total)) {
        g.push(vec![r.pathway.clone(), r.sent.to_string(), r.received.to_string(), r.replied.to_string(), r.median_days.clone(), r.overdue.to_string()]);
    }
    for t in &e.tables {
        g.push(vec![]);
        g.push(vec![t.title.clone(), "件数".into()]);
        g.extend(t.rows.iter().map(|(label, n)| vec![label.clone(), n.to_string()]));
    }
    g.push(vec![]);
    g.push(vec!["つながり（箇所）".into(), "人数".into(), "支援開始時の計".into(), "現在の計".into()]);
    g.push(vec![String::new(), e.connections.people.to_string(), e.connections.before.to_string(), e.connections.now.to_string()]);
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn slip(pathway: &str, sent: &str, replied: Option<&str>) -> SlipFacts {
        SlipFacts {
            pathway: pathway.into(),
            sent_on: d(sent),
            received_on: replied.map(d),
            replied_on: replied.map(d),
            due_on: super::super::referrals::due_on(d(sent), 14),
            state: if replied.is_some() { State::Connected } else { State::Sent },
            topics: vec![Topic::Care],
            age_band: "85歳以上".into(),
            household: Household::Alone,
            outcome: replied.map(|_| Outcome { care_application: CareApplication::New, visit: Visit::First, connections_before: Some(1), connections_now: Some(3) }),
        }
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![9, 1, 5]), Some(5.0));
        assert_eq!(median(vec![1, 2, 4, 10]), Some(3.0));
        assert_eq!(median(vec![1, 2]), Some(1.5));
    }

    #[test]
    fn rows_per_pathway_and_a_total() {
        let slips = [slip("薬局起点", "2026-04-01", Some("2026-04-08")), slip("薬局起点", "2026-05-01", Some("2026-05-04")), slip("健診起点", "2026-11-01", None)];
        let e = evaluate(&["健診起点".into(), "受診起点".into(), "薬局起点".into()], &slips, d("2026-12-03"));
        assert_eq!((e.pathways[2].sent, e.pathways[2].replied, e.pathways[2].median_days.as_str()), (2, 2, "5"));
        assert_eq!((e.pathways[0].overdue, e.pathways[1].sent), (1, 0));
        assert_eq!((e.total.sent, e.total.replied, e.total.overdue), (3, 2, 1));
        assert_eq!(e.connections, Connections { people: 2, before: 2, now: 6 });
        assert_eq!(e.tables[0].rows.iter().find(|r| r.0 == "介護").unwrap().1, 3);
    }
}
