//! Medical and care facilities of the directory marked for the public resource map. The
//! team decides (as for the resource list's screening); what is published is read only
//! through `public::facilities`.

use crate::domain::facilities::{attribute_label, attributes_in_order, FacilityInput};
use crate::domain::meetings::parse_date;
use crate::domain::resources::parse_coordinate;
use crate::dto::resources::FacilityPublication;
use crate::error::AppError;
use crate::server::entities::{facility_publication as publication, organisation};
use crate::server::services::audit::{self, Action, Actor, Change};
use crate::server::services::shared::versioned::{expected_version, problems};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

pub fn to_input(m: &publication::Model) -> FacilityInput {
    let coord = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    FacilityInput {
        attributes: m.attributes.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect(),
        latitude: coord(m.latitude),
        longitude: coord(m.longitude),
        confirmed_on: m.confirmed_on.map(|d| d.to_string()).unwrap_or_default(),
        note: m.note.clone(),
    }
}

/// The publication as one line of the audit trail.
fn summary(m: &publication::Model) -> String {
    let i = to_input(m);
    let attrs: Vec<&str> = i.attributes.iter().filter_map(|a| attribute_label(a)).collect();
    let place = if i.latitude.is_empty() { String::new() } else { format!("{}, {}", i.latitude, i.longitude) };
    [attrs.join("・"), i.confirmed_on, place, i.note].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("／")
}

pub async fn get(db: &impl ConnectionTrait, organisation_id: i32) -> Result<Option<FacilityPublication>, AppError> {
    Ok(publication::Entity::find_by_id(organisation_id).one(db).await?.map(|m| FacilityPublication {
        input: to_input(&m),
        version: m.version,
        updated_at: crate::domain::dates::day_time(m.updated_at),
    }))
}

async fn audited(db: &impl ConnectionTrait, actor: &Actor, org: &organisation::Model, before: Option<&publication::Model>, after: Option<&publication::Model>, now: DateTime<Utc>) -> Result<(), AppError> {
    let change = Change { field: "facility_publication".into(), old: before.map(summary), new: after.map(summary) };
    audit::record(db, actor, "organisation", Some(org.id as i64), Action::Update, &org.name, &[change], now).await
}

/// Publishes an organisation (or updates its publication; `version` of the one edited).
pub async fn save(db: &impl ConnectionTrait, actor: &Actor, organisation_id: i32, version: Option<i32>, input: &FacilityInput, now: DateTime<Utc>) -> Result<(), AppError> {
    input.check().map_err(problems)?;
    let org = organisation::Entity::find_by_id(organisation_id).one(db).await?.ok_or(AppError::NotFound)?;
    let before = publication::Entity::find_by_id(organisation_id).one(db).await?;
    let attributes = attributes_in_order(&input.attributes).join(",");
    let latitude = parse_coordinate(&input.latitude, -90.0..=90.0);
    let longitude = parse_coordinate(&input.longitude, -180.0..=180.0);
    let confirmed_on = parse_date(&input.confirmed_on);
    let note = input.note.trim().to_string();
    match &before {
        None => {
            publication::ActiveModel {
                organisation_id: Set(organisation_id),
                attributes: Set(attributes),
                latitude: Set(latitude),
                longitude: Set(longitude),
                confirmed_on: Set(confirmed_on),
                note: Set(note),
                updated_at: Set(now),
                version: Set(1),
            }
            .insert(db)
            .await?;
        }
        Some(b) => {
            let expected = expected_version(version)?;
            let done = publication::Entity::update_many()
                .col_expr(publication::Column::Attributes, Expr::value(attributes))
                .col_expr(publication::Column::Latitude, Expr::value(latitude))
                .col_expr(publication::Column::Longitude, Expr::value(longitude))
                .col_expr(publication::Column::ConfirmedOn, Expr::value(confirmed_on))
                .col_expr(publication::Column::Note, Expr::value(note))
                .col_expr(publication::Column::UpdatedAt, Expr::value(now))
                .col_expr(publication::Column::Version, Expr::value(b.version + 1))
                .filter(publication::Column::OrganisationId.eq(organisation_id))
                .filter(publication::Column::Version.eq(expected))
                .exec(db)
                .await?;
            if done.rows_affected == 0 {
                return Err(AppError::Conflict("掲載の内容は、編集を始めた後にほかの人が変更しました。最新の内容を確認してから、もう一度保存してください。".into()));
            }
        }
    }
    let after = publication::Entity::find_by_id(organisation_id).one(db).await?;
    audited(db, actor, &org, before.as_ref(), after.as_ref(), now).await
}

/// Takes an organisation off the map.
pub async fn withdraw(db: &impl ConnectionTrait, actor: &Actor, organisation_id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let org = organisation::Entity::find_by_id(organisation_id).one(db).await?.ok_or(AppError::NotFound)?;
    let Some(before) = publication::Entity::find_by_id(organisation_id).one(db).await? else { return Ok(()) };
    publication::Entity::delete_by_id(organisation_id).exec(db).await?;
    audited(db, actor, &org, Some(&before), None, now).await
}
