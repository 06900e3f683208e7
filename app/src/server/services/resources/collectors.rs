//! Which district each resource collector (資源登録者) account is bound to. A collector
//! without a district may read and enter nothing (`Scope::of`).

use super::lists::Districts;
use crate::domain::Role;
use crate::dto::directory::Ref;
use crate::error::AppError;
use crate::server::entities::collector_district;
use crate::server::services::audit::{self, Action, Actor, Change};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::collections::HashMap;

pub async fn district_of(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<i32>, AppError> {
    Ok(collector_district::Entity::find_by_id(user_id).one(db).await?.map(|r| r.district_id))
}

/// Every bound account's district, by user id (for the user list).
pub async fn all(db: &impl ConnectionTrait) -> Result<HashMap<i32, Ref>, AppError> {
    let districts = Districts::load(db).await?;
    Ok(collector_district::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| districts.get(r.district_id).map(|d| (r.user_id, d)))
        .collect())
}

/// The districts an administrator may bind a collector to.
pub async fn choices(db: &impl ConnectionTrait) -> Result<Vec<Ref>, AppError> {
    Ok(Districts::load(db).await?.choices())
}

/// Binds a user to `district` (a form value) after their role was set: a collector must
/// have an active district (or keep the one they have); any other role has none.
pub async fn assign(db: &impl ConnectionTrait, actor: &Actor, user_id: i32, login: &str, role: Role, district: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let before = district_of(db, user_id).await?;
    let districts = Districts::load(db).await?;
    let wanted = if role.is_district_bound() {
        let id = district.trim().parse::<i32>().ok();
        match id.filter(|d| districts.is_active(*d) || before == Some(*d)) {
            Some(d) => Some(d),
            None => return Err(AppError::field("district", "資源登録者には担当地区を選んでください。")),
        }
    } else {
        None
    };
    if wanted == before {
        return Ok(());
    }
    collector_district::Entity::delete_many().filter(collector_district::Column::UserId.eq(user_id)).exec(db).await?;
    if let Some(d) = wanted {
        collector_district::ActiveModel { user_id: Set(user_id), district_id: Set(d) }.insert(db).await?;
    }
    let name = |d: Option<i32>| d.map(|d| districts.name(Some(d)));
    let change = Change { field: "district".into(), old: name(before), new: name(wanted) };
    audit::record(db, actor, "user", Some(user_id as i64), Action::Update, login, &[change], now).await
}
