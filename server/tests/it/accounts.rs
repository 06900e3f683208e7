//! Accounts and sessions: first run, login, throttling, expiry, disabling, CSRF, logout.

use crate::common;

use app::domain::Role;
use app::server::auth::{session, throttle};
use app::server::services::audit::Actor;
use app::server::services::accounts::users::{self, NewUser};
use chrono::{Duration, Utc};
use common::{backends, form, send, TestApp, TestDb, HOST, PASSWORD};
use http::{Request, StatusCode};

fn new_user(login: &str, role: Role) -> NewUser {
    NewUser {
        login_name: login.into(),
        display_name: format!("{login} さん"),
        role: role.code().into(),
        password: PASSWORD.into(),
        password_confirm: None,
    }
}

#[tokio::test]
async fn first_run_shows_only_the_setup_page_until_an_admin_exists() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        for path in ["/", "/login", "/directory/organisations", "/admin/users"] {
            let res = app.get(path, None).await;
            assert_eq!(res.status, StatusCode::SEE_OTHER, "{path}");
            assert_eq!(res.header("location"), "/setup", "{path}");
        }
        let setup = app.get("/setup", None).await;
        assert_eq!(setup.status, StatusCode::OK);
        assert!(setup.body.contains("管理者"));

        // A short password is refused at its field.
        let res = app
            .call("setup", &form(&[("login_name", "admin"), ("display_name", "管理 太郎"), ("password", "short"), ("password_confirm", "short")]), None)
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        assert!(res.body.contains("10文字以上"));

        let res = app
            .call("setup", &form(&[("login_name", "Admin"), ("display_name", "管理 太郎"), ("password", PASSWORD), ("password_confirm", PASSWORD)]), None)
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let token = res.session_cookie().expect("signed in after setup");
        let home = app.get("/", Some(&token)).await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(home.body.contains("管理 太郎"));
        let admin = users::find_by_login(&app.db.conn, "admin").await.unwrap().unwrap();
        assert_eq!(admin.role, "admin");

        // Once done, never again.
        let again = app
            .call("setup", &form(&[("login_name", "other"), ("display_name", "x"), ("password", PASSWORD), ("password_confirm", PASSWORD)]), None)
            .await;
        assert_eq!(again.status, StatusCode::FORBIDDEN);
        assert_eq!(users::count(&app.db.conn).await.unwrap(), 1);
        assert_eq!(app.get("/setup", Some(&token)).await.header("location"), "/");
    }
}

#[tokio::test]
async fn login_sets_a_fresh_http_only_session_and_logout_deletes_it() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        let (_, old_token) = app.user("sato", Role::Coordinator).await;
        let res = app.call("login", &form(&[("login_name", "SATO"), ("password", PASSWORD)]), None).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let cookie = res.headers.get("set-cookie").unwrap().to_str().unwrap().to_string();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
        let token = res.session_cookie().unwrap();
        assert_ne!(token, old_token, "a new session id at login");
        assert_eq!(app.get("/", Some(&token)).await.status, StatusCode::OK);

        let out = app.call("logout", "", Some(&token)).await;
        assert_eq!(out.status, StatusCode::OK);
        assert_eq!(out.session_cookie().as_deref(), Some(""));
        // Form drafts kept in the browser go with the session.
        assert_eq!(out.header("clear-site-data"), "\"storage\"");
        let after = app.get("/", Some(&token)).await;
        assert_eq!(after.status, StatusCode::SEE_OTHER);
        assert!(after.header("location").starts_with("/login"));
        // The other session of the same user is untouched.
        assert_eq!(app.get("/", Some(&old_token)).await.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn a_failed_login_does_not_reveal_whether_the_name_exists() {
    let app = TestApp::new(TestDb::sqlite().await).await;
    app.user("sato", Role::Coordinator).await;
    let wrong_password = app.call("login", &form(&[("login_name", "sato"), ("password", "wrong-password!")]), None).await;
    let unknown_name = app.call("login", &form(&[("login_name", "nobody"), ("password", "wrong-password!")]), None).await;
    assert_eq!(wrong_password.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown_name.status, wrong_password.status);
    assert_eq!(unknown_name.body, wrong_password.body);
    assert!(wrong_password.body.contains("ログイン名またはパスワードが正しくありません"));
    assert!(wrong_password.session_cookie().is_none());
}

#[tokio::test]
async fn five_failures_lock_a_login_name_for_a_while_but_not_forever() {
    for db in backends().await {
        let conn = &db.conn;
        users::create(conn, &Actor::system("t"), &new_user("sato", Role::Coordinator), Utc::now()).await.unwrap();
        let t0 = Utc::now();
        for i in 0..5 {
            let r = users::authenticate(conn, "sato", "wrong-password", "", t0 + Duration::seconds(i)).await;
            assert!(matches!(r, Err(app::error::AppError::BadRequest(_))), "attempt {i}");
        }
        // Even the right password is refused now, with a clear message.
        let locked = users::authenticate(conn, "sato", PASSWORD, "", t0 + Duration::minutes(1)).await;
        match locked {
            Err(app::error::AppError::TooManyRequests(msg)) => assert!(msg.contains("分後"), "{msg}"),
            other => panic!("expected lock, got {other:?}"),
        }
        // Other names are not affected.
        assert!(throttle::locked_until(conn, "suzuki", t0).await.unwrap().is_none());
        // Refused attempts do not extend the lock: 15 minutes after the failures it opens.
        for m in 2..10 {
            let _ = users::authenticate(conn, "sato", "wrong-password", "", t0 + Duration::minutes(m)).await;
        }
        let later = users::authenticate(conn, "sato", PASSWORD, "", t0 + Duration::minutes(16)).await;
        assert!(later.is_ok(), "{later:?}");
    }
}

#[tokio::test]
async fn throttling_answers_429_over_http() {
    let app = TestApp::new(TestDb::sqlite().await).await;
    app.user("sato", Role::Coordinator).await;
    for _ in 0..5 {
        app.call("login", &form(&[("login_name", "sato"), ("password", "wrong-password!")]), None).await;
    }
    let res = app.call("login", &form(&[("login_name", "sato"), ("password", PASSWORD)]), None).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
    assert!(res.session_cookie().is_none());
}

#[tokio::test]
async fn sessions_expire_after_the_idle_time() {
    for db in backends().await {
        let conn = &db.conn;
        let user = users::create(conn, &Actor::system("t"), &new_user("sato", Role::Viewer), Utc::now()).await.unwrap();
        let t0 = Utc::now();
        let token = session::create(conn, user.id, t0).await.unwrap();
        let idle = Duration::hours(8);
        assert!(session::resolve(conn, &token, idle, t0 + Duration::hours(7)).await.unwrap().is_some());
        // Activity moved the idle clock forward.
        assert!(session::resolve(conn, &token, idle, t0 + Duration::hours(14)).await.unwrap().is_some());
        assert!(session::resolve(conn, &token, idle, t0 + Duration::hours(23)).await.unwrap().is_none());
        // And it is gone for good.
        assert!(session::resolve(conn, &token, idle, t0 + Duration::hours(14)).await.unwrap().is_none());
        assert!(session::resolve(conn, "not-a-token", idle, t0).await.unwrap().is_none());
    }
}

#[tokio::test]
async fn disabling_a_user_ends_their_sessions_at_once_and_blocks_login() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        let (_, admin) = app.user("admin", Role::Admin).await;
        let (sato, sato_token) = app.user("sato", Role::Coordinator).await;
        assert_eq!(app.get("/", Some(&sato_token)).await.status, StatusCode::OK);
        let user = users::find(&app.db.conn, sato.id).await.unwrap();
        let res = app
            .call(
                "users_update",
                &form(&[("id", &sato.id.to_string()), ("display_name", "佐藤"), ("role", "coordinator"), ("version", &user.version.to_string())]),
                Some(&admin),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(!users::find(&app.db.conn, sato.id).await.unwrap().active);
        assert_eq!(app.get("/", Some(&sato_token)).await.status, StatusCode::SEE_OTHER);
        assert_eq!(app.call("people_list", "query[page]=1", Some(&sato_token)).await.status, StatusCode::UNAUTHORIZED);
        let login = app.call("login", &form(&[("login_name", "sato"), ("password", PASSWORD)]), None).await;
        assert_eq!(login.status, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn an_admin_cannot_lock_themself_out() {
    let app = TestApp::new(TestDb::sqlite().await).await;
    let (admin, token) = app.user("admin", Role::Admin).await;
    let res = app
        .call("users_update", &form(&[("id", &admin.id.to_string()), ("display_name", "x"), ("role", "viewer"), ("active", "on"), ("version", "1")]), Some(&token))
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(users::find(&app.db.conn, admin.id).await.unwrap().role, "admin");
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = TestApp::new(TestDb::sqlite().await).await;
    let (_, token) = app.user("admin", Role::Admin).await;
    let body = form(&[("login_name", "mallory"), ("display_name", "x"), ("role", "admin"), ("password", PASSWORD)]);
    let forged = |origin: Option<&str>, referer: Option<&str>| {
        let mut req = Request::post("/api/users_create")
            .header("host", HOST)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", format!("renkei_session={token}"));
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        if let Some(r) = referer {
            req = req.header("referer", r);
        }
        req.body(axum::body::Body::from(body.clone())).unwrap()
    };
    for (origin, referer) in [
        (Some("http://evil.example"), None),
        (None, Some("http://evil.example/page")),
        (None, None),
        (Some("null"), None),
        (Some("http://renkei.test.evil.example"), None),
    ] {
        let res = send(&app.router, forged(origin, referer)).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{origin:?} {referer:?}");
    }
    assert!(users::find_by_login(&app.db.conn, "mallory").await.unwrap().is_none());
    // The same request from the site itself goes through.
    let res = send(&app.router, forged(None, Some(&format!("http://{HOST}/admin/users")))).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

#[tokio::test]
async fn pages_need_login_and_come_back_after_it() {
    let app = TestApp::new(TestDb::sqlite().await).await;
    app.user("admin", Role::Admin).await;
    let res = app.get("/directory/people?q=%E4%BD%90", None).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.header("location"), "/login?next=/directory/people%3Fq%3D%25E4%25BD%2590");
    let res = app
        .call("login", &form(&[("login_name", "admin"), ("password", PASSWORD), ("next", "/directory/people?q=x")]), None)
        .await;
    assert_eq!(res.header("location"), "/directory/people?q=x");
    let res = app.call("login", &form(&[("login_name", "admin"), ("password", PASSWORD), ("next", "https://evil.example/")]), None).await;
    assert_eq!(res.header("location"), "/");
}

#[tokio::test]
async fn users_change_their_own_password() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        let (_, token) = app.user("sato", Role::Viewer).await;
        let bad = app
            .call("change_password", &form(&[("current_password", "nope"), ("new_password", "new-password-1"), ("new_password_confirm", "new-password-1")]), Some(&token))
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("現在のパスワードが正しくありません"));
        let ok = app
            .call("change_password", &form(&[("current_password", PASSWORD), ("new_password", "new-password-1"), ("new_password_confirm", "new-password-1")]), Some(&token))
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        assert_eq!(app.call("login", &form(&[("login_name", "sato"), ("password", PASSWORD)]), None).await.status, StatusCode::BAD_REQUEST);
        assert_eq!(app.call("login", &form(&[("login_name", "sato"), ("password", "new-password-1")]), None).await.status, StatusCode::OK);
        // Anonymous callers get 401.
        let body = form(&[("current_password", PASSWORD), ("new_password", "x-password-2"), ("new_password_confirm", "x-password-2")]);
        assert_eq!(app.call("change_password", &body, None).await.status, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn password_reset_by_an_admin_ends_sessions_and_clears_the_lock() {
    let app = TestApp::new(TestDb::sqlite().await).await;
    let (_, admin) = app.user("admin", Role::Admin).await;
    let (sato, sato_token) = app.user("sato", Role::Coordinator).await;
    for _ in 0..5 {
        app.call("login", &form(&[("login_name", "sato"), ("password", "wrong-password!")]), None).await;
    }
    let res = app.call("users_reset_password", &form(&[("id", &sato.id.to_string()), ("password", "fresh-password-9")]), Some(&admin)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(app.get("/", Some(&sato_token)).await.status, StatusCode::SEE_OTHER);
    let login = app.call("login", &form(&[("login_name", "sato"), ("password", "fresh-password-9")]), None).await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.body);
}

/// The command line adds users and resets passwords, reading the password from stdin.
#[test]
fn command_line_user_management() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], stdin: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_renkei"))
            .args(["--data-dir", dir.path().to_str().unwrap(), "--log", "warn"])
            .args(args)
            .env_remove("DATABASE_URL")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let out = run(&["user", "add", "--login", "tanaka", "--name", "田中 一郎", "--role", "coordinator"], "long-enough-pw\n");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["user", "add", "--login", "tanaka", "--name", "x", "--role", "coordinator"], "long-enough-pw\n");
    assert!(!out.status.success(), "duplicate login names are refused");
    let out = run(&["user", "add", "--login", "suzuki", "--name", "x", "--role", "coordinator"], "short\n");
    assert!(!out.status.success(), "short passwords are refused");
    let out = run(&["user", "reset-password", "--login", "tanaka"], "another-long-pw\n");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["user", "reset-password", "--login", "nobody"], "another-long-pw\n");
    assert!(!out.status.success());

    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("renkei.db").display());
        let conn = app::server::db::connect(&url, None).await.unwrap();
        let now = Utc::now();
        assert!(users::authenticate(&conn, "tanaka", "another-long-pw", "", now).await.is_ok());
        assert!(users::find_by_login(&conn, "suzuki").await.unwrap().is_none());
    });
}

/// The team's name: administrators give it on /admin/users, and every page's print stamp
/// carries it before the app's name; others may not, and a name over 50 characters is
/// refused at its field.
#[tokio::test]
async fn administrators_name_the_team_that_every_print_stamp_carries() {
    use app::server::entities::audit_log;
    use app::server::services::system::settings;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    for db in backends().await {
        let app = TestApp::new(db).await;
        let backend = app.db.backend;
        let (_, admin) = app.user("admin", Role::Admin).await;
        let (_, coordinator) = app.user("coordinator", Role::Coordinator).await;
        let accepted = |res: &common::TestResponse| res.status.is_success() || res.status.is_redirection();

        // No name yet: the stamp starts with the app's name.
        let page = app.get("/meetings", Some(&coordinator)).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("Renkei（連携） coordinator さん ・ 印刷日"), "{backend}: {}", page.body);

        // Only administrators read and save it.
        let res = app.call("system_set_team_name", &form(&[("team_name", "チームかまいし")]), Some(&coordinator)).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{backend}: {}", res.body);
        assert_eq!(app.call("system_team_name", "", Some(&coordinator)).await.status, StatusCode::FORBIDDEN, "{backend}");
        assert_eq!(app.call("system_set_team_name", &form(&[("team_name", "x")]), None).await.status, StatusCode::UNAUTHORIZED, "{backend}");
        assert_eq!(settings::team_name(&app.db.conn).await.unwrap(), "", "{backend}");

        // 51 characters: the field's message, and what was typed comes back.
        let long = "か".repeat(51);
        let res = app.call("system_set_team_name", &form(&[("team_name", &long)]), Some(&admin)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {}", res.body);
        let err: app::error::AppError = serde_json::from_str(&res.body).unwrap();
        assert!(err.field_message("team_name").is_some_and(|m| m.contains("50文字")), "{backend}: {err:?}");
        assert_eq!(err.input("team_name"), Some(long.as_str()), "{backend}");
        assert_eq!(settings::team_name(&app.db.conn).await.unwrap(), "", "{backend}");

        // Saved (trimmed): on the administrator's form and in every page's stamp.
        let res = app.call("system_set_team_name", &form(&[("team_name", " チームかまいし ")]), Some(&admin)).await;
        assert!(accepted(&res), "{backend}: {} {}", res.status, res.body);
        assert_eq!(res.header("location"), "/admin/users?team_name=1", "{backend}");
        assert_eq!(app.call("system_team_name", "", Some(&admin)).await.json(), serde_json::json!("チームかまいし"), "{backend}");
        for (path, token, who) in [("/meetings", &coordinator, "coordinator さん"), ("/account", &admin, "admin さん")] {
            let page = app.get(path, Some(token)).await;
            assert_eq!(page.status, StatusCode::OK, "{backend} {path}");
            assert!(page.body.contains(&format!("チームかまいし ・ Renkei（連携） {who} ・ 印刷日")), "{backend} {path}: {}", page.body);
        }
        let page = app.get("/admin/users?team_name=1", Some(&admin)).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("チーム名（印刷に表示）") && page.body.contains("チーム名を保存しました。"), "{backend}: {}", page.body);
        assert!(page.body.contains(r#"name="team_name""#) && page.body.contains(r#"value="チームかまいし""#), "{backend}: {}", page.body);

        // Audited as a setting.
        let audited: Vec<String> = audit_log::Entity::find()
            .filter(audit_log::Column::EntityType.eq("setting"))
            .all(&app.db.conn)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.changes)
            .collect();
        assert!(audited.iter().any(|c| c.contains("team_name") && c.contains("チームかまいし")), "{backend}: {audited:?}");

        // 50 characters fit; a blank name takes it off the stamp.
        let fifty = "か".repeat(50);
        assert!(accepted(&app.call("system_set_team_name", &form(&[("team_name", &fifty)]), Some(&admin)).await), "{backend}");
        assert_eq!(settings::team_name(&app.db.conn).await.unwrap(), fifty, "{backend}");
        assert!(accepted(&app.call("system_set_team_name", &form(&[("team_name", "")]), Some(&admin)).await), "{backend}");
        let page = app.get("/meetings", Some(&coordinator)).await;
        assert!(page.body.contains("class=\"print-stamp\"") && !page.body.contains(&fifty) && !page.body.contains("チームかまいし"), "{backend}: {}", page.body);
    }
}
