//! `/public/resources?q=カフェ&district=6&category=3`: the published resources, searchable
//! by words (kanji or kana), district and category. No sign-in.

use super::PublicTabs;
use crate::api::resources::{list_public_resources, PublicQuery, PublicResource};
use crate::components::loaded::loaded;
use crate::components::page_title::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "地域とつながる窓口・地域の資源";
    pub const LEAD: &str = "釜石市内で参加できる集いの場や、相談できる窓口の一覧です。内容は主催者の同意を得て掲載しています。";
    pub const SEARCH: &str = "ことばで探す";
    pub const SEARCH_HINT: &str = "名称・場所・内容（ひらがな・カタカナでも探せます）";
    pub const DISTRICT: &str = "地区";
    pub const CATEGORY: &str = "分類";
    pub use crate::components::words::{ALL, CLEAR, COUNT};
    pub const FIND: &str = "探す";
    pub const EMPTY: &str = "条件に合う資源は見つかりませんでした。ことばや地区を変えてお試しください。";
    pub const SCHEDULE: &str = "日時";
    pub const PLACE: &str = "場所";
    pub const CONTACT: &str = "問い合わせ";
}

#[component]
pub fn PublicResourcesPage() -> impl IntoView {
    let f = use_query_map().with_untracked(|q| {
        let text = |k: &str| q.get(k).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        PublicQuery { q: text("q"), district: text("district").and_then(|s| s.parse().ok()), category: text("category").and_then(|s| s.parse().ok()) }
    });
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <PublicTabs current="/public/resources" />
        <p class="lead">{t::LEAD}</p>
        {loaded(list_public_resources(f.clone()), move |list| {
            let filtered = f.q.is_some() || f.district.is_some() || f.category.is_some();
            view! {
                <form method="get" action="/public/resources" class="filters card no-print" role="search">
                    <div class="field">
                        <label for="f-q">{t::SEARCH}</label>
                        <input id="f-q" type="search" name="q" value=f.q.clone().unwrap_or_default() aria-describedby="f-q-hint" />
                        <p class="hint" id="f-q-hint">{t::SEARCH_HINT}</p>
                    </div>
                    <div class="field">
                        <label for="f-district">{t::DISTRICT}</label>
                        <select id="f-district" name="district">
                            <option value="">{t::ALL}</option>
                            {list.districts.iter().map(|d| view! { <option value=d.id selected=f.district == Some(d.id)>{d.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-category">{t::CATEGORY}</label>
                        <select id="f-category" name="category">
                            <option value="">{t::ALL}</option>
                            {list.categories.iter().map(|c| view! { <option value=c.id selected=f.category == Some(c.id)>{c.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="actions">
                        <button type="submit">{t::FIND}</button>
                        {filtered.then(|| view! { <a class="button secondary" href="/public/resources">{t::CLEAR}</a> })}
                    </div>
                </form>
                <p class="muted" data-testid="public-count">{list.items.len()} {t::COUNT} " " {list.as_of.clone()}</p>
                {if list.items.is_empty() {
                    view! { <p class="empty">{t::EMPTY}</p> }.into_any()
                } else {
                    view! {
                        <ul class="resource-cards" data-testid="public-resources">
                            {list.items.into_iter().map(|r| view! { <ResourceCard r /> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            }.into_any()
        })}
    }
}

#[component]
fn ResourceCard(r: PublicResource) -> impl IntoView {
    view! {
        <li class="card resource-card">
            <h2><a href=format!("/public/resources/{}", r.id)>{r.name}</a></h2>
            <p class="muted">{r.category} {(!r.district.is_empty()).then(|| format!("　{}", r.district))}
                {(!r.paused.is_empty()).then(|| view! { " " <span class="badge">{r.paused}</span> })}
            </p>
            {(!r.notice.is_empty()).then(|| view! { <p class="notice">{r.notice}</p> })}
            <dl class="facts compact">
                {(!r.schedule.is_empty()).then(|| view! { <dt>{t::SCHEDULE}</dt><dd>{r.schedule}</dd> })}
                {(!(r.place.is_empty() && r.address.is_empty())).then(|| view! { <dt>{t::PLACE}</dt><dd>{r.place} " " {r.address}</dd> })}
                {(!r.contact.is_empty()).then(|| view! { <dt>{t::CONTACT}</dt><dd>{r.contact}</dd> })}
            </dl>
        </li>
    }
}
