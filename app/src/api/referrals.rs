//! Referral slips (つながるパス): the team's and partners' lists, slip 1, its one-click
//! receipt. Every read goes through `ReferralAccess`; opening a slip is audited.

pub use crate::dto::referrals::*;
use crate::domain::referral_replies::ReplyInput;
use crate::domain::referrals::SlipInput;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn access() -> Result<(crate::dto::auth::SessionUser, crate::server::services::referrals::ReferralAccess), AppError> {
    let user = crate::server::auth::authorize(Permission::ReadReferrals)?;
    let access = crate::server::services::referrals::ReferralAccess::of(&user)?;
    Ok((user, access))
}

#[server(prefix = "/api", endpoint = "referrals_list")]
pub async fn list_referrals(#[server(default)] query: ReferralQuery) -> Result<ReferralList, AppError> {
    let (_, access) = access()?;
    crate::server::services::referrals::slips::list(&crate::server::db()?, &access, &query, crate::clock::today()).await
}

/// One slip with the person's details; `print`: for its print view. The opening is written
/// to the audit trail (閲覧 or 印刷).
#[server(prefix = "/api", endpoint = "referrals_get")]
pub async fn get_referral(id: i32, #[server(default)] print: bool) -> Result<ReferralView, AppError> {
    use crate::server::services::referrals::slips::{self, Opening};
    let (user, _) = access()?;
    let db = crate::server::db()?;
    let access = crate::server::services::referrals::ReferralAccess::of_account(&db, &user).await?;
    let keyring = crate::server::keyring()?;
    let opening = if print { Opening::Print } else { Opening::View { may_erase: user.can(Permission::ManageUsers) } };
    let issues = crate::server::auth::optional_issue_access().await?;
    let may_link = !print && user.can(Permission::WriteIssues);
    crate::server::transaction(move |txn| Box::pin(async move {
        let mut view = slips::open(txn, &keyring, &access, &(&user).into(), opening, id, crate::clock::today(), chrono::Utc::now()).await?;
        if let Some(issues) = issues.filter(|_| !print) {
            view.evidence = crate::server::services::referrals::evidence::of_slip(txn, &access, &issues, id, may_link).await?;
        }
        if !print && access.is_team() && user.can(Permission::ReadMeetings) {
            view.initiatives = Some(crate::server::services::initiatives::links::of_slip(txn, id, user.can(Permission::WriteMeetings)).await?);
        }
        Ok(view)
    }))
    .await
}

/// Links the slip to an issue of the register as evidence of a missing resource (the
/// team's, for those who may edit issues), or removes the link (`unlink`).
#[server(prefix = "/api", endpoint = "referrals_link_issue")]
pub async fn link_referral_issue(id: i32, issue: String, #[server(default)] unlink: bool) -> Result<(), AppError> {
    use crate::server::services::referrals::evidence;
    let (user, access) = access()?;
    let issues = crate::server::services::issues::access::IssueAccess::of(&crate::server::db()?, &user).await?;
    let issue = issue.trim().parse::<i32>().map_err(|_| AppError::field("issue", "結びつける課題を選んでください。"))?;
    crate::server::write(Permission::WriteIssues, move |txn, w| Box::pin(async move {
        match unlink {
            false => evidence::link(txn, &access, &issues, &w.actor, id, issue, w.now).await,
            true => evidence::unlink(txn, &access, &issues, &w.actor, id, issue, w.now).await,
        }
    }))
    .await?;
    leptos_axum::redirect(&format!("/referrals/{id}?{}=1#evidence", if unlink { "unlinked" } else { "linked" }));
    Ok(())
}

/// Adds the slip to an initiative (the team's, for those who keep initiatives), or removes it
/// (`unlink`).
#[server(prefix = "/api", endpoint = "referrals_link_initiative")]
pub async fn link_referral_initiative(id: i32, initiative: String, #[server(default)] unlink: bool) -> Result<(), AppError> {
    use crate::server::services::initiatives::links;
    let (_, access) = access()?;
    if !access.is_team() {
        return Err(AppError::Forbidden);
    }
    let initiative = initiative.trim().parse::<i32>().map_err(|_| AppError::field("initiative", "取組を選んでください。"))?;
    crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move {
        access.find(txn, id).await?;
        // Only an initiative still offered (not archived) is joined.
        if !unlink && !links::choices(txn).await?.iter().any(|c| c.id == initiative) {
            return Err(AppError::field("initiative", "取組を選び直してください。"));
        }
        match unlink {
            false => links::link(txn, &w.actor, initiative, links::Kind::Referral, id, w.now).await,
            true => links::unlink(txn, &w.actor, initiative, links::Kind::Referral, id, w.now).await,
        }
    }))
    .await?;
    leptos_axum::redirect(&format!("/referrals/{id}?{}=1#initiatives", if unlink { "initiative_removed" } else { "initiative_added" }));
    Ok(())
}

#[server(prefix = "/api", endpoint = "referrals_choices")]
pub async fn get_referral_choices() -> Result<ReferralChoices, AppError> {
    let (_, access) = access()?;
    crate::server::services::referrals::slips::choices(&crate::server::db()?, &access).await
}

/// Sends slip 1; to its page.
#[server(prefix = "/api", endpoint = "referrals_send")]
pub async fn send_referral(#[server(flatten)] input: SlipInput, topics: Option<Vec<String>>) -> Result<(), AppError> {
    let input = SlipInput { topics: topics.unwrap_or_default(), ..input };
    let pairs = input.pairs();
    let (_, access) = access()?;
    let state = crate::server::state()?;
    let keyring = crate::server::keyring()?;
    let id = crate::server::write(Permission::WriteReferrals, move |txn, w| Box::pin(async move {
        crate::server::services::referrals::slips::send(txn, &keyring, &access, &w.actor, &input, state.referral_reply_days, crate::clock::today(), w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/referrals/{id}?sent=1"));
    Ok(())
}

/// The receiver's one click: 受付.
#[server(prefix = "/api", endpoint = "referrals_receive")]
pub async fn receive_referral(id: i32, version: i32) -> Result<(), AppError> {
    let (_, access) = access()?;
    crate::server::write(Permission::WriteReferrals, move |txn, w| Box::pin(async move {
        crate::server::services::referrals::slips::receive(txn, &access, &w.actor, id, version, crate::clock::today(), w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/referrals/{id}?received=1"));
    Ok(())
}

/// Slip 2: the receiver's reply (the team relays a paper one).
#[server(prefix = "/api", endpoint = "referrals_reply")]
pub async fn reply_referral(
    id: i32,
    version: i32,
    #[server(flatten)] input: ReplyInput,
    agencies_now: Option<Vec<String>>,
    agencies_planned: Option<Vec<String>>,
    resources: Option<Vec<String>>,
) -> Result<(), AppError> {
    let input = ReplyInput { agencies_now: agencies_now.unwrap_or_default(), agencies_planned: agencies_planned.unwrap_or_default(), resources: resources.unwrap_or_default(), ..input };
    let pairs = input.pairs();
    let (_, access) = access()?;
    let keyring = crate::server::keyring()?;
    crate::server::write(Permission::WriteReferrals, move |txn, w| Box::pin(async move {
        crate::server::services::referrals::replies::reply(txn, &keyring, &access, &w.actor, id, version, &input, crate::clock::today(), w.now).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/referrals/{id}?replied=1"));
    Ok(())
}

/// An administrator erases one slip's personal fields at the person's request (the box that
/// confirms it must be ticked).
#[server(prefix = "/api", endpoint = "referrals_erase")]
pub async fn erase_referral_person(id: i32, confirm: Option<String>) -> Result<(), AppError> {
    let (_, _access) = access()?;
    crate::server::auth::authorize(Permission::ManageUsers)?;
    if confirm.as_deref() != Some("on") {
        return Err(AppError::field("confirm", "消去してよいことを確認し、チェックを入れてください。"));
    }
    crate::server::write(Permission::ManageUsers, move |txn, w| Box::pin(async move {
        crate::server::services::referrals::retention::erase_on_request(txn, &w.actor, id, w.now).await
    }))
    .await?;
    leptos_axum::redirect(&format!("/referrals/{id}?erased=1"));
    Ok(())
}

/// The year's evaluation (the team's; `fy` defaults to the current fiscal year).
#[server(prefix = "/api", endpoint = "referrals_evaluation")]
pub async fn get_referral_evaluation(fy: Option<i32>) -> Result<ReferralEvaluation, AppError> {
    let (_, access) = access()?;
    let fy = match fy {
        Some(y) => crate::domain::FiscalYear::checked(y).map_err(|m| AppError::field("fy", m))?,
        None => crate::domain::FiscalYear::of(crate::clock::today()),
    };
    crate::server::services::referrals::evaluation::build(&crate::server::db()?, &access, fy, crate::clock::today()).await
}
