//! The issue form: new (`/issues/new?profession=3&meeting=12`, e.g. from a meeting's page)
//! and edit (`/issues/:id/edit`).

use super::{layer_options, status_options, ConfidentialNote};
use crate::api::issues::{get_issue, get_issue_choices, IssueChoices, SaveIssue};
use crate::components::error_view::ErrorMessage;
use crate::components::islands::FormDraft;
use crate::components::form::{FormErrors, FormMessage, SelectField, TextArea, TextField};
use crate::components::nav::use_id_param;
use crate::components::tags::{InitiativeChoice, SceneChoice};
use crate::domain::issues::{IssueInput, SOURCES};
use leptos::prelude::*;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

mod t {
    pub const NEW_TITLE: &str = "課題の追加";
    pub const EDIT_TITLE: &str = "課題の編集";
    pub use crate::components::words::LOADING;
    pub const PROFESSION: &str = "職種";
    pub const CODE: &str = "記号";
    pub const CODE_HINT: &str = "空欄なら職種ごとに A、B、…、Z、AA… の順で付けます。";
    pub const TITLE: &str = "課題";
    pub const TITLE_HINT: &str = "例: ケアマネジャーの顔が分からない";
    pub const DESCRIPTION: &str = "内容・背景";
    pub const LAYER: &str = "層";
    pub const LAYER_HINT: &str = "職種内 → その職種へフィードバック ／ 職種間 → 二次連携へ ／ 地域全体 → 三次連携へ";
    pub const STATUS: &str = "状況";
    pub const CHANGED_ON: &str = "層・状況を変えた日";
    pub const CHANGED_ON_HINT: &str = "層や状況を変えたとき、履歴にこの日付で残します（空欄なら今日）。";
    pub const SOURCE: &str = "抽出元";
    pub const SOURCE_MEETING: &str = "抽出した会議";
    pub const SOURCE_NOTE: &str = "抽出元の補足";
    pub const EXTRACTED_ON: &str = "抽出日";
    pub const EXTRACTED_ON_HINT: &str = "空欄なら会議の開催日を使います。";
    pub const FY: &str = "抽出年度";
    pub const FY_HINT: &str = "H24、R6、2024 など。空欄なら抽出日（会議の開催日）の年度です。";
    pub const NO_MEETING: &str = "（選んでください）";
    pub const CHOOSE: &str = "選んでください";
    pub use crate::components::words::SAVE;
    pub use crate::components::words::CANCEL;
}

#[component]
pub fn IssueFormPage(#[prop(optional)] edit: bool) -> impl IntoView {
    let id = use_id_param().get_untracked();
    let query = use_query_map().get_untracked();
    let save = ServerAction::<SaveIssue>::new();
    let errors = FormErrors::of(save);
    let title = if edit { t::EDIT_TITLE } else { t::NEW_TITLE };
    view! {
        <PageTitle text=title />
        <h1>{title}</h1>
        <ConfidentialNote />
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                let existing = if edit { get_issue(id).await.map(Some) } else { Ok(None) };
                match (existing, get_issue_choices().await) {
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorMessage error=e /> }.into_any(),
                    (Ok(i), Ok(choices)) => {
                        let linked: Vec<i32> = i.as_ref().map(|i| i.initiatives.iter().map(|r| r.id).collect()).unwrap_or_default();
                        let (base, iid, version) = match i {
                            Some(i) => (IssueInput { scenes: i.scene_codes.clone(), ..i.input.clone() }, Some(i.id), Some(i.version)),
                            None => (new_defaults(&query), None, None),
                        };
                        let cancel = match iid {
                            Some(i) => format!("/issues/{i}"),
                            None if !base.source_meeting.is_empty() => format!("/meetings/{}", base.source_meeting),
                            None => "/issues".into(),
                        };
                        view! { <IssueForm save errors base id=iid version choices cancel linked /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// A new issue: what the link asked for (`?profession=3&meeting=12`), status 抽出.
fn new_defaults(q: &leptos_router::params::ParamsMap) -> IssueInput {
    let meeting = q.get("meeting").filter(|m| m.parse::<i32>().is_ok()).unwrap_or_default();
    IssueInput {
        profession: q.get("profession").unwrap_or_default(),
        status: "extracted".into(),
        source: if meeting.is_empty() { String::new() } else { "meeting".into() },
        source_meeting: meeting,
        ..Default::default()
    }
}

#[component]
fn IssueForm(
    save: ServerAction<SaveIssue>,
    errors: FormErrors,
    base: IssueInput,
    id: Option<i32>,
    version: Option<i32>,
    choices: IssueChoices,
    cancel: String,
    /// The initiatives it belongs to now.
    linked: Vec<i32>,
) -> impl IntoView {
    let v = move |name: &str, default: &str| errors.value_or(name, default);
    let professions: Vec<(String, String)> = choices.professions.iter().map(|p| (p.id.to_string(), p.name.clone())).collect();
    let meetings: Vec<(String, String)> = choices.meetings.iter().map(|m| (m.id.to_string(), m.name.clone())).collect();
    let sources: Vec<(String, String)> = SOURCES.iter().map(|(c, l)| (c.to_string(), l.to_string())).collect();
    view! {
        <FormDraft form_id="issue-form" key="" warn_only=true />
        <ActionForm action=save attr:id="issue-form" attr:class="stack card" attr:data-testid="issue-form">
            <FormMessage errors />
            {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            {version.map(|v| view! { <input type="hidden" name="version" value=v /> })}
            <div class="row">
                <SelectField label=t::PROFESSION name="profession" options=professions selected=v("profession", &base.profession) required=true empty_label=t::CHOOSE errors />
                <TextField label=t::CODE name="code" value=v("code", &base.code) maxlength=8 hint=t::CODE_HINT errors />
            </div>
            <TextField label=t::TITLE name="title" value=v("title", &base.title) required=true maxlength=200 hint=t::TITLE_HINT errors />
            <TextArea label=t::DESCRIPTION name="description" value=v("description", &base.description) rows=4 errors />
            <div class="row">
                <SelectField label=t::LAYER name="layer" options=layer_options() selected=v("layer", &base.layer) required=true empty_label=t::CHOOSE errors />
                <SelectField label=t::STATUS name="status" options=status_options() selected=v("status", &base.status) required=true errors />
                // A new issue's history starts on its extraction date.
                {id.is_some().then(|| view! { <TextField label=t::CHANGED_ON name="changed_on" input_type="date" value=v("changed_on", &base.changed_on) hint=t::CHANGED_ON_HINT errors /> })}
            </div>
            <p class="hint">{t::LAYER_HINT}</p>
            <div class="row">
                <SelectField label=t::SOURCE name="source" options=sources selected=v("source", &base.source) required=true empty_label=t::CHOOSE errors />
                <SelectField label=t::SOURCE_MEETING name="source_meeting" options=meetings selected=v("source_meeting", &base.source_meeting) empty_label=t::NO_MEETING errors />
            </div>
            <TextField label=t::SOURCE_NOTE name="source_note" value=v("source_note", &base.source_note) maxlength=200 errors />
            <div class="row">
                <TextField label=t::EXTRACTED_ON name="extracted_on" input_type="date" value=v("extracted_on", &base.extracted_on) hint=t::EXTRACTED_ON_HINT errors />
                <TextField label=t::FY name="fiscal_year" value=v("fiscal_year", &base.fiscal_year) maxlength=10 hint=t::FY_HINT errors />
            </div>
            <SceneChoice selected=base.scenes.clone() errors />
            <InitiativeChoice options=choices.initiatives.clone() selected=linked errors />
            <div class="actions">
                <button type="submit">{t::SAVE}</button>
                <a class="button secondary" href=cancel>{t::CANCEL}</a>
            </div>
        </ActionForm>
    }
}
