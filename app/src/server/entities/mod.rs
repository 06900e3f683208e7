//! SeaORM entities. They mirror the migrations and never leave the server.

pub mod app_setting;
pub mod app_user;
pub mod audit_log;
pub mod consultation;
pub mod consultation_category;
pub mod consultation_import;
pub mod follow_up;
pub mod issue;
pub mod issue_action;
pub mod issue_change;
pub mod issue_grant;
pub mod login_attempt;
pub mod meeting;
pub mod meeting_organisation;
pub mod meeting_person;
pub mod meeting_profession;
pub mod meeting_user;
pub mod organisation;
pub mod organisation_profession;
pub mod person;
pub mod profession;
pub mod user_session;
