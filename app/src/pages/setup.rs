//! First run: create the first administrator. Reachable only while no user exists.

use crate::api::auth::SetupAdmin;
use crate::components::form::{FormErrors, FormMessage, TextField};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use crate::components::page_title::PageTitle;

mod t {
    pub const TITLE: &str = "はじめに：管理者の登録";
    pub const LEAD: &str = "Renkei へようこそ。最初に、この環境を管理する管理者のアカウントを作成します。ほかの職員のアカウントは、ログインした後に「ユーザー管理」から追加できます。";
    pub const LOGIN_NAME: &str = "ログイン名";
    pub const LOGIN_HINT: &str = "半角英数字と . _ - で3〜64文字（例: sato.hanako）";
    pub const DISPLAY_NAME: &str = "表示名";
    pub const DISPLAY_HINT: &str = "画面や記録に表示される名前（例: 佐藤 花子）";
    pub const PASSWORD: &str = "パスワード";
    pub const PASSWORD_HINT: &str = "10文字以上";
    pub const CONFIRM: &str = "パスワード（確認）";
    pub const SUBMIT: &str = "管理者を作成して始める";
}

#[component]
pub fn SetupPage() -> impl IntoView {
    let action = ServerAction::<SetupAdmin>::new();
    let errors = FormErrors::of(action);
    view! {
        <PageTitle text=t::TITLE />
        <section class="card narrow">
            <h1>{t::TITLE}</h1>
            <p>{t::LEAD}</p>
            <form method="post" action=SetupAdmin::PATH class="stack">
                <FormMessage errors />
                <TextField label=t::LOGIN_NAME name="login_name" required=true autocomplete="username" hint=t::LOGIN_HINT errors />
                <TextField label=t::DISPLAY_NAME name="display_name" required=true autocomplete="name" hint=t::DISPLAY_HINT errors />
                <TextField label=t::PASSWORD name="password" input_type="password" required=true autocomplete="new-password" hint=t::PASSWORD_HINT errors />
                <TextField label=t::CONFIRM name="password_confirm" input_type="password" required=true autocomplete="new-password" errors />
                <button type="submit">{t::SUBMIT}</button>
            </form>
        </section>
    }
}
