//! The consultation desk (相談窓口): the records, their categories, the CSV import and the
//! trend tables.

pub mod categories;
pub mod import;
pub mod record;
pub mod trends;
