//! Maps drawn with Leaflet (served by the app from `public/vendor/leaflet`, no CDN). The
//! markers are vector circles coloured by category, so they show even when no tile loads;
//! without JavaScript the map is hidden (`js-only`) and the page's list, with addresses,
//! is what a person uses.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A point on the map: its page, name, the category that colours it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapMarker {
    pub href: String,
    pub name: String,
    pub color: String,
    pub lat: f64,
    pub lon: f64,
}

/// Leaflet's stylesheet and script, from the app, before the page's map islands hydrate.
pub fn leaflet_assets() -> impl IntoView {
    view! {
        <link rel="stylesheet" href="/vendor/leaflet/leaflet.css" />
        <script src="/vendor/leaflet/leaflet.js"></script>
    }
}

/// Kamaishi city hall: where a map without markers opens.
#[cfg(feature = "hydrate")]
const HOME: (f64, f64) = (39.2758, 141.8857);

/// The public resource map. `tiles`: a URL template (empty: no tiles); `attribution`: the
/// tile provider's credit (configuration, shown as markup by Leaflet).
#[island]
pub fn ResourceMap(markers: Vec<MapMarker>, tiles: String, attribution: String, label: String) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            draw(&el, &markers, &tiles, &attribution, None);
        }
    });
    view! { <div class="resource-map js-only" node_ref=node role="region" aria-label=label data-testid="resource-map"></div> }
}

/// A map in the resource form: a click sets the latitude and longitude fields
/// (`f-latitude`, `f-longitude`); typing them stays possible.
#[island]
pub fn CoordinatePicker(lat: String, lon: String, tiles: String, attribution: String, hint: String) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            let current = lat.trim().parse::<f64>().ok().zip(lon.trim().parse::<f64>().ok());
            draw(&el, &[], &tiles, &attribution, Some(current));
        }
    });
    view! {
        <div class="js-only">
            <p class="hint">{hint}</p>
            <div class="resource-map small" node_ref=node data-testid="coordinate-picker"></div>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod leaflet {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        pub type Map;
        pub type Layer;

        #[wasm_bindgen(js_namespace = L, js_name = map)]
        pub fn map(el: &web_sys::HtmlElement) -> Map;
        #[wasm_bindgen(method, js_name = setView)]
        pub fn set_view(this: &Map, center: &JsValue, zoom: f64) -> Map;
        #[wasm_bindgen(method, js_name = fitBounds)]
        pub fn fit_bounds(this: &Map, bounds: &JsValue, options: &JsValue) -> Map;
        #[wasm_bindgen(method)]
        pub fn on(this: &Map, event: &str, handler: &js_sys::Function) -> Map;

        #[wasm_bindgen(js_namespace = L, js_name = tileLayer)]
        pub fn tile_layer(url: &str, options: &JsValue) -> Layer;
        #[wasm_bindgen(js_namespace = L, js_name = circleMarker)]
        pub fn circle_marker(at: &JsValue, options: &JsValue) -> Layer;
        #[wasm_bindgen(method, js_name = addTo)]
        pub fn add_to(this: &Layer, map: &Map) -> Layer;
        #[wasm_bindgen(method, js_name = bindPopup)]
        pub fn bind_popup(this: &Layer, content: &web_sys::HtmlElement) -> Layer;
        #[wasm_bindgen(method, js_name = setLatLng)]
        pub fn set_lat_lng(this: &Layer, at: &JsValue) -> Layer;
    }
}

#[cfg(feature = "hydrate")]
fn draw(el: &web_sys::HtmlDivElement, markers: &[MapMarker], tiles: &str, attribution: &str, picker: Option<Option<(f64, f64)>>) {
    use js_sys::{Array, Object, Reflect};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    // Leaflet's script did not load (blocked, or an old copy): the list stays the way in.
    if !Reflect::has(&window(), &JsValue::from_str("L")).unwrap_or(false) {
        return;
    }
    let options = |pairs: &[(&str, JsValue)]| {
        let o = Object::new();
        for (k, v) in pairs {
            let _ = Reflect::set(&o, &JsValue::from_str(k), v);
        }
        JsValue::from(o)
    };
    let point = |lat: f64, lon: f64| JsValue::from(Array::of2(&lat.into(), &lon.into()));
    let map = leaflet::map(el.unchecked_ref());
    if !tiles.is_empty() {
        leaflet::tile_layer(tiles, &options(&[("attribution", attribution.into()), ("maxZoom", 18.into())])).add_to(&map);
    }
    let document = document();
    for m in markers {
        let style = options(&[("radius", 8.into()), ("color", m.color.as_str().into()), ("fillColor", m.color.as_str().into()), ("fillOpacity", 0.8.into()), ("weight", 2.into())]);
        let marker = leaflet::circle_marker(&point(m.lat, m.lon), &style).add_to(&map);
        // The popup is built as elements: a name is text, never markup.
        if let Ok(link) = document.create_element("a") {
            let _ = link.set_attribute("href", &m.href);
            link.set_text_content(Some(&m.name));
            marker.bind_popup(link.unchecked_ref());
        }
    }
    match (markers, picker) {
        ([], Some(Some((lat, lon)))) => {
            map.set_view(&point(lat, lon), 15.0);
        }
        ([], _) => {
            map.set_view(&point(HOME.0, HOME.1), 12.0);
        }
        ([one], _) => {
            map.set_view(&point(one.lat, one.lon), 15.0);
        }
        (many, _) => {
            let bounds = Array::new();
            for m in many {
                bounds.push(&point(m.lat, m.lon));
            }
            map.fit_bounds(&bounds.into(), &options(&[("padding", Array::of2(&24.into(), &24.into()).into())]));
        }
    }
    if let Some(current) = picker {
        let style = options(&[("radius", 8.into()), ("color", "#c0392b".into())]);
        let (lat, lon) = current.unwrap_or(HOME);
        let pin = leaflet::circle_marker(&point(lat, lon), &style).add_to(&map);
        let handler = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let Ok(at) = Reflect::get(&e, &"latlng".into()) else { return };
            let read = |k: &str| Reflect::get(&at, &k.into()).ok().and_then(|v| v.as_f64());
            let (Some(lat), Some(lon)) = (read("lat"), read("lng")) else { return };
            pin.set_lat_lng(&Array::of2(&lat.into(), &lon.into()).into());
            for (id, v) in [("f-latitude", lat), ("f-longitude", lon)] {
                if let Some(input) = document.get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                    input.set_value(&format!("{v:.6}"));
                }
            }
        });
        map.on("click", handler.as_ref().unchecked_ref());
        handler.forget();
    }
}

#[cfg(not(feature = "hydrate"))]
fn draw<E>(_el: &E, _markers: &[MapMarker], _tiles: &str, _attribution: &str, _picker: Option<Option<(f64, f64)>>) {}
