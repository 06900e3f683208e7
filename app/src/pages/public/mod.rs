//! Pages anyone may open without signing in: the published resource list, a resource, and
//! the printable booklet. They read only `PublicResource` (public fields).

pub mod booklet;
pub mod detail;
pub mod list;
pub mod map;
pub mod medical;

use leptos::prelude::*;

mod t {
    pub const TABS: [(&str, &str); 4] = [
        ("/public/resources", "資源を探す"),
        ("/public/resources/map", "地図"),
        ("/public/resources/medical", "医療・介護の資源"),
        ("/public/resources/booklet", "冊子（印刷用）"),
    ];
    pub const CSV: &str = "CSV";
    pub const JSON: &str = "JSON（HSDS）";
    pub const DATA: &str = "オープンデータ";
}

#[component]
pub fn PublicTabs(current: &'static str) -> impl IntoView {
    view! {
        <nav class="tabs no-print" aria-label="地域の資源（公開）">
            {t::TABS.iter().map(|(href, label)| view! { <a href=*href aria-current=(*href == current).then_some("page")>{*label}</a> }).collect_view()}
            <span class="muted">{t::DATA} ": "</span>
            <a href="/public/resources.csv" rel="external" download="">{t::CSV}</a>
            <a href="/public/resources.json" rel="external">{t::JSON}</a>
        </nav>
    }
}
