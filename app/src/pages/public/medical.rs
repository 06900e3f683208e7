//! `/public/resources/medical?q=&offers=home_visits`: the clinics, pharmacies, visiting
//! nurses and care offices the team has marked for publication, with what each offers.
//! No sign-in; public fields only.

use super::PublicTabs;
use crate::api::resources::{list_public_facilities, FacilityQuery, PublicFacility};
use crate::components::loaded::loaded;
use crate::components::page_title::PageTitle;
use crate::domain::facilities::ATTRIBUTES;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "医療・介護の資源";
    pub const LEAD: &str = "在宅での療養を支える医療機関・薬局・訪問看護・介護事業所と、それぞれが対応していることの一覧です。内容は各機関に確認して掲載しています。";
    pub const SEARCH: &str = "ことばで探す";
    pub const SEARCH_HINT: &str = "名称・住所・種別（ひらがな・カタカナでも探せます）";
    pub const OFFERS: &str = "対応していること";
    pub use crate::components::words::{ALL, CLEAR, COUNT};
    pub const FIND: &str = "探す";
    pub const EMPTY: &str = "条件に合う機関は見つかりませんでした。";
    pub const ADDRESS: &str = "住所";
    pub const PHONE: &str = "電話";
    pub const WEBSITE: &str = "ウェブサイト";
    pub const CONFIRMED: &str = "確認日";
}

#[component]
pub fn PublicFacilitiesPage() -> impl IntoView {
    let f = use_query_map().with_untracked(|q| {
        let text = |k: &str| q.get(k).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        FacilityQuery { q: text("q"), offers: text("offers") }
    });
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <PublicTabs current="/public/resources/medical" />
        <p class="lead">{t::LEAD}</p>
        {loaded(list_public_facilities(f.clone()), move |list| {
            let filtered = f.q.is_some() || f.offers.is_some();
            view! {
                <form method="get" action="/public/resources/medical" class="filters card no-print" role="search">
                    <div class="field">
                        <label for="f-q">{t::SEARCH}</label>
                        <input id="f-q" type="search" name="q" value=f.q.clone().unwrap_or_default() aria-describedby="f-q-hint" />
                        <p class="hint" id="f-q-hint">{t::SEARCH_HINT}</p>
                    </div>
                    <div class="field">
                        <label for="f-offers">{t::OFFERS}</label>
                        <select id="f-offers" name="offers">
                            <option value="">{t::ALL}</option>
                            {ATTRIBUTES.iter().map(|(c, l)| view! { <option value=*c selected=f.offers.as_deref() == Some(*c)>{*l}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="actions">
                        <button type="submit">{t::FIND}</button>
                        {filtered.then(|| view! { <a class="button secondary" href="/public/resources/medical">{t::CLEAR}</a> })}
                    </div>
                </form>
                <p class="muted" data-testid="public-count">{list.items.len()} {t::COUNT} " " {list.as_of.clone()}</p>
                {if list.items.is_empty() {
                    view! { <p class="empty">{t::EMPTY}</p> }.into_any()
                } else {
                    view! {
                        <ul class="resource-cards" data-testid="public-facilities">
                            {list.items.into_iter().map(|f| view! { <FacilityCard f /> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            }.into_any()
        })}
    }
}

#[component]
fn FacilityCard(f: PublicFacility) -> impl IntoView {
    let website = f.website.clone();
    view! {
        <li class="card resource-card" id=format!("facility-{}", f.id)>
            <h2>{f.name}</h2>
            <p class="muted">{f.kind}</p>
            <p class="badges">{f.attributes.into_iter().map(|a| view! { <span class="badge">{a}</span> " " }).collect_view()}</p>
            {(!f.note.is_empty()).then(|| view! { <p>{f.note}</p> })}
            <dl class="facts compact">
                {(!f.address.is_empty()).then(|| view! { <dt>{t::ADDRESS}</dt><dd>{f.address}</dd> })}
                {(!f.phone.is_empty()).then(|| view! { <dt>{t::PHONE}</dt><dd>{f.phone}</dd> })}
                {(!website.is_empty()).then(|| view! { <dt>{t::WEBSITE}</dt><dd><a href=website.clone() rel="noopener noreferrer external">{website.clone()}</a></dd> })}
                {(!f.confirmed_on.is_empty()).then(|| view! { <dt>{t::CONFIRMED}</dt><dd>{crate::domain::dates::day_of_iso(&f.confirmed_on)}</dd> })}
            </dl>
        </li>
    }
}
