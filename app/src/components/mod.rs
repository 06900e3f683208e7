pub mod checklist;
pub mod error_view;
pub mod form;
pub mod layout;
pub mod nav;
pub mod session;
