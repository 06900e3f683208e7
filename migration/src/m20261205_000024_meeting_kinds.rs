//! Meeting kinds (会議の種類) kept by administrators. Meetings keep their kind as a code, so
//! the codes stay stable; the defaults are seeded by the app once per installation, not here.

use crate::common::{active, id, stamp, string, version};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::integer;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum MeetingKind {
    Table,
    Id,
    Code,
    Name,
    SortOrder,
    Active,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use MeetingKind as K;
        manager
            .create_table(
                Table::create()
                    .table(K::Table)
                    .col(id(K::Id))
                    .col(string(K::Code, 40))
                    .col(string(K::Name, 100))
                    .col(integer(K::SortOrder).default(0))
                    .col(active(K::Active))
                    .col(stamp(K::CreatedAt))
                    .col(stamp(K::UpdatedAt))
                    .col(version(K::Version))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("uq_meeting_kind_code").table(K::Table).col(K::Code).unique().to_owned()).await?;
        // Two administrators adding the same name at once: the second is refused.
        manager.create_index(Index::create().name("uq_meeting_kind_name").table(K::Table).col(K::Name).unique().to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(MeetingKind::Table).to_owned()).await
    }
}
