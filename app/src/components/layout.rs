//! Header, navigation and footer around every page. The menu is a handful of sections, each
//! with its own pages as in-page tabs (`components::tabs`). On a narrow screen it folds
//! behind a checkbox toggle, which needs no JavaScript, so it works before the wasm loads
//! and without it.

use super::session::provide_session;
use crate::api::auth::{get_session, Logout, SessionInfo};
use crate::domain::Permission;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_location;

mod t {
    use super::Permission::{self, *};

    pub const PRODUCT: &str = "Renkei";
    pub const PRODUCT_JA: &str = "連携";
    pub const TAGLINE: &str = "在宅医療・介護連携 コーディネーター支援";
    pub const SKIP: &str = "本文へ移動";
    pub const MENU: &str = "メニュー";
    pub const NAV_LABEL: &str = "メインメニュー";
    pub const LOGOUT: &str = "ログアウト";
    pub const ACCOUNT: &str = "パスワード変更";
    pub const SEARCH: &str = "検索";
    pub const SEARCH_PLACEHOLDER: &str = "会議・機関・人などを検索";
    pub const DEMO: &str = "デモ環境です。表示されている機関・人物・記録はすべて架空のものです。";
    pub const FOOTER: &str = "Renkei — 地域包括ケアの連携を記録し、引き継ぐために";
    pub const PRINTED: &str = "印刷日";
    /// Links for everyone, in the footer.
    pub const FOOTER_LINKS: &[(&str, &str)] = &[("/tools/fiscal-year", "年度・和暦"), ("/about", "システム情報")];

    /// A section of the menu: its label, the paths it covers (for marking it current) and
    /// where it leads — the first page the user may open, with the permission it needs.
    pub struct Section {
        pub label: &'static str,
        pub covers: &'static [&'static str],
        pub pages: &'static [(&'static str, Option<Permission>)],
    }

    const fn s(label: &'static str, covers: &'static [&'static str], pages: &'static [(&'static str, Option<Permission>)]) -> Section {
        Section { label, covers, pages }
    }

    pub const NAV: &[Section] = &[
        s("ホーム", &[], &[("/", None)]),
        s("会議", &["/meetings"], &[("/meetings", Some(ReadMeetings))]),
        s("連携の取組", &["/initiatives", "/plan", "/newsletters"], &[("/initiatives", Some(ReadMeetings))]),
        s("研修", &["/trainings"], &[("/trainings", Some(ReadTrainings))]),
        s("課題", &["/issues"], &[("/issues", Some(ReadIssues))]),
        s("相談", &["/consultations", "/admin/consultation-categories"], &[("/consultations", Some(ReadConsultations)), ("/consultations/trends", Some(ReadConsultationTrends))]),
        s("地域の資源", &["/resources", "/admin/resource-lists"], &[("/resources", Some(ReadResources))]),
        s("つながるパス", &["/referrals"], &[("/referrals", Some(ReadReferrals))]),
        s("事業報告", &["/report", "/reports", "/handover"], &[("/report", Some(ReadMeetings))]),
        s("機関・人", &["/directory"], &[("/directory/organisations", Some(ReadDirectory))]),
        s("管理", &["/admin/users", "/admin/audit"], &[("/admin/users", Some(ManageUsers)), ("/admin/audit", Some(ReadAudit))]),
    ];
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let info = provide_session();
    let everyone = for_everyone(&info);
    let printed_by = info.user.as_ref().map(|u| u.display_name.clone());
    // The search box: for the team (collectors and partners see only their own section).
    let searchable = info.user.as_ref().is_some_and(|u| !u.role.is_external());
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
            {searchable.then(|| view! {
                <form method="get" action="/search" class="header-search" role="search">
                    <label for="header-q" class="visually-hidden">{t::SEARCH}</label>
                    <input type="search" id="header-q" name="q" placeholder=t::SEARCH_PLACEHOLDER maxlength="200" />
                    <button type="submit" class="small">{t::SEARCH}</button>
                </form>
            })}
            // The checkbox is the toggle: it keeps the menu's state without script.
            <input type="checkbox" id="menu-open" class="menu-check" aria-controls="site-nav" autocomplete="off" />
            <label for="menu-open" class="menu-toggle">{t::MENU}</label>
            <nav id="site-nav" class="site-nav" aria-label=t::NAV_LABEL>
                <NavLinks info />
            </nav>
        </header>
        <main id="main" class="site-main" tabindex="-1">
            <p class="print-stamp" aria-hidden="true"><Suspense>{Suspend::new(print_stamp(printed_by.clone()))}</Suspense></p>
            {children()}
        </main>
        <footer class="site-footer">
            <span>{t::FOOTER}</span>
            {everyone.then(|| view! {
                <ul class="footer-links no-print">
                    {t::FOOTER_LINKS.iter().map(|(href, label)| view! { <li><a href=*href>{*label}</a></li> }).collect_view()}
                </ul>
            })}
        </footer>
    }
}

/// The banner of a demo installation (its records are made up).
async fn demo_banner() -> impl IntoView {
    let demo = get_session().await.is_ok_and(|i| i.demo);
    demo.then(|| view! { <div class="demo-banner" role="note">{t::DEMO}</div> })
}

/// The stamp atop the first page of every print, with the team's name once an administrator
/// has given one (read with the demo mark, one query).
async fn print_stamp(printed_by: Option<String>) -> String {
    let team = get_session().await.map(|i| i.team_name).unwrap_or_default();
    stamp_line(&team, printed_by.as_deref(), crate::clock::today())
}

/// "チームかまいし ・ Renkei（連携） 管理 花子 ・ 印刷日 2026/12/03（木）".
fn stamp_line(team: &str, printed_by: Option<&str>, day: chrono::NaiveDate) -> String {
    let team = if team.is_empty() { String::new() } else { format!("{team} ・ ") };
    let who = printed_by.map(|n| format!(" {n}")).unwrap_or_default();
    format!("{team}{}（{}）{who} ・ {} {}", t::PRODUCT, t::PRODUCT_JA, t::PRINTED, crate::domain::dates::day(day))
}

/// Whether the links for everyone are shown: to the team, and before the first account
/// exists; not to collectors and partners (who see only their own section) nor to visitors.
fn for_everyone(info: &SessionInfo) -> bool {
    match &info.user {
        Some(u) => !u.role.is_external(),
        None => !info.initialized,
    }
}

/// Whether `path` lies within a section covering `prefix` ("/meetings" covers
/// "/meetings/3" but not "/meetingsx").
fn covers(prefix: &str, path: &str) -> bool {
    path == prefix || path.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/'))
}

#[component]
fn NavLinks(info: SessionInfo) -> impl IntoView {
    let user = info.user.clone();
    let path = use_location().pathname.get_untracked();
    let allowed = |needs: &Option<Permission>| match (needs, &user) {
        (None, _) => for_everyone(&info),
        (Some(p), Some(u)) => u.can(*p),
        (Some(_), None) => false,
    };
    let links = t::NAV
        .iter()
        .filter_map(|s| {
            let (href, _) = s.pages.iter().find(|(_, needs)| allowed(needs))?;
            let current = if s.covers.is_empty() { path == *href } else { s.covers.iter().any(|c| covers(c, &path)) };
            Some(view! { <li><a href=*href aria-current=current.then_some("page")>{s.label}</a></li> })
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

#[cfg(test)]
mod tests {
    use super::{covers, stamp_line};

    #[test]
    fn the_stamp_names_the_team_only_when_it_has_a_name() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        assert_eq!(stamp_line("", Some("管理 花子"), day), "Renkei（連携） 管理 花子 ・ 印刷日 2026/12/03（木）");
        assert_eq!(stamp_line("チームかまいし", Some("管理 花子"), day), "チームかまいし ・ Renkei（連携） 管理 花子 ・ 印刷日 2026/12/03（木）");
        assert_eq!(stamp_line("チームかまいし", None, day), "チームかまいし ・ Renkei（連携） ・ 印刷日 2026/12/03（木）");
    }

    #[test]
    fn a_section_covers_its_pages_only() {
        assert!(covers("/meetings", "/meetings"));
        assert!(covers("/meetings", "/meetings/calendar"));
        assert!(!covers("/meetings", "/meetingsx"));
        assert!(!covers("/report", "/reports/period"));
        assert!(covers("/reports", "/reports/period"));
    }
}
