//! Initiatives (取組) and their trail: the trail of the pharmacy × public-health work of R5
//! comes out as the team's table shows it, only writers change it, and bad input is refused
//! field by field.

use crate::common;

use app::domain::meetings::MeetingInput;
use app::domain::Role;
use app::server::entities::training;
use app::server::services::audit::Actor;
use app::server::services::{directory, meetings};
use chrono::{NaiveDate, Utc};
use common::{backends, form, TestApp};
use http::StatusCode;
use sea_orm::{ActiveModelTrait, Set};

fn ok(s: StatusCode) -> bool {
    s.is_success() || s.is_redirection()
}

async fn meeting(app: &TestApp, date: &str, level: &str, title: &str, professions: &[i32]) -> i32 {
    let input = MeetingInput { held_on: date.into(), level: level.into(), kind: "uchiawase".into(), title: title.into(), professions: professions.to_vec(), ..Default::default() };
    meetings::write::save(&app.db.conn, &Actor::system("t"), None, None, &input, Utc::now()).await.unwrap()
}

async fn training(app: &TestApp, date: &str, level: i16, title: &str) -> i32 {
    let now = Utc::now();
    let held_on = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    let m = training::ActiveModel {
        title: Set(title.into()),
        hosting: Set("cohost".into()),
        level: Set(level),
        held_on: Set(held_on),
        fiscal_year: Set(app::domain::FiscalYear::of(held_on).0),
        status: Set("held".into()),
        theme: Set(String::new()),
        start_time: Set(String::new()),
        end_time: Set(String::new()),
        venue: Set(String::new()),
        format: Set(String::new()),
        work_items: Set(String::new()),
        participants_other: Set(0),
        satisfaction1: Set(0),
        satisfaction2: Set(0),
        satisfaction3: Set(0),
        satisfaction4: Set(0),
        satisfaction5: Set(0),
        comments: Set(String::new()),
        lessons: Set(String::new()),
        search_text: Set(String::new()),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    };
    m.insert(&app.db.conn).await.unwrap().id
}

#[tokio::test]
async fn the_trail_of_the_pharmacy_initiative_is_the_teams_table() {
    for db in backends().await {
        directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let (_, coordinator) = app.user("coordinator", Role::Coordinator).await;
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let (_, partner) = app.user("partner", Role::Partner).await;
        let profs = directory::professions::all(&app.db.conn).await.unwrap();
        let ph = profs.iter().find(|p| p.name == "薬剤師").unwrap().id;
        let nurse = profs.iter().find(|p| p.name != "薬剤師").unwrap().id;

        // The records of R5 (source 001), entered as meetings and a training.
        let first = meeting(&app, "2023-06-27", "1", "薬剤師会×チームかまいし打合せ会", &[ph]).await;
        let others = [
            meeting(&app, "2023-09-13", "1", "薬剤師会×チームかまいし打合せ会", &[ph]).await,
            meeting(&app, "2023-10-06", "2", "モデル薬局×地域包括支援センター等（保健師）", &[ph, nurse]).await,
            meeting(&app, "2023-11-10", "2", "中間見直し打合せ会", &[ph, nurse]).await,
            meeting(&app, "2024-03-25", "2", "反省会", &[ph, nurse]).await,
        ];
        let seminar = training(&app, "2023-11-01", 3, "多職種連携研修会").await;
        let unrelated = meeting(&app, "2023-10-20", "1", "別の打合せ", &[ph]).await;

        // Only writers create; a viewer reads; a partner sees nothing of it.
        let input = |title: &str| form(&[("title", title), ("status", "running"), ("scenes[]", "daily"), ("partners", "薬剤師会、モデル薬局3店舗"), ("meeting", &first.to_string())]);
        let r = app.call("initiatives_save", &input("薬局×行政"), Some(&viewer)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        assert_eq!(app.call("initiatives_list", "", Some(&partner)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.call("initiatives_list", "", None).await.status, StatusCode::UNAUTHORIZED);

        // Bad input: every field's message, nothing saved.
        let bad = form(&[("title", " "), ("status", "x"), ("scenes[]", "war"), ("next_step_on", "来月")]);
        let r = app.call("initiatives_save", &bad, Some(&coordinator)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        for field in ["title", "status", "scenes", "next_step_on"] {
            assert!(r.body.contains(&format!("\"field\":\"{field}\"")), "{field}: {}", r.body);
        }
        assert_eq!(app.call("initiatives_list", "", Some(&coordinator)).await.body, "[]");

        // Started from the first meeting; the rest linked; the start recorded as a step.
        let r = app.call("initiatives_save", &input("薬局（薬剤師）×行政（保健師）の社会的処方連携"), Some(&coordinator)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        let id: i32 = r.header("location").trim_start_matches("/initiatives/").split('?').next().unwrap().parse().unwrap();
        for m in others {
            assert!(ok(app.call("initiatives_link", &form(&[("id", &id.to_string()), ("kind", "meeting"), ("meeting", &m.to_string())]), Some(&coordinator)).await.status));
        }
        let link_training = form(&[("id", &id.to_string()), ("kind", "training"), ("training", &seminar.to_string())]);
        for _ in 0..2 {
            assert!(ok(app.call("initiatives_link", &link_training, Some(&coordinator)).await.status), "linking twice changes nothing");
        }
        let step = form(&[("id", &id.to_string()), ("happened_on", "2023-10-13"), ("description", "薬局を起点とした社会的処方連携スタート"), ("level", "")]);
        assert!(ok(app.call("initiatives_add_step", &step, Some(&coordinator)).await.status));
        for (body, field) in [
            (form(&[("id", &id.to_string()), ("kind", "meeting"), ("meeting", "99999")]), "meeting"),
            (form(&[("id", &id.to_string()), ("kind", "training"), ("training", "x")]), "training"),
        ] {
            let r = app.call("initiatives_link", &body, Some(&coordinator)).await;
            assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains(&format!("\"field\":\"{field}\"")), "{}", r.body);
        }
        let r = app.call("initiatives_add_step", &form(&[("id", &id.to_string()), ("happened_on", "13日"), ("description", ""), ("level", "9")]), Some(&coordinator)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

        // The trail equals the source's table: 6/27 一次, 9/13, 10/6, 10/13 開始, 11/1, 11/10 二次, 3/25 二次.
        let view = app.call("initiatives_get", &form(&[("id", &id.to_string())]), Some(&viewer)).await.json();
        let trail: Vec<(String, String, String)> = view["trail"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["month_day"].as_str().unwrap().to_string(), r["level"].as_str().unwrap().to_string(), r["fiscal_year"].as_str().unwrap().to_string()))
            .collect();
        let expected = [("6/27", "一次連携"), ("9/13", "一次連携"), ("10/6", "二次連携"), ("10/13", ""), ("11/1", "三次連携"), ("11/10", "二次連携"), ("3/25", "二次連携")];
        assert_eq!(trail.iter().map(|(d, l, _)| (d.as_str(), l.as_str())).collect::<Vec<_>>(), expected);
        assert!(trail.iter().all(|(_, _, fy)| fy == "令和5年度"), "{trail:?}");
        assert!(view["trail"][3]["what"].as_str().unwrap().contains("スタート") && view["trail"][3]["step_id"].is_number());
        assert!(view["meeting_choices"].as_array().unwrap().iter().any(|r| r["id"] == unrelated), "an unlinked meeting may still be linked");

        // The printable trail and the list (the half-year plan).
        let page = app.get(&format!("/initiatives/{id}/trail"), Some(&viewer)).await;
        assert!(page.status == StatusCode::OK && page.body.contains("社会的処方連携スタート") && page.body.contains("多職種連携研修会"), "{}", page.body);
        let list = app.call("initiatives_list", "", Some(&viewer)).await;
        assert!(list.body.contains("\"entries\":7") && list.body.contains("2024/03/25"), "{}", list.body);
        // A second (ended) initiative, sharing the first meeting: each counts its own trail.
        let ended = form(&[("title", "二つ目の取組"), ("status", "ended"), ("meeting", &first.to_string())]);
        let r = app.call("initiatives_save", &ended, Some(&coordinator)).await;
        let second: i32 = r.header("location").trim_start_matches("/initiatives/").split('?').next().unwrap().parse().unwrap();
        assert!(ok(app.call("initiatives_link", &form(&[("id", &second.to_string()), ("kind", "meeting"), ("meeting", &unrelated.to_string())]), Some(&coordinator)).await.status));
        let list = app.call("initiatives_list", "all=true", Some(&viewer)).await.json();
        let summary = |i: i32| list.as_array().unwrap().iter().find(|s| s["id"] == i).cloned().unwrap();
        assert_eq!((summary(id)["entries"].as_u64(), summary(id)["last_on"].as_str()), (Some(7), Some("2024/03/25（月）")), "{list}");
        assert_eq!((summary(second)["entries"].as_u64(), summary(second)["last_on"].as_str()), (Some(2), Some("2023/10/20（金）")), "{list}");

        // An archived meeting leaves the trail; unlinking a training too.
        let v = meetings::query::find(&app.db.conn, others[3]).await.unwrap().version;
        meetings::write::set_active(&app.db.conn, &Actor::system("t"), others[3], v, false, Utc::now()).await.unwrap();
        let unlink = link_training.clone() + "&unlink=true";
        assert!(ok(app.call("initiatives_link", &unlink, Some(&coordinator)).await.status));
        let view = app.call("initiatives_get", &form(&[("id", &id.to_string())]), Some(&coordinator)).await.json();
        assert_eq!(view["trail"].as_array().unwrap().len(), 5);

        // A title is text on every page.
        let version = view["version"].to_string();
        let edit = form(&[("id", &id.to_string()), ("version", &version), ("title", "</title><script>x</script>"), ("status", "ended")]);
        assert!(ok(app.call("initiatives_save", &edit, Some(&coordinator)).await.status));
        for path in [format!("/initiatives/{id}"), format!("/initiatives/{id}/trail"), "/initiatives?all=1".to_string()] {
            let page = app.get(&path, Some(&coordinator)).await;
            assert!(page.status == StatusCode::OK && !page.body.contains("<script>x") && page.body.contains("&lt;/title&gt;"), "{path}: {}", page.body);
        }
        assert_eq!(app.call("initiatives_list", "", Some(&coordinator)).await.body, "[]", "an ended initiative leaves the plan");
        // A stale version is a conflict, not a silent overwrite.
        let r = app.call("initiatives_save", &edit, Some(&coordinator)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    }
}

#[tokio::test]
async fn the_demo_shows_the_r5_trail_and_seeding_twice_adds_nothing() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        for _ in 0..2 {
            app::server::services::demo::seed(&app.db.conn, Utc::now()).await.unwrap();
        }
        let list = app::server::services::initiatives::records::list(&app.db.conn, true).await.unwrap();
        assert_eq!(list.len(), 1, "{list:?}");
        let view = app::server::services::initiatives::records::get(&app.db.conn, list[0].id).await.unwrap();
        let trail: Vec<(&str, &str)> = view.trail.iter().map(|r| (r.month_day.as_str(), r.level.as_str())).collect();
        assert_eq!(trail, [("6/27", "一次連携"), ("9/13", "一次連携"), ("10/6", "二次連携"), ("10/13", ""), ("11/1", "三次連携"), ("11/10", "二次連携"), ("3/25", "二次連携")]);
        assert_eq!(view.trail[3].what, "薬局を起点とした社会的処方連携スタート");
    }
}
