//! `/public/resources/booklet`: the printable booklet (A4) — by district, then category, with
//! a contents list and the date of the data. For the referral leaflet and centres' counters.

use super::PublicTabs;
use crate::api::resources::{list_public_resources, PublicQuery, PublicResource};
use crate::components::loaded::loaded;
use crate::components::page_title::PageTitle;
use leptos::prelude::*;

mod t {
    pub const TITLE: &str = "地域の資源 冊子";
    pub const CONTENTS: &str = "目次";
    pub const NO_DISTRICT: &str = "市全域";
    pub use crate::components::words::{COUNT, PRINT};
    pub const EMPTY: &str = "掲載している資源はまだありません。";
}

/// (district, [(category, resources)]) in booklet order (the list already is).
fn sections(items: Vec<PublicResource>) -> Vec<(String, Vec<(String, Vec<PublicResource>)>)> {
    let mut out: Vec<(String, Vec<(String, Vec<PublicResource>)>)> = Vec::new();
    for r in items {
        let district = if r.district.is_empty() { t::NO_DISTRICT.to_string() } else { r.district.clone() };
        if out.last().is_none_or(|(d, _)| *d != district) {
            out.push((district, Vec::new()));
        }
        let cats = &mut out.last_mut().expect("pushed above").1;
        if cats.last().is_none_or(|(c, _)| *c != r.top_category) {
            cats.push((r.top_category.clone(), Vec::new()));
        }
        cats.last_mut().expect("pushed above").1.push(r);
    }
    out
}

#[component]
pub fn BookletPage() -> impl IntoView {
    view! {
        <PageTitle text=t::TITLE />
        <div class="page-head">
            <h1>{t::TITLE}</h1>
            <div class="actions no-print"><crate::components::islands::PrintButton label=t::PRINT.to_string() /></div>
        </div>
        <PublicTabs current="/public/resources/booklet" />
        {loaded(list_public_resources(PublicQuery::default()), move |list| {
            let as_of = list.as_of.clone();
            let sections = sections(list.items);
            if sections.is_empty() {
                return view! { <p class="empty">{t::EMPTY}</p> }.into_any();
            }
            view! {
                <p class="muted" data-testid="booklet-date">{as_of}</p>
                <nav class="card booklet-contents" aria-label=t::CONTENTS>
                    <h2>{t::CONTENTS}</h2>
                    <ol>
                        {sections.iter().enumerate().map(|(i, (d, cats))| view! {
                            <li><a href=format!("#district-{i}")>{d.clone()}</a> " " <span class="muted">{format!("{}{}", cats.iter().map(|(_, v)| v.len()).sum::<usize>(), t::COUNT)}</span></li>
                        }).collect_view()}
                    </ol>
                </nav>
                {sections.into_iter().enumerate().map(|(i, (district, cats))| view! {
                    <section class="booklet-district" id=format!("district-{i}") data-testid="booklet-district">
                        <h2>{district}</h2>
                        {cats.into_iter().map(|(cat, items)| view! {
                            <h3>{cat}</h3>
                            <ul class="booklet-items">
                                {items.into_iter().map(|r| view! {
                                    <li data-testid="booklet-item">
                                        <strong>{r.name}</strong>
                                        {(!r.paused.is_empty()).then(|| format!("（{}）", r.paused))}
                                        <br />
                                        <span>{[r.schedule, r.place, r.address, r.contact].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" / ")}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }).collect_view()}
                    </section>
                }).collect_view()}
            }.into_any()
        })}
    }
}
