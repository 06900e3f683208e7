//! SeaORM entities. They mirror the migrations and never leave the server.

pub mod app_setting;
