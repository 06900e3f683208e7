//! At most a few requests are worked on at once; the others wait their turn. Pages are
//! rendered whole in memory, so without a bound 32 concurrent requests hold 32 pages and
//! their data at once (hundreds of MB), while two cores finish them no sooner.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use std::sync::OnceLock;
use tokio::sync::Semaphore;

/// Requests in progress per core.
const PER_CORE: usize = 2;

fn permits() -> &'static Semaphore {
    static SEMAPHORE: OnceLock<Semaphore> = OnceLock::new();
    SEMAPHORE.get_or_init(|| Semaphore::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2) * PER_CORE))
}

/// Everything but the health check (which must answer even when the server is busy).
pub async fn bounded(req: Request, next: Next) -> Response {
    if req.uri().path() == "/healthz" {
        return next.run(req).await;
    }
    // The semaphore is never closed, so acquiring cannot fail.
    let _permit = permits().acquire().await.ok();
    next.run(req).await
}
