//! Meetings (連携の会議): list with filters, the record with its links, save, archive, and
//! the month calendar.

pub mod calendar;
pub mod export;
pub mod follow_ups;
pub mod ical;
pub mod import;
pub mod kinds;
pub mod links;
pub mod query;
pub mod timeline;
pub mod write;

pub use calendar::calendar;
pub use links::{links_of, refers_to_organisation, refers_to_person, Links};
pub use query::*;
pub use write::*;

pub const PAGE_SIZE: u64 = 30;
