//! Professions (職種): the list, with a form to add one and a page to edit one.

use super::common::{use_notice, Notice};
use crate::api::directory::{list_professions, ProfessionView, SaveProfession};
use crate::components::error_view::ErrorMessage;
use crate::components::form::{CheckboxField, FormErrors, FormMessage, TextField};
use crate::components::session::{use_can, IfCan};
use crate::domain::Permission;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::tabs::DirectoryTabs;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_params_map;

mod t {
    pub const TITLE: &str = "職種";
    pub const LEAD: &str = "機関・人・会議・課題を分類する職種の一覧です。並び順の小さい順に表示されます。";
    pub use crate::components::words::LOADING;
    pub const COL_NAME: &str = "職種名";
    pub const COL_SHORT: &str = "略称";
    pub const COL_ORDER: &str = "並び順";
    pub const COL_ORGS: &str = "機関数";
    pub const COL_PEOPLE: &str = "人数";
    pub const COL_STATUS: &str = "状態";
    pub const ACTIVE: &str = "有効";
    pub use crate::components::words::ARCHIVED;
    pub use crate::components::words::EDIT;
    pub const NEW: &str = "職種を追加";
    pub const NAME: &str = "職種名";
    pub const SHORT: &str = "略称";
    pub const SHORT_HINT: &str = "表や一覧で使う短い名前（例: ケアマネ）";
    pub const ORDER: &str = "並び順";
    pub const ORDER_HINT: &str = "小さい数ほど上に表示されます";
    pub use crate::components::words::ADD;
    pub const EDIT_TITLE: &str = "職種の編集";
    pub const ACTIVE_LABEL: &str = "有効（選択肢に表示する）";
    pub use crate::components::words::SAVE;
    pub const BACK: &str = "職種の一覧へ戻る";
    pub const NOT_FOUND: &str = "この職種は見つかりません。";
    pub const EMPTY: &str = "職種はまだ登録されていません。";
    pub const NOTICES: &[(&str, &str)] = &[("saved", "保存しました。")];
}

#[component]
pub fn ProfessionsPage() -> impl IntoView {
    let save = ServerAction::<SaveProfession>::new();
    let errors = FormErrors::of(save);
    let can_write = use_can(Permission::WriteDirectory).get_untracked();
    let notice = use_notice(t::NOTICES);
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <DirectoryTabs current="/directory/professions" />
        <p class="lead">{t::LEAD}</p>
        <Notice notice />
        {loaded(list_professions(), move |items| if items.is_empty() { view! { <p class="empty">{t::EMPTY}</p> }.into_any() } else { view! { <ProfessionTable items can_write /> }.into_any() })}
        <IfCan permission=Permission::WriteDirectory>
            <section class="card no-print">
                <h2>{t::NEW}</h2>
                <ActionForm action=save attr:class="stack">
                    <FormMessage errors />
                    <TextField label=t::NAME name="name" value=errors.value_or("name", "") required=true maxlength=100 errors />
                    <TextField label=t::SHORT name="short_name" value=errors.value_or("short_name", "") hint=t::SHORT_HINT maxlength=30 errors />
                    <TextField label=t::ORDER name="sort_order" value=errors.value_or("sort_order", "") input_type="number" hint=t::ORDER_HINT errors />
                    <button type="submit">{t::ADD}</button>
                </ActionForm>
            </section>
        </IfCan>
    }
}

#[component]
fn ProfessionTable(items: Vec<ProfessionView>, can_write: bool) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="data-table" data-testid="professions-table">
                <thead><tr>
                    <th scope="col">{t::COL_ORDER}</th>
                    <th scope="col">{t::COL_NAME}</th>
                    <th scope="col">{t::COL_SHORT}</th>
                    <th scope="col" class="num">{t::COL_ORGS}</th>
                    <th scope="col" class="num">{t::COL_PEOPLE}</th>
                    <th scope="col">{t::COL_STATUS}</th>
                    {can_write.then(|| view! { <th scope="col"><span class="visually-hidden">{t::EDIT}</span></th> })}
                </tr></thead>
                <tbody>
                    {items.into_iter().map(|p| view! {
                        <tr class:inactive=!p.active>
                            <td class="num">{p.sort_order}</td>
                            <td><a href=format!("/directory/organisations?profession={}", p.id)>{p.name.clone()}</a></td>
                            <td>{p.short_name.clone()}</td>
                            <td class="num">{p.organisations}</td>
                            <td class="num"><a href=format!("/directory/people?profession={}", p.id)>{p.people}</a></td>
                            <td>{if p.active { t::ACTIVE } else { t::ARCHIVED }}</td>
                            {can_write.then(|| view! { <td><a href=format!("/directory/professions/{}", p.id)>{t::EDIT}</a></td> })}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn ProfessionEditPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()));
    let save = ServerAction::<SaveProfession>::new();
    let errors = FormErrors::of(save);
    view! {
        <PageTitle text=t::EDIT_TITLE />
        <p class="no-print"><a href="/directory/professions">{t::BACK}</a></p>
        <h1>{t::EDIT_TITLE}</h1>
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                match list_professions().await.map(|items| items.into_iter().find(|p| Some(p.id) == id)) {
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    Ok(None) => view! { <p class="error-message">{t::NOT_FOUND}</p> }.into_any(),
                    Ok(Some(p)) => view! {
                        <section class="card">
                            <ActionForm action=save attr:class="stack">
                                <FormMessage errors />
                                <input type="hidden" name="id" value=p.id />
                                <input type="hidden" name="version" value=p.version />
                                <TextField label=t::NAME name="name" value=errors.value_or("name", p.name.clone()) required=true maxlength=100 errors />
                                <TextField label=t::SHORT name="short_name" value=errors.value_or("short_name", p.short_name.clone()) hint=t::SHORT_HINT maxlength=30 errors />
                                <TextField label=t::ORDER name="sort_order" value=errors.value_or("sort_order", p.sort_order.to_string()) input_type="number" hint=t::ORDER_HINT errors />
                                <CheckboxField label=t::ACTIVE_LABEL name="active" checked=p.active />
                                <button type="submit">{t::SAVE}</button>
                            </ActionForm>
                        </section>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
