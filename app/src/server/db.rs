//! Opening the database: SQLite (default, one file) or PostgreSQL, tuned the same way everywhere.

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use std::time::Duration;

pub fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// Connects with WAL, foreign keys and a busy timeout on SQLite. `schema` sets PostgreSQL's
/// search path (tests use one schema each).
pub async fn connect(url: &str, schema: Option<&str>) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_string());
    opts.sqlx_logging(false).connect_timeout(Duration::from_secs(10));
    if is_sqlite(url) {
        ensure_parent_dir(url);
        opts.max_connections(if url.contains(":memory:") { 1 } else { 4 })
            .map_sqlx_sqlite_opts(|o| {
                o.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(synchronous())
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
            });
    } else {
        opts.max_connections(16);
        if let Some(schema) = schema {
            opts.set_schema_search_path(schema.to_string());
        }
    }
    Database::connect(opts).await
}

/// The file of a `sqlite:` URL (none for PostgreSQL or an in-memory database).
pub fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    if !is_sqlite(url) {
        return None;
    }
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path.contains(":memory:") {
        return None;
    }
    Some(std::path::PathBuf::from(path))
}

/// `RENKEI_SQLITE_SYNCHRONOUS=full` makes every commit durable against a power loss too;
/// the default NORMAL loses nothing when the process crashes, but a power loss can roll
/// back the last commits (README, "Backup and restore").
fn synchronous() -> SqliteSynchronous {
    match std::env::var("RENKEI_SQLITE_SYNCHRONOUS").map(|v| v.trim().to_ascii_lowercase()) {
        Ok(v) if v == "full" => SqliteSynchronous::Full,
        _ => SqliteSynchronous::Normal,
    }
}

/// SQLite creates the file but not its folder.
fn ensure_parent_dir(url: &str) {
    let Some(path) = sqlite_path(url) else { return };
    if let Some(parent) = path.parent() {
        if !parent.as_os_str().is_empty() {
            let _ = std::fs::create_dir_all(parent);
        }
    }
}
