//! `/issues/routing`: where open issues should be taken next, across the registers the user
//! may read: 職種内 not yet fed back, 職種間 without a 二次連携 (◆), 地域全体 not yet at a 三次連携.

use super::{ConfidentialNote, StatusBadge};
use crate::api::issues::{get_routing_board, RoutingItem};
use crate::components::session::use_can;
use crate::domain::Permission;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;

mod t {
    pub const TITLE: &str = "つなぎ先の検討（ルーティング）";
    pub const BACK: &str = "連携の課題へ戻る";
    pub const SECOND: &str = "二次連携の候補（職種間の課題で、◆の取組がまだないもの）";
    pub const THIRD: &str = "次の三次連携（協議会など）の議題候補（地域全体の課題で、三次連携の会議で扱っていないもの）";
    pub const FEED_BACK: &str = "職種へのフィードバック待ち（職種内の課題で、まだ共有していないもの）";
    pub const NONE: &str = "該当する課題はありません。";
    pub const COL_PROFESSION: &str = "職種";
    pub const COL_CODE: &str = "記号";
    pub const COL_TITLE: &str = "課題";
    pub const COL_STATUS: &str = "状況";
    pub const COL_FIRST: &str = "抽出年度";
    pub const PLAN_SECOND: &str = "二次連携の会議を記録";
    pub const PLAN_THIRD: &str = "三次連携の会議を記録";
}

#[component]
pub fn RoutingPage() -> impl IntoView {
    let w = use_can(Permission::WriteMeetings).get_untracked();
    view! {
        <PageTitle text=t::TITLE />
        <p class="no-print"><a href="/issues">{t::BACK}</a></p>
        <h1>{t::TITLE}</h1>
        <ConfidentialNote />
        {loaded(get_routing_board(), move |b| view! {
            <RoutingSection heading=t::SECOND items=b.second_level plan=w.then_some((2, t::PLAN_SECOND)) test_id="routing-second" />
            <RoutingSection heading=t::THIRD items=b.third_level plan=w.then_some((3, t::PLAN_THIRD)) test_id="routing-third" />
            <RoutingSection heading=t::FEED_BACK items=b.feed_back plan=None test_id="routing-feedback" />
        }.into_any())}
    }
}

#[component]
fn RoutingSection(heading: &'static str, items: Vec<RoutingItem>, plan: Option<(i16, &'static str)>, test_id: &'static str) -> impl IntoView {
    view! {
        <section class="card" data-testid=test_id>
            <h2>{heading}</h2>
            {if items.is_empty() {
                view! { <p class="empty">{t::NONE}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table">
                            <thead><tr>
                                <th scope="col">{t::COL_PROFESSION}</th>
                                <th scope="col">{t::COL_CODE}</th>
                                <th scope="col">{t::COL_TITLE}</th>
                                <th scope="col">{t::COL_STATUS}</th>
                                <th scope="col">{t::COL_FIRST}</th>
                                {plan.map(|(_, l)| view! { <th scope="col" class="no-print"><span class="visually-hidden">{l}</span></th> })}
                            </tr></thead>
                            <tbody>
                                {items.into_iter().map(|i| view! {
                                    <tr>
                                        <td><a href=format!("/issues/register/{}", i.profession.id)>{i.profession.name.clone()}</a></td>
                                        <td class="code">{i.code.clone()}</td>
                                        <td><a href=format!("/issues/{}", i.issue_id)>{i.title.clone()}</a></td>
                                        <td><StatusBadge status=i.status /></td>
                                        <td>{i.first_year.clone()}</td>
                                        {plan.map(|(level, l)| view! {
                                            <td class="no-print"><a href=format!("/meetings/new?level={level}&profession={}", i.profession.id)>{l}</a></td>
                                        })}
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
