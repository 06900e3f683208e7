//! The plan by the four scenes (PDCA): each scene's texts per fiscal year (carried forward
//! into a new year as a draft), its indicators with actuals entered or counted from the
//! records, and the year's page, workbook and annual-report section built from them.

pub mod indicators;
pub mod texts;
pub mod year;
