//! The confidential issue registers. Every read goes through `access::IssueAccess`, built from
//! the caller's scope; nothing else queries the issue tables.

pub mod access;
pub mod actions;
pub mod board;
pub mod grants;
pub mod matrix;
pub mod register;
