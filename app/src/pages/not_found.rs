use crate::components::error_view::ErrorPanel;
use crate::error::AppError;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;

mod t {
    pub const TITLE: &str = "ページが見つかりません";
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <PageTitle text=t::TITLE />
        <ErrorPanel error=AppError::NotFound />
    }
}
