//! In-page tabs between the pages of one section of the menu (会議 → カレンダー…), each shown
//! to those who may open it.

use crate::components::session::use_can;
use crate::domain::Permission;
use leptos::prelude::*;

/// (path, label, permission needed to see the tab)
pub type Tab = (&'static str, &'static str, Option<Permission>);

#[component]
pub fn SectionTabs(label: &'static str, tabs: &'static [Tab], current: &'static str) -> impl IntoView {
    view! {
        <nav class="tabs no-print" aria-label=label>
            {tabs.iter().map(|(href, name, p)| {
                p.is_none_or(|p| use_can(p).get_untracked()).then(|| view! { <a href=*href aria-current=(*href == current).then_some("page")>{*name}</a> })
            }).collect_view()}
        </nav>
    }
}

const MEETINGS: &[Tab] = &[
    ("/meetings", "会議の記録", None),
    ("/meetings/calendar", "カレンダー", None),
    ("/meetings/timeline", "連携の歩み", None),
    ("/meetings/follow-ups", "フォローアップ", None),
    ("/meetings/kinds", "種類の管理", Some(Permission::ManageMeetingKinds)),
];

const DIRECTORY: &[Tab] = &[
    ("/directory/organisations", "機関・団体", None),
    ("/directory/people", "人", None),
    ("/directory/professions", "職種", None),
];

const ADMIN: &[Tab] = &[
    ("/admin/users", "ユーザー管理", Some(Permission::ManageUsers)),
    ("/admin/audit", "監査ログ", Some(Permission::ReadAudit)),
];

/// The meetings' pages: the list, the calendar, the timeline, the follow-ups.
#[component]
pub fn MeetingTabs(current: &'static str) -> impl IntoView {
    view! { <SectionTabs label="会議" tabs=MEETINGS current /> }
}

/// The directory's pages: organisations, people, professions.
#[component]
pub fn DirectoryTabs(current: &'static str) -> impl IntoView {
    view! { <SectionTabs label="機関・人" tabs=DIRECTORY current /> }
}

/// The administrators' pages.
#[component]
pub fn AdminTabs(current: &'static str) -> impl IntoView {
    view! { <SectionTabs label="管理" tabs=ADMIN current /> }
}
