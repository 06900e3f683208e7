//! Meetings (連携の会議): list, detail, form, calendar, timeline, follow-ups and the kinds.

pub mod calendar;
pub mod detail;
pub mod follow_up_edit;
pub mod follow_ups;
pub mod form;
pub mod import;
pub mod kinds;
pub mod list;
pub mod timeline;

use crate::api::meetings::MeetingQuery;
use crate::components::nav::url_with;
use crate::domain::meetings::Level;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const COL_DATE: &str = "開催日";
    pub const COL_LEVEL: &str = "段階";
    pub const COL_TITLE: &str = "件名";
    pub const COL_KIND: &str = "種類";
    pub const NO_MEETINGS: &str = "会議の記録はありません。";
    pub const TOOK_PART: &str = "参加した会議";
    pub const SHOW_ALL: &str = "すべて表示";
    pub const UNAVAILABLE: &str = "会議は表示できません。";
}

/// The list filters from the URL, so that every list is bookmarkable and works without JavaScript.
pub fn use_meeting_query() -> Memo<MeetingQuery> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| {
            let text = |k: &str| q.get(k).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
            MeetingQuery {
                fy: text("fy").and_then(|s| s.parse().ok()),
                level: text("level").and_then(|s| s.parse().ok()),
                kind: text("kind"),
                profession: text("profession").and_then(|s| s.parse().ok()),
                organisation: text("organisation").and_then(|s| s.parse().ok()),
                person: text("person").and_then(|s| s.parse().ok()),
                work_item: text("work_item"),
                q: text("q"),
                status: text("status"),
                page: text("page").and_then(|s| s.parse().ok()),
            }
        })
    })
}

/// A URL with the meeting filters (e.g. the list, another page of it, an export).
pub fn meetings_url(base: &str, q: &MeetingQuery, page: u64) -> String {
    url_with(
        base,
        &[
            ("fy", q.fy.map(|v| v.to_string())),
            ("level", q.level.map(|v| v.to_string())),
            ("kind", q.kind.clone()),
            ("profession", q.profession.map(|v| v.to_string())),
            ("organisation", q.organisation.map(|v| v.to_string())),
            ("person", q.person.map(|v| v.to_string())),
            ("work_item", q.work_item.clone()),
            ("q", q.q.clone()),
            ("status", q.status.clone()),
            ("page", (page > 1).then(|| page.to_string())),
        ],
    )
}

/// The level as a small coloured badge ("一次").
#[component]
pub fn LevelBadge(level: Level) -> impl IntoView {
    view! { <span class=format!("badge level-{}", level.number()) title=level.label()>{level.short()}</span> }
}

/// A compact list of meetings (on profession, organisation and person pages).
#[component]
pub fn MeetingTable(items: Vec<crate::api::meetings::MeetingSummary>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="empty">{t::NO_MEETINGS}</p> }.into_any();
    }
    view! {
        <table class="data-table compact" data-testid="meeting-list">
            <thead><tr><th scope="col">{t::COL_DATE}</th><th scope="col">{t::COL_LEVEL}</th><th scope="col">{t::COL_TITLE}</th><th scope="col">{t::COL_KIND}</th></tr></thead>
            <tbody>
                {items.into_iter().map(|m| view! {
                    <tr>
                        <td class="nowrap">{m.date_label.clone()}</td>
                        <td><LevelBadge level=m.level /></td>
                        <td><a href=format!("/meetings/{}", m.id)>{m.title.clone()}</a></td>
                        <td>{m.kind.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The meetings an organisation or person took part in, with a link to all of them.
/// `page`: the first page of `query`, read by the page's own `Suspend` (`None`: unavailable).
#[component]
pub fn MeetingsOf(query: MeetingQuery, page: Option<crate::api::meetings::MeetingPage>) -> impl IntoView {
    let all = meetings_url("/meetings", &query, 1);
    view! {
        <section class="card" data-testid="meetings-of">
            <div class="page-head">
                <h2>{t::TOOK_PART}</h2>
                <a class="no-print" href=all>{t::SHOW_ALL}</a>
            </div>
            {match page {
                None => view! { <p class="muted">{t::UNAVAILABLE}</p> }.into_any(),
                Some(page) => view! { <MeetingTable items=page.items /> }.into_any(),
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_urls_keep_filters() {
        let q = MeetingQuery { fy: Some(2024), level: Some(1), work_item: Some("イ".into()), ..Default::default() };
        assert_eq!(meetings_url("/meetings", &q, 2), "/meetings?fy=2024&level=1&work_item=%E3%82%A4&page=2");
        assert_eq!(meetings_url("/meetings/export.csv", &q, 1), "/meetings/export.csv?fy=2024&level=1&work_item=%E3%82%A4");
    }
}
