//! The confidential issue register (連携の課題): issues per profession, the history of their
//! layer and status, the actions taken against them, and who outside the team may read which
//! profession's register.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Issue {
    Table,
    Id,
    ProfessionId,
    Code,
    CodeOrder,
    Title,
    Description,
    Layer,
    Status,
    Source,
    SourceMeetingId,
    SourceNote,
    ExtractedOn,
    FiscalYear,
    SearchText,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum IssueChange {
    Table,
    Id,
    IssueId,
    Field,
    Value,
    ChangedOn,
    UserName,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum IssueAction {
    Table,
    Id,
    IssueId,
    ActedOn,
    FiscalYear,
    Mark,
    Description,
    MeetingId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum IssueGrant {
    Table,
    UserId,
    ProfessionId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Profession {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Meeting {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum AppUser {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Issue::Table)
                    .col(ColumnDef::new(Issue::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Issue::ProfessionId).integer().not_null())
                    .col(ColumnDef::new(Issue::Code).string_len(8).not_null())
                    // The code's place in A, B, …, Z, AA, … (codes outside that sequence sort last).
                    .col(ColumnDef::new(Issue::CodeOrder).integer().not_null())
                    .col(ColumnDef::new(Issue::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Issue::Description).text().not_null().default(""))
                    .col(ColumnDef::new(Issue::Layer).string_len(10).not_null())
                    .col(ColumnDef::new(Issue::Status).string_len(12).not_null())
                    .col(ColumnDef::new(Issue::Source).string_len(12).not_null())
                    .col(ColumnDef::new(Issue::SourceMeetingId).integer().null())
                    .col(ColumnDef::new(Issue::SourceNote).string_len(200).not_null().default(""))
                    .col(ColumnDef::new(Issue::ExtractedOn).date().null())
                    .col(ColumnDef::new(Issue::FiscalYear).integer().not_null())
                    .col(ColumnDef::new(Issue::SearchText).text().not_null().default(""))
                    .col(ColumnDef::new(Issue::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Issue::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Issue::Version).integer().not_null().default(1))
                    .foreign_key(ForeignKey::create().from(Issue::Table, Issue::ProfessionId).to(Profession::Table, Profession::Id).on_delete(ForeignKeyAction::Restrict))
                    .foreign_key(ForeignKey::create().from(Issue::Table, Issue::SourceMeetingId).to(Meeting::Table, Meeting::Id).on_delete(ForeignKeyAction::Restrict))
                    .to_owned(),
            )
            .await?;
        // Codes are unique within a profession; this index is what makes concurrent creation safe.
        manager
            .create_index(Index::create().name("idx_issue_profession_code").table(Issue::Table).col(Issue::ProfessionId).col(Issue::Code).unique().to_owned())
            .await?;
        manager.create_index(Index::create().name("idx_issue_source_meeting").table(Issue::Table).col(Issue::SourceMeetingId).to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(IssueChange::Table)
                    .col(ColumnDef::new(IssueChange::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(IssueChange::IssueId).integer().not_null())
                    .col(ColumnDef::new(IssueChange::Field).string_len(10).not_null())
                    .col(ColumnDef::new(IssueChange::Value).string_len(12).not_null())
                    .col(ColumnDef::new(IssueChange::ChangedOn).date().not_null())
                    .col(ColumnDef::new(IssueChange::UserName).string_len(100).not_null())
                    .col(ColumnDef::new(IssueChange::CreatedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(ForeignKey::create().from(IssueChange::Table, IssueChange::IssueId).to(Issue::Table, Issue::Id).on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("idx_issue_change_issue").table(IssueChange::Table).col(IssueChange::IssueId).to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(IssueAction::Table)
                    .col(ColumnDef::new(IssueAction::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(IssueAction::IssueId).integer().not_null())
                    .col(ColumnDef::new(IssueAction::ActedOn).date().not_null())
                    .col(ColumnDef::new(IssueAction::FiscalYear).integer().not_null())
                    .col(ColumnDef::new(IssueAction::Mark).string_len(10).not_null())
                    .col(ColumnDef::new(IssueAction::Description).string_len(500).not_null())
                    .col(ColumnDef::new(IssueAction::MeetingId).integer().null())
                    .col(ColumnDef::new(IssueAction::CreatedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(ForeignKey::create().from(IssueAction::Table, IssueAction::IssueId).to(Issue::Table, Issue::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().from(IssueAction::Table, IssueAction::MeetingId).to(Meeting::Table, Meeting::Id).on_delete(ForeignKeyAction::Restrict))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("idx_issue_action_issue").table(IssueAction::Table).col(IssueAction::IssueId).to_owned()).await?;
        manager.create_index(Index::create().name("idx_issue_action_meeting").table(IssueAction::Table).col(IssueAction::MeetingId).to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(IssueGrant::Table)
                    .col(ColumnDef::new(IssueGrant::UserId).integer().not_null())
                    .col(ColumnDef::new(IssueGrant::ProfessionId).integer().not_null())
                    .primary_key(Index::create().col(IssueGrant::UserId).col(IssueGrant::ProfessionId))
                    .foreign_key(ForeignKey::create().from(IssueGrant::Table, IssueGrant::UserId).to(AppUser::Table, AppUser::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().from(IssueGrant::Table, IssueGrant::ProfessionId).to(Profession::Table, Profession::Id).on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [IssueGrant::Table.into_iden(), IssueAction::Table.into_iden(), IssueChange::Table.into_iden(), Issue::Table.into_iden()] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
