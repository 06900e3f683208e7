//! "Today" as the team sees it: Japan Standard Time, on the server and in the browser alike.

use chrono::{FixedOffset, NaiveDate, Utc};

const JST_SECONDS: i32 = 9 * 3600;

pub fn today() -> NaiveDate {
    let jst = FixedOffset::east_opt(JST_SECONDS).expect("valid offset");
    Utc::now().with_timezone(&jst).date_naive()
}

/// Japan Standard Time, for showing timestamps.
pub fn jst() -> FixedOffset {
    FixedOffset::east_opt(JST_SECONDS).expect("valid offset")
}
