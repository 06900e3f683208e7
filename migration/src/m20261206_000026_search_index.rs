//! The search box's index: one row per searchable record (`kind` + `record_id`) with its
//! title, the text shown around a match, and `body`, the normalised text matched against
//! (kana folded to hiragana, widths folded, lower case). Filled by the app, not here.
//!
//! A substring index over `body` for each backend: on SQLite an FTS5 table with the trigram
//! tokenizer (Japanese has no spaces between words, so word tokenizers find nothing) kept
//! in sync by triggers; on PostgreSQL a trigram GIN index (pg_trgm), which serves
//! `LIKE '%…%'`. Where pg_trgm cannot be installed the migration still succeeds: searching
//! then scans the table, which is slower but finds the same.

use crate::common::{id, stamp, string, text};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{date_null, integer};
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum SearchDoc {
    Table,
    Id,
    Kind,
    RecordId,
    Title,
    Content,
    Body,
    HappenedOn,
    UpdatedAt,
}

/// The FTS5 table over `search_doc.body` (external content: the text is stored once) and
/// the three triggers that keep it in step with `search_doc`, as the SQLite FTS5
/// documentation gives them for external content tables.
const SQLITE_UP: &[&str] = &[
    "CREATE VIRTUAL TABLE search_doc_fts USING fts5(body, content='search_doc', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN
        INSERT INTO search_doc_fts(rowid, body) VALUES (new.id, new.body);
    END",
    "CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
        INSERT INTO search_doc_fts(search_doc_fts, rowid, body) VALUES ('delete', old.id, old.body);
    END",
    "CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc BEGIN
        INSERT INTO search_doc_fts(search_doc_fts, rowid, body) VALUES ('delete', old.id, old.body);
        INSERT INTO search_doc_fts(rowid, body) VALUES (new.id, new.body);
    END",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS search_doc_au",
    "DROP TRIGGER IF EXISTS search_doc_ad",
    "DROP TRIGGER IF EXISTS search_doc_ai",
    "DROP TABLE IF EXISTS search_doc_fts",
];

/// pg_trgm, installed if the database allows it (it is a trusted extension from PostgreSQL
/// 13 on: the database owner may install it). In `public` when possible, so that it is
/// shared by every schema of the database rather than tied to the first one that asked.
/// Any failure is only a notice: the index is an optimisation.
const POSTGRES_EXTENSION: &str = "DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
        EXCEPTION WHEN OTHERS THEN
            BEGIN
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
            EXCEPTION WHEN OTHERS THEN
                RAISE NOTICE 'pg_trgm unavailable: %', SQLERRM;
            END;
        END;
    END IF;
END $$";

/// The trigram index, only when the extension is there, naming its operator class by the
/// extension's schema (which need not be on the search path).
const POSTGRES_INDEX: &str = "DO $$
DECLARE
    trgm_schema text;
BEGIN
    SELECT n.nspname INTO trgm_schema
        FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'pg_trgm';
    IF trgm_schema IS NOT NULL THEN
        BEGIN
            EXECUTE format('CREATE INDEX IF NOT EXISTS idx_search_doc_body_trgm ON search_doc USING gin (body %I.gin_trgm_ops)', trgm_schema);
        EXCEPTION WHEN OTHERS THEN
            RAISE NOTICE 'trigram index not created: %', SQLERRM;
        END;
    END IF;
END $$";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use SearchDoc as S;
        manager
            .create_table(
                Table::create()
                    .table(S::Table)
                    .col(id(S::Id))
                    .col(string(S::Kind, 20))
                    .col(integer(S::RecordId))
                    .col(text(S::Title))
                    .col(text(S::Content))
                    .col(text(S::Body))
                    .col(date_null(S::HappenedOn))
                    .col(stamp(S::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("uq_search_doc_kind_record").table(S::Table).col(S::Kind).col(S::RecordId).unique().to_owned())
            .await?;
        let conn = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                for sql in SQLITE_UP {
                    conn.execute_unprepared(sql).await?;
                }
            }
            DatabaseBackend::Postgres => {
                conn.execute_unprepared(POSTGRES_EXTENSION).await?;
                conn.execute_unprepared(POSTGRES_INDEX).await?;
            }
            _ => {}
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let conn = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                for sql in SQLITE_DOWN {
                    conn.execute_unprepared(sql).await?;
                }
            }
            // The extension stays: other schemas of the database may use it.
            DatabaseBackend::Postgres => {
                conn.execute_unprepared("DROP INDEX IF EXISTS idx_search_doc_body_trgm").await?;
            }
            _ => {}
        }
        manager.drop_table(Table::drop().table(SearchDoc::Table).to_owned()).await
    }
}
