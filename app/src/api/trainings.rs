//! Trainings (研修): the record with its role split, tasks, linked meetings and issues, and
//! its outcome. Everyone reads them; coordinators write. Linked issues follow the issue
//! register's confidentiality.

use crate::api::directory::Ref;
use crate::api::issues::MatrixYear;
use crate::domain::trainings::{OutcomeInput, Progress, Satisfaction, TrainingInput};
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Filters of the list. Without a fiscal year the list shows the upcoming trainings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrainingQuery {
    pub fy: Option<i32>,
    pub hosting: Option<String>,
    pub status: Option<String>,
    pub organisation: Option<i32>,
    pub q: Option<String>,
    pub archived: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextTask {
    pub title: String,
    pub due_on: String,
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingSummary {
    pub id: i32,
    pub held_on: String,
    /// "2025/05/20（火）".
    pub date_label: String,
    pub fiscal_year: String,
    pub time_label: String,
    pub title: String,
    /// The organising organisation, or the team.
    pub organiser: String,
    pub hosting: String,
    pub hosting_code: String,
    pub level: String,
    pub format: String,
    pub status: String,
    pub status_code: String,
    pub progress: Progress,
    pub overdue_tasks: u32,
    pub next_task: Option<NextTask>,
    pub participants: u32,
    pub active: bool,
}

/// Count and participants of one hosting type in the listed year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostingCount {
    pub hosting: String,
    pub count: u32,
    pub participants: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingList {
    pub items: Vec<TrainingSummary>,
    /// Whether this is the upcoming list (no fiscal year chosen).
    pub upcoming: bool,
    /// Per hosting type, for the listed trainings (cancelled ones not counted).
    pub by_hosting: Vec<HostingCount>,
    pub years: Vec<MatrixYear>,
    pub organisations: Vec<Ref>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportRow {
    pub kind: String,
    pub assignee: String,
    pub assignee_code: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskView {
    pub id: i32,
    pub training_id: i32,
    pub training_title: String,
    pub training_date: String,
    pub title: String,
    pub owner: Option<String>,
    pub due_on: Option<String>,
    pub overdue: bool,
    pub done: bool,
    pub version: i32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedMeeting {
    pub id: i32,
    /// "2025/04/10 件名".
    pub label: String,
    pub role: String,
    pub role_label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeView {
    /// (profession, count) with a count.
    pub participants: Vec<(String, u32)>,
    pub participants_other: u32,
    pub total: u32,
    pub respondents: Option<u32>,
    /// "82.0%" of participants, when both are known.
    pub response_rate: Option<String>,
    pub satisfaction: Satisfaction,
    pub comments: String,
    pub lessons: String,
    /// Whether anything was recorded yet.
    pub recorded: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingView {
    pub id: i32,
    pub input: TrainingInput,
    pub date_label: String,
    pub fiscal_year: String,
    pub time_label: String,
    pub hosting: String,
    pub level: String,
    pub level_number: i16,
    pub format: String,
    pub status: String,
    pub organiser: Option<Ref>,
    pub professions: Vec<Ref>,
    pub work_items: Vec<String>,
    pub support: Vec<SupportRow>,
    pub tasks: Vec<TaskView>,
    pub progress: Progress,
    pub meetings: Vec<LinkedMeeting>,
    pub outcome: OutcomeView,
    pub outcome_input: OutcomeInput,
    /// Every active profession, named, for the outcome form.
    pub all_professions: Vec<Ref>,
    pub active: bool,
    pub version: i32,
    pub updated_at: String,
}

/// What the training forms offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingChoices {
    pub professions: Vec<Ref>,
    pub organisations: Vec<Ref>,
    pub coordinators: Vec<Ref>,
    /// Active meetings, newest first, to link.
    pub meetings: Vec<Ref>,
}

/// The issues a training addresses, as far as the caller may see them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingIssues {
    /// Whether the caller may read any register (else nothing is shown).
    pub visible: bool,
    pub linked: Vec<Ref>,
    /// Visible issues not linked yet.
    pub choices: Vec<Ref>,
}

/// A training organised by an organisation, with the support the team gave it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportGiven {
    pub id: i32,
    pub fiscal_year: String,
    pub date: String,
    pub title: String,
    pub hosting: String,
    pub status: String,
    /// Kinds of support the team took (alone or jointly).
    pub team_support: Vec<String>,
}

#[server(prefix = "/api", endpoint = "trainings_list")]
pub async fn list_trainings(#[server(default)] query: TrainingQuery) -> Result<TrainingList, AppError> {
    crate::server::auth::authorize(Permission::ReadTrainings)?;
    crate::server::services::trainings::list(&crate::server::db()?, &query, crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "trainings_get")]
pub async fn get_training(id: i32) -> Result<TrainingView, AppError> {
    crate::server::auth::authorize(Permission::ReadTrainings)?;
    crate::server::services::trainings::get(&crate::server::db()?, id, crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "trainings_choices")]
pub async fn get_training_choices() -> Result<TrainingChoices, AppError> {
    crate::server::auth::authorize(Permission::WriteTrainings)?;
    crate::server::services::trainings::choices(&crate::server::db()?).await
}

#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "trainings_save")]
pub async fn save_training(
    id: Option<i32>,
    version: Option<i32>,
    title: String,
    theme: String,
    organiser: String,
    hosting: Option<String>,
    level: Option<String>,
    professions: Option<Vec<i32>>,
    held_on: String,
    start_time: String,
    end_time: String,
    venue: String,
    format: Option<String>,
    capacity: String,
    status: Option<String>,
    work_items: Option<Vec<String>>,
    support: Option<Vec<String>>,
    support_note: Option<Vec<String>>,
    /// New trainings: indexes of the standard tasks to create, and their edited rows.
    task_pick: Option<Vec<usize>>,
    task_title: Option<Vec<String>>,
    task_offset: Option<Vec<String>>,
    task_owner: Option<Vec<String>>,
) -> Result<(), AppError> {
    use crate::server::services::training_tasks::TemplateTask;
    let user = crate::server::auth::authorize(Permission::WriteTrainings)?;
    let support = support.unwrap_or_default();
    let notes = support_note.unwrap_or_default();
    let input = TrainingInput {
        title,
        theme,
        organiser,
        hosting: hosting.unwrap_or_default(),
        level: level.unwrap_or_default(),
        professions: professions.unwrap_or_default(),
        held_on,
        start_time,
        end_time,
        venue,
        format: format.unwrap_or_default(),
        capacity,
        status: status.unwrap_or_default(),
        work_items: work_items.unwrap_or_default(),
        support: support.iter().enumerate().map(|(i, a)| (a.clone(), notes.get(i).cloned().unwrap_or_default())).collect(),
    };
    let (titles, offsets, owners) = (task_title.unwrap_or_default(), task_offset.unwrap_or_default(), task_owner.unwrap_or_default());
    let tasks: Vec<TemplateTask> = task_pick
        .unwrap_or_default()
        .into_iter()
        .filter(|i| *i < titles.len())
        .map(|i| TemplateTask { title: titles[i].clone(), offset: offsets.get(i).cloned().unwrap_or_default(), owner: owners.get(i).cloned().unwrap_or_default() })
        .collect();
    let pairs = input.pairs();
    let saved = crate::server::transaction(move |txn| Box::pin(async move {
        let actor = (&user).into();
        let now = chrono::Utc::now();
        let saved = crate::server::services::trainings::save(txn, &actor, id, version, &input, now).await?;
        if id.is_none() {
            crate::server::services::training_tasks::add_from_template(txn, &actor, saved, Some(user.id), &tasks, now).await?;
        }
        Ok(saved)
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/trainings/{saved}?saved=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "trainings_set_active")]
pub async fn set_training_active(id: i32, version: i32, active: bool) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteTrainings)?;
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::trainings::set_active(txn, &(&user).into(), id, version, active, chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/trainings/{id}"));
    Ok(())
}

#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "trainings_save_outcome")]
pub async fn save_training_outcome(
    id: i32,
    version: i32,
    participant_profession: Option<Vec<i32>>,
    participant_count: Option<Vec<String>>,
    participants_other: String,
    respondents: String,
    satisfaction: Option<Vec<String>>,
    comments: String,
    lessons: String,
) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteTrainings)?;
    let counts = participant_count.unwrap_or_default();
    let s = satisfaction.unwrap_or_default();
    let input = OutcomeInput {
        participants: participant_profession.unwrap_or_default().into_iter().enumerate().map(|(i, p)| (p, counts.get(i).cloned().unwrap_or_default())).collect(),
        participants_other,
        respondents,
        satisfaction: std::array::from_fn(|i| s.get(i).cloned().unwrap_or_default()),
        comments,
        lessons,
    };
    let pairs = input.pairs();
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::trainings::save_outcome(txn, &(&user).into(), id, version, &input, chrono::Utc::now()).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/trainings/{id}?outcome=1#outcome"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "training_tasks_add")]
pub async fn add_training_task(training_id: i32, title: String, owner: String, due_on: String) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteTrainings)?;
    let input = crate::domain::meetings::FollowUpInput { action: title, owner, due_on };
    let pairs = input.pairs().into_iter().map(|(k, v)| (if k == "action" { "title".into() } else { k }, v)).collect();
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::training_tasks::add(txn, &(&user).into(), training_id, &input, chrono::Utc::now()).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/trainings/{training_id}?task=1#tasks"));
    Ok(())
}

/// Marks a task done or open again; `back` is where to return (a path on this site).
#[server(prefix = "/api", endpoint = "training_tasks_set_done")]
pub async fn set_training_task_done(id: i32, version: i32, done: bool, back: Option<String>) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteTrainings)?;
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::training_tasks::set_done(txn, &(&user).into(), id, version, done, chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect(&crate::server::auth::safe_next(back.as_deref()));
    Ok(())
}

/// Tasks of active trainings: open ones (default) or all.
#[server(prefix = "/api", endpoint = "training_tasks_list")]
pub async fn list_training_tasks(status: Option<String>) -> Result<Vec<TaskView>, AppError> {
    crate::server::auth::authorize(Permission::ReadTrainings)?;
    crate::server::services::training_tasks::list(&crate::server::db()?, status.as_deref() != Some("all"), crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "trainings_link_meeting")]
pub async fn link_training_meeting(training_id: i32, meeting: String, role: String) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteTrainings)?;
    let meeting_id: i32 = meeting.trim().parse().map_err(|_| AppError::field("meeting", "会議を選んでください。"))?;
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::training_links::link_meeting(txn, &(&user).into(), training_id, meeting_id, &role, chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/trainings/{training_id}#meetings"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "trainings_unlink_meeting")]
pub async fn unlink_training_meeting(training_id: i32, meeting_id: i32) -> Result<(), AppError> {
    let user = crate::server::auth::authorize(Permission::WriteTrainings)?;
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::training_links::unlink_meeting(txn, &(&user).into(), training_id, meeting_id, chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/trainings/{training_id}#meetings"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "trainings_issues")]
pub async fn get_training_issues(training_id: i32) -> Result<TrainingIssues, AppError> {
    crate::server::auth::authorize(Permission::ReadTrainings)?;
    let Some(scope) = crate::server::auth::optional_issue_scope().await? else {
        return Ok(TrainingIssues::default());
    };
    crate::server::services::training_links::issues(&crate::server::db()?, &scope, training_id).await
}

/// Links an issue the caller may write; `mark` ("second" ◆ / "joint" ◇, or empty) also
/// records that action on the issue, dated on the training day.
#[server(prefix = "/api", endpoint = "trainings_link_issue")]
pub async fn link_training_issue(training_id: i32, issue: String, mark: Option<String>) -> Result<(), AppError> {
    crate::server::auth::authorize(Permission::WriteTrainings)?;
    let user = crate::server::auth::authorize(Permission::WriteIssues)?;
    let issue_id: i32 = issue.trim().parse().map_err(|_| AppError::field("issue", "課題を選んでください。"))?;
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::training_links::link_issue(txn, &(&user).into(), training_id, issue_id, mark.as_deref().unwrap_or(""), chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/trainings/{training_id}#issues"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "trainings_unlink_issue")]
pub async fn unlink_training_issue(training_id: i32, issue_id: i32) -> Result<(), AppError> {
    crate::server::auth::authorize(Permission::WriteTrainings)?;
    let user = crate::server::auth::authorize(Permission::WriteIssues)?;
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::training_links::unlink_issue(txn, &(&user).into(), training_id, issue_id, chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/trainings/{training_id}#issues"));
    Ok(())
}

/// The trainings an organisation organised, with the support the team gave.
#[server(prefix = "/api", endpoint = "trainings_of_organisation")]
pub async fn get_support_given(organisation: i32) -> Result<Vec<SupportGiven>, AppError> {
    crate::server::auth::authorize(Permission::ReadTrainings)?;
    crate::server::services::trainings::support_given(&crate::server::db()?, organisation).await
}
