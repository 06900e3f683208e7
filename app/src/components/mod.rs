pub mod checklist;
pub mod error_view;
pub mod form;
pub mod layout;
pub mod nav;
pub mod page_title;
pub mod print_choice;
pub mod session;
