//! Importing the centres' resource spreadsheets: XLSX and CSV (UTF-8, Shift_JIS), columns by
//! header, a preview with row problems and likely duplicates, nothing saved until confirmed,
//! merge / add / leave out per matching row, and a collector's import held to their district.

use crate::common;

use app::domain::resources::ResourceInput;
use app::domain::Role;
use app::dto::resources::ResourceQuery;
use app::server::services::audit::Actor;
use app::server::services::resources::{self, collectors, lists};
use chrono::{NaiveDate, Utc};
use common::{backends, form, TestApp};
use http::StatusCode;

async fn district(app: &TestApp, name: &str) -> i32 {
    lists::Districts::load(&app.db.conn).await.unwrap().all.iter().find(|x| x.name == name).unwrap().id
}

async fn category(app: &TestApp, name: &str) -> i32 {
    lists::Categories::load(&app.db.conn).await.unwrap().choices().into_iter().find(|x| x.name == name).unwrap().id
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

/// Uploads a file and returns the preview's id (the redirect's last segment).
async fn upload(app: &TestApp, name: &str, bytes: &[u8], token: &str) -> i32 {
    let r = app.upload("/resources/import", "file", name, bytes, Some(token)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let to = r.header("location").to_string();
    to.strip_prefix("/resources/import/").and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("redirected to {to}"))
}

async fn preview(app: &TestApp, id: i32, token: &str) -> serde_json::Value {
    let r = app.call("resources_import_preview", &form(&[("id", &id.to_string())]), Some(token)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

async fn names(app: &TestApp) -> Vec<String> {
    resources::list(&app.db.conn, &ResourceQuery::default(), today()).await.unwrap().items.into_iter().map(|i| i.name).collect()
}

fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[tokio::test]
async fn a_team_import_previews_problems_and_duplicates_and_saves_only_when_confirmed() {
    for db in backends().await {
        lists::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let (_, token) = app.user("coordinator", Role::Coordinator).await;
        let unosumai = district(&app, "鵜住居").await;
        let cafe = category(&app, "地域の参加資源 › つながるカフェ").await;
        let existing = resources::save(
            &app.db.conn,
            &Actor::system("test"),
            None,
            None,
            &ResourceInput { name: "鵜住居つながるカフェ".into(), category: cafe.to_string(), district: unosumai.to_string(), schedule: "毎月第2火曜".into(), cost: "100円".into(), activity: "active".into(), ..Default::default() },
            Utc::now(),
        )
        .await
        .unwrap();

        // Shift_JIS CSV as Excel saves it; headers in the centre's own words and order.
        let bad = "活動名,地区,種別,開催日時,参加費\r\n唐丹100歳体操,唐丹地区,100歳体操,毎週水曜,無料\r\n謎の会,鵜住居,存在しない分類,,\r\n,鵜住居,つながるカフェ,,\r\n";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(bad);
        let id = upload(&app, "r6_鵜住居.csv", &sjis, &token).await;
        let p = preview(&app, id, &token).await;
        assert_eq!(p["format"], "Shift_JIS");
        let problems = p["problems"].as_array().unwrap();
        assert!(problems.iter().any(|e| e["line"] == 3 && e["column"] == "分類" && e["message"].as_str().unwrap().contains("存在しない分類")), "{problems:?}");
        assert!(problems.iter().any(|e| e["line"] == 4 && e["column"] == "名称"), "{problems:?}");
        // A file with problems saves nothing, even when confirmed.
        let r = app.call("resources_import_commit", &form(&[("id", &id.to_string())]), Some(&token)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert_eq!(names(&app).await, vec!["鵜住居つながるカフェ"]);

        // Fixed, as XLSX: a new entry, a changed existing one, and an unchanged duplicate.
        let file = xlsx(&[
            &["名称", "分類", "地区", "日時", "参加費", "状況"],
            &["唐丹100歳体操", "100歳体操", "唐丹地区生活応援センター", "毎週水曜 10:00", "無料", ""],
            &["鵜住居つながるカフェ", "地域の参加資源>つながるカフェ", "鵜住居", "毎月第3火曜", "", "活動中"],
            &["甲子の自主グループ", "自主グループ", "甲子", "", "", "休止中"],
        ]);
        let id = upload(&app, "r6.xlsx", &file, &token).await;
        let p = preview(&app, id, &token).await;
        assert_eq!(p["format"], "Excel (XLSX)");
        assert!(p["problems"].as_array().unwrap().is_empty(), "{}", p["problems"]);
        assert_eq!(p["new_rows"].as_array().unwrap().len(), 2);
        let dup = &p["duplicates"][0];
        assert_eq!((dup["line"].as_u64(), dup["existing_id"].as_i64()), (Some(3), Some(existing as i64)));
        assert_eq!(dup["changes"], serde_json::json!(["日時"]), "a blank 参加費 keeps 100円");
        assert_eq!(names(&app).await.len(), 1, "a preview saves nothing");

        // Confirmed with the default (merge) for the duplicate.
        let r = app.call("resources_import_commit", &form(&[("id", &id.to_string())]), Some(&token)).await;
        assert!(r.status.is_redirection() || r.status.is_success(), "{}: {}", r.status, r.body);
        let merged = resources::record::find(&app.db.conn, existing).await.unwrap();
        assert_eq!((merged.schedule.as_str(), merged.cost.as_str()), ("毎月第3火曜", "100円"));
        let mut all = names(&app).await;
        all.sort();
        assert_eq!(all, vec!["唐丹100歳体操", "甲子の自主グループ", "鵜住居つながるカフェ"]);
        let list = resources::list(&app.db.conn, &ResourceQuery { q: Some("甲子の自主".into()), ..Default::default() }, today()).await.unwrap();
        let row = resources::record::find(&app.db.conn, list.items[0].id).await.unwrap();
        assert_eq!((row.screening.as_str(), row.activity.as_str()), ("collected", "paused"), "imported entries wait in the queue");
        assert_eq!(preview(&app, id, &token).await["committed"], serde_json::json!([2, 1]));
        // Confirming twice does nothing more.
        let r = app.call("resources_import_commit", &form(&[("id", &id.to_string())]), Some(&token)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);

        // The same file again: each duplicate as chosen — one added anew, one left out.
        let id = upload(&app, "r6.xlsx", &file, &token).await;
        let p = preview(&app, id, &token).await;
        assert_eq!(p["duplicates"].as_array().unwrap().len(), 3);
        let r = app.call("resources_import_commit", &form(&[("id", &id.to_string()), ("choices[]", "2:new"), ("choices[]", "3:skip"), ("choices[]", "4:skip")]), Some(&token)).await;
        assert!(r.status.is_redirection() || r.status.is_success(), "{}: {}", r.status, r.body);
        assert_eq!(names(&app).await.iter().filter(|n| *n == "唐丹100歳体操").count(), 2);
        assert_eq!(names(&app).await.len(), 4);

        // Someone else's upload is not found; a viewer may not import.
        let (_, other) = app.user("other", Role::Coordinator).await;
        assert_eq!(app.call("resources_import_preview", &form(&[("id", &id.to_string())]), Some(&other)).await.status, StatusCode::NOT_FOUND);
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        assert_eq!(app.upload("/resources/import", "file", "x.csv", b"a", Some(&viewer)).await.status, StatusCode::FORBIDDEN);
        let r = app.upload("/resources/import", "file", "x.csv", b"", Some(&token)).await;
        assert_eq!(r.header("location"), "/resources/import?error=empty");
    }
}

#[tokio::test]
async fn a_collectors_import_stays_in_their_district() {
    for db in backends().await {
        lists::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let (col, token) = app.user("unosumai", Role::Collector).await;
        let unosumai = district(&app, "鵜住居").await;
        collectors::assign(&app.db.conn, &Actor::system("t"), col.id, "unosumai", Role::Collector, &unosumai.to_string(), Utc::now()).await.unwrap();

        let csv = "\u{feff}名称,分類,地区\n片岸のお茶っこ,つながるカフェ,\n栗林サロン,つながるカフェ,栗橋\n";
        let id = upload(&app, "x.csv", csv.as_bytes(), &token).await;
        let p = preview(&app, id, &token).await;
        let problems = p["problems"].as_array().unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0]["message"].as_str().unwrap().contains("担当地区（鵜住居）以外"), "{problems:?}");

        let id = upload(&app, "x.csv", "名称,分類\n片岸のお茶っこ,つながるカフェ\n".as_bytes(), &token).await;
        let r = app.call("resources_import_commit", &form(&[("id", &id.to_string())]), Some(&token)).await;
        assert!(r.status.is_redirection() || r.status.is_success(), "{}: {}", r.status, r.body);
        let list = resources::list(&app.db.conn, &ResourceQuery::default(), today()).await.unwrap();
        let row = resources::record::find(&app.db.conn, list.items[0].id).await.unwrap();
        assert_eq!((row.name.as_str(), row.district_id, row.screening.as_str()), ("片岸のお茶っこ", Some(unosumai), "collected"));
    }
}
