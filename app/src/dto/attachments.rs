//! Wire types of attachments: the files of a record as its page lists them.

use crate::domain::attachments::RecordKind;
use serde::{Deserialize, Serialize};

/// One attached file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub id: i32,
    pub file_name: String,
    /// "1.2 MB".
    pub size_label: String,
    /// The uploader's name ("" when their account is gone).
    pub uploaded_by: String,
    /// "2026/12/01（火） 10:30".
    pub uploaded_at: String,
}

/// An attachment with the record it belongs to (for the deletion's confirmation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentDetail {
    pub file: AttachmentView,
    pub kind: RecordKind,
    pub record_id: i32,
}
