//! Trainings follow the meetings' level rule (二次連携 with two or more professions, 三次連携
//! with three or more): the reason given when one does not fit it. Empty for those that fit.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Training {
    Table,
    LevelReason,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Training::Table).add_column(ColumnDef::new(Training::LevelReason).text().not_null().default("")).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Training::Table).drop_column(Training::LevelReason).to_owned()).await
    }
}
