//! The type-ahead and chips of a long checkbox list (the meeting form's organisations and
//! attendees). The list itself is the server's HTML and works as it is without JavaScript;
//! this island only enhances it, by id, so that the form posts the same fields either way:
//! a filter that hides the rows that do not match (name or reading, kana and width folded),
//! the ticked items as chips with a button to untick each, and, for the people, the groups
//! of the ticked organisations moved to the top.
//!
//! The list it is given (`target`) holds rows `.picker-row` with `data-name` and `data-kana`
//! around one checkbox each (`data-name` on the checkbox too), optionally in groups
//! `.picker-group` with `data-organisation` (an organisation's id) and `data-index` (their
//! order as drawn).

use leptos::prelude::*;

/// `target`: the id of the box of checkboxes; `label`: the filter's label; `chosen`: the
/// chips list's accessible name; `remove`: the chip button's accessible name with `{}` for
/// the item's name; `none`: said when nothing matches; `first_of`: the id of a box of
/// organisation checkboxes whose ticked organisations' groups come first in `target`.
#[island]
pub fn CheckboxPicker(
    target: String,
    label: String,
    chosen: String,
    remove: String,
    none: String,
    #[prop(optional)] first_of: Option<String>,
) -> impl IntoView {
    let chips = RwSignal::new(Vec::<(String, String)>::new());
    let nothing = RwSignal::new(false);
    let filter_ref = NodeRef::<leptos::html::Input>::new();
    let filter_id = format!("{target}-filter");
    watch(target.clone(), first_of, chips);
    let filter_target = target.clone();
    let chip_list = move || {
        chips
            .get()
            .into_iter()
            .map(|(id, name)| {
                let aria = remove.replace("{}", &name);
                view! {
                    <li class="chip">
                        <span>{name}</span>
                        <button type="button" class="chip-remove" aria-label=aria on:click=move |_| untick(&id, filter_ref)>"×"</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="picker-tools js-only" data-testid=format!("{target}-picker")>
            <label for=filter_id.clone() class="picker-label">{label}</label>
            <input id=filter_id type="search" autocomplete="off" node_ref=filter_ref aria-controls=target.clone() on:input=move |ev| nothing.set(!filter_rows(&filter_target, &event_target_value(&ev)))
                on:keydown=move |ev| {
                    // Enter in the filter would send the half-filled meeting form.
                    if ev.key() == "Enter" {
                        ev.prevent_default();
                    }
                } />
            <p class="hint" role="status" hidden=move || !nothing.get()>{none}</p>
            <ul class="chips" aria-label=chosen hidden=move || chips.with(|c| c.is_empty())>
                {chip_list}
            </ul>
        </div>
    }
}

/// Once hydrated: the chips of what is ticked now, kept up to date as boxes change (one
/// listener on the box: `change` bubbles), and the ticked organisations' groups first.
#[cfg(feature = "hydrate")]
fn watch(target: String, first_of: Option<String>, chips: RwSignal<Vec<(String, String)>>) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    Effect::new(move |_| {
        let Some(list) = document().get_element_by_id(&target) else { return };
        chips.set(ticked(&list));
        let on_change = Closure::<dyn FnMut()>::new({
            let list = list.clone();
            move || chips.set(ticked(&list))
        });
        let _ = list.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
        let Some(organisations) = first_of.as_deref().and_then(|id| document().get_element_by_id(id)) else { return };
        chosen_first(&list, &organisations);
        let on_organisations = Closure::<dyn FnMut()>::new({
            let organisations = organisations.clone();
            move || chosen_first(&list, &organisations)
        });
        let _ = organisations.add_event_listener_with_callback("change", on_organisations.as_ref().unchecked_ref());
        on_organisations.forget();
    });
}

#[cfg(not(feature = "hydrate"))]
fn watch(_target: String, _first_of: Option<String>, _chips: RwSignal<Vec<(String, String)>>) {}

/// The elements under `root` that match `selector`.
#[cfg(feature = "hydrate")]
fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    use wasm_bindgen::JsCast;
    let Ok(nodes) = root.query_selector_all(selector) else { return Vec::new() };
    (0..nodes.length()).filter_map(|i| nodes.get(i)).filter_map(|n| n.dyn_into::<web_sys::Element>().ok()).collect()
}

/// The ticked checkboxes of the box: (element id, name), in the box's order.
#[cfg(feature = "hydrate")]
fn ticked(list: &web_sys::Element) -> Vec<(String, String)> {
    all(list, "input[type=checkbox]:checked").into_iter().map(|i| (i.id(), i.get_attribute("data-name").unwrap_or_default())).collect()
}

/// Hides the rows that do not match what is typed, and the groups left empty; true when
/// some row is still shown.
#[cfg(feature = "hydrate")]
fn filter_rows(target: &str, typed: &str) -> bool {
    use crate::domain::text::filter_matches;
    let Some(list) = document().get_element_by_id(target) else { return true };
    let mut any = false;
    for row in all(&list, ".picker-row") {
        let (name, kana) = (row.get_attribute("data-name").unwrap_or_default(), row.get_attribute("data-kana").unwrap_or_default());
        let shown = filter_matches(&[name.as_str(), kana.as_str()], typed);
        any |= shown;
        set_hidden(&row, !shown);
    }
    for group in all(&list, ".picker-group") {
        let empty = group.query_selector(".picker-row:not([hidden])").ok().flatten().is_none();
        set_hidden(&group, empty);
    }
    any
}

#[cfg(not(feature = "hydrate"))]
fn filter_rows(_target: &str, _typed: &str) -> bool {
    true
}

#[cfg(feature = "hydrate")]
fn set_hidden(el: &web_sys::Element, hidden: bool) {
    let _ = if hidden { el.set_attribute("hidden", "") } else { el.remove_attribute("hidden") };
}

/// Unticks a chip's checkbox by clicking it, so that the browser sends `change` (the chips,
/// and the people's order when it is an organisation, follow), then returns to the filter:
/// the chip's button is gone.
#[cfg(feature = "hydrate")]
fn untick(id: &str, filter: NodeRef<leptos::html::Input>) {
    use wasm_bindgen::JsCast;
    if let Some(input) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        if input.checked() {
            input.click();
        }
    }
    if let Some(f) = filter.get_untracked() {
        let _ = f.focus();
    }
}

#[cfg(not(feature = "hydrate"))]
fn untick(_id: &str, _filter: NodeRef<leptos::html::Input>) {}

/// Moves the groups of the ticked organisations to the top of the people's box, the others
/// back in their drawn order (`data-index`): moved in the document, not only on screen, so
/// that the keyboard and screen readers meet them in the order seen.
#[cfg(feature = "hydrate")]
fn chosen_first(list: &web_sys::Element, organisations: &web_sys::Element) {
    let ticked_ids: Vec<String> = all(organisations, "input[type=checkbox]:checked").into_iter().filter_map(|i| i.get_attribute("value")).collect();
    let mut groups: Vec<(bool, u32, web_sys::Element)> = all(list, ".picker-group")
        .into_iter()
        .map(|g| {
            let chosen = g.get_attribute("data-organisation").is_some_and(|o| ticked_ids.contains(&o));
            let index = g.get_attribute("data-index").and_then(|i| i.parse().ok()).unwrap_or(u32::MAX);
            (chosen, index, g)
        })
        .collect();
    groups.sort_by_key(|(chosen, index, _)| (!chosen, *index));
    for (chosen, _, g) in groups {
        let _ = if chosen { g.set_attribute("data-chosen", "") } else { g.remove_attribute("data-chosen") };
        let _ = list.append_child(&g);
    }
}
