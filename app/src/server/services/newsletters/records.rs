//! Newsletter issues: the list (with the count per fiscal year for 【エ】), one issue with its
//! articles and mailing list, and edits of the header and the articles (audited).

use crate::domain::dates;
use crate::domain::newsletters::{ArticleInput, ArticleKind, IssueHeader};
use crate::domain::FiscalYear;
use crate::dto::newsletters::{ArticleView, NewsletterSummary, NewsletterView, Recipient};
use crate::error::AppError;
use crate::server::entities::{newsletter, newsletter_article as article, organisation};
use crate::server::services::audit::{self, Action, Actor, Change};
use crate::server::services::shared::versioned::{differing_pairs, expected_version, problems, update_versioned};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};

async fn find(db: &impl ConnectionTrait, id: i32) -> Result<newsletter::Model, AppError> {
    newsletter::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

/// Newest first.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<NewsletterSummary>, AppError> {
    let mut out = Vec::new();
    for n in newsletter::Entity::find().order_by_desc(newsletter::Column::IssuedOn).order_by_desc(newsletter::Column::Number).all(db).await? {
        let articles = article::Entity::find().filter(article::Column::NewsletterId.eq(n.id)).count(db).await? as u32;
        out.push(NewsletterSummary { id: n.id, number: n.number, issued_on: dates::day(n.issued_on), fiscal_year: FiscalYear::of(n.issued_on).long_label(), title: n.title, articles });
    }
    Ok(out)
}

/// Issues dated in the fiscal year (【エ】 of the annual report).
pub async fn count_in(db: &impl ConnectionTrait, fy: FiscalYear) -> Result<u64, AppError> {
    Ok(newsletter::Entity::find().filter(newsletter::Column::IssuedOn.gte(fy.first_day())).filter(newsletter::Column::IssuedOn.lte(fy.last_day())).count(db).await?)
}

/// Active organisations marked to receive the newsletter, by kana.
pub async fn recipients(db: &impl ConnectionTrait) -> Result<Vec<Recipient>, AppError> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Active.eq(true))
        .filter(organisation::Column::ReceivesNewsletter.eq(true))
        .order_by_asc(organisation::Column::Kana)
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| Recipient { id: o.id, name: o.name, address: o.address })
        .collect())
}

pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<NewsletterView, AppError> {
    let n = find(db, id).await?;
    let (from, to) = (n.covers_from, n.covers_to);
    let articles = article::Entity::find()
        .filter(article::Column::NewsletterId.eq(id))
        .order_by_asc(article::Column::Position)
        .order_by_asc(article::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| ArticleView { id: a.id, kind: ArticleKind::from_code(&a.kind).map(|k| k.label()).unwrap_or("").to_string(), heading: a.heading, body: a.body, version: a.version })
        .collect();
    Ok(NewsletterView {
        id,
        header: IssueHeader { number: n.number.to_string(), issued_on: n.issued_on.to_string(), title: n.title.clone() },
        issued_label: dates::day(n.issued_on),
        covers: if from > to { String::new() } else { dates::span(from, to) },
        articles,
        recipients: recipients(db).await?,
        version: n.version,
    })
}

pub async fn save_header(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: Option<i32>, input: &IssueHeader, now: DateTime<Utc>) -> Result<(), AppError> {
    let (number, issued_on) = input.check().map_err(problems)?;
    let before = find(db, id).await?;
    let expected = expected_version(version)?;
    if number != before.number && newsletter::Entity::find().filter(newsletter::Column::Number.eq(number)).count(db).await? > 0 {
        return Err(AppError::field("number", format!("第{number}号はすでにあります。")));
    }
    let mut am: newsletter::ActiveModel = before.clone().into();
    am.number = Set(number);
    am.issued_on = Set(issued_on);
    am.title = Set(input.title.trim().to_string());
    am.updated_at = Set(now);
    let current = IssueHeader { number: before.number.to_string(), issued_on: before.issued_on.to_string(), title: before.title.clone() };
    update_versioned(db, "newsletter", id, expected, am, || differing_pairs(&["number", "issued_on", "title"], &current.pairs(), &input.pairs())).await?;
    let change = |f: &str, a: String, b: String| (a != b).then(|| Change { field: f.into(), old: Some(a), new: Some(b) });
    let changes: Vec<Change> = [
        change("number", before.number.to_string(), number.to_string()),
        change("issued_on", before.issued_on.to_string(), issued_on.to_string()),
        change("title", before.title.clone(), input.title.trim().to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    audit::record(db, actor, "newsletter", Some(id as i64), Action::Update, input.title.trim(), &changes, now).await
}

async fn note(db: &impl ConnectionTrait, actor: &Actor, newsletter_id: i32, old: Option<String>, new: Option<String>, now: DateTime<Utc>) -> Result<(), AppError> {
    let n = find(db, newsletter_id).await?;
    audit::record(db, actor, "newsletter", Some(newsletter_id as i64), Action::Update, &n.title, &[Change { field: "article".into(), old, new }], now).await
}

/// Adds a free article at the end.
pub async fn add_article(db: &impl ConnectionTrait, actor: &Actor, newsletter_id: i32, input: &ArticleInput, now: DateTime<Utc>) -> Result<i32, AppError> {
    input.check().map_err(problems)?;
    find(db, newsletter_id).await?;
    let last = article::Entity::find().filter(article::Column::NewsletterId.eq(newsletter_id)).order_by_desc(article::Column::Position).one(db).await?.map(|a| a.position).unwrap_or(0);
    let a = article::ActiveModel {
        newsletter_id: Set(newsletter_id),
        position: Set(last + 1),
        kind: Set(ArticleKind::Free.code().into()),
        heading: Set(input.heading.trim().to_string()),
        body: Set(input.body.trim_end().to_string()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    note(db, actor, newsletter_id, None, Some(a.heading.clone()), now).await?;
    Ok(a.id)
}

/// Rewrites an article if nobody changed it since `version`; returns its newsletter.
pub async fn save_article(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: Option<i32>, input: &ArticleInput, now: DateTime<Utc>) -> Result<i32, AppError> {
    input.check().map_err(problems)?;
    let before = article::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let expected = expected_version(version)?;
    let mut am: article::ActiveModel = before.clone().into();
    am.heading = Set(input.heading.trim().to_string());
    am.body = Set(input.body.trim_end().to_string());
    let current = ArticleInput { heading: before.heading.clone(), body: before.body.clone() };
    update_versioned(db, "newsletter_article", id, expected, am, || differing_pairs(&["heading", "body"], &current.pairs(), &input.pairs())).await?;
    let after = article::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if (before.heading.as_str(), before.body.as_str()) != (after.heading.as_str(), after.body.as_str()) {
        note(db, actor, before.newsletter_id, Some(format!("{}\n{}", before.heading, before.body)), Some(format!("{}\n{}", after.heading, after.body)), now).await?;
    }
    Ok(before.newsletter_id)
}

/// Deletes an issue (a draft made by mistake) with its articles.
pub async fn delete(db: &impl ConnectionTrait, actor: &Actor, id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let n = find(db, id).await?;
    article::Entity::delete_many().filter(article::Column::NewsletterId.eq(id)).exec(db).await?;
    newsletter::Entity::delete_by_id(id).exec(db).await?;
    audit::record(db, actor, "newsletter", Some(id as i64), Action::Delete, &n.title, &[], now).await
}

/// Removes an article (if nobody changed it since `version`, when given); returns its
/// newsletter.
pub async fn remove_article(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: Option<i32>, now: DateTime<Utc>) -> Result<i32, AppError> {
    let a = article::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if version.is_some_and(|v| v != a.version) {
        return Err(crate::server::services::shared::versioned::edit_conflict(db, "newsletter_article", id as i64, vec!["heading", "body"]).await);
    }
    article::Entity::delete_by_id(id).exec(db).await?;
    note(db, actor, a.newsletter_id, Some(a.heading), None, now).await?;
    Ok(a.newsletter_id)
}
