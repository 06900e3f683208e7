use sea_orm::entity::prelude::*;

/// A file attached to a meeting, training or issue; its bytes are stored outside the
/// database under `sha256` (see `services::attachments`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attachment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// "meeting", "training" or "issue" (`domain::attachments::RecordKind`).
    pub record_kind: String,
    pub record_id: i32,
    pub file_name: String,
    /// As sniffed from the bytes when uploaded: what the download is sent as.
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
