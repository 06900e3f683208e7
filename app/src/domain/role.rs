//! Roles and what each may do. This is the one place permissions are decided; server
//! functions ask `Role::allows` (through `server::auth::authorize`) before doing anything.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// 管理者: everything, including users and the audit trail.
    Admin,
    /// コーディネーター: reads and writes all records.
    Coordinator,
    /// 閲覧者: reads the directory, meetings and trainings; writes nothing.
    Viewer,
    /// 資源登録者: staff of a community centre who enter and edit the resources of their own
    /// district (bound per account) and see nothing else of the app.
    Collector,
    /// 連携先: staff of a clinic, pharmacy or community centre, bound to their organisation,
    /// who send and answer referral slips of that organisation and see nothing else.
    Partner,
}

/// Things a user may want to do. Later features add their own variants here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    ReadDirectory,
    WriteDirectory,
    ManageUsers,
    ReadAudit,
    ReadMeetings,
    WriteMeetings,
    /// Every profession's confidential issue register (others may be granted single ones).
    ReadIssues,
    WriteIssues,
    /// Individual consultation records (they may name people).
    ReadConsultations,
    WriteConsultations,
    /// The yearly consultation-trend tables (counts only).
    ReadConsultationTrends,
    /// Adding, renaming and retiring consultation categories.
    ManageConsultationCategories,
    /// Adding, renaming and retiring meeting kinds (会議の種類).
    ManageMeetingKinds,
    ReadTrainings,
    WriteTrainings,
    /// The team's resource list with every field (staff contacts, screening, consent).
    ReadResources,
    /// Entering and editing resources.
    WriteResources,
    /// Screening, consent and confirmation: what decides publication.
    ScreenResources,
    /// Keeping the resource list's categories and districts.
    ManageResourceLists,
    /// Referral slips: the team's all, a partner's only those of their organisation
    /// (`services::referrals::access` narrows every read and write).
    ReadReferrals,
    WriteReferrals,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Admin, Role::Coordinator, Role::Viewer, Role::Collector, Role::Partner];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::Viewer => "viewer",
            Role::Collector => "collector",
            Role::Partner => "partner",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "管理者",
            Role::Coordinator => "コーディネーター",
            Role::Viewer => "閲覧者",
            Role::Collector => "資源登録者",
            Role::Partner => "連携先（医療機関・薬局・センター）",
        }
    }

    pub fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Admin => true,
            Role::Coordinator => matches!(
                permission,
                ReadDirectory | WriteDirectory | ReadMeetings | WriteMeetings | ReadIssues | WriteIssues | ReadConsultations | WriteConsultations | ReadConsultationTrends | ReadTrainings | WriteTrainings
                    | ReadResources | WriteResources | ScreenResources | ReadReferrals | WriteReferrals
            ),
            Role::Viewer => matches!(permission, ReadDirectory | ReadMeetings | ReadConsultationTrends | ReadTrainings | ReadResources),
            // Only within their district: `services::resources::scope` narrows every read and write.
            Role::Collector => matches!(permission, ReadResources | WriteResources),
            // Only their organisation's slips: `services::referrals::access`.
            Role::Partner => matches!(permission, ReadReferrals | WriteReferrals),
        }
    }

    /// Bound to one organisation of the directory (partners).
    pub fn is_organisation_bound(self) -> bool {
        self == Role::Partner
    }

    /// Roles from outside the team, who see only their own section of the app.
    pub fn is_external(self) -> bool {
        matches!(self, Role::Collector | Role::Partner)
    }

    /// Where the role starts: its section for those from outside the team.
    pub fn home(self) -> &'static str {
        match self {
            Role::Collector => "/resources",
            Role::Partner => "/referrals",
            _ => "/",
        }
    }

    /// Whether the role is bound to one district of the resource list.
    pub fn is_district_bound(self) -> bool {
        self == Role::Collector
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("root"), None);
    }

    #[test]
    fn permissions_per_role() {
        use Permission::*;
        assert!(Role::Admin.allows(ManageUsers) && Role::Admin.allows(ReadAudit));
        assert!(Role::Coordinator.allows(WriteDirectory));
        assert!(!Role::Coordinator.allows(ManageUsers));
        assert!(Role::Viewer.allows(ReadConsultationTrends) && !Role::Viewer.allows(ReadConsultations));
        assert!(Role::Coordinator.allows(WriteConsultations) && !Role::Coordinator.allows(ManageConsultationCategories));
        assert!(Role::Admin.allows(ManageMeetingKinds) && !Role::Coordinator.allows(ManageMeetingKinds) && !Role::Viewer.allows(ManageMeetingKinds));
        assert!(!Role::Coordinator.allows(ReadAudit));
        assert!(Role::Viewer.allows(ReadDirectory));
        assert!(!Role::Viewer.allows(WriteDirectory));
        assert!(!Role::Viewer.allows(ManageUsers));
        assert!(Role::Coordinator.allows(WriteMeetings) && Role::Viewer.allows(ReadMeetings));
        assert!(!Role::Viewer.allows(WriteMeetings));
        assert!(Role::Coordinator.allows(ReadIssues) && Role::Coordinator.allows(WriteIssues));
        assert!(!Role::Viewer.allows(ReadIssues) && !Role::Viewer.allows(WriteIssues));
        assert!(Role::Viewer.allows(ReadTrainings) && !Role::Viewer.allows(WriteTrainings));
        assert!(Role::Coordinator.allows(WriteTrainings));
        assert!(Role::Coordinator.allows(ScreenResources) && Role::Coordinator.allows(WriteResources));
        assert!(Role::Viewer.allows(ReadResources) && !Role::Viewer.allows(WriteResources) && !Role::Viewer.allows(ScreenResources));
        assert!(Role::Admin.allows(ManageResourceLists) && !Role::Coordinator.allows(ManageResourceLists) && !Role::Viewer.allows(ManageResourceLists));
    }

    #[test]
    fn a_collector_may_only_enter_resources() {
        use Permission::*;
        let c = Role::Collector;
        assert!(c.allows(ReadResources) && c.allows(WriteResources) && c.is_district_bound());
        for p in [ReadDirectory, WriteDirectory, ManageUsers, ReadAudit, ReadMeetings, WriteMeetings, ReadIssues, WriteIssues, ReadConsultations, WriteConsultations, ReadConsultationTrends, ManageConsultationCategories, ManageMeetingKinds, ReadTrainings, WriteTrainings, ScreenResources, ManageResourceLists] {
            assert!(!c.allows(p), "{p:?}");
        }
        assert!(Role::ALL.iter().filter(|r| r.is_district_bound()).eq([&Role::Collector]));
    }

    #[test]
    fn a_partner_may_only_use_referrals() {
        use Permission::*;
        let p = Role::Partner;
        assert!(p.allows(ReadReferrals) && p.allows(WriteReferrals) && p.is_organisation_bound() && p.is_external());
        for x in [ReadDirectory, WriteDirectory, ManageUsers, ReadAudit, ReadMeetings, WriteMeetings, ReadIssues, WriteIssues, ReadConsultations, WriteConsultations, ReadConsultationTrends, ManageConsultationCategories, ManageMeetingKinds, ReadTrainings, WriteTrainings, ReadResources, WriteResources, ScreenResources, ManageResourceLists] {
            assert!(!p.allows(x), "{x:?}");
        }
        assert!(!Role::Viewer.allows(ReadReferrals) && !Role::Collector.allows(ReadReferrals) && Role::Coordinator.allows(WriteReferrals));
        assert_eq!((p.home(), Role::Collector.home(), Role::Viewer.home()), ("/referrals", "/resources", "/"));
    }
}
