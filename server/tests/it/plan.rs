//! The plan by the four scenes and the period reports: records are tagged with scenes and
//! initiatives from their own forms, indicators count from the records, a year carries
//! forward as a draft, the annual report gains its by-scene section, and a period report
//! counts exactly the days inside it with the annual report's permissions.

use crate::common;

use app::domain::meetings::MeetingInput;
use app::domain::trainings::{default_plan, TrainingInput};
use app::domain::Role;
use app::server::services::audit::Actor;
use app::server::services::plan::year;
use app::server::services::{directory, meetings, trainings};
use chrono::{NaiveDate, Utc};
use common::{backends, form, TestApp};
use http::StatusCode;

fn ok(s: StatusCode) -> bool {
    s.is_success() || s.is_redirection()
}

fn sys() -> Actor {
    Actor::system("t")
}

async fn meeting(app: &TestApp, date: &str, level: &str, professions: &[i32], scenes: &[&str]) -> i32 {
    let input = MeetingInput {
        held_on: date.into(),
        level: level.into(),
        kind: "uchiawase".into(),
        title: format!("打合せ {date}"),
        professions: professions.to_vec(),
        level_reason: "テスト".into(),
        scenes: scenes.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    };
    meetings::write::save(&app.db.conn, &sys(), None, None, &input, Utc::now()).await.unwrap()
}

async fn training(app: &TestApp, date: &str, status: &str, scenes: &[&str]) -> i32 {
    let input = TrainingInput {
        title: format!("研修 {date}"),
        hosting: "team".into(),
        level: "3".into(),
        held_on: date.into(),
        format: "inperson".into(),
        status: status.into(),
        support: default_plan("team"),
        scenes: scenes.iter().map(|s| s.to_string()).collect(),
        level_reason: "市民も対象にする研修のため".into(),
        ..Default::default()
    };
    trainings::save(&app.db.conn, &sys(), None, None, &input, Utc::now()).await.unwrap()
}

fn meeting_form(date: &str, extra: &[(&str, &str)], profession: i32) -> String {
    let p = profession.to_string();
    let mut pairs = vec![
        ("held_on", date),
        ("start_time", ""),
        ("end_time", ""),
        ("level", "1"),
        ("kind", "uchiawase"),
        ("title", "訪問看護との打合せ"),
        ("place", ""),
        ("guests", ""),
        ("purpose", ""),
        ("minutes", ""),
        ("decisions", ""),
        ("professions[]", p.as_str()),
    ];
    pairs.extend_from_slice(extra);
    form(&pairs)
}

#[tokio::test]
async fn records_are_tagged_with_scenes_and_initiatives_from_their_own_forms() {
    for db in backends().await {
        directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let (_, coordinator) = app.user("coordinator", Role::Coordinator).await;
        let nurse = directory::professions::all(&app.db.conn).await.unwrap()[0].id;
        let r = app.call("initiatives_save", &form(&[("title", "ACP普及啓発"), ("status", "running")]), Some(&coordinator)).await;
        let acp: i32 = r.header("location").trim_start_matches("/initiatives/").split('?').next().unwrap().parse().unwrap();
        let r = app.call("initiatives_save", &form(&[("title", "入退院支援ルール"), ("status", "idea")]), Some(&coordinator)).await;
        let rule: i32 = r.header("location").trim_start_matches("/initiatives/").split('?').next().unwrap().parse().unwrap();

        // The form offers the initiatives; ticked ones are linked, the scenes stored.
        let (a, r_) = (acp.to_string(), rule.to_string());
        let body = meeting_form("2025-06-27", &[("scenes[]", "end_of_life"), ("scenes[]", "daily"), ("initiatives[]", &a), ("initiatives_offered", "shown:")], nurse);
        let r = app.call("meetings_save", &body, Some(&coordinator)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        let id: i32 = r.header("location").trim_start_matches("/meetings/").split('?').next().unwrap().parse().unwrap();
        let view = app.call("meetings_get", &form(&[("id", &id.to_string())]), Some(&coordinator)).await.json();
        assert_eq!(view["scenes"], serde_json::json!(["日常の療養支援", "看取り"]));
        assert_eq!(view["input"]["scenes"], serde_json::json!(["daily", "end_of_life"]));
        assert_eq!(view["initiatives"][0]["id"], acp);
        let choices = app.call("meetings_choices", "", Some(&coordinator)).await.json();
        assert_eq!(choices["initiatives"].as_array().unwrap().len(), 2);
        assert!(app.get("/meetings/new", Some(&coordinator)).await.body.contains("入退院支援ルール"), "the form offers them");
        let trail = app.call("initiatives_get", &form(&[("id", &a)]), Some(&coordinator)).await.json();
        assert_eq!(trail["trail"].as_array().unwrap().len(), 1, "the meeting joined the initiative's trail");

        // Editing: another initiative ticked instead (the form drawn with the first ticked); a
        // link made meanwhile elsewhere stays; a post without the choice leaves links be.
        let version = view["version"].to_string();
        let edit = |extra: &[(&str, &str)], v: &str| {
            let mut e = vec![("id", id.to_string()), ("version", v.to_string())];
            e.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
            meeting_form("2025-06-27", &e.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>(), nurse)
        };
        let r = app.call("initiatives_save", &form(&[("title", "後から結んだ取組"), ("status", "idea"), ("meeting", &id.to_string())]), Some(&coordinator)).await;
        let later: i32 = r.header("location").trim_start_matches("/initiatives/").split('?').next().unwrap().parse().unwrap();
        let r = app.call("meetings_save", &edit(&[("initiatives[]", &r_), ("initiatives_offered", &format!("shown:{a}"))], &version), Some(&coordinator)).await;
        assert!(ok(r.status), "{}", r.body);
        let view = app.call("meetings_get", &form(&[("id", &id.to_string())]), Some(&coordinator)).await.json();
        assert_eq!(view["initiatives"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap() as i32).collect::<Vec<_>>(), [rule, later]);
        assert_eq!(view["scenes"], serde_json::json!([]), "no scene ticked, none kept");
        let r = app.call("meetings_save", &edit(&[], &view["version"].to_string()), Some(&coordinator)).await;
        assert!(ok(r.status), "{}", r.body);
        let view = app.call("meetings_get", &form(&[("id", &id.to_string())]), Some(&coordinator)).await.json();
        assert_eq!(view["initiatives"].as_array().unwrap().len(), 2, "a form without the choice changes no link");

        // Bad tags are refused at their field; nothing is saved.
        for (extra, field) in [([("scenes[]", "war")], "scenes"), ([("initiatives_offered", "shown:")], "initiatives")] {
            let mut extra = extra.to_vec();
            if field == "initiatives" {
                extra.push(("initiatives[]", "99999"));
            }
            let r = app.call("meetings_save", &meeting_form("2025-07-01", &extra, nurse), Some(&coordinator)).await;
            assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains(&format!("\"field\":\"{field}\"")), "{field}: {}", r.body);
        }
        assert_eq!(meetings::query::all_matching(&app.db.conn, &Default::default()).await.unwrap().len(), 1);

        // Trainings: scenes and initiatives through the service the form calls.
        let t = TrainingInput {
            title: "ACP講座".into(),
            hosting: "team".into(),
            level: "3".into(),
            held_on: "2025-11-01".into(),
            format: "inperson".into(),
            status: "planning".into(),
            support: default_plan("team"),
            scenes: vec!["end_of_life".into()],
            initiatives: Some(vec![acp]),
            level_reason: "市民も対象にする研修のため".into(),
            ..Default::default()
        };
        let tid = trainings::save(&app.db.conn, &sys(), None, None, &t, Utc::now()).await.unwrap();
        let v = trainings::get(&app.db.conn, tid, Utc::now().date_naive()).await.unwrap();
        assert_eq!((v.scenes.clone(), v.initiatives.iter().map(|r| r.id).collect::<Vec<_>>()), (vec!["看取り".to_string()], vec![acp]));
        assert_eq!(v.input.initiatives, Some(vec![acp]));
        let page = app.get(&format!("/trainings/{tid}"), Some(&coordinator)).await;
        assert!(page.body.contains("看取り") && page.body.contains("ACP普及啓発"), "{}", page.body);
    }
}

#[tokio::test]
async fn indicators_count_from_the_records_and_a_new_year_starts_as_a_draft() {
    for db in backends().await {
        directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let (_, coordinator) = app.user("coordinator", Role::Coordinator).await;
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let (_, partner) = app.user("partner", Role::Partner).await;
        let profs = directory::professions::all(&app.db.conn).await.unwrap();
        let (nurse, other) = (profs[0].id, profs[1].id);

        // FY2025 (R7): two 一次連携 with the nurses (one archived later), one 二次, one with
        // another profession; 看取り tags on one meeting of the year and one of the year before.
        meeting(&app, "2025-05-10", "1", &[nurse], &["end_of_life"]).await;
        let archived = meeting(&app, "2025-06-10", "1", &[nurse], &[]).await;
        meeting(&app, "2025-07-10", "2", &[nurse, other], &[]).await;
        meeting(&app, "2025-08-10", "1", &[other], &[]).await;
        meeting(&app, "2025-03-31", "1", &[nurse], &["end_of_life"]).await;
        let v = meetings::query::find(&app.db.conn, archived).await.unwrap().version;
        meetings::write::set_active(&app.db.conn, &sys(), archived, v, false, Utc::now()).await.unwrap();
        training(&app, "2025-09-01", "held", &["end_of_life", "daily"]).await;
        training(&app, "2025-10-01", "cancelled", &["end_of_life"]).await;
        training(&app, "2026-04-01", "planning", &["end_of_life"]).await;

        let add = |label: &str, counter: &str, target: &str, actual: &str, level: &str, profession: String| {
            form(&[("fy", "2025"), ("scene", "end_of_life"), ("label", label), ("unit", "回"), ("target", target), ("counter", counter), ("actual", actual), ("level", level), ("profession", &profession)])
        };
        let nurse_first = add("訪問看護との一次連携", "meetings", "4", "99", "1", nurse.to_string());
        assert_eq!(app.call("plan_indicator_add", &nurse_first, Some(&viewer)).await.status, StatusCode::FORBIDDEN);
        for body in [
            nurse_first,
            add("看取りの場面の会議", "scene_meetings", "", "", "", String::new()),
            add("看取りの研修", "scene_trainings", "2", "", "", String::new()),
            add("ACP講座の参加者", "manual", "100", "87", "", String::new()),
        ] {
            let r = app.call("plan_indicator_add", &body, Some(&coordinator)).await;
            assert!(ok(r.status), "{}: {}", r.status, r.body);
        }
        let bad = add(" ", "x", "-1", "", "", String::new());
        let r = app.call("plan_indicator_add", &bad, Some(&coordinator)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        for field in ["label", "target", "counter"] {
            assert!(r.body.contains(&format!("\"field\":\"{field}\"")), "{field}: {}", r.body);
        }
        let r = app.call("plan_indicator_add", &add("x", "meetings", "", "", "", "99999".into()), Some(&coordinator)).await;
        assert!(r.body.contains("\"field\":\"profession\""), "{}", r.body);
        assert_eq!(app.call("plan_indicator_add", &form(&[("fy", "2025"), ("scene", "war"), ("label", "x")]), Some(&coordinator)).await.status, StatusCode::NOT_FOUND);

        let today = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let plan = year::build(&app.db.conn, Some(2025), today).await.unwrap();
        let eol = plan.scenes.iter().find(|s| s.code == "end_of_life").unwrap();
        let actuals: Vec<(&str, Option<i64>, Option<u32>)> = eol.indicators.iter().map(|i| (i.label.as_str(), i.actual, i.achievement)).collect();
        assert_eq!(
            actuals,
            [("訪問看護との一次連携", Some(1), Some(25)), ("看取りの場面の会議", Some(1), None), ("看取りの研修", Some(1), Some(50)), ("ACP講座の参加者", Some(87), Some(87))]
        );
        assert_eq!(eol.indicators[0].source, format!("記録から: 一次連携・{}の会議", profs[0].name));
        assert_eq!((eol.meetings, eol.trainings.len()), (1, 1));
        assert!(!eol.stored && eol.texts.vision.contains("看取り"), "an unsaved scene shows the guide's vision");
        assert!(plan.missing && !plan.previous);

        // The team writes the year's plan and its evaluation.
        let save = |fy: &str, version: Option<i32>, evaluation: &str| {
            let v = version.map(|v| v.to_string()).unwrap_or_default();
            let mut pairs = vec![("fy", fy), ("scene", "end_of_life"), ("vision", "住み慣れた家で最期まで"), ("targets", "ACPの普及"), ("actions", "研修2回"), ("evaluation", evaluation), ("next_plan", "病院と共催の研修")];
            if version.is_some() {
                pairs.push(("version", &v));
            }
            form(&pairs)
        };
        assert!(ok(app.call("plan_save", &save("2025", None, "参加が少なかった"), Some(&coordinator)).await.status));
        let r = app.call("plan_save", &save("2025", None, "上書き"), Some(&coordinator)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "a form drawn before the plan existed does not overwrite it: {}", r.body);
        let r = app.call("plan_save", &form(&[("fy", "2025"), ("scene", "end_of_life"), ("vision", " ")]), Some(&coordinator)).await;
        assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains("\"field\":\"vision\""), "{}", r.body);
        assert_eq!(app.call("plan_save", &save("2025", None, "x"), Some(&viewer)).await.status, StatusCode::FORBIDDEN);

        // R8 starts as a draft carried forward: next year's plan becomes the actions, the
        // evaluation is empty, the indicators come along without entered actuals.
        for _ in 0..2 {
            assert!(ok(app.call("plan_carry", &form(&[("fy", "2026")]), Some(&coordinator)).await.status));
        }
        let next = year::build(&app.db.conn, Some(2026), today).await.unwrap();
        let eol = next.scenes.iter().find(|s| s.code == "end_of_life").unwrap();
        assert!(eol.stored && eol.draft && next.previous && !next.missing);
        assert_eq!((eol.texts.vision.as_str(), eol.texts.actions.as_str(), eol.texts.evaluation.as_str()), ("住み慣れた家で最期まで", "病院と共催の研修", ""));
        assert_eq!(eol.indicators.len(), 4, "carrying twice copies once");
        let manual = eol.indicators.iter().find(|i| !i.counted).unwrap();
        assert_eq!((manual.target, manual.actual), (Some(100), None));
        assert_eq!(eol.indicators[2].actual, Some(1), "the planned training of R8 is counted in R8");
        let daily = next.scenes.iter().find(|s| s.code == "daily").unwrap();
        assert_eq!(daily.texts.vision, "医療と介護の両方を必要とする高齢者が住み慣れた場所で安心して暮らすことができる。");
        let version = eol.version;
        assert!(ok(app.call("plan_save", &save("2026", version, ""), Some(&coordinator)).await.status));
        let saved = year::build(&app.db.conn, Some(2026), today).await.unwrap();
        assert!(!saved.scenes.iter().find(|s| s.code == "end_of_life").unwrap().draft, "saving clears the draft mark");
        let r = app.call("plan_save", &save("2026", version, "古い版"), Some(&coordinator)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);

        // Indicators are edited and removed.
        let id = eol.indicators[3].id.to_string();
        let r = app.call("plan_indicator_update", &form(&[("id", &id), ("label", "ACP講座の参加者"), ("unit", "人"), ("target", "120"), ("counter", "manual"), ("actual", "30")]), Some(&coordinator)).await;
        assert!(ok(r.status), "{}", r.body);
        assert!(ok(app.call("plan_indicator_remove", &form(&[("id", &eol.indicators[0].id.to_string())]), Some(&coordinator)).await.status));
        let after = year::build(&app.db.conn, Some(2026), today).await.unwrap();
        let eol = after.scenes.iter().find(|s| s.code == "end_of_life").unwrap();
        assert_eq!(eol.indicators.iter().map(|i| (i.label.as_str(), i.actual)).collect::<Vec<_>>(), [("看取りの場面の会議", Some(0)), ("看取りの研修", Some(1)), ("ACP講座の参加者", Some(30))]);

        // The page, its workbook and the annual report's by-scene section; partners see none.
        let page = app.get("/plan?fy=2025", Some(&viewer)).await;
        assert!(page.status == StatusCode::OK && page.body.contains("住み慣れた家で最期まで") && page.body.contains("訪問看護との一次連携"), "{}", page.body);
        let xlsx = app.get("/plan/export.xlsx?fy=2025", Some(&viewer)).await;
        assert!(xlsx.status == StatusCode::OK && xlsx.bytes.starts_with(b"PK"), "{}", xlsx.status);
        assert_eq!(app.get("/plan/export.xlsx?fy=2025", Some(&partner)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.call("plan_get", &form(&[("fy", "2025")]), Some(&partner)).await.status, StatusCode::FORBIDDEN);
        let report = app.call("annual_report", &form(&[("fy", "2025")]), Some(&viewer)).await.json();
        let scenes = report["sections"].as_array().unwrap().iter().find(|s| s["key"] == "scenes").unwrap().clone();
        let rows = scenes["grids"][0]["rows"].as_array().unwrap();
        let eol_row = rows.iter().find(|r| r[0] == "看取り").unwrap();
        assert_eq!(eol_row, &serde_json::json!(["看取り", "1", "1", "0"]));
        let daily_row = rows.iter().find(|r| r[0] == "日常の療養支援").unwrap();
        assert_eq!(daily_row, &serde_json::json!(["日常の療養支援", "0", "1", "0"]));

        // An initiative counts in the years of its trail, not in every year after.
        use app::server::services::initiatives::{links, records};
        let acp = app::domain::initiatives::InitiativeInput { title: "ACP普及啓発".into(), status: "running".into(), scenes: vec!["end_of_life".into()], ..Default::default() };
        let acp = records::save(&app.db.conn, &sys(), None, None, &acp, Utc::now()).await.unwrap();
        let step = app::domain::initiatives::StepInput { happened_on: "2025-10-01".into(), description: "ACP講座スタート".into(), level: String::new() };
        links::add_step(&app.db.conn, &sys(), acp, &step, Utc::now()).await.unwrap();
        let count = |fy: i32| {
            let c = &app.db.conn;
            async move { year::build(c, Some(fy), today).await.unwrap().scenes.iter().find(|s| s.code == "end_of_life").unwrap().initiatives.len() }
        };
        assert_eq!((count(2024).await, count(2025).await, count(2026).await), (0, 1, 0));
    }
}

#[tokio::test]
async fn a_period_report_counts_exactly_the_days_inside_it() {
    for db in backends().await {
        directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let (_, coordinator) = app.user("coordinator", Role::Coordinator).await;
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let (_, partner) = app.user("partner", Role::Partner).await;
        let nurse = directory::professions::all(&app.db.conn).await.unwrap()[0].id;
        for (date, level) in [("2026-10-31", "1"), ("2026-11-01", "1"), ("2026-11-30", "2"), ("2026-12-01", "1")] {
            meeting(&app, date, level, &[nurse], &[]).await;
        }
        for date in ["2026-10-31", "2026-11-15", "2026-12-01"] {
            training(&app, date, "held", &[]).await;
        }
        // Issues: one extracted in November, one extracted before and resolved in it.
        let issue = |title: &str, status: &str, extracted: &str, changed: &str| app::domain::issues::IssueInput {
            profession: nurse.to_string(),
            title: title.into(),
            layer: "within".into(),
            status: status.into(),
            source: "other".into(),
            extracted_on: extracted.into(),
            changed_on: changed.into(),
            ..Default::default()
        };
        let all = app::server::services::issues::access::IssueAccess::unrestricted();
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        for i in [issue("11月の課題", "extracted", "2026-11-05", ""), issue("前からの課題", "resolved", "2026-10-01", "2026-11-20"), issue("12月の課題", "extracted", "2026-12-01", "")] {
            app::server::services::issues::register::save(&app.db.conn, &all, &sys(), None, None, &i, today, Utc::now()).await.unwrap();
        }
        let nov = form(&[("from", "2026-11-01"), ("to", "2026-11-30")]);
        let r = app.call("period_report", &nov, Some(&coordinator)).await.json();
        let section = |key: &str| r["sections"].as_array().unwrap().iter().find(|s| s["key"] == key).cloned();
        let levels = section("meetings").unwrap()["grids"][0].clone();
        assert_eq!(levels["rows"], serde_json::json!([["一次連携", "1"], ["二次連携", "1"], ["三次連携", "0"]]));
        let trainings = section("trainings").unwrap()["grids"][0]["rows"].as_array().unwrap().clone();
        assert_eq!(trainings.len(), 1);
        assert!(trainings[0][0].as_str().unwrap().starts_with("2026/11/15"));
        assert!(section("issues").is_some() && section("referrals").is_some(), "coordinators read the registers and the slips");
        let issues = section("issues").unwrap()["grids"][0]["foot"].clone();
        assert_eq!(issues, serde_json::json!(["合計", "1", "1"]), "extracted, resolved");
        assert_eq!(r["label"], "2026/11/01（日）〜2026/11/30（月）");

        // The annual report's permissions: viewers get no register or slip counts.
        let v = app.call("period_report", &nov, Some(&viewer)).await.json();
        let keys: Vec<&str> = v["sections"].as_array().unwrap().iter().map(|s| s["key"].as_str().unwrap()).collect();
        assert!(!keys.contains(&"issues") && !keys.contains(&"referrals") && keys.contains(&"consultations"), "{keys:?}");
        assert_eq!(app.call("period_report", &nov, Some(&partner)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.call("period_report", &nov, None).await.status, StatusCode::UNAUTHORIZED);

        // Bad bounds are named at their field; the page keeps what was typed.
        let r = app.call("period_report", &form(&[("from", "11月1日"), ("to", "2026-10-01")]), Some(&viewer)).await;
        assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains("\"field\":\"from\""), "{}", r.body);
        let r = app.call("period_report", &form(&[("from", "2026-11-02"), ("to", "2026-11-01")]), Some(&viewer)).await;
        assert!(r.body.contains("\"field\":\"to\""), "{}", r.body);
        let page = app.get("/reports/period?from=2026-11-02&to=2026-11-01", Some(&viewer)).await;
        assert!(page.status == StatusCode::OK && page.body.contains("終了日は開始日と同じか") && page.body.contains("value=\"2026-11-02\""), "{}", page.body);
        let page = app.get("/reports/period?from=2026-11-01&to=2026-11-30", Some(&viewer)).await;
        assert!(page.body.contains("2026/11/01（日）〜2026/11/30（月）") && page.body.contains("先月"), "{}", page.body);
        let xlsx = app.get("/reports/period.xlsx?from=2026-11-01&to=2026-11-30", Some(&viewer)).await;
        assert!(xlsx.status == StatusCode::OK && xlsx.bytes.starts_with(b"PK"));
        assert_eq!(app.get("/reports/period.xlsx?from=x", Some(&viewer)).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}
