//! The newsletter (地域連携だより): numbered issues with their articles, and the
//! organisations of the directory that receive it.

use crate::common::{id, index, stamp, string, text, version};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{boolean, date, integer};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Newsletter {
    Table,
    Id,
    Number,
    IssuedOn,
    Title,
    CoversFrom,
    CoversTo,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum NewsletterArticle {
    Table,
    Id,
    NewsletterId,
    Position,
    Kind,
    Heading,
    Body,
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    ReceivesNewsletter,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use Newsletter as N;
        manager
            .create_table(
                Table::create()
                    .table(N::Table)
                    .col(id(N::Id))
                    .col(integer(N::Number))
                    .col(date(N::IssuedOn))
                    .col(string(N::Title, 200))
                    .col(date(N::CoversFrom))
                    .col(date(N::CoversTo))
                    .col(stamp(N::CreatedAt))
                    .col(stamp(N::UpdatedAt))
                    .col(version(N::Version))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("uq_newsletter_number").table(N::Table).col(N::Number).unique().to_owned()).await?;
        use NewsletterArticle as A;
        manager
            .create_table(
                Table::create()
                    .table(A::Table)
                    .col(id(A::Id))
                    .col(integer(A::NewsletterId))
                    .col(integer(A::Position).default(0))
                    .col(string(A::Kind, 20))
                    .col(string(A::Heading, 200))
                    .col(text(A::Body))
                    .foreign_key(ForeignKey::create().from(A::Table, A::NewsletterId).to(N::Table, N::Id).on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_newsletter_article_newsletter", A::Table, A::NewsletterId)).await?;
        manager
            .alter_table(Table::alter().table(Organisation::Table).add_column(boolean(Organisation::ReceivesNewsletter).default(false)).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Organisation::Table).drop_column(Organisation::ReceivesNewsletter).to_owned()).await?;
        manager.drop_table(Table::drop().table(NewsletterArticle::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Newsletter::Table).to_owned()).await
    }
}
