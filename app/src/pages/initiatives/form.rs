//! The initiative's form: new (`/initiatives/new`, `?meeting=` to start from a meeting) and
//! edit (`/initiatives/:id/edit`).

use crate::api::initiatives::{get_initiative, InitiativeInput, SaveInitiative};
use crate::components::form::{list_value, CheckboxGroup, FormErrors, FormMessage, SelectField, TextArea, TextField};
use crate::components::loaded::loaded;
use crate::components::nav::use_id_param;
use crate::components::page_title::PageTitle;
use crate::domain::initiatives::{Scene, Status};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const NEW_TITLE: &str = "新しい取組";
    pub const EDIT_TITLE: &str = "取組の編集";
    pub const FROM_MEETING: &str = "この取組に、元になった会議を結びつけます。";
    pub const TITLE: &str = "取組名";
    pub const TITLE_HINT: &str = "例: 薬局（薬剤師）×行政（保健師）の社会的処方連携";
    pub const STATUS: &str = "状況";
    pub const SCENES: &str = "目指す姿の4つの場面";
    pub const PARTNERS: &str = "連携先（機関・職種）";
    pub const PARTNERS_HINT: &str = "例: 薬剤師会、モデル薬局3店舗、地域包括支援センター（保健師）";
    pub const NEXT_STEP: &str = "次の一歩";
    pub const NEXT_STEP_ON: &str = "次の一歩の予定日";
    pub const NOTES: &str = "メモ";
    pub use crate::components::words::SAVE;
    pub use crate::components::words::CANCEL;
}

#[component]
pub fn InitiativeFormPage(#[prop(optional)] edit: bool) -> impl IntoView {
    let id = use_id_param().get_untracked();
    let meeting = use_query_map().with_untracked(|q| q.get("meeting").and_then(|m| m.trim().parse::<i32>().ok()));
    let save = ServerAction::<SaveInitiative>::new();
    let errors = FormErrors::of(save);
    let title = if edit { t::EDIT_TITLE } else { t::NEW_TITLE };
    let form = move |base: InitiativeInput, id: Option<i32>, version: Option<i32>| {
        let v = move |name: &str, default: &str| errors.value_or(name, default);
        let statuses: Vec<(String, String)> = Status::ALL.iter().map(|s| (s.code().to_string(), s.label().to_string())).collect();
        let scenes: Vec<(String, String)> = Scene::ALL.iter().map(|s| (s.code().to_string(), s.label().to_string())).collect();
        let cancel = id.map(|i| format!("/initiatives/{i}")).unwrap_or_else(|| "/initiatives".into());
        view! {
            <ActionForm action=save attr:class="stack card" attr:data-testid="initiative-form">
                <FormMessage errors />
                {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
                {version.map(|v| view! { <input type="hidden" name="version" value=v /> })}
                {meeting.filter(|_| id.is_none()).map(|m| view! { <input type="hidden" name="meeting" value=m /><p class="hint">{t::FROM_MEETING}</p> })}
                <TextField label=t::TITLE name="title" value=v("title", &base.title) required=true maxlength=200 hint=t::TITLE_HINT errors />
                <SelectField label=t::STATUS name="status" options=statuses selected=v("status", &base.status) required=true errors />
                <CheckboxGroup legend=t::SCENES name="scenes" options=scenes selected=list_value(errors, "scenes", base.scenes.clone()) errors />
                <TextArea label=t::PARTNERS name="partners" value=v("partners", &base.partners) rows=2 hint=t::PARTNERS_HINT errors />
                <div class="row">
                    <TextArea label=t::NEXT_STEP name="next_step" value=v("next_step", &base.next_step) rows=2 errors />
                    <TextField label=t::NEXT_STEP_ON name="next_step_on" input_type="date" value=v("next_step_on", &base.next_step_on) errors />
                </div>
                <TextArea label=t::NOTES name="notes" value=v("notes", &base.notes) rows=4 errors />
                <div class="actions">
                    <button type="submit">{t::SAVE}</button>
                    <a href=cancel>{t::CANCEL}</a>
                </div>
            </ActionForm>
        }
    };
    view! {
        <PageTitle text=title />
        <h1>{title}</h1>
        {if edit {
            loaded(get_initiative(id), move |i| form(InitiativeInput { scenes: i.scene_codes.clone(), ..i.input.clone() }, Some(i.id), Some(i.version)).into_any()).into_any()
        } else {
            form(InitiativeInput { status: Status::Preparing.code().into(), ..Default::default() }, None, None).into_any()
        }}
    }
}
