//! A button that opens the browser's print dialog. Hidden without JavaScript (`js-only`),
//! where the browser's own menu prints the page.

use leptos::prelude::*;

/// `label`: the button's text (e.g. 「印刷（A4横）」); `class`: extra classes (e.g. `no-print`).
#[island]
pub fn PrintButton(label: String, #[prop(optional)] class: Option<String>) -> impl IntoView {
    let class = match class {
        Some(extra) => format!("secondary js-only {extra}"),
        None => "secondary js-only".to_string(),
    };
    view! {
        <button type="button" class=class on:click=move |_| print()>
            {label}
        </button>
    }
}

#[cfg(feature = "hydrate")]
fn print() {
    let _ = window().print();
}

#[cfg(not(feature = "hydrate"))]
fn print() {}
