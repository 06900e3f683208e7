//! `/meetings/kinds`: administrators add, rename, retire and restore the meeting kinds
//! (会議の種類). A rename relabels every meeting of the kind; a retired kind is no longer
//! offered for new meetings but stays on the meetings that have it.

use crate::api::meetings::{get_meeting_kinds, RetireMeetingKind, SaveMeetingKind};
use crate::components::form::{FormErrors, FormMessage, TextField};
use crate::components::loaded::loaded;
use crate::components::nav::{use_notice, Notice};
use crate::components::page_title::PageTitle;
use leptos::prelude::*;
use crate::components::tabs::MeetingTabs;

mod t {
    pub const TITLE: &str = "会議の種類";
    pub const BACK: &str = "会議の記録へ戻る";
    pub const INTRO: &str = "種類の名前を変えると、これまでの会議の表示もすべて新しい名前になります。使わなくなった種類は「廃止」にすると新しい会議では選べなくなりますが、その種類で記録した会議にはそのまま残ります。「取材」で記録した会議は、地域連携だよりの「取材で出会った人」の記事になります。";
    pub const COL_NAME: &str = "種類";
    pub const COL_COUNT: &str = "会議数";
    pub const COL_STATE: &str = "状態";
    pub const ACTIVE: &str = "使用中";
    pub const RETIRED: &str = "廃止";
    pub const RENAME: &str = "名前を変更";
    pub const RETIRE: &str = "廃止する";
    pub const RESTORE: &str = "使用に戻す";
    pub const NEW: &str = "種類を追加";
    pub const NAME: &str = "種類の名前";
    pub use crate::components::words::ADD;
    pub const NOTICES: &[(&str, &str)] = &[("saved", "保存しました。"), ("retired", "廃止しました。"), ("restored", "使用に戻しました。")];
}

#[component]
pub fn MeetingKindsPage() -> impl IntoView {
    let save = ServerAction::<SaveMeetingKind>::new();
    let retire = ServerAction::<RetireMeetingKind>::new();
    let notice = use_notice(t::NOTICES);
    let save_errors = FormErrors::of(save);
    // A refused rename is said at the top; only a refused new kind refills the add form.
    let renaming = !save_errors.value_or("id", "").is_empty();
    let add_errors = if renaming { FormErrors::none() } else { save_errors };
    let retire_errors = FormErrors::of(retire);
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <MeetingTabs current="/meetings/kinds" />
        <p class="no-print"><a href="/meetings">{t::BACK}</a></p>
        <Notice notice />
        <p>{t::INTRO}</p>
        {renaming.then(|| view! { <FormMessage errors=save_errors /> })}
        <FormMessage errors=retire_errors />
        {loaded(get_meeting_kinds(), move |list| view! {
        <div class="table-scroll">
        <table class="data-table categories" data-testid="meeting-kinds">
            <thead><tr><th scope="col">{t::COL_NAME}</th><th scope="col">{t::COL_COUNT}</th><th scope="col">{t::COL_STATE}</th><th scope="col"></th></tr></thead>
            <tbody>
                {list.into_iter().map(|k| view! {
                    <tr class:inactive=!k.active>
                        <td>
                            <ActionForm action=save attr:class="inline">
                                <input type="hidden" name="id" value=k.id />
                                <input type="hidden" name="version" value=k.version />
                                <input type="text" name="name" value=k.name.clone() maxlength=100 required aria-label=format!("{}: {}", t::NAME, k.name) />
                                <button type="submit" class="secondary small">{t::RENAME}</button>
                            </ActionForm>
                        </td>
                        <td class="num">{k.count}</td>
                        <td>{if k.active { t::ACTIVE } else { t::RETIRED }}</td>
                        <td>
                            <ActionForm action=retire attr:class="inline">
                                <input type="hidden" name="id" value=k.id />
                                <input type="hidden" name="version" value=k.version />
                                <input type="hidden" name="retire" value=k.active.to_string() />
                                <button type="submit" class="secondary small">{if k.active { t::RETIRE } else { t::RESTORE }}</button>
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
                <FormMessage errors=add_errors />
                <TextField label=t::NAME name="name" value=add_errors.value_or("name", "") required=true maxlength=100 errors=add_errors />
                <div class="actions"><button type="submit">{t::ADD}</button></div>
            </ActionForm>
        </section>
    }
}
