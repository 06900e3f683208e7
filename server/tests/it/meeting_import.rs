//! Importing past meetings from a spreadsheet: CSV (UTF-8, Shift_JIS) read by header, a
//! preview with every row's problems, meetings already recorded left out unless chosen,
//! nothing saved until confirmed and then all rows or none, through the meeting form's save.

use crate::common;

use app::api::meetings::MeetingQuery;
use app::domain::meeting_import::FILLED_REASON;
use app::domain::meetings::{Level, MeetingInput};
use app::domain::Role;
use app::server::services::audit::Actor;
use app::server::services::{directory, meetings};
use chrono::{NaiveDate, Utc};
use common::{backends, form, TestApp, TestDb};
use http::StatusCode;

async fn seeded(db: TestDb) -> TestApp {
    directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    TestApp::new(db).await
}

/// Uploads a file and returns the preview's id (the redirect's last segment).
async fn upload(app: &TestApp, name: &str, bytes: &[u8], token: &str) -> i32 {
    let r = app.upload("/meetings/import", "file", name, bytes, Some(token)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let to = r.header("location").to_string();
    to.strip_prefix("/meetings/import/").and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("redirected to {to}"))
}

async fn preview(app: &TestApp, id: i32, token: &str) -> serde_json::Value {
    let r = app.call("meetings_import_preview", &form(&[("id", &id.to_string())]), Some(token)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

async fn all(app: &TestApp) -> Vec<app::api::meetings::MeetingSummary> {
    meetings::list(&app.db.conn, &MeetingQuery::default()).await.unwrap().items
}

fn ok(status: StatusCode) -> bool {
    status.is_redirection() || status.is_success()
}

#[tokio::test]
async fn a_clean_file_records_the_meetings_with_their_professions_and_minutes() {
    for db in backends().await {
        let app = seeded(db).await;
        let (_, token) = app.user("coordinator", Role::Coordinator).await;

        // The team's own wording and order; dates in Western and Japanese eras; several
        // professions in a cell by name and by short name.
        let csv = "\u{feff}開催日,層,会議の種類,件名,会場,参加職種,議事録,時間\r\n\
            2024/6/27,一次,打ち合わせ会,薬剤師会 打ち合わせ会,市役所,薬剤師,\"服薬の連携について\r\n次回は9月\",13:30〜15:00\r\n\
            R6.9.13,二次連携,情報交換会,歯科と訪問看護の情報交換,,歯科医師・訪問看護,口腔ケアの共有,\r\n\
            令和6年10月6日,3,研修会,多職種研修会,オンライン,医師、薬剤師、ケアマネ,,\r\n\
            2024-11-01,二次,,合同打ち合わせ,,薬剤師,,\r\n";
        let id = upload(&app, "r6_会議.csv", csv.as_bytes(), &token).await;
        let p = preview(&app, id, &token).await;
        assert_eq!(p["format"], "UTF-8");
        assert!(p["problems"].as_array().unwrap().is_empty(), "{}", p["problems"]);
        let rows = p["new_rows"].as_array().unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows.iter().map(|r| r["line"].as_u64().unwrap()).collect::<Vec<_>>(), vec![2, 4, 5, 6], "Excel's line numbers (a cell spans two lines)");
        assert_eq!(rows[0]["date_label"], "2024/06/27（木）");
        assert_eq!(rows[1]["professions"], serde_json::json!(["歯科医師", "看護師（訪問看護）"]));
        // 二次 with one profession and no reason: recorded with the import's reason.
        assert_eq!((rows[3]["reason_filled"].as_bool(), rows[2]["reason_filled"].as_bool()), (Some(true), Some(false)));
        assert_eq!(p["filled_reason"], FILLED_REASON);
        assert_eq!(rows[3]["kind"], "その他", "a blank kind is その他");
        assert!(all(&app).await.is_empty(), "a preview saves nothing");

        let r = app.call("meetings_import_commit", &form(&[("id", &id.to_string())]), Some(&token)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        assert_eq!(r.header("location"), format!("/meetings/import/{id}?created=4&skipped=0"));
        assert_eq!(preview(&app, id, &token).await["committed"], 4);

        let listed = all(&app).await;
        assert_eq!(listed.len(), 4);
        let m = listed.iter().find(|m| m.title == "歯科と訪問看護の情報交換").unwrap();
        assert_eq!((m.held_on.as_str(), m.level), ("2024-09-13", Level::Second));
        let mut professions: Vec<&str> = m.professions.iter().map(|r| r.name.as_str()).collect();
        professions.sort();
        assert_eq!(professions, vec!["歯科医師", "看護師（訪問看護）"]);
        let third = listed.iter().find(|m| m.title == "多職種研修会").unwrap();
        assert_eq!((third.level, third.professions.len()), (Level::Third, 3));

        let first = meetings::find(&app.db.conn, listed.iter().find(|m| m.title == "薬剤師会 打ち合わせ会").unwrap().id).await.unwrap();
        assert_eq!((first.start_time.as_str(), first.end_time.as_str(), first.kind.as_str()), ("13:30", "15:00", "uchiawase"));
        assert!(first.minutes.contains("服薬の連携について") && first.minutes.contains("次回は9月"), "{}", first.minutes);
        let online = meetings::find(&app.db.conn, third.id).await.unwrap();
        assert!(online.online && online.place.is_empty());
        let filled = meetings::find(&app.db.conn, listed.iter().find(|m| m.title == "合同打ち合わせ").unwrap().id).await.unwrap();
        assert_eq!((filled.level_reason.as_str(), filled.kind.as_str()), (FILLED_REASON, "other"));
        // Saved as the form saves: found by the minutes' words.
        let found = meetings::list(&app.db.conn, &MeetingQuery { q: Some("口腔ケア".into()), ..Default::default() }).await.unwrap();
        assert_eq!(found.items.iter().map(|m| m.title.as_str()).collect::<Vec<_>>(), vec!["歯科と訪問看護の情報交換"]);

        // Shift_JIS, as Excel on Japanese Windows saves CSV.
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("開催日,段階,件名,職種,内容\r\nH30/4/10,一次,保健師との打ち合わせ,保健師,健診の連携\r\n");
        let id = upload(&app, "h30.csv", &sjis, &token).await;
        let p = preview(&app, id, &token).await;
        assert_eq!(p["format"], "Shift_JIS");
        assert!(p["problems"].as_array().unwrap().is_empty(), "{}", p["problems"]);
        let r = app.call("meetings_import_commit", &form(&[("id", &id.to_string())]), Some(&token)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        let old = all(&app).await.into_iter().find(|m| m.title == "保健師との打ち合わせ").unwrap();
        assert_eq!((old.held_on.as_str(), old.professions[0].name.as_str()), ("2018-04-10", "保健師"));
        assert_eq!(meetings::find(&app.db.conn, old.id).await.unwrap().minutes, "健診の連携");
    }
}

#[tokio::test]
async fn row_problems_are_listed_with_their_lines_and_nothing_is_saved() {
    for db in backends().await {
        let app = seeded(db).await;
        let (_, token) = app.user("coordinator", Role::Coordinator).await;

        let csv = "開催日,段階,件名,職種\n\
            2024/6/27,一次,正しい行,薬剤師\n\
            2024/13/40,一次,日付が変,薬剤師\n\
            2024/7/1,四次,段階が変,薬剤師\n\
            2024/7/2,一次,職種が変,占い師\n\
            2024/7/3,一次,,薬剤師\n\
            2024/6/27,一次,正しい行,薬剤師\n";
        let id = upload(&app, "bad.csv", csv.as_bytes(), &token).await;
        let p = preview(&app, id, &token).await;
        let problems = p["problems"].as_array().unwrap();
        let at = |line: u64, column: &str, needle: &str| {
            problems.iter().any(|e| e["line"] == line && e["column"] == column && e["message"].as_str().unwrap().contains(needle))
        };
        assert!(at(3, "開催日", "2024/13/40"), "{problems:?}");
        assert!(at(4, "段階", "四次"), "{problems:?}");
        assert!(at(5, "職種", "占い師"), "{problems:?}");
        assert!(at(6, "件名", "件名"), "{problems:?}");
        assert!(at(7, "件名", "2行目"), "a repeated date and title within the file: {problems:?}");
        assert_eq!(problems.len(), 5, "{problems:?}");
        assert!(problems.iter().all(|e| e["line"] != 2), "the good row has none");

        // All rows or none: confirming a file with problems saves nothing.
        let r = app.call("meetings_import_commit", &form(&[("id", &id.to_string())]), Some(&token)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert!(all(&app).await.is_empty());
        // The refused confirmation did not use the upload up.
        assert!(preview(&app, id, &token).await["committed"].is_null());

        // A file without a required column says which.
        let id = upload(&app, "x.csv", "開催日,件名\n2024/6/27,会議\n".as_bytes(), &token).await;
        let problems = preview(&app, id, &token).await["problems"].clone();
        assert!(problems.as_array().unwrap().iter().any(|e| e["line"] == 1 && e["message"].as_str().unwrap().contains("段階")), "{problems}");
    }
}

#[tokio::test]
async fn a_meeting_already_recorded_is_left_out_unless_added_and_an_upload_is_used_once() {
    for db in backends().await {
        let app = seeded(db).await;
        let (_, token) = app.user("coordinator", Role::Coordinator).await;
        let pharmacist = directory::professions::all(&app.db.conn).await.unwrap().into_iter().find(|p| p.name == "薬剤師").unwrap().id;
        let existing = meetings::save(
            &app.db.conn,
            &Actor::system("test"),
            None,
            None,
            &MeetingInput { held_on: "2024-06-27".into(), level: "1".into(), kind: "uchiawase".into(), title: "薬剤師会 打ち合わせ会".into(), professions: vec![pharmacist], ..Default::default() },
            Utc::now(),
        )
        .await
        .unwrap();

        // The same meeting written with a full-width space, and a new one.
        let csv = "開催日,段階,件名,職種\n2024/6/27,一次,薬剤師会　打ち合わせ会,薬剤師\n2024/7/4,一次,薬剤師会 反省会,薬剤師\n";
        let id = upload(&app, "r6.csv", csv.as_bytes(), &token).await;
        let p = preview(&app, id, &token).await;
        assert!(p["problems"].as_array().unwrap().is_empty(), "{}", p["problems"]);
        assert_eq!(p["new_rows"].as_array().unwrap().len(), 1);
        let dup = &p["duplicates"][0];
        assert_eq!((dup["line"].as_u64(), dup["existing_id"].as_i64()), (Some(2), Some(existing as i64)));

        // Confirmed with the default: the recorded meeting is not repeated.
        let r = app.call("meetings_import_commit", &form(&[("id", &id.to_string())]), Some(&token)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        assert_eq!(r.header("location"), format!("/meetings/import/{id}?created=1&skipped=1"));
        let titles: Vec<String> = all(&app).await.into_iter().map(|m| m.title).collect();
        assert_eq!(titles.len(), 2, "{titles:?}");
        assert_eq!(titles.iter().filter(|t| t.starts_with("薬剤師会") && t.ends_with("打ち合わせ会")).count(), 1);

        // Confirming twice is refused.
        let r = app.call("meetings_import_commit", &form(&[("id", &id.to_string())]), Some(&token)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert_eq!(all(&app).await.len(), 2);

        // Added anyway when chosen.
        let csv = "開催日,段階,件名,職種\n2024/6/27,一次,薬剤師会 打ち合わせ会,薬剤師\n";
        let id = upload(&app, "again.csv", csv.as_bytes(), &token).await;
        assert_eq!(preview(&app, id, &token).await["duplicates"].as_array().unwrap().len(), 1);
        let r = app.call("meetings_import_commit", &form(&[("id", &id.to_string()), ("choices[]", "2:add")]), Some(&token)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        let on_the_day = meetings::list(&app.db.conn, &MeetingQuery { q: Some("薬剤師会打ち合わせ会".into()), ..Default::default() }).await.unwrap();
        assert_eq!(on_the_day.total, 2);
        assert!(on_the_day.items.iter().all(|m| m.held_on == NaiveDate::from_ymd_opt(2024, 6, 27).unwrap().to_string()));
    }
}

#[tokio::test]
async fn an_upload_is_its_uploaders_and_a_viewer_may_not_import() {
    for db in backends().await {
        let app = seeded(db).await;
        let (_, token) = app.user("coordinator", Role::Coordinator).await;
        let id = upload(&app, "r6.csv", "開催日,段階,件名,職種\n2024/6/27,一次,会議,薬剤師\n".as_bytes(), &token).await;

        let (_, other) = app.user("other", Role::Coordinator).await;
        assert_eq!(app.call("meetings_import_preview", &form(&[("id", &id.to_string())]), Some(&other)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.call("meetings_import_commit", &form(&[("id", &id.to_string())]), Some(&other)).await.status, StatusCode::NOT_FOUND);
        assert!(all(&app).await.is_empty());

        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        assert_eq!(app.upload("/meetings/import", "file", "x.csv", b"a", Some(&viewer)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.call("meetings_import_preview", &form(&[("id", &id.to_string())]), Some(&viewer)).await.status, StatusCode::FORBIDDEN);
        let r = app.upload("/meetings/import", "file", "x.csv", b"", Some(&token)).await;
        assert_eq!(r.header("location"), "/meetings/import?error=empty");

        // The uploader's own still works.
        let r = app.call("meetings_import_commit", &form(&[("id", &id.to_string())]), Some(&token)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        assert_eq!(all(&app).await.len(), 1);
    }
}
