//! One training: facts, the role split, tasks, the meetings around it, the issues it
//! addresses (for those who may read them) and the outcome.

use super::support::SupportTable;
use super::TaskTable;
use crate::api::trainings::{
    get_training, get_training_choices, get_training_issues, AddTrainingTask, LinkTrainingIssue, LinkTrainingMeeting, OutcomeView, SetTrainingActive,
    SetTrainingTaskDone, TrainingChoices, TrainingIssues, TrainingView, UnlinkTrainingIssue, UnlinkTrainingMeeting,
};
use crate::api::attachments::{list_attachments, AttachmentView};
use crate::components::attachments::Attachments;
use crate::components::tags::InitiativeLinks;
use crate::domain::attachments::RecordKind;
use crate::components::error_view::ErrorMessage;
use crate::components::form::{FormErrors, FormMessage, SelectField, TextField};
use crate::components::nav::{use_id_param, use_notice, Notice};
use crate::components::print_choice::{ConfidentialPrintMark, PrintConfidentialChoice};
use crate::components::session::use_can;
use crate::domain::meetings::WORK_ITEMS;
use crate::domain::trainings::Satisfaction;
use crate::domain::Permission;
use crate::components::record_actions::ArchiveToggle;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;

mod t {
    pub use crate::components::words::LOADING;
    pub const BACK: &str = "研修の一覧へ戻る";
    pub use crate::components::words::EDIT;
    pub const DUPLICATE: &str = "複製して次回を企画";
    pub use crate::components::words::PRINT;
    pub const PRINT_PLAN: &str = "役割分担表（印刷用）";
    pub use crate::components::words::ARCHIVED;
    pub const DATE: &str = "開催日";
    pub const FY: &str = "年度";
    pub const TIME: &str = "時間";
    pub const ORGANISER: &str = "主催";
    pub const TEAM: &str = "チーム";
    pub const HOSTING: &str = "開催形態";
    pub const LEVEL: &str = "段階";
    pub const LEVEL_REASON: &str = "段階についての理由";
    pub const PROFESSIONS: &str = "対象の職種";
    pub const VENUE: &str = "会場";
    pub const FORMAT: &str = "開催方法";
    pub const CAPACITY: &str = "定員";
    pub const STATUS: &str = "状況";
    pub const WORK_ITEMS: &str = "事業項目";
    pub const THEME: &str = "テーマ・ねらい";
    pub const SUPPORT: &str = "役割分担";
    pub const TASKS: &str = "タスクとマイルストーン";
    pub const PROGRESS: &str = "進捗";
    pub const TASK: &str = "タスク";
    pub const OWNER: &str = "担当";
    pub const DUE: &str = "期限";
    pub const NO_OWNER: &str = "（未定）";
    pub use crate::components::words::ADD;
    pub const MEETINGS: &str = "関連する会議";
    pub const SCENES: &str = "4つの場面";
    pub const NO_MEETINGS: &str = "関連づけた会議はありません。";
    pub const NEW_PREP: &str = "準備の会議を記録";
    pub const NEW_REFLECTION: &str = "反省会を記録";
    pub const LINK_MEETING: &str = "記録済みの会議を関連づける";
    pub const MEETING: &str = "会議";
    pub const ROLE: &str = "役割";
    pub const LINK: &str = "関連づける";
    pub const UNLINK: &str = "関連づけを外す";
    pub const ISSUES: &str = "取り組む課題";
    pub use crate::components::words::CONFIDENTIAL;
    pub const NO_ISSUES: &str = "関連づけた課題はありません。";
    pub const ISSUE: &str = "課題";
    pub const MARK: &str = "課題への取組として記録";
    pub const MARK_NONE: &str = "記録しない";
    pub const MARK_SECOND: &str = "◆ 二次連携";
    pub const MARK_JOINT: &str = "◇ 協働事業";
    pub const OUTCOME: &str = "結果";
    pub const RECORD_OUTCOME: &str = "結果を記録";
    pub const NO_OUTCOME: &str = "結果はまだ記録されていません。開催後に参加者数やアンケートを記録します。";
    pub const PARTICIPANTS: &str = "参加者（職種別）";
    pub const OTHER: &str = "その他";
    pub const TOTAL: &str = "合計";
    pub const PEOPLE: &str = "人";
    pub const QUESTIONNAIRE: &str = "アンケート";
    pub const RESPONDENTS: &str = "回答数";
    pub const RATE: &str = "回答率";
    pub const SATISFACTION: &str = "満足度";
    pub const MEAN: &str = "満足度の平均";
    pub const SHARE: &str = "割合";
    pub const COMMENTS: &str = "自由記述";
    pub const LESSONS: &str = "振り返り・次回への学び";
    pub use crate::components::words::UPDATED;
    pub const NOTICES: &[(&str, &str)] = &[
        ("saved", "保存しました。"),
        ("task", "タスクを追加しました。"),
        ("task_saved", "タスクを保存しました。"),
        ("task_deleted", "タスクを削除しました。"),
        ("meeting", "会議を記録し、この研修に関連づけました。"),
        ("outcome", "結果を保存しました。"),
    ];
}

#[component]
pub fn TrainingPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let set_active = ServerAction::<SetTrainingActive>::new();
    let add_task = ServerAction::<AddTrainingTask>::new();
    let set_done = ServerAction::<SetTrainingTaskDone>::new();
    let link_meeting = ServerAction::<LinkTrainingMeeting>::new();
    let unlink_meeting = ServerAction::<UnlinkTrainingMeeting>::new();
    let can_write = use_can(Permission::WriteTrainings).get_untracked();
    let notice = use_notice(t::NOTICES);
    let errors = [FormErrors::of(set_active), FormErrors::of(set_done), FormErrors::of(unlink_meeting)];
    view! {
        <p class="no-print"><a href="/trainings">{t::BACK}</a></p>
        <Notice notice />
        {errors.into_iter().map(|errors| view! { <FormMessage errors /> }).collect_view()}
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                match get_training(id).await {
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    Ok(v) => {
                        // Everything the page shows is read here, before it is rendered: the
                        // sections get their data, none waits on its own (see README, Pages).
                        let choices = if can_write { get_training_choices().await.ok() } else { None };
                        let issues = get_training_issues(id).await.ok();
                        let attachments = list_attachments(RecordKind::Training.code().to_string(), id).await.ok();
                        view! { <TrainingDetail v can_write choices issues attachments set_active add_task set_done link_meeting unlink_meeting /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn TrainingDetail(
    v: TrainingView,
    can_write: bool,
    /// The owners and meetings to choose from (writers only).
    choices: Option<TrainingChoices>,
    issues: Option<TrainingIssues>,
    attachments: Option<Vec<AttachmentView>>,
    set_active: ServerAction<SetTrainingActive>,
    add_task: ServerAction<AddTrainingTask>,
    set_done: ServerAction<SetTrainingTaskDone>,
    link_meeting: ServerAction<LinkTrainingMeeting>,
    unlink_meeting: ServerAction<UnlinkTrainingMeeting>,
) -> impl IntoView {
    let i = v.input.clone();
    let id = v.id;
    let row = |label: &'static str, value: String| (!value.is_empty()).then(|| view! { <dt>{label}</dt><dd>{value}</dd> });
    let names = |v: &[crate::api::directory::Ref]| v.iter().map(|r| r.name.clone()).collect::<Vec<_>>().join("、");
    let work_items: Vec<String> =
        v.work_items.iter().map(|c| format!("【{c}】{}", WORK_ITEMS.iter().find(|(x, _)| x == c).map(|(_, l)| *l).unwrap_or(""))).collect();
    let organiser = v.organiser.clone();
    let task_owners = choices.as_ref().map(|c| crate::components::checklist::owner_options(&c.coordinators, &c.organisations)).unwrap_or_default();
    let meeting_query = {
        let mut q = format!("training={id}");
        if let Some(o) = &v.organiser {
            q.push_str(&format!("&organisation={}", o.id));
        }
        q
    };
    // Each part is type-erased so that rendering the page stays shallow on the stack.
    let facts = view! {
            <dl class="facts card" data-testid="training-facts">
                <dt>{t::DATE}</dt><dd>{v.date_label.clone()}</dd>
                <dt>{t::FY}</dt><dd>{v.fiscal_year.clone()}</dd>
                {row(t::TIME, v.time_label.clone())}
                <dt>{t::ORGANISER}</dt>
                <dd>{match organiser {
                    Some(o) => view! { <a href=format!("/directory/organisations/{}", o.id)>{o.name}</a> }.into_any(),
                    None => view! { <span>{t::TEAM}</span> }.into_any(),
                }}</dd>
                <dt>{t::HOSTING}</dt><dd>{v.hosting.clone()}</dd>
                <dt>{t::LEVEL}</dt><dd>{v.level.clone()}</dd>
                {row(t::LEVEL_REASON, i.level_reason.clone())}
                {row(t::PROFESSIONS, names(&v.professions))}
                {row(t::VENUE, i.venue.clone())}
                <dt>{t::FORMAT}</dt><dd>{v.format.clone()}</dd>
                {row(t::CAPACITY, i.capacity.clone())}
                <dt>{t::STATUS}</dt><dd>{v.status.clone()}</dd>
                {row(t::WORK_ITEMS, work_items.join("、"))}
                {row(t::SCENES, v.scenes.join("、"))}
                <InitiativeLinks items=v.initiatives.clone() testid="training-initiatives" />
            </dl>
    }.into_any();
    let parts = view! {
            {(!i.theme.is_empty()).then(|| view! { <section class="card"><h2>{t::THEME}</h2><p class="pre">{i.theme.clone()}</p></section> })}
            <section class="card" id="support">
                <h2>{t::SUPPORT}</h2>
                <SupportTable rows=v.support.clone() />
            </section>
    }.into_any();
    let tasks = view! {
            <section class="card" id="tasks">
                <div class="page-head">
                    <h2>{t::TASKS}</h2>
                    <p data-testid="task-progress">
                        {t::PROGRESS} " "
                        <progress max=v.progress.total.max(1) value=v.progress.done aria-label=t::PROGRESS></progress>
                        " " {v.progress.label()}
                    </p>
                </div>
                <TaskTable items=v.tasks.clone() can_write set_done back=format!("/trainings/{id}#tasks") show_training=false owners=task_owners />
                {choices.clone().filter(|_| can_write).map(|c| view! { <AddTaskForm training_id=id add=add_task c /> })}
            </section>
    }.into_any();
    let meetings = view! {
            <section class="card" id="meetings" data-testid="training-meetings">
                <div class="page-head">
                    <h2>{t::MEETINGS}</h2>
                    {can_write.then(|| view! {
                        <div class="actions no-print">
                            <a class="button secondary" href=format!("/meetings/new?{meeting_query}&role=preparation")>{t::NEW_PREP}</a>
                            <a class="button secondary" href=format!("/meetings/new?{meeting_query}&role=reflection")>{t::NEW_REFLECTION}</a>
                        </div>
                    })}
                </div>
                {if v.meetings.is_empty() {
                    view! { <p class="empty">{t::NO_MEETINGS}</p> }.into_any()
                } else {
                    view! {
                        <ul class="linked">
                            {v.meetings.clone().into_iter().map(|m| view! {
                                <li>
                                    <span class="badge">{m.role_label.clone()}</span> " "
                                    <a href=format!("/meetings/{}", m.id)>{m.label.clone()}</a>
                                    {can_write.then(|| view! {
                                        <ActionForm action=unlink_meeting attr:class="inline no-print">
                                            <input type="hidden" name="training_id" value=id />
                                            <input type="hidden" name="meeting_id" value=m.id />
                                            <button type="submit" class="link small">{t::UNLINK}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {choices.filter(|_| can_write).map(|c| view! { <LinkMeetingForm training_id=id link=link_meeting c /> })}
            </section>
    }.into_any();
    let files = attachments.map(|files| view! { <Attachments kind=RecordKind::Training record_id=id can_write files /> }.into_any());
    view! {
        <PageTitle text=i.title.clone() />
        <article class="training">
            <ConfidentialPrintMark />
            <div class="page-head">
                <h1>
                    {i.title.clone()} " "
                    <span class=format!("badge status-{}", i.status)>{v.status.clone()}</span>
                    {(!v.active).then(|| view! { <span class="badge">{t::ARCHIVED}</span> })}
                </h1>
                <div class="actions no-print">
                    {can_write.then(|| view! {
                        <a class="button" href=format!("/trainings/{id}/edit")>{t::EDIT}</a>
                        <a class="button secondary" href=format!("/trainings/new?from={id}")>{t::DUPLICATE}</a>
                        <ArchiveToggle action=set_active id version=v.version active=v.active />
                    })}
                    <a class="button secondary" href=format!("/trainings/{id}/support")>{t::PRINT_PLAN}</a>
                    <crate::components::islands::PrintButton label=t::PRINT.to_string() />
                    <PrintConfidentialChoice />
                </div>
            </div>
            {facts}
            {parts}
            {tasks}
            {meetings}
            <IssuesSection training_id=id can_write issues />
            <OutcomeSection id outcome=v.outcome.clone() can_write />
            {files}
            <p class="muted">{t::UPDATED} ": " {v.updated_at.clone()}</p>
        </article>
    }
}

#[component]
fn AddTaskForm(training_id: i32, add: ServerAction<AddTrainingTask>, c: TrainingChoices) -> impl IntoView {
    let errors = FormErrors::of(add);
                let owners = crate::components::checklist::owner_options(&c.coordinators, &c.organisations);
                // Whoever logs a task owns it unless they choose otherwise.
                let me = crate::components::checklist::default_owner(&owners, crate::components::session::use_user().get_untracked().map(|u| u.id));
                view! {
                    <ActionForm action=add attr:class="stack follow-up-form no-print" attr:data-testid="task-form">
                        <FormMessage errors />
                        <input type="hidden" name="training_id" value=training_id />
                        <TextField label=t::TASK name="title" value=errors.value_or("title", "") required=true maxlength=500 errors />
                        <div class="row">
                            <SelectField label=t::OWNER name="owner" options=owners selected=errors.value_or("owner", me) empty_label=t::NO_OWNER errors />
                            <TextField label=t::DUE name="due_on" input_type="date" value=errors.value_or("due_on", "") errors />
                        </div>
                        <div class="actions"><button type="submit">{t::ADD}</button></div>
                    </ActionForm>
                }
}

#[component]
fn LinkMeetingForm(training_id: i32, link: ServerAction<LinkTrainingMeeting>, c: TrainingChoices) -> impl IntoView {
    let errors = FormErrors::of(link);
    let roles: Vec<(String, String)> = [("preparation", "準備の会議"), ("reflection", "反省会")].iter().map(|(c, l)| (c.to_string(), l.to_string())).collect();
                let meetings: Vec<(String, String)> = c.meetings.iter().map(|m| (m.id.to_string(), m.name.clone())).collect();
                view! {
                    <details class="no-print">
                        <summary>{t::LINK_MEETING}</summary>
                        <ActionForm action=link attr:class="stack" attr:data-testid="link-meeting-form">
                            <FormMessage errors />
                            <input type="hidden" name="training_id" value=training_id />
                            <div class="row">
                                <SelectField label=t::MEETING name="meeting" options=meetings required=true empty_label="選んでください" errors />
                                <SelectField label=t::ROLE name="role" options=roles selected="preparation" required=true errors />
                            </div>
                            <div class="actions"><button type="submit">{t::LINK}</button></div>
                        </ActionForm>
                    </details>
                }
}

/// Linked issues, for those who may read the registers (the server sends nothing to others).
#[component]
fn IssuesSection(training_id: i32, can_write: bool, issues: Option<TrainingIssues>) -> impl IntoView {
    let link = ServerAction::<LinkTrainingIssue>::new();
    let unlink = ServerAction::<UnlinkTrainingIssue>::new();
    let writer = can_write && use_can(Permission::WriteIssues).get_untracked();
    let errors = FormErrors::of(link);
    let unlink_errors = FormErrors::of(unlink);
    issues.filter(|d| d.visible).map(|d| {
                let options: Vec<(String, String)> = d.choices.iter().map(|r| (r.id.to_string(), r.name.clone())).collect();
                view! {
                    <section class="card confidential-section" id="issues" data-testid="training-issues">
                        <h2>{t::ISSUES} " " <span class="badge">{t::CONFIDENTIAL}</span></h2>
                        <FormMessage errors=unlink_errors />
                        {if d.linked.is_empty() {
                            view! { <p class="empty">{t::NO_ISSUES}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="linked">
                                    {d.linked.into_iter().map(|r| view! {
                                        <li>
                                            <a href=format!("/issues/{}", r.id)>{r.name.clone()}</a>
                                            {writer.then(|| view! {
                                                <ActionForm action=unlink attr:class="inline no-print">
                                                    <input type="hidden" name="training_id" value=training_id />
                                                    <input type="hidden" name="issue_id" value=r.id />
                                                    <button type="submit" class="link small">{t::UNLINK}</button>
                                                </ActionForm>
                                            })}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        {(writer && !options.is_empty()).then(|| view! {
                            <ActionForm action=link attr:class="stack no-print" attr:data-testid="link-issue-form">
                                <FormMessage errors />
                                <input type="hidden" name="training_id" value=training_id />
                                <SelectField label=t::ISSUE name="issue" options=options.clone() required=true empty_label="選んでください" errors />
                                <fieldset class="field choices">
                                    <legend>{t::MARK}</legend>
                                    <label class="check"><input type="radio" name="mark" value="" checked=true />{t::MARK_NONE}</label>
                                    <label class="check"><input type="radio" name="mark" value="second" />{t::MARK_SECOND}</label>
                                    <label class="check"><input type="radio" name="mark" value="joint" />{t::MARK_JOINT}</label>
                                </fieldset>
                                <div class="actions"><button type="submit">{t::LINK}</button></div>
                            </ActionForm>
                        })}
                    </section>
                }
    })
}

#[component]
fn OutcomeSection(id: i32, outcome: OutcomeView, can_write: bool) -> impl IntoView {
    let o = outcome;
    view! {
        <section class="card" id="outcome" data-testid="training-outcome">
            <div class="page-head">
                <h2>{t::OUTCOME}</h2>
                {can_write.then(|| view! { <a class="button secondary no-print" href=format!("/trainings/{id}/outcome")>{t::RECORD_OUTCOME}</a> })}
            </div>
            {if !o.recorded {
                view! { <p class="empty">{t::NO_OUTCOME}</p> }.into_any()
            } else {
                view! {
                    <div class="outcome">
                        <div>
                            <h3>{t::PARTICIPANTS}</h3>
                            <table class="data-table compact" data-testid="participants">
                                <tbody>
                                    {o.participants.iter().map(|(p, n)| view! { <tr><th scope="row">{p.clone()}</th><td class="num">{*n}</td></tr> }).collect_view()}
                                    {(o.participants_other > 0).then(|| view! { <tr><th scope="row">{t::OTHER}</th><td class="num">{o.participants_other}</td></tr> })}
                                </tbody>
                                <tfoot><tr><th scope="row">{t::TOTAL}</th><td class="num" data-testid="participants-total">{format!("{}{}", o.total, t::PEOPLE)}</td></tr></tfoot>
                            </table>
                        </div>
                        <div>
                            <h3>{t::QUESTIONNAIRE}</h3>
                            <dl class="facts">
                                <dt>{t::RESPONDENTS}</dt><dd>{o.respondents.map(|r| format!("{r}{}", t::PEOPLE)).unwrap_or_else(|| "—".into())}</dd>
                                {o.response_rate.clone().map(|r| view! { <dt>{t::RATE}</dt><dd>{r}</dd> })}
                                <dt>{t::MEAN}</dt><dd data-testid="satisfaction-mean">{o.satisfaction.mean_label()}</dd>
                            </dl>
                            <SatisfactionTable s=o.satisfaction />
                        </div>
                    </div>
                    {(!o.comments.is_empty()).then(|| view! { <h3>{t::COMMENTS}</h3><p class="pre">{o.comments.clone()}</p> })}
                    {(!o.lessons.is_empty()).then(|| view! { <h3>{t::LESSONS}</h3><p class="pre">{o.lessons.clone()}</p> })}
                }.into_any()
            }}
        </section>
    }
}

/// The 5-point distribution with each score's share, as a table with bars.
#[component]
fn SatisfactionTable(s: Satisfaction) -> impl IntoView {
    let shares = s.shares();
    view! {
        <table class="data-table compact satisfaction" data-testid="satisfaction">
            <thead><tr><th scope="col">{t::SATISFACTION}</th><th scope="col" class="num">{t::PEOPLE}</th><th scope="col" class="num">{t::SHARE}</th><th scope="col"></th></tr></thead>
            <tbody>
                {Satisfaction::LABELS.iter().enumerate().rev().map(|(i, l)| view! {
                    <tr>
                        <th scope="row">{*l}</th>
                        <td class="num">{s.counts[i]}</td>
                        <td class="num">{format!("{:.1}%", shares[i])}</td>
                        <td><meter min=0 max=100 value=shares[i] aria-hidden="true"></meter></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
