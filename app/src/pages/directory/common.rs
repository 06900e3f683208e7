//! Pieces shared by the directory pages.

use crate::api::directory::ListQuery;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const PREV: &str = "前へ";
    pub const NEXT: &str = "次へ";
    pub const PAGES: &str = "ページ";
}

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
    let mut parts: Vec<String> = Vec::new();
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    if let Some(v) = &q.q {
        parts.push(format!("q={}", enc(v)));
    }
    if let Some(v) = &q.kind {
        parts.push(format!("kind={}", enc(v)));
    }
    if let Some(v) = q.profession {
        parts.push(format!("profession={v}"));
    }
    if let Some(v) = q.organisation {
        parts.push(format!("organisation={v}"));
    }
    if let Some(v) = &q.status {
        parts.push(format!("status={}", enc(v)));
    }
    if let Some(v) = &q.sort {
        parts.push(format!("sort={}", enc(v)));
    }
    if q.key_person == Some(true) {
        parts.push("key_person=1".into());
    }
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    if parts.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", parts.join("&"))
    }
}

#[component]
pub fn Pager(base: &'static str, query: ListQuery, page: u64, pages: u64) -> impl IntoView {
    (pages > 1).then(|| {
        view! {
            <nav class="pager no-print" aria-label=t::PAGES>
                {(page > 1).then(|| view! { <a href=list_url(base, &query, page - 1) rel="prev">{t::PREV}</a> })}
                <span>{format!("{page} / {pages}")}</span>
                {(page < pages).then(|| view! { <a href=list_url(base, &query, page + 1) rel="next">{t::NEXT}</a> })}
            </nav>
        }
    })
}

/// A message from the query string after a redirect (e.g. `?saved=1`).
pub fn use_notice(messages: &'static [(&'static str, &'static str)]) -> Signal<Option<&'static str>> {
    let query = use_query_map();
    Signal::derive(move || query.with(|q| messages.iter().find(|(k, _)| q.get(k).is_some()).map(|(_, m)| *m)))
}

#[component]
pub fn Notice(notice: Signal<Option<&'static str>>) -> impl IntoView {
    move || notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })
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
