//! Test support: a fresh database per test on every configured backend, and an HTTP client
//! for the real router.
#![allow(dead_code)]

use app::server::{db, AppState};
use axum::body::{to_bytes, Body};
use axum::Router;
use http::{HeaderMap, Request, StatusCode};
use leptos::config::LeptosOptions;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use tower::ServiceExt;

/// A migrated, empty database that removes itself when dropped.
pub struct TestDb {
    pub conn: DatabaseConnection,
    pub backend: &'static str,
    _dir: Option<tempfile::TempDir>,
    pg_schema: Option<(String, String)>,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
        let conn = db::connect(&url, None).await.expect("connect sqlite");
        Migrator::up(&conn, None).await.expect("migrate sqlite");
        TestDb { conn, backend: "sqlite", _dir: Some(dir), pg_schema: None }
    }

    /// A schema of its own in the database of TEST_DATABASE_URL, if that is set.
    pub async fn postgres() -> Option<TestDb> {
        let base = std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.trim().is_empty())?;
        let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
        let admin = db::connect(&base, None).await.expect("connect TEST_DATABASE_URL");
        admin
            .execute_unprepared(&format!("CREATE SCHEMA {schema}"))
            .await
            .expect("create test schema");
        admin.close().await.ok();
        let conn = db::connect(&base, Some(&schema)).await.expect("connect postgres schema");
        Migrator::up(&conn, None).await.expect("migrate postgres");
        Some(TestDb { conn, backend: "postgres", _dir: None, pg_schema: Some((base, schema)) })
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((base, schema)) = self.pg_schema.take() else { return };
        // Drop may run inside the test's runtime: clean up on a thread with its own.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async {
                if let Ok(admin) = db::connect(&base, None).await {
                    let _ = admin.execute_unprepared(&format!("DROP SCHEMA {schema} CASCADE")).await;
                    let _ = admin.close().await;
                }
            });
        })
        .join();
    }
}

/// SQLite always; PostgreSQL too when TEST_DATABASE_URL is set.
pub async fn backends() -> Vec<TestDb> {
    let mut all = vec![TestDb::sqlite().await];
    if let Some(pg) = TestDb::postgres().await {
        all.push(pg);
    }
    all
}

/// The real router over a test database, serving static files from `site_root`.
pub fn router(db: &TestDb, site_root: &std::path::Path) -> Router {
    let options = LeptosOptions::builder()
        .output_name("renkei")
        .site_root(site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .build();
    server::router::build(AppState { db: db.conn.clone(), options })
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestResponse {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

pub async fn send(app: &Router, req: Request<Body>) -> TestResponse {
    let res = app.clone().oneshot(req).await.expect("router answers");
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = to_bytes(res.into_body(), 16 * 1024 * 1024).await.expect("body");
    TestResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

pub async fn get(app: &Router, path: &str) -> TestResponse {
    send(app, Request::get(path).body(Body::empty()).unwrap()).await
}

/// Calls a server function the way the browser does (URL-encoded POST).
pub async fn call(app: &Router, endpoint: &str, form: &str) -> TestResponse {
    let req = Request::post(format!("/api/{endpoint}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body(Body::from(form.to_string()))
        .unwrap();
    send(app, req).await
}
