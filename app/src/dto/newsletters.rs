//! The newsletter (地域連携だより) as the browser sees it.

pub use crate::domain::newsletters::{ArticleInput, IssueHeader};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsletterSummary {
    pub id: i32,
    pub number: i32,
    /// "2026/12/01（火）".
    pub issued_on: String,
    /// "令和8年度".
    pub fiscal_year: String,
    pub title: String,
    pub articles: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleView {
    pub id: i32,
    /// Where the draft took it from ("開催した研修", …).
    pub kind: String,
    pub heading: String,
    pub body: String,
    pub version: i32,
}

/// An organisation on the mailing list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    pub id: i32,
    pub name: String,
    pub address: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsletterView {
    pub id: i32,
    pub header: IssueHeader,
    pub issued_label: String,
    /// "2026/10/01（木）〜2026/12/01（火）": the days its draft was drawn from.
    pub covers: String,
    pub articles: Vec<ArticleView>,
    pub recipients: Vec<Recipient>,
    pub version: i32,
}
