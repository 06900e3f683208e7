//! Accounts: users and their roles, passwords, sessions and the second factor.

pub mod two_factor;
pub mod users;
