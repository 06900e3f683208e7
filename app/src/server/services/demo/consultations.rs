//! Demo consultations: eight fiscal years (H29–R6) with the counts of the team's published
//! trend table, read through the CSV importer (so re-seeding adds nothing: see its import keys).

use crate::server::services::audit::{self, Action, Actor};
use crate::server::services::consultations::import::{insert_new, parse, Lookups};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

/// Written by `scripts/make-demo-consultations.py`.
pub const CSV: &[u8] = include_bytes!("data/demo-consultations.csv");

pub async fn seed(db: &impl ConnectionTrait, actor: &Actor, now: DateTime<Utc>) -> Result<i32, AppError> {
    let lookups = Lookups::load(db).await?;
    let parsed = parse(CSV, &lookups);
    if let Some(p) = parsed.problems.first() {
        return Err(AppError::Internal(format!("demo consultations, line {}: {} {}", p.line, p.column, p.message)));
    }
    let created = insert_new(db, &parsed.rows, &lookups, now).await?;
    if created > 0 {
        audit::record(db, actor, "consultation_import", None, Action::Create, &format!("デモデータ: {created}件"), &[], now).await?;
    }
    Ok(created)
}
