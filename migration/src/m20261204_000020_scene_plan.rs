//! The plan by the four scenes (PDCA): meetings, trainings and issues tagged with the scenes
//! they serve; per fiscal year and scene the 目指す姿, targets, actions, the year-end
//! evaluation and next year's plan; and indicators with a target and an actual that is
//! entered or counted from the records.

use crate::common::{id, index, stamp, string, text, version};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{boolean, integer, integer_null, small_integer_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ScenePlan {
    Table,
    Id,
    FiscalYear,
    Scene,
    Vision,
    Targets,
    Actions,
    Evaluation,
    NextPlan,
    Draft,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum SceneIndicator {
    Table,
    Id,
    FiscalYear,
    Scene,
    Label,
    Unit,
    Target,
    Actual,
    Counter,
    Level,
    ProfessionId,
    Position,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Profession {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Scenes {
    Scenes,
}

const TAGGED: [&str; 3] = ["meeting", "training", "issue"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TAGGED {
            manager.alter_table(Table::alter().table(Alias::new(table)).add_column(string(Scenes::Scenes, 60)).to_owned()).await?;
        }
        use ScenePlan as P;
        manager
            .create_table(
                Table::create()
                    .table(P::Table)
                    .col(id(P::Id))
                    .col(integer(P::FiscalYear))
                    .col(string(P::Scene, 20))
                    .col(text(P::Vision))
                    .col(text(P::Targets))
                    .col(text(P::Actions))
                    .col(text(P::Evaluation))
                    .col(text(P::NextPlan))
                    .col(boolean(P::Draft).default(false))
                    .col(stamp(P::UpdatedAt))
                    .col(version(P::Version))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("uq_scene_plan_year_scene").table(P::Table).col(P::FiscalYear).col(P::Scene).unique().to_owned())
            .await?;
        use SceneIndicator as I;
        manager
            .create_table(
                Table::create()
                    .table(I::Table)
                    .col(id(I::Id))
                    .col(integer(I::FiscalYear))
                    .col(string(I::Scene, 20))
                    .col(string(I::Label, 200))
                    .col(string(I::Unit, 20))
                    .col(integer_null(I::Target))
                    .col(integer_null(I::Actual))
                    .col(string(I::Counter, 40))
                    .col(small_integer_null(I::Level))
                    .col(integer_null(I::ProfessionId))
                    .col(integer(I::Position).default(0))
                    .col(stamp(I::CreatedAt))
                    .foreign_key(ForeignKey::create().from(I::Table, I::ProfessionId).to(Profession::Table, Profession::Id).on_delete(ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_scene_indicator_year", I::Table, I::FiscalYear)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SceneIndicator::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ScenePlan::Table).to_owned()).await?;
        for table in TAGGED {
            manager.alter_table(Table::alter().table(Alias::new(table)).drop_column(Scenes::Scenes).to_owned()).await?;
        }
        Ok(())
    }
}
