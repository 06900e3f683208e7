//! Two-step sign-in (TOTP, RFC 6238): each user's authenticator secret, their one-time
//! recovery codes (stored as SHA-256 only), and the short-lived challenges of sign-ins
//! whose password was right and whose code is still to come. Which roles must use it is a
//! setting (app_setting `two_factor_required_roles`), so it needs no table.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum UserTotp {
    Table,
    UserId,
    Secret,
    CreatedAt,
    EnabledAt,
    LastUsedStep,
    FreshCodes,
    FreshCodesAt,
}

#[derive(DeriveIden)]
enum UserRecoveryCode {
    Table,
    Id,
    UserId,
    CodeHash,
    UsedAt,
}

#[derive(DeriveIden)]
enum LoginChallenge {
    Table,
    Id,
    UserId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UserTotp::Table)
                    .col(ColumnDef::new(UserTotp::UserId).integer().not_null().primary_key())
                    // Base32, as authenticator apps show it. It must be readable to check codes.
                    .col(ColumnDef::new(UserTotp::Secret).text().not_null())
                    // When this secret was made (an unconfirmed one is replaced after a while).
                    .col(ColumnDef::new(UserTotp::CreatedAt).timestamp_with_time_zone().not_null())
                    // None while the user has not yet confirmed a first code.
                    .col(ColumnDef::new(UserTotp::EnabledAt).timestamp_with_time_zone().null())
                    // The last 30-second step whose code was accepted: a code is never taken twice.
                    .col(ColumnDef::new(UserTotp::LastUsedStep).big_integer().not_null().default(0))
                    // New recovery codes in plain text, kept only until the user has seen and
                    // acknowledged them (or a few minutes), so that a page without JavaScript
                    // can show them after a form post.
                    .col(ColumnDef::new(UserTotp::FreshCodes).text().null())
                    .col(ColumnDef::new(UserTotp::FreshCodesAt).timestamp_with_time_zone().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(UserTotp::Table, UserTotp::UserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(UserRecoveryCode::Table)
                    .col(ColumnDef::new(UserRecoveryCode::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(UserRecoveryCode::UserId).integer().not_null())
                    // SHA-256 (hex) of the user id and the code: the code itself is never stored.
                    .col(ColumnDef::new(UserRecoveryCode::CodeHash).string_len(64).not_null())
                    .col(ColumnDef::new(UserRecoveryCode::UsedAt).timestamp_with_time_zone().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(UserRecoveryCode::Table, UserRecoveryCode::UserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_user_recovery_code_user_hash")
                    .table(UserRecoveryCode::Table)
                    .col(UserRecoveryCode::UserId)
                    .col(UserRecoveryCode::CodeHash)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginChallenge::Table)
                    // SHA-256 of the challenge cookie's token, like sessions.
                    .col(ColumnDef::new(LoginChallenge::Id).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(LoginChallenge::UserId).integer().not_null())
                    .col(ColumnDef::new(LoginChallenge::CreatedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(LoginChallenge::Table, LoginChallenge::UserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_login_challenge_user")
                    .table(LoginChallenge::Table)
                    .col(LoginChallenge::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [LoginChallenge::Table.into_iden(), UserRecoveryCode::Table.into_iden(), UserTotp::Table.into_iden()] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
