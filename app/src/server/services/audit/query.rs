//! Reading the audit trail with filters and pages.

use crate::dto::audit::{AuditChangeView, AuditEntryView, AuditFilter, AuditPage};
use crate::error::AppError;
use crate::server::entities::{app_user, audit_log};
use crate::server::services::audit::Change;
use chrono::{NaiveDate, TimeZone};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

pub const PAGE_SIZE: u64 = 50;

fn day_start_utc(date: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    crate::clock::jst()
        .from_local_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight"))
        .single()
        .expect("JST has no gaps")
        .with_timezone(&chrono::Utc)
}

fn parse_day(field: &str, value: &Option<String>) -> Result<Option<NaiveDate>, AppError> {
    match value.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| AppError::field(field, "日付を YYYY-MM-DD の形で入力してください。")),
    }
}

pub async fn list(db: &impl ConnectionTrait, filter: &AuditFilter) -> Result<AuditPage, AppError> {
    let mut q = audit_log::Entity::find();
    if let Some(uid) = filter.user_id {
        q = q.filter(audit_log::Column::UserId.eq(uid));
    }
    if let Some(t) = filter.entity_type.as_deref().filter(|t| !t.is_empty()) {
        q = q.filter(audit_log::Column::EntityType.eq(t));
    }
    if let Some(from) = parse_day("from", &filter.from)? {
        q = q.filter(audit_log::Column::At.gte(day_start_utc(from)));
    }
    if let Some(to) = parse_day("to", &filter.to)? {
        q = q.filter(audit_log::Column::At.lt(day_start_utc(to.succ_opt().unwrap_or(to))));
    }
    let paginator = q
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .paginate(db, PAGE_SIZE);
    let counts = paginator.num_items_and_pages().await?;
    let page = filter.page.unwrap_or(1).max(1).min(counts.number_of_pages.max(1));
    let rows = paginator.fetch_page(page - 1).await?;
    let users = app_user::Entity::find()
        .order_by_asc(app_user::Column::DisplayName)
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(AuditPage {
        entries: rows.into_iter().map(to_view).collect(),
        page,
        pages: counts.number_of_pages.max(1),
        total: counts.number_of_items,
        users,
    })
}

fn to_view(row: audit_log::Model) -> AuditEntryView {
    let changes: Vec<Change> = serde_json::from_str(&row.changes).unwrap_or_default();
    AuditEntryView {
        id: row.id,
        at: crate::domain::dates::day_time(row.at),
        user_name: row.user_name,
        entity_type: row.entity_type,
        entity_id: row.entity_id,
        action: row.action,
        summary: row.summary,
        changes: changes
            .into_iter()
            .map(|c| AuditChangeView { field: c.field, old: c.old, new: c.new })
            .collect(),
    }
}
