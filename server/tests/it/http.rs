//! The HTTP surface through the real router: pages, server functions, headers.

use crate::common;

use app::domain::Role;
use axum::body::Body;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{middleware, Router};
use common::{backends, send, TestApp, TestDb, HOST};
use http::{Request, StatusCode};

#[tokio::test]
async fn healthz_answers_ok_without_login() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        let res = app.get("/healthz", None).await;
        assert_eq!(res.status, StatusCode::OK, "{}", app.db.backend);
        assert_eq!(res.body, "ok");
    }
}

#[tokio::test]
async fn pages_are_japanese_html_with_a_nonce_csp() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        let (_, token) = app.user("sato", Role::Coordinator).await;
        let res = app.get("/", Some(&token)).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.body.contains(r#"<html lang="ja""#), "{}", res.body);
        assert!(res.body.contains("今年度"));
        let csp = res.header("content-security-policy").to_string();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_else(|| panic!("no nonce in CSP {csp}"));
        assert!(res.body.contains(&format!(r#"nonce="{nonce}""#)), "inline script lacks the nonce");
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(res.header("x-content-type-options"), "nosniff");
        assert_eq!(res.header("cache-control"), "no-store");

        // A new nonce per response.
        let again = app.get("/", Some(&token)).await;
        assert_ne!(again.header("content-security-policy"), csp);
    }
}

#[tokio::test]
async fn data_pages_render_on_the_server_for_browsers_without_javascript() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        let (_, token) = app.user("admin", Role::Admin).await;
        let res = app.get("/about", Some(&token)).await;
        assert_eq!(res.status, StatusCode::OK);
        let expected = if app.db.backend == "sqlite" { "SQLite" } else { "PostgreSQL" };
        assert!(res.body.contains(expected), "{}", res.body);

        let res = app.get("/tools/fiscal-year?date=2019-04-30", Some(&token)).await;
        assert!(res.body.contains("令和元年度"));
        assert!(res.body.contains("平成31年"));
    }
}

#[tokio::test]
async fn unknown_pages_are_404_in_japanese() {
    let app = TestApp::new(TestDb::sqlite().await).await;
    let (_, token) = app.user("sato", Role::Viewer).await;
    let res = app.get("/no/such/page", Some(&token)).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.body.contains("ページが見つかりません"));
}

#[tokio::test]
async fn static_files_are_served_without_login_and_with_cache_headers() {
    let app = TestApp::new(TestDb::sqlite().await).await;
    let css = app.get("/pkg/renkei.css", None).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.body, "body{}");
    assert_eq!(css.header("cache-control"), "no-cache");
    let icon = app.get("/favicon.svg", None).await;
    assert_eq!(icon.status, StatusCode::OK);
    assert_eq!(icon.header("cache-control"), "public, max-age=86400");
}

#[tokio::test]
async fn responses_are_compressed_when_asked() {
    let app = TestApp::new(TestDb::sqlite().await).await;
    let (_, token) = app.user("sato", Role::Viewer).await;
    let req = Request::get("/tools/fiscal-year")
        .header("host", HOST)
        .header("cookie", format!("renkei_session={token}"))
        .header("accept-encoding", "gzip")
        .body(Body::empty())
        .unwrap();
    let res = send(&app.router, req).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("content-encoding"), "gzip");
}

#[tokio::test]
async fn server_functions_answer_json() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        let (_, token) = app.user("admin", Role::Admin).await;
        let res = app.call("system_info", "", Some(&token)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let json = res.json();
        let expected = if app.db.backend == "sqlite" { "SQLite" } else { "PostgreSQL" };
        assert_eq!(json["database"], expected);
        assert_eq!(res.header("cache-control"), "no-store");
    }
}

#[tokio::test]
async fn unknown_server_function_is_a_client_error() {
    let app = TestApp::new(TestDb::sqlite().await).await;
    let res = app.call("no_such_function", "", None).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
}

/// server_fn gives every error a 500; the middleware turns it into the AppError's status.
#[tokio::test]
async fn server_function_errors_carry_their_status() {
    use app::error::AppError;
    use leptos::server_fn::error::FromServerFnError;

    async fn failing(err: AppError) -> axum::response::Response {
        let mut res = (StatusCode::INTERNAL_SERVER_ERROR, err.ser()).into_response();
        res.headers_mut().insert("serverfnerror", "/api/x".parse().unwrap());
        res
    }
    let app = Router::new()
        .route("/forbidden", get(|| failing(AppError::Forbidden)))
        .route("/invalid", get(|| failing(AppError::field("name", "必須です"))))
        .route("/fault", get(|| failing(AppError::Internal("x".into()))))
        .layer(middleware::from_fn(server::headers::server_fn_error_status));

    let get = |p: &'static str| send(&app, Request::get(p).body(Body::empty()).unwrap());
    assert_eq!(get("/forbidden").await.status, StatusCode::FORBIDDEN);
    let invalid = get("/invalid").await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invalid.body.contains("必須です"));
    assert_eq!(get("/fault").await.status, StatusCode::INTERNAL_SERVER_ERROR);
}
