//! `/trainings/tasks`: the tasks of all trainings, overdue first.

use super::{TaskTable, TrainingTabs};
use crate::api::trainings::{list_training_tasks, SetTrainingTaskDone};
use crate::components::checklist::ChecklistFilters;
use crate::components::form::{FormErrors, FormMessage};
use crate::components::nav::url_with;
use crate::components::session::use_can;
use crate::domain::Permission;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "研修のタスク";
    pub const LEAD: &str = "すべての研修の準備タスクです。期限を過ぎたものは赤で表示します。チェックを入れて、まとめて完了にしたり担当を変えたりできます。";
}

#[component]
pub fn TrainingTasksPage() -> impl IntoView {
    let (owner, status) = use_query_map().with_untracked(|q| (q.get("owner").filter(|s| !s.is_empty()), q.get("status").filter(|s| !s.is_empty())));
    let set_done = ServerAction::<SetTrainingTaskDone>::new();
    let can_write = use_can(Permission::WriteTrainings).get_untracked();
    let errors = FormErrors::of(set_done);
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <TrainingTabs current="/trainings/tasks" />
        <p class="lead">{t::LEAD}</p>
        <FormMessage errors />
        {loaded(list_training_tasks(owner.clone(), status.clone()), move |list| {
            let back = url_with("/trainings/tasks", &[("owner", owner.clone()), ("status", status.clone())]);
            let items = list.items.clone();
            let owners = list.assignable.clone();
            view! {
                <ChecklistFilters action="/trainings/tasks" list owner=owner.clone() status=status.clone() />
                <TaskTable items can_write set_done back show_training=true owners />
            }.into_any()
        })}
    }
}
