//! Installation-wide settings as key/value pairs.

use crate::error::AppError;
use crate::server::entities::app_setting;
use sea_orm::{sea_query::OnConflict, ConnectionTrait, EntityTrait, Set};

pub async fn get(db: &impl ConnectionTrait, key: &str) -> Result<Option<String>, AppError> {
    Ok(app_setting::Entity::find_by_id(key.to_string()).one(db).await?.map(|m| m.value))
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
