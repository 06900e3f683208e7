//! The editable lists of the resource record: categories (two levels) and districts, seeded
//! once per installation with Kamaishi's.

use crate::domain::resources::{DEFAULT_CATEGORIES, DEFAULT_DISTRICTS};
use crate::dto::directory::Ref;
use crate::dto::resources::CategoryChoice;
use crate::error::AppError;
use crate::server::entities::{resource_category as category, resource_district as district};
use crate::server::services::system::settings;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryOrder, Set};
use std::collections::HashMap;

const SEEDED: &str = "resource_lists_seeded";

/// Seeds the default categories and districts once per installation (an administrator may
/// later rename or retire them; they are not seeded again).
pub async fn ensure_defaults(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), AppError> {
    if settings::get(db, SEEDED).await?.is_some() {
        return Ok(());
    }
    if category::Entity::find().count(db).await? == 0 {
        for (i, (name, subs)) in DEFAULT_CATEGORIES.iter().enumerate() {
            let parent = new_category(None, name, (i as i32 + 1) * 10, now).insert(db).await?;
            for (j, sub) in subs.iter().enumerate() {
                new_category(Some(parent.id), sub, (j as i32 + 1) * 10, now).insert(db).await?;
            }
        }
    }
    if district::Entity::find().count(db).await? == 0 {
        for (i, name) in DEFAULT_DISTRICTS.iter().enumerate() {
            district::ActiveModel {
                name: Set(name.to_string()),
                sort_order: Set((i as i32 + 1) * 10),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    settings::set(db, SEEDED, &now.to_rfc3339()).await
}

fn new_category(parent_id: Option<i32>, name: &str, sort_order: i32, now: DateTime<Utc>) -> category::ActiveModel {
    category::ActiveModel {
        parent_id: Set(parent_id),
        name: Set(name.to_string()),
        sort_order: Set(sort_order),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
}

/// Every category (retired ones too, so old records keep their names), in list order:
/// each top-level category followed by its sub-categories.
pub struct Categories {
    ordered: Vec<(category::Model, Option<String>)>,
    by_id: HashMap<i32, usize>,
}

impl Categories {
    pub async fn load(db: &impl ConnectionTrait) -> Result<Categories, AppError> {
        let all = category::Entity::find().order_by_asc(category::Column::SortOrder).order_by_asc(category::Column::Id).all(db).await?;
        let mut ordered = Vec::new();
        for top in all.iter().filter(|c| c.parent_id.is_none()) {
            ordered.push((top.clone(), None));
            for sub in all.iter().filter(|c| c.parent_id == Some(top.id)) {
                ordered.push((sub.clone(), Some(top.name.clone())));
            }
        }
        let by_id = ordered.iter().enumerate().map(|(i, (c, _))| (c.id, i)).collect();
        Ok(Categories { ordered, by_id })
    }

    /// "相談窓口 › 高齢者", or the top-level name.
    pub fn name(&self, id: i32) -> String {
        match self.by_id.get(&id).map(|i| &self.ordered[*i]) {
            Some((c, Some(parent))) => format!("{parent} › {}", c.name),
            Some((c, None)) => c.name.clone(),
            None => String::new(),
        }
    }

    /// The top-level category's name.
    pub fn top(&self, id: i32) -> String {
        match self.by_id.get(&id).map(|i| &self.ordered[*i]) {
            Some((_, Some(parent))) => parent.clone(),
            Some((c, None)) => c.name.clone(),
            None => String::new(),
        }
    }

    /// The category and its sub-categories (what a filter on it matches).
    pub fn with_subs(&self, id: i32) -> Vec<i32> {
        let mut out = vec![id];
        out.extend(self.ordered.iter().filter(|(c, _)| c.parent_id == Some(id)).map(|(c, _)| c.id));
        out
    }

    /// Offered for new entries: itself in use, and so is its top-level category.
    pub fn is_active(&self, id: i32) -> bool {
        self.model(id).is_some_and(|c| c.active && c.parent_id.is_none_or(|p| self.model(p).is_some_and(|p| p.active)))
    }

    /// The choices of forms and filters: categories in use, in list order.
    pub fn choices(&self) -> Vec<CategoryChoice> {
        self.ordered.iter().filter(|(c, _)| self.is_active(c.id)).map(|(c, _)| CategoryChoice { id: c.id, name: self.name(c.id), parent_id: c.parent_id }).collect()
    }

    pub fn model(&self, id: i32) -> Option<&category::Model> {
        self.by_id.get(&id).map(|i| &self.ordered[*i].0)
    }

    /// Every category in list order (retired ones too).
    pub fn all(&self) -> impl Iterator<Item = &category::Model> {
        self.ordered.iter().map(|(c, _)| c)
    }

    /// The categories of one level: the top level (None), or one category's sub-categories.
    pub fn siblings(&self, parent_id: Option<i32>) -> Vec<&category::Model> {
        self.all().filter(|c| c.parent_id == parent_id).collect()
    }

    /// The top-level category a category belongs to (itself, at the top level).
    pub fn top_id(&self, id: i32) -> i32 {
        self.model(id).and_then(|c| c.parent_id).unwrap_or(id)
    }

    /// The position in list order (for sorting by category).
    pub fn rank(&self, id: i32) -> usize {
        self.by_id.get(&id).copied().unwrap_or(usize::MAX)
    }
}

/// Every district by id (retired ones too), and the active ones in list order.
pub struct Districts {
    pub all: Vec<district::Model>,
}

impl Districts {
    pub async fn load(db: &impl ConnectionTrait) -> Result<Districts, AppError> {
        Ok(Districts { all: district::Entity::find().order_by_asc(district::Column::SortOrder).order_by_asc(district::Column::Id).all(db).await? })
    }

    pub fn name(&self, id: Option<i32>) -> String {
        id.and_then(|id| self.all.iter().find(|d| d.id == id)).map(|d| d.name.clone()).unwrap_or_default()
    }

    pub fn is_active(&self, id: i32) -> bool {
        self.all.iter().any(|d| d.id == id && d.active)
    }

    pub fn choices(&self) -> Vec<Ref> {
        self.all.iter().filter(|d| d.active).map(|d| Ref { id: d.id, name: d.name.clone() }).collect()
    }

    pub fn rank(&self, id: Option<i32>) -> usize {
        id.and_then(|id| self.all.iter().position(|d| d.id == id)).unwrap_or(usize::MAX)
    }

    pub fn get(&self, id: i32) -> Option<Ref> {
        self.all.iter().find(|d| d.id == id).map(|d| Ref { id: d.id, name: d.name.clone() })
    }
}
