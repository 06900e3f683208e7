//! Trainings (研修): list, record, form, outcome, and the tasks across trainings.

pub mod detail;
pub mod form;
pub mod list;
pub mod outcome;
pub mod support;
pub mod task_edit;
pub mod tasks;

use crate::api::trainings::{SetTrainingTaskDone, SupportGiven};
use crate::api::checklists::BulkTrainingTasks;
use crate::components::checklist::{Checklist, ChecklistBulk, ChecklistItem, ChecklistLabels};
use crate::components::record_actions::DoneToggle;
use leptos::prelude::*;

mod t {
    pub const TASK: &str = "タスク";
    pub const TRAINING: &str = "研修";
    pub const NO_TASKS: &str = "タスクはありません。";
    pub const SUPPORT_GIVEN: &str = "研修の開催支援";
    pub const NO_SUPPORT: &str = "この機関・団体が主催・共催した研修の記録はありません。";
    pub const COL_FY: &str = "年度";
    pub const COL_DATE: &str = "開催日";
    pub const COL_HOSTING: &str = "開催形態";
    pub const COL_TEAM: &str = "チームが担った支援";
    pub const TABS: &[(&str, &str)] = &[
        ("/trainings", "今後の研修"),
        ("/trainings?fy=current", "年度別"),
        ("/trainings/tasks", "タスク一覧"),
        ("/meetings/calendar", "カレンダー"),
    ];
}

/// Links between the trainings pages.
#[component]
pub fn TrainingTabs(current: &'static str) -> impl IntoView {
    view! {
        <nav class="tabs no-print" aria-label="研修">
            {t::TABS.iter().map(|(href, label)| view! { <a href=*href aria-current=(*href == current).then_some("page")>{*label}</a> }).collect_view()}
        </nav>
    }
}

/// Tasks as a table with done/reopen buttons, edit links and the bulk change (given
/// `owners`, those they can be given to); on a training's page and the tasks page.
#[component]
pub fn TaskTable(
    items: Vec<ChecklistItem>,
    can_write: bool,
    set_done: ServerAction<SetTrainingTaskDone>,
    back: String,
    show_training: bool,
    owners: Vec<(String, String)>,
) -> impl IntoView {
    let labels = ChecklistLabels {
        title: t::TASK,
        context: t::TRAINING,
        parent_path: "/trainings",
        empty: t::NO_TASKS,
        testid: "tasks-table",
        edit_path: "/trainings/tasks",
        bulk_form: "tasks-bulk",
    };
    let bulk = ServerAction::<BulkTrainingTasks>::new();
    let with_bulk = can_write && !items.is_empty();
    let bulk_back = back.clone();
    view! {
        <Checklist rows=items labels can_write with_context=show_training toggle=move |item: ChecklistItem| view! { <DoneToggle action=set_done item back=back.clone() /> } />
        {with_bulk.then(|| view! { <ChecklistBulk action=bulk form_id="tasks-bulk" owners back=bulk_back /> })}
    }
}

/// On an organisation's page: the trainings it organised and the support the team gave
/// (the rows loaded by the page, with `crate::api::trainings::get_support_given`).
#[component]
pub fn SupportGivenSection(rows: Vec<SupportGiven>) -> impl IntoView {
    view! {
        <section class="card" data-testid="support-given">
            <h2>{t::SUPPORT_GIVEN}</h2>
            {if rows.is_empty() {
                view! { <p class="empty">{t::NO_SUPPORT}</p> }.into_any()
            } else {
                view! {
                    // The dates carry their weekday: a narrow screen scrolls the table, not the page.
                    <div class="table-scroll">
                        <table class="data-table compact">
                            <thead><tr>
                                <th scope="col">{t::COL_FY}</th><th scope="col">{t::COL_DATE}</th><th scope="col">{t::TRAINING}</th>
                                <th scope="col">{t::COL_HOSTING}</th><th scope="col">{t::COL_TEAM}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! {
                                    <tr>
                                        <td class="nowrap">{r.fiscal_year}</td>
                                        <td class="nowrap">{r.date}</td>
                                        <td><a href=format!("/trainings/{}", r.id)>{r.title}</a> " " <span class="muted">{r.status}</span></td>
                                        <td class="nowrap">{r.hosting}</td>
                                        <td>{r.team_support.join("、")}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
