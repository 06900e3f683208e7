//! The one gate to the confidential issue registers: every read of an issue, its actions or
//! its history starts from an `IssueAccess`, built from the caller's scope. An issue outside
//! the scope is "not found", like a missing one. `scripts/architecture.sh` fails if the issue
//! tables are queried anywhere else.

use super::grants;
use crate::domain::issues::Scope;
use crate::dto::auth::SessionUser;
use crate::dto::directory::Ref;
use crate::error::AppError;
use crate::server::entities::{issue, issue_action, issue_change, profession};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Select};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueAccess {
    scope: Scope,
}

impl IssueAccess {
    pub fn new(scope: Scope) -> Self {
        IssueAccess { scope }
    }

    /// The caller's access; 403 when they may read no register.
    pub async fn of(db: &impl ConnectionTrait, user: &SessionUser) -> Result<Self, AppError> {
        Ok(Self::new(grants::scope_of(db, user).await?))
    }

    /// As `of`, with None for those who may read no register (pages that show issues only to
    /// some).
    pub async fn optional(db: &impl ConnectionTrait, user: &SessionUser) -> Result<Option<Self>, AppError> {
        Ok(grants::optional_scope_of(db, user).await?.map(Self::new))
    }

    /// As `of`, with an access that sees no issue for those who may read no register (pages
    /// where a linked issue is a detail, such as a consultation).
    pub async fn or_none(db: &impl ConnectionTrait, user: &SessionUser) -> Result<Self, AppError> {
        Ok(Self::optional(db, user).await?.unwrap_or_else(|| Self::new(Scope::Professions(Vec::new()))))
    }

    /// Every register, for work done on no one's behalf (seeding the demo) and for writes the
    /// caller's permission already covers.
    pub fn unrestricted() -> Self {
        Self::new(Scope::All)
    }

    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    pub fn is_partial(&self) -> bool {
        !matches!(self.scope, Scope::All)
    }

    pub fn allows(&self, profession: i32) -> bool {
        self.scope.allows(profession)
    }

    /// The issues within the scope.
    fn condition(&self) -> Condition {
        match &self.scope {
            Scope::All => Condition::all(),
            Scope::Professions(ids) => Condition::all().add(issue::Column::ProfessionId.is_in(ids.clone())),
        }
    }

    /// Rows of another table whose `issue_id` column names an issue within the scope.
    fn issue_id_condition(&self, column: impl sea_orm::sea_query::IntoColumnRef) -> Condition {
        match &self.scope {
            Scope::All => Condition::all(),
            Scope::Professions(ids) => Condition::all().add(
                Expr::col(column).in_subquery(
                    Query::select().column(issue::Column::Id).from(issue::Entity).and_where(issue::Column::ProfessionId.is_in(ids.clone())).to_owned(),
                ),
            ),
        }
    }

    /// A query over the issues within the scope, to filter, order and page further.
    pub fn issues(&self) -> Select<issue::Entity> {
        issue::Entity::find().filter(self.condition())
    }

    /// A query over the actions (取組) recorded on issues within the scope.
    pub fn actions(&self) -> Select<issue_action::Entity> {
        issue_action::Entity::find().filter(self.issue_id_condition((issue_action::Entity, issue_action::Column::IssueId)))
    }

    /// A query over the history of issues within the scope.
    pub fn changes(&self) -> Select<issue_change::Entity> {
        issue_change::Entity::find().filter(self.issue_id_condition((issue_change::Entity, issue_change::Column::IssueId)))
    }

    /// An issue within the scope, or None.
    pub async fn get(&self, db: &impl ConnectionTrait, id: i32) -> Result<Option<issue::Model>, AppError> {
        Ok(issue::Entity::find_by_id(id).one(db).await?.filter(|i| self.allows(i.profession_id)))
    }

    /// An issue within the scope; "not found" otherwise.
    pub async fn find(&self, db: &impl ConnectionTrait, id: i32) -> Result<issue::Model, AppError> {
        self.get(db, id).await?.ok_or(AppError::NotFound)
    }

    /// An action on an issue within the scope; "not found" otherwise.
    pub async fn action(&self, db: &impl ConnectionTrait, id: i32) -> Result<issue_action::Model, AppError> {
        self.actions().filter(issue_action::Column::Id.eq(id)).one(db).await?.ok_or(AppError::NotFound)
    }

    /// A profession whose register the scope covers.
    pub async fn profession(&self, db: &impl ConnectionTrait, id: i32) -> Result<Ref, AppError> {
        if !self.allows(id) {
            return Err(AppError::NotFound);
        }
        let p = profession::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
        Ok(Ref { id: p.id, name: p.name })
    }
}
