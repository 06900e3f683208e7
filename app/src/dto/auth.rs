//! Wire types of auth: what its server functions send to and take from the browser.

use crate::domain::Role;
use serde::{Deserialize, Serialize};

/// The signed-in user as the browser may know them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i32,
    pub login_name: String,
    pub display_name: String,
    pub role: Role,
    /// Granted the issue registers of some professions (only the server knows which).
    pub issue_grants: bool,
    /// The district a resource collector is bound to (None for every other role, and for a
    /// collector not yet given one: they may then enter nothing).
    pub district: Option<i32>,
    /// The organisation a partner acts for (None for every other role, and for a partner
    /// not yet given one: they may then see nothing).
    pub organisation: Option<i32>,
}

impl SessionUser {
    /// Whether the role allows `permission`, or a grant does (reading issue registers).
    pub fn can(&self, permission: crate::domain::Permission) -> bool {
        self.role.allows(permission) || (permission == crate::domain::Permission::ReadIssues && self.issue_grants)
    }
}

/// An account as administrators see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: i32,
    pub login_name: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub version: i32,
    /// A resource collector's district.
    pub district: Option<crate::dto::directory::Ref>,
    /// A partner's organisation.
    pub organisation: Option<crate::dto::directory::Ref>,
}

/// What the layout needs: whether the app is set up, and who is signed in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub initialized: bool,
    pub user: Option<SessionUser>,
    pub demo: bool,
    /// The team's name for the print stamp ("" when none is set).
    #[serde(default)]
    pub team_name: String,
}

/// The sign-in waiting for its second step, as the code page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginChallengeView {
    pub display_name: String,
    /// The role requires two-step sign-in and it is not set up yet: set it up now.
    pub enrol: Option<crate::dto::two_factor::EnrolmentView>,
}
