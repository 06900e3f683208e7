//! `/issues/:id`: one issue with its layer and route, its actions year by year (with the
//! form to add one) and the history of its layer and status.

use super::{ConfidentialNote, LayerBadge, StatusBadge};
use crate::api::issues::{get_issue, get_issue_choices, AddIssueAction, DeleteIssueAction, IssueChoices, IssueView};
use crate::api::attachments::{list_attachments, AttachmentView};
use crate::components::attachments::Attachments;
use crate::components::tags::InitiativeLinks;
use crate::domain::attachments::RecordKind;
use crate::components::error_view::ErrorMessage;
use crate::components::form::{FormErrors, FormMessage, SelectField, TextField};
use crate::components::nav::{use_id_param, use_notice, Notice};
use crate::components::session::use_can;
use crate::domain::issues::Mark;
use crate::domain::Permission;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

mod t {
    pub use crate::components::words::LOADING;
    pub use crate::components::words::EDIT;
    pub use crate::components::words::PRINT;
    pub const PROFESSION: &str = "職種";
    pub const LAYER: &str = "層 → つなぐ先";
    pub const STATUS: &str = "状況";
    pub const SOURCE: &str = "抽出元";
    pub const EXTRACTED_ON: &str = "抽出日";
    pub const FY: &str = "抽出年度";
    pub const SCENES: &str = "4つの場面";
    pub const DESCRIPTION: &str = "内容";
    pub const ACTIONS: &str = "取組";
    pub const NO_ACTIONS: &str = "取組はまだ記録されていません。";
    pub const COL_FY: &str = "年度";
    pub const COL_DATE: &str = "実施日";
    pub const COL_MARK: &str = "区分";
    pub const COL_DESCRIPTION: &str = "内容";
    pub const COL_MEETING: &str = "会議";
    pub const DELETE: &str = "削除";
    pub const DELETE_CONFIRM: &str = "この取組を削除する";
    pub const ADD_TITLE: &str = "取組を記録";
    pub const MARK: &str = "区分";
    pub const DATE: &str = "実施日";
    pub const DESCRIPTION_LABEL: &str = "取組の内容";
    pub const DESCRIPTION_HINT: &str = "例: 医療機関と連携した在宅訪問研修（計3回）";
    pub const MEETING: &str = "会議（任意）";
    pub const NO_MEETING: &str = "（会議なし）";
    pub const ADD: &str = "記録する";
    pub const HISTORY: &str = "層・状況の履歴";
    pub const REFERRALS: &str = "根拠となった連絡票（つながるパス）";
    pub const REFERRALS_HINT: &str = "必要な資源がなく支援につながらなかった連絡票です（ご本人の情報は連絡票のページで、閲覧が記録されます）。";
    pub const COL_CHANGED: &str = "日付";
    pub const COL_FIELD: &str = "項目";
    pub const COL_VALUE: &str = "内容";
    pub const COL_USER: &str = "記録者";
    pub use crate::components::words::UPDATED;
    pub const MATRIX: &str = "年度別の取組";
    pub const REGISTER: &str = "の課題一覧へ";
    pub const NOTICES: &[(&str, &str)] = &[("saved", "保存しました。"), ("action", "取組を記録しました。"), ("deleted", "取組を削除しました。")];
}

#[component]
pub fn IssuePage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let add = ServerAction::<AddIssueAction>::new();
    let delete = ServerAction::<DeleteIssueAction>::new();
    let can_write = use_can(Permission::WriteIssues).get_untracked();
    let notice = use_notice(t::NOTICES);
    let delete_errors = FormErrors::of(delete);
    view! {
        <Notice notice />
        <FormMessage errors=delete_errors />
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                match get_issue(id).await {
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    Ok(i) => {
                        // Loaded here, in the page's one suspend, not in a nested suspend of the form's own.
                        let choices = if can_write { get_issue_choices().await.ok() } else { None };
                        let attachments = list_attachments(RecordKind::Issue.code().to_string(), i.id).await.ok();
                        view! { <IssueDetail i can_write add delete choices attachments /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn IssueDetail(
    i: IssueView,
    can_write: bool,
    add: ServerAction<AddIssueAction>,
    delete: ServerAction<DeleteIssueAction>,
    choices: Option<IssueChoices>,
    attachments: Option<Vec<AttachmentView>>,
) -> impl IntoView {
    let id = i.id;
    let pid = i.profession.id;
    let title = format!("{} {}", i.code, i.input.title);
    let source = match (&i.source_meeting, i.input.source_note.is_empty()) {
        (Some(m), true) => view! { {i.source.clone()} "： " <a href=format!("/meetings/{}", m.id)>{m.name.clone()}</a> }.into_any(),
        // The note was typed with the meeting chosen too; it was saved, so it is shown.
        (Some(m), false) => view! {
            {i.source.clone()} "： " <a href=format!("/meetings/{}", m.id)>{m.name.clone()}</a> {format!("（{}）", i.input.source_note)}
        }.into_any(),
        (None, false) => view! { {format!("{}（{}）", i.source, i.input.source_note)} }.into_any(),
        (None, true) => view! { {i.source.clone()} }.into_any(),
    };
    view! {
        <PageTitle text=title.clone() />
        <p class="no-print"><a href=format!("/issues/register/{pid}")>{i.profession.name.clone()} {t::REGISTER}</a></p>
        <article class="issue">
            <div class="page-head">
                <h1><span class="code">{i.code.clone()}</span> {i.input.title.clone()}</h1>
                <div class="actions no-print">
                    {can_write.then(|| view! { <a class="button" href=format!("/issues/{id}/edit")>{t::EDIT}</a> })}
                    <a class="button secondary" href=format!("/issues/register/{pid}/matrix")>{t::MATRIX}</a>
                    <crate::components::islands::PrintButton label=t::PRINT.to_string() />
                </div>
            </div>
            <ConfidentialNote />
            <dl class="facts card" data-testid="issue-facts">
                <dt>{t::PROFESSION}</dt><dd>{i.profession.name.clone()}</dd>
                <dt>{t::LAYER}</dt><dd><LayerBadge layer=i.layer /></dd>
                <dt>{t::STATUS}</dt><dd><StatusBadge status=i.status /></dd>
                <dt>{t::SOURCE}</dt><dd>{source}</dd>
                {(!i.extracted_on.is_empty()).then(|| view! { <dt>{t::EXTRACTED_ON}</dt><dd>{i.extracted_on.clone()}</dd> })}
                <dt>{t::FY}</dt><dd>{i.fiscal_year.clone()}</dd>
                {(!i.scene_codes.is_empty()).then(|| view! {
                    <dt>{t::SCENES}</dt><dd>{i.scene_codes.iter().filter_map(|c| crate::domain::scenes::Scene::from_code(c)).map(|s| s.label()).collect::<Vec<_>>().join("、")}</dd>
                })}
                <InitiativeLinks items=i.initiatives.clone() testid="issue-initiatives" />
            </dl>
            {(!i.input.description.is_empty()).then(|| view! { <section class="card"><h2>{t::DESCRIPTION}</h2><p class="pre">{i.input.description.clone()}</p></section> })}
            <section class="card" id="actions">
                <h2>{t::ACTIONS}</h2>
                {if i.actions.is_empty() {
                    view! { <p class="empty">{t::NO_ACTIONS}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-scroll">
                            <table class="data-table" data-testid="actions">
                                <thead><tr>
                                    <th scope="col">{t::COL_FY}</th>
                                    <th scope="col">{t::COL_DATE}</th>
                                    <th scope="col">{t::COL_MARK}</th>
                                    <th scope="col">{t::COL_DESCRIPTION}</th>
                                    <th scope="col">{t::COL_MEETING}</th>
                                    {can_write.then(|| view! { <th scope="col" class="no-print"><span class="visually-hidden">{t::DELETE}</span></th> })}
                                </tr></thead>
                                <tbody>
                                    {i.actions.clone().into_iter().map(|a| { let aid = a.id; view! {
                                        <tr id=format!("action-{}", a.id)>
                                            <td>{a.fiscal_year.clone()}</td>
                                            <td class="nowrap">{a.date.clone()}</td>
                                            <td class="nowrap"><span class="mark">{a.mark.symbol()}</span> {a.mark.label()}</td>
                                            <td>{a.description.clone()}</td>
                                            <td>{a.meeting.clone().map(|m| view! { <a href=format!("/meetings/{}", m.id)>{m.name}</a> })}</td>
                                            {can_write.then(|| view! {
                                                <td class="no-print">
                                                    <details class="confirm">
                                                        <summary>{t::DELETE}</summary>
                                                        <ActionForm action=delete attr:class="inline">
                                                            <input type="hidden" name="id" value=aid />
                                                            <button type="submit" class="danger small">{t::DELETE_CONFIRM}</button>
                                                        </ActionForm>
                                                    </details>
                                                </td>
                                            })}
                                        </tr>
                                    }}).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
                {choices.filter(|_| can_write).map(|choices| view! { <AddActionForm issue_id=id add choices /> })}
            </section>
            {(!i.referrals.is_empty()).then(|| view! {
                <section class="card" data-testid="issue-referrals">
                    <h2>{t::REFERRALS}</h2>
                    <p class="hint">{t::REFERRALS_HINT}</p>
                    <ul>{i.referrals.iter().map(|r| view! { <li><a href=format!("/referrals/{}", r.id)>{r.name.clone()}</a></li> }).collect_view()}</ul>
                </section>
            })}
            {attachments.map(|files| view! { <Attachments kind=RecordKind::Issue record_id=id can_write files /> })}
            <section class="card">
                <h2>{t::HISTORY}</h2>
                <table class="data-table" data-testid="history">
                    <thead><tr>
                        <th scope="col">{t::COL_CHANGED}</th>
                        <th scope="col">{t::COL_FIELD}</th>
                        <th scope="col">{t::COL_VALUE}</th>
                        <th scope="col">{t::COL_USER}</th>
                    </tr></thead>
                    <tbody>
                        {i.history.iter().map(|h| view! {
                            <tr><td class="nowrap">{h.date.clone()}</td><td>{h.field.clone()}</td><td>{h.value.clone()}</td><td>{h.user.clone()}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
            <p class="muted">{t::UPDATED} ": " {i.updated_at.clone()}</p>
        </article>
    }
}

#[component]
fn AddActionForm(issue_id: i32, add: ServerAction<AddIssueAction>, choices: IssueChoices) -> impl IntoView {
    let errors = FormErrors::of(add);
    let meeting_q = use_query_map().with_untracked(|q| q.get("meeting").unwrap_or_default());
    let marks: Vec<(String, String)> = Mark::ALL.iter().map(|m| (m.code().to_string(), format!("{} {}", m.symbol(), m.label()))).collect();
    let meetings: Vec<(String, String)> = choices.meetings.iter().map(|m| (m.id.to_string(), m.name.clone())).collect();
    let meeting = errors.value_or("meeting", meeting_q);
    view! {
        <ActionForm action=add attr:class="stack action-form no-print" attr:data-testid="action-form">
            <h3>{t::ADD_TITLE}</h3>
            <FormMessage errors />
            <input type="hidden" name="issue_id" value=issue_id />
            <div class="row">
                <TextField label=t::DATE name="acted_on" input_type="date" value=errors.value_or("acted_on", crate::clock::today().to_string()) required=true errors />
                <SelectField label=t::MARK name="mark" options=marks selected=errors.value_or("mark", "second") required=true errors />
            </div>
            <TextField label=t::DESCRIPTION_LABEL name="description" value=errors.value_or("description", "") required=true maxlength=500 hint=t::DESCRIPTION_HINT errors />
            <SelectField label=t::MEETING name="meeting" options=meetings selected=meeting empty_label=t::NO_MEETING errors />
            <div class="actions"><button type="submit">{t::ADD}</button></div>
        </ActionForm>
    }
}
