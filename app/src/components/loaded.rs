//! A page's data: "読み込み中…" while it loads, the error's message (and status) if it
//! cannot be loaded, else the page body built from it. The one Suspense every page uses.

use crate::components::error_view::ErrorMessage;
use crate::components::words::LOADING;
use crate::error::AppError;
use leptos::either::Either;
use leptos::prelude::*;
use std::future::Future;

/// Renders `render(data)` once `load` has the data; an `AppError` shows as `ErrorMessage`.
pub fn loaded<T, V>(load: impl Future<Output = Result<T, AppError>> + Send + 'static, render: impl FnOnce(T) -> V + Send + 'static) -> impl IntoView
where
    T: Send + 'static,
    V: IntoView + Send + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p>{LOADING}</p> }>
            {Suspend::new(async move {
                match load.await {
                    Err(e) => Either::Left(view! { <ErrorMessage error=e /> }),
                    Ok(data) => Either::Right(render(data)),
                }
            })}
        </Suspense>
    }
}
