//! The training form: new (`/trainings/new`, `?from=ID` to plan next year's event from
//! this year's) and edit (`/trainings/:id/edit`). A new training is offered the standard
//! task list with due dates relative to the event day.

use crate::api::trainings::{get_training, get_training_choices, SaveTraining, TrainingChoices};
use crate::components::error_view::ErrorMessage;
use crate::components::islands::FormDraft;
use crate::components::form::{list_value, CheckboxGroup, FormErrors, FormMessage, SelectField, TextArea, TextField};
use crate::components::nav::use_id_param;
use crate::components::session::RequireCan;
use crate::components::tags::{InitiativeChoice, SceneChoice};
use crate::domain::meetings::WORK_ITEMS;
use crate::domain::trainings::{default_plan, offset_label, TrainingInput, ASSIGNEES, FORMATS, HOSTING, LEVELS, STANDARD_TASKS, STATUSES, SUPPORT_KINDS};
use crate::domain::Permission;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

mod t {
    pub const NEW_TITLE: &str = "研修の登録";
    pub const EDIT_TITLE: &str = "研修の編集";
    pub use crate::components::words::LOADING;
    pub const TITLE: &str = "研修名";
    pub const THEME: &str = "テーマ・ねらい";
    pub const HOSTING: &str = "開催形態";
    pub const ORGANISER: &str = "主催（共催）する機関・団体";
    pub const TEAM: &str = "チーム（自主開催）";
    pub const LEVEL: &str = "連携の段階";
    pub const PROFESSIONS: &str = "対象の職種";
    pub const LEVEL_REASON: &str = "段階についての理由";
    pub const LEVEL_REASON_HINT: &str = "段階の目安（二次は職種2つ以上、三次は3つ以上）と違うときだけ入力します。";
    pub const DATE: &str = "開催日";
    pub const DATE_HINT: &str = "未確定なら予定日を入れてください。タスクの期限はこの日から計算します。";
    pub const START: &str = "開始時刻";
    pub const END: &str = "終了時刻";
    pub const VENUE: &str = "会場";
    pub const FORMAT: &str = "開催方法";
    pub const CAPACITY: &str = "定員";
    pub const STATUS: &str = "状況";
    pub const WORK_ITEMS: &str = "事業項目";
    pub const SUPPORT: &str = "役割分担（支援の内容）";
    pub const SUPPORT_HINT: &str = "準備の打ち合わせで決めた分担を入れます。開催形態に合わせた初期値を調整してください。";
    pub const COL_KIND: &str = "支援の内容";
    pub const COL_WHO: &str = "担当";
    pub const COL_NOTE: &str = "備考";
    pub const TASKS: &str = "標準のタスク";
    pub const TASKS_HINT: &str = "チェックしたタスクを、開催日からの日数で期限を付けて作ります（-60 は60日前）。名前と日数は変えられます。";
    pub const COL_MAKE: &str = "作成";
    pub const COL_TASK: &str = "タスク";
    pub const COL_DAYS: &str = "開催日からの日数";
    pub const COL_OWNER: &str = "担当";
    pub const OWNER_AUTO: &str = "開催形態に合わせる";
    pub const OWNER_HINT: &str = "担当の「開催形態に合わせる」は、開催支援なら会場の確保・申込の締切・参加者名簿の作成を主催の団体に、ほかのタスクをあなたに割り当てます。チーム主催・共催では、すべてあなたの担当になります。";
    pub const OWNER_ORGANISER: &str = "主催者（チーム主催ならあなた）";
    pub const NO_OWNER: &str = "（未定）";
    pub use crate::components::words::SAVE;
    pub use crate::components::words::CANCEL;
    pub const CHOOSE: &str = "選んでください";
}

#[component]
pub fn TrainingFormPage(#[prop(optional)] edit: bool) -> impl IntoView {
    view! { <RequireCan permission=Permission::WriteTrainings><TrainingFormInner edit /></RequireCan> }
}

#[component]
fn TrainingFormInner(edit: bool) -> impl IntoView {
    let id = use_id_param().get_untracked();
    let from = use_query_map().with_untracked(|q| q.get("from").and_then(|s| s.parse::<i32>().ok()));
    let save = ServerAction::<SaveTraining>::new();
    let errors = FormErrors::of(save);
    let title = if edit { t::EDIT_TITLE } else { t::NEW_TITLE };
    view! {
        <PageTitle text=title />
        <h1>{title}</h1>
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                let existing = match (edit, from) {
                    (true, _) => get_training(id).await.map(Some),
                    (false, Some(from)) => get_training(from).await.map(Some),
                    _ => Ok(None),
                };
                match (existing, get_training_choices().await) {
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorMessage error=e /> }.into_any(),
                    (Ok(existing), Ok(choices)) => {
                        let (base, tid, version) = match (edit, existing) {
                            (true, Some(v)) => (v.input.clone(), Some(v.id), Some(v.version)),
                            (false, Some(v)) => (v.input.clone().for_next_year(), None, None),
                            _ => (new_defaults(), None, None),
                        };
                        let cancel = tid.map(|i| format!("/trainings/{i}")).unwrap_or_else(|| "/trainings".into());
                        view! { <TrainingForm save errors base id=tid version choices cancel /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// A new training: support to an association's event (the team's preferred way), in
/// person, 三次連携, planning, work item カ.
fn new_defaults() -> TrainingInput {
    TrainingInput {
        hosting: "support".into(),
        level: "3".into(),
        format: "inperson".into(),
        status: "planning".into(),
        work_items: vec!["カ".into()],
        support: default_plan("support"),
        ..Default::default()
    }
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(c, l)| (c.to_string(), l.to_string())).collect()
}

#[component]
fn TrainingForm(
    save: ServerAction<SaveTraining>,
    errors: FormErrors,
    base: TrainingInput,
    id: Option<i32>,
    version: Option<i32>,
    choices: TrainingChoices,
    cancel: String,
) -> impl IntoView {
    let v = move |name: &str, default: &str| errors.value_or(name, default);
    let professions = list_value(errors, "professions", base.professions.iter().map(i32::to_string).collect());
    let work_items = list_value(errors, "work_items", base.work_items.clone());
    let levels: Vec<(String, String)> = LEVELS.iter().map(|(n, l)| (n.to_string(), l.to_string())).collect();
    let organisers: Vec<(String, String)> = choices.organisations.iter().map(|o| (o.id.to_string(), o.name.clone())).collect();
    let profession_options: Vec<(String, String)> = choices.professions.iter().map(|p| (p.id.to_string(), p.name.clone())).collect();
    let work_item_options: Vec<(String, String)> = WORK_ITEMS.iter().map(|(c, l)| (c.to_string(), format!("【{c}】{l}"))).collect();
    let support_error = errors.field("support").get_untracked();
    let tasks_error = errors.field("tasks").get_untracked();
    let plan: Vec<(String, String)> = (0..SUPPORT_KINDS.len())
        .map(|i| {
            let (a, n) = base.support.get(i).cloned().unwrap_or_else(|| ("none".into(), String::new()));
            (v(&format!("support_{i}"), &a), v(&format!("support_note_{i}"), &n))
        })
        .collect();
    let coordinators = choices.coordinators.clone();
    view! {
        <FormDraft form_id="training-form" key=id.map_or_else(|| "training-new".to_string(), |i| format!("training-{i}")) />
        <ActionForm action=save attr:id="training-form" attr:class="stack card" attr:data-testid="training-form">
            <FormMessage errors />
            {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            {version.map(|v| view! { <input type="hidden" name="version" value=v /> })}
            <TextField label=t::TITLE name="title" value=v("title", &base.title) required=true maxlength=200 errors />
            <TextArea label=t::THEME name="theme" value=v("theme", &base.theme) rows=3 errors />
            <div class="row">
                <SelectField label=t::HOSTING name="hosting" options=pairs(HOSTING) selected=v("hosting", &base.hosting) required=true empty_label=t::CHOOSE errors />
                <SelectField label=t::ORGANISER name="organiser" options=organisers selected=v("organiser", &base.organiser) empty_label=t::TEAM errors />
                <SelectField label=t::LEVEL name="level" options=levels selected=v("level", &base.level) required=true empty_label=t::CHOOSE errors />
            </div>
            <CheckboxGroup legend=t::PROFESSIONS name="professions" options=profession_options selected=professions errors />
            <TextField label=t::LEVEL_REASON name="level_reason" value=v("level_reason", &base.level_reason) maxlength=500 hint=t::LEVEL_REASON_HINT errors />
            <div class="row">
                <TextField label=t::DATE name="held_on" input_type="date" value=v("held_on", &base.held_on) required=true hint=t::DATE_HINT errors />
                <TextField label=t::START name="start_time" input_type="time" value=v("start_time", &base.start_time) errors />
                <TextField label=t::END name="end_time" input_type="time" value=v("end_time", &base.end_time) errors />
            </div>
            <div class="row">
                <TextField label=t::VENUE name="venue" value=v("venue", &base.venue) maxlength=200 errors />
                <SelectField label=t::FORMAT name="format" options=pairs(FORMATS) selected=v("format", &base.format) required=true empty_label=t::CHOOSE errors />
                <TextField label=t::CAPACITY name="capacity" input_type="number" value=v("capacity", &base.capacity) errors />
                <SelectField label=t::STATUS name="status" options=pairs(STATUSES) selected=v("status", &base.status) required=true empty_label=t::CHOOSE errors />
            </div>
            <CheckboxGroup legend=t::WORK_ITEMS name="work_items" options=work_item_options selected=work_items errors />
            <SceneChoice selected=base.scenes.clone() errors />
            <InitiativeChoice options=choices.initiatives.clone() selected=base.initiatives.clone().unwrap_or_default() errors />
            <fieldset class="field" id="f-support" aria-describedby="f-support-error">
                <legend>{t::SUPPORT}</legend>
                <p class="hint">{t::SUPPORT_HINT}</p>
                <div class="table-scroll">
                <table class="data-table compact support-plan">
                    <thead><tr><th scope="col">{t::COL_KIND}</th><th scope="col">{t::COL_WHO}</th><th scope="col">{t::COL_NOTE}</th></tr></thead>
                    <tbody>
                        {SUPPORT_KINDS.iter().zip(plan).enumerate().map(|(i, ((_, kind), (who, note)))| {
                            let sid = format!("f-support-{i}");
                            let nid = format!("f-support-note-{i}");
                            view! {
                                <tr>
                                    <th scope="row"><label for=sid.clone()>{*kind}</label></th>
                                    <td>
                                        <select id=sid name="support[]">
                                            {ASSIGNEES.iter().map(|(c, l)| view! { <option value=*c selected=who == *c>{*l}</option> }).collect_view()}
                                        </select>
                                    </td>
                                    <td><input id=nid name="support_note[]" value=note maxlength=500 aria-label=format!("{} {}", kind, t::COL_NOTE) /></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
                <p class="field-error" id="f-support-error" role="alert" hidden=support_error.is_none()>{support_error.clone().unwrap_or_default()}</p>
            </fieldset>
            {id.is_none().then(|| view! {
                <fieldset class="field" id="f-tasks" aria-describedby="f-tasks-error" data-testid="standard-tasks">
                    <legend>{t::TASKS}</legend>
                    <p class="hint">{t::TASKS_HINT}</p>
                    <p class="hint">{t::OWNER_HINT}</p>
                    <div class="table-scroll">
                    <table class="data-table compact task-template">
                        <thead><tr><th scope="col">{t::COL_MAKE}</th><th scope="col">{t::COL_TASK}</th><th scope="col">{t::COL_DAYS}</th><th scope="col">{t::COL_OWNER}</th></tr></thead>
                        <tbody>
                            {STANDARD_TASKS.iter().enumerate().map(|(i, (title, days, _))| {
                                view! {
                                    <tr>
                                        <td><input type="checkbox" name="task_pick[]" value=i checked=true aria-label=format!("{}: {}", t::COL_MAKE, title) /></td>
                                        <td><input name="task_title[]" value=*title maxlength=500 aria-label=format!("{} {}", t::COL_TASK, i + 1) /></td>
                                        <td><input name="task_offset[]" type="number" value=*days min=-730 max=730 class="count" aria-label=format!("{}: {}", title, t::COL_DAYS) title=offset_label(*days) /></td>
                                        <td>
                                            <select name="task_owner[]" aria-label=format!("{}: {}", title, t::COL_OWNER)>
                                                <option value="auto" selected=true>{t::OWNER_AUTO}</option>
                                                <option value="">{t::NO_OWNER}</option>
                                                <option value="organiser">{t::OWNER_ORGANISER}</option>
                                                {coordinators.iter().map(|u| view! { <option value=format!("u:{}", u.id)>{u.name.clone()}</option> }).collect_view()}
                                            </select>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                    <p class="field-error" id="f-tasks-error" role="alert" hidden=tasks_error.is_none()>{tasks_error.clone().unwrap_or_default()}</p>
                </fieldset>
            })}
            <div class="actions">
                <button type="submit">{t::SAVE}</button>
                <a class="button secondary" href=cancel>{t::CANCEL}</a>
            </div>
        </ActionForm>
    }
}
