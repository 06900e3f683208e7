//! The directory (名簿): professions, organisations and people.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Profession {
    Table,
    Id,
    Name,
    ShortName,
    SortOrder,
    Active,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
    Name,
    Kana,
    Kind,
    Address,
    Phone,
    Email,
    Website,
    Notes,
    SearchText,
    Active,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum OrganisationProfession {
    Table,
    OrganisationId,
    ProfessionId,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
    Name,
    Kana,
    OrganisationId,
    ProfessionId,
    Title,
    Phone,
    Email,
    KeyPerson,
    Notes,
    SearchText,
    Active,
    CreatedAt,
    UpdatedAt,
    Version,
}

fn timestamps_and_version(t: &mut TableCreateStatement, created: impl IntoIden, updated: impl IntoIden, version: impl IntoIden) {
    t.col(ColumnDef::new(created).timestamp_with_time_zone().not_null())
        .col(ColumnDef::new(updated).timestamp_with_time_zone().not_null())
        .col(ColumnDef::new(version).integer().not_null().default(1));
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut t = Table::create();
        t.table(Profession::Table)
            .col(ColumnDef::new(Profession::Id).integer().not_null().auto_increment().primary_key())
            .col(ColumnDef::new(Profession::Name).string_len(100).not_null().unique_key())
            .col(ColumnDef::new(Profession::ShortName).string_len(30).not_null().default(""))
            .col(ColumnDef::new(Profession::SortOrder).integer().not_null().default(0))
            .col(ColumnDef::new(Profession::Active).boolean().not_null().default(true));
        timestamps_and_version(&mut t, Profession::CreatedAt, Profession::UpdatedAt, Profession::Version);
        manager.create_table(t.to_owned()).await?;

        let mut t = Table::create();
        t.table(Organisation::Table)
            .col(ColumnDef::new(Organisation::Id).integer().not_null().auto_increment().primary_key())
            .col(ColumnDef::new(Organisation::Name).string_len(200).not_null())
            .col(ColumnDef::new(Organisation::Kana).string_len(200).not_null().default(""))
            .col(ColumnDef::new(Organisation::Kind).string_len(40).not_null())
            .col(ColumnDef::new(Organisation::Address).string_len(300).not_null().default(""))
            .col(ColumnDef::new(Organisation::Phone).string_len(40).not_null().default(""))
            .col(ColumnDef::new(Organisation::Email).string_len(254).not_null().default(""))
            .col(ColumnDef::new(Organisation::Website).string_len(300).not_null().default(""))
            .col(ColumnDef::new(Organisation::Notes).text().not_null().default(""))
            .col(ColumnDef::new(Organisation::SearchText).text().not_null().default(""))
            .col(ColumnDef::new(Organisation::Active).boolean().not_null().default(true));
        timestamps_and_version(&mut t, Organisation::CreatedAt, Organisation::UpdatedAt, Organisation::Version);
        manager.create_table(t.to_owned()).await?;
        manager
            .create_index(Index::create().name("idx_organisation_kind").table(Organisation::Table).col(Organisation::Kind).to_owned())
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OrganisationProfession::Table)
                    .col(ColumnDef::new(OrganisationProfession::OrganisationId).integer().not_null())
                    .col(ColumnDef::new(OrganisationProfession::ProfessionId).integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(OrganisationProfession::OrganisationId)
                            .col(OrganisationProfession::ProfessionId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrganisationProfession::Table, OrganisationProfession::OrganisationId)
                            .to(Organisation::Table, Organisation::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrganisationProfession::Table, OrganisationProfession::ProfessionId)
                            .to(Profession::Table, Profession::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_org_profession_profession")
                    .table(OrganisationProfession::Table)
                    .col(OrganisationProfession::ProfessionId)
                    .to_owned(),
            )
            .await?;

        let mut t = Table::create();
        t.table(Person::Table)
            .col(ColumnDef::new(Person::Id).integer().not_null().auto_increment().primary_key())
            .col(ColumnDef::new(Person::Name).string_len(100).not_null())
            .col(ColumnDef::new(Person::Kana).string_len(100).not_null().default(""))
            .col(ColumnDef::new(Person::OrganisationId).integer().null())
            .col(ColumnDef::new(Person::ProfessionId).integer().null())
            .col(ColumnDef::new(Person::Title).string_len(100).not_null().default(""))
            .col(ColumnDef::new(Person::Phone).string_len(40).not_null().default(""))
            .col(ColumnDef::new(Person::Email).string_len(254).not_null().default(""))
            .col(ColumnDef::new(Person::KeyPerson).boolean().not_null().default(false))
            .col(ColumnDef::new(Person::Notes).text().not_null().default(""))
            .col(ColumnDef::new(Person::SearchText).text().not_null().default(""))
            .col(ColumnDef::new(Person::Active).boolean().not_null().default(true))
            .foreign_key(
                ForeignKey::create()
                    .from(Person::Table, Person::OrganisationId)
                    .to(Organisation::Table, Organisation::Id)
                    .on_delete(ForeignKeyAction::Restrict),
            )
            .foreign_key(
                ForeignKey::create()
                    .from(Person::Table, Person::ProfessionId)
                    .to(Profession::Table, Profession::Id)
                    .on_delete(ForeignKeyAction::Restrict),
            );
        timestamps_and_version(&mut t, Person::CreatedAt, Person::UpdatedAt, Person::Version);
        manager.create_table(t.to_owned()).await?;
        for (name, col) in [("idx_person_organisation", Person::OrganisationId), ("idx_person_profession", Person::ProfessionId)] {
            manager.create_index(Index::create().name(name).table(Person::Table).col(col).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Person::Table.into_iden(),
            OrganisationProfession::Table.into_iden(),
            Organisation::Table.into_iden(),
            Profession::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
