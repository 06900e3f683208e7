//! The district a resource collector (資源登録者) account is bound to: they enter and edit
//! only that district's resources. One row per collector account.

use crate::common::restrict;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::integer;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum CollectorDistrict {
    Table,
    UserId,
    DistrictId,
}

#[derive(DeriveIden, Clone, Copy)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum ResourceDistrict {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use CollectorDistrict as C;
        manager
            .create_table(
                Table::create()
                    .table(C::Table)
                    .col(integer(C::UserId).primary_key())
                    .col(integer(C::DistrictId))
                    .foreign_key(
                        ForeignKey::create().from(C::Table, C::UserId).to(AppUser::Table, AppUser::Id).on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut restrict(C::Table, C::DistrictId, ResourceDistrict::Table, ResourceDistrict::Id))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(CollectorDistrict::Table).to_owned()).await
    }
}
