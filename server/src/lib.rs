//! The Renkei server: configuration, HTTP routing and middleware around the app crate.

pub mod cli;
pub mod config;
pub mod consultations;
pub mod exports;
pub mod gate;
pub mod headers;
pub mod router;

pub use app::server::AppState;

use app::server::db;
use migration::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;

/// Connects, brings the schema up to date and seeds the default professions and consultation categories once.
pub async fn open_database(url: &str) -> Result<DatabaseConnection, String> {
    let conn = db::connect(url, None).await.map_err(|e| e.to_string())?;
    Migrator::up(&conn, None).await.map_err(|e| format!("migration failed: {e}"))?;
    app::server::services::professions::ensure_defaults(&conn, chrono::Utc::now())
        .await
        .map_err(|e| format!("seeding professions failed: {e:?}"))?;
    app::server::services::consultation_categories::ensure_defaults(&conn, chrono::Utc::now())
        .await
        .map_err(|e| format!("seeding consultation categories failed: {e:?}"))?;
    Ok(conn)
}
