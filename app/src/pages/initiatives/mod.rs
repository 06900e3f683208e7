//! Initiatives (取組): the list (the half-year plan), the form, one initiative with what it
//! groups, and its printable trail (軌跡).

pub mod detail;
pub mod form;
pub mod list;
pub mod trail;

use crate::domain::initiatives::Status;
use leptos::prelude::*;

const TABS: &[(&str, &str)] = &[("/initiatives", "取組の一覧"), ("/plan", "4つの場面の計画"), ("/newsletters", "地域連携だより")];

/// Links between the initiatives and the plan by scene.
#[component]
pub fn InitiativeTabs(current: &'static str) -> impl IntoView {
    view! {
        <nav class="tabs no-print" aria-label="連携の取組">
            {TABS.iter().map(|(href, label)| view! { <a href=*href aria-current=(*href == current).then_some("page")>{*label}</a> }).collect_view()}
        </nav>
    }
}

#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    view! { <span class=format!("badge initiative-{}", status.code())>{status.label()}</span> }
}
