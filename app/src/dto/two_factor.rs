//! Wire types of two_factor: what its server functions send to and take from the browser.

use serde::{Deserialize, Serialize};

/// A set-up in progress: the QR code and the secret for typing in by hand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolmentView {
    /// The secret in groups of four ("ABCD EFGH …").
    pub secret_grouped: String,
    /// An `<svg>` element drawn on the server from the `otpauth://` URL.
    pub qr_svg: String,
}

/// The signed-in user's two-step sign-in, as their account pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorView {
    pub enabled: bool,
    /// When it was turned on ("2026/11/23（月） 10:15", JST), "" when off.
    pub enabled_at: String,
    /// The set-up was begun but not confirmed with a first code.
    pub pending: bool,
    pub recovery_codes_left: u64,
    /// The user's role must use two-step sign-in (so it cannot be turned off).
    pub required: bool,
    /// While pending: what the set-up page shows.
    pub enrolment: Option<EnrolmentView>,
    /// New recovery codes, shown until the user says they saved them (or a while passes).
    pub fresh_codes: Option<Vec<String>>,
}

/// A user's two-step sign-in as an administrator sees it (never a secret or a code).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorStatus {
    pub enabled: bool,
    pub enabled_at: String,
    pub pending: bool,
    pub recovery_codes_left: u64,
    pub required: bool,
}
