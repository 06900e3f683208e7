//! つながるパス: referral slips between clinics, pharmacies and community centres — the list
//! with what waits for a reply, slip 1's form, and one slip.

pub mod detail;
pub mod form;
pub mod list;
pub mod reply;

use crate::domain::referrals::State;
use leptos::prelude::*;

mod t {
    pub const TABS: [(&str, &str); 3] = [("/referrals", "一覧"), ("/referrals?state=open", "返信待ち"), ("/referrals/new", "連絡票を送る")];
}

#[component]
pub fn ReferralTabs(current: &'static str) -> impl IntoView {
    view! {
        <nav class="tabs no-print" aria-label="つながるパス">
            {t::TABS.iter().map(|(href, label)| view! { <a href=*href aria-current=(*href == current).then_some("page")>{*label}</a> }).collect_view()}
        </nav>
    }
}

#[component]
pub fn StateBadge(state: State, overdue: bool) -> impl IntoView {
    view! {
        <span class=format!("badge referral-{}", state.code())>{state.label()}</span>
        {overdue.then_some(view! { <span class="badge overdue">"返信期限切れ"</span> })}
    }
}
