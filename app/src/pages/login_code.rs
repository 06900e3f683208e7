//! `/login/code`: the second step of a sign-in — the code from the authenticator app (or a
//! recovery code), or, for a role that requires it and a user who has not set it up, the
//! set-up itself. A plain form post, so it works without JavaScript.

use crate::api::auth::{get_login_challenge, LoginCode};
use crate::components::error_view::ErrorMessage;
use crate::components::form::{FormErrors, FormMessage, TextField};
use crate::components::page_title::PageTitle;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "確認コードの入力";
    pub const ENROL_TITLE: &str = "2段階認証の設定";
    pub const LEAD: &str = "認証アプリ（Google Authenticator、Microsoft Authenticator など）に表示されている6桁の確認コードを入力してください。";
    pub const RECOVERY: &str = "スマートフォンが手元にないときは、設定のときに保存した回復コード（xxxx-xxxx-xxxx）を入力できます。回復コードは1回だけ使えます。";
    pub const ENROL_LEAD: &str = "この役割では2段階認証が必要です。認証アプリで下のQRコードを読み取り、表示された6桁の確認コードを入力してください。";
    pub const MANUAL: &str = "QRコードを読み取れないときは、このキーを手で入力してください:";
    pub const CODE: &str = "確認コード";
    pub const SUBMIT: &str = "確認";
    pub const EXPIRED: &str = "ログインの有効期限が切れたか、まだパスワードを入力していません。";
    pub const BACK: &str = "ログイン画面へ戻る";
    pub use crate::components::words::LOADING;
}

#[component]
pub fn LoginCodePage() -> impl IntoView {
    let action = ServerAction::<LoginCode>::new();
    let errors = FormErrors::of(action);
    let next = use_query_map().with_untracked(|q| q.get("next").unwrap_or_default());
    view! {
        <PageTitle text=t::TITLE />
        <section class="card narrow">
            <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
                {Suspend::new(async move {
                    match get_login_challenge().await {
                        Err(e) => view! { <h1>{t::TITLE}</h1><ErrorMessage error=e /> }.into_any(),
                        Ok(None) => view! {
                            <h1>{t::TITLE}</h1>
                            <p role="alert">{t::EXPIRED}</p>
                            <p><a class="button" href="/login">{t::BACK}</a></p>
                        }.into_any(),
                        Ok(Some(c)) => {
                            let enrolling = c.enrol.is_some();
                            view! {
                                <h1>{if enrolling { t::ENROL_TITLE } else { t::TITLE }}</h1>
                                <p class="muted">{c.display_name.clone()}</p>
                                {match c.enrol {
                                    Some(e) => view! {
                                        <p>{t::ENROL_LEAD}</p>
                                        <div class="qr" role="img" aria-label="QRコード" inner_html=e.qr_svg></div>
                                        <p class="hint">{t::MANUAL} " " <code>{e.secret_grouped}</code></p>
                                    }.into_any(),
                                    None => view! { <p>{t::LEAD}</p> }.into_any(),
                                }}
                                <form method="post" action=LoginCode::PATH class="stack">
                                    <FormMessage errors />
                                    <TextField label=t::CODE name="code" required=true autocomplete="one-time-code" maxlength=20 errors />
                                    <input type="hidden" name="next" value=next />
                                    <button type="submit">{t::SUBMIT}</button>
                                </form>
                                {(!enrolling).then(|| view! { <p class="hint">{t::RECOVERY}</p> })}
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
