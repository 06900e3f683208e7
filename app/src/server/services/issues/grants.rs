//! Which professions' issue registers a user outside the team may read (e.g. the
//! pharmacists' association contact reads only 薬剤師). Set by administrators, audited.

use crate::server::services::audit::{self, Action, Actor, Change};
use crate::dto::auth::SessionUser;
use crate::domain::issues::Scope;
use crate::domain::Permission;
use crate::error::AppError;
use crate::server::entities::{issue_grant, profession};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};

/// The registers `user` may read: all for administrators and coordinators, those granted
/// for viewers (grants are for viewers only: a role changed since keeps none); 403 when none.
pub async fn scope_of(db: &impl ConnectionTrait, user: &SessionUser) -> Result<Scope, AppError> {
    if user.role.allows(Permission::ReadIssues) {
        return Ok(Scope::All);
    }
    if user.role != crate::domain::Role::Viewer {
        return Err(AppError::Forbidden);
    }
    let ids = of_user(db, user.id).await?;
    if ids.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(Scope::Professions(ids))
}

/// As `scope_of`, with None instead of 403 (for pages that show issues only to some).
pub async fn optional_scope_of(db: &impl ConnectionTrait, user: &SessionUser) -> Result<Option<Scope>, AppError> {
    match scope_of(db, user).await {
        Ok(scope) => Ok(Some(scope)),
        Err(AppError::Forbidden) => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn of_user(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<i32>, AppError> {
    Ok(issue_grant::Entity::find()
        .filter(issue_grant::Column::UserId.eq(user_id))
        .order_by_asc(issue_grant::Column::ProfessionId)
        .all(db)
        .await?
        .into_iter()
        .map(|g| g.profession_id)
        .collect())
}

pub async fn has_any(db: &impl ConnectionTrait, user_id: i32) -> Result<bool, AppError> {
    Ok(issue_grant::Entity::find().filter(issue_grant::Column::UserId.eq(user_id)).count(db).await? > 0)
}

async fn names(db: &impl ConnectionTrait, ids: &[i32]) -> Result<String, AppError> {
    let rows = profession::Entity::find().filter(profession::Column::Id.is_in(ids.to_vec())).order_by_asc(profession::Column::SortOrder).all(db).await?;
    Ok(rows.into_iter().map(|p| p.name).collect::<Vec<_>>().join("、"))
}

/// Replaces the user's grants with `professions`.
pub async fn set(db: &impl ConnectionTrait, actor: &Actor, user_id: i32, professions: &[i32], now: DateTime<Utc>) -> Result<(), AppError> {
    let user = crate::server::services::accounts::users::find(db, user_id).await?;
    if !professions.is_empty() && user.role != crate::domain::Role::Viewer.code() {
        return Err(AppError::field("professions", "課題リストの閲覧は、閲覧者にだけ設定できます。"));
    }
    let mut wanted = professions.to_vec();
    wanted.sort();
    wanted.dedup();
    let known = profession::Entity::find().filter(profession::Column::Id.is_in(wanted.clone())).count(db).await?;
    if known != wanted.len() as u64 {
        return Err(AppError::field("professions", "職種の選択が正しくありません。"));
    }
    let before = of_user(db, user_id).await?;
    if before == wanted {
        return Ok(());
    }
    issue_grant::Entity::delete_many().filter(issue_grant::Column::UserId.eq(user_id)).exec(db).await?;
    for p in &wanted {
        issue_grant::ActiveModel { user_id: Set(user_id), profession_id: Set(*p) }.insert(db).await?;
    }
    let change = Change { field: "issue_grants".into(), old: Some(names(db, &before).await?), new: Some(names(db, &wanted).await?) };
    audit::record(db, actor, "user", Some(user_id as i64), Action::Update, &user.login_name, &[change], now).await
}
