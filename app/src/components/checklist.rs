//! A checklist table: a meeting's follow-ups, a training's tasks, and the lists of them
//! across meetings or trainings. Overdue rows are marked; writers get a done/reopen control.

use crate::error::AppError;
use crate::components::form::{FormErrors, FormMessage, SelectField, TextField};
use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::{client::Client, codec::PostUrl, request::ClientReq, Http, ServerFn};
use serde::de::DeserializeOwned;
use leptos::web_sys::FormData;

mod t {
    pub const OWNER: &str = "担当";
    pub const DUE: &str = "期限";
    pub const DONE_LABEL: &str = "完了";
    pub const OVERDUE: &str = "期限切れ";
    pub const NO_OWNER: &str = "（未定）";
    pub const STATUS: &str = "状態";
    pub const OPEN: &str = "未完了のみ";
    pub const ALL_STATUS: &str = "完了も含める";
    pub const EDIT: &str = "編集";
    pub const PICK: &str = "選択";
    pub const BULK: &str = "チェックした項目を";
    pub const BULK_DONE: &str = "完了にする";
    pub const BULK_OWNER: &str = "担当を変える";
    pub const NEW_OWNER: &str = "新しい担当";
    pub const APPLY: &str = "まとめて変更";
    pub const DONE_HINT: &str = "完了・未完了は一覧のボタンで切り替えます。";
    pub const DELETE: &str = "削除…";
    pub use crate::components::words::{CANCEL, SAVE};
    pub use crate::components::words::{ALL, FILTER};
}

pub use crate::dto::checklist::{ChecklistEdit, ChecklistItem, ChecklistList};

/// The choices of an owner select: coordinators ("u:3") then organisations ("o:5").
pub fn owner_options(coordinators: &[crate::api::directory::Ref], organisations: &[crate::api::directory::Ref]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = coordinators.iter().map(|u| (format!("u:{}", u.id), u.name.clone())).collect();
    out.extend(organisations.iter().map(|o| (format!("o:{}", o.id), o.name.clone())));
    out
}

/// The owner a new item starts with: the user logging it, if they can own items.
pub fn default_owner(owners: &[(String, String)], me: Option<i32>) -> String {
    me.map(|id| format!("u:{id}")).filter(|code| owners.iter().any(|(c, _)| c == code)).unwrap_or_default()
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
    /// Where an item's edit page lives ("/meetings/follow-ups", then "/<id>").
    pub edit_path: &'static str,
    /// The id of the bulk-change form the rows' checkboxes belong to.
    pub bulk_form: &'static str,
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
                    {can_write.then(|| view! { <th scope="col" class="no-print">{t::PICK}</th> })}
                    <th scope="col">{labels.title}</th>
                    <th scope="col">{t::OWNER}</th>
                    <th scope="col">{t::DUE}</th>
                    {with_context.then(|| view! { <th scope="col">{labels.context}</th> })}
                    <th scope="col">{t::DONE_LABEL}</th>
                    {can_write.then(|| view! { <th scope="col" class="no-print"><span class="visually-hidden">{t::EDIT}</span></th> })}
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|x| view! {
                        <tr class:overdue=x.overdue class:done=x.done>
                            {can_write.then(|| view! {
                                <td class="no-print">
                                    <input type="checkbox" name="pick[]" value=format!("{}:{}", x.id, x.version) form=labels.bulk_form aria-label=format!("{}: {}", t::PICK, x.text) />
                                </td>
                            })}
                            <td>{x.text.clone()}</td>
                            <td>{x.owner.clone().unwrap_or_else(|| t::NO_OWNER.to_string())}</td>
                            <td class="nowrap">
                                {x.due_on.as_deref().map(crate::domain::dates::day_of_iso).unwrap_or_default()}
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
                            {can_write.then(|| view! {
                                <td class="no-print">
                                    <a href=format!("{}/{}", labels.edit_path, x.id) aria-label=format!("{}: {}", t::EDIT, x.text)>{t::EDIT}</a>
                                </td>
                            })}
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

/// The bulk change under a checklist: complete the ticked rows, or give them to one owner.
/// The rows' checkboxes belong to this form through their `form` attribute, so it works
/// without JavaScript although each row has its own done/reopen form.
#[component]
pub fn ChecklistBulk<S, P>(action: ServerAction<S>, form_id: &'static str, owners: Vec<(String, String)>, back: String) -> impl IntoView
where
    S: DeserializeOwned + ServerFn<Protocol = Http<PostUrl, P>, Error = AppError> + Clone + Send + Sync + 'static,
    <<S::Client as Client<AppError>>::Request as ClientReq<AppError>>::FormData: From<FormData>,
    S::Output: Clone + Send + Sync + 'static,
    S::Client: Client<AppError>,
{
    let errors = FormErrors::of(action);
    let op_id = format!("{form_id}-op");
    let owner_id = format!("{form_id}-owner");
    view! {
        <ActionForm action attr:id=form_id attr:class="bulk-bar no-print" attr:data-testid=form_id>
            <FormMessage errors />
            <input type="hidden" name="back" value=back />
            <label for=op_id.clone()>{t::BULK}</label>
            <select id=op_id name="op">
                <option value="done">{t::BULK_DONE}</option>
                <option value="owner">{t::BULK_OWNER}</option>
            </select>
            <label for=owner_id.clone()>{t::NEW_OWNER}</label>
            <select id=owner_id name="owner">
                <option value="">{t::NO_OWNER}</option>
                {owners.into_iter().map(|(c, n)| view! { <option value=c>{n}</option> }).collect_view()}
            </select>
            <button type="submit" class="secondary">{t::APPLY}</button>
        </ActionForm>
    }
}

/// The words of an item's edit page that differ between checklists.
#[derive(Clone, Copy)]
pub struct EditLabels {
    /// The text field's name ("action", "title") and label (対応内容, タスク).
    pub field: &'static str,
    pub noun: &'static str,
    /// Where the item's record lives ("/meetings") and its anchor there ("follow-ups").
    pub parent_path: &'static str,
    pub anchor: &'static str,
    /// The delete page ("/meetings/follow-ups/3/delete" is `{delete_path}/3/delete`).
    pub delete_path: &'static str,
}

/// An item's edit form: text, owner, due date, and the way to delete it. The version sent
/// back refuses a save over someone else's change.
#[component]
pub fn ChecklistEditForm<S, P>(action: ServerAction<S>, edit: ChecklistEdit, labels: EditLabels) -> impl IntoView
where
    S: DeserializeOwned + ServerFn<Protocol = Http<PostUrl, P>, Error = AppError> + Clone + Send + Sync + 'static,
    <<S::Client as Client<AppError>>::Request as ClientReq<AppError>>::FormData: From<FormData>,
    S::Output: Clone + Send + Sync + 'static,
    S::Client: Client<AppError>,
{
    let errors = FormErrors::of(action);
    let x = edit.item;
    let back = format!("{}/{}#{}", labels.parent_path, x.parent_id, labels.anchor);
    view! {
        <p class="lead"><a href=back.clone()>{format!("{} {}", x.parent_date, x.parent_title)}</a></p>
        <ActionForm action attr:class="stack card" attr:data-testid="checklist-edit">
            <FormMessage errors />
            <input type="hidden" name="id" value=x.id />
            <input type="hidden" name="version" value=x.version />
            <TextField label=labels.noun name=labels.field value=errors.value_or(labels.field, x.text.clone()) required=true maxlength=500 errors />
            <div class="row">
                <SelectField label=t::OWNER name="owner" options=edit.owners selected=errors.value_or("owner", edit.owner) empty_label=t::NO_OWNER errors />
                <TextField label=t::DUE name="due_on" input_type="date" value=errors.value_or("due_on", x.due_on.clone().unwrap_or_default()) errors />
            </div>
            <p class="muted">{t::DONE_HINT}</p>
            <div class="actions">
                <button type="submit">{t::SAVE}</button>
                <a class="button secondary" href=back>{t::CANCEL}</a>
                <a class="button secondary" href=format!("{}/{}/delete", labels.delete_path, x.id)>{t::DELETE}</a>
            </div>
        </ActionForm>
    }
}
