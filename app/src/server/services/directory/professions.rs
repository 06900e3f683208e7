//! Professions (職種): the list everything else is grouped by.

use crate::server::services::audit::{self, Action, Actor, Audited, Snapshot};
use crate::server::services::shared::versioned::{update_versioned, problems};
use crate::server::services::system::settings;
use crate::dto::directory::ProfessionView;
use crate::domain::directory::{ProfessionInput, DEFAULT_PROFESSIONS};
use crate::error::AppError;
use crate::server::entities::{organisation_profession, person, profession};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

impl Audited for profession::Model {
    const ENTITY_TYPE: &'static str = "profession";
    fn audit_id(&self) -> i64 {
        self.id as i64
    }
    fn audit_label(&self) -> String {
        self.name.clone()
    }
    fn snapshot(&self) -> Snapshot {
        vec![
            ("name", self.name.clone()),
            ("short_name", self.short_name.clone()),
            ("sort_order", self.sort_order.to_string()),
            ("active", self.active.to_string()),
        ]
    }
}

/// Seeds the default professions once per installation (the list stays editable).
pub async fn ensure_defaults(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), AppError> {
    if settings::get(db, "professions_seeded").await?.is_some() {
        return Ok(());
    }
    if profession::Entity::find().count(db).await? == 0 {
        let actor = Actor::system("初期データ");
        for (i, (name, short)) in DEFAULT_PROFESSIONS.iter().enumerate() {
            let model = profession::ActiveModel {
                name: Set(name.to_string()),
                short_name: Set(short.to_string()),
                sort_order: Set((i as i32 + 1) * 10),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
            .insert(db)
            .await?;
            audit::record_create(db, &actor, &model, now).await?;
        }
    }
    settings::set(db, "professions_seeded", &now.to_rfc3339()).await
}

pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<profession::Model>, AppError> {
    Ok(profession::Entity::find()
        .order_by_asc(profession::Column::SortOrder)
        .order_by_asc(profession::Column::Id)
        .all(db)
        .await?)
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<ProfessionView>, AppError> {
    let mut out = Vec::new();
    for p in all(db).await? {
        let organisations = organisation_profession::Entity::find()
            .filter(organisation_profession::Column::ProfessionId.eq(p.id))
            .count(db)
            .await?;
        let people = person::Entity::find().filter(person::Column::ProfessionId.eq(p.id)).count(db).await?;
        out.push(ProfessionView {
            id: p.id,
            name: p.name,
            short_name: p.short_name,
            sort_order: p.sort_order,
            active: p.active,
            version: p.version,
            organisations,
            people,
        });
    }
    Ok(out)
}

/// Creates (`id` None) or updates a profession. Names are unique.
pub async fn save(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Option<i32>,
    version: Option<i32>,
    input: &ProfessionInput,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let order = input.check().map_err(problems)?;
    let name = input.name.trim().to_string();
    let same_name = profession::Entity::find().filter(profession::Column::Name.eq(&name)).one(db).await?;
    if same_name.is_some_and(|p| Some(p.id) != id) {
        return Err(AppError::field("name", "同じ名前の職種がすでにあります。"));
    }
    match id {
        None => {
            let model = profession::ActiveModel {
                name: Set(name),
                short_name: Set(input.short_name.trim().to_string()),
                sort_order: Set(order),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
            .insert(db)
            .await?;
            audit::record_create(db, actor, &model, now).await?;
            Ok(model.id)
        }
        Some(id) => {
            let before = profession::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            let expected = crate::server::services::shared::versioned::expected_version(version)?;
            let mut am: profession::ActiveModel = before.clone().into();
            am.name = Set(name);
            am.short_name = Set(input.short_name.trim().to_string());
            am.sort_order = Set(order);
            am.active = Set(input.active);
            am.updated_at = Set(now);
            update_versioned(db, profession::Model::ENTITY_TYPE, id, expected, am, || vec![]).await?;
            let after = profession::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            let action = match (before.active, after.active) {
                (true, false) => Action::Archive,
                (false, true) => Action::Restore,
                _ => Action::Update,
            };
            audit::record_change(db, actor, action, &before, &after, now).await?;
            Ok(id)
        }
    }
}
