//! Users, their sessions, login attempts (for throttling) and the audit trail.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
    LoginName,
    DisplayName,
    Role,
    PasswordHash,
    Active,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum UserSession {
    Table,
    Id,
    UserId,
    CreatedAt,
    LastSeenAt,
}

#[derive(DeriveIden)]
enum LoginAttempt {
    Table,
    Id,
    LoginName,
    AttemptedAt,
    Succeeded,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    UserId,
    UserName,
    EntityType,
    EntityId,
    Action,
    Summary,
    Changes,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AppUser::Table)
                    .col(ColumnDef::new(AppUser::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(AppUser::LoginName).string_len(64).not_null().unique_key())
                    .col(ColumnDef::new(AppUser::DisplayName).string_len(100).not_null())
                    .col(ColumnDef::new(AppUser::Role).string_len(20).not_null())
                    .col(ColumnDef::new(AppUser::PasswordHash).text().not_null())
                    .col(ColumnDef::new(AppUser::Active).boolean().not_null().default(true))
                    .col(ColumnDef::new(AppUser::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(AppUser::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(AppUser::Version).integer().not_null().default(1))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(UserSession::Table)
                    // SHA-256 of the cookie's token: a stolen database holds no usable session.
                    .col(ColumnDef::new(UserSession::Id).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(UserSession::UserId).integer().not_null())
                    .col(ColumnDef::new(UserSession::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(UserSession::LastSeenAt).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(UserSession::Table, UserSession::UserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_user_session_user")
                    .table(UserSession::Table)
                    .col(UserSession::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginAttempt::Table)
                    .col(ColumnDef::new(LoginAttempt::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(LoginAttempt::LoginName).string_len(64).not_null())
                    .col(ColumnDef::new(LoginAttempt::AttemptedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(LoginAttempt::Succeeded).boolean().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_login_attempt_name_at")
                    .table(LoginAttempt::Table)
                    .col(LoginAttempt::LoginName)
                    .col(LoginAttempt::AttemptedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(ColumnDef::new(AuditLog::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(AuditLog::At).timestamp_with_time_zone().not_null())
                    // Users are never deleted, but the name is kept as it was at the time.
                    .col(ColumnDef::new(AuditLog::UserId).integer().null())
                    .col(ColumnDef::new(AuditLog::UserName).string_len(100).not_null())
                    .col(ColumnDef::new(AuditLog::EntityType).string_len(40).not_null())
                    .col(ColumnDef::new(AuditLog::EntityId).big_integer().null())
                    .col(ColumnDef::new(AuditLog::Action).string_len(20).not_null())
                    .col(ColumnDef::new(AuditLog::Summary).string_len(300).not_null())
                    .col(ColumnDef::new(AuditLog::Changes).text().not_null())
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("idx_audit_at", vec![AuditLog::At]),
            ("idx_audit_entity", vec![AuditLog::EntityType, AuditLog::EntityId]),
            ("idx_audit_user", vec![AuditLog::UserId, AuditLog::At]),
        ] {
            let mut idx = Index::create();
            idx.name(name).table(AuditLog::Table);
            for c in cols {
                idx.col(c);
            }
            manager.create_index(idx.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            AuditLog::Table.into_iden(),
            LoginAttempt::Table.into_iden(),
            UserSession::Table.into_iden(),
            AppUser::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
