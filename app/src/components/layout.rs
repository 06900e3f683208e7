//! Header, navigation and footer around every page.

use super::session::provide_session;
use crate::api::auth::{Logout, SessionInfo};
use crate::domain::Permission;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

mod t {
    pub const PRODUCT: &str = "Renkei";
    pub const PRODUCT_JA: &str = "連携";
    pub const TAGLINE: &str = "在宅医療・介護連携 コーディネーター支援";
    pub const SKIP: &str = "本文へ移動";
    pub const MENU: &str = "メニュー";
    pub const NAV_LABEL: &str = "メインメニュー";
    pub const LOGOUT: &str = "ログアウト";
    pub const ACCOUNT: &str = "パスワード変更";
    pub const DEMO: &str = "デモ環境です。表示されている機関・人物・記録はすべて架空のものです。";
    pub const FOOTER: &str = "Renkei — 地域包括ケアの連携を記録し、引き継ぐために";
    /// (path, label, permission needed to see the link)
    pub const NAV: &[(&str, &str, Option<super::Permission>)] = &[
        ("/", "ホーム", None),
        ("/meetings", "会議", Some(super::Permission::ReadMeetings)),
        ("/meetings/calendar", "カレンダー", Some(super::Permission::ReadMeetings)),
        ("/meetings/timeline", "連携の歩み", Some(super::Permission::ReadMeetings)),
        ("/meetings/follow-ups", "フォローアップ", Some(super::Permission::ReadMeetings)),
        ("/trainings", "研修", Some(super::Permission::ReadTrainings)),
        ("/issues", "課題", Some(super::Permission::ReadIssues)),
        ("/consultations", "相談記録", Some(super::Permission::ReadConsultations)),
        ("/consultations/trends", "相談の推移", Some(super::Permission::ReadConsultationTrends)),
        ("/report", "事業報告", Some(super::Permission::ReadMeetings)),
        ("/directory/organisations", "機関・団体", Some(super::Permission::ReadDirectory)),
        ("/directory/people", "人", Some(super::Permission::ReadDirectory)),
        ("/directory/professions", "職種", Some(super::Permission::ReadDirectory)),
        ("/tools/fiscal-year", "年度・和暦", None),
        ("/admin/users", "ユーザー管理", Some(super::Permission::ManageUsers)),
        ("/admin/audit", "監査ログ", Some(super::Permission::ReadAudit)),
        ("/about", "システム情報", None),
    ];
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let (menu_open, set_menu_open) = signal(false);
    let session = provide_session();
    let info = move || session.get().and_then(Result::ok);
    view! {
        <a class="skip-link" href="#main">{t::SKIP}</a>
        <Suspense>
            {move || info().filter(|i| i.demo).map(|_| view! { <div class="demo-banner" role="note">{t::DEMO}</div> })}
        </Suspense>
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
            <nav id="site-nav" class="site-nav" class:open=move || menu_open.get() aria-label=t::NAV_LABEL>
                <Suspense>
                    {move || info().map(|info| view! { <NavLinks info on_click=move || set_menu_open.set(false) /> })}
                </Suspense>
            </nav>
        </header>
        <main id="main" class="site-main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">{t::FOOTER}</footer>
    }
}

#[component]
fn NavLinks(info: SessionInfo, on_click: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let user = info.user.clone();
    let links = t::NAV
        .iter()
        .filter(|(_, _, needs)| match (needs, &user) {
            (None, _) => user.is_some() || !info.initialized,
            (Some(p), Some(u)) => u.can(*p),
            (Some(_), None) => false,
        })
        .map(|(href, label, _)| {
            let on_click = on_click.clone();
            // A section whose pages have links of their own (会議 → カレンダー…) is current only
            // on its own page, so that one link at a time is marked.
            let exact = t::NAV.iter().any(|(other, _, _)| other.len() > href.len() && other.starts_with(&format!("{href}/")));
            view! { <li><A href=*href exact on:click=move |_| on_click()>{*label}</A></li> }
        })
        .collect_view();
    view! {
        <ul>{links}</ul>
        {user.map(|u| {
            view! {
                <div class="user-box">
                    <span class="user-name" data-testid="current-user">{u.display_name} <span class="role">"（" {u.role.label()} "）"</span></span>
                    <a href="/account" class="user-link">{t::ACCOUNT}</a>
                    <form method="post" action=Logout::PATH class="logout-form">
                        <button type="submit" class="secondary small">{t::LOGOUT}</button>
                    </form>
                </div>
            }
        })}
    }
}
