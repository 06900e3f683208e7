//! The session as the pages see it. The server's gate resolves the session cookie before
//! the page renders; the layout puts the result into context once, so no page asks again
//! and nothing about the session is sent to the browser for hydration.

use crate::api::auth::{SessionInfo, SessionUser};
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;

/// Who is asking and whether the app is set up, from the request being rendered.
#[derive(Clone, Debug)]
pub struct RequestSession(pub SessionInfo);

/// Reads the request's session into context; called once by the layout.
pub fn provide_session() -> SessionInfo {
    let info = request_session();
    provide_context(RequestSession(info.clone()));
    info
}

#[cfg(feature = "ssr")]
fn request_session() -> SessionInfo {
    SessionInfo {
        initialized: crate::server::state().is_ok_and(|s| s.is_initialized()),
        user: crate::server::auth::current_user(),
        // Shown by the layout from its own query (see `demo_banner` and `print_stamp`).
        demo: false,
        team_name: String::new(),
    }
}

/// Pages are rendered on the server only; the browser runs islands, which never ask.
#[cfg(not(feature = "ssr"))]
fn request_session() -> SessionInfo {
    SessionInfo { initialized: true, user: None, demo: false, team_name: String::new() }
}

/// The signed-in user, if any.
pub fn use_user() -> Signal<Option<SessionUser>> {
    let user = use_context::<RequestSession>().and_then(|s| s.0.user);
    Signal::stored(user)
}

/// Whether the signed-in user may do something (for showing controls; the server decides).
pub fn use_can(permission: Permission) -> Signal<bool> {
    let can = use_context::<RequestSession>().and_then(|s| s.0.user).is_some_and(|u| u.can(permission));
    Signal::stored(can)
}

/// Children shown only to users who may do `permission`.
#[component]
pub fn IfCan(permission: Permission, children: ChildrenFn) -> impl IntoView {
    use_can(permission).get_untracked().then(|| children())
}

/// A page's content for users who may do `permission`; others get the refusal (and its
/// status), as from a server function. For pages that show a form before asking the server.
#[component]
pub fn RequireCan(permission: Permission, children: ChildrenFn) -> impl IntoView {
    if use_can(permission).get_untracked() {
        children().into_any()
    } else {
        view! { <crate::components::error_view::ErrorMessage error=AppError::Forbidden /> }.into_any()
    }
}
