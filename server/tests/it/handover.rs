//! The handover pack (定期異動): what a profession's pack holds — key persons first, the first
//! year and recent dates of 一次連携, open follow-ups only, open initiatives, upcoming
//! trainings — and the open issues only for those allowed.

use crate::common;

use app::domain::checklist::ChecklistInput;
use app::domain::directory::PersonInput;
use app::domain::issues::IssueInput;
use app::domain::meetings::MeetingInput;
use app::domain::trainings::{default_plan, TrainingInput};
use app::domain::Role;
use app::server::services::audit::Actor;
use app::server::services::issues::access::IssueAccess;
use app::server::services::meetings::follow_ups::FollowUps;
use app::server::services::shared::checklist;
use app::server::services::{directory, initiatives, issues, meetings, trainings};
use chrono::{Duration, Utc};
use common::{backends, form, TestApp};
use http::StatusCode;

fn sys() -> Actor {
    Actor::system("t")
}

#[tokio::test]
async fn a_professions_pack_holds_what_a_newcomer_needs_and_issues_only_for_those_allowed() {
    for db in backends().await {
        directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let c = &app.db.conn;
        let now = Utc::now();
        let today = app::clock::today();
        let profs = directory::professions::all(c).await.unwrap();
        let (nurse, ph) = (profs[0].id, profs.iter().find(|p| p.name == "薬剤師").unwrap().id);
        let nurse_name = profs[0].name.clone();
        let (_, coordinator) = app.user("coordinator", Role::Coordinator).await;
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let (_, partner) = app.user("partner", Role::Partner).await;

        let person = |name: &str, profession: i32, key: bool| PersonInput { name: name.into(), profession_id: Some(profession), key_person: key, ..Default::default() };
        directory::people::save(c, &sys(), None, None, &person("一般 花子", nurse, false), now).await.unwrap();
        directory::people::save(c, &sys(), None, None, &person("要 太郎", nurse, true), now).await.unwrap();
        directory::people::save(c, &sys(), None, None, &person("薬 次郎", ph, true), now).await.unwrap();

        let meeting = |date: &str, level: &str, p: i32| MeetingInput { held_on: date.into(), level: level.into(), kind: "uchiawase".into(), title: format!("打合せ {date}"), professions: vec![p], level_reason: "t".into(), ..Default::default() };
        meetings::write::save(c, &sys(), None, None, &meeting("2012-09-03", "1", nurse), now).await.unwrap();
        let recent = meetings::write::save(c, &sys(), None, None, &meeting("2025-06-01", "1", nurse), now).await.unwrap();
        meetings::write::save(c, &sys(), None, None, &meeting("2025-07-01", "2", nurse), now).await.unwrap();
        meetings::write::save(c, &sys(), None, None, &meeting("2025-08-01", "1", ph), now).await.unwrap();
        let open = ChecklistInput { text: "訪問看護の連絡先一覧を配る".into(), owner: String::new(), due_on: "2025-07-01".into() };
        checklist::add::<FollowUps>(c, &sys(), recent, &open, now).await.unwrap();
        let done = ChecklistInput { text: "済んだ宿題".into(), owner: String::new(), due_on: String::new() };
        let done_id = checklist::add::<FollowUps>(c, &sys(), recent, &done, now).await.unwrap();
        checklist::set_done::<FollowUps>(c, &sys(), done_id, 1, true, now).await.unwrap();

        let init = |title: &str, status: &str| app::domain::initiatives::InitiativeInput { title: title.into(), status: status.into(), next_step: "次回の打合せ".into(), ..Default::default() };
        let running = initiatives::records::save(c, &sys(), None, None, &init("訪問看護×病院の退院前カンファ", "running"), now).await.unwrap();
        let ended = initiatives::records::save(c, &sys(), None, None, &init("終わった取組", "ended"), now).await.unwrap();
        for i in [running, ended] {
            initiatives::links::link(c, &sys(), i, initiatives::links::Kind::Meeting, recent, now).await.unwrap();
        }

        let training = |date: chrono::NaiveDate, title: &str| TrainingInput {
            title: title.into(),
            hosting: "team".into(),
            level: "3".into(),
            held_on: date.to_string(),
            format: "inperson".into(),
            status: "planning".into(),
            professions: vec![nurse],
            support: default_plan("team"),
            level_reason: "市民も対象にする研修のため".into(),
            ..Default::default()
        };
        trainings::save(c, &sys(), None, None, &training(today + Duration::days(30), "これからの研修"), now).await.unwrap();
        trainings::save(c, &sys(), None, None, &training(today - Duration::days(30), "終わった研修"), now).await.unwrap();

        let issue = |p: i32, title: &str, status: &str| IssueInput { profession: p.to_string(), title: title.into(), layer: "within".into(), status: status.into(), source: "other".into(), fiscal_year: "R7".into(), ..Default::default() };
        let all = IssueAccess::unrestricted();
        issues::register::save(c, &all, &sys(), None, None, &issue(nurse, "看護の未解決課題", "in_progress"), today, now).await.unwrap();
        issues::register::save(c, &all, &sys(), None, None, &issue(nurse, "看護の解決済み課題", "resolved"), today, now).await.unwrap();
        issues::register::save(c, &all, &sys(), None, None, &issue(ph, "薬局の課題", "extracted"), today, now).await.unwrap();

        let pack = app.call("handover", &form(&[("profession", &nurse.to_string())]), Some(&coordinator)).await.json();
        let sections = pack["sections"].as_array().unwrap();
        assert_eq!(sections.len(), 2, "the profession and its issues: {pack}");
        let p = &sections[0];
        assert_eq!(p["title"], nurse_name.as_str());
        assert!(p["note"].as_str().unwrap().contains("初回 平成24年度（2012/09/03（月））") && p["note"].as_str().unwrap().contains("通算 2回"), "{}", p["note"]);
        let rows = |g: usize| p["grids"][g]["rows"].as_array().unwrap().iter().map(|r| r[0].as_str().unwrap().to_string()).collect::<Vec<_>>();
        assert_eq!(rows(0), ["要 太郎", "一般 花子"], "key persons first, other professions out");
        assert_eq!(rows(2).len(), 2, "only 一次連携");
        assert_eq!(rows(3), ["訪問看護の連絡先一覧を配る"]);
        assert_eq!(rows(4), ["訪問看護×病院の退院前カンファ"]);
        assert_eq!(p["grids"][5]["rows"].as_array().unwrap().iter().map(|r| r[1].as_str().unwrap()).collect::<Vec<_>>(), ["これからの研修"]);
        let issue_rows: Vec<&str> = sections[1]["grids"][0]["rows"].as_array().unwrap().iter().map(|r| r[1].as_str().unwrap()).collect();
        assert_eq!((sections[1]["key"].as_str(), issue_rows), (Some("issues"), vec!["看護の未解決課題"]));

        // Without the registers: the pack without issues; partners get nothing.
        let v = app.call("handover", &form(&[("profession", &nurse.to_string())]), Some(&viewer)).await.json();
        assert_eq!(v["sections"].as_array().unwrap().len(), 1);
        assert!(!v.to_string().contains("看護の未解決課題"));
        assert_eq!(app.call("handover", "", Some(&partner)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.call("handover", "profession=99999", Some(&viewer)).await.status, StatusCode::NOT_FOUND);
        let page = app.get("/handover", Some(&coordinator)).await;
        assert!(page.status == StatusCode::OK && page.body.contains("要 太郎") && page.body.contains("薬局の課題"), "all professions at once");
        let xlsx = app.get(&format!("/handover.xlsx?profession={nurse}"), Some(&viewer)).await;
        assert!(xlsx.status == StatusCode::OK && xlsx.bytes.starts_with(b"PK"));
        assert_eq!(app.get("/handover.xlsx", Some(&partner)).await.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn a_person_who_moves_keeps_their_earlier_post() {
    for db in backends().await {
        directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let c = &app.db.conn;
        let now = Utc::now();
        let (_, coordinator) = app.user("coordinator", Role::Coordinator).await;
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let nurse = directory::professions::all(c).await.unwrap()[0].id;
        let org = |name: &str| app::domain::directory::OrganisationInput { name: name.into(), kind: "hospital".into(), ..Default::default() };
        let hospital = directory::organisations::save(c, &sys(), None, None, &org("釜石病院"), false, now).await.unwrap();
        let station = directory::organisations::save(c, &sys(), None, None, &org("訪問看護ステーションはまかぜ"), false, now).await.unwrap();
        let input = PersonInput { name: "要 太郎".into(), organisation_id: Some(hospital), profession_id: Some(nurse), title: "地域連携室長".into(), key_person: true, ..Default::default() };
        let id = directory::people::save(c, &sys(), None, None, &input, now).await.unwrap();

        // A change of phone is no move; a new organisation is.
        let v = directory::people::get(c, id).await.unwrap();
        directory::people::save(c, &sys(), Some(id), Some(v.version), &PersonInput { phone: "0193-00-0000".into(), ..input.clone() }, now).await.unwrap();
        assert!(directory::people::get(c, id).await.unwrap().posts.is_empty());
        let v = directory::people::get(c, id).await.unwrap();
        let moved = PersonInput { organisation_id: Some(station), title: "管理者".into(), phone: "0193-00-0000".into(), ..input.clone() };
        directory::people::save(c, &sys(), Some(id), Some(v.version), &moved, now).await.unwrap();
        let v = directory::people::get(c, id).await.unwrap();
        assert_eq!(v.posts.len(), 1);
        assert_eq!((v.posts[0].organisation.as_str(), v.posts[0].title.as_str(), v.posts[0].organisation_id), ("釜石病院", "地域連携室長", Some(hospital)));
        assert!(v.posts[0].period.starts_with('〜') && v.posts[0].period.ends_with(&app::domain::dates::day(app::clock::today())), "{}", v.posts[0].period);

        // A post before the directory, by hand; bad dates refused at the field; viewers cannot.
        let add = |from: &str, to: &str| form(&[("person_id", &id.to_string()), ("organisation", "県立病院"), ("title", "看護師"), ("started_on", from), ("ended_on", to)]);
        assert_eq!(app.call("people_add_post", &add("2010-04-01", "2019-03-31"), Some(&viewer)).await.status, StatusCode::FORBIDDEN);
        let r = app.call("people_add_post", &add("2019-04-01", "2010-03-31"), Some(&coordinator)).await;
        assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains("\"field\":\"ended_on\""), "{}", r.body);
        let r = app.call("people_add_post", &add("2010-04-01", "2019-03-31"), Some(&coordinator)).await;
        assert!(r.status.is_redirection() || r.status.is_success(), "{}", r.body);
        let v = directory::people::get(c, id).await.unwrap();
        assert_eq!(v.posts.iter().map(|p| p.organisation.as_str()).collect::<Vec<_>>(), ["釜石病院", "県立病院"], "latest first");
        let page = app.get(&format!("/directory/people/{id}"), Some(&viewer)).await;
        assert!(page.body.contains("所属・役職の履歴") && page.body.contains("県立病院") && !page.body.contains("post-form"), "viewers read, do not add");

        // The handover pack names the earlier post beside the person.
        let pack = app.call("handover", &form(&[("profession", &nurse.to_string())]), Some(&viewer)).await.json();
        let row = &pack["sections"][0]["grids"][0]["rows"][0];
        assert_eq!(row[1], "訪問看護ステーションはまかぜ");
        assert!(row[5].as_str().unwrap().starts_with("釜石病院 地域連携室長（〜"), "{row}");

        // Removed after the confirmation page.
        let first = v.posts[1].id;
        let confirm = app.get(&format!("/directory/people/{id}?remove_post={first}"), Some(&coordinator)).await;
        assert!(confirm.body.contains("この履歴を削除します"));
        let r = app.call("people_remove_post", &form(&[("id", &first.to_string())]), Some(&coordinator)).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
        assert_eq!(directory::people::get(c, id).await.unwrap().posts.len(), 1);
    }
}
