//! The document shell and the routes.

use crate::components::layout::Layout;
use crate::pages;
use crate::pages::consultations as cs;
use crate::pages::directory as dir;
use crate::pages::issues as is;
use crate::pages::meetings as mt;
use crate::pages::trainings as tr;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::security::set_document_csp();
    view! {
        <!DOCTYPE html>
        <html lang="ja">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The style sheet's URL: with hashed build output (release builds) its name carries the
/// hash that `hash.txt` beside the server binary records.
fn stylesheet_href() -> String {
    #[cfg(feature = "ssr")]
    {
        crate::server::assets::stylesheet_href()
    }
    #[cfg(not(feature = "ssr"))]
    {
        "/pkg/renkei.css".to_string()
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="main" href=stylesheet_href() />
        <Title formatter=|page: String| {
            if page.is_empty() { "Renkei 連携".to_string() } else { format!("{page} | Renkei 連携") }
        } />
        <Router>
            <Layout>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=pages::login::LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/login/code") view=pages::login_code::LoginCodePage ssr=SsrMode::Async />
                    <Route path=path!("/setup") view=pages::setup::SetupPage ssr=SsrMode::Async />
                    <Route path=path!("/account") view=pages::account::AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/account/two-factor") view=pages::account_two_factor::TwoFactorPage ssr=SsrMode::Async />
                    <Route path=path!("/tools/fiscal-year") view=pages::fiscal_year::FiscalYearPage ssr=SsrMode::Async />
                    <Route path=path!("/about") view=pages::about::AboutPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/users") view=pages::admin_users::UsersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/users/:id") view=pages::admin_users::UserEditPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=pages::admin_audit::AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/directory/professions") view=dir::professions::ProfessionsPage ssr=SsrMode::Async />
                    <Route path=path!("/directory/professions/:id") view=dir::professions::ProfessionEditPage ssr=SsrMode::Async />
                    <Route path=path!("/directory/organisations") view=dir::organisations::OrganisationsPage ssr=SsrMode::Async />
                    <Route path=path!("/directory/organisations/new") view=|| view! { <dir::organisations::OrganisationFormPage /> } ssr=SsrMode::Async />
                    <Route path=path!("/directory/organisations/import") view=dir::import::OrganisationImportPage ssr=SsrMode::Async />
                    <Route path=path!("/directory/organisations/import/:id") view=dir::import::OrganisationImportPreviewPage ssr=SsrMode::Async />
                    <Route path=path!("/directory/organisations/:id") view=dir::organisations::OrganisationPage ssr=SsrMode::Async />
                    <Route path=path!("/directory/organisations/:id/edit") view=|| view! { <dir::organisations::OrganisationFormPage edit=true /> } ssr=SsrMode::Async />
                    <Route path=path!("/directory/organisations/:id/delete") view=dir::organisations::OrganisationDeletePage ssr=SsrMode::Async />
                    <Route path=path!("/directory/people") view=dir::people::PeoplePage ssr=SsrMode::Async />
                    <Route path=path!("/directory/people/new") view=|| view! { <dir::people::PersonFormPage /> } ssr=SsrMode::Async />
                    <Route path=path!("/directory/people/import") view=dir::import::PersonImportPage ssr=SsrMode::Async />
                    <Route path=path!("/directory/people/import/:id") view=dir::import::PersonImportPreviewPage ssr=SsrMode::Async />
                    <Route path=path!("/directory/people/:id") view=dir::people::PersonPage ssr=SsrMode::Async />
                    <Route path=path!("/directory/people/:id/edit") view=|| view! { <dir::people::PersonFormPage edit=true /> } ssr=SsrMode::Async />
                    <Route path=path!("/directory/people/:id/delete") view=dir::people::PersonDeletePage ssr=SsrMode::Async />
                    <Route path=path!("/meetings") view=mt::list::MeetingsPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/new") view=|| view! { <mt::form::MeetingFormPage /> } ssr=SsrMode::Async />
                    <Route path=path!("/meetings/calendar") view=mt::calendar::CalendarPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/timeline") view=mt::timeline::TimelinePage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/timeline/:id") view=mt::timeline::ProfessionTimelinePage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/follow-ups") view=mt::follow_ups::FollowUpsPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/follow-ups/:id") view=mt::follow_up_edit::FollowUpEditPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/follow-ups/:id/delete") view=mt::follow_up_edit::FollowUpDeletePage ssr=SsrMode::Async />
                    <Route path=path!("/attachments/:id/delete") view=pages::attachment_delete::AttachmentDeletePage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/kinds") view=mt::kinds::MeetingKindsPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/import") view=mt::import::MeetingImportPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/import/:id") view=mt::import::MeetingImportPreviewPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/:id") view=mt::detail::MeetingPage ssr=SsrMode::Async />
                    <Route path=path!("/meetings/:id/edit") view=|| view! { <mt::form::MeetingFormPage edit=true /> } ssr=SsrMode::Async />
                    <Route path=path!("/trainings") view=tr::list::TrainingsPage ssr=SsrMode::Async />
                    <Route path=path!("/trainings/new") view=|| view! { <tr::form::TrainingFormPage /> } ssr=SsrMode::Async />
                    <Route path=path!("/trainings/tasks") view=tr::tasks::TrainingTasksPage ssr=SsrMode::Async />
                    <Route path=path!("/trainings/tasks/:id") view=tr::task_edit::TaskEditPage ssr=SsrMode::Async />
                    <Route path=path!("/trainings/tasks/:id/delete") view=tr::task_edit::TaskDeletePage ssr=SsrMode::Async />
                    <Route path=path!("/trainings/:id") view=tr::detail::TrainingPage ssr=SsrMode::Async />
                    <Route path=path!("/trainings/:id/edit") view=|| view! { <tr::form::TrainingFormPage edit=true /> } ssr=SsrMode::Async />
                    <Route path=path!("/trainings/:id/outcome") view=tr::outcome::OutcomeFormPage ssr=SsrMode::Async />
                    <Route path=path!("/trainings/:id/support") view=tr::support::SupportPlanPage ssr=SsrMode::Async />
                    <Route path=path!("/issues") view=is::overview::IssuesOverviewPage ssr=SsrMode::Async />
                    <Route path=path!("/issues/new") view=|| view! { <is::form::IssueFormPage /> } ssr=SsrMode::Async />
                    <Route path=path!("/issues/routing") view=is::routing::RoutingPage ssr=SsrMode::Async />
                    <Route path=path!("/issues/register/:id") view=is::register::RegisterPage ssr=SsrMode::Async />
                    <Route path=path!("/issues/register/:id/matrix") view=is::matrix::MatrixPage ssr=SsrMode::Async />
                    <Route path=path!("/issues/:id") view=is::detail::IssuePage ssr=SsrMode::Async />
                    <Route path=path!("/issues/:id/edit") view=|| view! { <is::form::IssueFormPage edit=true /> } ssr=SsrMode::Async />
                    <Route path=path!("/consultations") view=cs::list::ConsultationsPage ssr=SsrMode::Async />
                    <Route path=path!("/consultations/new") view=|| view! { <cs::form::ConsultationFormPage /> } ssr=SsrMode::Async />
                    <Route path=path!("/consultations/trends") view=cs::trends::TrendsPage ssr=SsrMode::Async />
                    <Route path=path!("/consultations/trends/:fy") view=cs::trends::BreakdownsPage ssr=SsrMode::Async />
                    <Route path=path!("/consultations/import") view=cs::import::ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/consultations/import/:id") view=cs::import::ImportPreviewPage ssr=SsrMode::Async />
                    <Route path=path!("/consultations/:id") view=cs::detail::ConsultationPage ssr=SsrMode::Async />
                    <Route path=path!("/consultations/:id/edit") view=|| view! { <cs::form::ConsultationFormPage edit=true /> } ssr=SsrMode::Async />
                    <Route path=path!("/report") view=pages::report::ReportPage ssr=SsrMode::Async />
                    <Route path=path!("/reports/period") view=pages::report_period::PeriodReportPage ssr=SsrMode::Async />
                    <Route path=path!("/handover") view=pages::handover::HandoverPage ssr=SsrMode::Async />
                    <Route path=path!("/search") view=pages::search::SearchPage ssr=SsrMode::Async />
                    <Route path=path!("/newsletters") view=pages::newsletters::list::NewslettersPage ssr=SsrMode::Async />
                    <Route path=path!("/newsletters/:id") view=pages::newsletters::detail::NewsletterPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/consultation-categories") view=cs::categories::CategoriesPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/resource-lists") view=pages::resources::lists::ResourceListsPage ssr=SsrMode::Async />
                    <Route path=path!("/resources") view=pages::resources::list::ResourcesPage ssr=SsrMode::Async />
                    <Route path=path!("/resources/new") view=|| view! { <pages::resources::form::ResourceFormPage /> } ssr=SsrMode::Async />
                    <Route path=path!("/resources/confirm") view=pages::resources::confirm::ConfirmRoundPage ssr=SsrMode::Async />
                    <Route path=path!("/resources/import") view=pages::resources::import::ResourceImportPage ssr=SsrMode::Async />
                    <Route path=path!("/resources/import/:id") view=pages::resources::import::ResourceImportPreviewPage ssr=SsrMode::Async />
                    <Route path=path!("/resources/:id") view=pages::resources::detail::ResourcePage ssr=SsrMode::Async />
                    <Route path=path!("/resources/:id/edit") view=|| view! { <pages::resources::form::ResourceFormPage edit=true /> } ssr=SsrMode::Async />
                    <Route path=path!("/initiatives") view=pages::initiatives::list::InitiativesPage ssr=SsrMode::Async />
                    <Route path=path!("/initiatives/new") view=|| view! { <pages::initiatives::form::InitiativeFormPage /> } ssr=SsrMode::Async />
                    <Route path=path!("/initiatives/:id") view=pages::initiatives::detail::InitiativePage ssr=SsrMode::Async />
                    <Route path=path!("/initiatives/:id/edit") view=|| view! { <pages::initiatives::form::InitiativeFormPage edit=true /> } ssr=SsrMode::Async />
                    <Route path=path!("/initiatives/:id/trail") view=pages::initiatives::trail::InitiativeTrailPage ssr=SsrMode::Async />
                    <Route path=path!("/plan") view=pages::plan::year::PlanPage ssr=SsrMode::Async />
                    <Route path=path!("/plan/edit") view=pages::plan::edit::PlanEditPage ssr=SsrMode::Async />
                    <Route path=path!("/referrals") view=pages::referrals::list::ReferralsPage ssr=SsrMode::Async />
                    <Route path=path!("/referrals/new") view=pages::referrals::form::ReferralFormPage ssr=SsrMode::Async />
                    <Route path=path!("/referrals/evaluation") view=pages::referrals::evaluation::ReferralEvaluationPage ssr=SsrMode::Async />
                    <Route path=path!("/referrals/pathways") view=pages::referrals::pathways::ReferralPathwaysPage ssr=SsrMode::Async />
                    <Route path=path!("/referrals/:id") view=pages::referrals::detail::ReferralPage ssr=SsrMode::Async />
                    <Route path=path!("/referrals/:id/print") view=pages::referrals::detail::ReferralPrintPage ssr=SsrMode::Async />
                    <Route path=path!("/public/resources") view=pages::public::list::PublicResourcesPage ssr=SsrMode::Async />
                    <Route path=path!("/public/resources/booklet") view=pages::public::booklet::BookletPage ssr=SsrMode::Async />
                    <Route path=path!("/public/resources/medical") view=pages::public::medical::PublicFacilitiesPage ssr=SsrMode::Async />
                    <Route path=path!("/public/resources/map") view=pages::public::map::PublicMapPage ssr=SsrMode::Async />
                    <Route path=path!("/public/resources/:id") view=pages::public::detail::PublicResourcePage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
