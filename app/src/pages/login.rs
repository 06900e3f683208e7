//! Sign-in page. A plain form post: works without JavaScript and reloads the app signed in.

use crate::api::auth::Login;
use crate::components::form::{FormErrors, FormMessage, TextField};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "ログイン";
    pub const LOGIN_NAME: &str = "ログイン名";
    pub const PASSWORD: &str = "パスワード";
    pub const SUBMIT: &str = "ログイン";
    pub const FORGOT: &str = "パスワードを忘れたときは、管理者に再設定を依頼してください。";
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let errors = FormErrors::of(action);
    let next = use_query_map().with_untracked(|q| q.get("next").unwrap_or_default());
    view! {
        <PageTitle text=t::TITLE />
        <section class="card narrow">
            <h1>{t::TITLE}</h1>
            <form method="post" action=Login::PATH class="stack">
                <FormMessage errors />
                <TextField label=t::LOGIN_NAME name="login_name" required=true autocomplete="username" errors />
                <TextField label=t::PASSWORD name="password" input_type="password" required=true autocomplete="current-password" errors />
                <input type="hidden" name="next" value=next />
                <button type="submit">{t::SUBMIT}</button>
            </form>
            <p class="hint">{t::FORGOT}</p>
        </section>
    }
}
