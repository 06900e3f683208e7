//! `/admin/resource-lists`: administrators add, rename, retire, restore and reorder the
//! resource list's categories (two levels) and districts.

use super::ResourceTabs;
use crate::api::resource_lists::{
    get_resource_lists, AddResourceCategory, AddResourceDistrict, ListEntryView, MoveResourceListEntry, RenameResourceListEntry, RetireResourceListEntry,
};
use crate::components::form::{FormErrors, FormMessage, SelectField, TextField};
use crate::components::loaded::loaded;
use crate::components::nav::{use_notice, Notice};
use crate::components::page_title::PageTitle;
use leptos::prelude::*;

mod t {
    pub const TITLE: &str = "資源リストの分類と地区";
    pub const INTRO: &str = "名前を変えると、その分類・地区の資源すべての表示が変わります。使わなくなったものは「廃止」にすると新しい登録や絞り込みでは選べなくなりますが、すでに登録された資源はそのまま残ります。大分類を廃止すると、その小分類も選べなくなります。";
    pub const CATEGORIES: &str = "分類";
    pub const DISTRICTS: &str = "地区";
    pub const COL_NAME: &str = "名前";
    pub const COL_COUNT: &str = "資源数";
    pub const COL_STATE: &str = "状態";
    pub const COL_ORDER: &str = "並び順";
    pub const ACTIVE: &str = "使用中";
    pub const RETIRED: &str = "廃止";
    pub const PARENT_RETIRED: &str = "大分類が廃止のため選べません";
    pub const RENAME: &str = "名前を変更";
    pub const RETIRE: &str = "廃止する";
    pub const RESTORE: &str = "使用に戻す";
    pub const UP: &str = "上へ";
    pub const DOWN: &str = "下へ";
    pub const SUB_MARK: &str = "└";
    pub const ADD_CATEGORY: &str = "分類を追加";
    pub const PARENT: &str = "大分類";
    pub const AS_TOP: &str = "（大分類として追加）";
    pub const CATEGORY_NAME: &str = "分類名";
    pub const ADD_DISTRICT: &str = "地区を追加";
    pub const DISTRICT_NAME: &str = "地区名";
    pub const EMPTY: &str = "まだありません。";
    pub use crate::components::words::ADD;
    pub const NOTICES: &[(&str, &str)] = &[("saved", "保存しました。"), ("retired", "廃止しました。"), ("restored", "使用に戻しました。")];
}

/// The actions of the rows, shared by the tables of every list.
#[derive(Clone, Copy)]
pub struct RowActions {
    rename: ServerAction<RenameResourceListEntry>,
    retire: ServerAction<RetireResourceListEntry>,
    reorder: ServerAction<MoveResourceListEntry>,
}

#[component]
pub fn ResourceListsPage() -> impl IntoView {
    let actions = RowActions::new();
    let add_category = ServerAction::<AddResourceCategory>::new();
    let add_district = ServerAction::<AddResourceDistrict>::new();
    let category_errors = FormErrors::of(add_category);
    let district_errors = FormErrors::of(add_district);
    let notice = use_notice(t::NOTICES);
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <ResourceTabs current="/admin/resource-lists" />
        <Notice notice />
        <p>{t::INTRO}</p>
        {actions.messages()}
        {loaded(get_resource_lists(), move |lists| {
            let parents: Vec<(String, String)> = lists.categories.iter().filter(|c| c.parent_id.is_none() && c.active).map(|c| (c.id.to_string(), c.name.clone())).collect();
            view! {
                <section id="categories">
                    <h2>{t::CATEGORIES}</h2>
                    <EntryTable kind="category" entries=lists.categories actions count_label=t::COL_COUNT />
                    <div class="card no-print">
                        <h3>{t::ADD_CATEGORY}</h3>
                        <ActionForm action=add_category attr:class="stack">
                            <FormMessage errors=category_errors />
                            <SelectField label=t::PARENT name="parent_id" options=parents selected=category_errors.value_or("parent_id", "") empty_label=t::AS_TOP errors=category_errors />
                            <TextField label=t::CATEGORY_NAME name="category_name" value=category_errors.value_or("category_name", "") required=true maxlength=100 errors=category_errors />
                            <div class="actions"><button type="submit">{t::ADD}</button></div>
                        </ActionForm>
                    </div>
                </section>
                <section id="districts">
                    <h2>{t::DISTRICTS}</h2>
                    <EntryTable kind="district" entries=lists.districts actions count_label=t::COL_COUNT />
                    <div class="card no-print">
                        <h3>{t::ADD_DISTRICT}</h3>
                        <ActionForm action=add_district attr:class="stack">
                            <FormMessage errors=district_errors />
                            <TextField label=t::DISTRICT_NAME name="district_name" value=district_errors.value_or("district_name", "") required=true maxlength=100 errors=district_errors />
                            <div class="actions"><button type="submit">{t::ADD}</button></div>
                        </ActionForm>
                    </div>
                </section>
            }
            .into_any()
        })}
    }
}

impl RowActions {
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        RowActions { rename: ServerAction::new(), retire: ServerAction::new(), reorder: ServerAction::new() }
    }

    /// The refusals of the rows' forms, shown above the tables.
    pub fn messages(self) -> impl IntoView {
        view! {
            <FormMessage errors=FormErrors::of(self.rename) />
            <FormMessage errors=FormErrors::of(self.retire) />
            <FormMessage errors=FormErrors::of(self.reorder) />
        }
    }
}

/// One list's entries (`kind`: "category", "district" or "pathway") with their forms;
/// `count_label` heads the column of how many records each holds.
#[component]
pub fn EntryTable(kind: &'static str, entries: Vec<ListEntryView>, actions: RowActions, count_label: &'static str) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="empty">{t::EMPTY}</p> }.into_any();
    }
    let anchor = match kind {
        "category" => "categories",
        "district" => "districts",
        _ => "pathways",
    };
    view! {
        <div class="table-scroll">
            <table class="data-table list-entries" data-testid=format!("{kind}-list")>
                <thead><tr><th scope="col">{t::COL_NAME}</th><th scope="col">{count_label}</th><th scope="col">{t::COL_STATE}</th><th scope="col">{t::COL_ORDER}</th><th scope="col"></th></tr></thead>
                <tbody>
                    {entries.into_iter().map(|e| {
                        let (id, version) = (e.id, e.version);
                        let hidden = move || view! {
                            <input type="hidden" name="kind" value=kind />
                            <input type="hidden" name="id" value=id />
                            <input type="hidden" name="version" value=version />
                        };
                        let up_label = format!("「{}」を{}", e.name, t::UP);
                        let down_label = format!("「{}」を{}", e.name, t::DOWN);
                        view! {
                            <tr id=format!("{anchor}-{}", e.id) class:inactive=!e.active class:sub=e.parent_id.is_some()>
                                <td>
                                    <ActionForm action=actions.rename attr:class="inline rename">
                                        {hidden()}
                                        {e.parent_id.is_some().then_some(view! { <span aria-hidden="true">{t::SUB_MARK}</span> })}
                                        <input type="text" name="name" value=e.name.clone() maxlength=100 required aria-label=format!("{}: {}", t::COL_NAME, e.name) />
                                        <button type="submit" class="secondary small">{t::RENAME}</button>
                                    </ActionForm>
                                </td>
                                <td class="num">{e.count}</td>
                                <td>{match (e.active, e.offered) { (false, _) => t::RETIRED, (true, false) => t::PARENT_RETIRED, (true, true) => t::ACTIVE }}</td>
                                <td class="nowrap">
                                    <ActionForm action=actions.reorder attr:class="inline">
                                        {hidden()}
                                        <input type="hidden" name="up" value="true" />
                                        <button type="submit" class="secondary small" disabled=!e.can_up aria-label=up_label>{t::UP}</button>
                                    </ActionForm>
                                    " "
                                    <ActionForm action=actions.reorder attr:class="inline">
                                        {hidden()}
                                        <input type="hidden" name="up" value="false" />
                                        <button type="submit" class="secondary small" disabled=!e.can_down aria-label=down_label>{t::DOWN}</button>
                                    </ActionForm>
                                </td>
                                <td>
                                    <ActionForm action=actions.retire attr:class="inline">
                                        {hidden()}
                                        <input type="hidden" name="retire" value=e.active.to_string() />
                                        <button type="submit" class="secondary small">{if e.active { t::RETIRE } else { t::RESTORE }}</button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
