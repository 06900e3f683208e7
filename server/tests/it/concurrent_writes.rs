//! Many people saving at once: on SQLite every write transaction waits its turn instead of
//! failing with "database is locked"; two edits of the same copy end in one save and edit
//! conflicts (409) that say who changed what; an edit without the version it was made from
//! is refused.

use crate::common;

use app::domain::directory::OrganisationInput;
use app::domain::meetings::MeetingInput;
use app::domain::Role;
use app::server::services::audit::Actor;
use app::server::services::{consultations, meetings, directory};
use chrono::Utc;
use common::{backends, form, TestApp};
use http::StatusCode;
use std::sync::Arc;

const WRITERS: usize = 16;

/// How each of a set of concurrent calls ended.
#[derive(Debug, Default)]
struct Outcome {
    saved: usize,
    conflicts: Vec<String>,
    other: Vec<(StatusCode, String)>,
}

/// Sends every body to `endpoint` at once, each with its own session token.
async fn all_at_once(app: &Arc<TestApp>, endpoint: &'static str, bodies: Vec<String>, tokens: &[String]) -> Outcome {
    let mut set = tokio::task::JoinSet::new();
    for (i, body) in bodies.into_iter().enumerate() {
        let app = app.clone();
        let token = tokens[i % tokens.len()].clone();
        set.spawn(async move { app.call(endpoint, &body, Some(&token)).await });
    }
    let mut out = Outcome::default();
    while let Some(res) = set.join_next().await {
        let res = res.expect("a writer task panicked");
        if res.status.is_success() || res.status.is_redirection() {
            out.saved += 1;
        } else if res.status == StatusCode::CONFLICT {
            out.conflicts.push(res.body);
        } else {
            out.other.push((res.status, res.body));
        }
    }
    out
}

async fn writers(app: &TestApp) -> Vec<String> {
    let mut tokens = Vec::new();
    for i in 0..4 {
        tokens.push(app.user(&format!("writer{i}"), Role::Coordinator).await.1);
    }
    tokens
}

/// One save, the rest conflicts naming a writer and the field they differ in; no other answer.
fn assert_one_wins(what: &str, backend: &str, out: &Outcome, field_label: &str) {
    assert!(out.other.is_empty(), "{what} on {backend}: answers other than save or conflict: {:?}", out.other);
    assert_eq!(out.saved, 1, "{what} on {backend}: exactly one of the simultaneous edits is saved: {out:?}");
    assert_eq!(out.conflicts.len(), WRITERS - 1, "{what} on {backend}");
    for body in &out.conflicts {
        assert!(body.contains("writer") && body.contains("さん"), "{what}: the conflict names who changed it: {body}");
        assert!(body.contains(field_label), "{what}: the conflict names the field ({field_label}): {body}");
    }
}

fn assert_all_saved(what: &str, backend: &str, out: &Outcome) {
    assert!(out.other.is_empty() && out.conflicts.is_empty(), "{what} on {backend}: every new record is saved: {out:?}");
    assert_eq!(out.saved, WRITERS, "{what} on {backend}");
}

fn organisation_form(id: Option<i32>, version: Option<i32>, name: &str, phone: &str) -> String {
    let id = id.map(|v| v.to_string()).unwrap_or_default();
    let version = version.map(|v| v.to_string());
    let mut pairs = vec![("name", name), ("kana", ""), ("kind", "pharmacy"), ("address", ""), ("phone", phone), ("email", ""), ("website", ""), ("notes", "")];
    if !id.is_empty() {
        pairs.push(("id", &id));
    }
    if let Some(v) = &version {
        pairs.push(("version", v));
    }
    form(&pairs)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_edits_of_one_record_end_in_one_save_and_conflicts_for_every_type() {
    for db in backends().await {
        directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        consultations::categories::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        app::server::services::meetings::kinds::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = Arc::new(TestApp::new(db).await);
        let backend = app.db.backend;
        let tokens = writers(&app).await;
        let system = Actor::system("t");
        let conn = &app.db.conn;

        // Organisation: each writer types another phone number over version 1.
        let input = OrganisationInput { name: "みなと薬局".into(), kind: "pharmacy".into(), ..Default::default() };
        let org = directory::organisations::save(conn, &system, None, None, &input, false, Utc::now()).await.unwrap();
        let bodies = (0..WRITERS).map(|i| organisation_form(Some(org), Some(1), "みなと薬局", &format!("0193-22-{:04}", 1000 + i))).collect();
        assert_one_wins("organisation", backend, &all_at_once(&app, "organisations_save", bodies, &tokens).await, "電話番号");

        // Person: each writer another title.
        let person_body = |id: Option<i32>, i: usize| {
            let id = id.map(|v| v.to_string()).unwrap_or_default();
            let title = format!("主任{i}");
            let name = if id.is_empty() { format!("新しい人{i}") } else { "山田 花子".to_string() };
            let mut pairs = vec![("name", name.as_str()), ("kana", ""), ("organisation_id", ""), ("profession_id", ""), ("title", title.as_str()), ("phone", ""), ("email", ""), ("notes", "")];
            if !id.is_empty() {
                pairs.push(("id", &id));
                pairs.push(("version", "1"));
            }
            form(&pairs)
        };
        let person_input = app::domain::directory::PersonInput { name: "山田 花子".into(), ..Default::default() };
        let person = directory::people::save(conn, &system, None, None, &person_input, Utc::now()).await.unwrap();
        let bodies = (0..WRITERS).map(|i| person_body(Some(person), i)).collect();
        assert_one_wins("person", backend, &all_at_once(&app, "people_save", bodies, &tokens).await, "役職");

        // Meeting: each writer other minutes.
        let prof = directory::professions::all(conn).await.unwrap()[0].id.to_string();
        let meeting_input = MeetingInput { held_on: "2025-06-27".into(), level: "1".into(), kind: "uchiawase".into(), title: "薬剤師との打ち合わせ".into(), professions: vec![prof.parse().unwrap()], ..Default::default() };
        let meeting = meetings::save(conn, &system, None, None, &meeting_input, Utc::now()).await.unwrap();
        let meeting_body = |id: Option<i32>, i: usize| {
            let id = id.map(|v| v.to_string()).unwrap_or_default();
            let minutes = format!("議事メモ {i}");
            let title = if id.is_empty() { format!("新しい会議{i}") } else { "薬剤師との打ち合わせ".to_string() };
            let mut pairs = vec![
                ("held_on", "2025-06-27"), ("start_time", ""), ("end_time", ""), ("level", "1"), ("kind", "uchiawase"), ("title", title.as_str()),
                ("place", ""), ("guests", ""), ("purpose", ""), ("minutes", minutes.as_str()), ("decisions", ""), ("professions[]", prof.as_str()),
            ];
            if !id.is_empty() {
                pairs.push(("id", &id));
                pairs.push(("version", "1"));
            }
            form(&pairs)
        };
        let bodies = (0..WRITERS).map(|i| meeting_body(Some(meeting), i)).collect();
        assert_one_wins("meeting", backend, &all_at_once(&app, "meetings_save", bodies, &tokens).await, "議事");

        // Consultation: each writer other content.
        let category = consultations::categories::refs(conn).await.unwrap()[0].id.to_string();
        let consultation_body = |id: Option<i32>, version: Option<&str>, i: usize| {
            let id = id.map(|v| v.to_string()).unwrap_or_default();
            let content = format!("相談内容 {i}");
            let mut pairs = vec![
                ("received_on", "2025-03-31"), ("requester", "高橋"), ("organisation", ""), ("organisation_text", ""), ("profession", ""), ("region", ""),
                ("method", ""), ("category", category.as_str()), ("content", content.as_str()), ("response", ""), ("status", "done"), ("solved_fy", ""),
                ("meeting", ""), ("issue", ""),
            ];
            if !id.is_empty() {
                pairs.push(("id", &id));
            }
            if let Some(v) = version {
                pairs.push(("version", v));
            }
            form(&pairs)
        };
        let first = all_at_once(&app, "consultations_save", vec![consultation_body(None, None, 0)], &tokens).await;
        assert_eq!(first.saved, 1, "{first:?}");
        let consultation = app::server::services::consultations::record::list(conn, &Default::default()).await.unwrap().items[0].id;
        let bodies = (0..WRITERS).map(|i| consultation_body(Some(consultation), Some("1"), i)).collect();
        assert_one_wins("consultation", backend, &all_at_once(&app, "consultations_save", bodies, &tokens).await, "内容");

        // New records at once: every one is saved.
        let bodies = (0..WRITERS).map(|i| organisation_form(None, None, &format!("新しい薬局{i}"), "")).collect();
        assert_all_saved("new organisations", backend, &all_at_once(&app, "organisations_save", bodies, &tokens).await);
        let bodies = (0..WRITERS).map(|i| person_body(None, i)).collect();
        assert_all_saved("new people", backend, &all_at_once(&app, "people_save", bodies, &tokens).await);
        let bodies = (0..WRITERS).map(|i| meeting_body(None, i)).collect();
        assert_all_saved("new meetings", backend, &all_at_once(&app, "meetings_save", bodies, &tokens).await);
        let bodies = (0..WRITERS).map(|i| consultation_body(None, None, i + 1)).collect();
        assert_all_saved("new consultations", backend, &all_at_once(&app, "consultations_save", bodies, &tokens).await);

        // An edit that does not say which version it was made from is refused, not applied.
        let res = app.call("organisations_save", &organisation_form(Some(org), None, "みなと薬局", "0193-99-9999"), Some(&tokens[0])).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{backend}: {}", res.body);
        assert!(res.body.contains("編集前の版"), "{}", res.body);
        assert_ne!(directory::organisations::find(conn, org).await.unwrap().phone, "0193-99-9999");
        let res = app.call("consultations_save", &consultation_body(Some(consultation), None, 99), Some(&tokens[0])).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{backend}: {}", res.body);
    }
}
