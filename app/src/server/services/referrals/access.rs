//! The one gate to referral slips: every read of a slip starts from a `ReferralAccess`, built
//! from the caller. The team (administrators, coordinators) sees every slip; a partner only
//! those their organisation sent or receives; everyone else none. A slip outside the scope is
//! "not found", like a missing one. The person's details open only for an account that signs
//! in with a second factor. `scripts/architecture.sh` fails if the referral tables are
//! queried anywhere else.

use crate::domain::Permission;
use crate::dto::auth::SessionUser;
use crate::error::AppError;
use crate::server::entities::{referral, referral_reply};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    Team,
    Organisation(i32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReferralAccess {
    scope: Scope,
    /// The caller signs in with a second factor (or is the system): the person's details
    /// and the support texts may be opened.
    personal: bool,
}

impl ReferralAccess {
    /// The caller's access; 403 for roles without referrals, and for a partner not yet bound
    /// to an organisation.
    pub fn of(user: &SessionUser) -> Result<Self, AppError> {
        if !user.can(Permission::ReadReferrals) {
            return Err(AppError::Forbidden);
        }
        let scope = if user.role.is_organisation_bound() { Scope::Organisation(user.organisation.ok_or(AppError::Forbidden)?) } else { Scope::Team };
        Ok(ReferralAccess { scope, personal: false })
    }

    /// The caller's access, with the person's details when their account uses two-step
    /// sign-in.
    pub async fn of_account(db: &impl ConnectionTrait, user: &SessionUser) -> Result<Self, AppError> {
        let access = Self::of(user)?;
        let personal = crate::server::services::accounts::two_factor::is_enabled(db, user.id).await?;
        Ok(ReferralAccess { personal, ..access })
    }

    /// Every slip: for work done on no one's behalf (retention, the evaluation's counts).
    pub fn team() -> Self {
        ReferralAccess { scope: Scope::Team, personal: true }
    }

    /// Whether the person's details and the support texts open for the caller.
    pub fn opens_personal(&self) -> bool {
        self.personal
    }

    pub fn is_team(&self) -> bool {
        self.scope == Scope::Team
    }

    /// The partner's organisation.
    pub fn organisation(&self) -> Option<i32> {
        match self.scope {
            Scope::Organisation(o) => Some(o),
            Scope::Team => None,
        }
    }

    fn condition(&self) -> Condition {
        match self.scope {
            Scope::Team => Condition::all(),
            Scope::Organisation(o) => Condition::any().add(referral::Column::SenderOrganisationId.eq(o)).add(referral::Column::ReceiverOrganisationId.eq(o)),
        }
    }

    /// The slips within the scope.
    pub fn slips(&self) -> Select<referral::Entity> {
        referral::Entity::find().filter(self.condition())
    }

    /// One slip within the scope; "not found" outside it.
    pub async fn find(&self, db: &impl ConnectionTrait, id: i32) -> Result<referral::Model, AppError> {
        self.slips().filter(referral::Column::Id.eq(id)).one(db).await?.ok_or(AppError::NotFound)
    }

    /// Whether the caller may send a slip from `organisation`.
    pub fn may_send_from(&self, organisation: i32) -> bool {
        match self.scope {
            Scope::Team => true,
            Scope::Organisation(o) => o == organisation,
        }
    }

    /// Whether the caller acts for the slip's receiver (the team relays for any).
    pub fn receives(&self, slip: &referral::Model) -> bool {
        match self.scope {
            Scope::Team => true,
            Scope::Organisation(o) => o == slip.receiver_organisation_id,
        }
    }

    /// Whether the caller may read what replies say: the team and the receiver always; the
    /// sender only with the person's consent to report back.
    pub fn sees_replies(&self, slip: &referral::Model) -> bool {
        match self.scope {
            Scope::Team => true,
            Scope::Organisation(o) => o == slip.receiver_organisation_id || (o == slip.sender_organisation_id && slip.report_back),
        }
    }

    /// The replies to a slip the caller has found through `find`, oldest first; none when the
    /// caller may not read them.
    pub async fn replies(&self, db: &impl ConnectionTrait, slip: &referral::Model) -> Result<Vec<referral_reply::Model>, AppError> {
        if !self.sees_replies(slip) {
            return Ok(Vec::new());
        }
        Ok(referral_reply::Entity::find()
            .filter(referral_reply::Column::ReferralId.eq(slip.id))
            .order_by_asc(referral_reply::Column::RepliedOn)
            .order_by_asc(referral_reply::Column::Id)
            .all(db)
            .await?)
    }

    /// Every reply within the scope (key rotation, the evaluation's counts).
    pub async fn all_replies(&self, db: &impl ConnectionTrait) -> Result<Vec<referral_reply::Model>, AppError> {
        if !self.is_team() {
            return Err(AppError::Forbidden);
        }
        Ok(referral_reply::Entity::find().order_by_asc(referral_reply::Column::Id).all(db).await?)
    }
}
