//! The meeting calendar: the month's public holidays and the deadlines of open follow-ups
//! and training tasks, through the server function and on the page.

use crate::common::{backends, TestApp};
use app::domain::checklist::ChecklistInput;
use app::domain::meetings::{Level, MeetingInput};
use app::domain::trainings::{default_plan, TrainingInput};
use app::domain::Role;
use app::dto::meetings::CalendarMonth;
use app::server::services::audit::Actor;
use app::server::services::meetings::follow_ups::FollowUps;
use app::server::services::shared::checklist;
use app::server::services::trainings::tasks::Tasks;
use app::server::services::{directory, meetings, trainings};
use chrono::Utc;
use http::StatusCode;

fn meeting(date: &str, profession: i32, title: &str) -> MeetingInput {
    MeetingInput {
        held_on: date.into(),
        level: Level::First.number().to_string(),
        kind: "uchiawase".into(),
        title: title.into(),
        professions: vec![profession],
        ..Default::default()
    }
}

fn item(text: &str, due: &str) -> ChecklistInput {
    ChecklistInput { text: text.into(), owner: String::new(), due_on: due.into() }
}

#[tokio::test]
async fn the_calendar_shows_holidays_and_the_open_deadlines_of_the_month() {
    for db in backends().await {
        directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let conn = &app.db.conn;
        let actor = Actor::system("t");
        let ps: Vec<i32> = directory::professions::all(conn).await.unwrap().into_iter().map(|p| p.id).take(3).collect();
        let p = ps[0];
        let m = meetings::save(conn, &actor, None, None, &meeting("2024-08-27", p, "打ち合わせ会"), Utc::now()).await.unwrap();
        checklist::add::<FollowUps>(conn, &actor, m, &item("名簿を送る", "2024-09-10"), Utc::now()).await.unwrap();
        let done = checklist::add::<FollowUps>(conn, &actor, m, &item("議事録を配る", "2024-09-12"), Utc::now()).await.unwrap();
        checklist::set_done::<FollowUps>(conn, &actor, done, 1, true, Utc::now()).await.unwrap();
        checklist::add::<FollowUps>(conn, &actor, m, &item("会場を探す", "2024-10-01"), Utc::now()).await.unwrap();
        // An archived meeting's follow-ups are not deadlines any more.
        let archived = meetings::save(conn, &actor, None, None, &meeting("2024-08-28", p, "取りやめた会"), Utc::now()).await.unwrap();
        checklist::add::<FollowUps>(conn, &actor, archived, &item("取りやめた連絡", "2024-09-11"), Utc::now()).await.unwrap();
        meetings::set_active(conn, &actor, archived, 1, false, Utc::now()).await.unwrap();
        let training = TrainingInput {
            title: "多職種連携研修会".into(),
            hosting: "team".into(),
            level: "3".into(),
            // Three professions: the level rule asks no reason of a 三次連携.
            professions: ps.clone(),
            held_on: "2024-10-15".into(),
            format: "inperson".into(),
            status: "preparing".into(),
            work_items: vec!["カ".into()],
            support: default_plan("team"),
            ..Default::default()
        };
        let t = trainings::save(conn, &actor, None, None, &training, Utc::now()).await.unwrap();
        checklist::add::<Tasks>(conn, &actor, t, &item("講師の依頼", "2024-09-20"), Utc::now()).await.unwrap();

        let (_, token) = app.user("viewer", Role::Viewer).await;
        let res = app.call("meetings_calendar", "year=2024&month=9", Some(&token)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let cal: CalendarMonth = serde_json::from_str(&res.body).unwrap();
        let holidays: Vec<(u32, &str)> = cal.holidays.iter().map(|(d, n)| (*d, n.as_str())).collect();
        assert_eq!(holidays, vec![(16, "敬老の日"), (22, "秋分の日"), (23, "振替休日")]);
        let deadlines: Vec<(u32, &str, &str, bool)> = cal.deadlines.iter().map(|d| (d.day, d.text.as_str(), d.href.as_str(), d.overdue)).collect();
        let (follow_up_href, task_href) = (format!("/meetings/{m}#follow-ups"), format!("/trainings/{t}#tasks"));
        assert_eq!(
            deadlines,
            vec![(10, "名簿を送る", follow_up_href.as_str(), true), (20, "講師の依頼", task_href.as_str(), true)],
            "open items of live records due in September only, late ones marked"
        );

        let page = app.get("/meetings/calendar?month=2024-09", Some(&token)).await;
        assert_eq!(page.status, StatusCode::OK);
        for wanted in ["期限: 名簿を送る", "期限: 講師の依頼", "振替休日", "敬老の日", "期限切れ", follow_up_href.as_str(), task_href.as_str()] {
            assert!(page.body.contains(wanted), "{wanted} missing: {}", page.body);
        }
        for unwanted in ["議事録を配る", "会場を探す", "取りやめた連絡"] {
            assert!(!page.body.contains(unwanted), "{unwanted} shown");
        }

        // A month with a 国民の休日 between two holidays, and no deadlines.
        let cal: CalendarMonth = serde_json::from_str(&app.call("meetings_calendar", "year=2026&month=9", Some(&token)).await.body).unwrap();
        assert!(cal.holidays.contains(&(22, "国民の休日".to_string())), "{:?}", cal.holidays);
        assert!(cal.deadlines.is_empty());
    }
}
