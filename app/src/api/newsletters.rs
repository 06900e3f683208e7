//! The newsletter (地域連携だより): read by those who read meetings, written by those who
//! write them.

pub use crate::dto::newsletters::*;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::services::newsletters::{draft, records};

#[server(prefix = "/api", endpoint = "newsletters_list")]
pub async fn list_newsletters() -> Result<Vec<NewsletterSummary>, AppError> {
    crate::server::auth::authorize(Permission::ReadMeetings)?;
    records::list(&crate::server::db()?).await
}

#[server(prefix = "/api", endpoint = "newsletters_get")]
pub async fn get_newsletter(id: i32) -> Result<NewsletterView, AppError> {
    crate::server::auth::authorize(Permission::ReadMeetings)?;
    records::get(&crate::server::db()?, id).await
}

/// The next issue, its articles drafted from what was logged since the last one.
#[server(prefix = "/api", endpoint = "newsletters_draft")]
pub async fn draft_newsletter() -> Result<(), AppError> {
    let id = crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move { draft::create(txn, &w.actor, crate::clock::today(), w.now).await })).await?;
    leptos_axum::redirect(&format!("/newsletters/{id}?drafted=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "newsletters_save")]
pub async fn save_newsletter(id: i32, version: Option<i32>, #[server(flatten)] input: IssueHeader) -> Result<(), AppError> {
    let pairs = input.pairs();
    crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move { records::save_header(txn, &w.actor, id, version, &input, w.now).await }))
        .await
        .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/newsletters/{id}?saved=1"));
    Ok(())
}

/// Rewrites an article (`article`), or adds one to the issue (`id`) when none is named.
#[server(prefix = "/api", endpoint = "newsletters_article")]
pub async fn save_newsletter_article(id: i32, article: Option<i32>, version: Option<i32>, #[server(flatten)] input: ArticleInput) -> Result<(), AppError> {
    let pairs = input.pairs();
    crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move {
        match article {
            Some(a) => {
                let owner = records::save_article(txn, &w.actor, a, version, &input, w.now).await?;
                if owner != id {
                    return Err(AppError::NotFound);
                }
                Ok(a)
            }
            None => records::add_article(txn, &w.actor, id, &input, w.now).await,
        }
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/newsletters/{id}?article=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "newsletters_delete")]
pub async fn delete_newsletter(id: i32) -> Result<(), AppError> {
    crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move { records::delete(txn, &w.actor, id, w.now).await })).await?;
    leptos_axum::redirect("/newsletters?deleted=1");
    Ok(())
}

#[server(prefix = "/api", endpoint = "newsletters_remove_article")]
pub async fn remove_newsletter_article(id: i32, version: Option<i32>) -> Result<(), AppError> {
    let owner = crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move { records::remove_article(txn, &w.actor, id, version, w.now).await })).await?;
    leptos_axum::redirect(&format!("/newsletters/{owner}"));
    Ok(())
}
