//! Renkei: the app crate. Pages are rendered by the server (feature `ssr`); the browser
//! bundle (feature `hydrate`) holds only the islands (`components::islands` and the few in
//! pages); `domain` is pure logic.
#![recursion_limit = "256"]

pub mod api;
pub mod dto;
pub mod app;
pub mod components;
pub mod domain;
pub mod error;
pub mod clock;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Only islands hydrate (leptos' island script calls `hydrateIslands` right after this,
    // in the same task); the rest of the page is the server's HTML as it came.
    leptos::mount::hydrate_islands();
    // A marker for tests and styles: the page is now interactive.
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}
