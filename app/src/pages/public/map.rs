//! `/public/resources/map?district=&category=`: the published resources on a map, coloured
//! by category, with the list (and addresses) below — the list is the page without
//! JavaScript or without tiles. No sign-in.

use super::PublicTabs;
use crate::api::resources::{get_map_settings, list_public_facilities, list_public_resources, FacilityQuery, PublicQuery, PublicResource};
use crate::components::islands::{leaflet_assets, MapMarker, ResourceMap};
use crate::components::loaded::loaded;
use crate::components::page_title::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "地域の資源マップ";
    pub const LEAD: &str = "地図の印をクリックすると名前が出ます。名前から詳しい内容を見られます。地図が表示されないときは、下の一覧をご覧ください。";
    pub const MAP_LABEL: &str = "地域の資源の地図";
    pub const LEGEND: &str = "色の見かた";
    pub const LIST: &str = "一覧（住所つき）";
    pub const NO_PLACE: &str = "（地図上の位置は未登録）";
    pub const DISTRICT: &str = "地区";
    pub const CATEGORY: &str = "分類";
    pub use crate::components::words::{ALL, COUNT};
    pub const SHOW: &str = "表示";
    pub const EMPTY: &str = "条件に合う資源はありません。";
    pub const MEDICAL: &str = "医療・介護の資源";
}

/// The facilities' colour (after the categories' palette).
const MEDICAL_COLOUR: (usize, &str) = (8, "#333333");

/// Distinct colours for the top-level categories, in the order they appear.
const PALETTE: [&str; 8] = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"];

/// (top-level category, its colour's index) in the order they appear.
fn colours(items: &[PublicResource]) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for r in items {
        if !out.iter().any(|(c, _)| *c == r.top_category) {
            out.push((r.top_category.clone(), out.len() % PALETTE.len()));
        }
    }
    out
}

#[component]
pub fn PublicMapPage() -> impl IntoView {
    let f = use_query_map().with_untracked(|q| {
        let num = |k: &str| q.get(k).and_then(|s| s.trim().parse().ok());
        PublicQuery { q: None, district: num("district"), category: num("category") }
    });
    let load = {
        let f = f.clone();
        // The medical and care facilities have no district or category: shown when unfiltered.
        let facilities = f.district.is_none() && f.category.is_none();
        async move {
            let medical = if facilities { list_public_facilities(FacilityQuery::default()).await?.items } else { Vec::new() };
            Ok((list_public_resources(f).await?, medical, get_map_settings().await?))
        }
    };
    view! {
        <PageTitle text=t::TITLE />
        {leaflet_assets()}
        <h1>{t::TITLE}</h1>
        <PublicTabs current="/public/resources/map" />
        <p class="lead">{t::LEAD}</p>
        {loaded(load, move |(list, medical, settings)| {
            let colours = colours(&list.items);
            let index = |top: &str| colours.iter().find(|(c, _)| c == top).map(|(_, i)| *i).unwrap_or(0);
            // The list's swatches use classes (the policy allows no inline style).
            let swatch = move |top: &str| format!("swatch c{}", index(top));
            let mut markers: Vec<MapMarker> = list
                .items
                .iter()
                .filter_map(|r| Some(MapMarker { href: format!("/public/resources/{}", r.id), name: r.name.clone(), color: PALETTE[index(&r.top_category)].to_string(), lat: r.latitude?, lon: r.longitude? }))
                .collect();
            markers.extend(medical.iter().filter_map(|m| {
                Some(MapMarker { href: format!("/public/resources/medical#facility-{}", m.id), name: m.name.clone(), color: MEDICAL_COLOUR.1.to_string(), lat: m.latitude?, lon: m.longitude? })
            }));
            view! {
                <form method="get" action="/public/resources/map" class="filters card no-print" role="search">
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
                    <div class="actions"><button type="submit">{t::SHOW}</button></div>
                </form>
                <ResourceMap markers tiles=settings.tiles attribution=settings.attribution label=t::MAP_LABEL.to_string() />
                <p class="legend js-only" aria-label=t::LEGEND>
                    {colours.iter().map(|(name, i)| view! { <span class="legend-item"><span class=format!("swatch c{i}")>"●"</span> {name.clone()}</span> }).collect_view()}
                    {(!medical.is_empty()).then(|| view! { <span class="legend-item"><span class=format!("swatch c{}", MEDICAL_COLOUR.0)>"●"</span> {t::MEDICAL}</span> })}
                </p>
                <h2>{t::LIST}</h2>
                <p class="muted" data-testid="public-count">{list.items.len()} {t::COUNT} " " {list.as_of.clone()}</p>
                {if list.items.is_empty() {
                    view! { <p class="empty">{t::EMPTY}</p> }.into_any()
                } else {
                    view! {
                        <ul class="map-list" data-testid="map-list">
                            {list.items.into_iter().map(|r| {
                                let place = [r.place.clone(), r.address.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
                                let located = r.latitude.is_some();
                                view! {
                                    <li>
                                        <span class=swatch(&r.top_category)>"●"</span> " "
                                        <a href=format!("/public/resources/{}", r.id)>{r.name}</a>
                                        <span class="muted">" " {r.category}</span>
                                        <br />{place} {(!located).then_some(t::NO_PLACE)}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {(!medical.is_empty()).then(|| view! {
                    <h2>{t::MEDICAL}</h2>
                    <ul class="map-list" data-testid="map-facilities">
                        {medical.iter().map(|m| view! {
                            <li>
                                <span class=format!("swatch c{}", MEDICAL_COLOUR.0)>"●"</span> " "
                                <a href=format!("/public/resources/medical#facility-{}", m.id)>{m.name.clone()}</a>
                                <span class="muted">" " {m.kind.clone()}</span>
                                <br />{m.address.clone()} {m.latitude.is_none().then_some(t::NO_PLACE)}
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            }.into_any()
        })}
    }
}
