//! Slip 1: sent (by a partner for their organisation, or by the team relaying a FAX or a
//! paper slip), listed, opened (audited), and marked received by the receiver.

use super::access::ReferralAccess;
use super::{pathways, replies};
use crate::domain::dates;
use crate::domain::referrals::{RECEIVER_KINDS, age_band, due_on, is_overdue, Channel, Household, PersonFields, Sex, ShareConsent, SlipInput, State, Topic};
use crate::dto::directory::Ref;
use crate::dto::referrals::{OverdueReferrals, ReferralChoices, ReferralList, ReferralQuery, ReferralSummary, ReferralView};
use crate::error::AppError;
use crate::server::entities::{organisation, person, referral};
use crate::server::seal::Keyring;
use crate::server::services::audit::{self, Action, Actor, Change};
use crate::server::services::resources::lists::Districts;
use crate::server::services::shared::versioned::{edit_conflict, problems};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;

/// The person's fields are sealed for this use only.
const PERSON: &str = "referral.person";

/// Names of what slips refer to.
pub(super) struct Names {
    organisations: HashMap<i32, organisation::Model>,
    pathways: HashMap<i32, String>,
}

impl Names {
    pub(super) async fn load(db: &impl ConnectionTrait) -> Result<Names, AppError> {
        Ok(Names {
            organisations: organisation::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o)).collect(),
            pathways: pathways::all(db).await?.into_iter().map(|p| (p.id, p.name)).collect(),
        })
    }

    pub(super) fn organisation(&self, id: i32) -> String {
        self.organisations.get(&id).map(|o| o.name.clone()).unwrap_or_default()
    }

    pub(super) fn is_current(&self, id: i32) -> bool {
        self.organisations.get(&id).is_some_and(|o| o.active)
    }

    /// Whether a slip may be addressed to the organisation: a current centre or window.
    fn may_receive(&self, id: i32) -> bool {
        self.organisations.get(&id).is_some_and(|o| o.active && RECEIVER_KINDS.contains(&o.kind.as_str()))
    }

    /// The current organisations by kana.
    pub(super) fn current(&self) -> Vec<Ref> {
        let mut list: Vec<&organisation::Model> = self.organisations.values().filter(|o| o.active).collect();
        list.sort_by(|a, b| (&a.kana, a.id).cmp(&(&b.kana, b.id)));
        list.into_iter().map(|o| Ref { id: o.id, name: o.name.clone() }).collect()
    }
}

fn topics_of(m: &referral::Model) -> Vec<Topic> {
    m.topics.split(',').filter_map(Topic::from_code).collect()
}

pub(super) fn state_of(m: &referral::Model) -> State {
    State::from_code(&m.state).unwrap_or(State::Sent)
}

fn summary(m: &referral::Model, names: &Names, access: &ReferralAccess, today: NaiveDate) -> ReferralSummary {
    let state = match state_of(m) {
        s if State::REPLIES.contains(&s) && !access.sees_replies(m) => State::Replied,
        s => s,
    };
    let main = Topic::from_code(&m.main_topic);
    let mut topics: Vec<Topic> = main.into_iter().collect();
    topics.extend(topics_of(m).into_iter().filter(|t| Some(*t) != main));
    ReferralSummary {
        id: m.id,
        sent_on: dates::day(m.sent_on),
        pathway: names.pathways.get(&m.pathway_id).cloned().unwrap_or_default(),
        sender: names.organisation(m.sender_organisation_id),
        receiver: names.organisation(m.receiver_organisation_id),
        topics: topics.iter().map(|t| t.label().to_string()).collect(),
        main_topic: main.map(|t| t.label().to_string()),
        state,
        due_on: dates::day(m.due_on),
        overdue: is_overdue(state_of(m), m.due_on, today),
        anonymous: m.person_sealed.is_none(),
    }
}

/// What the form offers the caller.
pub async fn choices(db: &impl ConnectionTrait, access: &ReferralAccess) -> Result<ReferralChoices, AppError> {
    let names = Names::load(db).await?;
    let orgs = names.current();
    let senders = orgs.iter().filter(|o| access.may_send_from(o.id)).cloned().collect();
    let receivers = orgs.into_iter().filter(|o| names.may_receive(o.id)).collect();
    Ok(ReferralChoices { pathways: pathways::choices(db).await?, senders, receivers, districts: Districts::load(db).await?.choices() })
}

/// Sends slip 1; returns its id. The person's fields are sealed; the audit trail records
/// what the slip is about, never who.
#[allow(clippy::too_many_arguments)]
pub async fn send(
    db: &impl ConnectionTrait,
    keyring: &Keyring,
    access: &ReferralAccess,
    actor: &Actor,
    input: &SlipInput,
    reply_days: i64,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let slip = input.check(today).map_err(problems)?;
    let names = Names::load(db).await?;
    let mut p = Vec::new();
    if !access.may_send_from(slip.sender_organisation) {
        p.push(("sender_organisation", "所属する機関からの連絡票だけを送れます。".to_string()));
    } else if !names.is_current(slip.sender_organisation) {
        p.push(("sender_organisation", "送付元の機関を選び直してください。".to_string()));
    }
    if !names.may_receive(slip.receiver_organisation) {
        p.push(("receiver_organisation", "送付先の機関を選び直してください。".to_string()));
    } else if slip.receiver_organisation == slip.sender_organisation {
        p.push(("receiver_organisation", "送付元と同じ機関には送れません。".to_string()));
    }
    if !pathways::choices(db).await?.iter().any(|r| r.id == slip.pathway) {
        p.push(("pathway", "経路を選び直してください。".to_string()));
    }
    let districts = Districts::load(db).await?;
    if slip.district.is_some_and(|d| !districts.is_active(d)) {
        p.push(("district", "地区を選び直してください。".to_string()));
    }
    let sender_person = match slip.sender_person {
        Some(id) => match person::Entity::find_by_id(id).one(db).await? {
            Some(x) if x.organisation_id == Some(slip.sender_organisation) => Some(id),
            _ => {
                p.push(("sender_person", "送付した人は、送付元の機関の人から選んでください。".to_string()));
                None
            }
        },
        None => None,
    };
    if !p.is_empty() {
        return Err(problems(p));
    }
    let sealed = match &slip.person {
        Some(person) => Some(keyring.seal(&serde_json::to_vec(person).map_err(|e| AppError::Internal(e.to_string()))?, PERSON)),
        None => None,
    };
    let model = referral::ActiveModel {
        pathway_id: Set(slip.pathway),
        sent_on: Set(slip.sent_on),
        channel: Set(slip.channel.code().to_string()),
        sender_organisation_id: Set(slip.sender_organisation),
        sender_person_id: Set(sender_person),
        receiver_organisation_id: Set(slip.receiver_organisation),
        person_sealed: Set(sealed),
        sex: Set(slip.sex.code().to_string()),
        age_band: Set(slip.birth_date.map(|b| age_band(b, slip.sent_on).to_string()).unwrap_or_default()),
        district_id: Set(slip.district),
        household: Set(slip.household.code().to_string()),
        topics: Set(slip.topics.iter().map(|t| t.code()).collect::<Vec<_>>().join(",")),
        main_topic: Set(slip.main_topic.map(|t| t.code().to_string()).unwrap_or_default()),
        share_consent: Set(slip.share_consent.code().to_string()),
        report_back: Set(slip.report_back),
        state: Set(State::Sent.code().to_string()),
        due_on: Set(due_on(slip.sent_on, reply_days)),
        created_by_user_id: Set(actor.id),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let changes: Vec<Change> = [
        ("pathway", names.pathways.get(&slip.pathway).cloned().unwrap_or_default()),
        ("sent_on", slip.sent_on.to_string()),
        ("sender", names.organisation(slip.sender_organisation)),
        ("receiver", names.organisation(slip.receiver_organisation)),
        ("topics", slip.topics.iter().map(|t| t.label()).collect::<Vec<_>>().join("、")),
        ("share_consent", slip.share_consent.label().to_string()),
    ]
    .into_iter()
    .map(|(f, v)| Change { field: f.into(), old: None, new: Some(v) })
    .collect();
    audit::record(db, actor, "referral", Some(model.id as i64), Action::Create, &format!("連絡票 No.{}", model.id), &changes, now).await?;
    Ok(model.id)
}

/// The slips the caller may see, newest first.
pub async fn list(db: &impl ConnectionTrait, access: &ReferralAccess, q: &ReferralQuery, today: NaiveDate) -> Result<ReferralList, AppError> {
    let names = Names::load(db).await?;
    let rows = access.slips().order_by_desc(referral::Column::SentOn).order_by_desc(referral::Column::Id).all(db).await?;
    let all: Vec<ReferralSummary> = rows.iter().map(|m| summary(m, &names, access, today)).collect();
    let overdue = all.iter().filter(|s| s.overdue).count();
    let items = all
        .into_iter()
        .filter(|s| match q.state.as_deref() {
            Some("open") => s.state.awaits_reply(),
            Some(code) => State::from_code(code).is_none_or(|st| st == s.state),
            None => true,
        })
        .filter(|s| !q.overdue.unwrap_or(false) || s.overdue)
        .collect();
    Ok(ReferralList { items, overdue, team: access.is_team() })
}

/// Why a slip is opened: each is written to the audit trail as such.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opening {
    /// On its page or through the function; `may_erase`: the caller is an administrator
    /// (offered the erasure on request).
    View { may_erase: bool },
    /// For its print view (no forms).
    Print,
    /// For the disclosure file of the person's data (an administrator, at their request).
    Disclosure,
}

impl Opening {
    fn action(self) -> Action {
        match self {
            Opening::View { .. } => Action::View,
            Opening::Print => Action::Print,
            Opening::Disclosure => Action::Export,
        }
    }
}

/// One slip with the person's fields, opened for the caller; the opening is audited.
#[allow(clippy::too_many_arguments)]
pub async fn open(db: &impl ConnectionTrait, keyring: &Keyring, access: &ReferralAccess, actor: &Actor, opening: Opening, id: i32, today: NaiveDate, now: DateTime<Utc>) -> Result<ReferralView, AppError> {
    let m = access.find(db, id).await?;
    let names = Names::load(db).await?;
    let person = match &m.person_sealed {
        Some(_) if !access.opens_personal() => None,
        Some(sealed) => {
            let bytes = keyring.open(sealed, PERSON).map_err(|e| AppError::Internal(e.to_string()))?;
            Some(serde_json::from_slice::<PersonFields>(&bytes).map_err(|e| AppError::Internal(e.to_string()))?)
        }
        None => None,
    };
    let sender_person = match m.sender_person_id {
        Some(id) => person::Entity::find_by_id(id).one(db).await?.map(|p| p.name),
        None => None,
    };
    let replies = replies::views(db, keyring, access, &m, &names).await?;
    let may_reply = matches!(opening, Opening::View { .. }) && access.receives(&m) && !state_of(&m).is_closed();
    let reply_choices = match may_reply {
        true => Some(replies::choices(db).await?),
        false => None,
    };
    audit::record(db, actor, "referral", Some(m.id as i64), opening.action(), &format!("連絡票 No.{}", m.id), &[], now).await?;
    Ok(ReferralView {
        summary: summary(&m, &names, access, today),
        version: m.version,
        channel: Channel::from_code(&m.channel).map(|c| c.label()).unwrap_or_default().to_string(),
        sender_person,
        person,
        sex: Sex::from_code(&m.sex).unwrap_or(Sex::Unstated).label().to_string(),
        age_band: m.age_band.clone(),
        district: Districts::load(db).await?.name(m.district_id),
        household: Household::from_code(&m.household).unwrap_or(Household::Unknown).label().to_string(),
        share_consent: ShareConsent::from_code(&m.share_consent).map(|c| c.label()).unwrap_or_default().to_string(),
        report_back: m.report_back,
        received_on: m.received_on.map(dates::day),
        may_receive: matches!(opening, Opening::View { .. }) && access.receives(&m),
        replies_hidden: !access.sees_replies(&m) && m.replied_on.is_some(),
        replies,
        reply_choices,
        erased: m.erased_at.is_some(),
        personal_withheld: m.person_sealed.is_some() && !access.opens_personal(),
        share_consent_signed: ShareConsent::from_code(&m.share_consent) == Some(ShareConsent::Signed),
        may_erase: access.is_team() && opening == Opening::View { may_erase: true },
        evidence: None,
        initiatives: None,
    })
}

/// The receiver records "received" (one click); only a sent slip can be received.
pub async fn receive(db: &impl ConnectionTrait, access: &ReferralAccess, actor: &Actor, id: i32, version: i32, today: NaiveDate, now: DateTime<Utc>) -> Result<(), AppError> {
    let m = access.find(db, id).await?;
    if !access.receives(&m) {
        return Err(AppError::Forbidden);
    }
    if state_of(&m) != State::Sent {
        return Err(AppError::Conflict("この連絡票はすでに受付済みです。".into()));
    }
    let res = referral::Entity::update_many()
        .col_expr(referral::Column::State, Expr::value(State::Received.code()))
        .col_expr(referral::Column::ReceivedOn, Expr::value(today))
        .col_expr(referral::Column::UpdatedAt, Expr::value(now))
        .col_expr(Alias::new("version"), Expr::value(version + 1))
        .filter(referral::Column::Id.eq(id))
        .filter(Expr::col(Alias::new("version")).eq(version))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(edit_conflict(db, "referral", id as i64, Vec::new()).await);
    }
    let change = Change { field: "state".into(), old: Some(State::Sent.label().into()), new: Some(State::Received.label().into()) };
    audit::record(db, actor, "referral", Some(id as i64), Action::Update, &format!("連絡票 No.{id}"), &[change], now).await
}

/// Reseals every value sealed under an older key with the current one (key rotation);
/// returns how many.
pub async fn reseal(db: &impl ConnectionTrait, keyring: &Keyring) -> Result<usize, AppError> {
    let mut n = replies::reseal(db, keyring).await?;
    for m in ReferralAccess::team().slips().filter(referral::Column::PersonSealed.is_not_null()).all(db).await? {
        let Some(sealed) = m.person_sealed.as_deref().filter(|s| keyring.is_stale(s)) else { continue };
        let plain = keyring.open(sealed, PERSON).map_err(|e| AppError::Internal(format!("slip {}: {e}", m.id)))?;
        referral::Entity::update_many()
            .col_expr(referral::Column::PersonSealed, Expr::value(keyring.seal(&plain, PERSON)))
            .filter(referral::Column::Id.eq(m.id))
            .exec(db)
            .await?;
        n += 1;
    }
    Ok(n)
}

/// The first `limit` slips within the caller's scope whose reply is overdue, the longest
/// overdue first, with how many there are.
pub async fn overdue(db: &impl ConnectionTrait, access: &ReferralAccess, today: NaiveDate, limit: usize) -> Result<OverdueReferrals, AppError> {
    let rows = access
        .slips()
        .filter(referral::Column::State.is_in([State::Sent.code(), State::Received.code()]))
        .filter(referral::Column::DueOn.lt(today))
        .order_by_asc(referral::Column::DueOn)
        .order_by_asc(referral::Column::Id)
        .all(db)
        .await?;
    let names = Names::load(db).await?;
    Ok(OverdueReferrals { total: rows.len() as u64, items: rows.iter().take(limit).map(|m| summary(m, &names, access, today)).collect() })
}

/// Whether any slip holds sealed personal fields (a key file must then exist).
pub async fn any_sealed(db: &impl ConnectionTrait) -> Result<bool, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(ReferralAccess::team().slips().filter(referral::Column::PersonSealed.is_not_null()).count(db).await? > 0)
}
