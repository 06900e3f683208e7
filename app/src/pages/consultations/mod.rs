//! The consultation desk (相談支援): records, trend tables, import, categories.

pub mod categories;
pub mod detail;
pub mod form;
pub mod import;
pub mod list;
pub mod trends;

use crate::domain::consultations::{METHODS, REGIONS, STATUSES};

fn options(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(c, l)| (c.to_string(), l.to_string())).collect()
}

pub fn method_options() -> Vec<(String, String)> {
    options(METHODS)
}

pub fn region_options() -> Vec<(String, String)> {
    options(REGIONS)
}

pub fn status_options() -> Vec<(String, String)> {
    options(STATUSES)
}

/// Links between the desk's pages, shown on each of them.
#[leptos::component]
pub fn DeskTabs(current: &'static str) -> impl leptos::IntoView {
    use crate::components::session::use_can;
    use crate::domain::Permission;
    use leptos::prelude::*;
    const TABS: &[(&str, &str, Permission)] = &[
        ("/consultations", "相談記録", Permission::ReadConsultations),
        ("/consultations/trends", "相談内容の推移", Permission::ReadConsultationTrends),
        ("/consultations/import", "CSV取込", Permission::WriteConsultations),
        ("/admin/consultation-categories", "分類の管理", Permission::ManageConsultationCategories),
    ];
    view! {
        <nav class="tabs no-print" aria-label="相談支援">
            {TABS.iter().map(|(href, label, p)| {
                use_can(*p).get_untracked().then(|| view! { <a href=*href aria-current=(*href == current).then_some("page")>{*label}</a> })
            }).collect_view()}
        </nav>
    }
}
