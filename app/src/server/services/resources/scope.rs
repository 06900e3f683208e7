//! Which resources a signed-in user may read and edit: the whole list for the team, one
//! district for a collector. Every team-side read and write of a resource goes through a
//! `Scope`; a resource outside it is "not found", like a missing one.

use crate::dto::auth::SessionUser;
use crate::error::AppError;
use crate::server::entities::resource;
use sea_orm::{ColumnTrait, Condition};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Administrators, coordinators and viewers (viewers only read; permissions decide).
    Team,
    /// A collector (資源登録者): entries of their district only, no organisations of the
    /// directory, no decisions.
    District(i32),
}

impl Scope {
    /// The caller's scope: 403 for a collector not yet bound to a district.
    pub fn of(user: &SessionUser) -> Result<Scope, AppError> {
        if !user.role.is_district_bound() {
            return Ok(Scope::Team);
        }
        user.district.map(Scope::District).ok_or(AppError::Forbidden)
    }

    pub fn condition(self) -> Condition {
        match self {
            Scope::Team => Condition::all(),
            Scope::District(d) => Condition::all().add(resource::Column::DistrictId.eq(d)),
        }
    }

    pub fn contains(self, m: &resource::Model) -> bool {
        match self {
            Scope::Team => true,
            Scope::District(d) => m.district_id == Some(d),
        }
    }

    /// A record in scope, or NotFound.
    pub fn check(self, m: resource::Model) -> Result<resource::Model, AppError> {
        if self.contains(&m) {
            Ok(m)
        } else {
            Err(AppError::NotFound)
        }
    }
}
