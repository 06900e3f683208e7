//! Open follow-ups of all meetings, overdue first, filterable by owner.

use super::detail::FollowUpTable;
use crate::api::meetings::{list_follow_ups, SetFollowUpDone};
use crate::components::checklist::ChecklistFilters;
use crate::components::form::{FormErrors, FormMessage};
use crate::components::nav::url_with;
use crate::components::session::use_can;
use crate::domain::Permission;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::tabs::MeetingTabs;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "フォローアップ";
    pub const LEAD: &str = "会議で決めた対応の一覧です。期限を過ぎたものは赤で表示します。チェックを入れて、まとめて完了にしたり担当を変えたりできます。";
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
        <MeetingTabs current="/meetings/follow-ups" />
        <p class="lead">{t::LEAD}</p>
        <FormMessage errors />
        {loaded(list_follow_ups(owner.clone(), status.clone()), move |list| {
            let back = url_with("/meetings/follow-ups", &[("owner", owner.clone()), ("status", status.clone())]);
            let items = list.items.clone();
            let owners = list.assignable.clone();
            view! {
                <ChecklistFilters action="/meetings/follow-ups" list owner=owner.clone() status=status.clone() />
                <FollowUpTable items can_write set_done back show_meeting=true owners />
            }.into_any()
        })}
    }
}
