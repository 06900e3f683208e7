//! Server functions: authorise, validate, call a service, map to a view type.
//! The view types here are what travels to the browser; database models never do.

pub mod attachments;
pub mod audit;
pub mod auth;
pub mod checklists;
pub mod consultations;
pub mod dashboard;
pub mod directory;
pub mod initiatives;
pub mod issues;
pub mod meetings;
pub mod newsletters;
pub mod plan;
pub mod referrals;
pub mod report;
pub mod resource_lists;
pub mod resources;
pub mod search;
pub mod system;
pub mod trainings;
pub mod two_factor;
pub mod users;
