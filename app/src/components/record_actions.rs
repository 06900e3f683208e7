//! The buttons every record page has: archive/restore, done/reopen of a checklist item, and
//! the confirmation page of a deletion. Plain forms posting to a server function, so they
//! work without JavaScript; generic over that function.

use crate::components::checklist::ChecklistItem;
use crate::components::form::{FormErrors, FormMessage};
use crate::components::words::{CANCEL, RESTORE};
use leptos::prelude::*;
use leptos::server_fn::{client::Client, codec::PostUrl, request::ClientReq, Http, ServerFn};
use leptos::web_sys::FormData;
use serde::de::DeserializeOwned;

mod t {
    pub const ARCHIVE: &str = "アーカイブする";
    pub const DONE: &str = "完了にする";
    pub const REOPEN: &str = "未完了に戻す";
    pub const DELETE: &str = "削除する";
}

/// The done/reopen button's text, and its accessible name (which says which item it is for).
pub fn toggle_text(item: &ChecklistItem) -> (&'static str, String) {
    let text = if item.done { t::REOPEN } else { t::DONE };
    (text, format!("{}: {text}", item.text))
}

/// Archives an active record or restores an archived one (fields `id`, `version`, `active`).
#[component]
pub fn ArchiveToggle<S, P>(
    action: ServerAction<S>,
    id: i32,
    version: i32,
    active: bool,
    #[prop(default = t::ARCHIVE)] archive: &'static str,
    #[prop(default = RESTORE)] restore: &'static str,
) -> impl IntoView
where
    S: DeserializeOwned + ServerFn<Protocol = Http<PostUrl, P>> + Clone + Send + Sync + 'static,
    <<S::Client as Client<S::Error>>::Request as ClientReq<S::Error>>::FormData: From<FormData>,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
    S::Client: Client<S::Error>,
{
    view! {
        <ActionForm action attr:class="inline">
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="version" value=version />
            <input type="hidden" name="active" value=(!active).to_string() />
            <button type="submit" class="secondary">{if active { archive } else { restore }}</button>
        </ActionForm>
    }
}

/// Marks a checklist item done or open again (fields `id`, `version`, `done`, `back`: the
/// page to return to).
#[component]
pub fn DoneToggle<S, P>(action: ServerAction<S>, item: ChecklistItem, back: String) -> impl IntoView
where
    S: DeserializeOwned + ServerFn<Protocol = Http<PostUrl, P>> + Clone + Send + Sync + 'static,
    <<S::Client as Client<S::Error>>::Request as ClientReq<S::Error>>::FormData: From<FormData>,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
    S::Client: Client<S::Error>,
{
    let (text, name) = toggle_text(&item);
    view! {
        <ActionForm action attr:class="inline">
            <input type="hidden" name="id" value=item.id />
            <input type="hidden" name="version" value=item.version />
            <input type="hidden" name="done" value=(!item.done).to_string() />
            <input type="hidden" name="back" value=back />
            <button type="submit" class="secondary small" aria-label=name>{text}</button>
        </ActionForm>
    }
}

/// The body of a deletion's confirmation page: what is deleted, why it can't be undone, the
/// button (field `id`) and the way back.
#[component]
pub fn DeleteConfirm<S, P>(
    action: ServerAction<S>,
    errors: FormErrors,
    id: i32,
    name: String,
    text: &'static str,
    back: String,
    /// The version shown: a record changed meanwhile is not deleted.
    #[prop(optional)]
    version: Option<i32>,
) -> impl IntoView
where
    S: DeserializeOwned + ServerFn<Protocol = Http<PostUrl, P>> + Clone + Send + Sync + 'static,
    <<S::Client as Client<S::Error>>::Request as ClientReq<S::Error>>::FormData: From<FormData>,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
    S::Client: Client<S::Error>,
{
    view! {
        <section class="card">
            <p><strong>{name}</strong></p>
            <p>{text}</p>
            <FormMessage errors />
            <ActionForm action attr:class="actions">
                <input type="hidden" name="id" value=id />
                {version.map(|v| view! { <input type="hidden" name="version" value=v /> })}
                <button type="submit" class="danger">{t::DELETE}</button>
                <a class="button secondary" href=back>{CANCEL}</a>
            </ActionForm>
        </section>
    }
}
