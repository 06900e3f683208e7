//! Wire types of report: what its server functions send to and take from the browser.

use crate::dto::issues::MatrixYear;
use crate::domain::report::Section;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualReport {
    pub year: MatrixYear,
    /// "令和7年度".
    pub title_year: String,
    /// "2025/04/01〜2026/03/31".
    pub period: String,
    /// Years with records, oldest first (and the current one).
    pub years: Vec<MatrixYear>,
    pub sections: Vec<Section>,
    /// "2026/11/22 作成".
    pub made_on: String,
}
