//! A checklist table: a meeting's follow-ups, a training's tasks, and the lists of them
//! across meetings or trainings. Overdue rows are marked; writers get a done/reopen control.

use leptos::either::Either;
use leptos::prelude::*;

mod t {
    pub const OWNER: &str = "担当";
    pub const DUE: &str = "期限";
    pub const DONE_LABEL: &str = "完了";
    pub const OVERDUE: &str = "期限切れ";
    pub const NO_OWNER: &str = "（未定）";
    pub const DONE: &str = "完了にする";
    pub const REOPEN: &str = "未完了に戻す";
}

/// One row, whatever it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckRow {
    pub id: i32,
    pub version: i32,
    pub title: String,
    pub owner: Option<String>,
    pub due_on: Option<String>,
    pub overdue: bool,
    pub done: bool,
    /// The record it belongs to (href, label), in lists across records.
    pub context: Option<(String, String)>,
}

impl CheckRow {
    /// The button's text, and its accessible name (which says which row it is for).
    pub fn toggle_text(&self) -> (&'static str, String) {
        let text = if self.done { t::REOPEN } else { t::DONE };
        (text, format!("{}: {text}", self.title))
    }
}

/// The choices of an owner select: coordinators ("u:3") then organisations ("o:5").
pub fn owner_options(coordinators: &[crate::api::directory::Ref], organisations: &[crate::api::directory::Ref]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = coordinators.iter().map(|u| (format!("u:{}", u.id), u.name.clone())).collect();
    out.extend(organisations.iter().map(|o| (format!("o:{}", o.id), o.name.clone())));
    out
}

/// The words that differ between checklists.
#[derive(Clone, Copy)]
pub struct ChecklistLabels {
    /// The first column ("対応内容", "タスク").
    pub title: &'static str,
    /// The context column ("会議", "研修"), shown when rows carry a context.
    pub context: &'static str,
    pub empty: &'static str,
    pub testid: &'static str,
}

#[component]
pub fn Checklist<F, V>(rows: Vec<CheckRow>, labels: ChecklistLabels, can_write: bool, toggle: F) -> impl IntoView
where
    F: Fn(CheckRow) -> V + 'static,
    V: IntoView + 'static,
{
    if rows.is_empty() {
        return Either::Left(view! { <p class="empty">{labels.empty}</p> });
    }
    let with_context = rows.iter().any(|r| r.context.is_some());
    Either::Right(view! {
        <div class="table-scroll">
            <table class="data-table" data-testid=labels.testid>
                <thead><tr>
                    <th scope="col">{labels.title}</th>
                    <th scope="col">{t::OWNER}</th>
                    <th scope="col">{t::DUE}</th>
                    {with_context.then(|| view! { <th scope="col">{labels.context}</th> })}
                    <th scope="col">{t::DONE_LABEL}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|x| view! {
                        <tr class:overdue=x.overdue class:done=x.done>
                            <td>{x.title.clone()}</td>
                            <td>{x.owner.clone().unwrap_or_else(|| t::NO_OWNER.to_string())}</td>
                            <td class="nowrap">
                                {x.due_on.clone().unwrap_or_default()}
                                {x.overdue.then(|| view! { <span class="badge overdue">{t::OVERDUE}</span> })}
                            </td>
                            {with_context.then(|| {
                                let (href, label) = x.context.clone().unwrap_or_default();
                                view! { <td><a href=href>{label}</a></td> }
                            })}
                            <td>
                                {if can_write {
                                    Either::Left(toggle(x.clone()))
                                } else {
                                    Either::Right(view! { <span>{if x.done { "✓" } else { "" }}</span> })
                                }}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    })
}
