//! Server-only code: state, entities, services, security. Never compiled into the browser bundle.

pub mod db;
pub mod entities;
pub mod security;
pub mod services;

use crate::error::AppError;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;

/// What every request handler and server function can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub options: LeptosOptions,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.options.clone()
    }
}

/// The database connection of the current request.
pub fn db() -> Result<DatabaseConnection, AppError> {
    use_context::<AppState>()
        .map(|s| s.db)
        .ok_or_else(|| AppError::Internal("AppState missing from context".into()))
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
