//! The home dashboard and the annual report: what each role sees, the two-week agenda, late
//! follow-ups and tasks, the report's counts for a fiscal year (meetings by level and
//! profession, 一次連携 dates, work items, consultations, trainings, issues by layer rebuilt
//! from their history) and its workbook.

use crate::common;

use app::domain::consultations::ConsultationInput;
use app::domain::issues::{IssueInput, Layer};
use app::domain::checklist::ChecklistInput;
use app::domain::meetings::{Level, MeetingInput};
use app::server::services::meetings::follow_ups::FollowUps;
use app::server::services::shared::checklist;
use app::server::services::trainings::tasks::Tasks;
use app::domain::trainings::{default_plan, OutcomeInput, TrainingInput};
use app::domain::Role;
use app::server::services::audit::Actor;
use app::server::services::{consultations, meetings, issues, directory, trainings};
use calamine::{Data, Reader, Xlsx};
use chrono::{Duration, NaiveDate, Utc};
use common::{backends, TestApp, TestDb};
use http::StatusCode;
use serde_json::Value;

async fn seeded(db: TestDb) -> TestApp {
    directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    consultations::categories::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    app::server::services::meetings::kinds::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    TestApp::new(db).await
}

async fn profession(app: &TestApp, name: &str) -> i32 {
    directory::professions::all(&app.db.conn).await.unwrap().into_iter().find(|p| p.name == name).unwrap().id
}

fn sys() -> Actor {
    Actor::system("test")
}

async fn meeting(app: &TestApp, date: NaiveDate, level: Level, professions: &[i32], title: &str, work: &[&str]) -> i32 {
    let input = MeetingInput {
        held_on: date.to_string(),
        start_time: "18:00".into(),
        level: level.number().to_string(),
        kind: "uchiawase".into(),
        title: title.into(),
        professions: professions.to_vec(),
        work_items: work.iter().map(|s| s.to_string()).collect(),
        level_reason: "テスト".into(),
        ..Default::default()
    };
    meetings::save(&app.db.conn, &sys(), None, None, &input, Utc::now()).await.unwrap()
}

fn training_input(title: &str, date: NaiveDate, work: &[&str]) -> TrainingInput {
    TrainingInput {
        title: title.into(),
        hosting: "team".into(),
        level: "3".into(),
        held_on: date.to_string(),
        format: "inperson".into(),
        status: "preparing".into(),
        work_items: work.iter().map(|s| s.to_string()).collect(),
        support: default_plan("team"),
        level_reason: "市民も対象にする研修のため".into(),
        ..Default::default()
    }
}

async fn consultation(app: &TestApp, date: &str, category: i32) -> i32 {
    let input = ConsultationInput { received_on: date.into(), category: category.to_string(), status: "received".into(), organisation_text: "釜石訪問看護".into(), ..Default::default() };
    consultations::record::save(&app.db.conn, &app::server::services::issues::access::IssueAccess::unrestricted(), &sys(), None, None, &input, Utc::now()).await.unwrap()
}

async fn issue(app: &TestApp, profession: i32, title: &str, layer: Layer, extracted: &str) -> i32 {
    let input = IssueInput {
        profession: profession.to_string(),
        title: title.into(),
        layer: layer.code().into(),
        status: "extracted".into(),
        source: "other".into(),
        extracted_on: extracted.into(),
        fiscal_year: app::domain::FiscalYear::of(NaiveDate::parse_from_str(extracted, "%Y-%m-%d").unwrap()).0.to_string(),
        changed_on: extracted.into(),
        ..Default::default()
    };
    issues::register::save(&app.db.conn, &app::server::services::issues::access::IssueAccess::unrestricted(), &sys(), None, None, &input, app::clock::today(), Utc::now()).await.unwrap()
}

/// Changes an issue's layer and status, dated `on`.
async fn change(app: &TestApp, id: i32, layer: Layer, status: &str, on: &str) {
    let current = issues::register::get(&app.db.conn, &app::server::services::issues::access::IssueAccess::unrestricted(), id).await.unwrap();
    let input = IssueInput { layer: layer.code().into(), status: status.into(), changed_on: on.into(), ..current.input.clone() };
    issues::register::save(&app.db.conn, &app::server::services::issues::access::IssueAccess::unrestricted(), &sys(), Some(id), Some(current.version), &input, app::clock::today(), Utc::now()).await.unwrap();
}

fn titles(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn the_dashboard_shows_each_role_what_it_may_see() {
    for db in backends().await {
        let app = seeded(db).await;
        let today = app::clock::today();
        let (monday, _, next_monday) = app::domain::report::two_weeks(today);
        let dr = profession(&app, "医師").await;
        let ph = profession(&app, "薬剤師").await;
        meeting(&app, today, Level::First, &[dr], "今日の打ち合わせ会", &[]).await;
        meeting(&app, monday, Level::Second, &[dr, ph], "月曜の会議", &[]).await;
        meeting(&app, next_monday + Duration::days(6), Level::Third, &[dr], "来週日曜の会議", &[]).await;
        meeting(&app, next_monday + Duration::days(7), Level::First, &[dr], "再来週の会議", &[]).await;
        meeting(&app, monday - Duration::days(1), Level::First, &[dr], "先週の会議", &[]).await;
        let archived = meeting(&app, today, Level::First, &[ph], "アーカイブした会議", &[]).await;
        let m = meetings::find(&app.db.conn, archived).await.unwrap();
        meetings::set_active(&app.db.conn, &sys(), archived, m.version, false, Utc::now()).await.unwrap();
        // Follow-ups: two late (one of them on the archived meeting), one due today, one done.
        let past = meeting(&app, today - Duration::days(40), Level::First, &[dr], "過去の会議", &[]).await;
        let late = |action: &str, days: i64| ChecklistInput { text: action.into(), due_on: (today - Duration::days(days)).to_string(), ..Default::default() };
        checklist::add::<FollowUps>(&app.db.conn, &sys(), past, &late("資料を送る", 3), Utc::now()).await.unwrap();
        checklist::add::<FollowUps>(&app.db.conn, &sys(), archived, &late("アーカイブ側", 3), Utc::now()).await.unwrap();
        checklist::add::<FollowUps>(&app.db.conn, &sys(), past, &late("今日が期限", 0), Utc::now()).await.unwrap();
        checklist::add::<FollowUps>(&app.db.conn, &sys(), past, &late("ずっと前の期限", 31), Utc::now()).await.unwrap();
        checklist::add::<FollowUps>(&app.db.conn, &sys(), past, &late("ちょうど30日前", 30), Utc::now()).await.unwrap();
        let done = checklist::add::<FollowUps>(&app.db.conn, &sys(), past, &late("済んだこと", 10), Utc::now()).await.unwrap();
        checklist::set_done::<FollowUps>(&app.db.conn, &sys(), done, 1, true, Utc::now()).await.unwrap();
        // A training next week with a late task, and a cancelled one this week.
        let tr = trainings::save(&app.db.conn, &sys(), None, None, &training_input("来週の研修", next_monday + Duration::days(1), &["カ"]), Utc::now()).await.unwrap();
        checklist::add::<Tasks>(&app.db.conn, &sys(), tr, &late("講師に連絡", 2), Utc::now()).await.unwrap();
        let cancelled = TrainingInput { status: "cancelled".into(), ..training_input("中止した研修", today, &[]) };
        trainings::save(&app.db.conn, &sys(), None, None, &cancelled, Utc::now()).await.unwrap();
        let cats: Vec<i32> = consultations::categories::all(&app.db.conn).await.unwrap().into_iter().map(|c| c.id).collect();
        consultation(&app, &today.to_string(), cats[0]).await;
        consultation(&app, "2015-06-01", cats[1]).await;
        let i1 = issue(&app, dr, "医師の課題", Layer::Between, "2024-05-01").await;
        issue(&app, ph, "薬剤師の課題", Layer::Within, "2024-05-01").await;
        let solved = issue(&app, ph, "解決した課題", Layer::Within, "2024-05-01").await;
        change(&app, solved, Layer::Within, "resolved", "2024-09-01").await;
        change(&app, i1, Layer::Between, "in_progress", "2024-09-01").await;

        let (_, admin) = app.user("admin", Role::Admin).await;
        let d = app.call("dashboard", "", Some(&admin)).await;
        assert_eq!(d.status, StatusCode::OK);
        let d = d.json();
        let this_week = titles(&d["this_week"]);
        assert!(this_week.contains(&"今日の打ち合わせ会".to_string()) && this_week.contains(&"月曜の会議".to_string()), "{this_week:?}");
        assert!(!this_week.iter().any(|t| t == "先週の会議" || t == "アーカイブした会議" || t == "中止した研修"));
        assert_eq!(titles(&d["next_week"]), vec!["来週の研修".to_string(), "来週日曜の会議".to_string()]);
        assert!(d["this_week"].as_array().unwrap().iter().any(|i| i["today"] == true && i["href"].as_str().unwrap().starts_with("/meetings/")));
        // Due soonest first; overdue by more than 30 days folded away apart.
        let texts = |v: &serde_json::Value| v["items"].as_array().unwrap().iter().map(|i| i["text"].as_str().unwrap().to_string()).collect::<Vec<_>>();
        assert_eq!(texts(&d["follow_ups"]["soon"]), vec!["資料を送る", "今日が期限"]);
        assert_eq!(d["follow_ups"]["soon"]["total"], 2);
        assert_eq!(texts(&d["follow_ups"]["long_overdue"]), vec!["ちょうど30日前", "ずっと前の期限"]);
        assert_eq!(d["follow_ups"]["long_overdue"]["total"], 2);
        assert_eq!(d["tasks"]["soon"]["total"], 1);
        assert_eq!(d["tasks"]["soon"]["items"][0]["parent_id"], tr);
        assert_eq!(d["tasks"]["long_overdue"]["total"], 0);
        assert_eq!(d["consultations"]["total"], 2);
        assert_eq!(d["consultations"]["items"][0]["who"], "釜石訪問看護");
        assert_eq!(d["consultations_this_year"], 1);
        // Open issues: 職種内 抽出 1 (the resolved one is not open), 職種間 対応中 1.
        let rows = d["issues"]["rows"].as_array().unwrap();
        assert_eq!(rows[0]["counts"], serde_json::json!([1, 0, 0]));
        assert_eq!(rows[1]["counts"], serde_json::json!([0, 0, 1]));
        assert_eq!(rows[2]["total"], 0);
        assert_eq!(d["issues"]["partial"], false);

        // A viewer: the agenda and late items, counts of consultations, no records, no issues.
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let v = app.call("dashboard", "", Some(&viewer)).await.json();
        assert_eq!(v["this_week"], d["this_week"]);
        assert!(v["consultations"].is_null());
        assert_eq!(v["consultations_this_year"], 1);
        assert!(v["issues"].is_null());
        let page = app.get("/", Some(&viewer)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("今日の打ち合わせ会") && !page.body.contains("未解決の連携の課題"));
        assert!(!page.body.contains("薬剤師の課題"));

        // A viewer granted the pharmacists' register counts only theirs.
        let (granted, token) = app.user("granted", Role::Viewer).await;
        issues::grants::set(&app.db.conn, &sys(), granted.id, &[ph], Utc::now()).await.unwrap();
        let g = app.call("dashboard", "", Some(&token)).await.json();
        assert_eq!(g["issues"]["partial"], true);
        assert_eq!(g["issues"]["rows"][1]["total"], 0);
        assert_eq!(g["issues"]["rows"][0]["total"], 1);

        // A coordinator's page links each item to its record.
        let (_, coordinator) = app.user("sato", Role::Coordinator).await;
        let page = app.get("/", Some(&coordinator)).await.body;
        assert!(page.contains(&format!("href=\"/trainings/{tr}\"")) && page.contains(&format!("href=\"/meetings/{past}\"")));
        assert!(page.contains("未解決の連携の課題") && page.contains("期限の近いフォローアップ"));
        // The long-overdue are folded under their count.
        assert!(page.contains("期限を30日以上過ぎたもの（2件）") && page.contains("class=\"long-overdue\""), "{page}");
        assert_eq!(app.call("dashboard", "", None).await.status, StatusCode::UNAUTHORIZED);
    }
}

fn section<'a>(r: &'a Value, key: &str) -> Option<&'a Value> {
    r["sections"].as_array().unwrap().iter().find(|s| s["key"] == key)
}

fn rows(s: &Value, grid: usize) -> Vec<Vec<String>> {
    s["grids"][grid]["rows"].as_array().unwrap().iter().map(|r| r.as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect()).collect()
}

fn row(s: &Value, grid: usize, first: &str) -> Vec<String> {
    rows(s, grid).into_iter().find(|r| r[0] == first).unwrap_or_else(|| panic!("no row {first}"))
}

#[tokio::test]
async fn the_annual_report_counts_one_fiscal_year() {
    for db in backends().await {
        let app = seeded(db).await;
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let dr = profession(&app, "医師").await;
        let ph = profession(&app, "薬剤師").await;
        // FY2024 runs from 2024-04-01 to 2025-03-31.
        meeting(&app, d("2024-04-01"), Level::First, &[dr], "医師との打ち合わせ会", &["イ"]).await;
        meeting(&app, d("2025-03-31"), Level::First, &[ph], "薬剤師との打ち合わせ会", &["イ", "エ"]).await;
        meeting(&app, d("2024-10-10"), Level::Second, &[dr, ph], "医師・薬剤師の連携会議", &["ウ"]).await;
        meeting(&app, d("2024-12-01"), Level::Third, &[dr, ph], "多職種連携会議", &[]).await;
        meeting(&app, d("2024-03-31"), Level::First, &[dr], "前年度の会議", &["イ"]).await;
        meeting(&app, d("2025-04-01"), Level::First, &[dr], "翌年度の会議", &["イ"]).await;
        let cats = consultations::categories::all(&app.db.conn).await.unwrap();
        for date in ["2024-04-01", "2024-08-15", "2025-03-31"] {
            consultation(&app, date, cats[0].id).await;
        }
        consultation(&app, "2024-05-01", cats[2].id).await;
        consultation(&app, "2024-03-31", cats[2].id).await;
        consultation(&app, "2023-05-01", cats[2].id).await;
        let tr = trainings::save(&app.db.conn, &sys(), None, None, &training_input("多職種研修会", d("2024-11-20"), &["カ", "イ"]), Utc::now()).await.unwrap();
        let outcome = OutcomeInput { participants: vec![(dr, "12".into()), (ph, "8".into())], participants_other: "5".into(), ..Default::default() };
        let version = trainings::find(&app.db.conn, tr).await.unwrap().version;
        trainings::save_outcome(&app.db.conn, &sys(), tr, version, &outcome, Utc::now()).await.unwrap();
        let cancelled = TrainingInput { status: "cancelled".into(), ..training_input("中止した研修", d("2024-12-20"), &["カ"]) };
        trainings::save(&app.db.conn, &sys(), None, None, &cancelled, Utc::now()).await.unwrap();
        // Issues: one of FY2023 resolved in FY2024; one extracted in FY2024 as 職種内 and
        // moved to 地域全体 in FY2025 (so at the end of FY2024 it is still 職種内); one of
        // FY2024 on hold; one of FY2025.
        let old = issue(&app, dr, "前年度の課題", Layer::Between, "2023-06-01").await;
        change(&app, old, Layer::Between, "resolved", "2024-07-01").await;
        let moved = issue(&app, ph, "薬剤師の課題", Layer::Within, "2024-06-01").await;
        change(&app, moved, Layer::Region, "in_progress", "2025-05-01").await;
        let held = issue(&app, ph, "保留の課題", Layer::Region, "2024-06-01").await;
        change(&app, held, Layer::Region, "on_hold", "2024-09-01").await;
        issue(&app, dr, "翌年度の課題", Layer::Region, "2025-06-01").await;

        let (_, admin) = app.user("admin", Role::Admin).await;
        let res = app.call("annual_report", "fy=2024", Some(&admin)).await;
        assert_eq!(res.status, StatusCode::OK);
        let r = res.json();
        assert_eq!(r["title_year"], "令和6年度");
        assert_eq!(r["period"], "2024/04/01（月）〜2025/03/31（月）");
        let keys: Vec<&str> = r["sections"].as_array().unwrap().iter().map(|s| s["key"].as_str().unwrap()).collect();
        assert_eq!(keys, ["meetings", "first_level", "work_items", "scenes", "resources", "consultations", "trainings", "issues", "referrals"]);

        let m = section(&r, "meetings").unwrap();
        assert_eq!(rows(m, 0).iter().map(|r| r[1].as_str()).collect::<Vec<_>>(), ["2", "1", "1"]);
        assert_eq!(m["grids"][0]["foot"][1], "4");
        assert_eq!(row(m, 1, "医師"), ["医師", "1", "1", "1", "3"]);
        assert_eq!(row(m, 1, "薬剤師"), ["薬剤師", "1", "1", "1", "3"]);
        let first = section(&r, "first_level").unwrap();
        assert_eq!(row(first, 0, "医師")[1..], ["2024/04/01（月）".to_string(), "医師との打ち合わせ会".into()]);
        assert_eq!(row(first, 0, "薬剤師")[1..], ["2025/03/31（月）".to_string(), "薬剤師との打ち合わせ会".into()]);
        let work = section(&r, "work_items").unwrap();
        assert_eq!(row(work, 0, "【イ】")[2..], ["2", "1", "3"]);
        assert_eq!(row(work, 0, "【カ】")[2..], ["0", "1", "1"], "a cancelled training is not counted");
        let c = section(&r, "consultations").unwrap();
        assert_eq!(row(c, 0, &cats[0].name)[1..], ["3", "75.0"]);
        assert_eq!(row(c, 0, &cats[2].name)[1..], ["1", "25.0"]);
        assert_eq!(c["grids"][0]["foot"][1], "4");
        // The trend table ends with the report's year and starts with the first year of data.
        let head: Vec<&str> = c["grids"][1]["head"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(head, ["分類", "R5", "R6", "合計"]);
        let t = section(&r, "trainings").unwrap();
        assert_eq!(row(t, 0, "チーム主催")[1..], ["1", "25"]);
        assert_eq!(rows(t, 1).len(), 1);
        let i = section(&r, "issues").unwrap();
        assert_eq!(row(i, 0, "職種内")[1..], ["1", "0", "1"]);
        assert_eq!(row(i, 0, "職種間")[1..], ["0", "1", "0"]);
        assert_eq!(row(i, 0, "地域全体")[1..], ["1", "0", "0"], "on hold is not in progress");

        // The next year: the moved issue is 地域全体 and in progress; last year's resolved one is gone.
        let next = app.call("annual_report", "fy=2025", Some(&admin)).await.json();
        let i = section(&next, "issues").unwrap();
        assert_eq!(row(i, 0, "地域全体")[1..], ["1", "0", "2"]);
        assert_eq!(row(i, 0, "職種間")[1..], ["0", "0", "0"]);

        // A viewer: every section but the issues; a grantee: only the granted register.
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let v = app.call("annual_report", "fy=2024", Some(&viewer)).await.json();
        assert!(section(&v, "issues").is_none() && section(&v, "consultations").is_some());
        let page = app.get("/report?fy=2024", Some(&viewer)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("令和6年度 事業報告") && page.body.contains("section-trainings") && !page.body.contains("section-issues"));
        let (granted, token) = app.user("granted", Role::Viewer).await;
        issues::grants::set(&app.db.conn, &sys(), granted.id, &[ph], Utc::now()).await.unwrap();
        let g = app.call("annual_report", "fy=2024", Some(&token)).await.json();
        let i = section(&g, "issues").unwrap();
        assert_eq!(row(i, 0, "職種間")[1..], ["0", "0", "0"]);
        assert!(i["note"].as_str().unwrap().contains("閲覧を許可された職種"));

        // The workbook: one sheet per section, counts as numbers.
        let x = app.get("/report/export.xlsx?fy=2024", Some(&admin)).await;
        assert_eq!(x.status, StatusCode::OK);
        assert!(x.header("content-disposition").contains("annual-report-2024.xlsx"));
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(x.bytes)).unwrap();
        let names = book.sheet_names();
        assert_eq!(names.len(), 9);
        assert_eq!(names[0], "連携会議の開催状況");
        assert!(names.iter().any(|n| n.starts_with("つながるパス")), "{names:?}");
        let sheet = book.worksheet_range("連携会議の開催状況").unwrap();
        let found = sheet.rows().find(|r| r.first() == Some(&Data::String("医師".into()))).unwrap();
        assert_eq!(found[4], Data::Float(3.0));
        let vx = app.get("/report/export.xlsx?fy=2024", Some(&viewer)).await;
        let book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(vx.bytes)).unwrap();
        assert_eq!(book.sheet_names().len(), 7);
        assert_eq!(app.get("/report/export.xlsx?fy=2024", None).await.status, StatusCode::UNAUTHORIZED);
        // A year without records is an empty report, not an error; a silly year is not found.
        let empty = app.call("annual_report", "fy=2010", Some(&admin)).await.json();
        assert_eq!(section(&empty, "meetings").unwrap()["grids"][0]["foot"][1], "0");
        assert_eq!(app.call("annual_report", "fy=99999", Some(&admin)).await.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn the_annual_report_lists_the_years_solved_consultations_only_to_those_who_read_the_records() {
    const SOLVED: &str = "この年度に解決策を実施した相談";
    for db in backends().await {
        let app = seeded(db).await;
        let cats = consultations::categories::all(&app.db.conn).await.unwrap();
        let save = |date: &str, solved: &str, content: &str, response: &str, category: i32| ConsultationInput {
            received_on: date.into(),
            category: category.to_string(),
            status: "done".into(),
            solved_fy: solved.into(),
            content: content.into(),
            response: response.into(),
            ..Default::default()
        };
        let access = app::server::services::issues::access::IssueAccess::unrestricted();
        let mut archived = 0;
        for (date, solved, content, response, category) in [
            ("2024-06-10", "R6", "退院時カンファレンスの参加依頼\n詳しい経過", "病院と日程を調整", cats[0].id),
            ("2023-11-02", "2024", "薬局と訪問看護の連絡方法の相談", "連絡票の様式を作成\n配布先の一覧", cats[1].id),
            ("2024-07-01", "R5", "前年度に実施した相談", "", cats[0].id),
            ("2024-07-02", "", "まだ解決していない相談", "", cats[0].id),
            ("2024-07-03", "R6", "アーカイブした解決事例", "", cats[0].id),
        ] {
            archived = consultations::record::save(&app.db.conn, &access, &sys(), None, None, &save(date, solved, content, response, category), Utc::now()).await.unwrap();
        }
        // The last one is archived: out of lists and reports.
        consultations::record::set_active(&app.db.conn, &sys(), archived, 1, false, Utc::now()).await.unwrap();

        // A coordinator: the consultations section ends with the year's solved cases, oldest first.
        let (_, coordinator) = app.user("coord", Role::Coordinator).await;
        let r = app.call("annual_report", "fy=2024", Some(&coordinator)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let r = r.json();
        let c = section(&r, "consultations").unwrap();
        let at = c["grids"].as_array().unwrap().iter().position(|g| g["caption"] == SOLVED).expect("the solved cases");
        assert_eq!(
            rows(c, at),
            vec![
                vec!["2023/11/02".to_string(), "R5".into(), cats[1].name.clone(), "薬局と訪問看護の連絡方法の相談".into(), "連絡票の様式を作成".into()],
                vec!["2024/06/10".to_string(), "R6".into(), cats[0].name.clone(), "退院時カンファレンスの参加依頼".into(), "病院と日程を調整".into()],
            ]
        );
        let page = app.get("/report?fy=2024", Some(&coordinator)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(SOLVED) && page.body.contains("薬局と訪問看護の連絡方法の相談"), "{}", page.body);
        assert!(!page.body.contains("前年度に実施した相談") && !page.body.contains("アーカイブした解決事例"));
        // The workbook has them on the consultations sheet.
        let x = app.get("/report/export.xlsx?fy=2024", Some(&coordinator)).await;
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(x.bytes)).unwrap();
        let sheet = book.worksheet_range("相談支援").unwrap();
        assert!(sheet.rows().any(|r| r.iter().any(|c| *c == Data::String("連絡票の様式を作成".into()))));
        // The next year has none of them.
        let next = app.call("annual_report", "fy=2025", Some(&coordinator)).await.json();
        let c = section(&next, "consultations").unwrap();
        let at = c["grids"].as_array().unwrap().iter().position(|g| g["caption"] == SOLVED).unwrap();
        assert!(rows(c, at).is_empty());

        // A viewer reads the counts, not the cases.
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let v = app.call("annual_report", "fy=2024", Some(&viewer)).await.json();
        let c = section(&v, "consultations").expect("the counts");
        assert!(c["grids"].as_array().unwrap().iter().all(|g| g["caption"] != SOLVED));
        assert!(!v.to_string().contains("薬局と訪問看護の連絡方法の相談"));
        let page = app.get("/report?fy=2024", Some(&viewer)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains(SOLVED) && !page.body.contains("薬局と訪問看護の連絡方法の相談"));
        let x = app.get("/report/export.xlsx?fy=2024", Some(&viewer)).await;
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(x.bytes)).unwrap();
        let sheet = book.worksheet_range("相談支援").unwrap();
        assert!(!sheet.rows().any(|r| r.iter().any(|c| *c == Data::String("連絡票の様式を作成".into()))));
    }
}

/// The dashboard's 「はじめに」 card, if the page has one.
fn start_card(body: &str) -> Option<String> {
    let rest = &body[body.find("data-testid=\"start-here\"")?..];
    Some(rest[..rest.find("</section>").unwrap_or(rest.len())].to_string())
}

#[tokio::test]
async fn a_new_installation_shows_the_first_steps_until_it_has_organisations_and_meetings() {
    for db in backends().await {
        let app = seeded(db).await;
        let (_, admin) = app.user("admin", Role::Admin).await;
        // The first account alone: no step done.
        let first = app.call("dashboard", "", Some(&admin)).await.json()["start"].clone();
        assert_eq!(first["accounts"], false, "{first}");
        assert_eq!(first["organisations"], false, "{first}");
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let (_, coordinator) = app.user("coord", Role::Coordinator).await;

        // Nothing recorded yet: the steps, none done but the accounts (three of them now).
        let d = app.call("dashboard", "", Some(&admin)).await;
        assert_eq!(d.status, StatusCode::OK, "{}", d.body);
        let start = d.json()["start"].clone();
        assert_eq!(start["organisations"], false, "{start}");
        assert_eq!(start["meetings"], false);
        assert_eq!(start["consultations"], false);
        assert_eq!(start["accounts"], true);
        assert_eq!(start["manage_users"], true);
        let page = app.get("/", Some(&admin)).await;
        assert_eq!(page.status, StatusCode::OK);
        let card = start_card(&page.body).unwrap_or_else(|| panic!("no start card: {}", page.body));
        assert!(card.contains("はじめに") && card.contains("renkei seed --demo"), "{card}");
        for link in ["/directory/organisations/new", "/admin/users", "/consultations/import", "/meetings/new"] {
            assert!(card.contains(&format!("href=\"{link}\"")), "{link}: {card}");
        }
        assert_eq!(card.matches("✓ 済").count(), 1, "only the accounts: {card}");
        // A coordinator gets it without the accounts step; a viewer never.
        let c = app.call("dashboard", "", Some(&coordinator)).await.json();
        assert_eq!(c["start"]["manage_users"], false, "{c}");
        let card = start_card(&app.get("/", Some(&coordinator)).await.body).expect("a coordinator's start card");
        assert!(card.contains("href=\"/meetings/new\"") && !card.contains("href=\"/admin/users\""), "{card}");
        assert!(app.call("dashboard", "", Some(&viewer)).await.json()["start"].is_null());
        assert!(start_card(&app.get("/", Some(&viewer)).await.body).is_none());

        // An organisation: ticked, the card stays until a meeting is recorded too.
        let org = app::domain::directory::OrganisationInput { name: "みなと薬局".into(), kind: "pharmacy".into(), ..Default::default() };
        directory::organisations::save(&app.db.conn, &sys(), None, None, &org, false, Utc::now()).await.unwrap();
        let start = app.call("dashboard", "", Some(&admin)).await.json()["start"].clone();
        assert_eq!((start["organisations"].clone(), start["meetings"].clone()), (Value::Bool(true), Value::Bool(false)), "{start}");
        assert_eq!(start_card(&app.get("/", Some(&admin)).await.body).expect("still there").matches("✓ 済").count(), 2);
        let ph = profession(&app, "薬剤師").await;
        meeting(&app, app::clock::today(), Level::First, &[ph], "最初の打ち合わせ会", &[]).await;
        assert!(app.call("dashboard", "", Some(&admin)).await.json()["start"].is_null());
        assert!(app.call("dashboard", "", Some(&coordinator)).await.json()["start"].is_null());
        assert!(start_card(&app.get("/", Some(&admin)).await.body).is_none());
        assert!(app.call("dashboard", "", Some(&viewer)).await.json()["start"].is_null());
    }
}
