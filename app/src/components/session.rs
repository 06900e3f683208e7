//! The session as the pages see it: loaded once by the layout, shared through context.

use crate::api::auth::{get_session, SessionInfo, SessionUser};
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;

pub type SessionResource = Resource<Result<SessionInfo, AppError>>;

pub fn provide_session() -> SessionResource {
    let session = Resource::new(|| (), |_| get_session());
    provide_context(session);
    session
}

/// The signed-in user, once known.
pub fn use_user() -> Signal<Option<SessionUser>> {
    let session = use_context::<SessionResource>();
    Signal::derive(move || session.and_then(|s| s.get()).and_then(Result::ok).and_then(|info| info.user))
}

/// Whether the signed-in user may do something (for showing controls; the server decides).
pub fn use_can(permission: Permission) -> Signal<bool> {
    let user = use_user();
    Signal::derive(move || user.get().is_some_and(|u| u.can(permission)))
}

/// Children shown only to users who may do `permission`. In a Suspense of its own, so that
/// the server renders them once the session is known: a bare `Show` outside any Suspense can
/// be rendered before the session arrives, and then the control is missing from the page.
#[component]
pub fn IfCan(permission: Permission, children: ChildrenFn) -> impl IntoView {
    let can = use_can(permission);
    view! { <Suspense fallback=|| ()>{move || can.get().then(|| children())}</Suspense> }
}

/// A page's content for users who may do `permission`; others get the refusal (and its
/// status), as from a server function. For pages that show a form before asking the server.
#[component]
pub fn RequireCan(permission: Permission, children: ChildrenFn) -> impl IntoView {
    let session = use_context::<SessionResource>();
    let can = use_can(permission);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let _loaded = session.and_then(|s| s.get())?;
                Some(if can.get() {
                    children().into_any()
                } else {
                    view! { <crate::components::error_view::ErrorMessage error=AppError::Forbidden /> }.into_any()
                })
            }}
        </Suspense>
    }
}
