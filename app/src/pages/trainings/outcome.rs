//! `/trainings/:id/outcome`: participants by profession, the questionnaire, lessons learnt.

use crate::api::trainings::{get_training, SaveTrainingOutcome, TrainingView};
use crate::components::form::{FormErrors, FormMessage, TextArea, TextField};
use crate::components::nav::use_id_param;
use crate::components::session::RequireCan;
use crate::domain::trainings::Satisfaction;
use crate::domain::Permission;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;

mod t {
    pub const TITLE: &str = "研修の結果";
    pub const PARTICIPANTS: &str = "参加者数（職種別）";
    pub const PARTICIPANTS_HINT: &str = "参加のなかった職種は空欄のままにします。";
    pub const OTHER: &str = "その他（住民・学生など）";
    pub const QUESTIONNAIRE: &str = "アンケート";
    pub const RESPONDENTS: &str = "回答数";
    pub const SATISFACTION: &str = "満足度（5段階）の回答数";
    pub const COMMENTS: &str = "自由記述（主な意見）";
    pub const LESSONS: &str = "振り返り・次回への学び";
    pub const LESSONS_HINT: &str = "反省会で出たことも書いておくと、担当が替わっても引き継げます。";
    pub use crate::components::words::SAVE;
    pub use crate::components::words::CANCEL;
}

#[component]
pub fn OutcomeFormPage() -> impl IntoView {
    view! { <RequireCan permission=Permission::WriteTrainings><OutcomeInner /></RequireCan> }
}

#[component]
fn OutcomeInner() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let save = ServerAction::<SaveTrainingOutcome>::new();
    let errors = FormErrors::of(save);
    view! {
        {loaded(get_training(id), move |v| view! { <OutcomeForm v save errors /> }.into_any())}
    }
}

#[component]
fn OutcomeForm(v: TrainingView, save: ServerAction<SaveTrainingOutcome>, errors: FormErrors) -> impl IntoView {
    let val = move |name: &str, default: &str| errors.value_or(name, default);
    let o = v.outcome_input.clone();
    let names: std::collections::HashMap<i32, String> = v.all_professions.iter().map(|p| (p.id, p.name.clone())).collect();
    let participants_error = errors.field("participants").get_untracked();
    let satisfaction_error = errors.field("satisfaction").get_untracked();
    let heading = format!("{}: {}", t::TITLE, v.input.title);
    view! {
        <PageTitle text=heading.clone() />
        <h1>{heading}</h1>
        <ActionForm action=save attr:class="stack card" attr:data-testid="outcome-form">
            <FormMessage errors />
            <input type="hidden" name="id" value=v.id />
            <input type="hidden" name="version" value=v.version />
            <fieldset class="field" id="f-participants" aria-describedby="f-participants-error">
                <legend>{t::PARTICIPANTS}</legend>
                <p class="hint">{t::PARTICIPANTS_HINT}</p>
                <div class="count-grid">
                    {o.participants.iter().map(|(pid, n)| {
                        let fid = format!("f-p-{pid}");
                        let name = names.get(pid).cloned().unwrap_or_default();
                        view! {
                            <div class="field">
                                <label for=fid.clone()>{name}</label>
                                <input type="hidden" name="participant_profession[]" value=*pid />
                                <input id=fid type="number" min=0 name="participant_count[]" value=val(&format!("p_{pid}"), n) class="count" />
                            </div>
                        }
                    }).collect_view()}
                </div>
                <p class="field-error" id="f-participants-error" role="alert" hidden=participants_error.is_none()>{participants_error.clone().unwrap_or_default()}</p>
            </fieldset>
            <TextField label=t::OTHER name="participants_other" input_type="number" value=val("participants_other", &o.participants_other) errors />
            <fieldset class="field" id="f-satisfaction" aria-describedby="f-satisfaction-error">
                <legend>{t::QUESTIONNAIRE}</legend>
                <TextField label=t::RESPONDENTS name="respondents" input_type="number" value=val("respondents", &o.respondents) errors />
                <p>{t::SATISFACTION}</p>
                <div class="count-grid">
                    {Satisfaction::LABELS.iter().enumerate().map(|(i, l)| {
                        let fid = format!("f-s{}", i + 1);
                        view! {
                            <div class="field">
                                <label for=fid.clone()>{*l}</label>
                                <input id=fid type="number" min=0 name="satisfaction[]" value=val(&format!("s{}", i + 1), &o.satisfaction[i]) class="count" />
                            </div>
                        }
                    }).collect_view()}
                </div>
                <p class="field-error" id="f-satisfaction-error" role="alert" hidden=satisfaction_error.is_none()>{satisfaction_error.clone().unwrap_or_default()}</p>
            </fieldset>
            <TextArea label=t::COMMENTS name="comments" value=val("comments", &o.comments) rows=6 errors />
            <TextArea label=t::LESSONS name="lessons" value=val("lessons", &o.lessons) rows=6 hint=t::LESSONS_HINT errors />
            <div class="actions">
                <button type="submit">{t::SAVE}</button>
                <a class="button secondary" href=format!("/trainings/{}", v.id)>{t::CANCEL}</a>
            </div>
        </ActionForm>
    }
}
