//! Follow-ups and training tasks after they are written: edited (text, owner, due date),
//! deleted with their version, completed or reassigned several at once, and the owner a
//! new one starts with. Only writers may change them; a stale version changes nothing.

use crate::common;

use app::domain::checklist::ChecklistInput;
use app::domain::directory::OrganisationInput;
use app::domain::meetings::{Level, MeetingInput};
use app::domain::trainings::{default_plan, TrainingInput};
use app::domain::Role;
use app::server::entities::{audit_log, follow_up, training_task};
use app::server::services::audit::Actor;
use app::server::services::meetings::follow_ups::FollowUps;
use app::server::services::shared::checklist;
use app::server::services::trainings::tasks::Tasks;
use app::server::services::{directory, meetings, trainings};
use chrono::Utc;
use common::{backends, form, TestApp, TestDb};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn sys() -> Actor {
    Actor::system("test")
}

async fn seeded(db: TestDb) -> TestApp {
    directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    meetings::kinds::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    TestApp::new(db).await
}

async fn meeting(app: &TestApp) -> i32 {
    let p = directory::professions::all(&app.db.conn).await.unwrap()[0].id;
    let input = MeetingInput {
        held_on: "2025-06-10".into(),
        level: Level::First.number().to_string(),
        kind: "uchiawase".into(),
        title: "薬剤師会との打ち合わせ会".into(),
        professions: vec![p],
        ..Default::default()
    };
    meetings::save(&app.db.conn, &sys(), None, None, &input, Utc::now()).await.unwrap()
}

async fn follow_up(app: &TestApp, meeting: i32, text: &str) -> i32 {
    let input = ChecklistInput { text: text.into(), due_on: "2025-07-01".into(), ..Default::default() };
    checklist::add::<FollowUps>(&app.db.conn, &sys(), meeting, &input, Utc::now()).await.unwrap()
}

async fn stored(app: &TestApp, id: i32) -> Option<follow_up::Model> {
    follow_up::Entity::find_by_id(id).one(&app.db.conn).await.unwrap()
}

fn ok(res: &common::TestResponse) -> bool {
    res.status.is_success() || res.status.is_redirection()
}

#[tokio::test]
async fn a_follow_up_is_edited_at_its_version_and_bad_input_keeps_it() {
    for db in backends().await {
        let app = seeded(db).await;
        let m = meeting(&app).await;
        let f = follow_up(&app, m, "議事録を送る").await;
        let (me, token) = app.user("sato", Role::Coordinator).await;
        let owner = format!("u:{}", me.id);

        // The edit page shows the item, its meeting and the owners it can be given to.
        let page = app.get(&format!("/meetings/follow-ups/{f}"), Some(&token)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("議事録を送る") && page.body.contains("薬剤師会との打ち合わせ会") && page.body.contains(&format!(r#"value="{owner}""#)), "{}", page.body);

        let save = |version: &str, text: &str, due: &str| form(&[("id", &f.to_string()), ("version", version), ("action", text), ("owner", &owner), ("due_on", due)]);
        let res = app.call("follow_ups_update", &save("1", "議事録と名簿を送る", "2025-07-15"), Some(&token)).await;
        assert!(ok(&res), "{} {}", res.status, res.body);
        let after = stored(&app, f).await.unwrap();
        assert_eq!((after.action.as_str(), after.owner_user_id, after.due_on.map(|d| d.to_string())), ("議事録と名簿を送る", Some(me.id), Some("2025-07-15".into())));
        assert_eq!(after.version, 2);

        // A stale version and bad input change nothing.
        let stale = app.call("follow_ups_update", &save("1", "古い画面からの編集", "2025-07-20"), Some(&token)).await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
        let bad = app.call("follow_ups_update", &save("2", " ", "7月1日"), Some(&token)).await;
        assert!(bad.status.is_client_error() && bad.body.contains("due_on") && bad.body.contains("action"), "{} {}", bad.status, bad.body);
        assert_eq!(stored(&app, f).await.unwrap().action, "議事録と名簿を送る");

        // The change is in the audit trail.
        let entries = audit_log::Entity::find()
            .filter(audit_log::Column::EntityType.eq("follow_up"))
            .filter(audit_log::Column::EntityId.eq(f as i64))
            .filter(audit_log::Column::Action.eq("update"))
            .count(&app.db.conn)
            .await
            .unwrap();
        assert_eq!(entries, 1);
    }
}

#[tokio::test]
async fn a_follow_up_is_deleted_only_at_its_version_and_only_by_writers() {
    for db in backends().await {
        let app = seeded(db).await;
        let m = meeting(&app).await;
        let f = follow_up(&app, m, "会場を押さえる").await;
        let (_, token) = app.user("sato", Role::Coordinator).await;
        let (_, viewer) = app.user("viewer", Role::Viewer).await;

        let confirm = app.get(&format!("/meetings/follow-ups/{f}/delete"), Some(&token)).await;
        assert!(confirm.status == StatusCode::OK && confirm.body.contains("会場を押さえる") && confirm.body.contains("元に戻せません"), "{}", confirm.body);

        for (endpoint, body) in [
            ("follow_ups_delete", format!("id={f}&version=1")),
            ("follow_ups_update", form(&[("id", &f.to_string()), ("version", "1"), ("action", "x"), ("owner", ""), ("due_on", "")])),
            ("follow_ups_bulk", form(&[("op", "done"), ("pick[]", &format!("{f}:1"))])),
            ("follow_ups_get", format!("id={f}")),
        ] {
            let res = app.call(endpoint, &body, Some(&viewer)).await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{endpoint}: {}", res.body);
        }
        assert_eq!(stored(&app, f).await.unwrap().version, 1, "the viewer changed nothing");

        let stale = app.call("follow_ups_delete", &format!("id={f}&version=7"), Some(&token)).await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        assert!(stored(&app, f).await.is_some());
        let res = app.call("follow_ups_delete", &format!("id={f}&version=1"), Some(&token)).await;
        assert!(ok(&res), "{} {}", res.status, res.body);
        assert!(stored(&app, f).await.is_none());
        let deleted = audit_log::Entity::find()
            .filter(audit_log::Column::EntityType.eq("follow_up"))
            .filter(audit_log::Column::EntityId.eq(f as i64))
            .filter(audit_log::Column::Action.eq("delete"))
            .one(&app.db.conn)
            .await
            .unwrap()
            .expect("the deletion is audited");
        assert_eq!(deleted.summary, "会場を押さえる");
        let again = app.call("follow_ups_delete", &format!("id={f}&version=1"), Some(&token)).await;
        assert_eq!(again.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn follow_ups_are_completed_together_or_not_at_all() {
    for db in backends().await {
        let app = seeded(db).await;
        let m = meeting(&app).await;
        let a = follow_up(&app, m, "名簿を送る").await;
        let b = follow_up(&app, m, "案内を配る").await;
        let c = follow_up(&app, m, "次回の日程を決める").await;
        let (_, token) = app.user("sato", Role::Coordinator).await;

        // One of them changed meanwhile: nothing is completed.
        let bulk = |picks: &[String]| {
            let mut pairs: Vec<(&str, &str)> = vec![("op", "done"), ("back", "/meetings/follow-ups")];
            pairs.extend(picks.iter().map(|p| ("pick[]", p.as_str())));
            form(&pairs)
        };
        let res = app.call("follow_ups_bulk", &bulk(&[format!("{a}:1"), format!("{b}:5")]), Some(&token)).await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
        assert!(res.body.contains("案内を配る") && res.body.contains("一件も行っていません"), "the message names the item: {}", res.body);
        assert!(!stored(&app, a).await.unwrap().done, "rolled back");

        let res = app.call("follow_ups_bulk", &bulk(&[format!("{a}:1"), format!("{b}:1")]), Some(&token)).await;
        assert!(ok(&res), "{} {}", res.status, res.body);
        assert_eq!(res.headers.get("location").map(|v| v.to_str().unwrap()), Some("/meetings/follow-ups"));
        assert!(stored(&app, a).await.unwrap().done && stored(&app, b).await.unwrap().done);
        assert!(!stored(&app, c).await.unwrap().done, "only the ticked ones");

        // Nothing ticked, or an unknown operation: a message, nothing changed.
        let none = app.call("follow_ups_bulk", &bulk(&[]), Some(&token)).await;
        assert!(none.status.is_client_error() && none.body.contains("pick"), "{} {}", none.status, none.body);
        let odd = app.call("follow_ups_bulk", &form(&[("op", "drop"), ("pick[]", &format!("{c}:1"))]), Some(&token)).await;
        assert!(odd.status.is_client_error() && odd.body.contains("op"), "{} {}", odd.status, odd.body);
        // A deleted item is reported as a conflict, not a missing page.
        let gone = app.call("follow_ups_bulk", &bulk(&[format!("{}:1", c + 100)]), Some(&token)).await;
        assert_eq!(gone.status, StatusCode::CONFLICT);
        assert!(!stored(&app, c).await.unwrap().done);
    }
}

#[tokio::test]
async fn training_tasks_are_edited_reassigned_and_deleted() {
    for db in backends().await {
        let app = seeded(db).await;
        let conn = &app.db.conn;
        let org = directory::organisations::save(conn, &sys(), None, None, &OrganisationInput { name: "釜石薬剤師会".into(), kind: "association".into(), ..Default::default() }, false, Utc::now())
            .await
            .unwrap();
        let input = TrainingInput {
            title: "服薬支援の研修".into(),
            hosting: "team".into(),
            level: "2".into(),
            held_on: "2025-09-01".into(),
            format: "inperson".into(),
            status: "preparing".into(),
            support: default_plan("team"),
            level_reason: "市民も対象にする研修のため".into(),
            ..Default::default()
        };
        let tr = trainings::save(conn, &sys(), None, None, &input, Utc::now()).await.unwrap();
        let add = |text: &str| ChecklistInput { text: text.into(), ..Default::default() };
        let t1 = checklist::add::<Tasks>(conn, &sys(), tr, &add("会場の確保"), Utc::now()).await.unwrap();
        let t2 = checklist::add::<Tasks>(conn, &sys(), tr, &add("申込の締切"), Utc::now()).await.unwrap();
        let (_, token) = app.user("sato", Role::Coordinator).await;
        let db = app.db.conn.clone();
        let task = |id: i32| {
            let db = db.clone();
            async move { training_task::Entity::find_by_id(id).one(&db).await.unwrap() }
        };

        let page = app.get(&format!("/trainings/tasks/{t1}"), Some(&token)).await;
        assert!(page.status == StatusCode::OK && page.body.contains("会場の確保") && page.body.contains("服薬支援の研修"), "{}", page.body);

        let res = app.call("training_tasks_bulk", &form(&[("op", "owner"), ("owner", &format!("o:{org}")), ("pick[]", &format!("{t1}:1")), ("pick[]", &format!("{t2}:1"))]), Some(&token)).await;
        assert!(ok(&res), "{} {}", res.status, res.body);
        for id in [t1, t2] {
            let t = task(id).await.unwrap();
            assert_eq!((t.owner_organisation_id, t.owner_user_id, t.done), (Some(org), None, false));
        }
        let bad_owner = app.call("training_tasks_bulk", &form(&[("op", "owner"), ("owner", "o:99999"), ("pick[]", &format!("{t1}:2"))]), Some(&token)).await;
        assert!(bad_owner.status.is_client_error(), "{}", bad_owner.status);
        // A viewer is not offered as an owner, so a forged post can't make them one.
        let (viewer, _) = app.user("viewer", Role::Viewer).await;
        let forged = app.call("training_tasks_bulk", &form(&[("op", "owner"), ("owner", &format!("u:{}", viewer.id)), ("pick[]", &format!("{t1}:2"))]), Some(&token)).await;
        assert!(forged.status.is_client_error() && forged.body.contains("owner"), "{} {}", forged.status, forged.body);
        assert_eq!(task(t1).await.unwrap().owner_organisation_id, Some(org));

        let res = app.call("training_tasks_update", &form(&[("id", &t1.to_string()), ("version", "2"), ("title", "会場の予約"), ("owner", ""), ("due_on", "2025-07-01")]), Some(&token)).await;
        assert!(ok(&res), "{} {}", res.status, res.body);
        assert_eq!(res.headers.get("location").map(|v| v.to_str().unwrap().to_string()), Some(format!("/trainings/{tr}?task_saved=1#tasks")));
        let t = task(t1).await.unwrap();
        assert_eq!((t.title.as_str(), t.owner_organisation_id), ("会場の予約", None));

        let res = app.call("training_tasks_delete", &format!("id={t2}&version=2"), Some(&token)).await;
        assert!(ok(&res), "{} {}", res.status, res.body);
        assert!(task(t2).await.is_none());
    }
}

#[tokio::test]
async fn a_new_follow_up_starts_with_its_writer_as_owner() {
    let app = seeded(TestDb::sqlite().await).await;
    let m = meeting(&app).await;
    let (me, token) = app.user("sato", Role::Coordinator).await;
    let page = app.get(&format!("/meetings/{m}"), Some(&token)).await;
    assert_eq!(page.status, StatusCode::OK);
    let form_html = &page.body[page.body.find(r#"data-testid="follow-up-form""#).expect("the add form")..];
    assert!(form_html.contains(&format!(r#"<option value="u:{}" selected>"#, me.id)), "{form_html}");
    // An administrator who is not the writer sees their own name preselected, never sato's.
    let (admin, admin_token) = app.user("admin", Role::Admin).await;
    let page = app.get(&format!("/meetings/{m}"), Some(&admin_token)).await;
    let form_html = &page.body[page.body.find(r#"data-testid="follow-up-form""#).expect("the add form")..];
    assert!(form_html.contains(&format!(r#"<option value="u:{}" selected>"#, admin.id)) && !form_html.contains(&format!(r#"<option value="u:{}" selected>"#, me.id)));
}
