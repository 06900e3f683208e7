//! A referral slip declined or unmet for lack of a resource, linked to an issue of the
//! register as evidence (資源不足). A link goes with either side.

use crate::common::{id, stamp};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{integer, integer_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ReferralIssueLink {
    Table,
    Id,
    ReferralId,
    IssueId,
    CreatedByUserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Referral {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Issue {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ReferralIssueLink as L;
        manager
            .create_table(
                Table::create()
                    .table(L::Table)
                    .col(id(L::Id))
                    .col(integer(L::ReferralId))
                    .col(integer(L::IssueId))
                    .col(integer_null(L::CreatedByUserId))
                    .col(stamp(L::CreatedAt))
                    .foreign_key(ForeignKey::create().from(L::Table, L::ReferralId).to(Referral::Table, Referral::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().from(L::Table, L::IssueId).to(Issue::Table, Issue::Id).on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("uq_referral_issue_link").table(L::Table).col(L::ReferralId).col(L::IssueId).unique().to_owned())
            .await?;
        manager.create_index(Index::create().name("idx_referral_issue_link_issue").table(L::Table).col(L::IssueId).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ReferralIssueLink::Table).to_owned()).await
    }
}
