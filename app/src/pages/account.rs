//! The signed-in user's own account: change the password.

use crate::api::auth::ChangePassword;
use crate::api::meetings::{get_calendar_feed, SetCalendarFeed};
use crate::components::session::use_can;
use crate::domain::Permission;
use crate::components::form::{FormErrors, FormMessage, TextField};
use leptos::prelude::*;
use leptos_meta::Title;
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
    let done = move || changed || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Title text=t::TITLE />
        <section class="card narrow">
            <h1>{t::TITLE}</h1>
            <Show when=done>
                <p class="notice" role="status">{t::DONE}</p>
            </Show>
            <ActionForm action attr:class="stack">
                <FormMessage errors />
                <TextField label=t::CURRENT name="current_password" input_type="password" required=true autocomplete="current-password" errors />
                <TextField label=t::NEW name="new_password" input_type="password" required=true autocomplete="new-password" hint=t::NEW_HINT errors />
                <TextField label=t::CONFIRM name="new_password_confirm" input_type="password" required=true autocomplete="new-password" errors />
                <button type="submit">{t::SUBMIT}</button>
            </ActionForm>
        </section>
        <Show when=move || use_can(Permission::ReadMeetings).get()>
            <CalendarFeed />
        </Show>
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
    let feed = Resource::new(move || set.version().get(), |_| get_calendar_feed());
    let errors = FormErrors::of(set);
    view! {
        <section class="card narrow" id="calendar" data-testid="calendar-feed">
            <h2>{c::TITLE}</h2>
            <p>{c::LEAD}</p>
            <FormMessage errors />
            <Suspense fallback=|| ()>
                {move || feed.get().and_then(Result::ok).map(|path| {
                    let origin = location_origin();
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
