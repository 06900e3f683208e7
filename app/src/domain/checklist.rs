//! The checklist of follow-ups (of meetings) and tasks (of trainings): the input rules and
//! when an item is overdue.

use super::meetings::{parse_date, Owner};
use super::validate::{finish, required, Problems};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An item as typed into a form. `field` and `noun` name the text field of each checklist
/// ("action" / 対応内容 for follow-ups, "title" / タスク for tasks) in messages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistInput {
    pub text: String,
    /// "u:3", "o:5" or empty.
    pub owner: String,
    pub due_on: String,
}

impl ChecklistInput {
    pub fn check(&self, field: &'static str, noun: &str) -> Result<(), Problems> {
        let mut p = Problems::new();
        required(&mut p, field, &self.text, noun, 500);
        if !self.owner.trim().is_empty() && Owner::parse(&self.owner).is_none() {
            p.push(("owner", "担当の選択が正しくありません。".into()));
        }
        if !self.due_on.trim().is_empty() && parse_date(&self.due_on).is_none() {
            p.push(("due_on", "期限は 2024-06-27 の形で入力してください。".into()));
        }
        finish(p)
    }

    /// The input as the form's (name, value) pairs, to refill the form after a refusal.
    pub fn pairs(&self, field: &str) -> Vec<(String, String)> {
        vec![(field.into(), self.text.clone()), ("owner".into(), self.owner.clone()), ("due_on".into(), self.due_on.clone())]
    }
}

/// What is done to the items ticked in a list: completed, or given to one owner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BulkOp {
    Complete,
    /// "u:3", "o:5", or empty for none.
    Reassign(String),
}

/// A bulk change as posted: `op` ("done" / "owner"), the new `owner` and the ticked items
/// ("id:version", so that an item changed meanwhile is not overwritten).
pub fn parse_bulk(op: &str, owner: &str, picks: &[String]) -> Result<(BulkOp, Vec<(i32, i32)>), Problems> {
    let mut p = Problems::new();
    let op = match op.trim() {
        "done" => Some(BulkOp::Complete),
        "owner" if owner.trim().is_empty() || Owner::parse(owner).is_some() => Some(BulkOp::Reassign(owner.trim().to_string())),
        "owner" => {
            p.push(("owner", "担当の選択が正しくありません。".into()));
            None
        }
        _ => {
            p.push(("op", "まとめて行う操作を選んでください。".into()));
            None
        }
    };
    let mut items = Vec::new();
    for pick in picks {
        let parsed = pick.split_once(':').and_then(|(i, v)| Some((i.trim().parse::<i32>().ok()?, v.trim().parse::<i32>().ok()?)));
        match parsed {
            Some(x) if !items.contains(&x) => items.push(x),
            Some(_) => {}
            None => {
                p.push(("pick", "選択した項目が正しくありません。画面を読み込み直してください。".into()));
                break;
            }
        }
    }
    if picks.is_empty() {
        p.push(("pick", "まとめて変更する項目にチェックを入れてください。".into()));
    }
    if items.len() > 500 {
        p.push(("pick", "一度に変更できるのは500件までです。".into()));
    }
    match op {
        Some(op) if p.is_empty() => Ok((op, items)),
        _ => Err(p),
    }
}

/// The long-overdue, folded away on the dashboard: due this many days ago or earlier.
pub const LONG_OVERDUE_DAYS: i64 = 30;

/// Open and past its due date (an item due today is not yet overdue).
pub fn is_overdue(due: Option<NaiveDate>, done: bool, today: NaiveDate) -> bool {
    !done && due.is_some_and(|d| d < today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(text: &str, owner: &str, due_on: &str) -> ChecklistInput {
        ChecklistInput { text: text.into(), owner: owner.into(), due_on: due_on.into() }
    }

    #[test]
    fn messages_name_the_checklists_own_field() {
        let p = input(" ", "", "").check("title", "タスク").unwrap_err();
        assert_eq!(p, vec![("title", "タスクを入力してください。".to_string())]);
        let p = input("", "", "").check("action", "対応内容").unwrap_err();
        assert_eq!(p, vec![("action", "対応内容を入力してください。".to_string())]);
    }

    #[test]
    fn owner_and_due_date_are_checked_when_given() {
        assert!(input("会場の確保", "u:3", "2025-06-01").check("title", "タスク").is_ok());
        assert!(input("会場の確保", "", "").check("title", "タスク").is_ok());
        let p = input("会場の確保", "x:3", "6月1日").check("title", "タスク").unwrap_err();
        assert_eq!(p.iter().map(|(f, _)| *f).collect::<Vec<_>>(), vec!["owner", "due_on"]);
        assert!(input(&"あ".repeat(501), "", "").check("title", "タスク").is_err());
    }

    #[test]
    fn pairs_use_the_form_field_name() {
        assert_eq!(input("a", "o:2", "").pairs("title")[0], ("title".to_string(), "a".to_string()));
    }

    #[test]
    fn bulk_changes_need_an_op_and_ticked_items() {
        let picks = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(parse_bulk("done", "", &picks(&["3:1", "5:2", "3:1"])).unwrap(), (BulkOp::Complete, vec![(3, 1), (5, 2)]));
        assert_eq!(parse_bulk("owner", "o:4", &picks(&["3:1"])).unwrap().0, BulkOp::Reassign("o:4".into()));
        assert_eq!(parse_bulk("owner", "", &picks(&["3:1"])).unwrap().0, BulkOp::Reassign(String::new()));
        let fields = |r: Result<(BulkOp, Vec<(i32, i32)>), Problems>| r.unwrap_err().iter().map(|(f, _)| *f).collect::<Vec<_>>();
        assert_eq!(fields(parse_bulk("done", "", &[])), vec!["pick"]);
        assert_eq!(fields(parse_bulk("drop", "", &picks(&["1:1"]))), vec!["op"]);
        assert_eq!(fields(parse_bulk("owner", "x:1", &picks(&["1:1"]))), vec!["owner"]);
        assert_eq!(fields(parse_bulk("done", "", &picks(&["1"]))), vec!["pick"]);
        assert_eq!(fields(parse_bulk("done", "", &picks(&["a:b"]))), vec!["pick"]);
    }

    #[test]
    fn overdue_only_when_open_and_past() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let today = d("2025-05-01");
        assert!(is_overdue(Some(d("2025-04-30")), false, today));
        assert!(!is_overdue(Some(d("2025-04-30")), true, today));
        assert!(!is_overdue(Some(today), false, today));
        assert!(!is_overdue(None, false, today));
    }
}
