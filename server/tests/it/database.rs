//! The schema and the database settings, on every backend.

use crate::common;

use app::server::services::{system};
use common::{backends, TestDb};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Statement};

#[tokio::test]
async fn migrations_apply_once_and_are_recorded() {
    for db in backends().await {
        // Running again is a no-op.
        Migrator::up(&db.conn, None).await.unwrap();
        let applied = system::applied_migrations(&db.conn).await.unwrap();
        assert_eq!(applied as usize, Migrator::migrations().len(), "{}", db.backend);
        assert!(Migrator::get_pending_migrations(&db.conn).await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn settings_are_inserted_then_replaced() {
    for db in backends().await {
        assert_eq!(system::settings::get(&db.conn, "k").await.unwrap(), None, "{}", db.backend);
        system::settings::set(&db.conn, "k", "一").await.unwrap();
        assert_eq!(system::settings::get(&db.conn, "k").await.unwrap().as_deref(), Some("一"));
        system::settings::set(&db.conn, "k", "二").await.unwrap();
        assert_eq!(system::settings::get(&db.conn, "k").await.unwrap().as_deref(), Some("二"));
    }
}

#[tokio::test]
async fn system_info_names_the_backend() {
    for db in backends().await {
        let info = system::info(&db.conn).await.unwrap();
        let expected = if db.backend == "sqlite" { "SQLite" } else { "PostgreSQL" };
        assert_eq!(info.database, expected);
        assert_eq!(info.migrations as usize, Migrator::migrations().len());
        assert!(!info.demo);
    }
}

#[tokio::test]
async fn sqlite_runs_with_wal_foreign_keys_and_busy_timeout() {
    let db = TestDb::sqlite().await;
    let backend = db.conn.get_database_backend();
    let one = |sql: &str| Statement::from_string(backend, sql.to_string());
    let mode = db.conn.query_one_raw(one("PRAGMA journal_mode")).await.unwrap().unwrap();
    assert_eq!(mode.try_get_by_index::<String>(0).unwrap().to_lowercase(), "wal");
    let fk = db.conn.query_one_raw(one("PRAGMA foreign_keys")).await.unwrap().unwrap();
    assert_eq!(fk.try_get_by_index::<i64>(0).unwrap(), 1);
    let busy = db.conn.query_one_raw(one("PRAGMA busy_timeout")).await.unwrap().unwrap();
    assert!(busy.try_get_by_index::<i64>(0).unwrap() >= 5000);
}
