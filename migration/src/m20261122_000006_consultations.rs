//! The consultation desk (相談支援): categories (admin-editable; consultations keep their
//! category by id, so a rename never moves past counts), consultations, and uploaded CSV
//! files waiting for their import to be confirmed.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ConsultationCategory {
    Table,
    Id,
    Name,
    SortOrder,
    Active,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum Consultation {
    Table,
    Id,
    ReceivedOn,
    FiscalYear,
    Requester,
    OrganisationId,
    OrganisationText,
    ProfessionId,
    Region,
    Method,
    CategoryId,
    Wanted,
    Content,
    Response,
    Status,
    SolvedFiscalYear,
    MeetingId,
    IssueId,
    ImportKey,
    SearchText,
    Active,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum ConsultationImport {
    Table,
    Id,
    UserId,
    FileName,
    Content,
    CreatedAt,
    CommittedAt,
    Created,
}

#[derive(DeriveIden, Clone, Copy)]
enum Profession {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Organisation {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Meeting {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Issue {
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
                    .table(ConsultationCategory::Table)
                    .col(ColumnDef::new(ConsultationCategory::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(ConsultationCategory::Name).string_len(100).not_null().unique_key())
                    .col(ColumnDef::new(ConsultationCategory::SortOrder).integer().not_null())
                    .col(ColumnDef::new(ConsultationCategory::Active).boolean().not_null().default(true))
                    .col(ColumnDef::new(ConsultationCategory::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(ConsultationCategory::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(ConsultationCategory::Version).integer().not_null().default(1))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Consultation::Table)
                    .col(ColumnDef::new(Consultation::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Consultation::ReceivedOn).date().not_null())
                    .col(ColumnDef::new(Consultation::FiscalYear).integer().not_null())
                    .col(ColumnDef::new(Consultation::Requester).string_len(100).not_null().default(""))
                    .col(ColumnDef::new(Consultation::OrganisationId).integer().null())
                    .col(ColumnDef::new(Consultation::OrganisationText).string_len(200).not_null().default(""))
                    .col(ColumnDef::new(Consultation::ProfessionId).integer().null())
                    // "inside", "outside" or "" (not recorded).
                    .col(ColumnDef::new(Consultation::Region).string_len(10).not_null().default(""))
                    .col(ColumnDef::new(Consultation::Method).string_len(12).not_null().default(""))
                    .col(ColumnDef::new(Consultation::CategoryId).integer().not_null())
                    .col(ColumnDef::new(Consultation::Wanted).boolean().not_null().default(false))
                    .col(ColumnDef::new(Consultation::Content).text().not_null().default(""))
                    .col(ColumnDef::new(Consultation::Response).text().not_null().default(""))
                    .col(ColumnDef::new(Consultation::Status).string_len(12).not_null())
                    .col(ColumnDef::new(Consultation::SolvedFiscalYear).integer().null())
                    .col(ColumnDef::new(Consultation::MeetingId).integer().null())
                    .col(ColumnDef::new(Consultation::IssueId).integer().null())
                    // A digest of an imported row (with its occurrence in the file): re-imports skip it.
                    .col(ColumnDef::new(Consultation::ImportKey).string_len(64).null())
                    .col(ColumnDef::new(Consultation::SearchText).text().not_null().default(""))
                    .col(ColumnDef::new(Consultation::Active).boolean().not_null().default(true))
                    .col(ColumnDef::new(Consultation::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Consultation::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Consultation::Version).integer().not_null().default(1))
                    .foreign_key(ForeignKey::create().from(Consultation::Table, Consultation::CategoryId).to(ConsultationCategory::Table, ConsultationCategory::Id).on_delete(ForeignKeyAction::Restrict))
                    .foreign_key(ForeignKey::create().from(Consultation::Table, Consultation::OrganisationId).to(Organisation::Table, Organisation::Id).on_delete(ForeignKeyAction::Restrict))
                    .foreign_key(ForeignKey::create().from(Consultation::Table, Consultation::ProfessionId).to(Profession::Table, Profession::Id).on_delete(ForeignKeyAction::Restrict))
                    .foreign_key(ForeignKey::create().from(Consultation::Table, Consultation::MeetingId).to(Meeting::Table, Meeting::Id).on_delete(ForeignKeyAction::Restrict))
                    .foreign_key(ForeignKey::create().from(Consultation::Table, Consultation::IssueId).to(Issue::Table, Issue::Id).on_delete(ForeignKeyAction::Restrict))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_consultation_fy_category").table(Consultation::Table).col(Consultation::FiscalYear).col(Consultation::CategoryId).to_owned())
            .await?;
        manager.create_index(Index::create().name("idx_consultation_received").table(Consultation::Table).col(Consultation::ReceivedOn).to_owned()).await?;
        manager
            .create_index(Index::create().name("idx_consultation_import_key").table(Consultation::Table).col(Consultation::ImportKey).unique().to_owned())
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ConsultationImport::Table)
                    .col(ColumnDef::new(ConsultationImport::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(ConsultationImport::UserId).integer().not_null())
                    .col(ColumnDef::new(ConsultationImport::FileName).string_len(200).not_null())
                    .col(ColumnDef::new(ConsultationImport::Content).blob().not_null())
                    .col(ColumnDef::new(ConsultationImport::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(ConsultationImport::CommittedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(ConsultationImport::Created).integer().not_null().default(0))
                    .foreign_key(ForeignKey::create().from(ConsultationImport::Table, ConsultationImport::UserId).to(AppUser::Table, AppUser::Id).on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [ConsultationImport::Table.into_iden(), Consultation::Table.into_iden(), ConsultationCategory::Table.into_iden()] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
