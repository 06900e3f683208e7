//! Follow-ups of meetings (who does what by when) as a checklist: the shared service in
//! `shared::checklist` over the `follow_up` table.

use crate::server::entities::{follow_up, meeting};
use crate::server::services::shared::checklist::{ChecklistTable, Col, Parent, Row};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, Set};

pub struct FollowUps;

impl ChecklistTable for FollowUps {
    type Entity = follow_up::Entity;
    type Model = follow_up::Model;
    type ActiveModel = follow_up::ActiveModel;
    type Parent = meeting::Entity;
    const ENTITY_TYPE: &'static str = "follow_up";
    const PARENT_KEY: &'static str = "meeting";
    const TEXT_FIELD: &'static str = "action";
    const TEXT_NOUN: &'static str = "対応内容";
    const BY_DUE: bool = false;

    fn col(c: Col) -> follow_up::Column {
        match c {
            Col::Id => follow_up::Column::Id,
            Col::Parent => follow_up::Column::MeetingId,
            Col::Done => follow_up::Column::Done,
            Col::DueOn => follow_up::Column::DueOn,
            Col::OwnerOrganisation => follow_up::Column::OwnerOrganisationId,
        }
    }

    fn row(m: &follow_up::Model) -> Row {
        Row {
            id: m.id,
            parent_id: m.meeting_id,
            text: m.action.clone(),
            owner_user_id: m.owner_user_id,
            owner_organisation_id: m.owner_organisation_id,
            due_on: m.due_on,
            done: m.done,
            version: m.version,
        }
    }

    fn new_row(parent_id: i32, text: String, owner: (Option<i32>, Option<i32>), due_on: Option<NaiveDate>, now: DateTime<Utc>) -> follow_up::ActiveModel {
        follow_up::ActiveModel {
            meeting_id: Set(parent_id),
            action: Set(text),
            owner_user_id: Set(owner.0),
            owner_organisation_id: Set(owner.1),
            due_on: Set(due_on),
            done: Set(false),
            done_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        }
    }

    fn parent_id_col() -> meeting::Column {
        meeting::Column::Id
    }

    fn live_parents() -> Condition {
        Condition::all().add(meeting::Column::Active.eq(true))
    }

    fn parent(m: &meeting::Model) -> Parent {
        Parent { id: m.id, title: m.title.clone(), held_on: m.held_on }
    }
}
