//! Activity reports for any period (月次・四半期): the annual report's counting over a date
//! range — meetings by level and profession, trainings, consultations, referrals, issues
//! extracted and resolved, and the initiatives' steps — with the annual report's permissions.

use super::annual::{meeting_sections, section};
use crate::domain::consultations::percent;
use crate::domain::issues::Layer;
use crate::domain::period::{tally_issues, Period};
use crate::domain::report::{Grid, IssueFacts, Section};
use crate::domain::trainings::{label_of, HOSTING};
use crate::domain::Permission;
use crate::dto::auth::SessionUser;
use crate::dto::report::{PeriodPreset, PeriodReport};
use crate::error::AppError;
use crate::server::entities::{consultation, initiative, issue, issue_change, meeting, training};
use crate::server::services::issues::access::IssueAccess;
use crate::server::services::issues::register::{layer_of, status_of};
use crate::server::services::referrals::ReferralAccess;
use crate::server::services::shared::lookup::Names;
use crate::server::services::shared::versioned::problems;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

mod t {
    pub const MEETINGS_NOTE: &str = "期間内に開催した会議です（アーカイブしたものを除く）。職種別は延べ数です。";
    pub const TRAININGS: &str = "研修";
    pub const TRAININGS_NOTE: &str = "期間内に開催した研修です（中止を除く）。";
    pub const TRAINING_LIST: &str = "研修一覧";
    pub const DATE: &str = "開催日";
    pub const TITLE: &str = "研修名";
    pub const ORGANISER: &str = "主催";
    pub const HOSTING: &str = "開催形態";
    pub const PARTICIPANTS: &str = "参加者";
    pub const CONSULTATIONS: &str = "相談支援";
    pub const CONSULTATIONS_NOTE: &str = "期間内に受け付けた相談です（アーカイブしたものを除く）。";
    pub const BY_CATEGORY: &str = "相談内容別の件数";
    pub const CATEGORY: &str = "分類";
    pub const COUNT: &str = "件数";
    pub const SHARE: &str = "構成比(%)";
    pub const TOTAL: &str = "合計";
    pub const REFERRALS: &str = "つながるパス（連絡票）";
    pub const REFERRALS_NOTE: &str = "期間内に送付された連絡票の件数です（匿名の記録を含みます）。";
    pub const SENT: &str = "送付";
    pub const CLOSED: &str = "終了";
    pub const ITEM: &str = "項目";
    pub const ISSUES: &str = "連携の課題";
    pub const ISSUES_NOTE: &str = "抽出は抽出日が期間内の課題、解決は期間内に解決にした課題です。層は期間末のものです。";
    pub const ISSUES_PARTIAL: &str = "閲覧を許可された職種の課題だけを数えています。";
    pub const LAYER: &str = "層";
    pub const EXTRACTED: &str = "抽出";
    pub const RESOLVED: &str = "解決";
    pub const STEPS: &str = "取組の動き";
    pub const STEPS_NOTE: &str = "連携の取組の軌跡のうち、期間内のものです。";
    pub const INITIATIVE: &str = "取組";
    pub const WHAT: &str = "できごと";
    pub const LEVEL: &str = "段階";
    pub const DAY: &str = "日付";
}

fn within(period: Period) -> Condition {
    Condition::all().add(meeting::Column::HeldOn.gte(period.from)).add(meeting::Column::HeldOn.lte(period.to))
}

async fn training_section(db: &impl ConnectionTrait, period: Period) -> Result<Section, AppError> {
    let rows = training::Entity::find()
        .filter(training::Column::HeldOn.gte(period.from))
        .filter(training::Column::HeldOn.lte(period.to))
        .filter(training::Column::Active.eq(true))
        .filter(training::Column::Status.ne("cancelled"))
        .order_by_asc(training::Column::HeldOn)
        .order_by_asc(training::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|t| t.id).collect();
    let parts = crate::server::services::trainings::parts_of(db, &ids).await?;
    let names = Names::without_people(db).await?;
    let mut list = Grid::new(t::TRAINING_LIST, &[t::DATE, t::TITLE, t::ORGANISER, t::HOSTING, t::PARTICIPANTS], 4);
    for tr in &rows {
        let total = parts.get(&tr.id).map(|p| crate::server::services::trainings::total_participants(tr, p)).unwrap_or(0);
        list.rows.push(vec![
            crate::domain::dates::day(tr.held_on),
            tr.title.clone(),
            crate::server::services::trainings::organiser_name(tr, &names),
            label_of(HOSTING, &tr.hosting).unwrap_or("").to_string(),
            total.to_string(),
        ]);
    }
    Ok(section("trainings", t::TRAININGS, t::TRAININGS_NOTE, vec![list.with_totals(t::TOTAL)]))
}

async fn consultation_section(db: &impl ConnectionTrait, period: Period) -> Result<Section, AppError> {
    let counts: HashMap<i32, i64> = consultation::Entity::find()
        .select_only()
        .column(consultation::Column::CategoryId)
        .column_as(consultation::Column::CategoryId.count(), "n")
        .filter(consultation::Column::Active.eq(true))
        .filter(consultation::Column::ReceivedOn.gte(period.from))
        .filter(consultation::Column::ReceivedOn.lte(period.to))
        .group_by(consultation::Column::CategoryId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let total: u64 = counts.values().map(|n| *n as u64).sum();
    let mut grid = Grid::new(t::BY_CATEGORY, &[t::CATEGORY, t::COUNT, t::SHARE], 1);
    for c in crate::server::services::consultations::categories::all(db).await? {
        let n = counts.get(&c.id).copied().unwrap_or(0) as u64;
        if n > 0 || c.active {
            grid.rows.push(vec![c.name, n.to_string(), percent(n, total)]);
        }
    }
    let mut grid = grid.with_totals(t::TOTAL);
    if let Some(foot) = grid.foot.as_mut() {
        foot[2] = if total > 0 { "100.0".into() } else { String::new() };
    }
    Ok(section("consultations", t::CONSULTATIONS, t::CONSULTATIONS_NOTE, vec![grid]))
}

async fn referral_section(db: &impl ConnectionTrait, access: &ReferralAccess, period: Period) -> Result<Section, AppError> {
    use crate::server::entities::referral;
    let sent = access.slips().filter(referral::Column::SentOn.gte(period.from)).filter(referral::Column::SentOn.lte(period.to)).count(db).await?;
    let closed = access.slips().filter(referral::Column::ClosedOn.gte(period.from)).filter(referral::Column::ClosedOn.lte(period.to)).count(db).await?;
    let mut grid = Grid::new(t::REFERRALS, &[t::ITEM, t::COUNT], 1);
    grid.rows.push(vec![t::SENT.into(), sent.to_string()]);
    grid.rows.push(vec![t::CLOSED.into(), closed.to_string()]);
    Ok(section("referrals", t::REFERRALS, t::REFERRALS_NOTE, vec![grid]))
}

async fn issue_section(db: &impl ConnectionTrait, access: &IssueAccess, period: Period) -> Result<Section, AppError> {
    // Only issues extracted in the period or with a change dated in it can count.
    let changed = sea_orm::sea_query::Query::select()
        .column(issue_change::Column::IssueId)
        .from(issue_change::Entity)
        .and_where(issue_change::Column::ChangedOn.gte(period.from))
        .and_where(issue_change::Column::ChangedOn.lte(period.to))
        .to_owned();
    let issues = access
        .issues()
        .filter(
            Condition::any()
                .add(Condition::all().add(issue::Column::ExtractedOn.gte(period.from)).add(issue::Column::ExtractedOn.lte(period.to)))
                .add(issue::Column::Id.in_subquery(changed)),
        )
        .all(db)
        .await?;
    let mut changes = super::annual::histories(db, access, &issues).await?;
    let facts: Vec<(Option<NaiveDate>, IssueFacts)> = issues
        .iter()
        .map(|i| (i.extracted_on, IssueFacts { fiscal_year: i.fiscal_year, layer: layer_of(i), status: status_of(i), changes: changes.remove(&i.id).unwrap_or_default() }))
        .collect();
    let (extracted, resolved) = tally_issues(&facts, period);
    let mut grid = Grid::new(t::ISSUES, &[t::LAYER, t::EXTRACTED, t::RESOLVED], 1);
    for (i, l) in Layer::ALL.iter().enumerate() {
        grid.rows.push(vec![l.label().to_string(), extracted[i].to_string(), resolved[i].to_string()]);
    }
    let note = if access.is_partial() { format!("{}{}", t::ISSUES_NOTE, t::ISSUES_PARTIAL) } else { t::ISSUES_NOTE.to_string() };
    Ok(section("issues", t::ISSUES, &note, vec![grid.with_totals(t::TOTAL)]))
}

/// The trail entries of the period (linked meetings and trainings held in it, steps of its
/// days) of the initiatives not archived, read in a few queries whatever their number.
async fn steps_section(db: &impl ConnectionTrait, period: Period) -> Result<Section, AppError> {
    use crate::server::entities::{initiative_meeting as im, initiative_step as step, initiative_training as it};
    let titles: HashMap<i32, String> = initiative::Entity::find().filter(initiative::Column::Active.eq(true)).all(db).await?.into_iter().map(|i| (i.id, i.title)).collect();
    let level = |l: Option<i16>| l.and_then(crate::domain::meetings::Level::from_number).map(|l| l.label().to_string()).unwrap_or_default();
    let mut rows: Vec<(NaiveDate, String, String, String)> = Vec::new();
    let meetings: HashMap<i32, meeting::Model> = meeting::Entity::find().filter(within(period)).filter(meeting::Column::Active.eq(true)).all(db).await?.into_iter().map(|m| (m.id, m)).collect();
    let ids: Vec<i32> = meetings.keys().copied().collect();
    for chunk in ids.chunks(500) {
        for l in im::Entity::find().filter(im::Column::MeetingId.is_in(chunk.to_vec())).all(db).await? {
            if let (Some(title), Some(m)) = (titles.get(&l.initiative_id), meetings.get(&l.meeting_id)) {
                rows.push((m.held_on, title.clone(), m.title.clone(), level(Some(m.level))));
            }
        }
    }
    let trainings: HashMap<i32, training::Model> = training::Entity::find()
        .filter(training::Column::HeldOn.gte(period.from))
        .filter(training::Column::HeldOn.lte(period.to))
        .filter(training::Column::Active.eq(true))
        .filter(training::Column::Status.ne("cancelled"))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let ids: Vec<i32> = trainings.keys().copied().collect();
    for chunk in ids.chunks(500) {
        for l in it::Entity::find().filter(it::Column::TrainingId.is_in(chunk.to_vec())).all(db).await? {
            if let (Some(title), Some(t)) = (titles.get(&l.initiative_id), trainings.get(&l.training_id)) {
                rows.push((t.held_on, title.clone(), t.title.clone(), level(Some(t.level))));
            }
        }
    }
    for s in step::Entity::find().filter(step::Column::HappenedOn.gte(period.from)).filter(step::Column::HappenedOn.lte(period.to)).all(db).await? {
        if let Some(title) = titles.get(&s.initiative_id) {
            rows.push((s.happened_on, title.clone(), s.description, level(s.level)));
        }
    }
    rows.sort();
    let mut grid = Grid::new(t::STEPS, &[t::DAY, t::INITIATIVE, t::WHAT, t::LEVEL], 4);
    grid.rows = rows.into_iter().map(|(d, i, w, l)| vec![d.format("%Y/%m/%d").to_string(), i, w, l]).collect();
    Ok(section("steps", t::STEPS, t::STEPS_NOTE, vec![grid]))
}

pub async fn build(
    db: &impl ConnectionTrait,
    user: &SessionUser,
    access: Option<&IssueAccess>,
    from: Option<String>,
    to: Option<String>,
    today: NaiveDate,
) -> Result<PeriodReport, AppError> {
    let period = Period::parse(from.as_deref(), to.as_deref(), today).map_err(problems)?;
    let (mut sections, _) = meeting_sections(db, within(period)).await?;
    if let Some(first) = sections.first_mut() {
        first.note = t::MEETINGS_NOTE.into();
    }
    sections.push(training_section(db, period).await?);
    if user.can(Permission::ReadConsultationTrends) {
        sections.push(consultation_section(db, period).await?);
    }
    if let Some(referrals) = ReferralAccess::of(user).ok().filter(|a| a.is_team()) {
        sections.push(referral_section(db, &referrals, period).await?);
    }
    if let Some(access) = access.filter(|a| !a.scope().is_empty()) {
        sections.push(issue_section(db, access, period).await?);
    }
    sections.push(steps_section(db, period).await?);
    Ok(PeriodReport {
        from: period.from.to_string(),
        to: period.to.to_string(),
        label: period.label(),
        presets: Period::presets(today).into_iter().map(|(name, p)| PeriodPreset { name: name.into(), from: p.from.to_string(), to: p.to.to_string() }).collect(),
        sections,
        made_on: crate::domain::dates::day(today),
    })
}
