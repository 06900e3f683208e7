//! Initiatives (取組): the records, their links to meetings, trainings, issues, consultations
//! and referral slips, their own steps, and the trail built from the meetings, trainings and
//! steps. Confidential links are read only in `links` (to apply a form) and `grouped`.

pub mod grouped;
pub mod links;
pub mod records;
pub mod trail;
