//! The home dashboard and the annual report.

pub mod annual;
pub mod dashboard;
pub mod handover;
pub mod period;
