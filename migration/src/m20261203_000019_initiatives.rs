//! Initiatives (取組): one piece of joint work across years, the four scenes it serves, its
//! steps (milestones such as 「連携スタート」) and the meetings and trainings it groups; its
//! trail (軌跡) is built from them in date order.

use crate::common::{active, id, index, stamp, string, text, version};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{date, date_null, integer, small_integer_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Initiative {
    Table,
    Id,
    Title,
    Status,
    Scenes,
    Partners,
    NextStep,
    NextStepOn,
    Notes,
    Active,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum InitiativeStep {
    Table,
    Id,
    InitiativeId,
    HappenedOn,
    Description,
    Level,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum InitiativeMeeting {
    Table,
    InitiativeId,
    MeetingId,
}

#[derive(DeriveIden, Clone, Copy)]
enum InitiativeTraining {
    Table,
    InitiativeId,
    TrainingId,
}

#[derive(DeriveIden)]
enum Meeting {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Training {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use Initiative as I;
        manager
            .create_table(
                Table::create()
                    .table(I::Table)
                    .col(id(I::Id))
                    .col(string(I::Title, 200))
                    .col(string(I::Status, 20))
                    .col(string(I::Scenes, 60))
                    .col(text(I::Partners))
                    .col(text(I::NextStep))
                    .col(date_null(I::NextStepOn))
                    .col(text(I::Notes))
                    .col(active(I::Active))
                    .col(stamp(I::CreatedAt))
                    .col(stamp(I::UpdatedAt))
                    .col(version(I::Version))
                    .to_owned(),
            )
            .await?;
        use InitiativeStep as S;
        manager
            .create_table(
                Table::create()
                    .table(S::Table)
                    .col(id(S::Id))
                    .col(integer(S::InitiativeId))
                    .col(date(S::HappenedOn))
                    .col(text(S::Description))
                    .col(small_integer_null(S::Level))
                    .col(stamp(S::CreatedAt))
                    .foreign_key(ForeignKey::create().from(S::Table, S::InitiativeId).to(I::Table, I::Id).on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_initiative_step_initiative", S::Table, S::InitiativeId)).await?;
        use InitiativeMeeting as M;
        manager
            .create_table(
                Table::create()
                    .table(M::Table)
                    .col(integer(M::InitiativeId))
                    .col(integer(M::MeetingId))
                    .primary_key(Index::create().col(M::InitiativeId).col(M::MeetingId))
                    .foreign_key(ForeignKey::create().from(M::Table, M::InitiativeId).to(I::Table, I::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().from(M::Table, M::MeetingId).to(Meeting::Table, Meeting::Id).on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_initiative_meeting_meeting", M::Table, M::MeetingId)).await?;
        use InitiativeTraining as T;
        manager
            .create_table(
                Table::create()
                    .table(T::Table)
                    .col(integer(T::InitiativeId))
                    .col(integer(T::TrainingId))
                    .primary_key(Index::create().col(T::InitiativeId).col(T::TrainingId))
                    .foreign_key(ForeignKey::create().from(T::Table, T::InitiativeId).to(I::Table, I::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().from(T::Table, T::TrainingId).to(Training::Table, Training::Id).on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_initiative_training_training", T::Table, T::TrainingId)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [InitiativeTraining::Table.into_iden(), InitiativeMeeting::Table.into_iden(), InitiativeStep::Table.into_iden(), Initiative::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
