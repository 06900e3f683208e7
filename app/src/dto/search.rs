//! Wire types of the search box: the results of `/search?q=`, grouped by kind of record.

use serde::{Deserialize, Serialize};

/// One record found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub title: String,
    pub href: String,
    /// A short excerpt of the record's text around the first match (as written).
    pub snippet: String,
    /// "2025/06/27（金）": when a meeting or training was held, a consultation received, an issue
    /// extracted; None for organisations and people.
    pub date: Option<String>,
}

/// The records of one kind that the reader may see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchGroup {
    /// `meeting`, `organisation`, `person`, `training`, `consultation` or `issue`.
    pub kind: String,
    pub label: String,
    /// How many match in all; `items` holds the first of them.
    pub total: u64,
    pub items: Vec<SearchHit>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The query as typed.
    pub q: String,
    /// The terms searched for (normalised); empty when nothing was typed.
    pub terms: Vec<String>,
    /// Only kinds with matches, in a fixed order.
    pub groups: Vec<SearchGroup>,
}
