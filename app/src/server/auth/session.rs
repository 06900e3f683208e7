//! Server-side sessions in the database, so that several app servers can share them.

use super::token;
use crate::dto::auth::SessionUser;
use crate::domain::Role;
use crate::error::AppError;
use crate::server::entities::{app_user, user_session};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// Writing `last_seen_at` on every request would make every read a write; a minute's
/// precision is plenty for an idle timeout of hours.
const TOUCH_AFTER: Duration = Duration::seconds(60);

/// Starts a session and returns the token for the cookie (a fresh one at every login).
pub async fn create(db: &impl ConnectionTrait, user_id: i32, now: DateTime<Utc>) -> Result<String, AppError> {
    let token = token::new_token();
    user_session::Entity::insert(user_session::ActiveModel {
        id: Set(token::digest(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(token)
}

pub fn to_session_user(user: &app_user::Model) -> Option<SessionUser> {
    Some(SessionUser {
        id: user.id,
        login_name: user.login_name.clone(),
        display_name: user.display_name.clone(),
        role: Role::from_code(&user.role)?,
        issue_grants: false,
        district: None,
        organisation: None,
    })
}

/// The user of a session that is still valid; an expired session, or one of a disabled
/// user, is deleted on the spot.
pub async fn resolve(
    db: &impl ConnectionTrait,
    token: &str,
    idle: Duration,
    now: DateTime<Utc>,
) -> Result<Option<SessionUser>, AppError> {
    let id = token::digest(token);
    let Some(session) = user_session::Entity::find_by_id(id.clone()).one(db).await? else {
        return Ok(None);
    };
    if now - session.last_seen_at > idle {
        user_session::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    }
    let user = app_user::Entity::find_by_id(session.user_id).one(db).await?;
    let Some(mut user) = user.filter(|u| u.active).as_ref().and_then(to_session_user) else {
        end_all_for_user(db, session.user_id).await?;
        return Ok(None);
    };
    // Grants are for viewers; a collector whose role was once viewer keeps none of them.
    if user.role == Role::Viewer {
        user.issue_grants = crate::server::services::issues::grants::has_any(db, user.id).await?;
    }
    if user.role.is_district_bound() {
        user.district = crate::server::services::resources::collectors::district_of(db, user.id).await?;
    }
    if user.role.is_organisation_bound() {
        user.organisation = crate::server::services::referrals::partners::organisation_of(db, user.id).await?;
    }
    if now - session.last_seen_at > TOUCH_AFTER {
        user_session::Entity::update_many()
            .col_expr(user_session::Column::LastSeenAt, sea_orm::sea_query::Expr::value(now))
            .filter(user_session::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(Some(user))
}

pub async fn end(db: &impl ConnectionTrait, token: &str) -> Result<(), AppError> {
    user_session::Entity::delete_by_id(token::digest(token)).exec(db).await?;
    Ok(())
}

pub async fn end_all_for_user(db: &impl ConnectionTrait, user_id: i32) -> Result<u64, AppError> {
    let res = user_session::Entity::delete_many()
        .filter(user_session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Ends every session of the user but `keep` (a token), e.g. after they changed their password.
pub async fn end_others_for_user(db: &impl ConnectionTrait, user_id: i32, keep: Option<&str>) -> Result<u64, AppError> {
    let mut q = user_session::Entity::delete_many().filter(user_session::Column::UserId.eq(user_id));
    if let Some(keep) = keep {
        q = q.filter(user_session::Column::Id.ne(token::digest(keep)));
    }
    Ok(q.exec(db).await?.rows_affected)
}

/// Removes sessions idle for longer than `idle` (housekeeping at login).
pub async fn purge_expired(db: &impl ConnectionTrait, idle: Duration, now: DateTime<Utc>) -> Result<(), AppError> {
    user_session::Entity::delete_many()
        .filter(user_session::Column::LastSeenAt.lt(now - idle))
        .exec(db)
        .await?;
    Ok(())
}
