//! Initiatives (取組): the records, their links to meetings and trainings, their own steps,
//! and the trail built from all of them.

pub mod links;
pub mod records;
pub mod trail;
