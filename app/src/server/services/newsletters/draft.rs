//! A new issue's draft: its articles assembled from what was logged since the last issue —
//! trainings held and coming, organisations newly in the directory, people met at 取材, and
//! the associations' own events to announce. Every article stays editable.

use crate::domain::dates;
use crate::domain::newsletters::{window, ArticleKind, AHEAD_DAYS};
use crate::error::AppError;
use crate::server::entities::{meeting, meeting_person as mpe, newsletter, newsletter_article as article, organisation, training};
use crate::server::services::audit::{self, Action, Actor};
use crate::server::services::shared::lookup::Names;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// How long after the day a training or 取材 may be logged and still reach the next issue.
const LATE_DAYS: i64 = 92;

/// The moment a day begins in Japan.
fn midnight(d: NaiveDate) -> DateTime<Utc> {
    d.and_time(chrono::NaiveTime::MIN).and_local_timezone(crate::clock::jst()).single().map(|t| t.with_timezone(&Utc)).unwrap_or_else(|| d.and_time(chrono::NaiveTime::MIN).and_utc())
}

/// The articles of the days `from..=to` (and what is coming after `to`), in the order they
/// are printed; empty kinds are left out.
pub async fn articles(db: &impl ConnectionTrait, from: NaiveDate, to: NaiveDate) -> Result<Vec<(ArticleKind, String)>, AppError> {
    let names = Names::load(db).await?;
    let mut out = Vec::new();
    let trainings = training::Entity::find()
        .filter(training::Column::Active.eq(true))
        .filter(training::Column::Status.ne("cancelled"))
        .filter(training::Column::HeldOn.gte(from - Duration::days(LATE_DAYS)))
        .filter(training::Column::HeldOn.lte(to + Duration::days(AHEAD_DAYS)))
        .order_by_asc(training::Column::HeldOn)
        .order_by_asc(training::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = trainings.iter().map(|t| t.id).collect();
    let parts = crate::server::services::trainings::parts_of(db, &ids).await?;
    let line = |t: &training::Model| {
        let organiser = crate::server::services::trainings::organiser_name(t, &names);
        format!("・{} {}（{}）", dates::day(t.held_on), t.title, organiser)
    };
    // Held in the window, or held earlier but logged in it (after the last issue went out).
    let logged = |held_on: NaiveDate, created_at: DateTime<Utc>| held_on <= to && (held_on >= from || (created_at >= midnight(from) && created_at < midnight(to + Duration::days(1))));
    let held: Vec<String> = trainings
        .iter()
        .filter(|t| t.status == "held" && logged(t.held_on, t.created_at))
        .map(|t| {
            let n = parts.get(&t.id).map(|p| crate::server::services::trainings::total_participants(t, p)).unwrap_or(0);
            if n > 0 { format!("{} 参加 {n}名", line(t)) } else { line(t) }
        })
        .collect();
    let coming: Vec<String> = trainings.iter().filter(|t| t.held_on > to && t.hosting != "support").map(|t| format!("{}{}", line(t), if t.venue.is_empty() { String::new() } else { format!(" 会場: {}", t.venue) })).collect();
    let events: Vec<String> = trainings.iter().filter(|t| t.held_on > to && t.hosting == "support").map(line).collect();
    let (start, end) = (midnight(from), midnight(to + Duration::days(1)));
    let organisations: Vec<String> = organisation::Entity::find()
        .filter(organisation::Column::Active.eq(true))
        .filter(organisation::Column::CreatedAt.gte(start))
        .filter(organisation::Column::CreatedAt.lt(end))
        .order_by_asc(organisation::Column::Kana)
        .all(db)
        .await?
        .into_iter()
        .map(|o| format!("・{}", o.name))
        .collect();
    let interviews = meeting::Entity::find()
        .filter(meeting::Column::Active.eq(true))
        .filter(meeting::Column::Kind.eq("shuzai"))
        .filter(meeting::Column::HeldOn.gte(from - Duration::days(LATE_DAYS)))
        .filter(meeting::Column::HeldOn.lte(to))
        .order_by_asc(meeting::Column::HeldOn)
        .all(db)
        .await?
        .into_iter()
        .filter(|m| logged(m.held_on, m.created_at))
        .collect::<Vec<_>>();
    let mut met = Vec::new();
    for m in &interviews {
        let who: Vec<String> = mpe::Entity::find()
            .filter(mpe::Column::MeetingId.eq(m.id))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|l| names.attendee(l.person_id))
            .map(|a| match a.organisation {
                Some(o) => format!("{}（{}）", a.name, o),
                None => a.name,
            })
            .collect();
        met.push(if who.is_empty() { format!("・{} {}", dates::day(m.held_on), m.title) } else { format!("・{} {}：{}", dates::day(m.held_on), m.title, who.join("、")) });
    }
    for (kind, lines) in [(ArticleKind::TrainingsHeld, held), (ArticleKind::TrainingsComing, coming), (ArticleKind::Organisations, organisations), (ArticleKind::Interviews, met), (ArticleKind::Events, events)] {
        if !lines.is_empty() {
            out.push((kind, lines.join("\n")));
        }
    }
    Ok(out)
}

/// Creates the next issue (number after the highest, dated today) with its drafted articles.
pub async fn create(db: &impl ConnectionTrait, actor: &Actor, today: NaiveDate, now: DateTime<Utc>) -> Result<i32, AppError> {
    let last = newsletter::Entity::find().order_by_desc(newsletter::Column::CoversTo).order_by_desc(newsletter::Column::Number).one(db).await?;
    let number = newsletter::Entity::find().order_by_desc(newsletter::Column::Number).one(db).await?.map(|n| n.number + 1).unwrap_or(1);
    let (from, to) = window(last.map(|l| l.covers_to), today);
    let title = format!("地域連携だより 第{number}号");
    let n = newsletter::ActiveModel {
        number: Set(number),
        issued_on: Set(today),
        title: Set(title.clone()),
        covers_from: Set(from),
        covers_to: Set(to),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
        .insert(db)
        .await
        .map_err(|e| match AppError::from(e) {
            AppError::Conflict(_) => AppError::Conflict("同じ号の下書きを、ほかの人が先に作りました。一覧を読み込み直してください。".into()),
            other => other,
        })?;
    for (position, (kind, body)) in articles(db, from, to).await?.into_iter().enumerate() {
        // A second issue the same day repeats no day: only what is coming is announced again.
        article::ActiveModel { newsletter_id: Set(n.id), position: Set(position as i32 + 1), kind: Set(kind.code().into()), heading: Set(kind.label().into()), body: Set(body), ..Default::default() }
            .insert(db)
            .await?;
    }
    audit::record(db, actor, "newsletter", Some(n.id as i64), Action::Create, &title, &[], now).await?;
    Ok(n.id)
}
