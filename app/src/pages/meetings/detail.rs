//! One meeting, printable on A4 as the minutes handed out (its confidential issues only when
//! the reader asks for them); its follow-ups.

use super::LevelBadge;
use crate::api::attachments::{list_attachments, AttachmentView};
use crate::api::issues::{get_meeting_issues, MeetingIssues};
use crate::components::attachments::Attachments;
use crate::domain::attachments::RecordKind;
use crate::api::meetings::{get_meeting, get_meeting_filters, AddFollowUp, MeetingChoices, MeetingView, SetFollowUpDone, SetMeetingActive};
use crate::components::tags::InitiativeLinks;
use crate::api::checklists::BulkFollowUps;
use crate::components::checklist::{Checklist, ChecklistBulk, ChecklistItem, ChecklistLabels};
use crate::components::session::use_user;
use crate::components::record_actions::{ArchiveToggle, DoneToggle};
use crate::components::error_view::ErrorMessage;
use crate::components::form::{FormErrors, FormMessage, SelectField, TextField};
use crate::components::nav::{use_id_param, use_notice, Notice};
use crate::components::print_choice::{ConfidentialPrintMark, PrintConfidentialChoice};
use crate::components::session::use_can;
use crate::domain::meetings::{time_range, WORK_ITEMS};
use crate::domain::Permission;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;

mod t {
    pub use crate::components::words::LOADING;
    pub const BACK: &str = "会議の一覧へ戻る";
    pub use crate::components::words::EDIT;
    pub const START_INITIATIVE: &str = "この会議から取組を作る";
    pub const DUPLICATE: &str = "複製して次回を記録";
    pub use crate::components::words::PRINT;
    pub use crate::components::words::ARCHIVED;
    pub const DATE: &str = "開催日";
    pub const FY: &str = "年度";
    pub const TIME: &str = "時間";
    pub const LEVEL: &str = "段階";
    pub const KIND: &str = "種類";
    pub const PLACE: &str = "場所";
    pub const ONLINE: &str = "オンライン";
    pub const PROFESSIONS: &str = "職種";
    pub const ORGANISATIONS: &str = "機関・団体";
    pub const ATTENDEES: &str = "出席者";
    pub const COORDINATORS: &str = "コーディネーター";
    pub const WORK_ITEMS: &str = "事業項目";
    pub const LEVEL_REASON: &str = "段階についての補足";
    pub const TRAININGS: &str = "関連する研修";
    pub const SCENES: &str = "4つの場面";
    pub const PURPOSE: &str = "目的";
    pub const MINUTES: &str = "議事録";
    pub const DECISIONS: &str = "決定事項";
    pub const NO_MINUTES: &str = "議事録はまだありません。";
    pub const FOLLOW_UPS: &str = "フォローアップ";
    pub const NO_FOLLOW_UPS: &str = "フォローアップはありません。";
    pub const ACTION: &str = "対応内容";
    pub const OWNER: &str = "担当";
    pub const DUE: &str = "期限";
    pub use crate::components::words::ADD;
    pub const MEETING: &str = "会議";
    pub const NO_OWNER: &str = "（未定）";
    pub use crate::components::words::UPDATED;
    pub const KEY_PERSON: &str = "キーパーソン";
    pub const ISSUES: &str = "この会議の課題";
    pub use crate::components::words::CONFIDENTIAL;
    pub const ADD_ISSUE: &str = "課題を追加";
    pub const RAISED: &str = "この会議で抽出した課題";
    pub const ACTIONS: &str = "この会議での取組";
    pub const NONE: &str = "ありません。";
    pub const NOTICES: &[(&str, &str)] = &[("saved", "保存しました。"), ("follow_up", "フォローアップを追加しました。"), ("follow_up_saved", "フォローアップを保存しました。"), ("follow_up_deleted", "フォローアップを削除しました。")];
}

#[component]
pub fn MeetingPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let set_active = ServerAction::<SetMeetingActive>::new();
    let add = ServerAction::<AddFollowUp>::new();
    let set_done = ServerAction::<SetFollowUpDone>::new();
    let can_write = use_can(Permission::WriteMeetings).get_untracked();
    let notice = use_notice(t::NOTICES);
    let active_errors = FormErrors::of(set_active);
    let done_errors = FormErrors::of(set_done);
    view! {
        <p class="no-print"><a href="/meetings">{t::BACK}</a></p>
        <Notice notice />
        <FormMessage errors=active_errors />
        <FormMessage errors=done_errors />
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                match get_meeting(id).await {
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    Ok(m) => {
                        // Loaded here, in the page's one suspend, not in nested suspends of their own.
                        let issues = get_meeting_issues(m.id).await.ok();
                        let choices = if can_write { get_meeting_filters().await.ok() } else { None };
                        let attachments = list_attachments(RecordKind::Meeting.code().to_string(), m.id).await.ok();
                        view! { <MeetingDetail m can_write set_active add set_done issues choices attachments /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn MeetingDetail(
    m: MeetingView,
    can_write: bool,
    set_active: ServerAction<SetMeetingActive>,
    add: ServerAction<AddFollowUp>,
    set_done: ServerAction<SetFollowUpDone>,
    issues: Option<MeetingIssues>,
    choices: Option<MeetingChoices>,
    attachments: Option<Vec<AttachmentView>>,
) -> impl IntoView {
    let i = m.input.clone();
    let row = |label: &'static str, value: String| (!value.is_empty()).then(|| view! { <dt>{label}</dt><dd>{value}</dd> });
    let names = |v: &[crate::api::directory::Ref]| v.iter().map(|r| r.name.clone()).collect::<Vec<_>>().join("、");
    let work_items: Vec<String> = i
        .work_items
        .iter()
        .map(|c| format!("【{c}】{}", WORK_ITEMS.iter().find(|(x, _)| x == c).map(|(_, l)| *l).unwrap_or("")))
        .collect();
    let time = time_range(&i.start_time, &i.end_time);
    let place = match (i.place.is_empty(), i.online) {
        (true, true) => t::ONLINE.to_string(),
        (false, true) => format!("{}（{}）", i.place, t::ONLINE),
        _ => i.place.clone(),
    };
    let guests: Vec<String> = i.guest_names();
    let id = m.id;
    let owners = choices.as_ref().map(|c| crate::components::checklist::owner_options(&c.coordinators, &c.organisations)).unwrap_or_default();
    view! {
        <PageTitle text=i.title.clone() />
        <article class="meeting">
            <ConfidentialPrintMark />
            <div class="page-head">
                <h1>
                    <LevelBadge level=m.level />
                    {i.title.clone()}
                    {(!m.active).then(|| view! { <span class="badge">{t::ARCHIVED}</span> })}
                </h1>
                <div class="actions no-print">
                    {can_write.then(|| view! {
                        <a class="button" href=format!("/meetings/{id}/edit")>{t::EDIT}</a>
                        <a class="button secondary" href=format!("/meetings/new?from={id}")>{t::DUPLICATE}</a>
                        {m.active.then(|| view! { <a class="button secondary" href=format!("/initiatives/new?meeting={id}") data-testid="start-initiative">{t::START_INITIATIVE}</a> })}
                        <ArchiveToggle action=set_active id version=m.version active=m.active />
                    })}
                    <crate::components::islands::PrintButton label=t::PRINT.to_string() />
                    <PrintConfidentialChoice />
                </div>
            </div>
            <dl class="facts card" data-testid="meeting-facts">
                <dt>{t::DATE}</dt><dd>{m.date_label.clone()}</dd>
                <dt>{t::FY}</dt><dd>{m.fiscal_year.clone()}</dd>
                {row(t::TIME, time)}
                <dt>{t::LEVEL}</dt><dd>{m.level.label()}</dd>
                <dt>{t::KIND}</dt><dd>{m.kind.clone()}</dd>
                {row(t::PLACE, place)}
                {row(t::PROFESSIONS, names(&m.professions))}
                {row(t::ORGANISATIONS, names(&m.organisations))}
                {(!m.people.is_empty() || !guests.is_empty()).then(|| view! {
                    <dt>{t::ATTENDEES}</dt>
                    <dd>
                        <ul class="inline-list">
                            {m.people.iter().map(|p| view! {
                                <li>
                                    <a href=format!("/directory/people/{}", p.id)>{p.name.clone()}</a>
                                    {p.organisation.clone().map(|o| view! { <span class="muted">"（" {o} "）"</span> })}
                                    {p.key_person.then(|| view! { <span class="badge key">{t::KEY_PERSON}</span> })}
                                </li>
                            }).collect_view()}
                            {guests.iter().map(|g| view! { <li>{g.clone()}</li> }).collect_view()}
                        </ul>
                    </dd>
                })}
                {row(t::COORDINATORS, names(&m.coordinators))}
                {row(t::WORK_ITEMS, work_items.join("、"))}
                {row(t::SCENES, m.scenes.join("、"))}
                <InitiativeLinks items=m.initiatives.clone() testid="meeting-initiatives" />
                {row(t::LEVEL_REASON, i.level_reason.clone())}
                {(!m.trainings.is_empty()).then(|| view! {
                    <dt>{t::TRAININGS}</dt>
                    <dd>
                        <ul class="inline-list">
                            {m.trainings.iter().map(|r| view! { <li><a href=format!("/trainings/{}", r.id)>{r.name.clone()}</a></li> }).collect_view()}
                        </ul>
                    </dd>
                })}
            </dl>
            {(!i.purpose.is_empty()).then(|| view! { <section class="card"><h2>{t::PURPOSE}</h2><p class="pre">{i.purpose.clone()}</p></section> })}
            <section class="card">
                <h2>{t::MINUTES}</h2>
                {if i.minutes.is_empty() {
                    view! { <p class="empty">{t::NO_MINUTES}</p> }.into_any()
                } else {
                    view! { <div class="pre minutes" data-testid="minutes">{i.minutes.clone()}</div> }.into_any()
                }}
            </section>
            {(!i.decisions.is_empty()).then(|| view! { <section class="card"><h2>{t::DECISIONS}</h2><p class="pre">{i.decisions.clone()}</p></section> })}
            <section class="card" id="follow-ups">
                <h2>{t::FOLLOW_UPS}</h2>
                <FollowUpTable items=m.follow_ups.clone() can_write set_done back=format!("/meetings/{id}#follow-ups") show_meeting=false owners=owners.clone() />
                {choices.filter(|_| can_write).map(|choices| view! { <AddFollowUpForm meeting_id=id add choices /> })}
            </section>
            {attachments.map(|files| view! { <Attachments kind=RecordKind::Meeting record_id=id can_write files /> })}
            <MeetingIssuesSection meeting_id=id profession=m.professions.first().map(|p| p.id) issues />
            <p class="muted">{t::UPDATED} ": " {m.updated_at.clone()}</p>
        </article>
    }
}

/// Issues raised and actions taken in the meeting, for those who may read the registers
/// (the server sends nothing to anyone else).
#[component]
fn MeetingIssuesSection(meeting_id: i32, profession: Option<i32>, issues: Option<MeetingIssues>) -> impl IntoView {
    let can_write = use_can(Permission::WriteIssues).get_untracked();
    let new_href = format!("/issues/new?meeting={meeting_id}{}", profession.map(|p| format!("&profession={p}")).unwrap_or_default());
    issues.filter(|d| d.visible).map(|d| view! {
        <section class="card confidential-section" id="issues" data-testid="meeting-issues">
            <div class="page-head">
                <h2>{t::ISSUES} " " <span class="badge">{t::CONFIDENTIAL}</span></h2>
                {can_write.then(|| view! { <a class="button secondary no-print" href=new_href>{t::ADD_ISSUE}</a> })}
            </div>
            <h3>{t::RAISED}</h3>
            {if d.raised.is_empty() {
                view! { <p class="empty">{t::NONE}</p> }.into_any()
            } else {
                view! { <ul>{d.raised.into_iter().map(|r| view! { <li><a href=format!("/issues/{}", r.id)>{r.name}</a></li> }).collect_view()}</ul> }.into_any()
            }}
            <h3>{t::ACTIONS}</h3>
            {if d.actions.is_empty() {
                view! { <p class="empty">{t::NONE}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {d.actions.into_iter().map(|(issue, a)| view! {
                            <li>
                                <span class="mark">{a.mark.symbol()}</span> " " {a.description} " — "
                                <a href=format!("/issues/{}#action-{}", issue.id, a.id)>{issue.name}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    })
}

/// Follow-ups as a table with done/reopen buttons, edit links and the bulk change (given
/// `owners`, those they can be given to); also used by the follow-ups page.
#[component]
pub fn FollowUpTable(
    items: Vec<ChecklistItem>,
    can_write: bool,
    set_done: ServerAction<SetFollowUpDone>,
    back: String,
    show_meeting: bool,
    owners: Vec<(String, String)>,
) -> impl IntoView {
    let labels = ChecklistLabels {
        title: t::ACTION,
        context: t::MEETING,
        parent_path: "/meetings",
        empty: t::NO_FOLLOW_UPS,
        testid: "follow-ups-table",
        edit_path: "/meetings/follow-ups",
        bulk_form: "follow-ups-bulk",
    };
    let bulk = ServerAction::<BulkFollowUps>::new();
    let with_bulk = can_write && !items.is_empty();
    let bulk_back = back.clone();
    view! {
        <Checklist rows=items labels can_write with_context=show_meeting toggle=move |item: ChecklistItem| view! { <DoneToggle action=set_done item back=back.clone() /> } />
        {with_bulk.then(|| view! { <ChecklistBulk action=bulk form_id="follow-ups-bulk" owners back=bulk_back /> })}
    }
}

#[component]
fn AddFollowUpForm(meeting_id: i32, add: ServerAction<AddFollowUp>, choices: MeetingChoices) -> impl IntoView {
    let errors = FormErrors::of(add);
    let owners = crate::components::checklist::owner_options(&choices.coordinators, &choices.organisations);
    // Whoever logs a follow-up owns it unless they choose otherwise.
    let me = crate::components::checklist::default_owner(&owners, use_user().get_untracked().map(|u| u.id));
    view! {
        <ActionForm action=add attr:class="stack follow-up-form no-print" attr:data-testid="follow-up-form">
            <FormMessage errors />
            <input type="hidden" name="meeting_id" value=meeting_id />
            <TextField label=t::ACTION name="action" value=errors.value_or("action", "") required=true maxlength=500 errors />
            <div class="row">
                <SelectField label=t::OWNER name="owner" options=owners selected=errors.value_or("owner", me) empty_label=t::NO_OWNER errors />
                <TextField label=t::DUE name="due_on" input_type="date" value=errors.value_or("due_on", "") errors />
            </div>
            <div class="actions"><button type="submit">{t::ADD}</button></div>
        </ActionForm>
    }
}
