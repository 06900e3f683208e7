//! つながるパス: referral slips between clinics, pharmacies and community centres — the list
//! with what waits for a reply, slip 1's form, and one slip.

pub mod detail;
pub mod evaluation;
pub mod evidence;
pub mod initiatives;
pub mod form;
pub mod list;
pub mod pathways;
pub mod reply;

use crate::components::session::IfCan;
use crate::domain::referrals::State;
use crate::domain::Permission;
use leptos::prelude::*;

mod t {
    pub const TABS: [(&str, &str); 3] = [("/referrals", "一覧"), ("/referrals?state=open", "返信待ち"), ("/referrals/new", "連絡票を送る")];
    /// The team's only.
    pub const EVALUATION: (&str, &str) = ("/referrals/evaluation", "評価（年度集計）");
    /// Administrators' only.
    pub const PATHWAYS: (&str, &str) = ("/referrals/pathways", "経路の管理");
}

#[component]
pub fn ReferralTabs(current: &'static str) -> impl IntoView {
    view! {
        <nav class="tabs no-print" aria-label="つながるパス">
            {t::TABS.iter().map(|(href, label)| view! { <a href=*href aria-current=(*href == current).then_some("page")>{*label}</a> }).collect_view()}
            <IfCan permission=Permission::ReadMeetings>
                <a href=t::EVALUATION.0 aria-current=(t::EVALUATION.0 == current).then_some("page")>{t::EVALUATION.1}</a>
            </IfCan>
            <IfCan permission=Permission::ManageResourceLists>
                <a href=t::PATHWAYS.0 aria-current=(t::PATHWAYS.0 == current).then_some("page")>{t::PATHWAYS.1}</a>
            </IfCan>
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
