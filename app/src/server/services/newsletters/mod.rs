//! The newsletter (地域連携だより): issues and their articles, a new issue's draft assembled
//! from what was logged since the last one, and the mailing list from the directory.

pub mod draft;
pub mod records;
