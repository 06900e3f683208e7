//! What an initiative groups: meetings, trainings, issues, consultations and referral slips
//! linked to it, and its own steps. Each change is written to the audit trail on the
//! initiative; confidential records are named there by number only. Links to issues and
//! slips are listed with their contents only in `grouped.rs`, through their gates.

use super::records::find;
use crate::domain::initiatives::StepInput;
use crate::dto::directory::Ref;
use crate::error::AppError;
use crate::server::entities::{
    consultation, initiative_consultation as ic, initiative_issue as ii, initiative_meeting as im, initiative_referral as ir, initiative_step as step, initiative_training as it, meeting,
    training,
};
use crate::server::services::issues::access::IssueAccess;
use crate::server::services::referrals::ReferralAccess;
use crate::server::services::audit::{self, Action, Actor, Change};
use crate::server::services::issues::actions::meeting_label;
use crate::server::services::shared::versioned::problems;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

/// Which kind of record a link names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Meeting,
    Training,
    Issue,
    Consultation,
    Referral,
}

impl Kind {
    pub fn from_code(code: &str) -> Result<Kind, AppError> {
        match code {
            "meeting" => Ok(Kind::Meeting),
            "training" => Ok(Kind::Training),
            _ => Err(AppError::BadRequest("記録の種類が正しくありません。".into())),
        }
    }

    fn field(self) -> &'static str {
        match self {
            Kind::Meeting => "meeting",
            Kind::Training => "training",
            Kind::Issue => "issue",
            Kind::Consultation => "consultation",
            Kind::Referral => "referral",
        }
    }
}

pub struct Linked {
    pub meetings: Vec<Ref>,
    pub trainings: Vec<Ref>,
}

/// The linked meetings and trainings, oldest first.
pub async fn linked(db: &impl ConnectionTrait, id: i32) -> Result<Linked, AppError> {
    let meeting_ids: Vec<i32> = im::Entity::find().filter(im::Column::InitiativeId.eq(id)).all(db).await?.into_iter().map(|l| l.meeting_id).collect();
    let training_ids: Vec<i32> = it::Entity::find().filter(it::Column::InitiativeId.eq(id)).all(db).await?.into_iter().map(|l| l.training_id).collect();
    let meetings = meeting::Entity::find().filter(meeting::Column::Id.is_in(meeting_ids)).order_by_asc(meeting::Column::HeldOn).all(db).await?;
    let trainings = training::Entity::find().filter(training::Column::Id.is_in(training_ids)).order_by_asc(training::Column::HeldOn).all(db).await?;
    Ok(Linked {
        meetings: meetings.into_iter().map(|m| Ref { id: m.id, name: meeting_label(m.held_on, &m.title) }).collect(),
        trainings: trainings.into_iter().map(|t| Ref { id: t.id, name: meeting_label(t.held_on, &t.title) }).collect(),
    })
}

/// Current trainings, newest first, named like meetings.
pub async fn training_choices(db: &impl ConnectionTrait) -> Result<Vec<Ref>, AppError> {
    let rows: Vec<(i32, chrono::NaiveDate, String)> = training::Entity::find()
        .select_only()
        .columns([training::Column::Id, training::Column::HeldOn, training::Column::Title])
        .filter(training::Column::Active.eq(true))
        .filter(training::Column::Status.ne(CANCELLED))
        .order_by_desc(training::Column::HeldOn)
        .order_by_desc(training::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, d, t)| Ref { id, name: meeting_label(d, &t) }).collect())
}

async fn note(db: &impl ConnectionTrait, actor: &Actor, id: i32, field: &str, old: Option<String>, new: Option<String>, now: DateTime<Utc>) -> Result<(), AppError> {
    let m = find(db, id).await?;
    audit::record(db, actor, "initiative", Some(id as i64), Action::Update, &m.title, &[Change { field: field.into(), old, new }], now).await
}

/// "2023/06/27 件名" of a meeting or training, "課題 No.3" of the others (confidential
/// records are named by number only); `current`: only one that is not archived (nor a
/// cancelled training).
async fn label_of(db: &impl ConnectionTrait, kind: Kind, record: i32, current: bool) -> Result<Option<String>, AppError> {
    Ok(match kind {
        Kind::Meeting => meeting::Entity::find_by_id(record).one(db).await?.filter(|m| !current || m.active).map(|m| meeting_label(m.held_on, &m.title)),
        Kind::Training => training::Entity::find_by_id(record)
            .one(db)
            .await?
            .filter(|t| !current || (t.active && t.status != CANCELLED))
            .map(|t| meeting_label(t.held_on, &t.title)),
        // The caller has found the issue or slip through the user's own gate.
        Kind::Issue => IssueAccess::unrestricted().get(db, record).await?.map(|_| format!("課題 No.{record}")),
        Kind::Consultation => consultation::Entity::find_by_id(record).one(db).await?.filter(|c| !current || c.active).map(|_| format!("相談 No.{record}")),
        Kind::Referral => ReferralAccess::team().slips().filter(crate::server::entities::referral::Column::Id.eq(record)).one(db).await?.map(|_| format!("連絡票 No.{record}")),
    })
}

/// A training called off is no step of any trail.
pub(super) const CANCELLED: &str = "cancelled";

/// Links a current meeting or training (once; again changes nothing).
pub async fn link(db: &impl ConnectionTrait, actor: &Actor, id: i32, kind: Kind, record: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    find(db, id).await?;
    let Some(label) = label_of(db, kind, record, true).await? else {
        return Err(AppError::field(kind.field(), "選び直してください。"));
    };
    let inserted = insert_link(db, kind, id, record).await?;
    if inserted == 0 {
        return Ok(());
    }
    note(db, actor, id, kind.field(), None, Some(label), now).await
}

/// Inserts a link unless it exists; the number of rows inserted.
async fn insert_link(db: &impl ConnectionTrait, kind: Kind, id: i32, record: i32) -> Result<u64, AppError> {
    macro_rules! insert {
        ($m:ident, $field:ident, $col:ident) => {
            $m::Entity::insert($m::ActiveModel { initiative_id: Set(id), $field: Set(record) })
                .on_conflict(OnConflict::columns([$m::Column::InitiativeId, $m::Column::$col]).do_nothing().to_owned())
                .exec_without_returning(db)
                .await?
        };
    }
    Ok(match kind {
        Kind::Meeting => insert!(im, meeting_id, MeetingId),
        Kind::Training => insert!(it, training_id, TrainingId),
        Kind::Issue => insert!(ii, issue_id, IssueId),
        Kind::Consultation => insert!(ic, consultation_id, ConsultationId),
        Kind::Referral => insert!(ir, referral_id, ReferralId),
    })
}

/// Deletes a link; the number of rows deleted.
async fn delete_link(db: &impl ConnectionTrait, kind: Kind, id: i32, record: i32) -> Result<u64, AppError> {
    macro_rules! delete {
        ($m:ident, $col:ident) => {
            $m::Entity::delete_many().filter($m::Column::InitiativeId.eq(id)).filter($m::Column::$col.eq(record)).exec(db).await?.rows_affected
        };
    }
    Ok(match kind {
        Kind::Meeting => delete!(im, MeetingId),
        Kind::Training => delete!(it, TrainingId),
        Kind::Issue => delete!(ii, IssueId),
        Kind::Consultation => delete!(ic, ConsultationId),
        Kind::Referral => delete!(ir, ReferralId),
    })
}

/// The ids of the initiatives a record is linked to.
async fn initiative_ids(db: &impl ConnectionTrait, kind: Kind, record: i32) -> Result<Vec<i32>, AppError> {
    macro_rules! ids {
        ($m:ident, $col:ident) => {
            $m::Entity::find().filter($m::Column::$col.eq(record)).all(db).await?.into_iter().map(|l| l.initiative_id).collect()
        };
    }
    Ok(match kind {
        Kind::Meeting => ids!(im, MeetingId),
        Kind::Training => ids!(it, TrainingId),
        Kind::Issue => ids!(ii, IssueId),
        Kind::Consultation => ids!(ic, ConsultationId),
        Kind::Referral => ids!(ir, ReferralId),
    })
}

/// The initiatives (not archived) a record can be tagged with on its own form, newest first;
/// ended ones are marked.
pub async fn choices(db: &impl ConnectionTrait) -> Result<Vec<Ref>, AppError> {
    use crate::domain::initiatives::Status;
    use crate::server::entities::initiative;
    let rows = initiative::Entity::find().filter(initiative::Column::Active.eq(true)).order_by_desc(initiative::Column::Id).all(db).await?;
    Ok(rows
        .into_iter()
        .map(|i| Ref {
            id: i.id,
            name: match Status::from_code(&i.status) {
                Some(Status::Ended) => format!("{}（{}）", i.title, Status::Ended.label()),
                _ => i.title,
            },
        })
        .collect())
}

/// The initiatives a record belongs to (archived ones too), oldest first.
pub async fn of_record(db: &impl ConnectionTrait, kind: Kind, record: i32) -> Result<Vec<Ref>, AppError> {
    use crate::server::entities::initiative;
    let ids = initiative_ids(db, kind, record).await?;
    let rows = initiative::Entity::find().filter(initiative::Column::Id.is_in(ids)).order_by_asc(initiative::Column::Id).all(db).await?;
    Ok(rows.into_iter().map(|i| Ref { id: i.id, name: i.title }).collect())
}

/// Applies what a record's own form changed: links the initiatives ticked there that were not
/// ticked when the form was drawn (`before`), unlinks those unticked. Links made meanwhile
/// elsewhere, and links to initiatives the form did not offer, stay. Each change is audited
/// on the initiative.
pub async fn sync_record(db: &impl ConnectionTrait, actor: &Actor, kind: Kind, record: i32, before: &[i32], wanted: &[i32], now: DateTime<Utc>) -> Result<(), AppError> {
    let offered: Vec<i32> = choices(db).await?.into_iter().map(|r| r.id).collect();
    if wanted.iter().any(|w| !offered.contains(w) && !before.contains(w)) {
        return Err(AppError::field("initiatives", "取組を選び直してください。"));
    }
    let current: Vec<i32> = of_record(db, kind, record).await?.into_iter().map(|r| r.id).collect();
    for id in wanted.iter().filter(|w| !current.contains(w) && !before.contains(w)) {
        link(db, actor, *id, kind, record, now).await.map_err(|e| match e.field_message(kind.field()) {
            Some(_) => AppError::field("initiatives", "アーカイブした記録や中止した研修は取組に加えられません。"),
            None => e,
        })?;
    }
    for id in current.iter().filter(|c| before.contains(c) && offered.contains(c) && !wanted.contains(c)) {
        unlink(db, actor, *id, kind, record, now).await?;
    }
    Ok(())
}

/// The initiatives a slip of the team belongs to and, when `may_link`, those it may join.
pub async fn of_slip(db: &impl ConnectionTrait, slip: i32, may_link: bool) -> Result<crate::dto::referrals::SlipInitiatives, AppError> {
    let linked = of_record(db, Kind::Referral, slip).await?;
    let choices = match may_link {
        true => choices(db).await?.into_iter().filter(|c| !linked.iter().any(|l| l.id == c.id)).collect(),
        false => Vec::new(),
    };
    Ok(crate::dto::referrals::SlipInitiatives { linked, choices, may_link })
}

/// Applies what a form posted (`InitiativeTags`' two parts): nothing when `wanted` is None
/// (the form did not offer initiatives), else `sync_record`.
pub async fn apply(db: &impl ConnectionTrait, actor: &Actor, kind: Kind, record: i32, wanted: Option<&[i32]>, before: &[i32], now: DateTime<Utc>) -> Result<(), AppError> {
    match wanted {
        Some(wanted) => sync_record(db, actor, kind, record, before, wanted, now).await,
        None => Ok(()),
    }
}

pub async fn unlink(db: &impl ConnectionTrait, actor: &Actor, id: i32, kind: Kind, record: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    find(db, id).await?;
    let label = label_of(db, kind, record, false).await?.unwrap_or_else(|| format!("No.{record}"));
    let removed = delete_link(db, kind, id, record).await?;
    if removed == 0 {
        return Ok(());
    }
    note(db, actor, id, kind.field(), Some(label), None, now).await
}

/// Adds a step of its own to the trail; returns its id.
pub async fn add_step(db: &impl ConnectionTrait, actor: &Actor, id: i32, input: &StepInput, now: DateTime<Utc>) -> Result<i32, AppError> {
    let (date, level) = input.check().map_err(problems)?;
    find(db, id).await?;
    let m = step::ActiveModel {
        initiative_id: Set(id),
        happened_on: Set(date),
        description: Set(input.description.trim().to_string()),
        level: Set(level.map(|l| l.number())),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    note(db, actor, id, "step", None, Some(format!("{date} {}", m.description)), now).await?;
    Ok(m.id)
}

pub async fn remove_step(db: &impl ConnectionTrait, actor: &Actor, id: i32, step_id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let s = step::Entity::find_by_id(step_id).one(db).await?.filter(|s| s.initiative_id == id).ok_or(AppError::NotFound)?;
    step::Entity::delete_by_id(step_id).exec(db).await?;
    note(db, actor, id, "step", Some(format!("{} {}", s.happened_on, s.description)), None, now).await
}
