//! `/initiatives?all=1`: the open initiatives with their next steps (the half-year plan),
//! ended ones too with `all`.

use super::StatusBadge;
use crate::api::initiatives::list_initiatives;
use crate::components::loaded::loaded;
use crate::components::page_title::PageTitle;
use crate::components::session::IfCan;
use crate::domain::Permission;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "連携の取組";
    pub const LEAD: &str = "会議・研修・課題をまたいで続く連携の取組です。進行中の取組と次の一歩の一覧が、半期の取組予定になります。";
    pub const NEW: &str = "新しい取組";
    pub const SHOW_ALL: &str = "終了した取組も表示";
    pub const SHOW_OPEN: &str = "進行中の取組だけを表示";
    pub const COL_TITLE: &str = "取組";
    pub const COL_STATUS: &str = "状況";
    pub const COL_SCENES: &str = "4つの場面";
    pub const COL_PARTNERS: &str = "連携先";
    pub const COL_NEXT: &str = "次の一歩";
    pub const COL_NEXT_ON: &str = "予定日";
    pub const COL_LAST: &str = "最新の記録";
    pub const EMPTY: &str = "取組はまだありません。会議のページの「この会議から取組を作る」からも始められます。";
}

#[component]
pub fn InitiativesPage() -> impl IntoView {
    let all = use_query_map().with_untracked(|q| q.get("all").is_some_and(|v| v == "1"));
    view! {
        <PageTitle text=t::TITLE />
        <super::InitiativeTabs current="/initiatives" />
        <h1>{t::TITLE}</h1>
        <p class="lead">{t::LEAD}</p>
        <div class="actions no-print">
            <IfCan permission=Permission::WriteMeetings><a class="button" href="/initiatives/new">{t::NEW}</a></IfCan>
            {if all { view! { <a href="/initiatives">{t::SHOW_OPEN}</a> }.into_any() } else { view! { <a href="/initiatives?all=1">{t::SHOW_ALL}</a> }.into_any() }}
        </div>
        {loaded(list_initiatives(all), move |items| {
            if items.is_empty() {
                return view! { <p class="empty">{t::EMPTY}</p> }.into_any();
            }
            view! {
                <div class="table-scroll">
                    <table class="data-table" data-testid="initiatives">
                        <thead><tr>
                            <th scope="col">{t::COL_TITLE}</th><th scope="col">{t::COL_STATUS}</th><th scope="col">{t::COL_SCENES}</th>
                            <th scope="col">{t::COL_PARTNERS}</th><th scope="col">{t::COL_NEXT}</th><th scope="col">{t::COL_NEXT_ON}</th><th scope="col">{t::COL_LAST}</th>
                        </tr></thead>
                        <tbody>
                            {items.into_iter().map(|i| view! {
                                <tr>
                                    <td><a href=format!("/initiatives/{}", i.id)>{i.title}</a></td>
                                    <td><StatusBadge status=i.status /></td>
                                    <td>{i.scenes.join("、")}</td>
                                    <td class="pre">{i.partners}</td>
                                    <td class="pre">{i.next_step}</td>
                                    <td class="nowrap">{i.next_step_on}</td>
                                    <td class="nowrap">{i.last_on}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        })}
    }
}
