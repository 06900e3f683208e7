//! A rejected form's messages and input, kept on the server for a short while so that the
//! page that shows them again is reached by a short id instead of carrying the input (a
//! confidential issue's text, pages of minutes) in its URL.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FormRejection {
    Table,
    Id,
    Owner,
    Path,
    Payload,
    CreatedAt,
}

const BY_AGE: &str = "idx_form_rejection_created_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FormRejection::Table)
                    .col(ColumnDef::new(FormRejection::Id).string_len(64).not_null().primary_key())
                    // SHA-256 of the session (or sign-in) cookie it belongs to; empty without one.
                    .col(ColumnDef::new(FormRejection::Owner).string_len(64).not_null())
                    .col(ColumnDef::new(FormRejection::Path).string_len(200).not_null())
                    .col(ColumnDef::new(FormRejection::Payload).text().not_null())
                    .col(ColumnDef::new(FormRejection::CreatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name(BY_AGE).table(FormRejection::Table).col(FormRejection::CreatedAt).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(FormRejection::Table).to_owned()).await
    }
}
