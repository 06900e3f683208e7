//! `/trainings/tasks/:id`: a training task's text, owner and due date; and its deletion.

use crate::api::checklists::{get_training_task, DeleteTrainingTask, UpdateTrainingTask};
use crate::components::checklist::{ChecklistEditForm, EditLabels};
use crate::components::form::FormErrors;
use crate::components::loaded::loaded;
use crate::components::nav::use_id_param;
use crate::components::page_title::PageTitle;
use crate::components::record_actions::DeleteConfirm;
use leptos::prelude::*;

mod t {
    pub const TITLE: &str = "研修タスクの編集";
    pub const DELETE_TITLE: &str = "研修タスクの削除";
    pub const DELETE_TEXT: &str = "このタスクを削除します。削除すると元に戻せません（監査ログには残ります）。済んだものは削除せず「完了にする」を使ってください。";
}

const LABELS: EditLabels = EditLabels { field: "title", noun: "タスク", parent_path: "/trainings", anchor: "tasks", delete_path: "/trainings/tasks" };

#[component]
pub fn TaskEditPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let save = ServerAction::<UpdateTrainingTask>::new();
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        {loaded(get_training_task(id), move |edit| view! { <ChecklistEditForm action=save edit labels=LABELS /> }.into_any())}
    }
}

#[component]
pub fn TaskDeletePage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let delete = ServerAction::<DeleteTrainingTask>::new();
    let errors = FormErrors::of(delete);
    view! {
        <PageTitle text=t::DELETE_TITLE />
        <h1>{t::DELETE_TITLE}</h1>
        {loaded(get_training_task(id), move |e| view! {
            <DeleteConfirm action=delete errors id=e.item.id name=e.item.text.clone() text=t::DELETE_TEXT back=format!("/trainings/tasks/{}", e.item.id) version=e.item.version />
        }.into_any())}
    }
}
