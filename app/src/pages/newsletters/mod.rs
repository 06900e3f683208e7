//! The newsletter (地域連携だより): the list of issues and one issue with its articles,
//! printable on A4 in two columns.

pub mod detail;
pub mod list;
