//! The menu button of narrow screens: opens and closes the navigation. Without JavaScript
//! the menu stays open (see `style/main.css`).

use leptos::prelude::*;

mod t {
    pub const MENU: &str = "メニュー";
    pub const NAV_LABEL: &str = "メインメニュー";
}

/// The toggle and the navigation it opens; `children` (the links) are rendered on the server.
#[island]
pub fn SiteMenu(children: Children) -> impl IntoView {
    let (open, set_open) = signal(false);
    view! {
        <button
            type="button"
            class="menu-toggle"
            aria-controls="site-nav"
            aria-expanded=move || open.get().to_string()
            on:click=move |_| set_open.update(|o| *o = !*o)
        >
            {t::MENU}
        </button>
        <nav id="site-nav" class="site-nav" class:open=move || open.get() aria-label=t::NAV_LABEL>
            {children()}
        </nav>
    }
}
