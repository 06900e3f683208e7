//! Sessions and login: a password change ends the other sessions, `next=` stays a printable
//! path of this site, a stale cookie does not undo a login, weak passwords are refused,
//! failures are throttled per address without locking out the owner elsewhere, only this
//! site's host names are served, HSTS with secure cookies, and an uncacheable health check.

use crate::common::{backends, form, send, TestApp, TestDb, TestResponse, HOST, PASSWORD};
use app::domain::Role;
use app::server::auth::{AuthConfig, ClientAddr};
use axum::body::Body;
use http::{Request, StatusCode};

fn login_request(login: &str, password: &str, cookie: Option<&str>, client: Option<&str>) -> Request<Body> {
    let mut req = Request::post("/api/login")
        .header("host", HOST)
        .header("origin", format!("http://{HOST}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json");
    if let Some(c) = cookie {
        req = req.header("cookie", format!("renkei_session={c}"));
    }
    if let Some(c) = client {
        req = req.extension(ClientAddr(c.to_string()));
    }
    req.body(Body::from(form(&[("login_name", login), ("password", password)]))).unwrap()
}

async fn login_from(app: &TestApp, client: &str, login: &str, password: &str) -> TestResponse {
    send(&app.router, login_request(login, password, None, Some(client))).await
}

/// The session cookie the browser keeps after this response: the last one set.
fn kept_session(res: &TestResponse) -> Option<String> {
    res.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|c| c.strip_prefix("renkei_session="))
        .map(|rest| rest.split(';').next().unwrap_or("").to_string())
        .last()
}

#[tokio::test]
async fn changing_ones_own_password_ends_the_other_sessions() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        let (_, here) = app.user("sato", Role::Coordinator).await;
        let elsewhere = app.call("login", &form(&[("login_name", "sato"), ("password", PASSWORD)]), None).await.session_cookie().unwrap();
        assert_eq!(app.get("/", Some(&elsewhere)).await.status, StatusCode::OK);
        let res = app
            .call("change_password", &form(&[("current_password", PASSWORD), ("new_password", "tidal-crane-4711"), ("new_password_confirm", "tidal-crane-4711")]), Some(&here))
            .await;
        assert!(res.status.is_success() || res.status.is_redirection(), "{} {}", res.status, res.body);
        assert_eq!(app.get("/", Some(&here)).await.status, StatusCode::OK, "the session that changed it goes on");
        assert_eq!(app.get("/", Some(&elsewhere)).await.status, StatusCode::SEE_OTHER, "the other one ended ({})", app.db.backend);
    }
}

#[tokio::test]
async fn next_after_login_is_a_printable_path_of_this_site() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        app.user("admin", Role::Admin).await;
        for next in ["/\t/evil.example/", "/a\r\nSet-Cookie: x=1", "/\n/evil.example/", "/\u{7f}", "//evil.example/"] {
            let res = app.call("login", &form(&[("login_name", "admin"), ("password", PASSWORD), ("next", next)]), None).await;
            assert_eq!(res.status, StatusCode::OK, "{next:?}: {}", res.body);
            assert_eq!(res.header("location"), "/", "{next:?}");
            assert!(res.session_cookie().is_some_and(|t| !t.is_empty()), "{next:?} signs in");
        }
    }
}

#[tokio::test]
async fn logging_in_with_a_stale_cookie_ends_signed_in() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        app.user("sato", Role::Coordinator).await;
        let res = send(&app.router, login_request("sato", PASSWORD, Some("stale-token-from-yesterday"), None)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let kept = kept_session(&res).expect("a session cookie");
        assert!(!kept.is_empty(), "the browser keeps the new session, not a cleared one: {:?}", res.headers.get_all("set-cookie"));
        assert_eq!(app.get("/", Some(&kept)).await.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn weak_new_passwords_are_refused_at_the_field() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        let (_, token) = app.user("sato.hanako1", Role::Coordinator).await;
        for (weak, says) in [("sato.hanako1", "ログイン名と同じ"), ("aaaaaaaaaaaa", "並び"), ("1234567890", "並び"), ("password123", "推測されやすい"), ("qwertyuiop", "推測されやすい")] {
            let res = app.call("change_password", &form(&[("current_password", PASSWORD), ("new_password", weak), ("new_password_confirm", weak)]), Some(&token)).await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{weak}: {}", res.body);
            assert!(res.body.contains("new_password") && res.body.contains(says), "{weak}: {}", res.body);
        }
        assert_eq!(app.get("/", Some(&token)).await.status, StatusCode::OK, "the password was not changed, the session goes on");
    }
}

#[tokio::test]
async fn failures_are_throttled_per_address_and_cannot_lock_the_owner_out_elsewhere() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        app.user("sato", Role::Coordinator).await;
        let (attacker, office) = ("198.51.100.66", "192.0.2.10");
        // Five failures for one name from one address lock that name for that address only.
        for _ in 0..5 {
            assert_eq!(login_from(&app, attacker, "sato", "wrong-password!").await.status, StatusCode::BAD_REQUEST);
        }
        let refused = login_from(&app, attacker, "sato", PASSWORD).await;
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS, "{}", refused.body);
        let owner = login_from(&app, office, "sato", PASSWORD).await;
        assert_eq!(owner.status, StatusCode::OK, "the owner signs in from elsewhere ({}): {}", app.db.backend, owner.body);
        // One password sprayed across many names from one address is stopped too.
        let sprayer = "203.0.113.5";
        for i in 0..20 {
            let res = login_from(&app, sprayer, &format!("user{i}"), "Spring2026!").await;
            assert_eq!(res.status, StatusCode::BAD_REQUEST, "attempt {i}");
        }
        let res = login_from(&app, sprayer, "sato", PASSWORD).await;
        assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS, "{}", res.body);
        assert!(res.body.contains("この端末"), "{}", res.body);
        assert_eq!(login_from(&app, office, "sato", PASSWORD).await.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn address_locks_end_within_the_window() {
    use app::server::services::{audit::Actor, accounts};
    use chrono::{Duration, Utc};
    for db in backends().await {
        let conn = &db.conn;
        let input = accounts::users::NewUser { login_name: "sato".into(), display_name: "佐藤".into(), role: "coordinator".into(), password: PASSWORD.into(), password_confirm: None };
        accounts::users::create(conn, &Actor::system("t"), &input, Utc::now()).await.unwrap();
        let t0 = Utc::now();
        for i in 0..20 {
            let _ = accounts::users::authenticate(conn, &format!("u{i}"), "x-password-2", "203.0.113.5", t0 + Duration::seconds(i)).await;
        }
        assert!(accounts::users::authenticate(conn, "sato", PASSWORD, "203.0.113.5", t0 + Duration::minutes(1)).await.is_err());
        assert!(accounts::users::authenticate(conn, "sato", PASSWORD, "203.0.113.5", t0 + Duration::minutes(16)).await.is_ok(), "15 minutes at most");
    }
}

#[tokio::test]
async fn only_this_sites_host_names_are_served() {
    let app = TestApp::new(TestDb::sqlite().await).await;
    let get = |host: &'static str, path: &'static str| {
        let router = app.router.clone();
        async move { send(&router, Request::get(path).header("host", host).body(Body::empty()).unwrap()).await }
    };
    // A fresh install cannot be claimed through a rebound name.
    let evil = get("evil.example", "/setup").await;
    assert_eq!(evil.status, StatusCode::MISDIRECTED_REQUEST, "{}", evil.body);
    let setup = send(
        &app.router,
        Request::post("/api/setup")
            .header("host", "evil.example:3000")
            .header("origin", "http://evil.example:3000")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(form(&[("login_name", "mallory"), ("display_name", "m"), ("password", "tidal-crane-4711"), ("password_confirm", "tidal-crane-4711")])))
            .unwrap(),
    )
    .await;
    assert_eq!(setup.status, StatusCode::MISDIRECTED_REQUEST);
    assert_eq!(app::server::services::accounts::users::count(&app.db.conn).await.unwrap(), 0, "nobody claimed the install");
    for ok in ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", HOST] {
        assert_ne!(get(ok, "/setup").await.status, StatusCode::MISDIRECTED_REQUEST, "{ok}");
    }
    assert_eq!(get("evil.example", "/healthz").await.status, StatusCode::OK, "load balancers may use any name");
}

#[tokio::test]
async fn hsts_with_secure_cookies_and_an_uncacheable_health_check() {
    for db in backends().await {
        let app = TestApp::with_auth(db, AuthConfig { secure_cookies: true, public_hosts: vec![HOST.into()], ..AuthConfig::default() }).await;
        let res = app.get("/login", None).await;
        assert!(res.header("strict-transport-security").starts_with("max-age="), "{:?}", res.headers);
        let health = app.get("/healthz", None).await;
        assert_eq!(health.status, StatusCode::OK);
        let cache = health.header("cache-control");
        assert!(cache.contains("no-store") && !cache.contains("public"), "{cache}");
    }
    let plain = TestApp::new(TestDb::sqlite().await).await;
    assert!(plain.get("/login", None).await.headers.get("strict-transport-security").is_none(), "not over plain http");
}
