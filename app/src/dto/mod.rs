//! Types that travel between the server and the browser: built by services, returned by
//! server functions, read by pages. Below both api and services; no database models here.

pub mod attachments;
pub mod audit;
pub mod auth;
pub mod checklist;
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
pub mod resources;
pub mod search;
pub mod system;
pub mod trainings;
pub mod two_factor;
