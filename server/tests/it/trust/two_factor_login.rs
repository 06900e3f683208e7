//! Signing in with a second factor: the password alone starts no session; the code (or a
//! recovery code, once) does; wrong codes are throttled; a role that requires it makes the
//! user set it up before the first session.

use crate::common::{backends, form, send, TestApp, TestResponse, HOST, PASSWORD};
use app::domain::Role;
use app::server::auth::totp;
use app::server::services::audit::Actor;
use app::server::services::accounts;
use axum::body::Body;
use chrono::{DateTime, Duration, Utc};
use http::{Request, StatusCode};

async fn post(app: &TestApp, endpoint: &str, body: &str, cookies: &str) -> TestResponse {
    post_from(app, endpoint, body, cookies, "").await
}

async fn post_from(app: &TestApp, endpoint: &str, body: &str, cookies: &str, client: &str) -> TestResponse {
    let req = Request::post(format!("/api/{endpoint}"))
        .extension(app::server::auth::ClientAddr(client.to_string()))
        .header("host", HOST)
        .header("origin", format!("http://{HOST}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("cookie", cookies)
        .body(Body::from(body.to_string()))
        .unwrap();
    send(&app.router, req).await
}

fn cookie(res: &TestResponse, name: &str) -> Option<String> {
    res.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|c| c.strip_prefix(&format!("{name}=")).map(|rest| rest.split(';').next().unwrap_or("").to_string()))
        .last()
}

/// Turns two-step sign-in on for the user, as the account page does: the secret, the
/// recovery codes, and when (the code of that step is used up).
async fn turn_on(app: &TestApp, user_id: i32) -> (String, Vec<String>, DateTime<Utc>) {
    let now = Utc::now();
    let secret = accounts::two_factor::begin_enrolment(&app.db.conn, user_id, now).await.unwrap();
    let code = totp::code_at_time(&secret, now).unwrap();
    let codes = accounts::two_factor::confirm_enrolment(&app.db.conn, &Actor::system("t"), user_id, &code, now).await.unwrap();
    (secret, codes, now)
}

async fn password_step(app: &TestApp, login: &str) -> String {
    let res = post(app, "login", &form(&[("login_name", login), ("password", PASSWORD), ("next", "/meetings?fy=2024")]), "").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.header("location").starts_with("/login/code?next=/meetings%3Ffy%3D2024"), "{}", res.header("location"));
    assert_eq!(cookie(&res, "renkei_session"), None, "the password alone starts no session");
    cookie(&res, totp::CHALLENGE_COOKIE).filter(|c| !c.is_empty()).expect("a challenge cookie")
}

#[tokio::test]
async fn the_code_after_the_password_starts_the_session() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        let (sato, _) = app.user("sato", Role::Coordinator).await;
        let (secret, codes, now) = turn_on(&app, sato.id).await;
        assert_eq!(codes.len(), totp::RECOVERY_CODE_COUNT);

        let challenge = password_step(&app, "sato").await;
        let jar = format!("{}={challenge}", totp::CHALLENGE_COOKIE);
        // The code page asks for the code.
        let page = send(&app.router, Request::get("/login/code?next=/").header("host", HOST).header("cookie", &jar).body(Body::empty()).unwrap()).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(r#"name="code""#) && page.body.contains("sato さん"), "{}", page.body);
        // A wrong code: no session.
        let wrong = post(&app, "login_code", &form(&[("code", "000000")]), &jar).await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", wrong.body);
        assert_eq!(cookie(&wrong, "renkei_session"), None);
        // The code of the next step (the one of the set-up is used up).
        let code = totp::code_at_time(&secret, now + Duration::seconds(30)).unwrap();
        let ok = post(&app, "login_code", &form(&[("code", &code), ("next", "/meetings?fy=2024")]), &jar).await;
        assert_eq!(ok.status, StatusCode::OK, "{} ({})", ok.body, app.db.backend);
        assert_eq!(ok.header("location"), "/meetings?fy=2024");
        let session = cookie(&ok, "renkei_session").filter(|s| !s.is_empty()).expect("a session");
        assert_eq!(cookie(&ok, totp::CHALLENGE_COOKIE).as_deref(), Some(""), "the challenge is cleared");
        assert_eq!(app.get("/", Some(&session)).await.status, StatusCode::OK);
        // The same code again is refused (replay), with a new challenge.
        let jar = format!("{}={}", totp::CHALLENGE_COOKIE, password_step(&app, "sato").await);
        assert_eq!(post(&app, "login_code", &form(&[("code", &code)]), &jar).await.status, StatusCode::UNPROCESSABLE_ENTITY);
        // A recovery code works once.
        let ok = post(&app, "login_code", &form(&[("code", &codes[0])]), &jar).await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        let jar = format!("{}={}", totp::CHALLENGE_COOKIE, password_step(&app, "sato").await);
        assert_eq!(post(&app, "login_code", &form(&[("code", &codes[0])]), &jar).await.status, StatusCode::UNPROCESSABLE_ENTITY);
        // A challenge is not a session, and without one the code step is refused.
        assert_eq!(send(&app.router, Request::get("/").header("host", HOST).header("cookie", &jar).body(Body::empty()).unwrap()).await.status, StatusCode::SEE_OTHER);
        assert_eq!(post(&app, "login_code", &form(&[("code", &codes[1])]), "").await.status, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn wrong_codes_are_throttled_like_passwords() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        let (sato, _) = app.user("sato", Role::Coordinator).await;
        let (secret, _, _) = turn_on(&app, sato.id).await;
        let jar = format!("{}={}", totp::CHALLENGE_COOKIE, password_step(&app, "sato").await);
        for _ in 0..5 {
            assert_eq!(post(&app, "login_code", &form(&[("code", "000000")]), &jar).await.status, StatusCode::UNPROCESSABLE_ENTITY);
        }
        let code = totp::code_at_time(&secret, Utc::now() + Duration::seconds(30)).unwrap();
        let locked = post(&app, "login_code", &form(&[("code", &code)]), &jar).await;
        assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS, "{}", locked.body);
        // A right password does not reset the count of wrong codes.
        let jar = format!("{}={}", totp::CHALLENGE_COOKIE, password_step(&app, "sato").await);
        assert_eq!(post(&app, "login_code", &form(&[("code", &code)]), &jar).await.status, StatusCode::TOO_MANY_REQUESTS);
    }
}

#[tokio::test]
async fn a_role_that_requires_it_sets_it_up_before_the_first_session() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        let (suzuki, earlier) = app.user("suzuki", Role::Coordinator).await;
        let (_, viewing) = app.user("viewer", Role::Viewer).await;
        accounts::two_factor::set_required_roles(&app.db.conn, &Actor::system("t"), &["coordinator".to_string()], Utc::now()).await.unwrap();
        assert_eq!(app.get("/", Some(&earlier)).await.status, StatusCode::SEE_OTHER, "a session from before the requirement ends");
        assert_eq!(app.get("/", Some(&viewing)).await.status, StatusCode::OK, "roles not listed keep theirs");
        // Roles not listed sign in with the password alone.
        let res = post(&app, "login", &form(&[("login_name", "viewer"), ("password", PASSWORD)]), "").await;
        assert!(cookie(&res, "renkei_session").is_some_and(|s| !s.is_empty()), "{:?}", res.headers);

        let jar = format!("{}={}", totp::CHALLENGE_COOKIE, password_step(&app, "suzuki").await);
        let page = send(&app.router, Request::get("/login/code").header("host", HOST).header("cookie", &jar).body(Body::empty()).unwrap()).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<svg") && page.body.contains("2段階認証の設定"), "the QR code is drawn by the server: {}", page.body);
        let pending = accounts::two_factor::pending_enrolment(&app.db.conn, suzuki.id).await.unwrap().expect("a secret waits");
        let code = totp::code_at_time(&pending.secret, Utc::now()).unwrap();
        let ok = post(&app, "login_code", &form(&[("code", &code)]), &jar).await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        assert_eq!(ok.header("location"), "/account/two-factor", "the recovery codes are shown next");
        assert!(cookie(&ok, "renkei_session").is_some_and(|s| !s.is_empty()));
        assert!(accounts::two_factor::is_enabled(&app.db.conn, suzuki.id).await.unwrap());
    }
}

#[tokio::test]
async fn changing_address_gives_no_more_guesses_at_the_code() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        let (sato, _) = app.user("sato", Role::Coordinator).await;
        let (secret, _, _) = turn_on(&app, sato.id).await;
        let jar = format!("{}={}", totp::CHALLENGE_COOKIE, password_step(&app, "sato").await);
        for i in 0..accounts::two_factor::MAX_USER_CODE_FAILURES {
            let res = post_from(&app, "login_code", &form(&[("code", "000000")]), &jar, &format!("198.51.100.{i}")).await;
            assert!(res.status.is_client_error(), "{}", res.body);
        }
        // The waiting sign-in has ended: even the right code needs the password again.
        let code = totp::code_at_time(&secret, Utc::now() + Duration::seconds(30)).unwrap();
        let res = post_from(&app, "login_code", &form(&[("code", &code)]), &jar, "192.0.2.50").await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
        assert!(res.body.contains("もう一度ログインしてください"), "{}", res.body);
        assert_eq!(cookie(&res, "renkei_session"), None);
    }
}
