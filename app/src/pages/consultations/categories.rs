//! `/admin/consultation-categories`: add, rename, retire and restore categories. Renames
//! relabel every year's counts without moving them; a retired category stays in the tables
//! of the years it was used.

use super::DeskTabs;
use crate::api::consultations::{get_categories, RetireCategory, SaveCategory};
use crate::components::form::{FormErrors, FormMessage, TextField};
use crate::components::nav::{use_notice, Notice};
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;

mod t {
    pub const TITLE: &str = "相談の分類";
    pub const INTRO: &str = "分類名を変えると、過去の年度の件数もそのまま新しい名前で表示されます。使わなくなった分類は「廃止」にすると新しい相談では選べなくなりますが、使われた年度の推移表には残ります。";
    pub const COL_NAME: &str = "分類";
    pub const COL_COUNT: &str = "件数";
    pub const COL_STATE: &str = "状態";
    pub const ACTIVE: &str = "使用中";
    pub const RETIRED: &str = "廃止";
    pub const RENAME: &str = "名前を変更";
    pub const RETIRE: &str = "廃止する";
    pub const RESTORE: &str = "使用に戻す";
    pub const NEW: &str = "分類を追加";
    pub const NAME: &str = "分類名";
    pub use crate::components::words::ADD;
    pub const NOTICES: &[(&str, &str)] = &[("saved", "保存しました。"), ("retired", "廃止しました。"), ("restored", "使用に戻しました。")];
}

#[component]
pub fn CategoriesPage() -> impl IntoView {
    let save = ServerAction::<SaveCategory>::new();
    let retire = ServerAction::<RetireCategory>::new();
    let notice = use_notice(t::NOTICES);
    let save_errors = FormErrors::of(save);
    let retire_errors = FormErrors::of(retire);
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <DeskTabs current="/admin/consultation-categories" />
        <Notice notice />
        <p>{t::INTRO}</p>
        <FormMessage errors=save_errors />
        <FormMessage errors=retire_errors />
        {loaded(get_categories(), move |list| view! {
        <div class="table-scroll">
        <table class="data-table categories" data-testid="categories">
            <thead><tr><th scope="col">{t::COL_NAME}</th><th scope="col">{t::COL_COUNT}</th><th scope="col">{t::COL_STATE}</th><th scope="col"></th></tr></thead>
            <tbody>
                {list.into_iter().map(|c| view! {
                    <tr class:inactive=!c.active>
                        <td>
                            <ActionForm action=save attr:class="inline">
                                <input type="hidden" name="id" value=c.id />
                                <input type="hidden" name="version" value=c.version />
                                <input type="text" name="name" value=c.name.clone() maxlength=100 required aria-label=format!("{}: {}", t::NAME, c.name) />
                                <button type="submit" class="secondary small">{t::RENAME}</button>
                            </ActionForm>
                        </td>
                        <td class="num">{c.count}</td>
                        <td>{if c.active { t::ACTIVE } else { t::RETIRED }}</td>
                        <td>
                            <ActionForm action=retire attr:class="inline">
                                <input type="hidden" name="id" value=c.id />
                                <input type="hidden" name="version" value=c.version />
                                <input type="hidden" name="retire" value=c.active.to_string() />
                                <button type="submit" class="secondary small">{if c.active { t::RETIRE } else { t::RESTORE }}</button>
                            </ActionForm>
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }.into_any())}
        <section class="card">
            <h2>{t::NEW}</h2>
            <ActionForm action=save attr:class="stack">
                <TextField label=t::NAME name="name" value=save_errors.value_or("name", "") required=true maxlength=100 errors=save_errors />
                <div class="actions"><button type="submit">{t::ADD}</button></div>
            </ActionForm>
        </section>
    }
}
