//! Search helpers shared by the lists.

use sea_orm::sea_query::LikeExpr;

/// `%term%` for LIKE with the wildcards of the term escaped.
pub fn like_pattern(term: &str) -> LikeExpr {
    // Bounded like every search term, whatever the caller passed.
    let term: String = term.chars().take(crate::domain::text::MAX_SEARCH_CHARS).collect();
    let escaped = term.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}
