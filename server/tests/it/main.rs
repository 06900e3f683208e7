//! The integration tests: one binary (each test binary links the whole app), one module per
//! feature. Every test runs on a fresh SQLite database, and on PostgreSQL too where
//! `TEST_DATABASE_URL` is set (see `common`).

mod common;

mod accounts;
mod attachments;
mod backup;
mod calendar;
mod checklists;
mod concurrent_writes;
mod consultations;
mod database;
mod handover;
mod directory;
mod directory_import;
mod http;
mod initiative_records;
mod initiatives;
mod issues;
mod malformed_input;
mod meeting_import;
mod meeting_kinds;
mod meetings;
mod newsletters;
mod pages;
mod plan;
mod referrals;
mod report;
mod resource_import;
mod resource_lists;
mod resources;
mod search;
mod trainings;
mod trust;
