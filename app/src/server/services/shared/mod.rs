//! What several features use: names looked up by id, search patterns, versioned records,
//! the checklist of follow-ups and tasks.

pub mod checklist;
pub mod lookup;
pub mod references;
pub mod search;
pub mod versioned;
