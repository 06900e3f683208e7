//! The directory pages (名簿): professions, organisations, people.

pub mod common;
pub mod facility;
pub mod import;
pub mod organisations;
pub mod people;
pub mod posts;
pub mod professions;
