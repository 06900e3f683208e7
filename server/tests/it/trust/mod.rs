//! Issue "Trust": stored markup, spreadsheet formulas, sessions and login, slow clients.
//! One module per concern.

mod csv_formulas;
mod injection;
mod login;
mod slow_clients;
mod two_factor_account;
mod two_factor_login;
