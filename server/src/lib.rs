//! The Renkei server: configuration, HTTP routing and middleware around the app crate.

pub mod config;
pub mod headers;
pub mod router;

pub use app::server::AppState;

use app::server::db;
use migration::{Migrator, MigratorTrait};
use sea_orm::{DatabaseConnection, DbErr};

/// Connects and brings the schema up to date.
pub async fn open_database(url: &str) -> Result<DatabaseConnection, DbErr> {
    let conn = db::connect(url, None).await?;
    Migrator::up(&conn, None).await?;
    Ok(conn)
}
