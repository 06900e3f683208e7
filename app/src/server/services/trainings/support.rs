//! The support the team gave per organisation, and whether trainings refer to one.

use crate::dto::trainings::SupportGiven;
use crate::domain::trainings::{label_of, HOSTING, STATUSES, SUPPORT_KINDS};
use crate::domain::FiscalYear;
use crate::error::AppError;
use crate::server::entities::training;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use super::query::{parts_of, Parts};

/// The trainings an organisation organised, newest first, with the support the team took.
pub async fn support_given(db: &impl ConnectionTrait, organisation: i32) -> Result<Vec<SupportGiven>, AppError> {
    let rows = training::Entity::find()
        .filter(training::Column::OrganiserOrganisationId.eq(organisation))
        .filter(training::Column::Active.eq(true))
        .order_by_desc(training::Column::HeldOn)
        .all(db)
        .await?;
    let parts = parts_of(db, &rows.iter().map(|t| t.id).collect::<Vec<_>>()).await?;
    Ok(rows
        .iter()
        .map(|t| {
            let plan = parts.get(&t.id).map(Parts::plan).unwrap_or_default();
            SupportGiven {
                id: t.id,
                fiscal_year: FiscalYear(t.fiscal_year).short_label(),
                date: crate::domain::dates::day(t.held_on),
                title: t.title.clone(),
                hosting: label_of(HOSTING, &t.hosting).unwrap_or("").into(),
                status: label_of(STATUSES, &t.status).unwrap_or("").into(),
                team_support: SUPPORT_KINDS
                    .iter()
                    .zip(plan)
                    .filter(|(_, (a, _))| a == "team" || a == "joint")
                    .map(|((_, kind), (a, _))| if a == "joint" { format!("{kind}（共同）") } else { kind.to_string() })
                    .collect(),
            }
        })
        .collect())
}

/// Whether any training refers to the organisation (then it is archived, not deleted).
pub async fn refers_to_organisation(db: &impl ConnectionTrait, id: i32) -> Result<bool, AppError> {
    use sea_orm::PaginatorTrait;
    let organised = training::Entity::find().filter(training::Column::OrganiserOrganisationId.eq(id)).count(db).await?;
    Ok(organised > 0 || crate::server::services::shared::checklist::refers_to_organisation::<super::tasks::Tasks>(db, id).await?)
}
