pub mod about;
pub mod fiscal_year;
pub mod home;
pub mod not_found;
