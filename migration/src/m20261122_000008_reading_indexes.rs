//! Indexes for reading across years: the consultation counts of the trend table, the
//! dashboard and the annual report are answered from one covering index (active, fiscal
//! year, category) instead of visiting every record; the latest active consultations come
//! from (active, received); late follow-ups are found by (done, due).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Consultation {
    Table,
    Active,
    FiscalYear,
    CategoryId,
    ReceivedOn,
}

#[derive(DeriveIden)]
enum FollowUp {
    Table,
    Done,
    DueOn,
}

const COUNTS: &str = "idx_consultation_active_fy_category";
const LATEST: &str = "idx_consultation_active_received";
const LATE: &str = "idx_follow_up_done_due";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create().name(COUNTS).table(Consultation::Table).col(Consultation::Active).col(Consultation::FiscalYear).col(Consultation::CategoryId).to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name(LATEST).table(Consultation::Table).col(Consultation::Active).col(Consultation::ReceivedOn).to_owned()).await?;
        manager.create_index(Index::create().name(LATE).table(FollowUp::Table).col(FollowUp::Done).col(FollowUp::DueOn).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(LATE).table(FollowUp::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name(LATEST).table(Consultation::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name(COUNTS).table(Consultation::Table).to_owned()).await
    }
}
