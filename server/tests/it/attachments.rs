//! Files attached to meetings, trainings and issues: upload, list, download headers, the
//! refusals (type, size, emptiness), the permissions of the record per role — an issue's
//! file is as confidential as the issue, for every role — and deletion with its file.

use crate::common;

use app::domain::attachments::MAX_BYTES;
use app::domain::issues::{IssueInput, Layer};
use app::domain::meetings::{Level, MeetingInput};
use app::domain::trainings::{default_plan, TrainingInput};
use app::domain::Role;
use app::server::entities::{attachment, audit_log};
use app::server::services::audit::Actor;
use app::server::services::issues::access::IssueAccess;
use app::server::services::{directory, issues, meetings, trainings};
use chrono::{NaiveDate, Utc};
use common::{backends, TestApp, TestDb, TestResponse};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";

async fn seeded(db: TestDb) -> TestApp {
    directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    TestApp::new(db).await
}

async fn profession(app: &TestApp, name: &str) -> i32 {
    directory::professions::all(&app.db.conn).await.unwrap().into_iter().find(|p| p.name == name).unwrap().id
}

async fn meeting(app: &TestApp, title: &str) -> i32 {
    let input = MeetingInput {
        held_on: "2024-06-27".into(),
        level: Level::First.number().to_string(),
        kind: "uchiawase".into(),
        title: title.into(),
        level_reason: "テスト".into(),
        ..Default::default()
    };
    meetings::save(&app.db.conn, &Actor::system("test"), None, None, &input, Utc::now()).await.unwrap()
}

async fn training(app: &TestApp, title: &str) -> i32 {
    let input = TrainingInput {
        title: title.into(),
        hosting: "team".into(),
        level: "3".into(),
        held_on: "2024-07-10".into(),
        format: "inperson".into(),
        status: "preparing".into(),
        work_items: vec!["カ".into()],
        level_reason: "テスト".into(),
        support: default_plan("team"),
        ..Default::default()
    };
    trainings::save(&app.db.conn, &Actor::system("test"), None, None, &input, Utc::now()).await.unwrap()
}

async fn issue(app: &TestApp, profession: i32, title: &str) -> i32 {
    let input = IssueInput {
        profession: profession.to_string(),
        title: title.into(),
        layer: Layer::Region.code().into(),
        status: "extracted".into(),
        source: "other".into(),
        ..Default::default()
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    issues::register::save(&app.db.conn, &IssueAccess::unrestricted(), &Actor::system("test"), None, None, &input, today, Utc::now()).await.unwrap()
}

/// Uploads a file to a record; the response as it came.
async fn upload(app: &TestApp, kind: &str, record: i32, name: &str, bytes: &[u8], token: Option<&str>) -> TestResponse {
    app.upload(&format!("/attachments/{kind}/{record}"), "file", name, bytes, token).await
}

/// Uploads a file that must be taken; its attachment's id (from the redirect's fragment).
async fn attach(app: &TestApp, kind: &str, record: i32, name: &str, bytes: &[u8], token: &str) -> i32 {
    let res = upload(app, kind, record, name, bytes, Some(token)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let to = res.header("location").to_string();
    assert!(to.contains("?attachment=1#attachment-"), "redirected to {to}");
    to.rsplit("#attachment-").next().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("redirected to {to}"))
}

async fn rows(app: &TestApp) -> u64 {
    attachment::Entity::find().count(&app.db.conn).await.unwrap()
}

/// The files kept in the app's attachments folder (temporary files would be hidden).
fn stored_files(app: &TestApp) -> Vec<std::path::PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&app.state.attachments_dir, &mut out);
    out.sort();
    out
}

fn list_body(kind: &str, record: i32) -> String {
    format!("kind={kind}&record_id={record}")
}

fn done(res: &TestResponse) -> bool {
    res.status.is_success() || res.status.is_redirection()
}

#[tokio::test]
async fn a_meetings_file_is_uploaded_listed_and_downloaded_only_as_an_attachment() {
    for db in backends().await {
        let app = seeded(db).await;
        let backend = app.db.backend;
        let (_, coord) = app.user("coord", Role::Coordinator).await;
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let m = meeting(&app, "薬剤師会との打ち合わせ").await;

        let id = attach(&app, "meeting", m, "次第.pdf", PDF, &coord).await;
        let res = upload(&app, "meeting", m, "次第.pdf", PDF, Some(&coord)).await;
        assert!(res.header("location").starts_with(&format!("/meetings/{m}?attachment=1")), "{backend}: {}", res.header("location"));

        // Listed, for readers too.
        let list = app.call("attachments_list", &list_body("meeting", m), Some(&viewer)).await;
        assert_eq!(list.status, StatusCode::OK, "{backend}: {}", list.body);
        let list = list.json();
        assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
        assert_eq!(list[0]["id"], id);
        assert_eq!(list[0]["file_name"], "次第.pdf");
        assert_eq!(list[0]["uploaded_by"], "coord さん");
        assert!(list[0]["size_label"].as_str().unwrap().ends_with(" B"), "{list}");
        // The same bytes twice are one file.
        assert_eq!(stored_files(&app).len(), 1, "{backend}: {:?}", stored_files(&app));

        // The page lists them; only writers get the form and the delete links.
        let page = app.get(&format!("/meetings/{m}"), Some(&coord)).await;
        assert!(page.body.contains("添付ファイル") && page.body.contains("次第.pdf"), "{backend}");
        assert!(page.body.contains(r#"data-testid="attachment-form""#) && page.body.contains(&format!("/attachments/{id}/delete")), "{backend}");
        assert!(page.body.contains(r#"enctype="multipart/form-data""#) && page.body.contains(&format!(r#"action="/attachments/meeting/{m}""#)), "{backend}");
        let page = app.get(&format!("/meetings/{m}"), Some(&viewer)).await;
        assert!(page.body.contains("次第.pdf") && page.body.contains(&format!(r#"href="/attachments/{id}""#)), "{backend}");
        assert!(!page.body.contains(r#"data-testid="attachment-form""#) && !page.body.contains(&format!("/attachments/{id}/delete")), "{backend}");
        let empty = meeting(&app, "まだ何もない会議").await;
        assert!(app.get(&format!("/meetings/{empty}"), Some(&viewer)).await.body.contains("添付ファイルはありません。"), "{backend}");

        // The download: the bytes, as an attachment, never sniffed, cached or run.
        let file = app.get(&format!("/attachments/{id}"), Some(&viewer)).await;
        assert_eq!(file.status, StatusCode::OK, "{backend}: {}", file.body);
        assert_eq!(file.bytes, PDF);
        assert_eq!(file.header("content-type"), "application/pdf");
        let disposition = file.header("content-disposition");
        assert!(disposition.starts_with("attachment;"), "{disposition}");
        assert!(disposition.contains("filename*=UTF-8''%E6%AC%A1%E7%AC%AC.pdf"), "{disposition}");
        assert_eq!(file.header("x-content-type-options"), "nosniff");
        assert_eq!(file.header("cache-control"), "private, no-store");
        assert_eq!(file.header("content-security-policy"), "sandbox");

        // Viewers read but neither add nor delete.
        let before = rows(&app).await;
        assert_eq!(upload(&app, "meeting", m, "x.pdf", PDF, Some(&viewer)).await.status, StatusCode::FORBIDDEN, "{backend}");
        assert_eq!(app.call("attachments_delete", &format!("id={id}"), Some(&viewer)).await.status, StatusCode::FORBIDDEN, "{backend}");
        assert_eq!(app.call("attachments_get", &format!("id={id}"), Some(&viewer)).await.status, StatusCode::FORBIDDEN, "{backend}");
        assert_eq!(app.get(&format!("/attachments/{id}/delete"), Some(&viewer)).await.status, StatusCode::FORBIDDEN, "{backend}");
        assert_eq!(rows(&app).await, before);
        // Those who may not read meetings get neither the list nor the file.
        for role in [Role::Collector, Role::Partner] {
            let (_, token) = app.user(role.code(), role).await;
            assert_eq!(app.get(&format!("/attachments/{id}"), Some(&token)).await.status, StatusCode::FORBIDDEN, "{backend} {role:?}");
            let list = app.call("attachments_list", &list_body("meeting", m), Some(&token)).await;
            assert_eq!(list.status, StatusCode::FORBIDDEN, "{backend} {role:?}");
            assert!(!list.body.contains("次第.pdf"));
            assert_eq!(upload(&app, "meeting", m, "x.pdf", PDF, Some(&token)).await.status, StatusCode::FORBIDDEN, "{backend} {role:?}");
        }
        // Without a session: the sign-in page, or 401.
        let anonymous = app.get(&format!("/attachments/{id}"), None).await;
        assert!(anonymous.status.is_redirection() && anonymous.header("location").starts_with("/login"), "{backend}: {}", anonymous.status);
        assert_eq!(upload(&app, "meeting", m, "x.pdf", PDF, None).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(rows(&app).await, before);
        // Unknown kinds and records.
        assert_eq!(upload(&app, "consultation", m, "x.pdf", PDF, Some(&coord)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(upload(&app, "meeting", 999_999, "x.pdf", PDF, Some(&coord)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get("/attachments/999999", Some(&coord)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get("/attachments/abc", Some(&coord)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.call("attachments_list", &list_body("meeting", 999_999), Some(&coord)).await.status, StatusCode::NOT_FOUND);

        // Uploads and deletions are in the audit trail.
        let created = audit_log::Entity::find()
            .filter(audit_log::Column::EntityType.eq("attachment"))
            .filter(audit_log::Column::EntityId.eq(id as i64))
            .one(&app.db.conn)
            .await
            .unwrap()
            .expect("the upload is audited");
        assert_eq!(created.action, "create");
        assert!(created.summary.contains("次第.pdf"), "{}", created.summary);

        // A training's files have the training's permissions.
        let t = training(&app, "多職種連携研修").await;
        let flyer = attach(&app, "training", t, "チラシ.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &coord).await;
        let file = app.get(&format!("/attachments/{flyer}"), Some(&viewer)).await;
        assert_eq!((file.status, file.header("content-type")), (StatusCode::OK, "image/png"), "{backend}");
        assert!(app.get(&format!("/trainings/{t}"), Some(&viewer)).await.body.contains("チラシ.png"), "{backend}");
        assert_eq!(upload(&app, "training", t, "x.pdf", PDF, Some(&viewer)).await.status, StatusCode::FORBIDDEN, "{backend}");
    }
}

#[tokio::test]
async fn files_that_are_not_what_they_claim_empty_or_too_large_are_refused_with_a_message() {
    for db in backends().await {
        let app = seeded(db).await;
        let backend = app.db.backend;
        let (_, coord) = app.user("coord", Role::Coordinator).await;
        let m = meeting(&app, "打ち合わせ").await;
        let refused = |res: &TestResponse, code: &str| {
            assert_eq!(res.status, StatusCode::SEE_OTHER, "{backend} {code}: {}", res.body);
            assert_eq!(res.header("location"), format!("/meetings/{m}?attachment_error={code}#attachments"), "{backend}");
        };
        let disguised: &[(&str, &[u8])] = &[
            ("x.pdf", b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"),
            ("x.html", b"<!DOCTYPE html><html></html>"),
            ("logo.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
            ("setup.exe", b"MZ\x90\0\x03\0\0\0\x04\0"),
            ("run.sh", b"#!/bin/sh\necho hi\n"),
            ("x.txt", b"binary\0data"),
            ("noext", PDF),
        ];
        for (name, bytes) in disguised {
            refused(&upload(&app, "meeting", m, name, bytes, Some(&coord)).await, "type");
        }
        refused(&upload(&app, "meeting", m, "empty.pdf", b"", Some(&coord)).await, "empty");
        // Just over the limit: read, and refused with the message.
        let mut big = PDF.to_vec();
        big.resize(MAX_BYTES + 1, b' ');
        refused(&upload(&app, "meeting", m, "big.pdf", &big, Some(&coord)).await, "size");
        // Far over it: read to the end but not kept, and the form says why.
        big.resize(MAX_BYTES + 256 * 1024, b' ');
        refused(&upload(&app, "meeting", m, "bigger.pdf", &big, Some(&coord)).await, "size");
        // Even so for one signed out: the page it goes back to asks them to sign in.
        let res = upload(&app, "meeting", m, "bigger.pdf", &big, None).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{backend}");
        let res = app.get(&res.header("location").to_string(), None).await;
        assert!(res.status.is_redirection() && res.header("location").starts_with("/login"), "{backend}: {} {}", res.status, res.header("location"));
        // An import's file too, back to its own form.
        let res = app.upload("/meetings/import", "file", "past.csv", &big, Some(&coord)).await;
        assert_eq!((res.status, res.header("location")), (StatusCode::SEE_OTHER, "/meetings/import?error=size"), "{backend}");
        // Past what is worth reading, a plain 413 before any of it is read.
        let req = http::Request::post(format!("/attachments/meeting/{m}"))
            .header("host", common::HOST)
            .header("origin", format!("http://{}", common::HOST))
            .header("cookie", format!("renkei_session={coord}"))
            .header("content-type", "multipart/form-data; boundary=x")
            .header("content-length", (server::limit::DRAIN_CAP + 1).to_string())
            .body(axum::body::Body::from("--x--"))
            .unwrap();
        let res = common::send(&app.router, req).await;
        assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{backend}: {}", res.body);
        assert_eq!(rows(&app).await, 0, "{backend}: nothing stored");
        assert!(stored_files(&app).is_empty(), "{backend}: {:?}", stored_files(&app));

        // The page says why, next to the field.
        let page = app.get(&format!("/meetings/{m}?attachment_error=type"), Some(&coord)).await;
        assert!(page.body.contains("この種類のファイルは添付できません") && page.body.contains("PDF"), "{backend}");
        assert!(page.body.contains(r#"aria-invalid="true""#), "{backend}");
        let page = app.get(&format!("/meetings/{m}?attachment_error=size"), Some(&coord)).await;
        assert!(page.body.contains("20MBまで"), "{backend}");

        // Exactly at the limit is fine.
        big.truncate(MAX_BYTES);
        attach(&app, "meeting", m, "just.pdf", &big, &coord).await;
        assert_eq!(rows(&app).await, 1);
    }
}

#[tokio::test]
async fn an_issues_files_are_as_confidential_as_the_issue_for_every_role() {
    for db in backends().await {
        let app = seeded(db).await;
        let backend = app.db.backend;
        let (ph, de) = (profession(&app, "薬剤師").await, profession(&app, "歯科医師").await);
        let (_, admin) = app.user("admin", Role::Admin).await;
        let (_, coord) = app.user("coord", Role::Coordinator).await;
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let (granted, granted_t) = app.user("granted", Role::Viewer).await;
        let (_, collector) = app.user("collector", Role::Collector).await;
        let (_, partner) = app.user("partner", Role::Partner).await;
        issues::grants::set(&app.db.conn, &Actor::system("t"), granted.id, &[ph], Utc::now()).await.unwrap();

        let hidden = issue(&app, de, "歯科の秘密課題").await;
        let shared = issue(&app, ph, "薬剤師の共有課題").await;
        // Long enough that nothing in a page contains it by chance.
        let secret_name = "ZQXJK9W8-署名済み議事録.pdf";
        let secret = attach(&app, "issue", hidden, secret_name, PDF, &coord).await;
        let open = attach(&app, "issue", shared, "共有の資料.pdf", b"%PDF-1.7 shared", &coord).await;

        // Those who read every register see and download it.
        for (label, token) in [("admin", &admin), ("coordinator", &coord)] {
            let file = app.get(&format!("/attachments/{secret}"), Some(token)).await;
            assert_eq!(file.status, StatusCode::OK, "{backend} {label}");
            assert!(app.call("attachments_list", &list_body("issue", hidden), Some(token)).await.body.contains(secret_name), "{backend} {label}");
            assert!(app.get(&format!("/issues/{hidden}"), Some(token)).await.body.contains(secret_name), "{backend} {label}");
        }

        // Everyone else: not found, exactly like a missing file, on every path.
        let missing_file = app.get("/attachments/999999", Some(&viewer)).await;
        for (label, token) in [("viewer", &viewer), ("granted", &granted_t), ("collector", &collector), ("partner", &partner)] {
            let mut bodies = Vec::new();
            let file = app.get(&format!("/attachments/{secret}"), Some(token)).await;
            assert_eq!(file.status, StatusCode::NOT_FOUND, "{backend} {label}");
            assert_eq!(file.body, missing_file.body, "{backend} {label}: a forbidden file answers like a missing one");
            bodies.push(("download", file));
            let list = app.call("attachments_list", &list_body("issue", hidden), Some(token)).await;
            assert_eq!(list.status, StatusCode::NOT_FOUND, "{backend} {label}");
            bodies.push(("list", list));
            let get = app.call("attachments_get", &format!("id={secret}"), Some(token)).await;
            assert_eq!(get.status, StatusCode::NOT_FOUND, "{backend} {label}");
            bodies.push(("get", get));
            let delete = app.call("attachments_delete", &format!("id={secret}"), Some(token)).await;
            assert_eq!(delete.status, StatusCode::NOT_FOUND, "{backend} {label}");
            bodies.push(("delete", delete));
            let up = upload(&app, "issue", hidden, "x.pdf", PDF, Some(token)).await;
            assert_eq!(up.status, StatusCode::NOT_FOUND, "{backend} {label}");
            bodies.push(("upload", up));
            bodies.push(("delete page", app.get(&format!("/attachments/{secret}/delete"), Some(token)).await));
            bodies.push(("issue page", app.get(&format!("/issues/{hidden}"), Some(token)).await));
            for (what, res) in &bodies {
                assert!(!res.body.contains("ZQXJK9W8") && !res.bytes.starts_with(PDF), "{backend} {label}: the file shows on {what} ({})", res.status);
            }
        }
        assert!(app.get(&format!("/attachments/{secret}"), None).await.status.is_redirection(), "{backend}: anonymous to the sign-in");
        assert_eq!(rows(&app).await, 2, "{backend}: nobody without access added or deleted a file");

        // The granted register: its files are readable, not writable.
        let file = app.get(&format!("/attachments/{open}"), Some(&granted_t)).await;
        assert_eq!(file.status, StatusCode::OK, "{backend}");
        assert!(app.call("attachments_list", &list_body("issue", shared), Some(&granted_t)).await.body.contains("共有の資料.pdf"), "{backend}");
        let page = app.get(&format!("/issues/{shared}"), Some(&granted_t)).await;
        assert!(page.body.contains("共有の資料.pdf") && !page.body.contains(r#"data-testid="attachment-form""#), "{backend}");
        assert_eq!(upload(&app, "issue", shared, "x.pdf", PDF, Some(&granted_t)).await.status, StatusCode::FORBIDDEN, "{backend}");
        assert_eq!(app.call("attachments_delete", &format!("id={open}"), Some(&granted_t)).await.status, StatusCode::FORBIDDEN, "{backend}");
        // A viewer without a grant does not see even the granted register's file.
        assert_eq!(app.get(&format!("/attachments/{open}"), Some(&viewer)).await.status, StatusCode::NOT_FOUND, "{backend}");
    }
}

#[tokio::test]
async fn deleting_removes_the_row_and_the_file_once_nothing_refers_to_it() {
    for db in backends().await {
        let app = seeded(db).await;
        let backend = app.db.backend;
        let (_, coord) = app.user("coord", Role::Coordinator).await;
        let (m1, m2) = (meeting(&app, "第1回").await, meeting(&app, "第2回").await);
        let a = attach(&app, "meeting", m1, "議事録.pdf", PDF, &coord).await;
        let b = attach(&app, "meeting", m2, "議事録（写し）.pdf", PDF, &coord).await;
        let other = attach(&app, "meeting", m2, "名簿.csv", "名前,職種\n山田,薬剤師\n".as_bytes(), &coord).await;
        assert_eq!(stored_files(&app).len(), 2, "{backend}");

        // The confirmation page names the file and posts its id.
        let page = app.get(&format!("/attachments/{a}/delete"), Some(&coord)).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("議事録.pdf") && page.body.contains(&format!("/meetings/{m1}#attachments")), "{backend}");

        let res = app.call("attachments_delete", &format!("id={a}"), Some(&coord)).await;
        assert!(done(&res), "{backend}: {} {}", res.status, res.body);
        assert!(attachment::Entity::find_by_id(a).one(&app.db.conn).await.unwrap().is_none());
        assert_eq!(stored_files(&app).len(), 2, "{backend}: the copy on the second meeting keeps the file");
        assert_eq!(app.get(&format!("/attachments/{b}"), Some(&coord)).await.bytes, PDF);
        assert_eq!(app.get(&format!("/attachments/{a}"), Some(&coord)).await.status, StatusCode::NOT_FOUND);

        let res = app.call("attachments_delete", &format!("id={b}"), Some(&coord)).await;
        assert!(done(&res), "{backend}: {} {}", res.status, res.body);
        assert_eq!(stored_files(&app).len(), 1, "{backend}: no row refers to the PDF any more");
        assert_eq!(app.get(&format!("/attachments/{other}"), Some(&coord)).await.header("content-type"), "text/csv; charset=utf-8");
        assert_eq!(app.call("attachments_delete", &format!("id={b}"), Some(&coord)).await.status, StatusCode::NOT_FOUND);

        let deleted = audit_log::Entity::find()
            .filter(audit_log::Column::EntityType.eq("attachment"))
            .filter(audit_log::Column::Action.eq("delete"))
            .count(&app.db.conn)
            .await
            .unwrap();
        assert_eq!(deleted, 2, "{backend}");
        // Without JavaScript the form post comes back to the record's page.
        let c = attach(&app, "meeting", m1, "次第.pdf", b"%PDF-1.5 agenda", &coord).await;
        let req = http::Request::post("/api/attachments_delete")
            .header("host", common::HOST)
            .header("origin", format!("http://{}", common::HOST))
            .header("referer", format!("http://{}/attachments/{c}/delete", common::HOST))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html,application/xhtml+xml")
            .header("cookie", format!("renkei_session={coord}"))
            .body(axum::body::Body::from(format!("id={c}")))
            .unwrap();
        let res = common::send(&app.router, req).await;
        assert!(res.status.is_redirection(), "{backend}: {}", res.status);
        assert!(res.header("location").starts_with(&format!("/meetings/{m1}?attachment_deleted=1")), "{backend}: {}", res.header("location"));
    }
}
