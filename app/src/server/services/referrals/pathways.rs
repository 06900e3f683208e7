//! The referral pathways (経路), an editable list seeded once with Kamaishi's three.

use crate::dto::directory::Ref;
use crate::error::AppError;
use crate::server::entities::referral_pathway as pathway;
use crate::server::services::system::settings;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryOrder, Set};

pub const DEFAULTS: [&str; 3] = ["健診起点", "受診起点", "薬局起点"];
const SEEDED: &str = "referral_pathways_seeded";

pub async fn ensure_defaults(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), AppError> {
    if settings::get(db, SEEDED).await?.is_some() {
        return Ok(());
    }
    if pathway::Entity::find().count(db).await? == 0 {
        for (i, name) in DEFAULTS.iter().enumerate() {
            pathway::ActiveModel {
                name: Set(name.to_string()),
                sort_order: Set((i as i32 + 1) * 10),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    settings::set(db, SEEDED, &now.to_rfc3339()).await
}

/// Every pathway in list order (retired ones too: old slips keep their names).
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<pathway::Model>, AppError> {
    Ok(pathway::Entity::find().order_by_asc(pathway::Column::SortOrder).order_by_asc(pathway::Column::Id).all(db).await?)
}

/// How many slips name each pathway (retired ones included).
pub async fn slip_counts(db: &impl ConnectionTrait) -> Result<HashMap<i32, i64>, AppError> {
    use crate::server::entities::referral;
    use sea_orm::QuerySelect;
    let rows = super::ReferralAccess::team()
        .slips()
        .select_only()
        .column(referral::Column::PathwayId)
        .column_as(referral::Column::Id.count(), "n")
        .group_by(referral::Column::PathwayId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

pub async fn choices(db: &impl ConnectionTrait) -> Result<Vec<Ref>, AppError> {
    Ok(all(db).await?.into_iter().filter(|p| p.active).map(|p| Ref { id: p.id, name: p.name }).collect())
}
