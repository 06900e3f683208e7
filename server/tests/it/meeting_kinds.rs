//! Meeting kinds (会議の種類): seeded once with the team's list, then kept by administrators.
//! Meetings keep their kind's code, so a rename relabels every meeting, a retired kind is
//! refused for new meetings but stays on the meetings that have it, and only
//! administrators may change the list.

use crate::common;

use app::api::meetings::MeetingQuery;
use app::domain::meetings::{Level, MeetingInput, MEETING_KINDS};
use app::domain::Role;
use app::error::AppError;
use app::server::entities::audit_log;
use app::server::services::audit::Actor;
use app::server::services::{directory, meetings};
use chrono::{NaiveDate, Utc};
use common::{backends, form, TestApp, TestDb};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn seeded(db: TestDb) -> TestApp {
    directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    meetings::kinds::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    TestApp::new(db).await
}

async fn profession(app: &TestApp) -> i32 {
    directory::professions::all(&app.db.conn).await.unwrap()[0].id
}

fn meeting(date: &str, kind: &str, profession: i32, title: &str) -> MeetingInput {
    MeetingInput {
        held_on: date.into(),
        level: Level::First.number().to_string(),
        kind: kind.into(),
        title: title.into(),
        professions: vec![profession],
        ..Default::default()
    }
}

async fn save(app: &TestApp, input: &MeetingInput) -> Result<i32, AppError> {
    meetings::save(&app.db.conn, &Actor::system("test"), None, None, input, Utc::now()).await
}

/// The kind of `code` as stored.
async fn kind(app: &TestApp, code: &str) -> app::server::entities::meeting_kind::Model {
    meetings::kinds::all(&app.db.conn).await.unwrap().into_iter().find(|k| k.code == code).unwrap_or_else(|| panic!("no kind {code}"))
}

/// The meetings list's CSV as rows (without the header).
async fn csv_rows(app: &TestApp, token: &str, query: &str) -> Vec<Vec<String>> {
    let res = app.get(&format!("/meetings/export.csv{query}"), Some(token)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let mut reader = csv::Reader::from_reader(res.body.trim_start_matches('\u{feff}').as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<String>>()).collect()
}

fn ok(res: &common::TestResponse) -> bool {
    res.status.is_success() || res.status.is_redirection()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[tokio::test]
async fn the_defaults_are_seeded_once_with_their_codes() {
    for db in backends().await {
        let app = seeded(db).await;
        let all = meetings::kinds::all(&app.db.conn).await.unwrap();
        let listed: Vec<(&str, &str)> = all.iter().map(|k| (k.code.as_str(), k.name.as_str())).collect();
        assert_eq!(listed, MEETING_KINDS.to_vec(), "{}", app.db.backend);
        assert!(all.iter().all(|k| k.active && k.version == 1));
        assert_eq!(kind(&app, "shuzai").await.name, "取材", "the newsletter's code stays");
        // Seeded once: a rename is not undone by the next start.
        let admin = Actor::system("admin");
        let other = kind(&app, "other").await;
        meetings::kinds::save(&app.db.conn, &admin, Some(other.id), Some(other.version), "その他の会議", Utc::now()).await.unwrap();
        meetings::kinds::ensure_defaults(&app.db.conn, Utc::now()).await.unwrap();
        let again = meetings::kinds::all(&app.db.conn).await.unwrap();
        assert_eq!(again.len(), MEETING_KINDS.len());
        assert_eq!(kind(&app, "other").await.name, "その他の会議");
        // The seeding is in the audit trail.
        let audited = audit_log::Entity::find().filter(audit_log::Column::EntityType.eq("meeting_kind")).count(&app.db.conn).await.unwrap();
        assert_eq!(audited as usize, MEETING_KINDS.len() + 1, "{} creates and one rename", MEETING_KINDS.len());
    }
}

#[tokio::test]
async fn an_added_kind_is_offered_and_shown_on_the_meeting_the_list_and_the_export() {
    for db in backends().await {
        let app = seeded(db).await;
        let pid = profession(&app).await.to_string();
        let (_, admin) = app.user("admin", Role::Admin).await;
        let (_, coordinator) = app.user("coord", Role::Coordinator).await;
        let res = app.call("meetings_save_kind", &form(&[("name", "地域ケア会議")]), Some(&admin)).await;
        assert!(ok(&res), "{} {}", res.status, res.body);
        let added = meetings::kinds::all(&app.db.conn).await.unwrap().into_iter().find(|k| k.name == "地域ケア会議").expect("the new kind");
        assert_eq!(added.code, format!("k{}", added.id), "its code is made from its id");
        assert!(added.sort_order > meetings::kinds::all(&app.db.conn).await.unwrap().iter().filter(|k| k.id != added.id).map(|k| k.sort_order).max().unwrap(), "added at the end");
        // Offered by the form and the filters.
        let choices = meetings::choices(&app.db.conn).await.unwrap();
        assert!(choices.kinds.iter().any(|k| k.code == added.code && k.name == "地域ケア会議" && k.active));
        // A meeting of that kind, saved as the form sends it.
        let fields = [
            ("held_on", "2024-06-27"), ("start_time", ""), ("end_time", ""), ("level", "1"), ("kind", added.code.as_str()), ("title", "包括との個別ケースの検討"),
            ("place", ""), ("professions[]", pid.as_str()), ("guests", ""), ("purpose", ""), ("minutes", ""), ("decisions", ""),
        ];
        let res = app.call("meetings_save", &form(&fields), Some(&coordinator)).await;
        assert!(ok(&res), "{} {}", res.status, res.body);
        let list = meetings::list(&app.db.conn, &MeetingQuery { kind: Some(added.code.clone()), ..Default::default() }).await.unwrap();
        assert_eq!(list.total, 1);
        assert_eq!(list.items[0].kind, "地域ケア会議");
        let id = list.items[0].id;
        assert_eq!(meetings::get(&app.db.conn, id, d("2024-07-01")).await.unwrap().kind, "地域ケア会議");
        let page = app.get(&format!("/meetings/{id}"), Some(&coordinator)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("地域ケア会議"), "{}", page.body);
        let listed = app.get(&format!("/meetings?kind={}", added.code), Some(&coordinator)).await;
        assert!(listed.body.contains("包括との個別ケースの検討") && listed.body.contains("地域ケア会議"), "{}", listed.body);
        let rows = csv_rows(&app, &coordinator, "?fy=2024").await;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0][5], "地域ケア会議");
        // The kinds page counts the meeting.
        let kinds = app.call("meetings_kinds", "", Some(&admin)).await.json();
        let row = kinds.as_array().unwrap().iter().find(|k| k["name"] == "地域ケア会議").unwrap().clone();
        assert_eq!(row["count"], 1);
    }
}

#[tokio::test]
async fn a_rename_relabels_the_meetings_that_have_the_kind() {
    for db in backends().await {
        let app = seeded(db).await;
        let p = profession(&app).await;
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let id = save(&app, &meeting("2018-05-10", "uchiawase", p, "薬剤師会との打ち合わせ")).await.unwrap();
        let uchiawase = kind(&app, "uchiawase").await;
        let admin = Actor::system("admin");
        meetings::kinds::save(&app.db.conn, &admin, Some(uchiawase.id), Some(uchiawase.version), "打ち合わせ", Utc::now()).await.unwrap();
        let renamed = kind(&app, "uchiawase").await;
        assert_eq!((renamed.code.as_str(), renamed.name.as_str(), renamed.version), ("uchiawase", "打ち合わせ", 2), "the code stays");
        assert_eq!(meetings::get(&app.db.conn, id, d("2024-07-01")).await.unwrap().kind, "打ち合わせ");
        assert_eq!(meetings::list(&app.db.conn, &MeetingQuery::default()).await.unwrap().items[0].kind, "打ち合わせ");
        assert_eq!(csv_rows(&app, &viewer, "?fy=2018").await[0][5], "打ち合わせ");
        // A rename from a stale copy is refused.
        let e = meetings::kinds::save(&app.db.conn, &admin, Some(uchiawase.id), Some(uchiawase.version), "打合せ会", Utc::now()).await.unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
        // In the audit trail.
        let updates = audit_log::Entity::find()
            .filter(audit_log::Column::EntityType.eq("meeting_kind"))
            .filter(audit_log::Column::Action.eq("update"))
            .count(&app.db.conn)
            .await
            .unwrap();
        assert_eq!(updates, 1);
    }
}

#[tokio::test]
async fn a_retired_kind_is_refused_for_new_meetings_but_stays_on_old_ones() {
    for db in backends().await {
        let app = seeded(db).await;
        let p = profession(&app).await;
        let admin = Actor::system("admin");
        let old = save(&app, &meeting("2023-02-10", "hansei", p, "研修の反省会")).await.unwrap();
        let hansei = kind(&app, "hansei").await;
        meetings::kinds::set_active(&app.db.conn, &admin, hansei.id, hansei.version, false, Utc::now()).await.unwrap();
        // Not for a new meeting: the field says so.
        let e = save(&app, &meeting("2024-02-10", "hansei", p, "次の反省会")).await.unwrap_err();
        assert_eq!(e.field_message("kind"), Some("会議の種類を選び直してください。"), "{e:?}");
        // Nor a kind that does not exist.
        let e = save(&app, &meeting("2024-02-10", "k99999", p, "次の反省会")).await.unwrap_err();
        assert!(e.field_message("kind").is_some(), "{e:?}");
        // With other problems, all of them at once.
        let e = save(&app, &meeting("2024-02-10", "hansei", p, "")).await.unwrap_err();
        assert!(e.field_message("kind").is_some() && e.field_message("title").is_some(), "{e:?}");
        // Still listed by the filters (marked retired), with its name on the old meeting.
        let filters = meetings::filters(&app.db.conn).await.unwrap();
        assert!(filters.kinds.iter().any(|k| k.code == "hansei" && !k.active));
        let view = meetings::get(&app.db.conn, old, d("2024-07-01")).await.unwrap();
        assert_eq!(view.kind, "反省会");
        // The old meeting can still be saved with it.
        let mut edit = view.input.clone();
        edit.minutes = "追記".into();
        meetings::save(&app.db.conn, &admin, Some(old), Some(view.version), &edit, Utc::now()).await.unwrap();
        // But not moved to another retired kind.
        let joho = kind(&app, "joho").await;
        meetings::kinds::set_active(&app.db.conn, &admin, joho.id, joho.version, false, Utc::now()).await.unwrap();
        let mut moved = edit.clone();
        moved.kind = "joho".into();
        let e = meetings::save(&app.db.conn, &admin, Some(old), Some(view.version + 1), &moved, Utc::now()).await.unwrap_err();
        assert!(e.field_message("kind").is_some(), "{e:?}");
        // Through the form: 422 with the message next to the field.
        let (_, coordinator) = app.user("coord", Role::Coordinator).await;
        let pid = p.to_string();
        let fields = [
            ("held_on", "2024-06-27"), ("start_time", ""), ("end_time", ""), ("level", "1"), ("kind", "hansei"), ("title", "次の反省会"),
            ("place", ""), ("professions[]", pid.as_str()), ("guests", ""), ("purpose", ""), ("minutes", ""), ("decisions", ""),
        ];
        let res = app.call("meetings_save", &form(&fields), Some(&coordinator)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        assert!(res.body.contains("\"field\":\"kind\"") && res.body.contains("選び直して"), "{}", res.body);
        // Restored, it is offered again.
        let hansei = kind(&app, "hansei").await;
        meetings::kinds::set_active(&app.db.conn, &admin, hansei.id, hansei.version, true, Utc::now()).await.unwrap();
        save(&app, &meeting("2024-02-10", "hansei", p, "次の反省会")).await.unwrap();
    }
}

#[tokio::test]
async fn duplicate_and_empty_names_are_refused() {
    for db in backends().await {
        let app = seeded(db).await;
        let admin = Actor::system("admin");
        let e = meetings::kinds::save(&app.db.conn, &admin, None, None, "取材", Utc::now()).await.unwrap_err();
        assert!(e.field_message("name").is_some_and(|m| m.contains("すでにあります")), "{e:?}");
        let e = meetings::kinds::save(&app.db.conn, &admin, None, None, "  ", Utc::now()).await.unwrap_err();
        assert!(e.field_message("name").is_some(), "{e:?}");
        let e = meetings::kinds::save(&app.db.conn, &admin, None, None, &"会".repeat(101), Utc::now()).await.unwrap_err();
        assert!(e.field_message("name").is_some(), "{e:?}");
        // Renaming to another kind's name is refused; keeping its own name is not.
        let jizen = kind(&app, "jizen").await;
        let e = meetings::kinds::save(&app.db.conn, &admin, Some(jizen.id), Some(jizen.version), "反省会", Utc::now()).await.unwrap_err();
        assert!(e.field_message("name").is_some(), "{e:?}");
        meetings::kinds::save(&app.db.conn, &admin, Some(jizen.id), Some(jizen.version), "事前打ち合わせ", Utc::now()).await.unwrap();
        assert_eq!(meetings::kinds::all(&app.db.conn).await.unwrap().len(), MEETING_KINDS.len());
        // Through the server function: 422, the typed name kept.
        let (_, token) = app.user("admin", Role::Admin).await;
        let res = app.call("meetings_save_kind", &form(&[("name", "視察対応")]), Some(&token)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        assert!(res.body.contains("\"field\":\"name\"") && res.body.contains("視察対応"), "{}", res.body);
        // The last kind in use cannot be retired.
        for k in meetings::kinds::all(&app.db.conn).await.unwrap().into_iter().skip(1) {
            meetings::kinds::set_active(&app.db.conn, &admin, k.id, k.version, false, Utc::now()).await.unwrap();
        }
        let last = meetings::kinds::all(&app.db.conn).await.unwrap().into_iter().find(|k| k.active).unwrap();
        let e = meetings::kinds::set_active(&app.db.conn, &admin, last.id, last.version, false, Utc::now()).await.unwrap_err();
        assert_eq!(e.status(), 400, "{e:?}");
    }
}

#[tokio::test]
async fn only_administrators_keep_the_kinds() {
    for db in backends().await {
        let app = seeded(db).await;
        let shuzai = kind(&app, "shuzai").await;
        let (id, version) = (shuzai.id.to_string(), shuzai.version.to_string());
        let (_, admin) = app.user("admin", Role::Admin).await;
        let mut others = Vec::new();
        for role in [Role::Coordinator, Role::Viewer, Role::Collector, Role::Partner] {
            let (_, token) = app.user(role.code(), role).await;
            others.push((role, token));
        }
        let calls: Vec<(&str, String)> = vec![
            ("meetings_kinds", String::new()),
            ("meetings_save_kind", form(&[("name", "新しい種類")])),
            ("meetings_save_kind", form(&[("id", &id), ("version", &version), ("name", "取材（改称）")])),
            ("meetings_retire_kind", form(&[("id", &id), ("version", &version), ("retire", "true")])),
        ];
        for (endpoint, body) in &calls {
            for (role, token) in &others {
                assert_eq!(app.call(endpoint, body, Some(token)).await.status, StatusCode::FORBIDDEN, "{endpoint} as {role:?}");
            }
            assert_eq!(app.call(endpoint, body, None).await.status, StatusCode::UNAUTHORIZED, "{endpoint}");
        }
        // Nothing changed.
        let after = kind(&app, "shuzai").await;
        assert_eq!((after.name.as_str(), after.active, after.version), ("取材", true, 1));
        assert!(!meetings::kinds::all(&app.db.conn).await.unwrap().iter().any(|k| k.name == "新しい種類"));
        // The administrator may, and the page and its link are theirs.
        assert_eq!(app.call("meetings_kinds", "", Some(&admin)).await.status, StatusCode::OK);
        let page = app.get("/meetings/kinds", Some(&admin)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("取材") && page.body.contains("視察対応"), "{}", page.body);
        assert!(app.get("/meetings", Some(&admin)).await.body.contains(r#"href="/meetings/kinds""#));
        let (_, coordinator) = &others[0];
        assert!(!app.get("/meetings", Some(coordinator)).await.body.contains(r#"href="/meetings/kinds""#));
        let refused = app.get("/meetings/kinds", Some(coordinator)).await;
        assert!(refused.body.contains("権限") || refused.status == StatusCode::FORBIDDEN, "{}", refused.status);
        assert!(!refused.body.contains("視察対応"), "no kinds for a coordinator");
        let res = app.call("meetings_retire_kind", &form(&[("id", &id), ("version", &version), ("retire", "true")]), Some(&admin)).await;
        assert!(ok(&res), "{} {}", res.status, res.body);
        assert!(!kind(&app, "shuzai").await.active);
    }
}
