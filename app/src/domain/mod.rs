//! Pure types and rules of the coordinators' work: no database, no Leptos.

pub mod attachments;
pub mod checklist;
pub mod consultations;
pub mod dates;
pub mod directory;
pub mod directory_import;
pub mod drafts;
pub mod era;
pub mod facilities;
pub mod fiscal_year;
pub mod geocode;
pub mod holidays;
pub mod initiatives;
pub mod issues;
pub mod labels;
pub mod meeting_import;
pub mod meetings;
pub mod newsletters;
pub mod ordering;
pub mod period;
pub mod plan;
pub mod referral_evaluation;
pub mod referral_replies;
pub mod referrals;
pub mod report;
pub mod resource_import;
pub mod resources;
pub mod role;
pub mod scenes;
pub mod search;
pub mod text;
pub mod trainings;
pub mod validate;

pub use era::Era;
pub use fiscal_year::{FiscalYear, FiscalYearRange};
pub use role::{Permission, Role};
