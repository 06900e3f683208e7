//! Wire types of system: what its server functions send to and take from the browser.

use serde::{Deserialize, Serialize};

/// The longest team name (in characters) the print stamp carries.
pub const TEAM_NAME_MAX: usize = 50;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemInfo {
    pub version: String,
    pub database: String,
    pub migrations: i64,
    pub demo: bool,
}
