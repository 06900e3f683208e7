//! Initiatives (取組): the list (the half-year plan), the form, one initiative with what it
//! groups, and its printable trail (軌跡).

pub mod detail;
pub mod form;
pub mod list;
pub mod trail;

use crate::domain::initiatives::Status;
use leptos::prelude::*;

#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    view! { <span class=format!("badge initiative-{}", status.code())>{status.label()}</span> }
}
