//! SeaORM entities. They mirror the migrations and never leave the server.

pub mod app_setting;
pub mod app_user;
pub mod audit_log;
pub mod login_attempt;
pub mod organisation;
pub mod organisation_profession;
pub mod person;
pub mod profession;
pub mod user_session;
