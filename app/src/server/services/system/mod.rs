//! Facts about the running installation, for the system page and health checks.

pub mod form_rejections;
pub mod settings;
use crate::dto::system::SystemInfo;
use crate::error::AppError;
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

pub fn backend_name(db: &impl ConnectionTrait) -> &'static str {
    match db.get_database_backend() {
        DatabaseBackend::Sqlite => "SQLite",
        DatabaseBackend::Postgres => "PostgreSQL",
        DatabaseBackend::MySql => "MySQL",
        _ => "other",
    }
}

/// Answers whether the database takes a trivial query.
pub async fn ping(db: &impl ConnectionTrait) -> Result<(), AppError> {
    let backend = db.get_database_backend();
    db.query_one_raw(Statement::from_string(backend, "SELECT 1")).await?;
    Ok(())
}

/// Number of applied migrations, read from SeaORM's bookkeeping table.
pub async fn applied_migrations(db: &impl ConnectionTrait) -> Result<i64, AppError> {
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_string(backend, "SELECT COUNT(*) AS n FROM seaql_migrations"))
        .await?
        .ok_or_else(|| AppError::Internal("no row from COUNT(*)".into()))?;
    Ok(row.try_get::<i64>("", "n")?)
}

pub async fn info(db: &impl ConnectionTrait) -> Result<SystemInfo, AppError> {
    Ok(SystemInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        database: backend_name(db).to_string(),
        migrations: applied_migrations(db).await?,
        demo: crate::server::services::system::settings::get(db, "demo_seeded").await?.is_some(),
    })
}
