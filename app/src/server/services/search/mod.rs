//! The search box: one index (`search_doc`) over meetings, organisations, people, trainings,
//! consultations and issues, and the search over it.
//!
//! The index holds a row per active record: its title, its text as written (for the excerpt)
//! and `body`, the same normalised (`domain::search::normalize`). It follows every audited
//! change of those records (`follow_audit`, called by `audit::record`: saves, archiving,
//! restoring, deleting), the consultation import (which writes no audit row per record) and
//! is rebuilt from the records at start when empty (`ensure_indexed`), after the demo seed
//! and by `renkei reindex`.
//!
//! Reading it: each kind only for those whose role may read it; issues only within the
//! reader's `IssueAccess` (the hits are narrowed by a subquery the gate builds, so a hidden
//! issue is neither listed nor counted). Referral slips are never indexed. `search_doc` is read
//! only here (`scripts/architecture.sh`).

use crate::domain::search::{fts_query, normalize, snippet, terms, Kind, INDEXED_TERM_CHARS};
use crate::domain::text::first_line;
use crate::domain::Permission;
use crate::dto::auth::SessionUser;
use crate::dto::search::{SearchGroup, SearchHit, SearchResults};
use crate::error::AppError;
use crate::server::entities::{consultation, issue, meeting, organisation, person, search_doc, training};
use crate::server::services::audit::Action;
use crate::server::services::issues::access::IssueAccess;
use crate::server::services::shared::search::like_pattern;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set,
};
use std::collections::HashMap;

/// Characters of the excerpt under a hit.
const SNIPPET_CHARS: usize = 80;
/// Characters of a consultation's title (the first line of its content).
const CONSULTATION_TITLE_CHARS: usize = 40;
/// Records read at a time when rebuilding.
const BATCH: u64 = 500;

/// What the index holds of one record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doc {
    pub kind: Kind,
    pub record_id: i32,
    pub title: String,
    /// The text shown around a match, as written.
    pub content: String,
    /// Matched but never shown: readings without their spaces, so that 「やまだはなこ」 finds
    /// 「やまだ はなこ」.
    pub keys: String,
    pub happened_on: Option<NaiveDate>,
}

impl Doc {
    /// What is matched: title, text and keys, normalised. The title also without its
    /// spaces, so that 「山田花子」 finds 「山田 花子」 (every term must occur as typed).
    fn body(&self) -> String {
        let compact = without_spaces(&self.title);
        let compact = if compact != self.title.trim() { compact } else { String::new() };
        normalize(&[self.title.as_str(), self.content.as_str(), self.keys.as_str(), compact.as_str()].join("\n"))
    }
}

fn without_spaces(s: &str) -> String {
    s.split_whitespace().collect()
}

/// The non-empty parts, one per line.
fn lines(parts: &[&str]) -> String {
    parts.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n")
}

fn meeting_doc(m: &meeting::Model) -> Option<Doc> {
    m.active.then(|| Doc {
        kind: Kind::Meeting,
        record_id: m.id,
        title: m.title.clone(),
        content: lines(&[m.purpose.as_str(), m.minutes.as_str(), m.decisions.as_str(), m.place.as_str(), m.guests.as_str()]),
        keys: String::new(),
        happened_on: Some(m.held_on),
    })
}

fn organisation_doc(o: &organisation::Model) -> Option<Doc> {
    o.active.then(|| Doc {
        kind: Kind::Organisation,
        record_id: o.id,
        title: o.name.clone(),
        content: lines(&[o.kana.as_str(), o.address.as_str(), o.notes.as_str()]),
        keys: without_spaces(&o.kana),
        happened_on: None,
    })
}

fn person_doc(p: &person::Model) -> Option<Doc> {
    p.active.then(|| Doc {
        kind: Kind::Person,
        record_id: p.id,
        title: p.name.clone(),
        content: lines(&[p.kana.as_str(), p.title.as_str(), p.notes.as_str()]),
        keys: without_spaces(&p.kana),
        happened_on: None,
    })
}

fn training_doc(t: &training::Model) -> Option<Doc> {
    t.active.then(|| Doc {
        kind: Kind::Training,
        record_id: t.id,
        title: t.title.clone(),
        content: lines(&[t.theme.as_str(), t.venue.as_str(), t.lessons.as_str()]),
        keys: String::new(),
        happened_on: Some(t.held_on),
    })
}

/// A consultation has no title: the first line of what was asked stands for one.
fn consultation_doc(c: &consultation::Model, organisation: Option<&str>) -> Option<Doc> {
    let title = first_line(&c.content, CONSULTATION_TITLE_CHARS);
    c.active.then(|| Doc {
        kind: Kind::Consultation,
        record_id: c.id,
        title: if title.is_empty() { "相談".to_string() } else { title },
        content: lines(&[c.content.as_str(), c.response.as_str(), c.requester.as_str(), organisation.unwrap_or(c.organisation_text.as_str())]),
        keys: String::new(),
        happened_on: Some(c.received_on),
    })
}

fn issue_doc(i: &issue::Model) -> Doc {
    Doc {
        kind: Kind::Issue,
        record_id: i.id,
        title: format!("{} {}", i.code, i.title).trim().to_string(),
        content: lines(&[i.description.as_str(), i.source_note.as_str()]),
        keys: String::new(),
        happened_on: i.extracted_on,
    }
}

fn active_model(doc: &Doc, now: DateTime<Utc>) -> search_doc::ActiveModel {
    search_doc::ActiveModel {
        kind: Set(doc.kind.code().to_string()),
        record_id: Set(doc.record_id),
        title: Set(doc.title.clone()),
        content: Set(doc.content.clone()),
        body: Set(doc.body()),
        happened_on: Set(doc.happened_on),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// Puts a record's document in the index, replacing the one it had.
pub async fn index(db: &impl ConnectionTrait, doc: &Doc, now: DateTime<Utc>) -> Result<(), AppError> {
    use search_doc::Column as C;
    // An upsert rather than delete-then-insert: two saves touching one record at once (a
    // training and a link to it) both succeed on PostgreSQL.
    search_doc::Entity::insert(active_model(doc, now))
        .on_conflict(OnConflict::columns([C::Kind, C::RecordId]).update_columns([C::Title, C::Content, C::Body, C::HappenedOn, C::UpdatedAt]).to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Takes a record out of the index (deleted or archived).
pub async fn remove(db: &impl ConnectionTrait, kind: Kind, record_id: i32) -> Result<(), AppError> {
    search_doc::Entity::delete_many()
        .filter(search_doc::Column::Kind.eq(kind.code()))
        .filter(search_doc::Column::RecordId.eq(record_id))
        .exec(db)
        .await?;
    Ok(())
}

async fn organisation_name(db: &impl ConnectionTrait, id: Option<i32>) -> Result<Option<String>, AppError> {
    Ok(match id {
        Some(id) => organisation::Entity::find_by_id(id).one(db).await?.map(|o| o.name),
        None => None,
    })
}

/// Reads a record again and indexes it as it now is: out of the index when it is gone or
/// archived.
pub async fn refresh(db: &impl ConnectionTrait, kind: Kind, id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let doc = match kind {
        Kind::Meeting => meeting::Entity::find_by_id(id).one(db).await?.as_ref().and_then(meeting_doc),
        Kind::Organisation => organisation::Entity::find_by_id(id).one(db).await?.as_ref().and_then(organisation_doc),
        Kind::Person => person::Entity::find_by_id(id).one(db).await?.as_ref().and_then(person_doc),
        Kind::Training => training::Entity::find_by_id(id).one(db).await?.as_ref().and_then(training_doc),
        Kind::Consultation => match consultation::Entity::find_by_id(id).one(db).await? {
            Some(c) => {
                let organisation = organisation_name(db, c.organisation_id).await?;
                consultation_doc(&c, organisation.as_deref())
            }
            None => None,
        },
        // Indexing reads every register; reading the index is what the gate narrows.
        Kind::Issue => IssueAccess::unrestricted().get(db, id).await?.as_ref().map(issue_doc),
    };
    match doc {
        Some(doc) => index(db, &doc, now).await,
        None => remove(db, kind, id).await,
    }
}

/// Keeps the index in step with an audited change: the record named by the audit row is
/// read again when it is of a searchable kind (the audit's entity types are the kinds'
/// codes). Called by `audit::record` in the same transaction as the change.
pub async fn follow_audit(db: &impl ConnectionTrait, entity_type: &str, entity_id: Option<i64>, action: Action, now: DateTime<Utc>) -> Result<(), AppError> {
    let (Some(kind), Some(id)) = (Kind::from_code(entity_type), entity_id.and_then(|id| i32::try_from(id).ok())) else {
        return Ok(());
    };
    match action {
        Action::Create | Action::Update | Action::Archive | Action::Restore | Action::Delete => {
            refresh(db, kind, id, now).await?;
            if kind == Kind::Organisation && action == Action::Update {
                // Consultations carry their organisation's name in their entries: a rename
                // must find them by the new name, and no longer by the old.
                let linked: Vec<i32> = consultation::Entity::find()
                    .select_only()
                    .column(consultation::Column::Id)
                    .filter(consultation::Column::OrganisationId.eq(id))
                    .into_tuple()
                    .all(db)
                    .await?;
                for c in linked {
                    refresh(db, Kind::Consultation, c, now).await?;
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Indexes the consultations an import just inserted (found by their import keys).
pub async fn index_imported_consultations(db: &impl ConnectionTrait, keys: &[String], now: DateTime<Utc>) -> Result<(), AppError> {
    if keys.is_empty() {
        return Ok(());
    }
    let organisations = organisation_names(db).await?;
    for chunk in keys.chunks(BATCH as usize) {
        let rows = consultation::Entity::find().filter(consultation::Column::ImportKey.is_in(chunk.to_vec())).all(db).await?;
        for c in &rows {
            if let Some(doc) = consultation_doc(c, c.organisation_id.and_then(|o| organisations.get(&o)).map(String::as_str)) {
                index(db, &doc, now).await?;
            }
        }
    }
    Ok(())
}

async fn organisation_names(db: &impl ConnectionTrait) -> Result<HashMap<i32, String>, AppError> {
    Ok(organisation::Entity::find().all(db).await?.into_iter().map(|o| (o.id, o.name)).collect())
}

async fn insert_all(db: &impl ConnectionTrait, docs: Vec<Doc>, now: DateTime<Utc>) -> Result<u64, AppError> {
    let n = docs.len() as u64;
    // Rows of a few kilobytes each: modest statements, well under any bind-parameter limit.
    for chunk in docs.chunks(50) {
        // A save committed meanwhile (a running server) already indexed its record, as new
        // as what was read here or newer: keep its row.
        search_doc::Entity::insert_many(chunk.iter().map(|d| active_model(d, now)))
            .on_conflict(OnConflict::columns([search_doc::Column::Kind, search_doc::Column::RecordId]).do_nothing().to_owned())
            .exec_without_returning(db)
            .await?;
    }
    Ok(n)
}

/// On PostgreSQL, holds the index's lock until the transaction ends: two servers starting
/// together on an empty index would otherwise both build it, and the second fail on the
/// first's rows. (SQLite's write transactions run one at a time anyway.) A transaction that
/// will rebuild takes it before its first write, as the demo seed does.
pub async fn lock_index(db: &impl ConnectionTrait) -> Result<(), AppError> {
    if db.get_database_backend() == DatabaseBackend::Postgres {
        db.execute_unprepared("SELECT pg_advisory_xact_lock(hashtext('renkei.search_doc'))").await?;
    }
    Ok(())
}

/// Builds the whole index again from the records; returns how many documents it holds. Run
/// it in a (write) transaction: it empties the index first.
pub async fn rebuild(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, AppError> {
    lock_index(db).await?;
    search_doc::Entity::delete_many().exec(db).await?;
    let mut n = 0;
    let mut pages = meeting::Entity::find().order_by_asc(meeting::Column::Id).paginate(db, BATCH);
    while let Some(rows) = pages.fetch_and_next().await? {
        n += insert_all(db, rows.iter().filter_map(meeting_doc).collect(), now).await?;
    }
    let mut pages = organisation::Entity::find().order_by_asc(organisation::Column::Id).paginate(db, BATCH);
    while let Some(rows) = pages.fetch_and_next().await? {
        n += insert_all(db, rows.iter().filter_map(organisation_doc).collect(), now).await?;
    }
    let mut pages = person::Entity::find().order_by_asc(person::Column::Id).paginate(db, BATCH);
    while let Some(rows) = pages.fetch_and_next().await? {
        n += insert_all(db, rows.iter().filter_map(person_doc).collect(), now).await?;
    }
    let mut pages = training::Entity::find().order_by_asc(training::Column::Id).paginate(db, BATCH);
    while let Some(rows) = pages.fetch_and_next().await? {
        n += insert_all(db, rows.iter().filter_map(training_doc).collect(), now).await?;
    }
    let organisations = organisation_names(db).await?;
    let mut pages = consultation::Entity::find().order_by_asc(consultation::Column::Id).paginate(db, BATCH);
    while let Some(rows) = pages.fetch_and_next().await? {
        let docs = rows.iter().filter_map(|c| consultation_doc(c, c.organisation_id.and_then(|o| organisations.get(&o)).map(String::as_str))).collect();
        n += insert_all(db, docs, now).await?;
    }
    let mut pages = IssueAccess::unrestricted().issues().order_by_asc(issue::Column::Id).paginate(db, BATCH);
    while let Some(rows) = pages.fetch_and_next().await? {
        n += insert_all(db, rows.iter().map(issue_doc).collect(), now).await?;
    }
    Ok(n)
}

/// Whether the index is empty while there are records to index: an installation from before
/// the index, or a database restored from one.
pub async fn needs_rebuild(db: &impl ConnectionTrait) -> Result<bool, AppError> {
    if search_doc::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    Ok(meeting::Entity::find().count(db).await? > 0
        || organisation::Entity::find().count(db).await? > 0
        || person::Entity::find().count(db).await? > 0
        || training::Entity::find().count(db).await? > 0
        || consultation::Entity::find().count(db).await? > 0
        || IssueAccess::unrestricted().issues().count(db).await? > 0)
}

/// Rebuilds the index when `needs_rebuild`; returns the documents indexed, if it did.
pub async fn ensure_indexed(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Option<u64>, AppError> {
    // Before looking: a server that waited here finds the index another one just built.
    lock_index(db).await?;
    if needs_rebuild(db).await? {
        return Ok(Some(rebuild(db, now).await?));
    }
    Ok(None)
}

/// Whether the reader may see records of `kind` at all (issues: see `search`).
fn may_read(user: &SessionUser, kind: Kind) -> bool {
    match kind {
        Kind::Meeting => user.can(Permission::ReadMeetings),
        Kind::Organisation | Kind::Person => user.can(Permission::ReadDirectory),
        Kind::Training => user.can(Permission::ReadTrainings),
        Kind::Consultation => user.can(Permission::ReadConsultations),
        Kind::Issue => false,
    }
}

/// The documents whose body holds every term. On SQLite the terms of three characters or
/// more go to the FTS5 trigram index (all in one MATCH, every phrase required), shorter ones
/// to LIKE; on PostgreSQL every term is a LIKE, which the trigram GIN index serves. The
/// terms are bound values, never SQL.
fn matching(terms: &[String], backend: DatabaseBackend) -> Condition {
    let fts = if backend == DatabaseBackend::Sqlite { fts_query(terms) } else { None };
    let mut cond = Condition::all();
    for t in terms {
        if fts.is_some() && t.chars().count() >= INDEXED_TERM_CHARS {
            continue;
        }
        cond = cond.add(search_doc::Column::Body.like(like_pattern(t)));
    }
    if let Some(q) = fts {
        cond = cond.add(Expr::cust_with_values(r#""search_doc"."id" IN (SELECT rowid FROM search_doc_fts WHERE search_doc_fts MATCH ?)"#, [q]));
    }
    cond
}

fn date_label(d: NaiveDate) -> String {
    crate::domain::dates::day(d)
}

/// Records matching every term of `q` (see `domain::search::terms`), grouped by kind in a
/// fixed order, at most `per_kind` of each with the total. Kinds the reader may not read are
/// not searched; issues only within `issues` (None: no register), archived records never.
pub async fn search(db: &impl ConnectionTrait, user: &SessionUser, issues: Option<&IssueAccess>, q: &str, per_kind: u64) -> Result<SearchResults, AppError> {
    let terms = terms(q);
    let mut results = SearchResults { q: q.to_string(), terms: terms.clone(), groups: Vec::new() };
    if terms.is_empty() {
        return Ok(results);
    }
    let matched = matching(&terms, db.get_database_backend());
    for kind in Kind::ALL {
        let mut cond = Condition::all().add(search_doc::Column::Kind.eq(kind.code())).add(matched.clone());
        if kind == Kind::Issue {
            let Some(access) = issues else { continue };
            // Only documents of issues the gate returns for this reader.
            cond = cond.add(search_doc::Column::RecordId.in_subquery(access.issues().select_only().column(issue::Column::Id).into_query()));
        } else if !may_read(user, kind) {
            continue;
        }
        let total = search_doc::Entity::find().filter(cond.clone()).count(db).await?;
        if total == 0 {
            continue;
        }
        let select = search_doc::Entity::find().filter(cond);
        let select = if matches!(kind, Kind::Organisation | Kind::Person) {
            select.order_by_asc(search_doc::Column::Title).order_by_asc(search_doc::Column::Id)
        } else {
            select.order_by_with_nulls(search_doc::Column::HappenedOn, sea_orm::Order::Desc, sea_orm::sea_query::NullOrdering::Last).order_by_desc(search_doc::Column::Id)
        };
        let rows = select.limit(per_kind).all(db).await?;
        let items = rows
            .into_iter()
            .map(|d| SearchHit {
                snippet: snippet(&d.content, &terms, SNIPPET_CHARS),
                href: kind.href(d.record_id),
                title: d.title,
                date: d.happened_on.map(date_label),
            })
            .collect();
        results.groups.push(SearchGroup { kind: kind.code().to_string(), label: kind.label().to_string(), total, items });
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_matches_names_with_and_without_their_spaces() {
        let doc = Doc { kind: Kind::Person, record_id: 1, title: "山田 花子".into(), content: "ヤマダ ハナコ".into(), keys: "ヤマダハナコ".into(), happened_on: None };
        let body = doc.body();
        for typed in ["山田花子", "山田", "やまだはなこ", "はなこ"] {
            assert!(body.contains(&normalize(typed)), "{typed} in {body}");
        }
    }
}
