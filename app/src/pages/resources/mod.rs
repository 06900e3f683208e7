//! The social resource list for the team (社会資源): list and screening queue, one record,
//! its form, and the yearly confirmation round.

pub mod confirm;
pub mod detail;
pub mod form;
pub mod import;
pub mod list;
pub mod lists;

use crate::domain::resources::{Activity, Consent, Screening};
use crate::components::session::IfCan;
use crate::domain::Permission;
use leptos::prelude::*;

mod t {
    pub const TABS: [(&str, &str); 4] = [("/resources", "一覧"), ("/resources?screening=waiting", "精査待ち"), ("/resources/confirm", "年次確認"), ("/resources/import", "一括取込")];
    pub const PUBLIC: &str = "公開ページ";
    pub const LISTS: (&str, &str) = ("/admin/resource-lists", "分類と地区");
}

/// Links between the resource pages (and to what the public sees).
#[component]
pub fn ResourceTabs(current: &'static str) -> impl IntoView {
    view! {
        <nav class="tabs no-print" aria-label="地域の資源">
            {t::TABS.iter().map(|(href, label)| view! { <a href=*href aria-current=(*href == current).then_some("page")>{*label}</a> }).collect_view()}
            <IfCan permission=Permission::ManageResourceLists>
                <a href=t::LISTS.0 aria-current=(t::LISTS.0 == current).then_some("page")>{t::LISTS.1}</a>
            </IfCan>
            <a href="/public/resources">{t::PUBLIC}</a>
        </nav>
    }
}

pub fn screening_options() -> Vec<(String, String)> {
    Screening::ALL.iter().map(|s| (s.code().to_string(), s.label().to_string())).collect()
}

pub fn consent_options() -> Vec<(String, String)> {
    Consent::ALL.iter().map(|s| (s.code().to_string(), s.label().to_string())).collect()
}

pub fn activity_options() -> Vec<(String, String)> {
    Activity::ALL.iter().map(|s| (s.code().to_string(), s.label().to_string())).collect()
}

/// The screening state as a badge.
#[component]
pub fn ScreeningBadge(screening: Screening) -> impl IntoView {
    view! { <span class=format!("badge screening-{}", screening.code())>{screening.label()}</span> }
}
