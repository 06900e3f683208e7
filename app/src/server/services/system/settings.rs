//! Installation-wide settings as key/value pairs.

use crate::error::AppError;
use crate::server::entities::app_setting;
use crate::server::services::audit::{self, Action, Actor, Change};
use chrono::{DateTime, Utc};
use sea_orm::{sea_query::OnConflict, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// The key of the team's name, printed before the app's name in every print's stamp.
pub const TEAM_NAME: &str = "team_name";
/// Set by the demo seeding: the installation's records are made up.
pub const DEMO_SEEDED: &str = "demo_seeded";

pub async fn get(db: &impl ConnectionTrait, key: &str) -> Result<Option<String>, AppError> {
    Ok(app_setting::Entity::find_by_id(key.to_string()).one(db).await?.map(|m| m.value))
}

/// Several settings in one query (every page asks for a few); keys not set are left out.
pub async fn get_many(db: &impl ConnectionTrait, keys: &[&str]) -> Result<Vec<(String, String)>, AppError> {
    let rows = app_setting::Entity::find()
        .filter(app_setting::Column::Key.is_in(keys.iter().map(|k| k.to_string())))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|m| (m.key, m.value)).collect())
}

/// Inserts or replaces a setting.
pub async fn set(db: &impl ConnectionTrait, key: &str, value: &str) -> Result<(), AppError> {
    let row = app_setting::ActiveModel {
        key: Set(key.to_string()),
        value: Set(value.to_string()),
        updated_at: Set(chrono::Utc::now()),
    };
    app_setting::Entity::insert(row)
        .on_conflict(
            OnConflict::column(app_setting::Column::Key)
                .update_columns([app_setting::Column::Value, app_setting::Column::UpdatedAt])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// The team's name ("" until an administrator gives one).
pub async fn team_name(db: &impl ConnectionTrait) -> Result<String, AppError> {
    Ok(get(db, TEAM_NAME).await?.unwrap_or_default())
}

/// An administrator names the team (blank: no name), audited as a setting. Returns the name
/// as kept (trimmed).
pub async fn set_team_name(db: &impl ConnectionTrait, actor: &Actor, name: &str, now: DateTime<Utc>) -> Result<String, AppError> {
    let name = name.trim();
    let mut problems = Vec::new();
    crate::domain::validate::optional_len(&mut problems, "team_name", name, "チーム名", crate::dto::system::TEAM_NAME_MAX);
    if let Some((field, message)) = problems.into_iter().next() {
        return Err(AppError::field(field, message));
    }
    let before = team_name(db).await?;
    if before == name {
        return Ok(before);
    }
    set(db, TEAM_NAME, name).await?;
    let change = Change {
        field: TEAM_NAME.to_string(),
        old: Some(before).filter(|s| !s.is_empty()),
        new: Some(name.to_string()).filter(|s| !s.is_empty()),
    };
    audit::record(db, actor, "setting", None, Action::Update, "チーム名（印刷に表示）", &[change], now).await?;
    Ok(name.to_string())
}
