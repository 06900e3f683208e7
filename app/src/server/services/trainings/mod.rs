//! Trainings (研修): list (upcoming, or a fiscal year with counts by hosting type), the
//! record with its role split, save, archive, the outcome, and the support given per
//! organisation.

pub mod export;
pub mod links;
pub mod query;
pub mod support;
pub mod tasks;
pub mod write;

pub use export::{export_rows, EXPORT_HEADERS};
pub use query::*;
pub use support::{refers_to_organisation, support_given};
pub use write::*;
