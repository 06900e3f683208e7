//! The signed-in user's own account: change the password, two-step sign-in (its own page,
//! /account/two-factor), the calendar feed.

use crate::api::auth::ChangePassword;
use crate::api::meetings::{get_calendar_feed, SetCalendarFeed};
use crate::api::two_factor::get_own_two_factor_status;
use crate::components::session::use_can;
use crate::domain::Permission;
use crate::components::form::{FormErrors, FormMessage, TextField};
use leptos::prelude::*;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "パスワードの変更";
    pub const CURRENT: &str = "現在のパスワード";
    pub const NEW: &str = "新しいパスワード";
    pub const NEW_HINT: &str = "10文字以上";
    pub const CONFIRM: &str = "新しいパスワード（確認）";
    pub const SUBMIT: &str = "変更する";
    pub const DONE: &str = "パスワードを変更しました。";
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let errors = FormErrors::of(action);
    let changed = use_query_map().with_untracked(|q| q.get("changed").is_some());
    let can_read_meetings = use_can(Permission::ReadMeetings).get_untracked();
    view! {
        <PageTitle text=t::TITLE />
        <section class="card narrow">
            <h1>{t::TITLE}</h1>
            {changed.then(|| view! { <p class="notice" role="status">{t::DONE}</p> })}
            <ActionForm action attr:class="stack">
                <FormMessage errors />
                <TextField label=t::CURRENT name="current_password" input_type="password" required=true autocomplete="current-password" errors />
                <TextField label=t::NEW name="new_password" input_type="password" required=true autocomplete="new-password" hint=t::NEW_HINT errors />
                <TextField label=t::CONFIRM name="new_password_confirm" input_type="password" required=true autocomplete="new-password" errors />
                <button type="submit">{t::SUBMIT}</button>
            </ActionForm>
        </section>
        <TwoFactorSection />
        {can_read_meetings.then(|| view! { <CalendarFeed /> })}
    }
}

mod f {
    pub const TITLE: &str = "2段階認証";
    pub const LEAD: &str = "ログインのときに、パスワードに加えて、スマートフォンの認証アプリに表示される確認コードを入力します。";
    pub const STATUS: &str = "状態";
    pub const ON: &str = "有効";
    pub const OFF: &str = "無効";
    pub const PENDING: &str = "設定の途中";
    pub const MANAGE: &str = "2段階認証の設定を見る・変更する";
    pub const SET_UP: &str = "2段階認証を設定する";
    pub const SAVED: &str = "回復コードを保存しました。2段階認証は有効です。";
    pub const TURNED_OFF: &str = "2段階認証を無効にしました。";
    pub const REQUIRED: &str = "あなたの役割では2段階認証が必須です。ここで設定しない場合は、次回のログイン時に設定を求められます。";
}

/// Whether two-step sign-in is on, and the way to its page.
#[component]
fn TwoFactorSection() -> impl IntoView {
    let notice = use_query_map().with_untracked(|q| match q.get("two_factor").as_deref() {
        Some("saved") => Some(f::SAVED),
        Some("off") => Some(f::TURNED_OFF),
        _ => None,
    });
    view! {
        <section class="card narrow" id="two-factor" data-testid="account-two-factor">
            <h2>{f::TITLE}</h2>
            {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <p>{f::LEAD}</p>
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    get_own_two_factor_status().await.ok().map(|v| {
                        let (state, link) = if v.enabled {
                            (f::ON, f::MANAGE)
                        } else if v.pending {
                            (f::PENDING, f::SET_UP)
                        } else {
                            (f::OFF, f::SET_UP)
                        };
                        let required = v.required && !v.enabled;
                        view! {
                            <p>{f::STATUS} "：" <strong data-testid="two-factor-state">{state}</strong></p>
                            {required.then(|| view! { <p class="warning">{f::REQUIRED}</p> })}
                            <p><a href="/account/two-factor">{link}</a></p>
                        }
                    })
                })}
            </Suspense>
        </section>
    }
}

mod c {
    pub const TITLE: &str = "カレンダーの購読";
    pub const LEAD: &str = "あなたが出席する会議を、スマートフォンやパソコンのカレンダーアプリに表示できます。下の URL をカレンダーアプリの「URL で購読」に登録してください。URL を知っている人は誰でもこの予定を見られるので、他の人には教えないでください。";
    pub const NONE: &str = "購読用の URL はまだありません。";
    pub const CREATE: &str = "購読用 URL を発行する";
    pub const RENEW: &str = "URL を再発行する（古い URL は使えなくなります）";
    pub const REVOKE: &str = "購読をやめる（URL を無効にする）";
    pub const URL: &str = "購読用 URL";
}

#[component]
fn CalendarFeed() -> impl IntoView {
    let set = ServerAction::<SetCalendarFeed>::new();
    let errors = FormErrors::of(set);
    let origin = location_origin();
    view! {
        <section class="card narrow" id="calendar" data-testid="calendar-feed">
            <h2>{c::TITLE}</h2>
            <p>{c::LEAD}</p>
            <FormMessage errors />
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    get_calendar_feed().await.ok().map(|path| {
                        let has = path.is_some();
                        view! {
                            {match path.clone() {
                                Some(p) => view! {
                                    <div class="field">
                                        <label for="f-feed">{c::URL}</label>
                                        <input id="f-feed" type="text" readonly value=format!("{origin}{p}") data-path=p />
                                    </div>
                                }.into_any(),
                                None => view! { <p class="muted">{c::NONE}</p> }.into_any(),
                            }}
                            <div class="actions">
                                <ActionForm action=set attr:class="inline">
                                    <input type="hidden" name="renew" value="true" />
                                    <button type="submit" class="secondary">{if has { c::RENEW } else { c::CREATE }}</button>
                                </ActionForm>
                                {has.then(|| view! {
                                    <ActionForm action=set attr:class="inline">
                                        <input type="hidden" name="renew" value="false" />
                                        <button type="submit" class="danger">{c::REVOKE}</button>
                                    </ActionForm>
                                })}
                            </div>
                        }
                    })
                })}
            </Suspense>
        </section>
    }
}

/// "https://host" of the page, so the feed URL can be copied whole.
fn location_origin() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| p.headers.get(http::header::HOST).and_then(|h| h.to_str().ok()).map(str::to_string))
            .map(|host| {
                let https = crate::server::state().is_ok_and(|s| s.auth.secure_cookies);
                format!("{}://{host}", if https { "https" } else { "http" })
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        window().location().origin().unwrap_or_default()
    }
}
