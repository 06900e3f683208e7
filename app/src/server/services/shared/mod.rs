//! What several features use: names looked up by id, search patterns, versioned records.

pub mod lookup;
pub mod references;
pub mod search;
pub mod versioned;
