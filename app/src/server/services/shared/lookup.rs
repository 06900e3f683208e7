//! Names of what records link to (professions, organisations, people, users), loaded once
//! per request and looked up by id.

use crate::dto::directory::Ref;
use crate::dto::meetings::AttendeeView;
use crate::error::AppError;
use crate::server::entities::{
    app_user, organisation, person, profession,
};
use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect};
use std::collections::HashMap;

/// Names of everything a meeting links to, loaded once per request.
pub struct Names {
    pub professions: HashMap<i32, String>,
    pub organisations: HashMap<i32, String>,
    pub people: HashMap<i32, person::Model>,
    pub users: HashMap<i32, String>,
}

impl Names {
    pub async fn load(db: &impl ConnectionTrait) -> Result<Names, AppError> {
        Ok(Names {
            professions: profession::Entity::find().all(db).await?.into_iter().map(|p| (p.id, p.name)).collect(),
            organisations: organisation::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o.name)).collect(),
            people: person::Entity::find().all(db).await?.into_iter().map(|p| (p.id, p)).collect(),
            users: app_user::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u.display_name)).collect(),
        })
    }

    /// Everything but the people: lists and owners name professions, organisations and
    /// coordinators only, and the people are the largest part.
    pub async fn without_people(db: &impl ConnectionTrait) -> Result<Names, AppError> {
        Ok(Names {
            professions: profession::Entity::find().select_only().column(profession::Column::Id).column(profession::Column::Name).into_tuple().all(db).await?.into_iter().collect(),
            organisations: organisation::Entity::find().select_only().column(organisation::Column::Id).column(organisation::Column::Name).into_tuple().all(db).await?.into_iter().collect(),
            people: HashMap::new(),
            users: app_user::Entity::find().select_only().column(app_user::Column::Id).column(app_user::Column::DisplayName).into_tuple().all(db).await?.into_iter().collect(),
        })
    }

    pub fn refs(map: &HashMap<i32, String>, ids: &[i32]) -> Vec<Ref> {
        ids.iter().filter_map(|id| map.get(id).map(|n| Ref { id: *id, name: n.clone() })).collect()
    }

    pub fn attendee(&self, id: i32) -> Option<AttendeeView> {
        self.people.get(&id).map(|p| AttendeeView {
            id,
            name: p.name.clone(),
            kana: p.kana.clone(),
            organisation_id: p.organisation_id,
            organisation: p.organisation_id.and_then(|o| self.organisations.get(&o).cloned()),
            key_person: p.key_person,
        })
    }

    /// The name of whoever owns a follow-up or task: a coordinator or an organisation.
    pub fn owner(&self, user: Option<i32>, organisation: Option<i32>) -> Option<String> {
        user.and_then(|u| self.users.get(&u).cloned()).or_else(|| organisation.and_then(|o| self.organisations.get(&o).cloned()))
    }

    /// The (user, organisation) columns of an owner typed in a form ("u:3", "o:5", or empty
    /// for none); an owner that does not exist is refused next to the `owner` field.
    pub fn owner_columns(&self, typed: &str) -> Result<(Option<i32>, Option<i32>), AppError> {
        use crate::domain::meetings::Owner;
        match Owner::parse(typed) {
            Some(Owner::User(id)) if self.users.contains_key(&id) => Ok((Some(id), None)),
            Some(Owner::Organisation(id)) if self.organisations.contains_key(&id) => Ok((None, Some(id))),
            Some(_) => Err(AppError::field("owner", "担当の選択が正しくありません。")),
            None => Ok((None, None)),
        }
    }

    /// The names of `ids`, joined with 、 (unknown ids are skipped).
    pub fn joined(map: &HashMap<i32, String>, ids: &[i32]) -> String {
        Names::refs(map, ids).into_iter().map(|r| r.name).collect::<Vec<_>>().join("、")
    }
}
