//! Header, navigation and footer around every page.

use super::session::provide_session;
use super::islands::SiteMenu;
use crate::api::auth::{get_session, Logout, SessionInfo};
use crate::domain::Permission;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

mod t {
    pub const PRODUCT: &str = "Renkei";
    pub const PRODUCT_JA: &str = "連携";
    pub const TAGLINE: &str = "在宅医療・介護連携 コーディネーター支援";
    pub const SKIP: &str = "本文へ移動";
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
        ("/initiatives", "連携の取組", Some(super::Permission::ReadMeetings)),
        ("/trainings", "研修", Some(super::Permission::ReadTrainings)),
        ("/issues", "課題", Some(super::Permission::ReadIssues)),
        ("/consultations", "相談記録", Some(super::Permission::ReadConsultations)),
        ("/consultations/trends", "相談の推移", Some(super::Permission::ReadConsultationTrends)),
        ("/resources", "地域の資源", Some(super::Permission::ReadResources)),
        ("/referrals", "つながるパス", Some(super::Permission::ReadReferrals)),
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
    let info = provide_session();
    view! {
        <a class="skip-link" href="#main">{t::SKIP}</a>
        <Suspense>{Suspend::new(demo_banner())}</Suspense>
        <header class="site-header">
            <div class="brand">
                <a href="/" class="brand-link">
                    <span class="brand-name">{t::PRODUCT}</span>
                    <span class="brand-ja">{t::PRODUCT_JA}</span>
                </a>
                <span class="brand-tagline">{t::TAGLINE}</span>
            </div>
            <SiteMenu>
                <NavLinks info />
            </SiteMenu>
        </header>
        <main id="main" class="site-main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">{t::FOOTER}</footer>
    }
}

/// The banner of a demo installation (its records are made up).
async fn demo_banner() -> impl IntoView {
    let demo = get_session().await.is_ok_and(|i| i.demo);
    demo.then(|| view! { <div class="demo-banner" role="note">{t::DEMO}</div> })
}

#[component]
fn NavLinks(info: SessionInfo) -> impl IntoView {
    let user = info.user.clone();
    let links = t::NAV
        .iter()
        .filter(|(_, _, needs)| match (needs, &user) {
            // Collectors and partners see only their own section.
            (None, Some(u)) => !u.role.is_external(),
            (None, None) => !info.initialized,
            (Some(p), Some(u)) => u.can(*p),
            (Some(_), None) => false,
        })
        .map(|(href, label, _)| {
            // A section whose pages have links of their own (会議 → カレンダー…) is current only
            // on its own page, so that one link at a time is marked.
            let exact = t::NAV.iter().any(|(other, _, _)| other.len() > href.len() && other.starts_with(&format!("{href}/")));
            view! { <li><A href=*href exact>{*label}</A></li> }
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
