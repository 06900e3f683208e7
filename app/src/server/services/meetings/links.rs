//! What a meeting links to: professions, organisations, people, coordinators and the
//! initiatives it belongs to.

use crate::error::AppError;
use crate::server::entities::{
    initiative_meeting as im, meeting_organisation as mo, meeting_person as mpe, meeting_profession as mp, meeting_user as mu,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::HashMap;

/// The ids a meeting links to.
#[derive(Default, Clone)]
pub struct Links {
    pub professions: Vec<i32>,
    pub organisations: Vec<i32>,
    pub people: Vec<i32>,
    pub users: Vec<i32>,
    pub initiatives: Vec<i32>,
}

/// Links of many meetings at once.
pub async fn links_of(db: &impl ConnectionTrait, ids: &[i32]) -> Result<HashMap<i32, Links>, AppError> {
    let mut out: HashMap<i32, Links> = ids.iter().map(|id| (*id, Links::default())).collect();
    for ids in ids.chunks(500) {
        let ids = ids.to_vec();
        for l in mp::Entity::find().filter(mp::Column::MeetingId.is_in(ids.clone())).all(db).await? {
            out.entry(l.meeting_id).or_default().professions.push(l.profession_id);
        }
        for l in mo::Entity::find().filter(mo::Column::MeetingId.is_in(ids.clone())).all(db).await? {
            out.entry(l.meeting_id).or_default().organisations.push(l.organisation_id);
        }
        for l in mpe::Entity::find().filter(mpe::Column::MeetingId.is_in(ids.clone())).all(db).await? {
            out.entry(l.meeting_id).or_default().people.push(l.person_id);
        }
        for l in mu::Entity::find().filter(mu::Column::MeetingId.is_in(ids.clone())).all(db).await? {
            out.entry(l.meeting_id).or_default().users.push(l.user_id);
        }
        for l in im::Entity::find().filter(im::Column::MeetingId.is_in(ids)).all(db).await? {
            out.entry(l.meeting_id).or_default().initiatives.push(l.initiative_id);
        }
    }
    for l in out.values_mut() {
        l.professions.sort();
        l.organisations.sort();
        l.people.sort();
        l.users.sort();
        l.initiatives.sort();
    }
    Ok(out)
}

/// Whether any meeting refers to the record (then it is archived, not deleted).
pub async fn refers_to_organisation(db: &impl ConnectionTrait, id: i32) -> Result<bool, AppError> {
    Ok(mo::Entity::find().filter(mo::Column::OrganisationId.eq(id)).count(db).await? > 0)
}

pub async fn refers_to_person(db: &impl ConnectionTrait, id: i32) -> Result<bool, AppError> {
    Ok(mpe::Entity::find().filter(mpe::Column::PersonId.eq(id)).count(db).await? > 0)
}
