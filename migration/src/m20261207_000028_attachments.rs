//! Files attached to meetings, trainings and issues. The bytes live outside the database,
//! content-addressed by their SHA-256 (`<dir>/<first 2 hex>/<sha256>`); a row names the
//! record, the file as uploaded and who uploaded it.

use crate::common::{id, index, stamp};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{big_integer, integer, integer_null, string_len};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Attachment {
    Table,
    Id,
    RecordKind,
    RecordId,
    FileName,
    ContentType,
    Size,
    #[sea_orm(iden = "sha256")]
    Sha256,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AppUser {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use Attachment as A;
        manager
            .create_table(
                Table::create()
                    .table(A::Table)
                    .col(id(A::Id))
                    // "meeting", "training" or "issue".
                    .col(string_len(A::RecordKind, 20))
                    .col(integer(A::RecordId))
                    .col(string_len(A::FileName, 200))
                    .col(string_len(A::ContentType, 100))
                    .col(big_integer(A::Size))
                    .col(string_len(A::Sha256, 64))
                    .col(integer_null(A::CreatedBy))
                    .col(stamp(A::CreatedAt))
                    // The upload stays when its uploader's account is removed.
                    .foreign_key(ForeignKey::create().from(A::Table, A::CreatedBy).to(AppUser::Table, AppUser::Id).on_delete(ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_attachment_record").table(A::Table).col(A::RecordKind).col(A::RecordId).to_owned())
            .await?;
        // Whether a stored file is still referenced is asked on every deletion.
        manager.create_index(index("idx_attachment_sha256", A::Table, A::Sha256)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Attachment::Table).to_owned()).await
    }
}
