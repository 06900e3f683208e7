//! Wire types of report: what its server functions send to and take from the browser.

use crate::dto::issues::MatrixYear;
use crate::domain::report::Section;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualReport {
    pub year: MatrixYear,
    /// "令和7年度".
    pub title_year: String,
    /// "2025/04/01（火）〜2026/03/31（火）".
    pub period: String,
    /// Years with records, oldest first (and the current one).
    pub years: Vec<MatrixYear>,
    pub sections: Vec<Section>,
    /// "2026/11/22（日）".
    pub made_on: String,
}

/// One of the usual periods (今月, 先月, …) as query values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodPreset {
    pub name: String,
    pub from: String,
    pub to: String,
}

/// An activity report of a date range (月次・四半期).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodReport {
    /// "2026-11-01", as the form shows it.
    pub from: String,
    pub to: String,
    /// "2026/11/01（日）〜2026/11/30（月）".
    pub label: String,
    pub presets: Vec<PeriodPreset>,
    pub sections: Vec<Section>,
    pub made_on: String,
}

/// The handover pack of one profession (or all of them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoverPack {
    pub profession: Option<crate::dto::directory::Ref>,
    /// The choice of the form.
    pub professions: Vec<crate::dto::directory::Ref>,
    pub sections: Vec<Section>,
    pub made_on: String,
}
