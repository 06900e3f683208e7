//! The signed-in user's own account: change the password.

use crate::api::auth::ChangePassword;
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
    }
}
