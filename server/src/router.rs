//! The HTTP surface: pages, server functions, static files, health check.

use crate::{consultations, exports, form_errors, gate, headers, input, limit, uploads};
use app::server::services::consultations::import::MAX_FILE_BYTES;
use app::server::services::resources::import::MAX_FILE_BYTES as RESOURCE_FILE_BYTES;
use app::server::services::shared::uploads::MAX_FILE_BYTES as RECORD_FILE_BYTES;
use axum::extract::DefaultBodyLimit;
use app::app::{shell, App};
use app::server::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, AxumRouteListing, LeptosRoutes};
use std::sync::OnceLock;
use tower::ServiceExt;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

/// The app's routes, generated once per process. Generating them sets a process-wide flag
/// under which any resource first polled meanwhile never loads (leptos_server's
/// `SuppressResourceLoad`; leptos issue 4773), so it must not happen while requests are
/// being served — as it did when tests built routers in parallel, and pages hung.
fn routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn build(state: AppState) -> Router {
    let routes = routes();
    let ctx_state = state.clone();
    let context = move || provide_context(ctx_state.clone());
    let shell_options = state.options.clone();

    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/{*fn_name}", get(server_fn).post(server_fn))
        .route("/meetings/export.csv", get(exports::meetings_csv))
        .route("/meetings/export.xlsx", get(exports::meetings_xlsx))
        .route("/calendar/{file}", get(exports::calendar_feed))
        .route("/trainings/export.csv", get(exports::trainings_csv))
        .route("/trainings/export.xlsx", get(exports::trainings_xlsx))
        .route("/report/export.xlsx", get(exports::report_xlsx))
        .route("/plan/export.xlsx", get(exports::plan_xlsx))
        .route("/reports/period.xlsx", get(exports::period_xlsx))
        .route("/handover.xlsx", get(exports::handover_xlsx))
        .route("/referrals/evaluation.csv", get(exports::referral_evaluation_csv))
        .route("/referrals/evaluation.xlsx", get(exports::referral_evaluation_xlsx))
        .route("/referrals/{id}/disclosure.csv", get(exports::referral_disclosure_csv))
        .route("/issues/register/{profession}/matrix.xlsx", get(exports::issue_matrix_xlsx))
        .route("/consultations/trends.csv", get(consultations::trends_csv))
        .route("/consultations/trends.xlsx", get(consultations::trends_xlsx))
        .route("/consultations/trends/{fy}/{file}", get(consultations::breakdown_file))
        .route("/public/resources.csv", get(crate::public::resources_csv))
        .route("/public/resources.json", get(crate::public::resources_json))
        .route("/consultations/import", post(uploads::consultations).layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 64 * 1024)))
        .route("/resources/import", post(uploads::resources).layer(DefaultBodyLimit::max(RESOURCE_FILE_BYTES + 64 * 1024)))
        .route("/directory/organisations/import", post(uploads::organisations).layer(DefaultBodyLimit::max(RECORD_FILE_BYTES + 64 * 1024)))
        .route("/directory/people/import", post(uploads::people).layer(DefaultBodyLimit::max(RECORD_FILE_BYTES + 64 * 1024)))
        .route("/meetings/import", post(uploads::meetings).layer(DefaultBodyLimit::max(RECORD_FILE_BYTES + 64 * 1024)))
        .route("/attachments/{id}", get(crate::attachments::download))
        .route("/attachments/{kind}/{record_id}", post(crate::attachments::upload).layer(DefaultBodyLimit::max(app::domain::attachments::MAX_BYTES + 64 * 1024)))
        .leptos_routes_with_context(&state, routes, context, move || shell(shell_options.clone()))
        .fallback(static_or_not_found)
        .layer(middleware::from_fn_with_state(state.clone(), form_errors::form_errors))
        .layer(middleware::from_fn(headers::server_fn_error_status))
        .layer(middleware::from_fn_with_state(state.clone(), gate::session_and_pages))
        .layer(middleware::from_fn(input::no_nul))
        .layer(middleware::from_fn(headers::cache_headers))
        // Bodies are read (within their budget) only for this site's own pages and names.
        .layer(middleware::from_fn(limit::bounded))
        .layer(middleware::from_fn(gate::csrf_guard))
        .layer(middleware::from_fn_with_state(state.clone(), gate::known_host))
        .layer(middleware::from_fn_with_state(state.clone(), headers::security_headers))
        .layer(CompressionLayer::new())
        .layer(panic_layer())
        .with_state(state)
}

/// A panic left anywhere in handling a request ends that request with a 500, never the
/// server. Its message goes to the log, not to the browser.
pub fn panic_layer() -> CatchPanicLayer<fn(Box<dyn std::any::Any + Send + 'static>) -> Response> {
    CatchPanicLayer::custom(panic_response as fn(Box<dyn std::any::Any + Send + 'static>) -> Response)
}

fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = detail, "request handler panicked");
    let error = app::error::AppError::Internal(String::new());
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(http::header::CONTENT_TYPE, "text/plain; charset=utf-8"), (http::header::CACHE_CONTROL, "no-store")],
        error.to_string(),
    )
        .into_response()
}

/// The state of this server right now: no cache may keep or share it.
const NOT_STORED: [(http::header::HeaderName, &str); 1] = [(http::header::CACHE_CONTROL, "no-store")];

async fn healthz(State(state): State<AppState>) -> Response {
    match app::server::services::system::ping(&state.db).await {
        Ok(()) => (StatusCode::OK, NOT_STORED, "ok").into_response(),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, NOT_STORED, "database unavailable").into_response(),
    }
}

async fn server_fn(State(state): State<AppState>, req: Request<Body>) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.clone()), req).await
}

/// Files of the built site; anything else is rendered by the app, whose fallback is the 404 page.
async fn static_or_not_found(State(state): State<AppState>, req: Request<Body>) -> Response {
    let root = state.options.site_root.to_string();
    let (parts, body) = req.into_parts();
    let probe = Request::from_parts(parts.clone(), Body::empty());
    // Release builds ship .br and .gz beside each file (cargo leptos --precompress).
    let Ok(res) = ServeDir::new(&root).precompressed_br().precompressed_gzip().oneshot(probe).await;
    if res.status() != StatusCode::NOT_FOUND {
        return res.into_response();
    }
    let shell_options = state.options.clone();
    let handler = leptos_axum::render_app_to_stream_with_context(
        move || provide_context(state.clone()),
        move || shell(shell_options.clone()),
    );
    handler(Request::from_parts(parts, body)).await.into_response()
}
