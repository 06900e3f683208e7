//! Login attempts remember the client address they came from, so that failures are counted
//! per address too (one password tried against many login names) and a lock on a login name
//! holds only for the address that caused it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LoginAttempt {
    Table,
    Client,
    AttemptedAt,
}

const BY_CLIENT: &str = "idx_login_attempt_client_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(LoginAttempt::Table).add_column(ColumnDef::new(LoginAttempt::Client).string_len(64).not_null().default("")).to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name(BY_CLIENT).table(LoginAttempt::Table).col(LoginAttempt::Client).col(LoginAttempt::AttemptedAt).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(BY_CLIENT).table(LoginAttempt::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(LoginAttempt::Table).drop_column(LoginAttempt::Client).to_owned()).await
    }
}
