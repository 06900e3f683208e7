//! The plan by the four scenes as the browser sees it.

pub use crate::domain::plan::{Counter, IndicatorInput, PlanInput};
use crate::dto::directory::Ref;
use crate::dto::issues::MatrixYear;
use serde::{Deserialize, Serialize};

/// One indicator with its actual (entered, or counted from the records now).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorView {
    pub id: i32,
    pub label: String,
    pub unit: String,
    pub target: Option<i32>,
    pub actual: Option<i64>,
    pub counted: bool,
    /// Where the actual comes from: 「手入力」 or what is counted.
    pub source: String,
    /// Actual against target, in percent.
    pub achievement: Option<u32>,
    /// As its edit form starts.
    pub input: IndicatorInput,
}

/// One scene's plan for the year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenePlanView {
    pub code: String,
    pub label: String,
    pub texts: PlanInput,
    /// Saved for this year (else `texts` is the draft the year would start from).
    pub stored: bool,
    /// Carried forward and not yet saved by the team.
    pub draft: bool,
    pub version: Option<i32>,
    pub indicators: Vec<IndicatorView>,
    /// Initiatives (not archived) tagged with the scene with a step of their trail in the year.
    pub initiatives: Vec<Ref>,
    /// Meetings and trainings of the year tagged with the scene.
    pub meetings: u32,
    pub trainings: Vec<Ref>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanYear {
    pub year: MatrixYear,
    /// "令和7年度".
    pub title_year: String,
    pub years: Vec<MatrixYear>,
    pub scenes: Vec<ScenePlanView>,
    /// Some scene has no plan saved for the year yet.
    pub missing: bool,
    /// The previous year has a plan to carry forward.
    pub previous: bool,
    /// For the indicators' profession filter.
    pub professions: Vec<Ref>,
    pub made_on: String,
}
