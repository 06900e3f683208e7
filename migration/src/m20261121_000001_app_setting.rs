//! Key/value settings of one installation (e.g. whether demo data was seeded).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppSetting {
    Table,
    Key,
    Value,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AppSetting::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(AppSetting::Key).string_len(100).not_null().primary_key())
                    .col(ColumnDef::new(AppSetting::Value).text().not_null())
                    .col(ColumnDef::new(AppSetting::UpdatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(AppSetting::Table).to_owned()).await
    }
}
