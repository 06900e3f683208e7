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
    pub const STATUS: &str = "状態";
    pub const OPEN: &str = "未完了のみ";
    pub const ALL_STATUS: &str = "完了も含める";
    pub use crate::components::words::{ALL, FILTER};
}

pub use crate::dto::checklist::{ChecklistItem, ChecklistList};

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
    /// The context column ("会議", "研修"), in lists across records.
    pub context: &'static str,
    /// Where the records live ("/meetings"), for the context column's links.
    pub parent_path: &'static str,
    pub empty: &'static str,
    pub testid: &'static str,
}

#[component]
pub fn Checklist<F, V>(rows: Vec<ChecklistItem>, labels: ChecklistLabels, can_write: bool, with_context: bool, toggle: F) -> impl IntoView
where
    F: Fn(ChecklistItem) -> V + 'static,
    V: IntoView + 'static,
{
    if rows.is_empty() {
        return Either::Left(view! { <p class="empty">{labels.empty}</p> });
    }
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
                            <td>{x.text.clone()}</td>
                            <td>{x.owner.clone().unwrap_or_else(|| t::NO_OWNER.to_string())}</td>
                            <td class="nowrap">
                                {x.due_on.clone().unwrap_or_default()}
                                {x.overdue.then(|| view! { <span class="badge overdue">{t::OVERDUE}</span> })}
                            </td>
                            {with_context.then(|| view! {
                                <td><a href=format!("{}/{}", labels.parent_path, x.parent_id)>{format!("{} {}", x.parent_date, x.parent_title)}</a></td>
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

/// The filters of a list across records (owner, open only or all) and the count of overdue
/// items. A plain GET form: it works without JavaScript.
#[component]
pub fn ChecklistFilters(action: &'static str, list: ChecklistList, owner: Option<String>, status: Option<String>) -> impl IntoView {
    let overdue = list.items.iter().filter(|x| x.overdue).count();
    view! {
        <form method="get" action=action class="filters card no-print">
            <div class="field">
                <label for="f-owner">{t::OWNER}</label>
                <select id="f-owner" name="owner">
                    <option value="">{t::ALL}</option>
                    {list.owners.into_iter().map(|(c, n)| {
                        let selected = owner.as_deref() == Some(c.as_str());
                        view! { <option value=c selected=selected>{n}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-status">{t::STATUS}</label>
                <select id="f-status" name="status">
                    <option value="open" selected=status.as_deref() != Some("all")>{t::OPEN}</option>
                    <option value="all" selected=status.as_deref() == Some("all")>{t::ALL_STATUS}</option>
                </select>
            </div>
            <button type="submit">{t::FILTER}</button>
        </form>
        {(overdue > 0).then(|| view! { <p class="warning" role="status">{format!("{}: {overdue}件", t::OVERDUE)}</p> })}
    }
}
