//! Header, navigation and footer around every page.

use leptos::prelude::*;
use leptos_router::components::A;

mod t {
    pub const PRODUCT: &str = "Renkei";
    pub const PRODUCT_JA: &str = "連携";
    pub const TAGLINE: &str = "在宅医療・介護連携 コーディネーター支援";
    pub const SKIP: &str = "本文へ移動";
    pub const MENU: &str = "メニュー";
    pub const NAV_LABEL: &str = "メインメニュー";
    pub const FOOTER: &str = "Renkei — 地域包括ケアの連携を記録し、引き継ぐために";
    pub const NAV: &[(&str, &str)] = &[
        ("/", "ホーム"),
        ("/tools/fiscal-year", "年度・和暦"),
        ("/about", "システム情報"),
    ];
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let (menu_open, set_menu_open) = signal(false);
    view! {
        <a class="skip-link" href="#main">{t::SKIP}</a>
        <header class="site-header">
            <div class="brand">
                <a href="/" class="brand-link">
                    <span class="brand-name">{t::PRODUCT}</span>
                    <span class="brand-ja">{t::PRODUCT_JA}</span>
                </a>
                <span class="brand-tagline">{t::TAGLINE}</span>
            </div>
            <button
                type="button"
                class="menu-toggle"
                aria-controls="site-nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| set_menu_open.update(|o| *o = !*o)
            >
                {t::MENU}
            </button>
            <nav
                id="site-nav"
                class="site-nav"
                class:open=move || menu_open.get()
                aria-label=t::NAV_LABEL
            >
                <ul>
                    {t::NAV
                        .iter()
                        .map(|(href, label)| {
                            view! {
                                <li>
                                    <A href=*href on:click=move |_| set_menu_open.set(false)>{*label}</A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </header>
        <main id="main" class="site-main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">{t::FOOTER}</footer>
    }
}
