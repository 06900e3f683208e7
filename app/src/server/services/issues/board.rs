//! Views across registers: the overview per profession, the routing board, and the issues of
//! a meeting. All of them read through the caller's `IssueAccess`.

use crate::server::services::issues::actions::{action_view, meeting_labels};
use super::access::IssueAccess;
use crate::server::services::issues::register::{layer_of, profession_names, status_of};
use crate::dto::directory::Ref;
use crate::dto::issues::{MeetingIssues, RegisterSummary, RoutingBoard, RoutingItem};
use crate::domain::issues::{routing_need, IssueStatus, Layer, Mark, RoutingNeed};
use crate::domain::FiscalYear;
use crate::error::AppError;
use crate::server::entities::{issue, issue_action, meeting, profession};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{HashMap, HashSet};

/// Each readable profession's register with its counts; professions without issues are
/// listed while active, so that a first issue can be added.
pub async fn overview(db: &impl ConnectionTrait, access: &IssueAccess) -> Result<Vec<RegisterSummary>, AppError> {
    let issues = access.issues().all(db).await?;
    let mut counts: HashMap<i32, RegisterSummary> = HashMap::new();
    let professions = profession::Entity::find().order_by_asc(profession::Column::SortOrder).order_by_asc(profession::Column::Id).all(db).await?;
    let blank = |p: &profession::Model| RegisterSummary { profession: Ref { id: p.id, name: p.name.clone() }, total: 0, open_by_layer: [0; 3], resolved: 0 };
    for i in &issues {
        let Some(p) = professions.iter().find(|p| p.id == i.profession_id) else { continue };
        let c = counts.entry(p.id).or_insert_with(|| blank(p));
        c.total += 1;
        let status = status_of(i);
        if status == IssueStatus::Resolved {
            c.resolved += 1;
        } else if status.is_open() {
            c.open_by_layer[Layer::ALL.iter().position(|l| *l == layer_of(i)).unwrap_or(0)] += 1;
        }
    }
    Ok(professions
        .iter()
        .filter(|p| access.allows(p.id))
        .filter_map(|p| counts.remove(&p.id).or_else(|| p.active.then(|| blank(p))))
        .collect())
}

/// Open issues that still need taking somewhere, per route.
pub async fn routing(db: &impl ConnectionTrait, access: &IssueAccess) -> Result<RoutingBoard, AppError> {
    let issues = access
        .issues()
        .order_by_asc(issue::Column::ProfessionId)
        .order_by_asc(issue::Column::CodeOrder)
        .order_by_asc(issue::Column::Code)
        .all(db)
        .await?;
    let ids: Vec<i32> = issues.iter().map(|i| i.id).collect();
    let third_level_ids: HashSet<i32> = meeting::Entity::find()
        .select_only()
        .column(meeting::Column::Id)
        .filter(meeting::Column::Level.eq(3))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut with_second = HashSet::new();
    let mut with_third = HashSet::new();
    for chunk in ids.chunks(500) {
        for a in access.actions().filter(issue_action::Column::IssueId.is_in(chunk.to_vec())).all(db).await? {
            if a.mark == Mark::Second.code() {
                with_second.insert(a.issue_id);
            }
            if a.meeting_id.is_some_and(|m| third_level_ids.contains(&m)) {
                with_third.insert(a.issue_id);
            }
        }
    }
    let names = profession_names(db).await?;
    let mut board = RoutingBoard { feed_back: vec![], second_level: vec![], third_level: vec![] };
    for i in &issues {
        let raised_at_third = i.source_meeting_id.is_some_and(|m| third_level_ids.contains(&m));
        let Some(need) = routing_need(layer_of(i), status_of(i), with_second.contains(&i.id), with_third.contains(&i.id) || raised_at_third) else { continue };
        let item = RoutingItem {
            issue_id: i.id,
            profession: Ref { id: i.profession_id, name: names.get(&i.profession_id).cloned().unwrap_or_default() },
            code: i.code.clone(),
            title: i.title.clone(),
            status: status_of(i),
            first_year: FiscalYear(i.fiscal_year).short_label(),
            need,
        };
        match need {
            RoutingNeed::FeedBack => board.feed_back.push(item),
            RoutingNeed::SecondLevel => board.second_level.push(item),
            RoutingNeed::ThirdLevel => board.third_level.push(item),
        }
    }
    Ok(board)
}

/// Issues raised in a meeting and actions taken in it, within the scope.
pub async fn of_meeting(db: &impl ConnectionTrait, access: &IssueAccess, meeting_id: i32) -> Result<MeetingIssues, AppError> {
    let raised = access
        .issues()
        .filter(issue::Column::SourceMeetingId.eq(meeting_id))
        .order_by_asc(issue::Column::ProfessionId)
        .order_by_asc(issue::Column::CodeOrder)
        .all(db)
        .await?;
    let actions = access.actions().filter(issue_action::Column::MeetingId.eq(meeting_id)).order_by_asc(issue_action::Column::Id).all(db).await?;
    let action_issues: HashMap<i32, issue::Model> = access
        .issues()
        .filter(issue::Column::Id.is_in(actions.iter().map(|a| a.issue_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let names = profession_names(db).await?;
    let label = |i: &issue::Model| Ref { id: i.id, name: format!("{} {}: {}", names.get(&i.profession_id).cloned().unwrap_or_default(), i.code, i.title) };
    let meetings = meeting_labels(db, &[meeting_id]).await?;
    Ok(MeetingIssues {
        visible: true,
        raised: raised.iter().map(label).collect(),
        actions: actions.iter().filter_map(|a| action_issues.get(&a.issue_id).map(|i| (label(i), action_view(a, &meetings)))).collect(),
    })
}
