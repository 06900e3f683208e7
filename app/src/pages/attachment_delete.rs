//! `/attachments/:id/delete`: the confirmation of an attachment's deletion, for those who
//! may change its record.

use crate::api::attachments::{get_attachment, DeleteAttachment};
use crate::components::form::FormErrors;
use crate::components::loaded::loaded;
use crate::components::nav::use_id_param;
use crate::components::page_title::PageTitle;
use crate::components::record_actions::DeleteConfirm;
use leptos::prelude::*;

mod t {
    pub const TITLE: &str = "添付ファイルの削除";
    pub const TEXT: &str = "この添付ファイルを削除します。削除すると元に戻せません（削除したことは監査ログに残ります）。";
}

#[component]
pub fn AttachmentDeletePage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let delete = ServerAction::<DeleteAttachment>::new();
    let errors = FormErrors::of(delete);
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        {loaded(get_attachment(id), move |a| {
            let name = format!("{}（{}・{}）", a.file.file_name, a.kind.label(), a.file.size_label);
            view! {
                <DeleteConfirm action=delete errors id=a.file.id name text=t::TEXT back=format!("{}#attachments", a.kind.page(a.record_id)) />
            }
            .into_any()
        })}
    }
}
