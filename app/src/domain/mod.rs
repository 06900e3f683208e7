//! Pure types and rules of the coordinators' work: no database, no Leptos.

pub mod era;
pub mod fiscal_year;

pub use era::Era;
pub use fiscal_year::{FiscalYear, FiscalYearRange};
