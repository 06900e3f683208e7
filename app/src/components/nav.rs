//! URL helpers shared by pages: the record id of the route, query-string building,
//! a pager and the one-line notice after a redirect.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

mod t {
    pub const PREV: &str = "前へ";
    pub const NEXT: &str = "次へ";
    pub const PAGES: &str = "ページ";
}

/// The `:id` of the current route (0 when missing or not a number, which no record has).
pub fn use_id_param() -> Memo<i32> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0)))
}

/// Percent-encodes a query-string value.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `base?k=v&…` from the pairs with a value (values are encoded).
pub fn url_with(base: &str, pairs: &[(&str, Option<String>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", encode(v))))
        .collect();
    if parts.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", parts.join("&"))
    }
}

/// Previous/next links; `href` gives the URL of a page number.
#[component]
pub fn Pager(page: u64, pages: u64, href: Callback<u64, String>) -> impl IntoView {
    (pages > 1).then(|| {
        view! {
            <nav class="pager no-print" aria-label=t::PAGES>
                {(page > 1).then(|| view! { <a href=href.run(page - 1) rel="prev">{t::PREV}</a> })}
                <span>{format!("{page} / {pages}")}</span>
                {(page < pages).then(|| view! { <a href=href.run(page + 1) rel="next">{t::NEXT}</a> })}
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_encode_values_and_skip_empty_ones() {
        assert_eq!(url_with("/x", &[("q", Some("釜石 薬".into())), ("k", None), ("p", Some("2".into()))]), "/x?q=%E9%87%9C%E7%9F%B3%20%E8%96%AC&p=2");
        assert_eq!(url_with("/x", &[("k", None)]), "/x");
    }
}
