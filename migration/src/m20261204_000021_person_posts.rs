//! People's posts over time (所属・役職の履歴): so key persons who move to another
//! organisation or post are not lost from the directory.

use crate::common::{id, index, stamp, string};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{date_null, integer, integer_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum PersonPost {
    Table,
    Id,
    PersonId,
    OrganisationId,
    OrganisationName,
    Title,
    StartedOn,
    EndedOn,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use PersonPost as P;
        manager
            .create_table(
                Table::create()
                    .table(P::Table)
                    .col(id(P::Id))
                    .col(integer(P::PersonId))
                    .col(integer_null(P::OrganisationId))
                    .col(string(P::OrganisationName, 200))
                    .col(string(P::Title, 100))
                    .col(date_null(P::StartedOn))
                    .col(date_null(P::EndedOn))
                    .col(stamp(P::CreatedAt))
                    .foreign_key(ForeignKey::create().from(P::Table, P::PersonId).to(Person::Table, Person::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().from(P::Table, P::OrganisationId).to(Organisation::Table, Organisation::Id).on_delete(ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_person_post_person", P::Table, P::PersonId)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(PersonPost::Table).to_owned()).await
    }
}
