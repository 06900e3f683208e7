//! Medical and care facilities of the directory marked for the public resource map: what
//! they offer (訪問診療, 往診, 看取り対応 …), where they are, and when this was last confirmed.
//! One row per published organisation.

use crate::common::{stamp, string, version};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{date_null, double_null, integer};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum FacilityPublication {
    Table,
    OrganisationId,
    Attributes,
    Latitude,
    Longitude,
    ConfirmedOn,
    Note,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisation {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use FacilityPublication as F;
        manager
            .create_table(
                Table::create()
                    .table(F::Table)
                    .col(integer(F::OrganisationId).primary_key())
                    .col(string(F::Attributes, 300))
                    .col(double_null(F::Latitude))
                    .col(double_null(F::Longitude))
                    .col(date_null(F::ConfirmedOn))
                    .col(string(F::Note, 300))
                    .col(stamp(F::UpdatedAt))
                    .col(version(F::Version))
                    .foreign_key(ForeignKey::create().from(F::Table, F::OrganisationId).to(Organisation::Table, Organisation::Id).on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(FacilityPublication::Table).to_owned()).await
    }
}
