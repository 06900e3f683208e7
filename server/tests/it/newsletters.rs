//! The newsletter (地域連携だより): a draft takes exactly what was logged since the last
//! issue, its articles are edited, the mailing list comes from the directory, and the
//! annual report counts the issues under 【エ】.

use crate::common;

use app::domain::directory::OrganisationInput;
use app::domain::meetings::MeetingInput;
use app::domain::trainings::{default_plan, TrainingInput};
use app::domain::Role;
use app::server::entities::newsletter;
use app::server::services::audit::Actor;
use app::server::services::newsletters::{draft, records};
use app::server::services::{directory, meetings, trainings};
use chrono::{NaiveDate, Utc};
use common::{backends, form, TestApp};
use http::StatusCode;
use sea_orm::{ActiveModelTrait, Set};

fn sys() -> Actor {
    Actor::system("t")
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[tokio::test]
async fn a_draft_takes_exactly_what_was_logged_since_the_last_issue() {
    for db in backends().await {
        directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let c = &app.db.conn;
        let now = Utc::now();
        let (_, coordinator) = app.user("coordinator", Role::Coordinator).await;
        let (_, viewer) = app.user("viewer", Role::Viewer).await;

        // The last issue went out on 9/30, covering July to September.
        newsletter::ActiveModel {
            number: Set(11),
            issued_on: Set(d("2026-09-30")),
            title: Set("第11号".into()),
            covers_from: Set(d("2026-07-01")),
            covers_to: Set(d("2026-09-30")),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        }
            .insert(c)
            .await
            .unwrap();
        // Registered in November, whatever day the test runs.
        let registered = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 15, 3, 0, 0).unwrap();
        let association = directory::organisations::save(c, &sys(), None, None, &OrganisationInput { name: "浜風薬剤師会".into(), kind: "association".into(), receives_newsletter: true, ..Default::default() }, false, registered)
            .await
            .unwrap();
        let training = |title: &str, date: &str, hosting: &str, status: &str| TrainingInput {
            title: title.into(),
            organiser: if hosting == "team" { String::new() } else { association.to_string() },
            hosting: hosting.into(),
            level: "3".into(),
            held_on: date.into(),
            format: "inperson".into(),
            status: status.into(),
            support: default_plan(hosting),
            level_reason: "市民も対象にする研修のため".into(),
            ..Default::default()
        };
        // Each logged on the day given (03:00 UTC is noon in Japan).
        let on = |day: &str| d(day).and_hms_opt(3, 0, 0).unwrap().and_utc();
        for (t, logged) in [
            (training("9月30日の研修", "2026-09-30", "team", "held"), "2026-09-30"),
            (training("10月1日の研修", "2026-10-01", "team", "held"), "2026-10-01"),
            (training("遅れて記録した研修", "2026-09-20", "team", "held"), "2026-10-05"),
            (training("開催済にしていない研修", "2026-11-10", "team", "preparing"), "2026-10-01"),
            (training("中止した研修", "2026-11-01", "team", "cancelled"), "2026-10-01"),
            (training("1月の研修", "2027-01-20", "cohost", "planning"), "2026-11-01"),
            (training("薬剤師会の講演会", "2027-02-10", "support", "planning"), "2026-11-01"),
            (training("遠い先の研修", "2027-06-01", "team", "planning"), "2026-11-01"),
        ] {
            trainings::save(c, &sys(), None, None, &t, on(logged)).await.unwrap();
        }
        let mut interview = MeetingInput { held_on: "2026-11-12".into(), level: "1".into(), kind: "shuzai".into(), title: "新任の訪問看護管理者を取材".into(), professions: vec![directory::professions::all(c).await.unwrap()[0].id], ..Default::default() };
        meetings::write::save(c, &sys(), None, None, &interview, on("2026-11-12")).await.unwrap();
        interview.held_on = "2026-09-29".into();
        interview.title = "前号より前の取材".into();
        meetings::write::save(c, &sys(), None, None, &interview, on("2026-09-29")).await.unwrap();

        assert_eq!(app.call("newsletters_draft", "", Some(&viewer)).await.status, StatusCode::FORBIDDEN);
        let today = d("2026-12-03");
        let id = draft::create(c, &sys(), today, now).await.unwrap();
        let n = records::get(c, id).await.unwrap();
        assert_eq!((n.header.number.as_str(), n.header.title.as_str(), n.covers.as_str()), ("12", "地域連携だより 第12号", "2026/10/01（木）〜2026/12/03（木）"));
        let body = |kind: &str| n.articles.iter().find(|a| a.kind == kind).map(|a| a.body.clone()).unwrap_or_default();
        let held = body("開催した研修");
        assert!(held.contains("10月1日の研修") && held.contains("遅れて記録した研修") && !held.contains("9月30日") && !held.contains("中止") && !held.contains("開催済にしていない"), "{held}");
        let coming = body("これからの研修");
        assert!(coming.contains("1月の研修") && !coming.contains("薬剤師会の講演会") && !coming.contains("遠い先"), "{coming}");
        assert!(body("関係団体からのお知らせ").contains("薬剤師会の講演会（浜風薬剤師会）"));
        let interviews = body("取材で出会った人");
        assert!(interviews.contains("新任の訪問看護管理者を取材") && !interviews.contains("前号より前"), "{interviews}");
        assert!(body("新しくつながった機関").contains("浜風薬剤師会"), "made today, inside the window");
        assert_eq!(n.recipients.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["浜風薬剤師会"]);

        // Articles are edited, added and removed; titles stay text on the page.
        let first = n.articles[0].id.to_string();
        let v1 = n.articles[0].version.to_string();
        let r = app.call("newsletters_article", &form(&[("id", &id.to_string()), ("article", &first), ("version", &v1), ("heading", "<script>x</script>研修報告"), ("body", "=HYPERLINK(\"x\")")]), Some(&coordinator)).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
        // A second editor who opened the article before that save overwrites nothing.
        let r = app.call("newsletters_article", &form(&[("id", &id.to_string()), ("article", &first), ("version", &v1), ("heading", "古い見出し"), ("body", "")]), Some(&coordinator)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        let kept = records::get(c, id).await.unwrap().articles.into_iter().find(|a| a.id.to_string() == first).unwrap();
        assert!(kept.heading.contains("研修報告") && kept.version == n.articles[0].version + 1, "{kept:?}");
        let r = app.call("newsletters_article", &form(&[("id", &id.to_string()), ("heading", " "), ("body", "")]), Some(&coordinator)).await;
        assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains("\"field\":\"heading\""), "{}", r.body);
        let r = app.call("newsletters_article", &form(&[("id", &id.to_string()), ("heading", "編集後記"), ("body", "寒くなりました。")]), Some(&coordinator)).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
        let page = app.get(&format!("/newsletters/{id}"), Some(&viewer)).await;
        assert!(page.status == StatusCode::OK && page.body.contains("&lt;script&gt;x") && !page.body.contains("<script>x") && page.body.contains("編集後記"), "{}", page.body);
        let last = records::get(c, id).await.unwrap().articles.last().unwrap().id;
        let r = app.call("newsletters_remove_article", &form(&[("id", &last.to_string())]), Some(&coordinator)).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
        assert!(!records::get(c, id).await.unwrap().articles.iter().any(|a| a.heading == "編集後記"));

        // The header: a number already used is refused at its field.
        let r = app.call("newsletters_save", &form(&[("id", &id.to_string()), ("version", "1"), ("number", "11"), ("issued_on", "2026-12-03"), ("title", "第12号")]), Some(&coordinator)).await;
        assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains("\"field\":\"number\""), "{}", r.body);

        // A second draft the same day repeats no day (only what is coming); it can be deleted.
        let again = draft::create(c, &sys(), today, now).await.unwrap();
        let second = records::get(c, again).await.unwrap();
        assert_eq!(second.covers, "");
        assert!(second.articles.iter().all(|a| a.kind == "これからの研修" || a.kind == "関係団体からのお知らせ"), "{:?}", second.articles);
        assert_eq!(app.call("newsletters_delete", &form(&[("id", &again.to_string())]), Some(&viewer)).await.status, StatusCode::FORBIDDEN);
        let r = app.call("newsletters_delete", &form(&[("id", &again.to_string())]), Some(&coordinator)).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
        assert_eq!(app.call("newsletters_get", &form(&[("id", &again.to_string())]), Some(&viewer)).await.status, StatusCode::NOT_FOUND);

        // The annual report counts the issues of the year under 【エ】.
        let report = app.call("annual_report", "fy=2026", Some(&viewer)).await.json();
        let work = report["sections"].as_array().unwrap().iter().find(|s| s["key"] == "work_items").unwrap().clone();
        let newsletters = work["grids"][1]["rows"][0].clone();
        assert_eq!(newsletters, serde_json::json!(["【エ】", "地域連携だより", "2"]));
        assert_eq!(app.call("newsletters_list", "", Some(&viewer)).await.json().as_array().unwrap().len(), 2);
    }
}
