//! Content Security Policy. Pages get a per-response nonce for Leptos' inline hydration script;
//! everything else gets the static policy set by the server's header layer.

use leptos::prelude::*;

/// The policy for responses without inline scripts (assets, server functions, errors).
pub const STATIC_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
    object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// The policy for an HTML page whose inline scripts carry `nonce`; `tiles`: the origin the
/// maps' tile images come from, `geocoder`: the address look-up's, if any.
pub fn document_csp(nonce: &str, tiles: Option<&str>, geocoder: Option<&str>) -> String {
    let tiles = tiles.map(|t| format!(" {t}")).unwrap_or_default();
    let geocoder = geocoder.map(|g| format!(" {g}")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:{tiles}; connect-src 'self'{geocoder}; font-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Sets the page's CSP header from the nonce leptos_axum generated for this response.
pub fn set_document_csp() {
    let Some(nonce) = leptos::nonce::use_nonce() else { return };
    let Some(opts) = use_context::<leptos_axum::ResponseOptions>() else { return };
    let map = crate::server::state().ok().map(|s| s.map);
    let tiles = map.as_ref().and_then(|m| m.tile_origin());
    let geocoder = map.as_ref().and_then(|m| m.geocoder_origin());
    if let Ok(value) = http::HeaderValue::from_str(&document_csp(&nonce, tiles.as_deref(), geocoder.as_deref())) {
        opts.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
