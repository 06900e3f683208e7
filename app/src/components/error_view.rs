//! How an `AppError` looks on a page.

use crate::error::AppError;
use leptos::prelude::*;

mod t {
    pub const BACK_HOME: &str = "ホームへ戻る";
}

/// A full error panel: title, message and a way back. Sets the HTTP status during SSR.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::set_response_status(error.status());
    let title = error.title();
    let message = error.to_string();
    view! {
        <section class="error-panel" role="alert">
            <h1>{title}</h1>
            <p>{message}</p>
            <p><a href="/">{t::BACK_HOME}</a></p>
        </section>
    }
}

/// A one-line message where a page's data could not be loaded (under the page's own
/// heading); during SSR the page answers with the error's status, e.g. 403 or 404.
#[component]
pub fn ErrorMessage(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::set_response_status(error.status());
    view! { <p class="error-message" role="alert">{error.to_string()}</p> }
}
