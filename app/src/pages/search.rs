//! `/search?q=`: what the search box in the header finds, grouped by kind of record, each
//! kind only for those who may read it (issues only in the registers the reader may read).
//! A plain GET form: it works without JavaScript and the query is in the address.

use crate::api::search::{search, SearchGroup, SearchResults};
use crate::components::loaded::loaded;
use crate::components::page_title::PageTitle;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "検索";
    pub const LABEL: &str = "検索";
    pub const SUBMIT: &str = "検索";
    pub const HINT: &str = "会議（件名・目的・議事録・決定事項）、機関・団体、人、研修、相談、課題（閲覧できるもののみ）から探します。カタカナとひらがな、全角と半角、大文字と小文字は区別しません（「ヤッキョク」で「やっきょく」も見つかります）。空白で区切った語は、すべてを含むものを探します。アーカイブしたものは探しません。";
    pub const RESULTS_FOR: &str = "の検索結果";
    pub const NOT_FOUND: &str = "見つかりませんでした";
    pub const NOT_FOUND_HINT: &str = "語を短くするか、空白で区切った語を減らしてみてください。";
    pub use crate::components::words::COUNT;
    pub const FIRST: &str = "件を表示しています。語を足すと絞り込めます。";
    pub const UNTITLED: &str = "（件名なし）";
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let q = use_query_map().with_untracked(|m| m.get("q")).unwrap_or_default();
    let typed = q.clone();
    // A refused query shows its own message (e.g. too long), not only "check the input".
    let load = async move {
        search(q).await.map_err(|e| match e.field_message("q") {
            Some(message) => AppError::BadRequest(message.to_string()),
            None => e,
        })
    };
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <form method="get" action="/search" class="filters card search-form" role="search">
            <div class="field">
                <label for="search-q">{t::LABEL}</label>
                <input type="search" id="search-q" name="q" value=typed maxlength="200" aria-describedby="search-hint" />
            </div>
            <div class="actions"><button type="submit">{t::SUBMIT}</button></div>
            <p class="hint" id="search-hint">{t::HINT}</p>
        </form>
        {loaded(load, results_view)}
    }
}

fn results_view(r: SearchResults) -> impl IntoView {
    if r.terms.is_empty() {
        return ().into_any();
    }
    let heading = format!("「{}」{}", r.q.trim(), t::RESULTS_FOR);
    let label = heading.clone();
    if r.groups.is_empty() {
        return view! {
            <section class="search-results" aria-label=label>
                <h2 class="visually-hidden">{heading}</h2>
                <p class="search-empty"><strong>{t::NOT_FOUND}</strong></p>
                <p class="hint">{t::NOT_FOUND_HINT}</p>
            </section>
        }
        .into_any();
    }
    view! {
        <section class="search-results" aria-label=label>
            <h2 class="visually-hidden">{heading}</h2>
            {r.groups.into_iter().map(group_view).collect_view()}
        </section>
    }
    .into_any()
}

fn group_view(g: SearchGroup) -> impl IntoView {
    let shown = g.items.len() as u64;
    let more = (g.total > shown).then(|| view! { <p class="hint">{format!("先頭の{shown}{}", t::FIRST)}</p> });
    let items = g
        .items
        .into_iter()
        .map(|h| {
            let title = if h.title.trim().is_empty() { t::UNTITLED.to_string() } else { h.title };
            view! {
                <li>
                    <a href=h.href>{title}</a>
                    {h.date.map(|d| view! { " " <span class="muted">{d}</span> })}
                    {(!h.snippet.is_empty()).then(|| view! { <p class="search-snippet">{h.snippet}</p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card search-group" data-kind=g.kind>
            <h2>{g.label} " " <span class="count">{format!("{}{}", g.total, t::COUNT)}</span></h2>
            <ul class="search-hits">{items}</ul>
            {more}
        </section>
    }
}
