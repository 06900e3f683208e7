//! Versioned, audited records: optimistic locking (one update helper for every versioned
//! record), the refusal that names who changed what, archive/restore and done/open toggles.

use crate::domain::validate::Problems;
use crate::error::{AppError, FieldErrors};
use crate::server::entities::audit_log;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, UpdateMany};

pub fn problems(p: Problems) -> AppError {
    let mut errs = FieldErrors::new();
    for (field, message) in p {
        errs.add(field, message);
    }
    errs.finish().err().unwrap_or(AppError::BadRequest("入力内容を確認してください。".into()))
}

/// The version an edit was made from. An edit without one would overwrite whatever
/// others saved meanwhile, so it is refused.
pub fn expected_version(version: Option<i32>) -> Result<i32, AppError> {
    version.ok_or_else(|| AppError::BadRequest("編集前の版が送信されていません。画面を読み込み直してから、もう一度保存してください。".into()))
}

/// The refusal of a save over a copy someone else changed meanwhile: says who changed it
/// and when (from the audit trail), and which fields now differ from the user's input.
pub async fn edit_conflict(
    db: &impl ConnectionTrait,
    entity_type: &str,
    id: i64,
    differing: Vec<&'static str>,
) -> AppError {
    let last = audit_log::Entity::find()
        .filter(audit_log::Column::EntityType.eq(entity_type))
        .filter(audit_log::Column::EntityId.eq(id))
        // Who read, printed or exported it is not who changed it (and is not for every
        // reader to know).
        .filter(audit_log::Column::Action.is_not_in(["view", "print", "export"]))
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .one(db)
        .await
        .ok()
        .flatten();
    let who = match last {
        Some(l) => format!(
            "{} さんが {} に",
            l.user_name,
            crate::domain::dates::day_time(l.at)
        ),
        None => "ほかの人が".to_string(),
    };
    let fields = if differing.is_empty() {
        String::new()
    } else {
        let labels: Vec<&str> = differing.iter().map(|f| crate::domain::labels::field_label(entity_type, f)).collect();
        format!("現在の内容とあなたの入力で異なる項目: {}。", labels.join("、"))
    };
    AppError::Conflict(format!(
        "この記録は、編集を始めた後に{who}変更しました。上書きを防ぐため保存していません。{fields}あなたの入力はこのフォームに残っています。別の画面で最新の内容を確認し、必要な変更をもう一度行ってください。"
    ))
}

/// The fields (of `fields`) whose trimmed values differ between two inputs given as
/// (name, value) pairs: what an edit conflict names.
pub fn differing_pairs(fields: &[&'static str], current: &[(String, String)], input: &[(String, String)]) -> Vec<&'static str> {
    let get = |v: &[(String, String)], n: &str| v.iter().find(|(k, _)| k == n).map(|(_, v)| v.trim().to_string());
    fields.iter().copied().filter(|n| get(current, n) != get(input, n)).collect()
}

/// Runs `update` on the record `id` only if it is still at version `expected`, moving it to
/// `expected + 1`; otherwise the refusal of `edit_conflict`, naming the fields `differing`
/// lists. The one optimistic lock every versioned write goes through.
pub async fn update_at_version<E: EntityTrait>(
    db: &impl ConnectionTrait,
    update: UpdateMany<E>,
    entity_type: &str,
    id: i32,
    expected: i32,
    differing: impl FnOnce() -> Vec<&'static str>,
) -> Result<(), AppError> {
    let res = update
        .col_expr(Alias::new("version"), Expr::value(expected + 1))
        .filter(Expr::col(Alias::new("id")).eq(id))
        .filter(Expr::col(Alias::new("version")).eq(expected))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(edit_conflict(db, entity_type, id as i64, differing()).await);
    }
    Ok(())
}

/// Writes `am` (only its changed fields, never the version) over the record `id` at version
/// `expected`; see `update_at_version`.
pub async fn update_versioned<A>(
    db: &impl ConnectionTrait,
    entity_type: &str,
    id: i32,
    expected: i32,
    am: A,
    differing: impl FnOnce() -> Vec<&'static str>,
) -> Result<(), AppError>
where
    A: ActiveModelTrait + Send,
{
    update_at_version(db, <A::Entity as EntityTrait>::update_many().set(am), entity_type, id, expected, differing).await
}

/// Archives or restores a versioned record (columns `id`, `version`, `active`, `updated_at`)
/// if nobody changed it since `version`; otherwise the refusal of `edit_conflict`.
pub async fn set_active_versioned<E: EntityTrait>(
    db: &impl ConnectionTrait,
    entity_type: &str,
    id: i32,
    version: i32,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let update = E::update_many().col_expr(Alias::new("active"), Expr::value(active)).col_expr(Alias::new("updated_at"), Expr::value(now));
    update_at_version(db, update, entity_type, id, version, Vec::new).await
}

/// Marks a versioned task-like record (columns `id`, `version`, `done`, `done_at`,
/// `updated_at`) done or open again, if nobody changed it since `version`.
pub async fn set_done_versioned<E: EntityTrait>(
    db: &impl ConnectionTrait,
    entity_type: &str,
    id: i32,
    version: i32,
    done: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let update = E::update_many()
        .col_expr(Alias::new("done"), Expr::value(done))
        .col_expr(Alias::new("done_at"), Expr::value(done.then_some(now)))
        .col_expr(Alias::new("updated_at"), Expr::value(now));
    update_at_version(db, update, entity_type, id, version, Vec::new).await
}
