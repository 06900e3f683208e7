//! Server-only code: state, entities, services, security. Never compiled into the browser bundle.

pub mod assets;
pub mod auth;
pub mod db;
pub mod entities;
pub mod render;
pub mod seal;
pub mod security;
pub mod services;

use crate::error::AppError;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// What every request handler and server function can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub options: LeptosOptions,
    pub auth: auth::AuthConfig,
    /// The map tiles of the resource maps.
    pub map: crate::dto::resources::MapSettings,
    /// The keys that seal referral slips' personal fields (None: referrals are unavailable).
    pub keyring: Option<Arc<seal::Keyring>>,
    /// Days a receiver has to reply to a referral slip.
    pub referral_reply_days: i64,
    /// Where attachments' files are kept (`services::attachments::files`).
    pub attachments_dir: std::path::PathBuf,
    /// Whether the first administrator exists; cached because every page request asks.
    initialized: Arc<AtomicBool>,
}

impl AppState {
    /// `initialized`: whether any user exists (see `services::accounts::users::count`).
    pub fn new(db: DatabaseConnection, options: LeptosOptions, auth: auth::AuthConfig, initialized: bool) -> Self {
        AppState {
            db,
            options,
            auth,
            map: Default::default(),
            keyring: None,
            referral_reply_days: crate::domain::referrals::DEFAULT_REPLY_DAYS,
            // The default of `--attachments-dir` under the default `--data-dir`.
            attachments_dir: std::path::PathBuf::from("data").join("attachments"),
            initialized: Arc::new(AtomicBool::new(initialized)),
        }
    }

    pub fn with_map(self, map: crate::dto::resources::MapSettings) -> Self {
        AppState { map, ..self }
    }

    pub fn with_referrals(self, keyring: seal::Keyring, reply_days: i64) -> Self {
        AppState { keyring: Some(Arc::new(keyring)), referral_reply_days: reply_days.clamp(1, 365), ..self }
    }

    pub fn with_attachments(self, dir: std::path::PathBuf) -> Self {
        AppState { attachments_dir: dir, ..self }
    }

    pub fn is_initialized(&self) -> bool {
        self.initialized.load(Ordering::Relaxed)
    }

    pub fn mark_initialized(&self) {
        self.initialized.store(true, Ordering::Relaxed);
    }
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.options.clone()
    }
}

/// The state of the current request.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::Internal("AppState missing from context".into()))
}

/// The keys of referral slips; without them no slip is read or written.
pub fn keyring() -> Result<Arc<seal::Keyring>, AppError> {
    state()?.keyring.ok_or_else(|| AppError::Internal("referral keys are not loaded (see --referral-keys)".into()))
}

/// The folder of attachments' files.
pub fn attachments_dir() -> Result<std::path::PathBuf, AppError> {
    state().map(|s| s.attachments_dir)
}

/// The database connection of the current request.
pub fn db() -> Result<DatabaseConnection, AppError> {
    state().map(|s| s.db)
}

/// Sets the status of the current response (page or server function), if there is one.
pub fn set_response_status(status: u16) {
    if let (Some(opts), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(status),
    ) {
        opts.set_status(code);
    }
}

/// Who writes and when, for the body of `write`.
pub struct Writer {
    pub user: crate::dto::auth::SessionUser,
    /// The user as the audit trail names them.
    pub actor: services::audit::Actor,
    pub now: chrono::DateTime<chrono::Utc>,
}

/// The one way a server function writes: authorise `permission` (401/403 otherwise), then run
/// `f` in a write transaction with the writer and the time of the request.
pub async fn write<T, F>(permission: crate::domain::Permission, f: F) -> Result<T, AppError>
where
    F: for<'c> FnOnce(
            &'c sea_orm::DatabaseTransaction,
            &'c Writer,
        ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, AppError>> + Send + 'c>>
        + Send
        + 'static,
    T: Send,
{
    let user = auth::authorize(permission)?;
    let writer = Writer { actor: (&user).into(), user, now: chrono::Utc::now() };
    transaction(move |txn| Box::pin(async move { f(txn, &writer).await })).await
}

/// Runs `f` in a transaction: committed when it returns `Ok`, rolled back (and awaited, so no
/// lock outlives the request) when it returns `Err`.
pub async fn transaction<T, F>(f: F) -> Result<T, AppError>
where
    F: for<'c> FnOnce(
            &'c sea_orm::DatabaseTransaction,
        ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, AppError>> + Send + 'c>>
        + Send,
    T: Send,
{
    write_transaction(&db()?, f).await
}

/// `transaction` over a given connection. On SQLite the transaction begins IMMEDIATE: it takes
/// the write lock first, waiting (busy timeout) while another writer holds it. A deferred
/// transaction that reads before it writes cannot wait: its upgrade to a writer fails at once
/// with "database is locked" whenever another write is under way.
pub async fn write_transaction<T, F>(db: &DatabaseConnection, f: F) -> Result<T, AppError>
where
    F: for<'c> FnOnce(
            &'c sea_orm::DatabaseTransaction,
        ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, AppError>> + Send + 'c>>
        + Send,
    T: Send,
{
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    let options = TransactionOptions { sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate), ..Default::default() };
    let txn = db.begin_with_options(options).await?;
    match f(&txn).await {
        Ok(value) => {
            txn.commit().await?;
            Ok(value)
        }
        Err(err) => {
            txn.rollback().await?;
            Err(err)
        }
    }
}
