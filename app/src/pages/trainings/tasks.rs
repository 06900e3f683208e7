//! `/trainings/tasks`: the tasks of all trainings, overdue first.

use super::{TaskTable, TrainingTabs};
use crate::api::trainings::{list_training_tasks, SetTrainingTaskDone};
use crate::components::error_view::ErrorMessage;
use crate::components::form::{FormErrors, FormMessage};
use crate::components::nav::url_with;
use crate::components::session::use_can;
use crate::domain::Permission;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "研修のタスク";
    pub const LEAD: &str = "すべての研修の準備タスクです。期限を過ぎたものは赤で表示します。";
    pub use crate::components::words::LOADING;
    pub const STATUS: &str = "状態";
    pub const OPEN: &str = "未完了のみ";
    pub const ALL: &str = "完了も含める";
    pub use crate::components::words::FILTER;
    pub const OVERDUE_COUNT: &str = "期限切れ";
}

#[component]
pub fn TrainingTasksPage() -> impl IntoView {
    let status = use_query_map().with_untracked(|q| q.get("status").filter(|s| !s.is_empty()));
    let set_done = ServerAction::<SetTrainingTaskDone>::new();
    let can_write = use_can(Permission::WriteTrainings).get_untracked();
    let errors = FormErrors::of(set_done);
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <TrainingTabs current="/trainings/tasks" />
        <p class="lead">{t::LEAD}</p>
        <FormMessage errors />
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                match list_training_tasks(status.clone()).await {
                Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                Ok(items) => {
                    let back = url_with("/trainings/tasks", &[("status", status.clone())]);
                    let overdue = items.iter().filter(|x| x.overdue).count();
                    view! {
                        <form method="get" action="/trainings/tasks" class="filters card no-print">
                            <div class="field">
                                <label for="f-status">{t::STATUS}</label>
                                <select id="f-status" name="status">
                                    <option value="open" selected=status.as_deref() != Some("all")>{t::OPEN}</option>
                                    <option value="all" selected=status.as_deref() == Some("all")>{t::ALL}</option>
                                </select>
                            </div>
                            <button type="submit">{t::FILTER}</button>
                        </form>
                        {(overdue > 0).then(|| view! { <p class="warning" role="status">{format!("{}: {overdue}件", t::OVERDUE_COUNT)}</p> })}
                        <TaskTable items can_write set_done back show_training=true />
                    }.into_any()
                }
                }
            })}
        </Suspense>
    }
}
