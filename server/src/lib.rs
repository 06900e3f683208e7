//! The Renkei server: configuration, HTTP routing and middleware around the app crate.

pub mod attachments;
pub mod backup;
pub mod cli;
pub mod config;
pub mod consultations;
pub mod exports;
pub mod form_errors;
pub mod gate;
pub mod headers;
pub mod input;
pub mod limit;
pub mod public;
pub mod router;
pub mod retention;
pub mod serve;
pub mod uploads;

pub use app::server::AppState;

use app::server::db;
use migration::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;

/// Connects, brings the schema up to date and seeds the default professions, resource lists, consultation categories,
/// meeting kinds and referral pathways once.
pub async fn open_database(url: &str) -> Result<DatabaseConnection, String> {
    let conn = db::connect(url, None).await.map_err(|e| e.to_string())?;
    Migrator::up(&conn, None).await.map_err(|e| format!("migration failed: {e}"))?;
    refresh_statistics(&conn).await?;
    app::server::services::directory::professions::ensure_defaults(&conn, chrono::Utc::now())
        .await
        .map_err(|e| format!("seeding professions failed: {e:?}"))?;
    app::server::services::resources::lists::ensure_defaults(&conn, chrono::Utc::now())
        .await
        .map_err(|e| format!("seeding resource lists failed: {e:?}"))?;
    app::server::services::consultations::categories::ensure_defaults(&conn, chrono::Utc::now())
        .await
        .map_err(|e| format!("seeding consultation categories failed: {e:?}"))?;
    app::server::services::meetings::kinds::ensure_defaults(&conn, chrono::Utc::now())
        .await
        .map_err(|e| format!("seeding meeting kinds failed: {e:?}"))?;
    app::server::services::referrals::pathways::ensure_defaults(&conn, chrono::Utc::now())
        .await
        .map_err(|e| format!("seeding referral pathways failed: {e:?}"))?;
    index_for_search(&conn).await?;
    Ok(conn)
}

/// Fills the search index from the records when it is empty but records exist: an
/// installation from before the index, or one restored from such a backup. All or nothing.
pub async fn index_for_search(conn: &DatabaseConnection) -> Result<(), String> {
    let indexed = app::server::write_transaction(conn, |txn| Box::pin(app::server::services::search::ensure_indexed(txn, chrono::Utc::now())))
        .await
        .map_err(|e| format!("building the search index failed: {e:?}"))?;
    if let Some(n) = indexed {
        tracing::info!("search index built: {n} records");
    }
    Ok(())
}

/// SQLite plans queries well only with statistics of its tables and indexes, which it does
/// not gather by itself (PostgreSQL's autovacuum does). A bounded ANALYZE at start takes a
/// few milliseconds even on ten years of records.
pub async fn refresh_statistics(conn: &DatabaseConnection) -> Result<(), String> {
    use sea_orm::ConnectionTrait;
    if conn.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        conn.execute_unprepared("PRAGMA analysis_limit=400; ANALYZE;").await.map_err(|e| format!("ANALYZE failed: {e}"))?;
    }
    Ok(())
}
