//! The erasure of referral slips' personal fields once their retention time is over: at
//! start and every hour (it is idempotent), so a due date is met within the hour.

use app::server::AppState;
use std::time::Duration;

const EVERY: Duration = Duration::from_secs(60 * 60);

/// Erases what is due now, then every hour, for as long as the server runs.
pub async fn run(state: AppState, years: u32) {
    loop {
        let now = chrono::Utc::now();
        match app::server::services::referrals::retention::erase_expired(&state.db, years, app::clock::today(), now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!("erased the personal fields of {n} referral slips closed {years} or more years ago"),
            Err(e) => tracing::warn!("referral retention: {e}"),
        }
        tokio::time::sleep(EVERY).await;
    }
}
