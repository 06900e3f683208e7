//! `/referrals?state=open&overdue=1`: the slips the caller may see (the team's all, a
//! partner's those of their organisation), newest first. Nothing here names the person.

use super::{ReferralTabs, StateBadge};
use crate::api::referrals::{list_referrals, ReferralQuery};
use crate::components::loaded::loaded;
use crate::components::page_title::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "つながるパス（連絡票）";
    pub const LEAD_TEAM: &str = "医療機関・薬局から地域（地域包括支援センター・生活応援センター）への連絡票と、その返信です。";
    pub const LEAD_PARTNER: &str = "所属機関が送った連絡票と、所属機関あての連絡票です。";
    pub const OVERDUE: &str = "件の連絡票が返信期限を過ぎています。";
    pub const SHOW_OVERDUE: &str = "期限切れだけを表示";
    pub const COL_NO: &str = "No.";
    pub const COL_SENT: &str = "送付日";
    pub const COL_PATHWAY: &str = "経路";
    pub const COL_FROM_TO: &str = "送付元 → 送付先";
    pub const COL_TOPICS: &str = "相談の内容（◎が先頭）";
    pub const COL_STATE: &str = "状況";
    pub const COL_DUE: &str = "返信期限";
    pub const ANONYMOUS: &str = "匿名";
    pub const EMPTY: &str = "該当する連絡票はありません。";
}

#[component]
pub fn ReferralsPage() -> impl IntoView {
    let query = use_query_map().with_untracked(|q| ReferralQuery { state: q.get("state").filter(|s| !s.is_empty()), overdue: q.get("overdue").map(|v| v == "1") });
    let current = if query.state.as_deref() == Some("open") { "/referrals?state=open" } else { "/referrals" };
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <ReferralTabs current />
        {loaded(list_referrals(query), move |list| view! {
            <p class="lead">{if list.team { t::LEAD_TEAM } else { t::LEAD_PARTNER }}</p>
            {(list.overdue > 0).then(|| view! {
                <p class="warning" data-testid="overdue-count">{list.overdue} {t::OVERDUE} " " <a href="/referrals?overdue=1">{t::SHOW_OVERDUE}</a></p>
            })}
            {if list.items.is_empty() {
                view! { <p class="empty">{t::EMPTY}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table" data-testid="referrals">
                            <thead><tr>
                                <th scope="col">{t::COL_NO}</th><th scope="col">{t::COL_SENT}</th><th scope="col">{t::COL_PATHWAY}</th>
                                <th scope="col">{t::COL_FROM_TO}</th><th scope="col">{t::COL_TOPICS}</th><th scope="col">{t::COL_STATE}</th><th scope="col">{t::COL_DUE}</th>
                            </tr></thead>
                            <tbody>
                                {list.items.into_iter().map(|r| view! {
                                    <tr>
                                        <td><a href=format!("/referrals/{}", r.id)>{format!("No.{}", r.id)}</a>{r.anonymous.then_some(view! { <span class="badge">{t::ANONYMOUS}</span> })}</td>
                                        <td class="nowrap">{r.sent_on}</td>
                                        <td>{r.pathway}</td>
                                        <td>{r.sender} " → " {r.receiver}</td>
                                        <td>{r.topics.join("、")}</td>
                                        <td><StateBadge state=r.state overdue=r.overdue /></td>
                                        <td class="nowrap">{r.due_on}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        })}
    }
}
