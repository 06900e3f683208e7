//! The search box (`/search?q=`): one query across meetings, organisations, people,
//! trainings, consultations and — for those who may read registers — issues. Each kind only
//! for those whose role reads it; collectors and partners, who see only their own section,
//! are refused.

pub use crate::dto::search::*;
use crate::error::AppError;
use leptos::prelude::*;

/// Hits shown per kind; the total says how many there are.
#[cfg(feature = "ssr")]
const PER_KIND: u64 = 20;

/// The records holding every word of `q`, grouped by kind. Nothing typed: no results.
#[server(prefix = "/api", endpoint = "search")]
pub async fn search(q: String) -> Result<SearchResults, AppError> {
    use crate::domain::search::MAX_QUERY_CHARS;
    let user = crate::server::auth::require_user()?;
    if user.role.is_external() {
        return Err(AppError::Forbidden);
    }
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::field("q", format!("検索する語は{MAX_QUERY_CHARS}文字以内で入力してください。")));
    }
    if q.trim().is_empty() {
        return Ok(SearchResults { q, ..Default::default() });
    }
    let db = crate::server::db()?;
    let access = crate::server::services::issues::access::IssueAccess::optional(&db, &user).await?;
    crate::server::services::search::search(&db, &user, access.as_ref(), &q, PER_KIND).await
}
