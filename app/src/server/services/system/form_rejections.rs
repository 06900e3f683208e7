//! Rejected form posts, kept briefly so that the form's page can show the messages and the
//! input again without carrying them in its URL. An entry is found only by its random id and
//! only by the session (or sign-in) that made it; it is forgotten after `KEEP_FOR`.

use crate::error::AppError;
use crate::server::auth::token::{digest, new_token};
use crate::server::entities::form_rejection;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// Long enough to correct a long form; short enough that an id in the browser's history
/// soon leads nowhere.
pub const KEEP_FOR: chrono::Duration = chrono::Duration::minutes(30);
/// The encoded error carries at most `MAX_ECHOED_INPUT` of input; anything larger is not ours.
pub const MAX_PAYLOAD: usize = 160 * 1024;

/// Keeps a rejection; returns the id for the URL (`None` when the payload is not one of ours).
pub async fn keep(db: &impl ConnectionTrait, owner: &str, path: &str, payload: &str, now: chrono::DateTime<chrono::Utc>) -> Result<Option<String>, AppError> {
    if payload.len() > MAX_PAYLOAD || path.len() > 200 {
        return Ok(None);
    }
    forget_expired(db, now).await?;
    let token = new_token();
    form_rejection::Entity::insert(form_rejection::ActiveModel {
        id: Set(digest(&token)),
        owner: Set(owner.to_string()),
        path: Set(path.to_string()),
        payload: Set(payload.to_string()),
        created_at: Set(now),
    })
    .exec(db)
    .await?;
    Ok(Some(token))
}

/// The (path, payload) of a kept rejection, if `token` names one of `owner`'s that is still kept.
pub async fn find(db: &impl ConnectionTrait, token: &str, owner: &str, now: chrono::DateTime<chrono::Utc>) -> Result<Option<(String, String)>, AppError> {
    forget_expired(db, now).await?;
    let row = form_rejection::Entity::find_by_id(digest(token))
        .filter(form_rejection::Column::Owner.eq(owner))
        .filter(form_rejection::Column::CreatedAt.gte(now - KEEP_FOR))
        .one(db)
        .await?;
    Ok(row.map(|r| (r.path, r.payload)))
}

/// Typed text of confidential records is not kept (nor backed up) past its time.
async fn forget_expired(db: &impl ConnectionTrait, now: chrono::DateTime<chrono::Utc>) -> Result<(), AppError> {
    form_rejection::Entity::delete_many()
        .filter(form_rejection::Column::CreatedAt.lt(now - KEEP_FOR))
        .exec(db)
        .await?;
    Ok(())
}
