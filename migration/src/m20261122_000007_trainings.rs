//! Trainings (研修) with their role split, tasks, target professions, participants, and
//! links to the meetings around them and the issues they address.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Training {
    Table,
    Id,
    Title,
    Theme,
    OrganiserOrganisationId,
    Hosting,
    Level,
    HeldOn,
    StartTime,
    EndTime,
    FiscalYear,
    Venue,
    Format,
    Capacity,
    Status,
    WorkItems,
    ParticipantsOther,
    Respondents,
    Satisfaction1,
    Satisfaction2,
    Satisfaction3,
    Satisfaction4,
    Satisfaction5,
    Comments,
    Lessons,
    SearchText,
    Active,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum TrainingSupport {
    Table,
    TrainingId,
    Kind,
    Assignee,
    Note,
}

#[derive(DeriveIden, Clone, Copy)]
enum TrainingProfession {
    Table,
    TrainingId,
    ProfessionId,
}

#[derive(DeriveIden, Clone, Copy)]
enum TrainingParticipant {
    Table,
    TrainingId,
    ProfessionId,
    Count,
}

#[derive(DeriveIden, Clone, Copy)]
enum TrainingMeeting {
    Table,
    TrainingId,
    MeetingId,
    Role,
}

#[derive(DeriveIden, Clone, Copy)]
enum TrainingIssue {
    Table,
    TrainingId,
    IssueId,
}

#[derive(DeriveIden, Clone, Copy)]
enum TrainingTask {
    Table,
    Id,
    TrainingId,
    Title,
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
enum Organisation {
    Table,
    Id,
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
enum Issue {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum AppUser {
    Table,
    Id,
}

fn to_training(table: impl IntoIden + Copy, col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(table, col).to(Training::Table, Training::Id).on_delete(ForeignKeyAction::Cascade).to_owned()
}

fn restrict(table: impl IntoIden + Copy, col: impl IntoIden, other: impl IntoIden, other_id: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(table, col).to(other, other_id).on_delete(ForeignKeyAction::Restrict).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let count = |c: Training| ColumnDef::new(c).integer().null().to_owned();
        manager
            .create_table(
                Table::create()
                    .table(Training::Table)
                    .col(ColumnDef::new(Training::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Training::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Training::Theme).text().not_null().default(""))
                    .col(ColumnDef::new(Training::OrganiserOrganisationId).integer().null())
                    .col(ColumnDef::new(Training::Hosting).string_len(10).not_null())
                    .col(ColumnDef::new(Training::Level).small_integer().not_null())
                    .col(ColumnDef::new(Training::HeldOn).date().not_null())
                    .col(ColumnDef::new(Training::StartTime).string_len(5).not_null().default(""))
                    .col(ColumnDef::new(Training::EndTime).string_len(5).not_null().default(""))
                    .col(ColumnDef::new(Training::FiscalYear).integer().not_null())
                    .col(ColumnDef::new(Training::Venue).string_len(200).not_null().default(""))
                    .col(ColumnDef::new(Training::Format).string_len(10).not_null())
                    .col(count(Training::Capacity))
                    .col(ColumnDef::new(Training::Status).string_len(10).not_null())
                    .col(ColumnDef::new(Training::WorkItems).string_len(40).not_null().default(""))
                    .col(ColumnDef::new(Training::ParticipantsOther).integer().not_null().default(0))
                    .col(count(Training::Respondents))
                    .col(ColumnDef::new(Training::Satisfaction1).integer().not_null().default(0))
                    .col(ColumnDef::new(Training::Satisfaction2).integer().not_null().default(0))
                    .col(ColumnDef::new(Training::Satisfaction3).integer().not_null().default(0))
                    .col(ColumnDef::new(Training::Satisfaction4).integer().not_null().default(0))
                    .col(ColumnDef::new(Training::Satisfaction5).integer().not_null().default(0))
                    .col(ColumnDef::new(Training::Comments).text().not_null().default(""))
                    .col(ColumnDef::new(Training::Lessons).text().not_null().default(""))
                    .col(ColumnDef::new(Training::SearchText).text().not_null().default(""))
                    .col(ColumnDef::new(Training::Active).boolean().not_null().default(true))
                    .col(ColumnDef::new(Training::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Training::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Training::Version).integer().not_null().default(1))
                    .foreign_key(&mut restrict(Training::Table, Training::OrganiserOrganisationId, Organisation::Table, Organisation::Id))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_training_held_on", Training::HeldOn),
            ("idx_training_fiscal_year", Training::FiscalYear),
            ("idx_training_organiser", Training::OrganiserOrganisationId),
        ] {
            manager.create_index(Index::create().name(name).table(Training::Table).col(col).to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(TrainingSupport::Table)
                    .col(ColumnDef::new(TrainingSupport::TrainingId).integer().not_null())
                    .col(ColumnDef::new(TrainingSupport::Kind).string_len(20).not_null())
                    .col(ColumnDef::new(TrainingSupport::Assignee).string_len(10).not_null())
                    .col(ColumnDef::new(TrainingSupport::Note).string_len(500).not_null().default(""))
                    .primary_key(Index::create().col(TrainingSupport::TrainingId).col(TrainingSupport::Kind))
                    .foreign_key(&mut to_training(TrainingSupport::Table, TrainingSupport::TrainingId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrainingProfession::Table)
                    .col(ColumnDef::new(TrainingProfession::TrainingId).integer().not_null())
                    .col(ColumnDef::new(TrainingProfession::ProfessionId).integer().not_null())
                    .primary_key(Index::create().col(TrainingProfession::TrainingId).col(TrainingProfession::ProfessionId))
                    .foreign_key(&mut to_training(TrainingProfession::Table, TrainingProfession::TrainingId))
                    .foreign_key(&mut restrict(TrainingProfession::Table, TrainingProfession::ProfessionId, Profession::Table, Profession::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrainingParticipant::Table)
                    .col(ColumnDef::new(TrainingParticipant::TrainingId).integer().not_null())
                    .col(ColumnDef::new(TrainingParticipant::ProfessionId).integer().not_null())
                    .col(ColumnDef::new(TrainingParticipant::Count).integer().not_null())
                    .primary_key(Index::create().col(TrainingParticipant::TrainingId).col(TrainingParticipant::ProfessionId))
                    .foreign_key(&mut to_training(TrainingParticipant::Table, TrainingParticipant::TrainingId))
                    .foreign_key(&mut restrict(TrainingParticipant::Table, TrainingParticipant::ProfessionId, Profession::Table, Profession::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrainingMeeting::Table)
                    .col(ColumnDef::new(TrainingMeeting::TrainingId).integer().not_null())
                    .col(ColumnDef::new(TrainingMeeting::MeetingId).integer().not_null())
                    .col(ColumnDef::new(TrainingMeeting::Role).string_len(12).not_null())
                    .primary_key(Index::create().col(TrainingMeeting::TrainingId).col(TrainingMeeting::MeetingId))
                    .foreign_key(&mut to_training(TrainingMeeting::Table, TrainingMeeting::TrainingId))
                    .foreign_key(
                        ForeignKey::create().from(TrainingMeeting::Table, TrainingMeeting::MeetingId).to(Meeting::Table, Meeting::Id).on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrainingIssue::Table)
                    .col(ColumnDef::new(TrainingIssue::TrainingId).integer().not_null())
                    .col(ColumnDef::new(TrainingIssue::IssueId).integer().not_null())
                    .primary_key(Index::create().col(TrainingIssue::TrainingId).col(TrainingIssue::IssueId))
                    .foreign_key(&mut to_training(TrainingIssue::Table, TrainingIssue::TrainingId))
                    .foreign_key(ForeignKey::create().from(TrainingIssue::Table, TrainingIssue::IssueId).to(Issue::Table, Issue::Id).on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrainingTask::Table)
                    .col(ColumnDef::new(TrainingTask::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(TrainingTask::TrainingId).integer().not_null())
                    .col(ColumnDef::new(TrainingTask::Title).string_len(500).not_null())
                    .col(ColumnDef::new(TrainingTask::OwnerUserId).integer().null())
                    .col(ColumnDef::new(TrainingTask::OwnerOrganisationId).integer().null())
                    .col(ColumnDef::new(TrainingTask::DueOn).date().null())
                    .col(ColumnDef::new(TrainingTask::Done).boolean().not_null().default(false))
                    .col(ColumnDef::new(TrainingTask::DoneAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(TrainingTask::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(TrainingTask::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(TrainingTask::Version).integer().not_null().default(1))
                    .foreign_key(&mut to_training(TrainingTask::Table, TrainingTask::TrainingId))
                    .foreign_key(&mut restrict(TrainingTask::Table, TrainingTask::OwnerUserId, AppUser::Table, AppUser::Id))
                    .foreign_key(&mut restrict(TrainingTask::Table, TrainingTask::OwnerOrganisationId, Organisation::Table, Organisation::Id))
                    .to_owned(),
            )
            .await?;
        for (name, table, col) in [
            ("idx_training_task_training", TrainingTask::Table.into_iden(), TrainingTask::TrainingId.into_iden()),
            ("idx_training_task_due", TrainingTask::Table.into_iden(), TrainingTask::DueOn.into_iden()),
            ("idx_training_meeting_meeting", TrainingMeeting::Table.into_iden(), TrainingMeeting::MeetingId.into_iden()),
            ("idx_training_issue_issue", TrainingIssue::Table.into_iden(), TrainingIssue::IssueId.into_iden()),
            ("idx_training_profession_profession", TrainingProfession::Table.into_iden(), TrainingProfession::ProfessionId.into_iden()),
        ] {
            manager.create_index(Index::create().name(name).table(table).col(col).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            TrainingTask::Table.into_iden(),
            TrainingIssue::Table.into_iden(),
            TrainingMeeting::Table.into_iden(),
            TrainingParticipant::Table.into_iden(),
            TrainingProfession::Table.into_iden(),
            TrainingSupport::Table.into_iden(),
            Training::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
