//! What several features use: names looked up by id, search patterns, versioned records,
//! the checklist of follow-ups and tasks, tables read from spreadsheets.

pub mod checklist;
pub mod imports;
pub mod lookup;
pub mod references;
pub mod search;
pub mod sheet;
pub mod uploads;
pub mod versioned;
