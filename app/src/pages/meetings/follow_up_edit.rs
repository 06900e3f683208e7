//! `/meetings/follow-ups/:id`: a follow-up's text, owner and due date; and its deletion.

use crate::api::checklists::{get_follow_up, DeleteFollowUp, UpdateFollowUp};
use crate::components::checklist::{ChecklistEditForm, EditLabels};
use crate::components::form::FormErrors;
use crate::components::loaded::loaded;
use crate::components::nav::use_id_param;
use crate::components::page_title::PageTitle;
use crate::components::record_actions::DeleteConfirm;
use leptos::prelude::*;

mod t {
    pub const TITLE: &str = "フォローアップの編集";
    pub const DELETE_TITLE: &str = "フォローアップの削除";
    pub const DELETE_TEXT: &str = "このフォローアップを削除します。削除すると元に戻せません（監査ログには残ります）。済んだものは削除せず「完了にする」を使ってください。";
}

const LABELS: EditLabels = EditLabels { field: "action", noun: "対応内容", parent_path: "/meetings", anchor: "follow-ups", delete_path: "/meetings/follow-ups" };

#[component]
pub fn FollowUpEditPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let save = ServerAction::<UpdateFollowUp>::new();
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        {loaded(get_follow_up(id), move |edit| view! { <ChecklistEditForm action=save edit labels=LABELS /> }.into_any())}
    }
}

#[component]
pub fn FollowUpDeletePage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let delete = ServerAction::<DeleteFollowUp>::new();
    let errors = FormErrors::of(delete);
    view! {
        <PageTitle text=t::DELETE_TITLE />
        <h1>{t::DELETE_TITLE}</h1>
        {loaded(get_follow_up(id), move |e| view! {
            <DeleteConfirm action=delete errors id=e.item.id name=e.item.text.clone() text=t::DELETE_TEXT back=format!("/meetings/follow-ups/{}", e.item.id) version=e.item.version />
        }.into_any())}
    }
}
