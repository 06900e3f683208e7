//! The confidential issue register: view types and server functions. Every function reads
//! through the caller's `IssueAccess`: an issue outside it answers exactly like a missing one.

pub use crate::dto::issues::*;
use crate::api::directory::Ref;
#[cfg(feature = "ssr")]
use crate::domain::issues::ActionInput;
use crate::domain::issues::IssueInput;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
#[cfg(feature = "ssr")]
use crate::server::services::issues::access::IssueAccess;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "issues_overview")]
pub async fn get_issue_overview() -> Result<Vec<RegisterSummary>, AppError> {
    let (_, access) = crate::server::auth::issue_access().await?;
    crate::server::services::issues::board::overview(&crate::server::db()?, &access).await
}

#[server(prefix = "/api", endpoint = "issues_register")]
pub async fn get_register(profession: i32, #[server(default)] filter: IssueFilter) -> Result<Register, AppError> {
    let (_, access) = crate::server::auth::issue_access().await?;
    crate::server::services::issues::register::register(&crate::server::db()?, &access, profession, &filter).await
}

#[server(prefix = "/api", endpoint = "issues_get")]
pub async fn get_issue(id: i32) -> Result<IssueView, AppError> {
    let (user, access) = crate::server::auth::issue_access().await?;
    let db = crate::server::db()?;
    let mut view = crate::server::services::issues::register::get(&db, &access, id).await?;
    if user.can(Permission::ReadReferrals) {
        let referrals = crate::server::services::referrals::ReferralAccess::of(&user)?;
        view.referrals = crate::server::services::referrals::evidence::slips_of_issue(&db, &referrals, id).await?;
    }
    Ok(view)
}

#[server(prefix = "/api", endpoint = "issues_choices")]
pub async fn get_issue_choices() -> Result<IssueChoices, AppError> {
    let user = crate::server::auth::authorize(Permission::WriteIssues)?;
    let db = crate::server::db()?;
    let mut choices = crate::server::services::issues::register::choices(&db).await?;
    if user.can(Permission::WriteMeetings) {
        choices.initiatives = crate::server::services::initiatives::links::choices(&db).await?;
    }
    Ok(choices)
}

#[server(prefix = "/api", endpoint = "issues_save")]
pub async fn save_issue(
    id: Option<i32>,
    version: Option<i32>,
    #[server(flatten)] input: IssueInput,
    scenes: Option<Vec<String>>,
    initiatives: Option<Vec<i32>>,
    /// Present when the form offered the initiatives: the ids ticked when it was drawn.
    initiatives_offered: Option<String>,
) -> Result<(), AppError> {
    use crate::server::services::initiatives::links;
    let input = IssueInput { scenes: scenes.unwrap_or_default(), ..input };
    let tags = crate::domain::initiatives::InitiativeTags::from_form(id.is_some(), initiatives_offered.as_deref(), initiatives);
    let mut pairs = input.pairs();
    pairs.push(tags.pair());
    let saved = crate::server::write(Permission::WriteIssues, move |txn, w| Box::pin(async move {
        let access = IssueAccess::of(txn, &w.user).await?;
        let saved = crate::server::services::issues::register::save(txn, &access, &w.actor, id, version, &input, crate::clock::today(), w.now).await?;
        // Only those who keep initiatives are offered them.
        if w.user.can(Permission::WriteMeetings) {
            links::apply(txn, &w.actor, links::Kind::Issue, saved, tags.wanted.as_deref(), &tags.before, w.now).await?;
        }
        Ok(saved)
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/issues/{saved}?saved=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "issues_add_action")]
pub async fn add_issue_action(issue_id: i32, acted_on: String, mark: String, description: String, meeting: String) -> Result<(), AppError> {
    let input = ActionInput { acted_on, mark, description, meeting };
    let pairs = input.pairs();
    crate::server::write(Permission::WriteIssues, move |txn, w| Box::pin(async move {
        let access = IssueAccess::of(txn, &w.user).await?;
        crate::server::services::issues::actions::add(txn, &access, &w.actor, issue_id, &input, w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/issues/{issue_id}?action=1#actions"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "issues_delete_action")]
pub async fn delete_issue_action(id: i32) -> Result<(), AppError> {
    let issue_id = crate::server::write(Permission::WriteIssues, move |txn, w| Box::pin(async move {
        let access = IssueAccess::of(txn, &w.user).await?;
        crate::server::services::issues::actions::delete(txn, &access, &w.actor, id, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/issues/{issue_id}?deleted=1#actions"));
    Ok(())
}

/// The matrix of one profession; `from`/`to` are Western fiscal years (default: all years).
#[server(prefix = "/api", endpoint = "issues_matrix")]
pub async fn get_issue_matrix(profession: i32, from: Option<i32>, to: Option<i32>) -> Result<IssueMatrix, AppError> {
    let (_, access) = crate::server::auth::issue_access().await?;
    crate::server::services::issues::matrix::matrix(&crate::server::db()?, &access, profession, from, to, crate::clock::today()).await
}

#[server(prefix = "/api", endpoint = "issues_routing")]
pub async fn get_routing_board() -> Result<RoutingBoard, AppError> {
    let (_, access) = crate::server::auth::issue_access().await?;
    crate::server::services::issues::board::routing(&crate::server::db()?, &access).await
}

/// Issues raised and actions taken in a meeting; empty for those who may see no register.
#[server(prefix = "/api", endpoint = "issues_of_meeting")]
pub async fn get_meeting_issues(meeting_id: i32) -> Result<MeetingIssues, AppError> {
    crate::server::auth::authorize(Permission::ReadMeetings)?;
    let Some(access) = crate::server::auth::optional_issue_access().await? else {
        return Ok(MeetingIssues::default());
    };
    crate::server::services::issues::board::of_meeting(&crate::server::db()?, &access, meeting_id).await
}

/// The professions whose registers a user may read (administrators only).
#[server(prefix = "/api", endpoint = "issues_grants")]
pub async fn get_issue_grants(user_id: i32) -> Result<(Vec<Ref>, Vec<i32>), AppError> {
    crate::server::auth::authorize(Permission::ManageUsers)?;
    let db = crate::server::db()?;
    let professions = crate::server::services::directory::choices(&db).await?.professions;
    Ok((professions, crate::server::services::issues::grants::of_user(&db, user_id).await?))
}

#[server(prefix = "/api", endpoint = "issues_set_grants")]
pub async fn set_issue_grants(user_id: i32, professions: Option<Vec<i32>>) -> Result<(), AppError> {
    let admin = crate::server::auth::authorize(Permission::ManageUsers)?;
    crate::server::transaction(move |txn| Box::pin(async move {
        crate::server::services::issues::grants::set(txn, &(&admin).into(), user_id, &professions.unwrap_or_default(), chrono::Utc::now()).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/admin/users/{user_id}?grants=1"));
    Ok(())
}
