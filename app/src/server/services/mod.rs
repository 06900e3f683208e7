//! Services: plain async functions over a connection, so they run in transactions and tests.

pub mod settings;
pub mod system;
