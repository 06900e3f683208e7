//! The load benchmark (run on demand by `scripts/bench.sh`, not part of the tests): for each
//! database and dataset size, a fresh database with ten fiscal years of synthetic records,
//! the release server started cold, and `wrk` at 1 and 32 connections, logged in, against
//! the pages a coordinator opens most. Also the bare SQL time of the trend table's query,
//! memory under load, the CSV import of 50,000 consultations and the client's size.
//! Writes `bench/RESULTS.md`.
//!
//! Settings (environment): BENCH_SECONDS (per run, default 5), BENCH_DATABASES
//! ("sqlite,postgres"), BENCH_SIZES ("team,x10"), BENCH_POSTGRES_URL (a database the bench
//! may empty), BENCH_OUT (default bench/RESULTS.md), BENCH_KEEP (a folder to keep the SQLite
//! files and server logs in, for looking into a result; default a temporary one),
//! BENCH_SERVER (another server binary to measure, with its hash.txt beside it).

mod dataset;
mod probe;
mod results;
#[path = "../common/import_csv.rs"]
mod import_csv;

use app::server::auth::session;
use app::server::services::audit::Actor;
use app::server::services::accounts::users::{self, NewUser};
use app::server::services::{consultations};
use chrono::Utc;
use dataset::{Size, TEAM, X10};
use probe::LoadResult;
use results::{Endpoint, Run};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, TransactionTrait};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CONNECTIONS: [u32; 2] = [1, 32];
const PORT: u16 = 3917;

fn env(name: &str, default: &str) -> String {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty()).unwrap_or_else(|| default.to_string())
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A fresh database: a new SQLite file, or the PostgreSQL database emptied.
async fn fresh(kind: &str, dir: &std::path::Path, tag: &str) -> Result<String, String> {
    match kind {
        "sqlite" => {
            let file = dir.join(format!("{tag}.db"));
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
            Ok(format!("sqlite://{}?mode=rwc", file.display()))
        }
        "postgres" => {
            let url = std::env::var("BENCH_POSTGRES_URL").map_err(|_| "BENCH_POSTGRES_URL is not set".to_string())?;
            let db = sea_orm::Database::connect(&url).await.map_err(|e| e.to_string())?;
            db.execute_unprepared("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;").await.map_err(|e| e.to_string())?;
            db.close().await.map_err(|e| e.to_string())?;
            Ok(url)
        }
        other => Err(format!("unknown database {other}")),
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Median of the trend table's GROUP BY alone, and of the whole service call, in µs.
async fn trend_sql_times(db: &DatabaseConnection) -> (f64, f64) {
    let sql = "SELECT fiscal_year, category_id, COUNT(category_id) AS n FROM consultation WHERE active = TRUE GROUP BY fiscal_year, category_id";
    let stmt = Statement::from_string(db.get_database_backend(), sql);
    let mut bare = Vec::new();
    let mut service = Vec::new();
    for i in 0..40 {
        let t = Instant::now();
        db.query_all_raw(stmt.clone()).await.expect("trend query");
        if i >= 5 {
            bare.push(t.elapsed().as_secs_f64() * 1e6);
        }
        let t = Instant::now();
        consultations::trends::trends(db, None, None, false, app::clock::today()).await.expect("trend service");
        if i >= 5 {
            service.push(t.elapsed().as_secs_f64() * 1e6);
        }
    }
    (median(bare), median(service))
}

async fn users_and_token(db: &DatabaseConnection) -> (Vec<i32>, String) {
    let mut ids = Vec::new();
    for (i, role) in ["admin", "coordinator", "coordinator", "coordinator", "coordinator"].iter().enumerate() {
        let input = NewUser {
            login_name: format!("bench{i}"),
            display_name: format!("コーディネーター{i}"),
            role: role.to_string(),
            password: "bench-password-123".into(),
            password_confirm: None,
        };
        ids.push(users::create(db, &Actor::system("bench"), &input, Utc::now()).await.expect("user").id);
    }
    let token = session::create(db, ids[0], Utc::now()).await.expect("session");
    (ids, format!("{}={token}", app::server::auth::SESSION_COOKIE))
}

async fn run_one(kind: &str, size: Size, dir: &std::path::Path, seconds: u32) -> Result<Run, String> {
    let tag = format!("{kind}-{}", if size.consultations > 10_000 { "x10" } else { "team" });
    eprintln!("== {tag}: loading");
    let url = fresh(kind, dir, &tag).await?;
    let db = server::open_database(&url).await?;
    let (coordinators, cookie) = users_and_token(&db).await;
    let t = Instant::now();
    let loaded = dataset::load(&db, size, app::clock::today(), &coordinators).await.map_err(|e| e.to_string())?;
    dataset::reset_sequences(&db).await.map_err(|e| e.to_string())?;
    // As after a server restart (SQLite) or autovacuum (PostgreSQL).
    if kind == "postgres" {
        db.execute_unprepared("ANALYZE").await.map_err(|e| e.to_string())?;
    } else {
        server::refresh_statistics(&db).await?;
    }
    let load_seconds = t.elapsed().as_secs_f64();
    let (bare_sql_us, service_us) = trend_sql_times(&db).await;
    db.close().await.map_err(|e| e.to_string())?;

    let addr = format!("127.0.0.1:{PORT}");
    let log = std::fs::File::create(dir.join(format!("{tag}.log"))).map_err(|e| e.to_string())?;
    let started = Instant::now();
    // Cargo builds the package's binary for its benchmarks, with the same profile; another
    // build (e.g. to compare two) can be named instead.
    let server = std::env::var("BENCH_SERVER").unwrap_or_else(|_| env!("CARGO_BIN_EXE_renkei").to_string());
    let mut child = Command::new(server)
        .env("DATABASE_URL", &url)
        .env("RENKEI_LISTEN", &addr)
        .env("LEPTOS_SITE_ROOT", root().join("target/site"))
        .env("RENKEI_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("could not start the server ({e})"))?;
    let cold_start = probe::wait_healthy(&addr, started);
    let idle_rss = probe::memory_kib(child.id(), "VmRSS:").unwrap_or(0);
    let fy = loaded.filtered_year;
    let p = loaded.busiest_profession;
    let endpoints = vec![
        ("ダッシュボード", "/".to_string()),
        ("会議一覧（年度・職種で絞り込み）", format!("/meetings?fy={fy}&profession={p}")),
        ("会議の記録", format!("/meetings/{}", loaded.a_meeting)),
        ("職種の連携の歩み", format!("/meetings/timeline/{p}")),
        ("課題の年度別表", format!("/issues/register/{p}/matrix")),
        ("相談内容の推移", "/consultations/trends".to_string()),
        ("研修一覧（年度）", format!("/trainings?fy={}", fy + 2)),
        ("/healthz", "/healthz".to_string()),
    ];
    let lua = root().join("bench/wrk-report.lua").display().to_string();
    let mut measured = Vec::new();
    for (name, path) in endpoints {
        let (status, bytes) = probe::get(&addr, &path, &cookie).map_err(|e| e.to_string())?;
        let mut results: Vec<LoadResult> = Vec::new();
        if status == 200 {
            for c in CONNECTIONS {
                eprintln!("   {path} c={c}");
                results.push(probe::wrk(&format!("http://{addr}{path}"), &cookie, c, seconds, &lua, child.id())?);
            }
        }
        measured.push(Endpoint { name: name.to_string(), path, status, bytes, results });
    }
    let peak_rss = probe::memory_kib(child.id(), "VmHWM:").unwrap_or(0);
    let _ = child.kill();
    let _ = child.wait();
    Ok(Run { database: kind.to_string(), size, rows: loaded.rows, load_seconds, cold_start, idle_rss_kib: idle_rss, peak_rss_kib: peak_rss, bare_sql_us, service_us, endpoints: measured })
}

/// Parse, check and insert the 50,000-row CSV into a fresh database, in seconds.
async fn import(kind: &str, dir: &std::path::Path) -> Result<(f64, f64), String> {
    let url = fresh(kind, dir, &format!("{kind}-import")).await?;
    let db = server::open_database(&url).await?;
    let file = import_csv::csv();
    let t = Instant::now();
    let lookups = consultations::import::Lookups::load(&db).await.map_err(|e| format!("{e:?}"))?;
    let parsed = consultations::import::parse(&file, &lookups);
    let parse = t.elapsed().as_secs_f64();
    let txn = db.begin().await.map_err(|e| e.to_string())?;
    let created = consultations::import::insert_new(&txn, &parsed.rows, &lookups, Utc::now()).await.map_err(|e| format!("{e:?}"))?;
    txn.commit().await.map_err(|e| e.to_string())?;
    if created as usize != import_csv::ROWS {
        return Err(format!("imported {created} of {}", import_csv::ROWS));
    }
    Ok((parse, t.elapsed().as_secs_f64()))
}

fn main() {
    let seconds: u32 = env("BENCH_SECONDS", "5").parse().unwrap_or(5);
    let databases: Vec<String> = env("BENCH_DATABASES", "sqlite,postgres").split(',').map(|s| s.trim().to_string()).collect();
    let sizes: Vec<Size> = env("BENCH_SIZES", "team,x10").split(',').filter_map(|s| match s.trim() { "team" => Some(TEAM), "x10" => Some(X10), _ => None }).collect();
    let out = PathBuf::from(env("BENCH_OUT", &root().join("bench/RESULTS.md").display().to_string()));
    let temp = tempfile::tempdir().expect("temp dir");
    let kept = std::env::var("BENCH_KEEP").ok().map(PathBuf::from);
    if let Some(k) = &kept {
        std::fs::create_dir_all(k).expect("BENCH_KEEP folder");
    }
    let dir: &std::path::Path = kept.as_deref().unwrap_or(temp.path());
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    let started = Instant::now();
    let mut runs = Vec::new();
    let mut imports = Vec::new();
    for kind in &databases {
        for size in &sizes {
            match rt.block_on(run_one(kind, *size, dir, seconds)) {
                Ok(run) => runs.push(run),
                Err(e) => {
                    eprintln!("{kind} {}: {e}", size.name);
                    std::process::exit(1);
                }
            }
        }
        eprintln!("== {kind}: import of {} consultations", import_csv::ROWS);
        match rt.block_on(import(kind, dir)) {
            Ok(t) => imports.push((kind.clone(), t)),
            Err(e) => {
                eprintln!("{kind} import: {e}");
                std::process::exit(1);
            }
        }
    }
    let pg_version = databases.iter().any(|d| d == "postgres").then(|| {
        rt.block_on(async {
            let db = sea_orm::Database::connect(std::env::var("BENCH_POSTGRES_URL").ok()?).await.ok()?;
            let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), "SHOW server_version")).await.ok()??;
            row.try_get_by_index::<String>(0).ok()
        })
    });
    let text = results::markdown(&runs, &imports, seconds, pg_version.flatten(), Duration::from_secs_f64(started.elapsed().as_secs_f64()));
    std::fs::write(&out, text).expect("write results");
    eprintln!("wrote {}", out.display());
}
