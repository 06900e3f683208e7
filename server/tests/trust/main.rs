//! Issue "Trust": stored markup, spreadsheet formulas, sessions and login, slow clients.
//! One test binary (each links the whole app), one module per concern.

#[path = "../common/mod.rs"]
mod common;

mod csv_formulas;
mod injection;
mod login;
mod slow_clients;
mod two_factor_account;
mod two_factor_login;
