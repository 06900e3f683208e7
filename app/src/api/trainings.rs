//! Trainings (研修): the record with its role split, tasks, linked meetings and issues, and
//! its outcome. Everyone reads them; coordinators write. Linked issues follow the issue
//! register's confidentiality.

pub use crate::dto::trainings::*;
#[cfg(feature = "ssr")]
use crate::domain::trainings::{OutcomeInput, TrainingInput};
#[cfg(feature = "ssr")]
use crate::domain::Permission;
#[cfg(feature = "ssr")]
use crate::server::services::issues::access::IssueAccess;
use crate::error::AppError;
use leptos::prelude::*;

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
    /// Why the level rule does not fit; older forms do not send it.
    level_reason: Option<String>,
    support: Option<Vec<String>>,
    support_note: Option<Vec<String>>,
    scenes: Option<Vec<String>>,
    initiatives: Option<Vec<i32>>,
    /// Present when the form offered the initiatives: the ids ticked when it was drawn.
    initiatives_offered: Option<String>,
    /// New trainings: indexes of the standard tasks to create, and their edited rows (an
    /// owner "auto" is resolved from the hosting and the row's standard task).
    task_pick: Option<Vec<usize>>,
    task_title: Option<Vec<String>>,
    task_offset: Option<Vec<String>>,
    task_owner: Option<Vec<String>>,
) -> Result<(), AppError> {
    use crate::server::services::trainings::tasks::TemplateTask;
    let support = support.unwrap_or_default();
    let notes = support_note.unwrap_or_default();
    let tags = crate::domain::initiatives::InitiativeTags::from_form(id.is_some(), initiatives_offered.as_deref(), initiatives);
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
        level_reason: level_reason.unwrap_or_default(),
        support: support.iter().enumerate().map(|(i, a)| (a.clone(), notes.get(i).cloned().unwrap_or_default())).collect(),
        scenes: scenes.unwrap_or_default(),
        initiatives: tags.wanted,
        initiatives_before: tags.before,
    };
    let (titles, offsets, owners) = (task_title.unwrap_or_default(), task_offset.unwrap_or_default(), task_owner.unwrap_or_default());
    let tasks: Vec<TemplateTask> = task_pick
        .unwrap_or_default()
        .into_iter()
        .filter(|i| *i < titles.len())
        .map(|i| TemplateTask {
            title: titles[i].clone(),
            offset: offsets.get(i).cloned().unwrap_or_default(),
            owner: owners.get(i).cloned().unwrap_or_default(),
            index: Some(i),
        })
        .collect();
    let pairs = input.pairs();
    let saved = crate::server::write(Permission::WriteTrainings, move |txn, w| Box::pin(async move {
        let actor = (&w.user).into();
        let now = w.now;
        let saved = crate::server::services::trainings::save(txn, &actor, id, version, &input, now).await?;
        if id.is_none() {
            crate::server::services::trainings::tasks::add_from_template(txn, &actor, saved, Some(w.user.id), &tasks, now).await?;
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
    crate::server::write(Permission::WriteTrainings, move |txn, w| Box::pin(async move {
        crate::server::services::trainings::set_active(txn, &w.actor, id, version, active, w.now).await
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
    crate::server::write(Permission::WriteTrainings, move |txn, w| Box::pin(async move {
        crate::server::services::trainings::save_outcome(txn, &w.actor, id, version, &input, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/trainings/{id}?outcome=1#outcome"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "training_tasks_add")]
pub async fn add_training_task(training_id: i32, title: String, owner: String, due_on: String) -> Result<(), AppError> {
    use crate::server::services::{shared::checklist, trainings::tasks::Tasks};
    let input = crate::domain::checklist::ChecklistInput { text: title, owner, due_on };
    let pairs = input.pairs("title");
    crate::server::write(Permission::WriteTrainings, move |txn, w| Box::pin(async move {
        checklist::add::<Tasks>(txn, &w.actor, training_id, &input, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/trainings/{training_id}?task=1#tasks"));
    Ok(())
}

/// Marks a task done or open again; `back` is where to return (a path on this site).
#[server(prefix = "/api", endpoint = "training_tasks_set_done")]
pub async fn set_training_task_done(id: i32, version: i32, done: bool, back: Option<String>) -> Result<(), AppError> {
    use crate::server::services::{shared::checklist, trainings::tasks::Tasks};
    crate::server::write(Permission::WriteTrainings, move |txn, w| Box::pin(async move {
        checklist::set_done::<Tasks>(txn, &w.actor, id, version, done, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&crate::server::auth::safe_next(back.as_deref()));
    Ok(())
}

/// Tasks of active, not cancelled trainings: `status` "open" (default) or "all"; `owner`
/// "u:3" / "o:5".
#[server(prefix = "/api", endpoint = "training_tasks_list")]
pub async fn list_training_tasks(owner: Option<String>, status: Option<String>) -> Result<ChecklistList, AppError> {
    use crate::server::services::{shared::checklist, trainings::tasks::Tasks};
    crate::server::auth::authorize(Permission::ReadTrainings)?;
    checklist::list::<Tasks>(&crate::server::db()?, owner.as_deref(), status.as_deref() != Some("all"), crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "trainings_link_meeting")]
pub async fn link_training_meeting(training_id: i32, meeting: String, role: String) -> Result<(), AppError> {
    let meeting_id: i32 = meeting.trim().parse().map_err(|_| AppError::field("meeting", "会議を選んでください。"))?;
    crate::server::write(Permission::WriteTrainings, move |txn, w| Box::pin(async move {
        crate::server::services::trainings::links::link_meeting(txn, &w.actor, training_id, meeting_id, &role, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/trainings/{training_id}#meetings"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "trainings_unlink_meeting")]
pub async fn unlink_training_meeting(training_id: i32, meeting_id: i32) -> Result<(), AppError> {
    crate::server::write(Permission::WriteTrainings, move |txn, w| Box::pin(async move {
        crate::server::services::trainings::links::unlink_meeting(txn, &w.actor, training_id, meeting_id, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/trainings/{training_id}#meetings"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "trainings_issues")]
pub async fn get_training_issues(training_id: i32) -> Result<TrainingIssues, AppError> {
    crate::server::auth::authorize(Permission::ReadTrainings)?;
    let Some(access) = crate::server::auth::optional_issue_access().await? else {
        return Ok(TrainingIssues::default());
    };
    crate::server::services::trainings::links::issues(&crate::server::db()?, &access, training_id).await
}

/// Links an issue the caller may write; `mark` ("second" ◆ / "joint" ◇, or empty) also
/// records that action on the issue, dated on the training day.
#[server(prefix = "/api", endpoint = "trainings_link_issue")]
pub async fn link_training_issue(training_id: i32, issue: String, mark: Option<String>) -> Result<(), AppError> {
    crate::server::auth::authorize(Permission::WriteTrainings)?;
    let issue_id: i32 = issue.trim().parse().map_err(|_| AppError::field("issue", "課題を選んでください。"))?;
    crate::server::write(Permission::WriteIssues, move |txn, w| Box::pin(async move {
        let access = IssueAccess::of(txn, &w.user).await?;
        crate::server::services::trainings::links::link_issue(txn, &access, &w.actor, training_id, issue_id, mark.as_deref().unwrap_or(""), w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/trainings/{training_id}#issues"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "trainings_unlink_issue")]
pub async fn unlink_training_issue(training_id: i32, issue_id: i32) -> Result<(), AppError> {
    crate::server::auth::authorize(Permission::WriteTrainings)?;
    crate::server::write(Permission::WriteIssues, move |txn, w| Box::pin(async move {
        let access = IssueAccess::of(txn, &w.user).await?;
        crate::server::services::trainings::links::unlink_issue(txn, &access, &w.actor, training_id, issue_id, w.now).await
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
