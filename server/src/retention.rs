//! The daily erasure of referral slips' personal fields once their retention time is over.

use app::server::AppState;
use std::time::Duration;

const DAY: Duration = Duration::from_secs(24 * 60 * 60);

/// Erases what is due now, then once a day, for as long as the server runs.
pub async fn daily(state: AppState, years: u32) {
    loop {
        let now = chrono::Utc::now();
        match app::server::services::referrals::retention::erase_expired(&state.db, years, app::clock::today(), now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!("erased the personal fields of {n} referral slips closed {years} or more years ago"),
            Err(e) => tracing::warn!("referral retention: {e}"),
        }
        tokio::time::sleep(DAY).await;
    }
}
