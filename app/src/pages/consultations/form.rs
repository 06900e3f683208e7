//! The consultation form: new (`/consultations/new`) and edit (`/consultations/:id/edit`).

use super::{method_options, region_options, status_options};
use crate::api::consultations::{get_consultation, get_consultation_choices, ConsultationChoices, SaveConsultation};
use crate::components::error_view::ErrorMessage;
use crate::components::islands::FormDraft;
use crate::components::form::{CheckboxField, FormErrors, FormMessage, SelectField, TextArea, TextField};
use crate::components::nav::use_id_param;
use crate::components::tags::InitiativeChoice;
use crate::domain::consultations::ConsultationInput;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;

mod t {
    pub const NEW_TITLE: &str = "相談の記録";
    pub const EDIT_TITLE: &str = "相談記録の編集";
    pub use crate::components::words::LOADING;
    pub const RECEIVED_ON: &str = "受付日";
    pub const RECEIVED_ON_HINT: &str = "年度は受付日から決まります（4月1日〜翌年3月31日）。";
    pub const CATEGORY: &str = "分類";
    pub const REQUESTER: &str = "相談者";
    pub const REQUESTER_HINT: &str = "空欄でも構いません。";
    // Not "相談者…": the label must stay distinct from the free-text field's.
    pub const REQUESTER_PERSON: &str = "名簿から選ぶ";
    pub const REQUESTER_PERSON_HINT: &str = "選ぶと、空欄の相談者・所属・職種に名簿の内容が入ります（入力した内容が優先されます）。名簿にない人は下の欄に入力してください。";
    pub const NOT_FROM_DIRECTORY: &str = "（名簿から選ばない）";
    pub const NO_ORGANISATION: &str = "（所属なし）";
    pub const ORGANISATION: &str = "所属（名簿から）";
    pub const ORGANISATION_TEXT: &str = "所属（名簿にない場合）";
    pub const PROFESSION: &str = "職種";
    pub const REGION: &str = "圏域";
    pub const METHOD: &str = "方法";
    pub const WANTED: &str = "欲しい相談（連携の課題・職能団体等の主体的な取組の相談）";
    pub const CONTENT: &str = "内容";
    pub const RESPONSE: &str = "対応";
    pub const STATUS: &str = "状況";
    pub const SOLVED_FY: &str = "解決策を実施した年度";
    pub const SOLVED_FY_HINT: &str = "H29、R6、2024 など。実施したときに入力します。";
    pub const MEETING: &str = "関連する会議";
    pub const ISSUE: &str = "関連する課題";
    pub const NONE: &str = "（なし）";
    pub const CHOOSE: &str = "選んでください";
    pub const UNKNOWN: &str = "（未記入）";
    pub use crate::components::words::SAVE;
    pub use crate::components::words::CANCEL;
}

#[component]
pub fn ConsultationFormPage(#[prop(optional)] edit: bool) -> impl IntoView {
    let id = use_id_param().get_untracked();
    let save = ServerAction::<SaveConsultation>::new();
    let errors = FormErrors::of(save);
    let title = if edit { t::EDIT_TITLE } else { t::NEW_TITLE };
    view! {
        <PageTitle text=title />
        <h1>{title}</h1>
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                let existing = if edit { get_consultation(id).await.map(Some) } else { Ok(None) };
                match (existing, get_consultation_choices(edit.then_some(id)).await) {
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorMessage error=e /> }.into_any(),
                    (Ok(c), Ok(choices)) => {
                        let linked: Vec<i32> = c.as_ref().map(|c| c.initiatives.iter().map(|r| r.id).collect()).unwrap_or_default();
                        let (base, cid, version) = match c {
                            Some(c) => (c.input.clone(), Some(c.id), Some(c.version)),
                            None => (ConsultationInput { received_on: crate::clock::today().to_string(), status: "done".into(), ..Default::default() }, None, None),
                        };
                        let cancel = cid.map(|i| format!("/consultations/{i}")).unwrap_or_else(|| "/consultations".into());
                        view! { <ConsultationForm save errors base id=cid version choices cancel linked /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

fn refs(list: &[crate::api::directory::Ref]) -> Vec<(String, String)> {
    list.iter().map(|r| (r.id.to_string(), r.name.clone())).collect()
}

#[component]
fn ConsultationForm(
    save: ServerAction<SaveConsultation>,
    errors: FormErrors,
    base: ConsultationInput,
    id: Option<i32>,
    version: Option<i32>,
    choices: ConsultationChoices,
    cancel: String,
    /// The initiatives it belongs to now.
    linked: Vec<i32>,
) -> impl IntoView {
    let v = move |name: &str, default: &str| errors.value_or(name, default);
    let picked = v("requester_person", &base.requester_person);
    let person_error = errors.field("requester_person");
    // People grouped by organisation, in the order the server sorted them.
    let mut groups: Vec<(String, Vec<(i32, String)>)> = Vec::new();
    for p in &choices.people {
        let org = p.organisation.clone().unwrap_or_else(|| t::NO_ORGANISATION.to_string());
        let label = match &p.profession {
            Some(prof) => format!("{}（{}）", p.name, prof),
            None => p.name.clone(),
        };
        match groups.last_mut() {
            Some((o, list)) if *o == org => list.push((p.id, label)),
            _ => groups.push((org, vec![(p.id, label)])),
        }
    }
    // After a rejected save the checkbox shows what was sent (absent = unchecked).
    let wanted = match errors.error().get_untracked() {
        Some(_) => !errors.value_or("wanted", "").is_empty(),
        None => base.wanted(),
    };
    view! {
        <FormDraft form_id="consultation-form" key="" warn_only=true />
        <ActionForm action=save attr:id="consultation-form" attr:class="stack card" attr:data-testid="consultation-form">
            <FormMessage errors />
            {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            {version.map(|v| view! { <input type="hidden" name="version" value=v /> })}
            <div class="row">
                <TextField label=t::RECEIVED_ON name="received_on" input_type="date" value=v("received_on", &base.received_on) required=true hint=t::RECEIVED_ON_HINT errors />
                <SelectField label=t::CATEGORY name="category" options=refs(&choices.categories) selected=v("category", &base.category) required=true empty_label=t::CHOOSE errors />
            </div>
            <div class="field">
                <label for="f-requester_person">{t::REQUESTER_PERSON}</label>
                <select
                    id="f-requester_person"
                    name="requester_person"
                    aria-invalid=move || person_error.get().is_some().then_some("true")
                    aria-describedby="f-requester_person-hint f-requester_person-error"
                >
                    <option value="">{t::NOT_FROM_DIRECTORY}</option>
                    {groups.into_iter().map(|(org, list)| view! {
                        <optgroup label=org>
                            {list.into_iter().map(|(pid, label)| {
                                let sel = pid.to_string() == picked;
                                view! { <option value=pid selected=sel>{label}</option> }
                            }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
                <p class="hint" id="f-requester_person-hint">{t::REQUESTER_PERSON_HINT}</p>
                <p class="field-error" id="f-requester_person-error" role="alert" hidden=move || person_error.get().is_none()>{move || person_error.get().unwrap_or_default()}</p>
            </div>
            <div class="row">
                <TextField label=t::REQUESTER name="requester" value=v("requester", &base.requester) maxlength=100 hint=t::REQUESTER_HINT errors />
                <SelectField label=t::PROFESSION name="profession" options=refs(&choices.professions) selected=v("profession", &base.profession) empty_label=t::UNKNOWN errors />
            </div>
            <div class="row">
                <SelectField label=t::ORGANISATION name="organisation" options=refs(&choices.organisations) selected=v("organisation", &base.organisation) empty_label=t::NONE errors />
                <TextField label=t::ORGANISATION_TEXT name="organisation_text" value=v("organisation_text", &base.organisation_text) maxlength=200 errors />
            </div>
            <div class="row">
                <SelectField label=t::REGION name="region" options=region_options() selected=v("region", &base.region) empty_label=t::UNKNOWN errors />
                <SelectField label=t::METHOD name="method" options=method_options() selected=v("method", &base.method) empty_label=t::UNKNOWN errors />
                <SelectField label=t::STATUS name="status" options=status_options() selected=v("status", &base.status) required=true errors />
            </div>
            <CheckboxField label=t::WANTED name="wanted" checked=wanted />
            <TextArea label=t::CONTENT name="content" value=v("content", &base.content) rows=4 errors />
            <TextArea label=t::RESPONSE name="response" value=v("response", &base.response) rows=3 errors />
            <div class="row">
                <TextField label=t::SOLVED_FY name="solved_fy" value=v("solved_fy", &base.solved_fy) maxlength=10 hint=t::SOLVED_FY_HINT errors />
                <SelectField label=t::MEETING name="meeting" options=refs(&choices.meetings) selected=v("meeting", &base.meeting) empty_label=t::NONE errors />
                <SelectField label=t::ISSUE name="issue" options=refs(&choices.issues) selected=v("issue", &base.issue) empty_label=t::NONE errors />
            </div>
            <InitiativeChoice options=choices.initiatives.clone() selected=linked errors />
            <div class="actions">
                <button type="submit">{t::SAVE}</button>
                <a class="button secondary" href=cancel>{t::CANCEL}</a>
            </div>
        </ActionForm>
    }
}
