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
            draw_markers(&el, &markers, &tiles, &attribution);
        }
    });
    view! { <div class="resource-map js-only" node_ref=node role="region" aria-label=label data-testid="resource-map"></div> }
}

/// The words of the address look-up (from the form page's strings). `found` has `{}` for
/// the geocoder's name of the place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LookupTexts {
    pub button: String,
    pub empty: String,
    pub searching: String,
    pub found: String,
    pub none: String,
    pub failed: String,
}

/// A map in the resource form: a click sets the latitude and longitude fields
/// (`f-latitude`, `f-longitude`); typing them stays possible. With a geocoder configured,
/// a button looks up the address field (`f-address`) and fills them in.
#[island]
pub fn CoordinatePicker(lat: String, lon: String, tiles: String, attribution: String, hint: String, geocoder: String, lookup: LookupTexts) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    let (found, set_found) = signal(None::<(f64, f64)>);
    let (message, set_message) = signal(String::new());
    // Each look-up's number: an answer to an earlier one, arriving late, is ignored.
    let asked = RwSignal::new(0u32);
    picker_effect(node, lat, lon, tiles, attribution, found);
    let button = (!geocoder.is_empty()).then(|| {
        let label = lookup.button.clone();
        view! {
            <div class="actions">
                <button type="button" class="secondary" data-testid="geocode" on:click=move |_| look_up(&geocoder, &lookup, asked, set_found, set_message)>{label}</button>
                <span role="status" data-testid="geocode-status">{move || message.get()}</span>
            </div>
        }
    });
    view! {
        <div class="js-only">
            {button}
            <p class="hint">{hint}</p>
            <div class="resource-map small" node_ref=node data-testid="coordinate-picker"></div>
        </div>
    }
}

/// Draws the picker's map once its element exists, and moves its pin to each place found.
#[cfg(feature = "hydrate")]
fn picker_effect(node: NodeRef<leptos::html::Div>, lat: String, lon: String, tiles: String, attribution: String, found: ReadSignal<Option<(f64, f64)>>) {
    Effect::new(move |drawn: Option<Option<(leaflet::Map, leaflet::Layer)>>| {
        let drawn = drawn.flatten().or_else(|| {
            let el = node.get()?;
            let current = lat.trim().parse::<f64>().ok().zip(lon.trim().parse::<f64>().ok());
            let (map, pin) = draw(&el, &[], &tiles, &attribution, Some(current))?;
            Some((map, pin?))
        });
        if let (Some((map, pin)), Some((lat, lon))) = (&drawn, found.get()) {
            let at = wasm_bindgen::JsValue::from(js_sys::Array::of2(&lat.into(), &lon.into()));
            pin.set_lat_lng(&at);
            map.set_view(&at, 16.0);
        }
        drawn
    });
}

#[cfg(not(feature = "hydrate"))]
fn picker_effect(_node: NodeRef<leptos::html::Div>, _lat: String, _lon: String, _tiles: String, _attribution: String, _found: ReadSignal<Option<(f64, f64)>>) {}

/// Asks the geocoder for the address field's place; fills in the coordinates, or says why
/// not (nothing typed, nothing found, no connection) and leaves them as they are.
#[cfg(feature = "hydrate")]
fn look_up(template: &str, texts: &LookupTexts, asked: RwSignal<u32>, set_found: WriteSignal<Option<(f64, f64)>>, set_message: WriteSignal<String>) {
    use crate::domain::geocode::{first_place_of, lookup_url};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    let input = |id: &str| document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    let address = input("f-address").map(|i| i.value()).unwrap_or_default();
    if address.trim().is_empty() {
        set_message.set(texts.empty.clone());
        return;
    }
    let Ok(xhr) = web_sys::XmlHttpRequest::new() else { return };
    if xhr.open("GET", &lookup_url(template, &address)).is_err() {
        set_message.set(texts.failed.clone());
        return;
    }
    xhr.set_timeout(10_000);
    set_message.set(texts.searching.clone());
    asked.update(|n| *n += 1);
    let this = asked.get_untracked();
    let failed = texts.failed.clone();
    let texts = texts.clone();
    let done = xhr.clone();
    let on_end = Closure::<dyn FnMut()>::new(move || {
        if asked.get_untracked() != this {
            return;
        }
        let body = (done.status().unwrap_or(0) == 200).then(|| done.response_text().ok().flatten()).flatten();
        match body.as_deref().map(|b| js_sys::JSON::parse(b).ok().map(Js).and_then(|v| first_place_of(&v))) {
            Some(Some(place)) => {
                for (id, v) in [("f-latitude", place.lat), ("f-longitude", place.lon)] {
                    if let Some(i) = input(id) {
                        i.set_value(&format!("{v:.6}"));
                    }
                }
                set_found.set(Some((place.lat, place.lon)));
                set_message.set(texts.found.replace("{}", &place.label));
            }
            Some(None) => set_message.set(texts.none.clone()),
            None => set_message.set(texts.failed.clone()),
        }
    });
    // One handler for every ending: loaded (any status), failed, timed out.
    xhr.set_onloadend(Some(on_end.as_ref().unchecked_ref()));
    on_end.forget();
    if xhr.send().is_err() {
        set_message.set(failed);
    }
}

/// The browser's parsed JSON, read through `JsonValue`.
#[cfg(feature = "hydrate")]
struct Js(wasm_bindgen::JsValue);

#[cfg(feature = "hydrate")]
impl crate::domain::geocode::JsonValue for Js {
    fn at(&self, index: u32) -> Option<Self> {
        let array: &js_sys::Array = wasm_bindgen::JsCast::dyn_ref(&self.0)?;
        (index < array.length()).then(|| Js(array.get(index)))
    }

    fn field(&self, key: &str) -> Option<Self> {
        if !self.0.is_object() {
            return None;
        }
        js_sys::Reflect::get(&self.0, &wasm_bindgen::JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null()).map(Js)
    }

    fn number(&self) -> Option<f64> {
        self.0.as_f64().or_else(|| self.0.as_string().and_then(|s| s.trim().parse().ok()))
    }

    fn text(&self) -> Option<String> {
        self.0.as_string()
    }
}

#[cfg(not(feature = "hydrate"))]
fn look_up(_template: &str, _texts: &LookupTexts, _asked: RwSignal<u32>, _set_found: WriteSignal<Option<(f64, f64)>>, _set_message: WriteSignal<String>) {}

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
fn draw(el: &web_sys::HtmlDivElement, markers: &[MapMarker], tiles: &str, attribution: &str, picker: Option<Option<(f64, f64)>>) -> Option<(leaflet::Map, Option<leaflet::Layer>)> {
    use js_sys::{Array, Object, Reflect};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    // Leaflet's script did not load (blocked, or an old copy): the list stays the way in.
    if !Reflect::has(&window(), &JsValue::from_str("L")).unwrap_or(false) {
        return None;
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
    let Some(current) = picker else { return Some((map, None)) };
    let style = options(&[("radius", 8.into()), ("color", "#c0392b".into())]);
    let (lat, lon) = current.unwrap_or(HOME);
    let pin = leaflet::circle_marker(&point(lat, lon), &style).add_to(&map);
    let moved: leaflet::Layer = JsValue::clone(&pin).unchecked_into();
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        let Ok(at) = Reflect::get(&e, &"latlng".into()) else { return };
        let read = |k: &str| Reflect::get(&at, &k.into()).ok().and_then(|v| v.as_f64());
        let (Some(lat), Some(lon)) = (read("lat"), read("lng")) else { return };
        moved.set_lat_lng(&Array::of2(&lat.into(), &lon.into()).into());
        for (id, v) in [("f-latitude", lat), ("f-longitude", lon)] {
            if let Some(input) = document.get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                input.set_value(&format!("{v:.6}"));
            }
        }
    });
    map.on("click", handler.as_ref().unchecked_ref());
    handler.forget();
    Some((map, Some(pin)))
}

#[cfg(feature = "hydrate")]
fn draw_markers(el: &web_sys::HtmlDivElement, markers: &[MapMarker], tiles: &str, attribution: &str) {
    draw(el, markers, tiles, attribution, None);
}

#[cfg(not(feature = "hydrate"))]
fn draw_markers<E>(_el: &E, _markers: &[MapMarker], _tiles: &str, _attribution: &str) {}
