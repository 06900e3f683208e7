//! Pieces shared by the directory pages.

use crate::api::directory::ListQuery;
use crate::components::nav::{url_with, Pager};
pub use crate::components::nav::{use_notice, Notice};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The list filters from the URL, so that every list is bookmarkable and works without JavaScript.
pub fn use_list_query() -> Memo<ListQuery> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| {
            let text = |k: &str| q.get(k).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
            ListQuery {
                q: text("q"),
                kind: text("kind"),
                profession: text("profession").and_then(|s| s.parse().ok()),
                organisation: text("organisation").and_then(|s| s.parse().ok()),
                status: text("status"),
                sort: text("sort"),
                key_person: text("key_person").map(|s| s == "1" || s == "on"),
                page: text("page").and_then(|s| s.parse().ok()),
            }
        })
    })
}

/// The URL of a list with the same filters on another page.
pub fn list_url(base: &str, q: &ListQuery, page: u64) -> String {
    url_with(
        base,
        &[
            ("q", q.q.clone()),
            ("kind", q.kind.clone()),
            ("profession", q.profession.map(|v| v.to_string())),
            ("organisation", q.organisation.map(|v| v.to_string())),
            ("status", q.status.clone()),
            ("sort", q.sort.clone()),
            ("key_person", (q.key_person == Some(true)).then(|| "1".to_string())),
            ("page", (page > 1).then(|| page.to_string())),
        ],
    )
}

/// The pager of a directory list.
#[component]
pub fn ListPager(base: &'static str, query: ListQuery, page: u64, pages: u64) -> impl IntoView {
    view! { <Pager page pages href=Callback::new(move |p| list_url(base, &query, p)) /> }
}

/// The `(value, label)` options of the status filter.
pub const STATUS_OPTIONS: &[(&str, &str)] = &[("active", "有効のみ"), ("archived", "アーカイブ済みのみ"), ("all", "すべて")];
pub const SORT_OPTIONS: &[(&str, &str)] = &[("kana", "ふりがな順"), ("name", "名称順"), ("updated", "更新が新しい順")];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_urls_keep_filters() {
        let q = ListQuery { q: Some("釜石 薬".into()), profession: Some(3), page: Some(2), ..Default::default() };
        assert_eq!(list_url("/x", &q, 3), "/x?q=%E9%87%9C%E7%9F%B3%20%E8%96%AC&profession=3&page=3");
        assert_eq!(list_url("/x", &ListQuery::default(), 1), "/x");
    }
}
