//! Column and key helpers shared by migrations written from 2026-12 on, over sea-orm's
//! `schema` helpers. A migration that has run is frozen: change a helper only in ways that
//! produce the same schema, or add a new one.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema;

/// `id`: integer primary key, assigned by the database.
pub fn id(col: impl IntoIden) -> ColumnDef {
    schema::pk_auto(col)
}

/// Text that may be empty but never NULL (forms send "" for nothing).
pub fn text(col: impl IntoIden) -> ColumnDef {
    schema::text(col).default("").to_owned()
}

/// A bounded string that may be empty but never NULL.
pub fn string(col: impl IntoIden, len: u32) -> ColumnDef {
    schema::string_len(col, len).default("").to_owned()
}

/// An archived flag: records are archived, not deleted (default active).
pub fn active(col: impl IntoIden) -> ColumnDef {
    schema::boolean(col).default(true).to_owned()
}

/// The optimistic-lock version of an editable record.
pub fn version(col: impl IntoIden) -> ColumnDef {
    schema::integer(col).default(1).to_owned()
}

/// `created_at` / `updated_at`: a moment, stored with its zone.
pub fn stamp(col: impl IntoIden) -> ColumnDef {
    schema::timestamp_with_time_zone(col)
}

/// A reference that must not dangle: deleting the referenced row is refused while referred to.
pub fn restrict(table: impl IntoIden + Copy, col: impl IntoIden, other: impl IntoIden, other_id: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(table, col).to(other, other_id).on_delete(ForeignKeyAction::Restrict).to_owned()
}

/// A non-unique index named `idx_<table>_<what>`.
pub fn index(name: &str, table: impl IntoIden, col: impl IntoIden) -> IndexCreateStatement {
    Index::create().name(name).table(table).col(col).to_owned()
}
