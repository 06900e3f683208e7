//! Meeting kinds (会議の種類): seeded once with the team's list (`domain::meetings::MEETING_KINDS`),
//! then kept by administrators. Meetings store a kind's code, which never changes, so a
//! rename relabels every meeting, and a retired kind stays on the meetings that have it.
//! Until the defaults are seeded (a database the server has not opened yet, as in tests),
//! the domain's list stands in for them.

use crate::domain::meetings::{meeting_kind_label, MEETING_KINDS};
use crate::domain::text::char_len;
use crate::dto::meetings::{KindChoice, KindView};
use crate::error::AppError;
use crate::server::entities::{meeting, meeting_kind as kind};
use crate::server::services::audit::{self, Action, Actor, Audited, Snapshot};
use crate::server::services::shared::versioned::{expected_version, set_active_versioned, update_versioned};
use crate::server::services::system::settings;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::HashMap;

const SEEDED: &str = "meeting_kinds_seeded";
const ENTITY: &str = "meeting_kind";

impl Audited for kind::Model {
    const ENTITY_TYPE: &'static str = ENTITY;
    fn audit_id(&self) -> i64 {
        self.id as i64
    }
    fn audit_label(&self) -> String {
        self.name.clone()
    }
    fn snapshot(&self) -> Snapshot {
        vec![
            ("code", self.code.clone()),
            ("name", self.name.clone()),
            ("sort_order", self.sort_order.to_string()),
            ("active", self.active.to_string()),
        ]
    }
}

/// Seeds the default kinds once per installation (those whose code is not there yet).
pub async fn ensure_defaults(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), AppError> {
    if seeded(db).await? {
        return Ok(());
    }
    let existing: Vec<String> = kind::Entity::find().select_only().column(kind::Column::Code).into_tuple().all(db).await?;
    let actor = Actor::system("初期データ");
    for (i, (code, name)) in MEETING_KINDS.iter().enumerate() {
        if existing.iter().any(|c| c == code) {
            continue;
        }
        let model = new_model(code, name, (i as i32 + 1) * 10, now).insert(db).await?;
        audit::record_create(db, &actor, &model, now).await?;
    }
    settings::set(db, SEEDED, &now.to_rfc3339()).await
}

async fn seeded(db: &impl ConnectionTrait) -> Result<bool, AppError> {
    Ok(settings::get(db, SEEDED).await?.is_some())
}

fn new_model(code: &str, name: &str, sort_order: i32, now: DateTime<Utc>) -> kind::ActiveModel {
    kind::ActiveModel {
        code: Set(code.to_string()),
        name: Set(name.to_string()),
        sort_order: Set(sort_order),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
}

/// All kinds in display order, retired ones too.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<kind::Model>, AppError> {
    Ok(kind::Entity::find().order_by_asc(kind::Column::SortOrder).order_by_asc(kind::Column::Id).all(db).await?)
}

/// What forms and filters offer, in display order (retired kinds marked inactive).
pub async fn choices(db: &impl ConnectionTrait) -> Result<Vec<KindChoice>, AppError> {
    let rows = all(db).await?;
    let mut out: Vec<KindChoice> = Vec::new();
    if !seeded(db).await? {
        out.extend(
            MEETING_KINDS
                .iter()
                .filter(|(code, _)| !rows.iter().any(|k| k.code == *code))
                .map(|(code, name)| KindChoice { code: code.to_string(), name: name.to_string(), active: true }),
        );
    }
    out.extend(rows.into_iter().map(|k| KindChoice { code: k.code, name: k.name, active: k.active }));
    Ok(out)
}

/// Code → name of every kind (retired ones too), loaded once per list or export.
pub async fn labels(db: &impl ConnectionTrait) -> Result<HashMap<String, String>, AppError> {
    let mut map: HashMap<String, String> = MEETING_KINDS.iter().map(|(c, l)| (c.to_string(), l.to_string())).collect();
    let rows: Vec<(String, String)> = kind::Entity::find().select_only().column(kind::Column::Code).column(kind::Column::Name).into_tuple().all(db).await?;
    map.extend(rows);
    Ok(map)
}

/// The name of one kind ("" for a code that is not a kind).
pub async fn label_of(db: &impl ConnectionTrait, code: &str) -> Result<String, AppError> {
    match kind::Entity::find().filter(kind::Column::Code.eq(code)).one(db).await? {
        Some(k) => Ok(k.name),
        None => Ok(meeting_kind_label(code).unwrap_or("").to_string()),
    }
}

/// The administrators' page: every kind with how many meetings have it.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<KindView>, AppError> {
    let counts: HashMap<String, i64> = meeting::Entity::find()
        .select_only()
        .column(meeting::Column::Kind)
        .column_as(meeting::Column::Id.count(), "n")
        .filter(meeting::Column::Active.eq(true))
        .group_by(meeting::Column::Kind)
        .into_tuple::<(String, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(all(db)
        .await?
        .into_iter()
        .map(|k| KindView { count: counts.get(&k.code).copied().unwrap_or(0) as u64, id: k.id, code: k.code, name: k.name, active: k.active, version: k.version })
        .collect())
}

/// A meeting's kind must be one that is offered (it exists and is not retired), unless it
/// is the kind the meeting already has (`current`): retired kinds stay on old meetings.
pub async fn check_kind(db: &impl ConnectionTrait, code: &str, current: Option<&str>) -> Result<(), AppError> {
    if code.trim().is_empty() {
        return Err(AppError::field("kind", "会議の種類を選んでください。"));
    }
    if current == Some(code) {
        return Ok(());
    }
    let offered = if char_len(code) > 40 {
        false
    } else {
        match kind::Entity::find().filter(kind::Column::Code.eq(code)).one(db).await? {
            Some(k) => k.active,
            None => !seeded(db).await? && meeting_kind_label(code).is_some(),
        }
    };
    if offered {
        Ok(())
    } else {
        Err(AppError::field("kind", "会議の種類を選び直してください。"))
    }
}

fn check_name(name: &str) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::field("name", "種類の名前を入力してください。"));
    }
    if char_len(name) > 100 {
        return Err(AppError::field("name", "種類の名前は100文字以内にしてください。"));
    }
    Ok(name.to_string())
}

/// Adds a kind at the end (`id` None; its code is `k{id}`) or renames one (its code stays).
pub async fn save(db: &impl ConnectionTrait, actor: &Actor, id: Option<i32>, version: Option<i32>, name: &str, now: DateTime<Utc>) -> Result<i32, AppError> {
    let name = check_name(name)?;
    // The defaults first, so that a new kind takes its place after them.
    ensure_defaults(db, now).await?;
    if let Some(other) = kind::Entity::find().filter(kind::Column::Name.eq(&name)).one(db).await? {
        if Some(other.id) != id {
            return Err(AppError::field("name", format!("種類「{name}」はすでにあります。")));
        }
    }
    match id {
        None => {
            let last = all(db).await?.iter().map(|k| k.sort_order).max().unwrap_or(0);
            // The code is made from the id, known only once the row is in: a unique
            // placeholder first, then the code, in the same transaction.
            let placeholder = format!("new-{}", &crate::server::auth::token::new_token()[..24]);
            let inserted = new_model(&placeholder, &name, last + 10, now).insert(db).await?;
            let new_id = inserted.id;
            let mut am: kind::ActiveModel = inserted.into();
            am.code = Set(format!("k{new_id}"));
            let model = am.update(db).await?;
            audit::record_create(db, actor, &model, now).await?;
            Ok(model.id)
        }
        Some(id) => {
            let before = kind::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            let expected = expected_version(version)?;
            let mut am: kind::ActiveModel = before.clone().into();
            am.name = Set(name);
            am.updated_at = Set(now);
            update_versioned(db, ENTITY, id, expected, am, || vec!["name"]).await?;
            let after = kind::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            audit::record_change(db, actor, Action::Update, &before, &after, now).await?;
            Ok(id)
        }
    }
}

/// Retires (no longer offered for new meetings) or restores a kind.
pub async fn set_active(db: &impl ConnectionTrait, actor: &Actor, id: i32, version: i32, active: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    let before = kind::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if !active && before.active && all(db).await?.iter().filter(|k| k.active).count() <= 1 {
        return Err(AppError::BadRequest("最後の種類は廃止できません。先に別の種類を追加してください。".into()));
    }
    set_active_versioned::<kind::Entity>(db, ENTITY, id, version, active, now).await?;
    let after = kind::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    audit::record_change(db, actor, if active { Action::Restore } else { Action::Archive }, &before, &after, now).await
}
