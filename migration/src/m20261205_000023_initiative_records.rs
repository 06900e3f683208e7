//! Initiatives also group issues, consultations and referral slips (each link read only
//! through the gate of what it names), and newsletter articles carry a version so that two
//! people editing one article do not overwrite each other.

use crate::common::{index, version};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::integer;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Initiative {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Issue {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Consultation {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Referral {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum NewsletterArticle {
    Table,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum Col {
    InitiativeId,
    IssueId,
    ConsultationId,
    ReferralId,
}

const TABLES: [&str; 3] = ["initiative_issue", "initiative_consultation", "initiative_referral"];

/// `initiative_<what>(initiative_id, <what>_id)`, removed with either side.
fn link_table(table: &str, record: Col, target: impl IntoIden + Copy, target_id: impl IntoIden + Copy) -> TableCreateStatement {
    let t = Alias::new(table);
    Table::create()
        .table(t.clone())
        .col(integer(Col::InitiativeId))
        .col(integer(record))
        .primary_key(Index::create().col(Col::InitiativeId).col(record))
        .foreign_key(ForeignKey::create().from(t.clone(), Col::InitiativeId).to(Initiative::Table, Initiative::Id).on_delete(ForeignKeyAction::Cascade))
        .foreign_key(ForeignKey::create().from(t, record).to(target, target_id).on_delete(ForeignKeyAction::Cascade))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let links = [
            (TABLES[0], Col::IssueId, link_table(TABLES[0], Col::IssueId, Issue::Table, Issue::Id)),
            (TABLES[1], Col::ConsultationId, link_table(TABLES[1], Col::ConsultationId, Consultation::Table, Consultation::Id)),
            (TABLES[2], Col::ReferralId, link_table(TABLES[2], Col::ReferralId, Referral::Table, Referral::Id)),
        ];
        for (table, record, create) in links {
            manager.create_table(create).await?;
            manager.create_index(index(&format!("idx_{table}_record"), Alias::new(table), record)).await?;
        }
        manager
            .alter_table(Table::alter().table(NewsletterArticle::Table).add_column(version(NewsletterArticle::Version)).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(NewsletterArticle::Table).drop_column(NewsletterArticle::Version).to_owned()).await?;
        for table in TABLES {
            manager.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
