//! Referral slips (つながるパス): the pathways (an editable list), slip 1 with the person's
//! details sealed (`person_sealed`, never plain text; NULL for an anonymous record or once
//! erased), slip 2 replies, and the organisation a partner account (clinic, pharmacy, centre)
//! is bound to.

use crate::common::{active, id, index, restrict, stamp, string, version};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{boolean, date, date_null, integer, integer_null, text_null, timestamp_with_time_zone_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ReferralPathway {
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
enum Referral {
    Table,
    Id,
    PathwayId,
    SentOn,
    Channel,
    SenderOrganisationId,
    SenderPersonId,
    ReceiverOrganisationId,
    PersonSealed,
    Sex,
    AgeBand,
    DistrictId,
    Household,
    Topics,
    MainTopic,
    ShareConsent,
    ReportBack,
    State,
    DueOn,
    ReceivedOn,
    RepliedOn,
    ClosedOn,
    ErasedAt,
    CreatedByUserId,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum ReferralReply {
    Table,
    Id,
    ReferralId,
    RepliedOn,
    ByName,
    State,
    AgenciesNow,
    AgenciesPlanned,
    ConnectionsBefore,
    ConnectionsNow,
    CareApplication,
    Visit,
    SupportSealed,
    Resources,
    CreatedByUserId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PartnerOrganisation {
    Table,
    UserId,
    OrganisationId,
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

#[derive(DeriveIden, Clone, Copy)]
enum AppUser {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use Referral as R;
        use ReferralPathway as P;
        use ReferralReply as Y;
        manager
            .create_table(
                Table::create()
                    .table(P::Table)
                    .col(id(P::Id))
                    .col(string(P::Name, 100).unique_key())
                    .col(integer(P::SortOrder).default(0))
                    .col(active(P::Active))
                    .col(stamp(P::CreatedAt))
                    .col(stamp(P::UpdatedAt))
                    .col(version(P::Version))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(R::Table)
                    .col(id(R::Id))
                    .col(integer(R::PathwayId))
                    .col(date(R::SentOn))
                    .col(string(R::Channel, 20))
                    .col(integer(R::SenderOrganisationId))
                    .col(integer_null(R::SenderPersonId))
                    .col(integer(R::ReceiverOrganisationId))
                    .col(text_null(R::PersonSealed))
                    .col(string(R::Sex, 20))
                    .col(string(R::AgeBand, 20))
                    .col(integer_null(R::DistrictId))
                    .col(string(R::Household, 20))
                    .col(string(R::Topics, 300))
                    .col(string(R::MainTopic, 20))
                    .col(string(R::ShareConsent, 20))
                    .col(boolean(R::ReportBack).default(false))
                    .col(string(R::State, 20))
                    .col(date(R::DueOn))
                    .col(date_null(R::ReceivedOn))
                    .col(date_null(R::RepliedOn))
                    .col(date_null(R::ClosedOn))
                    .col(timestamp_with_time_zone_null(R::ErasedAt))
                    .col(integer_null(R::CreatedByUserId))
                    .col(stamp(R::CreatedAt))
                    .col(stamp(R::UpdatedAt))
                    .col(version(R::Version))
                    .foreign_key(&mut restrict(R::Table, R::PathwayId, P::Table, P::Id))
                    .foreign_key(&mut restrict(R::Table, R::SenderOrganisationId, Organisation::Table, Organisation::Id))
                    .foreign_key(&mut restrict(R::Table, R::ReceiverOrganisationId, Organisation::Table, Organisation::Id))
                    .foreign_key(&mut restrict(R::Table, R::SenderPersonId, Person::Table, Person::Id))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [("idx_referral_sender", R::SenderOrganisationId), ("idx_referral_receiver", R::ReceiverOrganisationId), ("idx_referral_sent_on", R::SentOn)] {
            manager.create_index(index(name, R::Table, col)).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Y::Table)
                    .col(id(Y::Id))
                    .col(integer(Y::ReferralId))
                    .col(date(Y::RepliedOn))
                    .col(string(Y::ByName, 100))
                    .col(string(Y::State, 20))
                    .col(string(Y::AgenciesNow, 300))
                    .col(string(Y::AgenciesPlanned, 300))
                    .col(integer_null(Y::ConnectionsBefore))
                    .col(integer_null(Y::ConnectionsNow))
                    .col(string(Y::CareApplication, 20))
                    .col(string(Y::Visit, 20))
                    .col(text_null(Y::SupportSealed))
                    .col(string(Y::Resources, 300))
                    .col(integer_null(Y::CreatedByUserId))
                    .col(stamp(Y::CreatedAt))
                    .foreign_key(ForeignKey::create().from(Y::Table, Y::ReferralId).to(R::Table, R::Id).on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_referral_reply_referral", Y::Table, Y::ReferralId)).await?;
        manager
            .create_table(
                Table::create()
                    .table(PartnerOrganisation::Table)
                    .col(integer(PartnerOrganisation::UserId).primary_key())
                    .col(integer(PartnerOrganisation::OrganisationId))
                    .foreign_key(ForeignKey::create().from(PartnerOrganisation::Table, PartnerOrganisation::UserId).to(AppUser::Table, AppUser::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(&mut restrict(PartnerOrganisation::Table, PartnerOrganisation::OrganisationId, Organisation::Table, Organisation::Id))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [ReferralReply::Table.into_iden(), Referral::Table.into_iden(), ReferralPathway::Table.into_iden(), PartnerOrganisation::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
