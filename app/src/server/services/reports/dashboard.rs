//! The home dashboard. Every part is a bounded, indexed query (two weeks of meetings and
//! trainings, the first few late items with a count, the latest consultations, issue counts
//! grouped in the database), so it stays fast however many years are recorded.

use crate::server::services::meetings::follow_ups::FollowUps;
use crate::server::services::shared::checklist;
use crate::server::services::trainings::tasks::Tasks;
use crate::server::services::consultations::record::Names as ConsultationNames;
use crate::server::services::issues::access::IssueAccess;
use crate::server::services::referrals::{self, ReferralAccess};
use crate::dto::auth::SessionUser;
use crate::dto::dashboard::{AgendaItem, Dashboard, IssueSummary, LayerCounts, RecentConsultation, Shortlist, StartHere};
use crate::domain::consultations::status_label;
use crate::domain::issues::{IssueStatus, Layer};
use crate::domain::meetings::Level;
use crate::domain::dates;
use crate::domain::report::two_weeks;
use crate::domain::{FiscalYear, Permission};
use crate::error::AppError;
use crate::server::entities::{consultation, issue, meeting, organisation, training};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

/// How many late items and consultations the dashboard lists before "all N".
pub const SHORTLIST: u64 = 8;

mod t {
    pub const MEETING: &str = "会議";
    pub const TRAINING: &str = "研修";
}

async fn agenda(db: &impl ConnectionTrait, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<Vec<(NaiveDate, AgendaItem)>, AppError> {
    let item = |href: String, d: NaiveDate, time: &str, title: &str, kind: &str, level: String| AgendaItem {
        href,
        date_label: dates::day(d),
        time: time.to_string(),
        title: title.to_string(),
        kind: kind.to_string(),
        level,
        today: d == today,
    };
    let mut items: Vec<(NaiveDate, AgendaItem)> = meeting::Entity::find()
        .filter(meeting::Column::HeldOn.between(from, to))
        .filter(meeting::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            let level = Level::from_number(m.level).map(|l| l.label().to_string()).unwrap_or_default();
            (m.held_on, item(format!("/meetings/{}", m.id), m.held_on, &m.start_time, &m.title, t::MEETING, level))
        })
        .collect();
    for tr in training::Entity::find()
        .filter(training::Column::HeldOn.between(from, to))
        .filter(training::Column::Active.eq(true))
        .filter(training::Column::Status.ne("cancelled"))
        .all(db)
        .await?
    {
        let level = crate::server::services::trainings::level_label(tr.level).to_string();
        items.push((tr.held_on, item(format!("/trainings/{}", tr.id), tr.held_on, &tr.start_time, &tr.title, t::TRAINING, level)));
    }
    items.sort_by(|a, b| (a.0, &a.1.time, &a.1.title).cmp(&(b.0, &b.1.time, &b.1.title)));
    Ok(items)
}

/// Active consultations matching `cond`, counted from the covering index.
async fn count_consultations(db: &impl ConnectionTrait, cond: Condition) -> Result<u64, AppError> {
    let n: Option<i64> = consultation::Entity::find()
        .select_only()
        .column_as(consultation::Column::CategoryId.count(), "n")
        .filter(consultation::Column::Active.eq(true))
        .filter(cond)
        .into_tuple()
        .one(db)
        .await?;
    Ok(n.unwrap_or(0) as u64)
}

async fn recent_consultations(db: &impl ConnectionTrait) -> Result<Shortlist<RecentConsultation>, AppError> {
    let total = count_consultations(db, Condition::all()).await?;
    let rows = consultation::Entity::find()
        .filter(consultation::Column::Active.eq(true))
        .order_by_desc(consultation::Column::ReceivedOn).order_by_desc(consultation::Column::Id).limit(SHORTLIST).all(db).await?;
    let names = ConsultationNames::load(db).await?;
    let items = rows
        .iter()
        .map(|c| {
            let who = [names.organisation(c), names.profession(c)].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("・");
            RecentConsultation {
                id: c.id,
                received_on: dates::day(c.received_on),
                category: names.category(c),
                who,
                status: status_label(&c.status).unwrap_or_default().to_string(),
                status_code: c.status.clone(),
            }
        })
        .collect();
    Ok(Shortlist { items, total })
}

/// Open issues counted per layer and status in the database.
async fn open_issues(db: &impl ConnectionTrait, access: &IssueAccess) -> Result<IssueSummary, AppError> {
    let counts: Vec<(String, String, i64)> = access
        .issues()
        .select_only()
        .column(issue::Column::Layer)
        .column(issue::Column::Status)
        .column_as(issue::Column::Id.count(), "n")
        .group_by(issue::Column::Layer)
        .group_by(issue::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let open: Vec<IssueStatus> = IssueStatus::ALL.into_iter().filter(|s| s.is_open()).collect();
    let rows = Layer::ALL
        .iter()
        .map(|l| {
            let counts: Vec<u32> = open
                .iter()
                .map(|s| counts.iter().filter(|(lc, sc, _)| lc == l.code() && sc == s.code()).map(|(_, _, n)| *n as u32).sum())
                .collect();
            LayerCounts { layer: l.label().to_string(), layer_code: l.code().to_string(), total: counts.iter().sum(), counts }
        })
        .collect();
    Ok(IssueSummary { statuses: open.iter().map(|s| s.label().to_string()).collect(), rows, partial: access.is_partial() })
}

/// 「はじめに」 for those who may take the first steps, while the installation has no
/// organisations or no meetings yet (a demo installation has both, so never shows it).
async fn start_here(db: &impl ConnectionTrait, user: &SessionUser) -> Result<Option<StartHere>, AppError> {
    if !(user.can(Permission::WriteDirectory) && user.can(Permission::WriteMeetings)) {
        return Ok(None);
    }
    let organisations = organisation::Entity::find().count(db).await? > 0;
    let meetings = meeting::Entity::find().count(db).await? > 0;
    if organisations && meetings {
        return Ok(None);
    }
    Ok(Some(StartHere {
        organisations,
        accounts: crate::server::services::accounts::users::count(db).await? > 1,
        consultations: consultation::Entity::find().count(db).await? > 0,
        meetings,
        manage_users: user.can(Permission::ManageUsers),
    }))
}

pub async fn load(db: &impl ConnectionTrait, user: &SessionUser, access: Option<&IssueAccess>, today: NaiveDate) -> Result<Dashboard, AppError> {
    let (from, to, next_monday) = two_weeks(today);
    let (this_week, next_week): (Vec<_>, Vec<_>) = agenda(db, from, to, today).await?.into_iter().partition(|(d, _)| *d < next_monday);
    let fy = FiscalYear::of(today);
    let consultations = match user.can(Permission::ReadConsultations) {
        true => Some(recent_consultations(db).await?),
        false => None,
    };
    let consultations_this_year = match user.can(Permission::ReadConsultationTrends) {
        true => Some(count_consultations(db, Condition::all().add(consultation::Column::FiscalYear.eq(fy.0))).await?),
        false => None,
    };
    let issues = match access {
        Some(a) if !a.scope().is_empty() => Some(open_issues(db, a).await?),
        _ => None,
    };
    let overdue_referrals = match ReferralAccess::of(user) {
        Ok(access) => Some(referrals::slips::overdue(db, &access, today, SHORTLIST as usize).await?),
        Err(_) => None,
    };
    Ok(Dashboard {
        user_name: user.display_name.clone(),
        fiscal_year: format!("{}（{}）", fy.long_label(), fy.short_label()),
        today: dates::day(today),
        this_week: this_week.into_iter().map(|(_, i)| i).collect(),
        next_week: next_week.into_iter().map(|(_, i)| i).collect(),
        follow_ups: checklist::due_soon::<FollowUps>(db, today, SHORTLIST).await?,
        tasks: checklist::due_soon::<Tasks>(db, today, SHORTLIST).await?,
        consultations,
        consultations_this_year,
        issues,
        overdue_referrals,
        start: start_here(db, user).await?,
    })
}
