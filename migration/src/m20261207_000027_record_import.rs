//! A spreadsheet of organisations, people or past meetings, kept until its preview is
//! confirmed (the consultation and resource imports have their own tables).

use crate::common::{id, stamp};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{blob, integer, string_len, timestamp_with_time_zone_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum RecordImport {
    Table,
    Id,
    Kind,
    UserId,
    FileName,
    Content,
    CreatedAt,
    CommittedAt,
    Created,
    Merged,
}

#[derive(DeriveIden, Clone, Copy)]
enum AppUser {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use RecordImport as I;
        manager
            .create_table(
                Table::create()
                    .table(I::Table)
                    .col(id(I::Id))
                    .col(string_len(I::Kind, 20))
                    .col(integer(I::UserId))
                    .col(string_len(I::FileName, 200))
                    .col(blob(I::Content))
                    .col(stamp(I::CreatedAt))
                    .col(timestamp_with_time_zone_null(I::CommittedAt))
                    .col(integer(I::Created).default(0))
                    .col(integer(I::Merged).default(0))
                    .foreign_key(ForeignKey::create().from(I::Table, I::UserId).to(AppUser::Table, AppUser::Id).on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RecordImport::Table).to_owned()).await
    }
}
