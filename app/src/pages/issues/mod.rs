//! The confidential issue register (連携の課題): overview, one profession's register, the
//! issue with its actions and history, the form, the year × issue matrix and the routing board.

pub mod detail;
pub mod form;
pub mod matrix;
pub mod overview;
pub mod register;
pub mod routing;

use crate::components::print_choice::ConfidentialPrintMark;
use crate::domain::issues::{IssueStatus, Layer};
use leptos::prelude::*;

mod t {
    pub use crate::components::words::CONFIDENTIAL;
    pub const CONFIDENTIAL_NOTE: &str = "課題リストは該当する職種と共有するためのものです。公開せず、他の職種には見せません。";
}

/// The layer with where it goes: "職種間 → 二次連携".
#[component]
pub fn LayerBadge(layer: Layer) -> impl IntoView {
    view! { <span class=format!("badge layer-{}", layer.code())>{layer.label()} " → " {layer.route()}</span> }
}

#[component]
pub fn StatusBadge(status: IssueStatus) -> impl IntoView {
    view! { <span class=format!("badge status-{}", status.code())>{status.label()}</span> }
}

/// The reminder shown on every register page (and printed with it, under the 部外秘 mark that
/// every print of these pages carries at the top).
#[component]
pub fn ConfidentialNote() -> impl IntoView {
    view! {
        <ConfidentialPrintMark always=true />
        <p class="confidential" role="note"><strong>{t::CONFIDENTIAL}</strong> " " {t::CONFIDENTIAL_NOTE}</p>
    }
}

/// Options of the layer select: "職種間（→ 二次連携）".
pub fn layer_options() -> Vec<(String, String)> {
    Layer::ALL.iter().map(|l| (l.code().to_string(), format!("{}（→ {}）", l.label(), l.route()))).collect()
}

pub fn status_options() -> Vec<(String, String)> {
    IssueStatus::ALL.iter().map(|s| (s.code().to_string(), s.label().to_string())).collect()
}
