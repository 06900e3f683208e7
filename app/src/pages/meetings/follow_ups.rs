//! Open follow-ups of all meetings, overdue first, filterable by owner.

use super::detail::FollowUpTable;
use crate::api::meetings::{list_follow_ups, SetFollowUpDone};
use crate::components::error_view::ErrorMessage;
use crate::components::form::{FormErrors, FormMessage};
use crate::components::nav::url_with;
use crate::components::session::use_can;
use crate::domain::Permission;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "フォローアップ";
    pub const LEAD: &str = "会議で決めた対応の一覧です。期限を過ぎたものは赤で表示します。";
    pub use crate::components::words::LOADING;
    pub const OWNER: &str = "担当";
    pub const STATUS: &str = "状態";
    pub use crate::components::words::ALL;
    pub const OPEN: &str = "未完了のみ";
    pub const ALL_STATUS: &str = "完了も含める";
    pub use crate::components::words::FILTER;
    pub const OVERDUE_COUNT: &str = "期限切れ";
}

#[component]
pub fn FollowUpsPage() -> impl IntoView {
    let (owner, status) = use_query_map().with_untracked(|q| (q.get("owner").filter(|s| !s.is_empty()), q.get("status").filter(|s| !s.is_empty())));
    let set_done = ServerAction::<SetFollowUpDone>::new();
    let can_write = use_can(Permission::WriteMeetings).get_untracked();
    let errors = FormErrors::of(set_done);
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <p class="lead">{t::LEAD}</p>
        <FormMessage errors />
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                match list_follow_ups(owner.clone(), status.clone()).await {
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    Ok(list) => {
                        let back = url_with("/meetings/follow-ups", &[("owner", owner.clone()), ("status", status.clone())]);
                        let overdue = list.items.iter().filter(|f| f.overdue).count();
                        view! {
                            <form method="get" action="/meetings/follow-ups" class="filters card no-print">
                                <div class="field">
                                    <label for="f-owner">{t::OWNER}</label>
                                    <select id="f-owner" name="owner">
                                        <option value="">{t::ALL}</option>
                                        {list.owners.iter().map(|(c, n)| view! { <option value=c.clone() selected=owner.as_deref() == Some(c.as_str())>{n.clone()}</option> }).collect_view()}
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
                            {(overdue > 0).then(|| view! { <p class="warning" role="status">{format!("{}: {overdue}件", t::OVERDUE_COUNT)}</p> })}
                            <FollowUpTable items=list.items can_write set_done back show_meeting=true />
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
