//! The published resource list as open data, with no sign-in: CSV (UTF-8 with BOM) and
//! Open Referral HSDS 3 JSON. Both read through `services::resources::public`.

use crate::exports::error;
use app::server::services::resources::public;
use app::server::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

fn open_data(content_type: &'static str, name: &str, body: Vec<u8>) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // The same for everyone and cacheable, but revalidated on each use: withdrawn consent
    // must unpublish at once.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, no-cache"));
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    (StatusCode::OK, headers, body).into_response()
}

pub async fn resources_csv(State(state): State<AppState>) -> Response {
    match public::csv(&state.db).await {
        Ok(body) => open_data("text/csv; charset=utf-8", "resources.csv", body),
        Err(e) => error(e),
    }
}

pub async fn resources_json(State(state): State<AppState>) -> Response {
    match public::hsds(&state.db, "").await {
        Ok(body) => open_data("application/json", "resources.json", body),
        Err(e) => error(e),
    }
}
