//! `/resources?district=3&category=5&screening=waiting&q=…`: the team's resource list, and with
//! `screening=waiting` the screening queue.

use super::{activity_options, consent_options, screening_options, ResourceTabs, ScreeningBadge};
use crate::api::resources::{list_resources, ResourceQuery};
use crate::components::loaded::loaded;
use crate::components::nav::{url_with, Pager};
use crate::components::page_title::PageTitle;
use crate::components::session::IfCan;
use crate::domain::Permission;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "地域の資源";
    pub const QUEUE_TITLE: &str = "精査待ちの資源";
    pub const LEAD: &str = "生活応援センターや社協が集めた地域の資源（つながる資源リスト）です。精査して掲載可とし、公開の同意があるものだけが公開ページに載ります。";
    pub const QUEUE_LEAD: &str = "収集・精査中の資源です。専門職が面識なく安心して紹介できるか、顔の見える関係があるかを確かめて、掲載可か非掲載を決めてください。";
    pub const NEW: &str = "資源を登録";
    pub const SEARCH: &str = "キーワード";
    pub const DISTRICT: &str = "地区";
    pub const CATEGORY: &str = "分類";
    pub const SCREENING: &str = "精査";
    pub const WAITING: &str = "精査待ち（収集・精査中）";
    pub const CONSENT: &str = "公開の同意";
    pub const ACTIVITY: &str = "活動状況";
    pub const STALE: &str = "12か月以上確認していないもの";
    pub const ARCHIVED: &str = "アーカイブ済みを表示";
    pub use crate::components::words::{ALL, CLEAR, COUNT, FILTER};
    pub const COL_NAME: &str = "名称";
    pub const COL_CATEGORY: &str = "分類";
    pub const COL_DISTRICT: &str = "地区";
    pub const COL_ORGANISER: &str = "主催";
    pub const COL_SCREENING: &str = "精査";
    pub const COL_CONSENT: &str = "同意";
    pub const COL_CONFIRMED: &str = "確認日";
    pub const COL_PUBLIC: &str = "公開";
    pub const STALE_BADGE: &str = "要確認";
    pub const PUBLIC_MARK: &str = "公開中";
    pub const EMPTY: &str = "条件に合う資源はありません。";
    pub const EMPTY_QUEUE: &str = "精査待ちの資源はありません。";
    pub const EMPTY_ALL: &str = "資源はまだ登録されていません。「資源を登録」から、センターから届いた資源を入力してください。";
}

fn query() -> ResourceQuery {
    use_query_map().with_untracked(|q| {
        let text = |k: &str| q.get(k).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        ResourceQuery {
            q: text("q"),
            district: text("district").and_then(|s| s.parse().ok()),
            category: text("category").and_then(|s| s.parse().ok()),
            screening: text("screening"),
            consent: text("consent"),
            activity: text("activity"),
            stale: text("stale").map(|s| s == "1"),
            archived: text("archived").map(|s| s == "1"),
            page: text("page").and_then(|s| s.parse().ok()),
        }
    })
}

fn page_url(f: &ResourceQuery, page: Option<u64>) -> String {
    url_with("/resources", &[
        ("q", f.q.clone()),
        ("district", f.district.map(|v| v.to_string())),
        ("category", f.category.map(|v| v.to_string())),
        ("screening", f.screening.clone()),
        ("consent", f.consent.clone()),
        ("activity", f.activity.clone()),
        ("stale", f.stale.filter(|s| *s).map(|_| "1".to_string())),
        ("archived", f.archived.filter(|a| *a).map(|_| "1".to_string())),
        ("page", page.map(|p| p.to_string())),
    ])
}

fn options(list: Vec<(String, String)>, selected: Option<String>) -> impl IntoView {
    list.into_iter().map(move |(c, l)| {
        let sel = selected.as_deref() == Some(c.as_str());
        view! { <option value=c selected=sel>{l}</option> }
    }).collect_view()
}

#[component]
pub fn ResourcesPage() -> impl IntoView {
    let f = query();
    let queue = f.screening.as_deref() == Some("waiting");
    let (title, lead, tab) = if queue { (t::QUEUE_TITLE, t::QUEUE_LEAD, "/resources?screening=waiting") } else { (t::TITLE, t::LEAD, "/resources") };
    view! {
        <PageTitle text=title />
        <div class="page-head">
            <h1>{title}</h1>
            <IfCan permission=Permission::WriteResources>
                <div class="actions no-print"><a class="button" href="/resources/new">{t::NEW}</a></div>
            </IfCan>
        </div>
        <ResourceTabs current=tab />
        <p class="lead">{lead}</p>
        {loaded(list_resources(f.clone()), move |list| {
            let filtered = f.q.is_some() || f.district.is_some() || f.category.is_some() || f.screening.is_some() || f.consent.is_some() || f.activity.is_some() || f.stale == Some(true) || f.archived == Some(true);
            let href = { let f = f.clone(); Callback::new(move |p: u64| page_url(&f, Some(p))) };
            let mut screening = screening_options();
            screening.insert(0, ("waiting".to_string(), format!("{}（{}件）", t::WAITING, list.waiting)));
            view! {
                <form method="get" action="/resources" class="filters card no-print" role="search">
                    <div class="field">
                        <label for="f-q">{t::SEARCH}</label>
                        <input id="f-q" type="search" name="q" value=f.q.clone().unwrap_or_default() />
                    </div>
                    <div class="field">
                        <label for="f-district">{t::DISTRICT}</label>
                        <select id="f-district" name="district">
                            <option value="">{t::ALL}</option>
                            {list.choices.districts.iter().map(|d| view! { <option value=d.id selected=f.district == Some(d.id)>{d.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-category">{t::CATEGORY}</label>
                        <select id="f-category" name="category">
                            <option value="">{t::ALL}</option>
                            {list.choices.categories.iter().map(|c| view! { <option value=c.id selected=f.category == Some(c.id)>{c.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-screening">{t::SCREENING}</label>
                        <select id="f-screening" name="screening">
                            <option value="">{t::ALL}</option>
                            {options(screening, f.screening.clone())}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-consent">{t::CONSENT}</label>
                        <select id="f-consent" name="consent">
                            <option value="">{t::ALL}</option>
                            {options(consent_options(), f.consent.clone())}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-activity">{t::ACTIVITY}</label>
                        <select id="f-activity" name="activity">
                            <option value="">{t::ALL}</option>
                            {options(activity_options(), f.activity.clone())}
                        </select>
                    </div>
                    <label class="check"><input type="checkbox" name="stale" value="1" checked=f.stale == Some(true) />{t::STALE}</label>
                    <label class="check"><input type="checkbox" name="archived" value="1" checked=f.archived == Some(true) />{t::ARCHIVED}</label>
                    <div class="actions">
                        <button type="submit">{t::FILTER}</button>
                        {filtered.then(|| view! { <a class="button secondary" href="/resources">{t::CLEAR}</a> })}
                    </div>
                </form>
                <p class="muted" data-testid="resource-count">{list.total} {t::COUNT}</p>
                {if list.items.is_empty() {
                    view! { <p class="empty">{if queue { t::EMPTY_QUEUE } else if filtered { t::EMPTY } else { t::EMPTY_ALL }}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-scroll">
                            <table class="data-table" data-testid="resources">
                                <thead><tr>
                                    <th scope="col">{t::COL_NAME}</th>
                                    <th scope="col">{t::COL_CATEGORY}</th>
                                    <th scope="col">{t::COL_DISTRICT}</th>
                                    <th scope="col">{t::COL_ORGANISER}</th>
                                    <th scope="col">{t::COL_SCREENING}</th>
                                    <th scope="col">{t::COL_CONSENT}</th>
                                    <th scope="col">{t::COL_CONFIRMED}</th>
                                    <th scope="col">{t::COL_PUBLIC}</th>
                                </tr></thead>
                                <tbody>
                                    {list.items.into_iter().map(|r| view! {
                                        <tr>
                                            <td><a href=format!("/resources/{}", r.id)>{r.name}</a>
                                                {(r.activity != crate::domain::resources::Activity::Active).then(|| view! { " " <span class="badge">{r.activity.label()}</span> })}
                                            </td>
                                            <td>{r.category}</td>
                                            <td class="nowrap">{r.district}</td>
                                            <td>{r.organiser}</td>
                                            <td class="nowrap"><ScreeningBadge screening=r.screening /></td>
                                            <td class="nowrap">{r.consent.label()}</td>
                                            <td class="nowrap">{r.confirmed_on} {r.stale.then(|| view! { " " <span class="badge overdue">{t::STALE_BADGE}</span> })}</td>
                                            <td class="nowrap">{r.public.then_some(t::PUBLIC_MARK)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <Pager page=list.page pages=list.pages href />
                    }.into_any()
                }}
            }.into_any()
        })}
    }
}
