//! Benchmark: importing 50,000 consultations from CSV (the target: seconds, not minutes).
//! `cargo bench -p server --bench consultation_import` (release build; SQLite in a temp
//! file, or PostgreSQL with `BENCH_DATABASE_URL`). Prints the time of each step.

use app::server::services::{consultations, directory};
use chrono::Utc;
use sea_orm::TransactionTrait;
use std::time::Instant;

#[path = "common/import_csv.rs"]
mod import_csv;

use import_csv::{csv, ROWS};

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let url = std::env::var("BENCH_DATABASE_URL").unwrap_or_else(|_| format!("sqlite://{}?mode=rwc", dir.path().join("bench.db").display()));
        let db = server::open_database(&url).await.unwrap();
        directory::professions::ensure_defaults(&db, Utc::now()).await.unwrap();
        consultations::categories::ensure_defaults(&db, Utc::now()).await.unwrap();
        let file = csv();
        println!("file: {ROWS} rows, {:.1} MB", file.len() as f64 / 1e6);

        let t = Instant::now();
        let lookups = consultations::import::Lookups::load(&db).await.unwrap();
        let parsed = consultations::import::parse(&file, &lookups);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems.first());
        println!("parse and check (the preview): {:.2} s", t.elapsed().as_secs_f64());

        let t = Instant::now();
        let txn = db.begin().await.unwrap();
        let created = consultations::import::insert_new(&txn, &parsed.rows, &lookups, Utc::now()).await.unwrap();
        txn.commit().await.unwrap();
        assert_eq!(created as usize, ROWS);
        println!("insert in one transaction: {:.2} s", t.elapsed().as_secs_f64());

        let t = Instant::now();
        let txn = db.begin().await.unwrap();
        let again = consultations::import::insert_new(&txn, &parsed.rows, &lookups, Utc::now()).await.unwrap();
        txn.commit().await.unwrap();
        assert_eq!(again, 0);
        println!("re-import of the same rows (all duplicates): {:.2} s", t.elapsed().as_secs_f64());

        let t = Instant::now();
        let v = consultations::trends::trends(&db, None, None, true, app::clock::today()).await.unwrap();
        assert_eq!(v.table.total as usize, ROWS);
        println!("trend table over {ROWS} records: {:.3} s", t.elapsed().as_secs_f64());
        let t = Instant::now();
        consultations::trends::breakdowns(&db, 2020, app::clock::today()).await.unwrap();
        println!("one year's breakdowns: {:.3} s", t.elapsed().as_secs_f64());
    });
}
