use crate::components::error_view::ErrorPanel;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

mod t {
    pub const TITLE: &str = "ページが見つかりません";
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text=t::TITLE />
        <ErrorPanel error=AppError::NotFound />
    }
}
