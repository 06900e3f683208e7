//! `/initiatives/:id`: one initiative, its trail (軌跡) with its own steps, and the meetings
//! and trainings it groups, with the forms to add and remove them.

use super::StatusBadge;
use crate::api::directory::Ref;
use crate::api::initiatives::{get_initiative, AddInitiativeStep, InitiativeView, LinkInitiativeRecord, RemoveInitiativeStep, TrailRow};
use crate::components::form::{FormErrors, FormMessage, SelectField, TextField};
use crate::components::loaded::loaded;
use crate::components::nav::{use_id_param, use_notice, Notice};
use crate::components::page_title::PageTitle;
use crate::components::session::use_can;
use crate::domain::meetings::Level;
use crate::domain::Permission;
use leptos::prelude::*;

mod t {
    pub const TITLE: &str = "連携の取組";
    pub const BACK: &str = "取組の一覧へ";
    pub const EDIT: &str = "編集";
    pub const TRAIL_PRINT: &str = "軌跡を印刷用に表示";
    pub const SCENES: &str = "4つの場面";
    pub const PARTNERS: &str = "連携先";
    pub const NEXT_STEP: &str = "次の一歩";
    pub const NOTES: &str = "メモ";
    pub const TRAIL: &str = "取組の軌跡";
    pub const TRAIL_EMPTY: &str = "まだ記録がありません。会議・研修を結びつけるか、できごとを追加してください。";
    pub const COL_FY: &str = "年度";
    pub const COL_DATE: &str = "日付";
    pub const COL_WHAT: &str = "内容";
    pub const COL_LEVEL: &str = "連携の段階";
    pub const REMOVE: &str = "削除";
    pub const ADD_STEP: &str = "できごとを追加";
    pub const STEP_HINT: &str = "会議・研修以外のできごと（例: 薬局を起点とした社会的処方連携スタート）。";
    pub const STEP_DATE: &str = "日付";
    pub const STEP_WHAT: &str = "できごと";
    pub const STEP_LEVEL: &str = "連携の段階（任意）";
    pub const NO_LEVEL: &str = "（なし）";
    pub const ADD: &str = "追加する";
    pub const LINKS: &str = "結びつけた会議・研修";
    pub const MEETINGS: &str = "会議";
    pub const TRAININGS: &str = "研修";
    pub const NONE: &str = "なし";
    pub const UNLINK: &str = "外す";
    pub const LINK_MEETING: &str = "会議を結びつける";
    pub const LINK_TRAINING: &str = "研修を結びつける";
    pub const CHOOSE: &str = "（選ぶ）";
    pub const LINK: &str = "結びつける";
    pub const GROUPED: &str = "取組に含まれる課題・相談・連絡票";
    pub const GROUPED_HINT: &str = "課題・相談はそれぞれの編集画面で、連絡票はそのページで取組に加えます。閲覧できるものだけが表示されます。";
    pub const ISSUES: &str = "課題";
    pub const CONSULTATIONS: &str = "相談";
    pub const REFERRALS: &str = "連絡票";
    pub use crate::components::words::UPDATED;
    pub const NOTICES: &[(&str, &str)] = &[
        ("saved", "保存しました。"),
        ("linked", "結びつけました。"),
        ("unlinked", "結びつけを外しました。"),
        ("step", "できごとを追加しました。"),
        ("removed", "できごとを削除しました。"),
    ];
}

#[derive(Clone, Copy)]
struct Actions {
    link: ServerAction<LinkInitiativeRecord>,
    step: ServerAction<AddInitiativeStep>,
    remove: ServerAction<RemoveInitiativeStep>,
}

#[component]
pub fn InitiativePage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let actions = Actions { link: ServerAction::new(), step: ServerAction::new(), remove: ServerAction::new() };
    let can_write = use_can(Permission::WriteMeetings).get_untracked();
    let notice = use_notice(t::NOTICES);
    view! {
        <PageTitle text=t::TITLE />
        <Notice notice />
        <FormMessage errors=FormErrors::of(actions.link) />
        <FormMessage errors=FormErrors::of(actions.remove) />
        {loaded(get_initiative(id), move |i| view! { <Initiative i can_write actions /> }.into_any())}
    }
}

#[component]
fn Initiative(i: InitiativeView, can_write: bool, actions: Actions) -> impl IntoView {
    let row = |label: &'static str, value: String| view! { <dt>{label}</dt><dd class="pre">{value}</dd> };
    let next = [i.input.next_step.clone(), i.next_step_on.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ／ ");
    let id = i.id;
    view! {
        <article>
            <p class="no-print"><a href="/initiatives">{t::BACK}</a></p>
            <h1>{i.input.title.clone()} " " <StatusBadge status=i.status /></h1>
            <div class="actions no-print">
                {can_write.then(|| view! { <a class="button secondary" href=format!("/initiatives/{id}/edit")>{t::EDIT}</a> })}
                <a class="button secondary" href=format!("/initiatives/{id}/trail") data-testid="trail-print">{t::TRAIL_PRINT}</a>
            </div>
            <dl class="facts card">
                {row(t::SCENES, i.scenes.join("、"))}
                {row(t::PARTNERS, i.input.partners.clone())}
                {row(t::NEXT_STEP, next)}
                {(!i.input.notes.is_empty()).then(|| row(t::NOTES, i.input.notes.clone()))}
            </dl>
            <section class="card" id="trail">
                <h2>{t::TRAIL}</h2>
                <TrailTable rows=i.trail.clone() remove=can_write.then_some((id, actions.remove)) />
                {can_write.then(|| view! { <StepForm id action=actions.step /> })}
            </section>
            <section class="card no-print" id="links">
                <h2>{t::LINKS}</h2>
                <Linked id kind="meeting" label=t::MEETINGS items=i.meetings.clone() action=actions.link can_write />
                <Linked id kind="training" label=t::TRAININGS items=i.trainings.clone() action=actions.link can_write />
                {can_write.then(|| view! {
                    <LinkForm id kind="meeting" label=t::LINK_MEETING choices=i.meeting_choices.clone() action=actions.link />
                    <LinkForm id kind="training" label=t::LINK_TRAINING choices=i.training_choices.clone() action=actions.link />
                })}
            </section>
            <Grouped issues=i.issues.clone() consultations=i.consultations.clone() referrals=i.referrals.clone() />
            <p class="muted">{t::UPDATED} ": " {i.updated_at.clone()}</p>
        </article>
    }
}

/// The trail as a table; `remove`: the initiative and the action that removes its own steps.
#[component]
pub fn TrailTable(rows: Vec<TrailRow>, remove: Option<(i32, ServerAction<RemoveInitiativeStep>)>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">{t::TRAIL_EMPTY}</p> }.into_any();
    }
    view! {
        <div class="table-scroll">
            <table class="data-table trail" data-testid="trail">
                <thead><tr>
                    <th scope="col">{t::COL_FY}</th><th scope="col">{t::COL_DATE}</th><th scope="col">{t::COL_WHAT}</th><th scope="col">{t::COL_LEVEL}</th>
                    {remove.is_some().then(|| view! { <th scope="col" class="no-print"></th> })}
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <td class="nowrap">{r.fiscal_year.clone()}</td>
                            <td class="nowrap" title=r.date.clone()>{r.month_day.clone()}</td>
                            <td>{match r.href.clone() {
                                Some(href) => view! { <a href=href>{r.what.clone()}</a> }.into_any(),
                                None => view! { <span>{r.what.clone()}</span> }.into_any(),
                            }}</td>
                            <td class="nowrap">{r.level.clone()}</td>
                            {remove.map(|(id, action)| view! {
                                <td class="no-print">
                                    {r.step_id.map(|step| view! {
                                        <ActionForm action attr:class="inline">
                                            <input type="hidden" name="id" value=id />
                                            <input type="hidden" name="step" value=step />
                                            <button type="submit" class="secondary small" aria-label=format!("「{}」を{}", r.what, t::REMOVE)>{t::REMOVE}</button>
                                        </ActionForm>
                                    })}
                                </td>
                            })}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn StepForm(id: i32, action: ServerAction<AddInitiativeStep>) -> impl IntoView {
    let errors = FormErrors::of(action);
    let v = move |name: &str| errors.value_or(name, "");
    let levels: Vec<(String, String)> = Level::ALL.iter().map(|l| (l.number().to_string(), l.label().to_string())).collect();
    view! {
        <ActionForm action attr:class="stack no-print" attr:data-testid="step-form">
            <h3>{t::ADD_STEP}</h3>
            <p class="hint">{t::STEP_HINT}</p>
            <FormMessage errors />
            <input type="hidden" name="id" value=id />
            <div class="row">
                <TextField label=t::STEP_DATE name="happened_on" input_type="date" value=v("happened_on") required=true errors />
                <SelectField label=t::STEP_LEVEL name="level" options=levels selected=v("level") empty_label=t::NO_LEVEL errors />
            </div>
            <TextField label=t::STEP_WHAT name="description" value=v("description") required=true maxlength=500 errors />
            <div class="actions"><button type="submit">{t::ADD}</button></div>
        </ActionForm>
    }
}

#[component]
fn Linked(id: i32, kind: &'static str, label: &'static str, items: Vec<Ref>, action: ServerAction<LinkInitiativeRecord>, can_write: bool) -> impl IntoView {
    let base = if kind == "meeting" { "/meetings" } else { "/trainings" };
    view! {
        <h3>{label}</h3>
        {if items.is_empty() {
            view! { <p class="empty">{t::NONE}</p> }.into_any()
        } else {
            view! {
                <ul data-testid=format!("linked-{kind}s")>
                    {items.into_iter().map(|r| view! {
                        <li>
                            <a href=format!("{base}/{}", r.id)>{r.name.clone()}</a>
                            {can_write.then(|| view! {
                                " "
                                <ActionForm action attr:class="inline">
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="kind" value=kind />
                                    <input type="hidden" name=kind value=r.id />
                                    <input type="hidden" name="unlink" value="true" />
                                    <button type="submit" class="secondary small" aria-label=format!("「{}」を{}", r.name, t::UNLINK)>{t::UNLINK}</button>
                                </ActionForm>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

/// What the caller may read of the issues, consultations and slips it groups; nothing when
/// there is none.
#[component]
fn Grouped(issues: Vec<Ref>, consultations: Vec<Ref>, referrals: Vec<Ref>) -> impl IntoView {
    let list = |label: &'static str, base: &'static str, testid: &'static str, items: Vec<Ref>| {
        (!items.is_empty()).then(|| view! {
            <h3>{label}</h3>
            <ul data-testid=testid>
                {items.into_iter().map(|r| view! { <li><a href=format!("{base}/{}", r.id)>{r.name}</a></li> }).collect_view()}
            </ul>
        })
    };
    (!(issues.is_empty() && consultations.is_empty() && referrals.is_empty())).then(|| view! {
        <section class="card no-print" id="grouped" data-testid="grouped">
            <h2>{t::GROUPED}</h2>
            <p class="hint">{t::GROUPED_HINT}</p>
            {list(t::ISSUES, "/issues", "grouped-issues", issues)}
            {list(t::CONSULTATIONS, "/consultations", "grouped-consultations", consultations)}
            {list(t::REFERRALS, "/referrals", "grouped-referrals", referrals)}
        </section>
    })
}

#[component]
fn LinkForm(id: i32, kind: &'static str, label: &'static str, choices: Vec<Ref>, action: ServerAction<LinkInitiativeRecord>) -> impl IntoView {
    let errors = FormErrors::of(action);
    let options: Vec<(String, String)> = choices.into_iter().map(|r| (r.id.to_string(), r.name)).collect();
    let name: &'static str = kind;
    view! {
        <ActionForm action attr:class="stack" attr:data-testid=format!("link-{kind}")>
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="kind" value=kind />
            <SelectField label name options required=true empty_label=t::CHOOSE errors />
            <div class="actions"><button type="submit">{t::LINK}</button></div>
        </ActionForm>
    }
}
