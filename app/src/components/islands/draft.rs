//! Keeps what is typed into a record's form as a draft in the browser (`localStorage`),
//! warns before a changed form is left (the menu, a link, closing the tab), and offers a
//! draft left behind to be restored. Rendered just before the form it guards; without
//! JavaScript it is an empty container and the form works as before.
//!
//! The draft is removed when the form is sent. A save the server refuses comes back as the
//! form refilled, with an error summary: that input is still unsaved, so it counts as changed.

use crate::domain::drafts::{self, Draft};
use leptos::prelude::*;

mod t {
    /// `{}`: when the draft was saved ("2026/12/03 10:15").
    pub const NOTICE: &str = "保存していない入力があります（{} に自動保存）。";
    pub const RESTORE: &str = "復元する";
    pub const DISCARD: &str = "破棄する";
}

/// The draft keeper of the form `form_id` (its `id` attribute). `key` names the form and the
/// record: "meeting-new", "meeting-12"; the signed-in user is added. `warn_only` forms
/// (confidential issues, consultations with personal data) only warn before being left:
/// their text is never written to the browser's storage, which outlives the session.
#[component]
pub fn FormDraft(form_id: &'static str, #[prop(into)] key: String, #[prop(optional)] warn_only: bool) -> impl IntoView {
    let user = crate::components::session::use_user().get_untracked().map(|u| u.id).unwrap_or_default();
    let key = if warn_only { String::new() } else { drafts::storage_key(user, &key) };
    view! { <DraftKeeper form_id=form_id.to_string() key /> }
}

/// `key`: the storage key of the draft (`drafts::storage_key`).
#[island]
fn DraftKeeper(form_id: String, key: String) -> impl IntoView {
    let offered = RwSignal::new(None::<Draft>);
    // The form is wired up at once, before anything can be typed; the notice is shown once
    // the island is hydrated (the server rendered none).
    let mut left = watch(&form_id, &key);
    Effect::new(move |_| {
        if let Some(draft) = left.take() {
            offered.set(Some(draft));
        }
    });
    let notice = move || {
        offered.get().map(|draft| {
            let text = t::NOTICE.replace("{}", &saved_at(draft.saved_at));
            let form = form_id.clone();
            let stored = key.clone();
            let fields = draft.fields;
            let version = draft.version;
            let saved = draft.saved_at;
            view! {
                <div class="warning" role="status" data-testid="draft-notice">
                    <p>{text}</p>
                    <div class="actions">
                        <button type="button" on:click=move |_| {
                            restore(&form, &fields, version.as_deref());
                            offered.set(None);
                        }>{t::RESTORE}</button>
                        <button type="button" class="secondary" on:click=move |_| {
                            discard(&stored, saved);
                            offered.set(None);
                        }>{t::DISCARD}</button>
                    </div>
                </div>
            }
        })
    };
    view! { <div class="form-draft" data-testid="form-draft">{notice}</div> }
}

#[cfg(feature = "hydrate")]
use browser::{discard, restore, saved_at, watch};

#[cfg(not(feature = "hydrate"))]
fn watch(_form_id: &str, _key: &str) -> Option<Draft> {
    None
}

#[cfg(not(feature = "hydrate"))]
fn restore(_form_id: &str, _fields: &[(String, String)], _version: Option<&str>) {}

#[cfg(not(feature = "hydrate"))]
fn discard(_key: &str, _saved_at: i64) {}

#[cfg(not(feature = "hydrate"))]
fn saved_at(_ms: i64) -> String {
    String::new()
}

#[cfg(feature = "hydrate")]
mod browser {
    use crate::domain::drafts::{self, Draft};
    use leptos::prelude::{document, window};
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{HtmlFormElement, HtmlInputElement, HtmlOptionElement, HtmlSelectElement, HtmlTextAreaElement};

    /// A field of the form that a draft keeps.
    enum Control {
        Input(HtmlInputElement),
        Area(HtmlTextAreaElement),
        Select(HtmlSelectElement),
    }

    fn now() -> i64 {
        js_sys::Date::now() as i64
    }

    /// The browser's storage; none when it is switched off, or for a form that is only
    /// guarded (no key): then nothing is kept.
    fn storage(key: &str) -> Option<web_sys::Storage> {
        if key.is_empty() {
            return None;
        }
        window().local_storage().ok().flatten()
    }

    fn load(key: &str) -> Option<Draft> {
        let text = storage(key)?.get_item(key).ok().flatten()?;
        drafts::decode(&text)
    }

    fn store(key: &str, form: &HtmlFormElement) {
        if let Some(s) = storage(key) {
            // Full storage: the warning before leaving still protects the input.
            let draft = Draft { saved_at: now(), fields: read(form), version: version_input(form).map(|e| e.value()) };
            let _ = s.set_item(key, &drafts::encode(&draft));
        }
    }

    fn remove(key: &str) {
        if let Some(s) = storage(key) {
            let _ = s.remove_item(key);
        }
    }

    /// The form's hidden `version` field (forms of records being edited have one).
    fn version_input(form: &HtmlFormElement) -> Option<HtmlInputElement> {
        form.query_selector("input[name=version]").ok().flatten()?.dyn_into::<HtmlInputElement>().ok()
    }

    fn form_by_id(id: &str) -> Option<HtmlFormElement> {
        document().get_element_by_id(id)?.dyn_into::<HtmlFormElement>().ok()
    }

    fn is_checkable(input: &HtmlInputElement) -> bool {
        matches!(input.type_().as_str(), "checkbox" | "radio")
    }

    /// The form's fields a draft keeps, in page order.
    fn controls(form: &HtmlFormElement) -> Vec<Control> {
        let Ok(list) = form.query_selector_all("input[name], textarea[name], select[name]") else { return Vec::new() };
        let mut out = Vec::new();
        for i in 0..list.length() {
            let Some(node) = list.item(i) else { continue };
            if let Some(e) = node.dyn_ref::<HtmlInputElement>() {
                if drafts::keeps(&e.name(), &e.type_()) {
                    out.push(Control::Input(e.clone()));
                }
            } else if let Some(e) = node.dyn_ref::<HtmlTextAreaElement>() {
                if drafts::keeps(&e.name(), "textarea") {
                    out.push(Control::Area(e.clone()));
                }
            } else if let Some(e) = node.dyn_ref::<HtmlSelectElement>() {
                if drafts::keeps(&e.name(), "select") {
                    out.push(Control::Select(e.clone()));
                }
            }
        }
        out
    }

    fn options(select: &HtmlSelectElement) -> Vec<HtmlOptionElement> {
        let Ok(list) = select.query_selector_all("option") else { return Vec::new() };
        (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<HtmlOptionElement>().ok()).collect()
    }

    /// What the form holds now: each field's value, each ticked box and chosen option.
    fn read(form: &HtmlFormElement) -> Vec<(String, String)> {
        let mut fields = Vec::new();
        for control in controls(form) {
            match control {
                Control::Input(e) => {
                    if !is_checkable(&e) || e.checked() {
                        fields.push((e.name(), e.value()));
                    }
                }
                Control::Area(e) => fields.push((e.name(), e.value())),
                Control::Select(e) if e.multiple() => {
                    for o in options(&e) {
                        if o.selected() {
                            fields.push((e.name(), o.value()));
                        }
                    }
                }
                Control::Select(e) => fields.push((e.name(), e.value())),
            }
        }
        fields
    }

    /// Wires the form up: a draft saved on each change, a warning before leaving it changed,
    /// the draft removed when it is sent. Returns the draft left behind to offer, if it is
    /// recent and holds something the form does not show.
    pub fn watch(form_id: &str, key: &str) -> Option<Draft> {
        let form = form_by_id(form_id)?;
        let left = load(key).filter(|d| !drafts::is_expired(d.saved_at, now()) && drafts::differs(&d.fields, &read(&form)));
        if left.is_none() {
            remove(key);
        }
        let dirty = Rc::new(Cell::new(false));
        // A refused save, refilled: not saved yet (the draft went when it was sent).
        if form.query_selector(".error-summary").ok().flatten().is_some() {
            dirty.set(true);
            store(key, &form);
        }
        let edited = {
            let (dirty, key, form) = (dirty.clone(), key.to_string(), form.clone());
            Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                // Fields only (and the restore, sent to the form itself): typing into a
                // picker's filter box changes nothing that is saved.
                let counts = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| {
                    el.has_attribute("name") || el.dyn_ref::<HtmlFormElement>().is_some()
                });
                if counts {
                    dirty.set(true);
                    store(&key, &form);
                }
            })
        };
        for event in ["input", "change"] {
            let _ = form.add_event_listener_with_callback(event, edited.as_ref().unchecked_ref());
        }
        edited.forget();
        let sent = {
            let (dirty, key) = (dirty.clone(), key.to_string());
            Closure::<dyn FnMut()>::new(move || {
                dirty.set(false);
                remove(&key);
            })
        };
        let _ = form.add_event_listener_with_callback("submit", sent.as_ref().unchecked_ref());
        sent.forget();
        let leaving = Closure::<dyn FnMut(web_sys::BeforeUnloadEvent)>::new(move |e: web_sys::BeforeUnloadEvent| {
            if dirty.get() && interacted() {
                // Both ways of asking: browsers show their own words, never these.
                e.prevent_default();
                e.set_return_value("unsaved");
            }
        });
        let _ = window().add_event_listener_with_callback("beforeunload", leaving.as_ref().unchecked_ref());
        leaving.forget();
        left
    }

    /// Whether the user has interacted with the page, where the browser says
    /// (`navigator.userActivation`): Chromium asks before leaving only then, and otherwise
    /// logs its refusal as a console error.
    fn interacted() -> bool {
        use wasm_bindgen::JsValue;
        let get = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &JsValue::from_str(k)).ok().filter(|v| !v.is_undefined() && !v.is_null());
        let w: JsValue = window().into();
        get(&w, "navigator").and_then(|n| get(&n, "userActivation")).and_then(|a| get(&a, "hasBeenActive")).and_then(|b| b.as_bool()).unwrap_or(true)
    }

    /// Tells the listeners that a field changed (as typing would): the pickers' chips, and
    /// this form's own listener, which marks the form changed and keeps the draft.
    fn changed(target: &web_sys::EventTarget) {
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let Ok(event) = web_sys::Event::new_with_event_init_dict("change", &init) {
            let _ = target.dispatch_event(&event);
        }
    }

    /// Fills the form from the draft; the boxes and options it changes report it.
    pub fn restore(form_id: &str, fields: &[(String, String)], version: Option<&str>) {
        let Some(form) = form_by_id(form_id) else { return };
        // The draft was typed over this version: if the record changed since, the save is
        // refused as a conflict (with the input kept) rather than overwriting the change.
        if let (Some(v), Some(input)) = (version, version_input(&form)) {
            input.set_value(v);
        }
        // How many fields of each name are filled so far (`support[]` repeats).
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut next = |name: String| {
            let n = seen.entry(name.clone()).or_insert(0);
            let value = drafts::nth_value(fields, &name, *n).map(str::to_string);
            *n += 1;
            value
        };
        for control in controls(&form) {
            match control {
                Control::Input(e) if is_checkable(&e) => {
                    let chosen = drafts::is_chosen(fields, &e.name(), &e.value());
                    if e.checked() != chosen {
                        e.set_checked(chosen);
                        changed(&e);
                    }
                }
                Control::Input(e) => {
                    if let Some(v) = next(e.name()) {
                        e.set_value(&v);
                    }
                }
                Control::Area(e) => {
                    if let Some(v) = next(e.name()) {
                        e.set_value(&v);
                    }
                }
                Control::Select(e) if e.multiple() => {
                    let name = e.name();
                    let mut moved = false;
                    for o in options(&e) {
                        let chosen = drafts::is_chosen(fields, &name, &o.value());
                        moved |= o.selected() != chosen;
                        o.set_selected(chosen);
                    }
                    if moved {
                        changed(&e);
                    }
                }
                Control::Select(e) => {
                    if let Some(v) = next(e.name()) {
                        e.set_value(&v);
                    }
                }
            }
        }
        changed(&form);
    }

    /// Removes the offered draft, unless the form has saved a newer one since.
    pub fn discard(key: &str, saved_at: i64) {
        if load(key).is_some_and(|d| d.saved_at == saved_at) {
            remove(key);
        }
    }

    /// When a draft was saved, in the browser's time zone.
    pub fn saved_at(ms: i64) -> String {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
        drafts::saved_label(d.get_full_year(), d.get_month() + 1, d.get_date(), d.get_hours(), d.get_minutes())
    }
}
