//! The schema, as an ordered list of migrations. Migrations never import the app's entities:
//! they describe tables with sea-query so that old migrations keep compiling as entities change.

pub use sea_orm_migration::prelude::*;

mod common;
mod m20261121_000001_app_setting;
mod m20261121_000002_accounts;
mod m20261121_000003_directory;
mod m20261121_000004_meetings;
mod m20261121_000005_issues;
mod m20261122_000006_consultations;
mod m20261122_000007_trainings;
mod m20261122_000008_reading_indexes;
mod m20261123_000009_two_factor;
mod m20261202_000010_login_client;
mod m20261202_000011_form_rejection;
mod m20261202_000012_resources;
mod m20261203_000013_resource_collectors;
mod m20261203_000014_resource_import;
mod m20261203_000015_resource_ended_on;
mod m20261203_000016_facility_publication;
mod m20261203_000017_referrals;
mod m20261203_000018_referral_issue_links;
mod m20261203_000019_initiatives;
mod m20261204_000020_scene_plan;
mod m20261204_000021_person_posts;
mod m20261204_000022_newsletters;
mod m20261205_000023_initiative_records;
mod m20261205_000024_meeting_kinds;
mod m20261206_000025_training_level_reason;
mod m20261206_000026_search_index;
mod m20261207_000027_record_import;
mod m20261207_000028_attachments;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_000001_app_setting::Migration),
            Box::new(m20261121_000002_accounts::Migration),
            Box::new(m20261121_000003_directory::Migration),
            Box::new(m20261121_000004_meetings::Migration),
            Box::new(m20261121_000005_issues::Migration),
            Box::new(m20261122_000006_consultations::Migration),
            Box::new(m20261122_000007_trainings::Migration),
            Box::new(m20261122_000008_reading_indexes::Migration),
            Box::new(m20261123_000009_two_factor::Migration),
            Box::new(m20261202_000010_login_client::Migration),
            Box::new(m20261202_000011_form_rejection::Migration),
            Box::new(m20261202_000012_resources::Migration),
            Box::new(m20261203_000013_resource_collectors::Migration),
            Box::new(m20261203_000014_resource_import::Migration),
            Box::new(m20261203_000015_resource_ended_on::Migration),
            Box::new(m20261203_000016_facility_publication::Migration),
            Box::new(m20261203_000017_referrals::Migration),
            Box::new(m20261203_000018_referral_issue_links::Migration),
            Box::new(m20261203_000019_initiatives::Migration),
            Box::new(m20261204_000020_scene_plan::Migration),
            Box::new(m20261204_000021_person_posts::Migration),
            Box::new(m20261204_000022_newsletters::Migration),
            Box::new(m20261205_000023_initiative_records::Migration),
            Box::new(m20261205_000024_meeting_kinds::Migration),
            Box::new(m20261206_000025_training_level_reason::Migration),
            Box::new(m20261206_000026_search_index::Migration),
            Box::new(m20261207_000027_record_import::Migration),
            Box::new(m20261207_000028_attachments::Migration),
        ]
    }
}
