//! Test support: a fresh database per test on every configured backend, and an HTTP client
//! for the real router.
#![allow(dead_code)]

use app::api::auth::SessionUser;
use app::domain::Role;
use app::server::auth::{session, AuthConfig};
use app::server::services::audit::Actor;
use app::server::services::accounts::users::{self, NewUser};
use app::server::{db, AppState};
use chrono::Utc;
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
    /// The SQLite database's files (with its journal), to read what is stored on disk.
    pub fn files(&self) -> Vec<std::path::PathBuf> {
        self._dir.as_ref().map(|d| std::fs::read_dir(d.path()).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default()
    }

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
        // Drop may run inside the test's runtime: clean up on a thread with its own. The
        // test's runtime is blocked meanwhile, so a lock held by one of its connections would
        // never be released: give up after a while rather than hang (the schema then stays).
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async {
                if let Ok(admin) = db::connect(&base, None).await {
                    let _ = admin.execute_unprepared("SET lock_timeout = '10s'").await;
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

/// The real router over a test database, with a site root holding a few static files.
pub struct TestApp {
    pub db: TestDb,
    pub router: Router,
    pub state: AppState,
    _site: tempfile::TempDir,
    /// The attachments' folder of this app alone (`state.attachments_dir`).
    _attachments: tempfile::TempDir,
}

pub const HOST: &str = "renkei.test";

impl TestApp {
    pub async fn new(db: TestDb) -> TestApp {
        let auth = AuthConfig { public_hosts: vec![HOST.to_string()], ..AuthConfig::default() };
        TestApp::with_auth(db, auth).await
    }

    pub async fn with_auth(db: TestDb, auth: AuthConfig) -> TestApp {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("pkg")).unwrap();
        std::fs::write(site.path().join("pkg/renkei.css"), "body{}").unwrap();
        std::fs::write(site.path().join("favicon.svg"), "<svg/>").unwrap();
        let options = LeptosOptions::builder()
            .output_name("renkei")
            .site_root(site.path().to_string_lossy().to_string())
            .site_pkg_dir("pkg")
            .build();
        let initialized = users::count(&db.conn).await.unwrap() > 0;
        let attachments = tempfile::tempdir().unwrap();
        let state = AppState::new(db.conn.clone(), options, auth, initialized)
            .with_referrals(app::server::seal::Keyring::ephemeral(), 14)
            .with_attachments(attachments.path().to_path_buf());
        let router = server::router::build(state.clone());
        TestApp { db, router, state, _site: site, _attachments: attachments }
    }

    /// A new active user of `role` and a session token for them.
    pub async fn user(&self, login: &str, role: Role) -> (SessionUser, String) {
        let input = NewUser {
            login_name: login.to_string(),
            display_name: format!("{login} さん"),
            role: role.code().to_string(),
            password: PASSWORD.to_string(),
            password_confirm: None,
        };
        let user = users::create(&self.db.conn, &Actor::system("test"), &input, Utc::now()).await.unwrap();
        self.state.mark_initialized();
        let token = session::create(&self.db.conn, user.id, Utc::now()).await.unwrap();
        (session::to_session_user(&user).unwrap(), token)
    }

    /// Turns two-step sign-in on for the user, as the account page does.
    pub async fn second_factor(&self, user_id: i32) {
        let now = Utc::now();
        let secret = app::server::services::accounts::two_factor::begin_enrolment(&self.db.conn, user_id, now).await.unwrap();
        let code = app::server::auth::totp::code_at_time(&secret, now).unwrap();
        app::server::services::accounts::two_factor::confirm_enrolment(&self.db.conn, &Actor::system("test"), user_id, &code, now).await.unwrap();
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> TestResponse {
        let mut req = Request::get(path).header("host", HOST);
        if let Some(t) = token {
            req = req.header("cookie", format!("renkei_session={t}"));
        }
        send(&self.router, req.body(Body::empty()).unwrap()).await
    }

    /// Posts a file the way a form with `enctype="multipart/form-data"` does.
    pub async fn upload(&self, path: &str, field: &str, file_name: &str, content: &[u8], token: Option<&str>) -> TestResponse {
        let boundary = "----renkei-test-boundary";
        let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n").into_bytes();
        body.extend_from_slice(content);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let mut req = Request::post(path)
            .header("host", HOST)
            .header("origin", format!("http://{HOST}"))
            .header("content-type", format!("multipart/form-data; boundary={boundary}"));
        if let Some(t) = token {
            req = req.header("cookie", format!("renkei_session={t}"));
        }
        send(&self.router, req.body(Body::from(body)).unwrap()).await
    }

    /// Calls a server function the way the browser does (URL-encoded POST from this site).
    pub async fn call(&self, endpoint: &str, form: &str, token: Option<&str>) -> TestResponse {
        let mut req = Request::post(format!("/api/{endpoint}"))
            .header("host", HOST)
            .header("origin", format!("http://{HOST}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json");
        if let Some(t) = token {
            req = req.header("cookie", format!("renkei_session={t}"));
        }
        send(&self.router, req.body(Body::from(form.to_string())).unwrap()).await
    }
}

pub const PASSWORD: &str = "correct-horse-battery";

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as sent (files).
    pub bytes: Vec<u8>,
}

impl TestResponse {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The session token set by this response, if any.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| c.strip_prefix("renkei_session="))
            .map(|rest| rest.split(';').next().unwrap_or("").to_string())
    }
}

pub async fn send(app: &Router, req: Request<Body>) -> TestResponse {
    // A hung request should fail the test with its path, not stall the whole run.
    let what = format!("{} {}", req.method(), req.uri());
    let res = tokio::time::timeout(std::time::Duration::from_secs(60), app.clone().oneshot(req))
        .await
        .unwrap_or_else(|_| panic!("no answer within 60 s to {what}"))
        .expect("router answers");
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = to_bytes(res.into_body(), 16 * 1024 * 1024).await.expect("body");
    TestResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes: bytes.to_vec() }
}

/// URL-encodes form pairs.
pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn python() -> &'static str {
    if std::path::Path::new("/usr/bin/python3").exists() { "/usr/bin/python3" } else { "python3" }
}

/// Parses a calendar with Python's `icalendar` and returns the events' summaries.
pub fn parse_with_icalendar(ics: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.ics");
    std::fs::write(&path, ics).unwrap();
    let script = "import sys, icalendar\n\
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n\
        assert cal['VERSION'] == '2.0' and 'PRODID' in cal\n\
        for e in cal.walk('VEVENT'):\n\
        \x20   assert e.get('UID') and e.get('DTSTAMP') and e.get('DTSTART')\n\
        \x20   print(str(e.get('SUMMARY')) + '|' + e.decoded('DTSTART').isoformat())\n";
    let out = std::process::Command::new(python())
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output()
        .expect("python3 runs (scripts/setup.sh --tests installs python3-icalendar)");
    assert!(out.status.success(), "icalendar refused the feed: {}\n{ics}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(str::to_string).collect()
}
