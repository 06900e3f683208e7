//! The year's evaluation of the referral pathways, counted from the slips sent in the fiscal
//! year and their latest replies. Counts only: nothing sealed is opened.

use super::access::ReferralAccess;
use super::pathways;
use crate::domain::referral_evaluation::{evaluate, Outcome, SlipFacts};
use crate::domain::referral_replies::{CareApplication, Visit};
use crate::domain::referrals::{Household, State, Topic};
use crate::domain::FiscalYear;
use crate::dto::referrals::ReferralEvaluation;
use crate::error::AppError;
use crate::server::entities::{referral, referral_reply};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};
use std::collections::HashMap;

/// The team's evaluation of fiscal year `fy` (partners get 403).
pub async fn build(db: &impl ConnectionTrait, access: &ReferralAccess, fy: FiscalYear, today: NaiveDate) -> Result<ReferralEvaluation, AppError> {
    if !access.is_team() {
        return Err(AppError::Forbidden);
    }
    let slips = access.slips().filter(referral::Column::SentOn.between(fy.first_day(), fy.last_day())).all(db).await?;
    // The latest reply of each slip (replies come oldest first).
    let mut latest: HashMap<i32, referral_reply::Model> = HashMap::new();
    for r in access.all_replies(db).await? {
        match latest.get(&r.referral_id) {
            Some(l) if (l.replied_on, l.id) > (r.replied_on, r.id) => {}
            _ => {
                latest.insert(r.referral_id, r);
            }
        }
    }
    let all_pathways = pathways::all(db).await?;
    let names: HashMap<i32, String> = all_pathways.iter().map(|p| (p.id, p.name.clone())).collect();
    // Current pathways, and retired ones that still have slips this year.
    let order: Vec<String> = all_pathways.iter().filter(|p| p.active || slips.iter().any(|s| s.pathway_id == p.id)).map(|p| p.name.clone()).collect();
    let facts: Vec<SlipFacts> = slips
        .iter()
        .map(|m| SlipFacts {
            pathway: names.get(&m.pathway_id).cloned().unwrap_or_default(),
            sent_on: m.sent_on,
            received_on: m.received_on,
            replied_on: m.replied_on,
            due_on: m.due_on,
            state: State::from_code(&m.state).unwrap_or(State::Sent),
            topics: m.topics.split(',').filter_map(Topic::from_code).collect(),
            age_band: m.age_band.clone(),
            household: Household::from_code(&m.household).unwrap_or(Household::Unknown),
            outcome: latest.get(&m.id).map(|r| Outcome {
                care_application: CareApplication::from_code(&r.care_application).unwrap_or(CareApplication::Unknown),
                visit: Visit::from_code(&r.visit).unwrap_or(Visit::Unknown),
                connections_before: r.connections_before,
                connections_now: r.connections_now,
            }),
        })
        .collect();
    Ok(ReferralEvaluation { fiscal_year: fy.year(), label: format!("{}（{}）", fy.long_label(), fy.short_label()), evaluation: evaluate(&order, &facts, today) })
}
