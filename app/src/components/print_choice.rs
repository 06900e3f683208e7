//! Confidential content in print. A page that is not confidential as a whole but shows those
//! who may read the registers a confidential section (a meeting's or a training's issues, the
//! annual report's issue counts) leaves that section out of every print, unless the reader
//! ticks 「部外秘の欄も印刷する」; a print that carries it is marked 部外秘 at the top. The
//! register's own pages always print with the mark. All of it is CSS (`style/main.css`,
//! "Confidential content in print"), so it works without JavaScript and before hydration.
//!
//! A confidential section carries the class `confidential-section`.

use leptos::prelude::*;

mod t {
    pub const PRINT_CONFIDENTIAL: &str = "部外秘の欄も印刷する";
    pub use crate::components::words::CONFIDENTIAL;
}

/// The choice to print the confidential sections too, next to the page's print button. It is
/// shown only while the page has a confidential section (the server sends those only to
/// readers of the registers), so nobody else is offered it.
#[component]
pub fn PrintConfidentialChoice() -> impl IntoView {
    view! {
        <label class="print-choice no-print">
            <input type="checkbox" id="print-confidential" />
            {t::PRINT_CONFIDENTIAL}
        </label>
    }
}

/// The 部外秘 mark at the top of a print: printed when the confidential sections are printed,
/// or on every print with `always` (the register's own pages). Never shown on screen.
#[component]
pub fn ConfidentialPrintMark(#[prop(optional)] always: bool) -> impl IntoView {
    let class = if always { "print-confidential-mark always" } else { "print-confidential-mark" };
    view! { <p class=class aria-hidden="true">{t::CONFIDENTIAL}</p> }
}
