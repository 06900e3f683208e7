//! The meeting form: new (`/meetings/new`, also `?from=ID` to duplicate a recurring meeting,
//! `?organisation=ID` from an organisation's page) and edit (`/meetings/:id/edit`).

use crate::api::meetings::{get_meeting, get_meeting_choices, AttendeeView, MeetingChoices, SaveMeeting};
use crate::api::trainings::get_training;
use crate::components::error_view::ErrorMessage;
use crate::components::islands::FormDraft;
use crate::components::islands::CheckboxPicker;
use crate::components::form::{list_value, CheckboxField, CheckboxGroup, FormErrors, FormMessage, SelectField, TextArea, TextField};
use crate::components::nav::use_id_param;
use crate::components::session::use_user;
use crate::components::tags::{InitiativeChoice, SceneChoice};
use crate::domain::meetings::{Level, MeetingInput, WORK_ITEMS};
use leptos::prelude::*;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

mod t {
    pub const NEW_TITLE: &str = "会議を記録する";
    pub const EDIT_TITLE: &str = "会議の記録を編集";
    pub use crate::components::words::LOADING;
    pub const DATE: &str = "開催日";
    pub const START: &str = "開始時刻";
    pub const END: &str = "終了時刻";
    pub const LEVEL: &str = "連携の段階";
    pub const LEVEL_HINT: &str = "一次: 1つの職種と ／ 二次: 複数の職種をつなぐ ／ 三次: 多職種・地域全体";
    pub const KIND: &str = "種類";
    pub const TITLE: &str = "件名";
    pub const TITLE_HINT: &str = "例: 薬剤師会 打ち合わせ会";
    pub const PLACE: &str = "場所";
    pub const ONLINE: &str = "オンライン開催";
    pub const PROFESSIONS: &str = "相手の職種（複数選べます）";
    pub const ORGANISATIONS: &str = "関わった機関・団体";
    pub const PEOPLE: &str = "出席者（名簿から）";
    pub const FILTER: &str = "名前・ふりがなで絞り込み";
    pub const CHOSEN_ORGANISATIONS: &str = "選んだ機関・団体";
    pub const CHOSEN_PEOPLE: &str = "選んだ出席者";
    /// A chip's button; `{}` is the name.
    pub const REMOVE: &str = "{}を外す";
    pub const NO_MATCH: &str = "一致するものはありません。";
    pub const GUESTS: &str = "名簿にない出席者";
    pub const GUESTS_HINT: &str = "1行に1人（例: 釜石太郎（〇〇薬局））";
    pub const COORDINATORS: &str = "出席したコーディネーター";
    pub const PURPOSE: &str = "目的";
    pub const MINUTES: &str = "議事録";
    pub const MINUTES_HINT: &str = "改行はそのまま表示・印刷されます。";
    pub const DECISIONS: &str = "決定事項";
    pub const WORK_ITEMS: &str = "事業項目（ア〜ク、複数選べます）";
    pub const LEVEL_REASON: &str = "段階についての理由";
    pub const LEVEL_REASON_HINT: &str = "段階の目安（一次は職種1つ、二次は2つ以上、三次は3つ以上）と違うときだけ入力します。";
    pub use crate::components::words::SAVE;
    pub use crate::components::words::CANCEL;
    pub const CHOOSE: &str = "選んでください";
    pub const NO_ORGANISATION: &str = "所属なし";
}

#[component]
pub fn MeetingFormPage(#[prop(optional)] edit: bool) -> impl IntoView {
    let id = use_id_param().get_untracked();
    let query = use_query_map().get_untracked();
    let from = query.get("from").and_then(|s| s.parse::<i32>().ok());
    let save = ServerAction::<SaveMeeting>::new();
    let errors = FormErrors::of(save);
    // Recorded from a training's page: `?training=ID&role=preparation|reflection`.
    let link = query.get("training").and_then(|s| s.parse::<i32>().ok()).map(|t| {
        let role = query.get("role").filter(|r| r == "reflection").unwrap_or_else(|| "preparation".into());
        (t, role)
    });
    let training_id = if edit { None } else { link.as_ref().map(|(t, _)| *t) };
    // Recorded from an organisation's page: `?organisation=ID`.
    let organisation_id = if edit { None } else { query.get("organisation").and_then(|s| s.parse::<i32>().ok()) };
    let me = use_user().get_untracked().map(|u| u.id);
    let title = if edit { t::EDIT_TITLE } else { t::NEW_TITLE };
    view! {
        <PageTitle text=title />
        <h1>{title}</h1>
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                let existing = match (edit, from) {
                    (true, _) => get_meeting(id).await.map(Some),
                    (false, Some(from)) => get_meeting(from).await.map(Some),
                    _ => Ok(None),
                };
                let choices = get_meeting_choices().await;
                let training = match training_id {
                    Some(t) => get_training(t).await.map(Some),
                    None => Ok(None),
                };
                // An unknown or unreadable organisation only loses the prefill, not the form.
                let organisation = match organisation_id {
                    Some(o) => crate::api::directory::get_organisation(o).await.ok(),
                    None => None,
                };
                match (existing, choices, training) {
                    (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => view! { <ErrorMessage error=e /> }.into_any(),
                    (Ok(m), Ok(choices), Ok(tr)) => {
                        let role = link.map(|(_, r)| r).unwrap_or_default();
                        let (base, mid, version) = match (edit, m, &tr) {
                            (true, Some(m), _) => (m.input.clone(), Some(m.id), Some(m.version)),
                            (false, Some(m), _) => (copy_for_next(m.input.clone()), None, None),
                            (false, None, Some(tr)) => (for_training(tr, &role, me), None, None),
                            _ => (new_defaults(&query, me, organisation.as_ref()), None, None),
                        };
                        let link_to = tr.as_ref().map(|t| (t.id, role));
                        let cancel = match (mid, &link_to) {
                            (Some(i), _) => format!("/meetings/{i}"),
                            (None, Some((t, _))) => format!("/trainings/{t}"),
                            _ => "/meetings".into(),
                        };
                        view! { <MeetingForm save errors base id=mid version choices cancel link_to /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// A new meeting: today, the signed-in coordinator, and what the link asked for
/// (`?level=1&profession=3`, `?organisation=ID` with that organisation's professions).
fn new_defaults(q: &leptos_router::params::ParamsMap, user: Option<i32>, organisation: Option<&crate::api::directory::OrganisationView>) -> MeetingInput {
    let mut professions: Vec<i32> = q.get("profession").and_then(|s| s.parse().ok()).into_iter().collect();
    if professions.is_empty() {
        professions = organisation.map(|o| o.professions.iter().map(|p| p.id).collect()).unwrap_or_default();
    }
    MeetingInput {
        held_on: crate::clock::today().to_string(),
        level: q.get("level").unwrap_or_default(),
        kind: "uchiawase".into(),
        professions,
        organisations: organisation.map(|o| o.id).into_iter().collect(),
        coordinators: user.into_iter().collect(),
        ..Default::default()
    }
}

/// A meeting around a training: its preparation (事前打ち合わせ) or its 反省会, with the
/// training's professions and organiser. With one profession it is a 一次連携.
fn for_training(t: &crate::api::trainings::TrainingView, role: &str, user: Option<i32>) -> MeetingInput {
    let reflection = role == "reflection";
    MeetingInput {
        held_on: crate::clock::today().to_string(),
        level: if t.professions.len() == 1 { "1".into() } else { "2".into() },
        kind: if reflection { "hansei".into() } else { "jizen".into() },
        title: format!("{} {}", t.input.title, if reflection { "反省会" } else { "事前打ち合わせ" }),
        professions: t.professions.iter().map(|p| p.id).collect(),
        organisations: t.organiser.iter().map(|o| o.id).collect(),
        coordinators: user.into_iter().collect(),
        purpose: if reflection { String::new() } else { format!("研修「{}」の準備（役割分担の確認）", t.input.title) },
        work_items: vec!["カ".into()],
        ..Default::default()
    }
}

/// The next meeting of a series: same people and purpose, no date, minutes or decisions.
fn copy_for_next(m: MeetingInput) -> MeetingInput {
    MeetingInput { held_on: String::new(), minutes: String::new(), decisions: String::new(), ..m }
}

/// The boxes of checkboxes the pickers enhance (ids in the page).
const ORGANISATIONS_BOX: &str = "organisations-box";
const PEOPLE_BOX: &str = "people-box";

/// A checkbox of a picker: the value posted, the name shown and the reading (ふりがな)
/// the picker's filter also matches.
struct PickerRow {
    value: String,
    name: String,
    kana: String,
}

/// The people of one organisation (none: 所属なし) on the form.
struct PeopleGroup {
    organisation: Option<i32>,
    legend: String,
    /// Its place as the server sorted the groups: the picker puts a group back there when
    /// its organisation is unticked.
    index: usize,
    /// Its organisation is ticked: drawn first.
    chosen: bool,
    rows: Vec<PickerRow>,
}

/// The people grouped by organisation in the order the server sorted them (those without
/// one last), the groups of the organisations already ticked first, as the picker moves
/// them when an organisation is ticked later.
fn people_groups(people: &[AttendeeView], ticked: &[String]) -> Vec<PeopleGroup> {
    let mut groups: Vec<PeopleGroup> = Vec::new();
    for p in people {
        let row = PickerRow { value: p.id.to_string(), name: p.name.clone(), kana: p.kana.clone() };
        let next = groups.len();
        match groups.last_mut() {
            Some(g) if g.organisation == p.organisation_id => g.rows.push(row),
            _ => groups.push(PeopleGroup {
                organisation: p.organisation_id,
                legend: p.organisation.clone().unwrap_or_else(|| t::NO_ORGANISATION.to_string()),
                index: next,
                chosen: p.organisation_id.is_some_and(|o| ticked.contains(&o.to_string())),
                rows: vec![row],
            }),
        }
    }
    groups.sort_by_key(|g| !g.chosen);
    groups
}

/// One labelled checkbox per row, named `name[]` with the row's value as the server function
/// reads it (the same with or without the picker), ticked when `selected` holds it.
#[component]
fn PickerRows(name: &'static str, rows: Vec<PickerRow>, selected: Vec<String>) -> impl IntoView {
    rows.into_iter()
        .map(|PickerRow { value, name: label, kana }| {
            let checked = selected.contains(&value);
            let id = format!("f-{name}-{value}");
            let for_id = id.clone();
            let (row_name, input_name) = (label.clone(), label.clone());
            view! {
                <span class="checkbox picker-row" data-name=row_name data-kana=kana>
                    <input type="checkbox" id=id name=format!("{name}[]") value=value checked=checked data-name=input_name />
                    <label for=for_id>{label}</label>
                </span>
            }
        })
        .collect_view()
}

#[component]
fn MeetingForm(
    save: ServerAction<SaveMeeting>,
    errors: FormErrors,
    base: MeetingInput,
    id: Option<i32>,
    version: Option<i32>,
    choices: MeetingChoices,
    cancel: String,
    /// The training to link the new meeting to, and as what.
    link_to: Option<(i32, String)>,
) -> impl IntoView {
    let v = move |name: &str, default: &str| errors.value_or(name, default);
    let ids = |v: &[i32]| v.iter().map(i32::to_string).collect::<Vec<_>>();
    let professions = list_value(errors, "professions", ids(&base.professions));
    let organisations = list_value(errors, "organisations", ids(&base.organisations));
    let people = list_value(errors, "people", ids(&base.people));
    let coordinators = list_value(errors, "coordinators", ids(&base.coordinators));
    let work_items = list_value(errors, "work_items", base.work_items.clone());
    let online = errors.error().get_untracked().and_then(|e| e.input("online").map(|s| !s.is_empty())).unwrap_or(base.online);
    let levels: Vec<(String, String)> = Level::ALL.iter().map(|l| (l.number().to_string(), l.label().to_string())).collect();
    // A retired kind only for the meeting that has it (not for a new one copied from it).
    let kinds: Vec<(String, String)> = choices
        .kinds
        .iter()
        .filter(|k| k.active || (id.is_some() && k.code == base.kind))
        .map(|k| (k.code.clone(), k.name.clone()))
        .collect();
    let work_item_options: Vec<(String, String)> = WORK_ITEMS.iter().map(|(c, l)| (c.to_string(), format!("【{c}】{l}"))).collect();
    let profession_options: Vec<(String, String)> = choices.professions.iter().map(|p| (p.id.to_string(), p.name.clone())).collect();
    let coordinator_options: Vec<(String, String)> = choices.coordinators.iter().map(|u| (u.id.to_string(), u.name.clone())).collect();
    let org_error = errors.field("organisations");
    let people_error = errors.field("people");
    let org_kana: std::collections::HashMap<i32, String> = choices.organisation_kana.iter().cloned().collect();
    let organisation_rows = choices
        .organisations
        .iter()
        .map(|o| PickerRow { value: o.id.to_string(), name: o.name.clone(), kana: org_kana.get(&o.id).cloned().unwrap_or_default() })
        .collect::<Vec<_>>();
    let groups = people_groups(&choices.people, &organisations);
    view! {
        <FormDraft form_id="meeting-form" key=id.map_or_else(|| "meeting-new".to_string(), |i| format!("meeting-{i}")) />
        <ActionForm action=save attr:id="meeting-form" attr:class="stack card" attr:data-testid="meeting-form">
            <FormMessage errors />
            {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            {version.map(|v| view! { <input type="hidden" name="version" value=v /> })}
            {link_to.map(|(t, role)| view! {
                <input type="hidden" name="training" value=t />
                <input type="hidden" name="training_role" value=role />
            })}
            <div class="row">
                <TextField label=t::DATE name="held_on" input_type="date" value=v("held_on", &base.held_on) required=true errors />
                <TextField label=t::START name="start_time" input_type="time" value=v("start_time", &base.start_time) errors />
                <TextField label=t::END name="end_time" input_type="time" value=v("end_time", &base.end_time) errors />
            </div>
            <div class="row">
                <SelectField label=t::LEVEL name="level" options=levels selected=v("level", &base.level) required=true empty_label=t::CHOOSE errors />
                <SelectField label=t::KIND name="kind" options=kinds selected=v("kind", &base.kind) required=true empty_label=t::CHOOSE errors />
            </div>
            <p class="hint">{t::LEVEL_HINT}</p>
            <TextField label=t::TITLE name="title" value=v("title", &base.title) required=true maxlength=200 hint=t::TITLE_HINT errors />
            <div class="row">
                <TextField label=t::PLACE name="place" value=v("place", &base.place) maxlength=200 errors />
                <CheckboxField label=t::ONLINE name="online" checked=online />
            </div>
            <CheckboxGroup legend=t::PROFESSIONS name="professions" options=profession_options selected=professions errors />
            <TextField label=t::LEVEL_REASON name="level_reason" value=v("level_reason", &base.level_reason) maxlength=500 hint=t::LEVEL_REASON_HINT errors />
            <fieldset class="field picker" id="f-organisations" aria-describedby="f-organisations-error">
                <legend>{t::ORGANISATIONS}</legend>
                <CheckboxPicker target=ORGANISATIONS_BOX.to_string() label=t::FILTER.to_string() chosen=t::CHOSEN_ORGANISATIONS.to_string() remove=t::REMOVE.to_string() none=t::NO_MATCH.to_string() />
                <div class="picker-box checkbox-grid" id=ORGANISATIONS_BOX data-testid="organisations-box">
                    <PickerRows name="organisations" rows=organisation_rows selected=organisations.clone() />
                </div>
                <p class="field-error" id="f-organisations-error" role="alert" hidden=move || org_error.get().is_none()>{move || org_error.get().unwrap_or_default()}</p>
            </fieldset>
            <fieldset class="field picker" id="f-people" aria-describedby="f-people-error">
                <legend>{t::PEOPLE}</legend>
                <CheckboxPicker target=PEOPLE_BOX.to_string() label=t::FILTER.to_string() chosen=t::CHOSEN_PEOPLE.to_string() remove=t::REMOVE.to_string() none=t::NO_MATCH.to_string() first_of=ORGANISATIONS_BOX.to_string() />
                <div class="picker-box" id=PEOPLE_BOX data-testid="people-box">
                    {groups.into_iter().map(|g| view! {
                        <fieldset class="picker-group" data-organisation=g.organisation.map(|o| o.to_string()) data-index=g.index.to_string() data-chosen=g.chosen.then_some("")>
                            <legend>{g.legend}</legend>
                            <div class="checkbox-grid">
                                <PickerRows name="people" rows=g.rows selected=people.clone() />
                            </div>
                        </fieldset>
                    }).collect_view()}
                </div>
                <p class="field-error" id="f-people-error" role="alert" hidden=move || people_error.get().is_none()>{move || people_error.get().unwrap_or_default()}</p>
            </fieldset>
            <TextArea label=t::GUESTS name="guests" value=v("guests", &base.guests) rows=3 hint=t::GUESTS_HINT errors />
            <CheckboxGroup legend=t::COORDINATORS name="coordinators" options=coordinator_options selected=coordinators errors />
            <TextArea label=t::PURPOSE name="purpose" value=v("purpose", &base.purpose) rows=3 errors />
            <TextArea label=t::MINUTES name="minutes" value=v("minutes", &base.minutes) rows=12 hint=t::MINUTES_HINT errors />
            <TextArea label=t::DECISIONS name="decisions" value=v("decisions", &base.decisions) rows=4 errors />
            <CheckboxGroup legend=t::WORK_ITEMS name="work_items" options=work_item_options selected=work_items errors />
            <SceneChoice selected=base.scenes.clone() errors />
            <InitiativeChoice options=choices.initiatives.clone() selected=base.initiatives.clone().unwrap_or_default() errors />
            <div class="actions">
                <button type="submit">{t::SAVE}</button>
                <a class="button secondary" href=cancel>{t::CANCEL}</a>
            </div>
        </ActionForm>
    }
}
