//! The day a resource's activity was recorded as ended (終了), for the annual report's
//! count of resources that ended in a fiscal year.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::date_null;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Resource {
    Table,
    EndedOn,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Resource::Table).add_column(date_null(Resource::EndedOn)).to_owned()).await?;
        // Entries already ended: the day of their last change is the best known end.
        let sql = match manager.get_database_backend() {
            DatabaseBackend::Postgres => "UPDATE resource SET ended_on = (updated_at AT TIME ZONE 'Asia/Tokyo')::date WHERE activity = 'ended'",
            _ => "UPDATE resource SET ended_on = date(updated_at, '+9 hours') WHERE activity = 'ended'",
        };
        manager.get_connection().execute_unprepared(sql).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Resource::Table).drop_column(Resource::EndedOn).to_owned()).await
    }
}
