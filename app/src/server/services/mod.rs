//! Services: plain async functions over a connection, so they run in transactions and tests.
//! One folder per feature; what several features share lives in `shared`.

pub mod accounts;
pub mod attachments;
pub mod audit;
pub mod consultations;
pub mod demo;
pub mod directory;
pub mod initiatives;
pub mod issues;
pub mod meetings;
pub mod newsletters;
pub mod plan;
pub mod referrals;
pub mod reports;
pub mod resources;
pub mod search;
pub mod shared;
pub mod system;
pub mod trainings;
