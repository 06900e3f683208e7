//! The document shell and the routes.

use crate::components::layout::Layout;
use crate::pages;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::security::set_document_csp();
    view! {
        <!DOCTYPE html>
        <html lang="ja">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="main" href="/pkg/renkei.css" />
        <Title formatter=|page: String| {
            if page.is_empty() { "Renkei 連携".to_string() } else { format!("{page} | Renkei 連携") }
        } />
        <Router>
            <Layout>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::HomePage />
                    <Route path=path!("/tools/fiscal-year") view=pages::fiscal_year::FiscalYearPage />
                    <Route path=path!("/about") view=pages::about::AboutPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
