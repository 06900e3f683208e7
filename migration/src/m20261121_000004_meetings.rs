//! Collaboration meetings (一次・二次・三次連携), who took part, and their follow-ups.
//! Also the per-user secret for the calendar feed.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Meeting {
    Table,
    Id,
    HeldOn,
    StartTime,
    EndTime,
    FiscalYear,
    Level,
    Kind,
    Title,
    Place,
    Online,
    Guests,
    Purpose,
    Minutes,
    Decisions,
    WorkItems,
    LevelReason,
    SearchText,
    Active,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum MeetingProfession {
    Table,
    MeetingId,
    ProfessionId,
}

#[derive(DeriveIden, Clone, Copy)]
enum MeetingOrganisation {
    Table,
    MeetingId,
    OrganisationId,
}

#[derive(DeriveIden, Clone, Copy)]
enum MeetingPerson {
    Table,
    MeetingId,
    PersonId,
}

#[derive(DeriveIden, Clone, Copy)]
enum MeetingUser {
    Table,
    MeetingId,
    UserId,
}

#[derive(DeriveIden, Clone, Copy)]
enum FollowUp {
    Table,
    Id,
    MeetingId,
    Action,
    OwnerUserId,
    OwnerOrganisationId,
    DueOn,
    Done,
    DoneAt,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum AppUser {
    Table,
    Id,
    CalendarToken,
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
enum Person {
    Table,
    Id,
}

/// A (meeting, other record) link table; links go with the meeting, the other side is
/// protected from deletion while linked.
fn link_table(table: impl IntoIden + Copy, meeting: impl IntoIden + Copy, other: impl IntoIden + Copy, other_table: impl IntoIden, other_id: impl IntoIden) -> TableCreateStatement {
    Table::create()
        .table(table)
        .col(ColumnDef::new(meeting).integer().not_null())
        .col(ColumnDef::new(other).integer().not_null())
        .primary_key(Index::create().col(meeting).col(other))
        .foreign_key(ForeignKey::create().from(table, meeting).to(Meeting::Table, Meeting::Id).on_delete(ForeignKeyAction::Cascade))
        .foreign_key(ForeignKey::create().from(table, other).to(other_table, other_id).on_delete(ForeignKeyAction::Restrict))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Meeting::Table)
                    .col(ColumnDef::new(Meeting::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Meeting::HeldOn).date().not_null())
                    .col(ColumnDef::new(Meeting::StartTime).string_len(5).not_null().default(""))
                    .col(ColumnDef::new(Meeting::EndTime).string_len(5).not_null().default(""))
                    .col(ColumnDef::new(Meeting::FiscalYear).integer().not_null())
                    .col(ColumnDef::new(Meeting::Level).small_integer().not_null())
                    .col(ColumnDef::new(Meeting::Kind).string_len(20).not_null())
                    .col(ColumnDef::new(Meeting::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Meeting::Place).string_len(200).not_null().default(""))
                    .col(ColumnDef::new(Meeting::Online).boolean().not_null().default(false))
                    .col(ColumnDef::new(Meeting::Guests).text().not_null().default(""))
                    .col(ColumnDef::new(Meeting::Purpose).text().not_null().default(""))
                    .col(ColumnDef::new(Meeting::Minutes).text().not_null().default(""))
                    .col(ColumnDef::new(Meeting::Decisions).text().not_null().default(""))
                    .col(ColumnDef::new(Meeting::WorkItems).string_len(40).not_null().default(""))
                    .col(ColumnDef::new(Meeting::LevelReason).string_len(500).not_null().default(""))
                    .col(ColumnDef::new(Meeting::SearchText).text().not_null().default(""))
                    .col(ColumnDef::new(Meeting::Active).boolean().not_null().default(true))
                    .col(ColumnDef::new(Meeting::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Meeting::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Meeting::Version).integer().not_null().default(1))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [("idx_meeting_held_on", Meeting::HeldOn), ("idx_meeting_fiscal_year", Meeting::FiscalYear)] {
            manager.create_index(Index::create().name(name).table(Meeting::Table).col(col).to_owned()).await?;
        }

        manager
            .create_table(link_table(MeetingProfession::Table, MeetingProfession::MeetingId, MeetingProfession::ProfessionId, Profession::Table, Profession::Id))
            .await?;
        manager
            .create_table(link_table(MeetingOrganisation::Table, MeetingOrganisation::MeetingId, MeetingOrganisation::OrganisationId, Organisation::Table, Organisation::Id))
            .await?;
        manager
            .create_table(link_table(MeetingPerson::Table, MeetingPerson::MeetingId, MeetingPerson::PersonId, Person::Table, Person::Id))
            .await?;
        manager
            .create_table(link_table(MeetingUser::Table, MeetingUser::MeetingId, MeetingUser::UserId, AppUser::Table, AppUser::Id))
            .await?;
        for (name, table, col) in [
            ("idx_meeting_profession_profession", MeetingProfession::Table.into_iden(), MeetingProfession::ProfessionId.into_iden()),
            ("idx_meeting_organisation_organisation", MeetingOrganisation::Table.into_iden(), MeetingOrganisation::OrganisationId.into_iden()),
            ("idx_meeting_person_person", MeetingPerson::Table.into_iden(), MeetingPerson::PersonId.into_iden()),
            ("idx_meeting_user_user", MeetingUser::Table.into_iden(), MeetingUser::UserId.into_iden()),
        ] {
            manager.create_index(Index::create().name(name).table(table).col(col).to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(FollowUp::Table)
                    .col(ColumnDef::new(FollowUp::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(FollowUp::MeetingId).integer().not_null())
                    .col(ColumnDef::new(FollowUp::Action).string_len(500).not_null())
                    .col(ColumnDef::new(FollowUp::OwnerUserId).integer().null())
                    .col(ColumnDef::new(FollowUp::OwnerOrganisationId).integer().null())
                    .col(ColumnDef::new(FollowUp::DueOn).date().null())
                    .col(ColumnDef::new(FollowUp::Done).boolean().not_null().default(false))
                    .col(ColumnDef::new(FollowUp::DoneAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(FollowUp::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(FollowUp::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(FollowUp::Version).integer().not_null().default(1))
                    .foreign_key(ForeignKey::create().from(FollowUp::Table, FollowUp::MeetingId).to(Meeting::Table, Meeting::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().from(FollowUp::Table, FollowUp::OwnerUserId).to(AppUser::Table, AppUser::Id).on_delete(ForeignKeyAction::Restrict))
                    .foreign_key(
                        ForeignKey::create().from(FollowUp::Table, FollowUp::OwnerOrganisationId).to(Organisation::Table, Organisation::Id).on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("idx_follow_up_meeting").table(FollowUp::Table).col(FollowUp::MeetingId).to_owned()).await?;

        manager
            .alter_table(Table::alter().table(AppUser::Table).add_column(ColumnDef::new(AppUser::CalendarToken).string_len(64).null()).to_owned())
            .await?;
        manager
            .create_index(Index::create().name("idx_app_user_calendar_token").table(AppUser::Table).col(AppUser::CalendarToken).unique().to_owned())
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_app_user_calendar_token").table(AppUser::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(AppUser::Table).drop_column(AppUser::CalendarToken).to_owned()).await?;
        for t in [
            FollowUp::Table.into_iden(),
            MeetingUser::Table.into_iden(),
            MeetingPerson::Table.into_iden(),
            MeetingOrganisation::Table.into_iden(),
            MeetingProfession::Table.into_iden(),
            Meeting::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
