//! The organisation each partner account (連携先) acts for. A partner without one may read
//! and send nothing (`ReferralAccess::of`).

use crate::domain::Role;
use crate::dto::directory::Ref;
use crate::error::AppError;
use crate::server::entities::{organisation, partner_organisation};
use crate::server::services::audit::{self, Action, Actor, Change};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;

pub async fn organisation_of(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<i32>, AppError> {
    Ok(partner_organisation::Entity::find_by_id(user_id).one(db).await?.map(|r| r.organisation_id))
}

async fn names(db: &impl ConnectionTrait) -> Result<HashMap<i32, organisation::Model>, AppError> {
    Ok(organisation::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o)).collect())
}

/// Every bound account's organisation, by user id (for the user list).
pub async fn all(db: &impl ConnectionTrait) -> Result<HashMap<i32, Ref>, AppError> {
    let orgs = names(db).await?;
    Ok(partner_organisation::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| orgs.get(&r.organisation_id).map(|o| (r.user_id, Ref { id: o.id, name: o.name.clone() })))
        .collect())
}

/// The organisations an administrator may bind a partner to: the directory's current ones.
pub async fn choices(db: &impl ConnectionTrait) -> Result<Vec<Ref>, AppError> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Active.eq(true))
        .order_by_asc(organisation::Column::Kana)
        .order_by_asc(organisation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|o| Ref { id: o.id, name: o.name })
        .collect())
}

/// Binds a user to `organisation` (a form value) after their role was set: a partner must
/// have a current organisation (or keep the one they have); any other role has none.
pub async fn assign(db: &impl ConnectionTrait, actor: &Actor, user_id: i32, login: &str, role: Role, organisation: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let before = organisation_of(db, user_id).await?;
    let orgs = names(db).await?;
    let wanted = if role.is_organisation_bound() {
        let id = organisation.trim().parse::<i32>().ok();
        match id.filter(|o| orgs.get(o).is_some_and(|m| m.active) || before == Some(*o)) {
            Some(o) => Some(o),
            None => return Err(AppError::field("organisation", "連携先のアカウントには所属機関を選んでください。")),
        }
    } else {
        None
    };
    if wanted == before {
        return Ok(());
    }
    partner_organisation::Entity::delete_many().filter(partner_organisation::Column::UserId.eq(user_id)).exec(db).await?;
    if let Some(o) = wanted {
        partner_organisation::ActiveModel { user_id: Set(user_id), organisation_id: Set(o) }.insert(db).await?;
    }
    let name = |o: Option<i32>| o.and_then(|o| orgs.get(&o)).map(|m| m.name.clone());
    let change = Change { field: "organisation".into(), old: name(before), new: name(wanted) };
    audit::record(db, actor, "user", Some(user_id as i64), Action::Update, login, &[change], now).await
}
