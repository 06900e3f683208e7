//! Consultation categories: seeded once with the team's six, then kept by administrators.
//! Consultations refer to a category by id, so a rename relabels every year's counts
//! without moving them, and a retired category keeps its past counts.

use crate::server::services::audit::{self, Action, Actor, Audited, Snapshot};
use crate::server::services::shared::versioned::{update_versioned, set_active_versioned};
use crate::server::services::system::settings;
use crate::dto::consultations::CategoryView;
use crate::domain::consultations::{CategoryRef, DEFAULT_CATEGORIES};
use crate::domain::text::char_len;
use crate::error::AppError;
use crate::server::entities::{consultation, consultation_category as category};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::HashMap;

impl Audited for category::Model {
    const ENTITY_TYPE: &'static str = "consultation_category";
    fn audit_id(&self) -> i64 {
        self.id as i64
    }
    fn audit_label(&self) -> String {
        self.name.clone()
    }
    fn snapshot(&self) -> Snapshot {
        vec![("name", self.name.clone()), ("sort_order", self.sort_order.to_string()), ("active", self.active.to_string())]
    }
}

/// Seeds the default categories once per installation.
pub async fn ensure_defaults(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), AppError> {
    if settings::get(db, "consultation_categories_seeded").await?.is_some() {
        return Ok(());
    }
    if category::Entity::find().count(db).await? == 0 {
        let actor = Actor::system("初期データ");
        for (i, name) in DEFAULT_CATEGORIES.iter().enumerate() {
            let model = new_model(name, (i as i32 + 1) * 10, now).insert(db).await?;
            audit::record_create(db, &actor, &model, now).await?;
        }
    }
    settings::set(db, "consultation_categories_seeded", &now.to_rfc3339()).await
}

fn new_model(name: &str, sort_order: i32, now: DateTime<Utc>) -> category::ActiveModel {
    category::ActiveModel {
        name: Set(name.to_string()),
        sort_order: Set(sort_order),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
}

/// All categories in display order.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<category::Model>, AppError> {
    Ok(category::Entity::find().order_by_asc(category::Column::SortOrder).order_by_asc(category::Column::Id).all(db).await?)
}

pub async fn refs(db: &impl ConnectionTrait) -> Result<Vec<CategoryRef>, AppError> {
    Ok(all(db).await?.into_iter().map(|c| CategoryRef { id: c.id, name: c.name, active: c.active }).collect())
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<CategoryView>, AppError> {
    let counts: HashMap<i32, i64> = consultation::Entity::find()
        .select_only()
        .column(consultation::Column::CategoryId)
        .column_as(consultation::Column::Id.count(), "n")
        .filter(consultation::Column::Active.eq(true))
        .group_by(consultation::Column::CategoryId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(all(db)
        .await?
        .into_iter()
        .map(|c| CategoryView { count: counts.get(&c.id).copied().unwrap_or(0) as u64, id: c.id, name: c.name, active: c.active, version: c.version })
        .collect())
}

fn check_name(name: &str) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::field("name", "分類名を入力してください。"));
    }
    if char_len(name) > 100 {
        return Err(AppError::field("name", "分類名は100文字以内にしてください。"));
    }
    Ok(name.to_string())
}

/// Adds a category at the end (`id` None) or renames one.
pub async fn save(db: &impl ConnectionTrait, actor: &Actor, id: Option<i32>, version: Option<i32>, name: &str, now: DateTime<Utc>) -> Result<i32, AppError> {
    let name = check_name(name)?;
    if let Some(other) = category::Entity::find().filter(category::Column::Name.eq(&name)).one(db).await? {
        if Some(other.id) != id {
            return Err(AppError::field("name", format!("分類「{name}」はすでにあります。")));
        }
    }
    match id {
        None => {
            let last = all(db).await?.iter().map(|c| c.sort_order).max().unwrap_or(0);
            let model = new_model(&name, last + 10, now).insert(db).await?;
            audit::record_create(db, actor, &model, now).await?;
            Ok(model.id)
        }
        Some(id) => {
            let before = category::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            let expected = crate::server::services::shared::versioned::expected_version(version)?;
            let mut am: category::ActiveModel = before.clone().into();
            am.name = Set(name);
            am.updated_at = Set(now);
            update_versioned(db, "consultation_category", id, expected, am, || vec!["name"]).await?;
            let after = category::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            audit::record_change(db, actor, Action::Update, &before, &after, now).await?;
            Ok(id)
        }
    }
}

/// Retires (no longer offered for new consultations) or restores a category.
pub async fn set_active(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: i32, active: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    let before = category::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    set_active_versioned::<category::Entity>(db, "consultation_category", id, version, active, now).await?;
    let after = category::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    audit::record_change(db, actor, if active { Action::Restore } else { Action::Archive }, &before, &after, now).await
}
