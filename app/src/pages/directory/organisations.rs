//! Organisations (機関・団体): list with search and filters, detail, form, delete.

use crate::components::nav::use_id_param;
use super::common::{list_url, use_list_query, use_notice, Notice, ListPager, SORT_OPTIONS, STATUS_OPTIONS};
use crate::api::directory::{
    get_choices, get_organisation, list_organisations, DeleteOrganisation, OrganisationView, SaveOrganisation,
    SetOrganisationActive,
};
use crate::components::error_view::ErrorMessage;
use crate::components::form::{list_value, CheckboxField, CheckboxGroup, FormErrors, FormMessage, SelectField, TextArea, TextField};
use crate::components::session::{use_can, IfCan};
use crate::domain::directory::{organisation_kind_label, OrganisationInput, ORGANISATION_KINDS};
use crate::domain::Permission;
use crate::components::loaded::loaded;
use crate::components::record_actions::{ArchiveToggle, DeleteConfirm};
use leptos::prelude::*;
use crate::components::tabs::DirectoryTabs;
use crate::components::page_title::PageTitle;

mod t {
    pub const TITLE: &str = "機関・団体";
    pub use crate::components::words::LOADING;
    pub const SEARCH: &str = "名称・ふりがなで検索";
    pub const SEARCH_HINT: &str = "漢字・ひらがな・カタカナの一部で探せます";
    pub const KIND: &str = "種別";
    pub const PROFESSION: &str = "職種";
    pub const STATUS: &str = "状態";
    pub const SORT: &str = "並び順";
    pub use crate::components::words::ALL;
    pub const FILTER: &str = "検索";
    pub use crate::components::words::CLEAR;
    pub const NEW: &str = "機関・団体を登録";
    pub const IMPORT: &str = "Excel・CSVから取り込む";
    pub const COL_NAME: &str = "名称";
    pub const COL_KIND: &str = "種別";
    pub const COL_PROFESSIONS: &str = "職種";
    pub const COL_PHONE: &str = "電話番号";
    pub const COL_PEOPLE: &str = "人数";
    pub use crate::components::words::ARCHIVED;
    pub const EMPTY: &str = "条件に合う機関・団体はありません。";
    pub const EMPTY_ALL: &str = "機関・団体はまだ登録されていません。「機関・団体を登録」から追加してください。";
    pub use crate::components::words::COUNT;
    pub const BACK: &str = "機関・団体の一覧へ戻る";
    pub use crate::components::words::EDIT;
    pub const DELETE: &str = "削除…";
    pub const ADDRESS: &str = "住所";
    pub const PHONE: &str = "電話番号";
    pub const EMAIL: &str = "メール";
    pub const WEBSITE: &str = "ウェブサイト";
    pub const NOTES: &str = "メモ";
    pub const NEWSLETTER: &str = "地域連携だよりを送る（送付先一覧に載ります）";
    pub const NEWSLETTER_SHORT: &str = "地域連携だより";
    pub const NEWSLETTER_YES: &str = "送付先";
    pub const KANA: &str = "ふりがな";
    pub const NAME: &str = "名称";
    pub use crate::components::words::UPDATED;
    pub const PEOPLE: &str = "所属する人";
    pub const ADD_PERSON: &str = "この機関に人を登録";
    pub const RECORD_MEETING: &str = "この機関との会議を記録";
    pub const NO_PEOPLE: &str = "登録されている人はいません。";
    pub const KEY_PERSON: &str = "キーパーソン";
    pub const NEW_TITLE: &str = "機関・団体の登録";
    pub const EDIT_TITLE: &str = "機関・団体の編集";
    pub use crate::components::words::SAVE;
    pub use crate::components::words::CANCEL;
    pub const KANA_HINT: &str = "ひらがなまたはカタカナ（検索と並び順に使います）";
    pub const PHONE_HINT: &str = "例: 0193-22-1234";
    pub const ALLOW_DUPLICATE: &str = "同名でも登録する";
    pub const PROFESSIONS_LEGEND: &str = "代表する職種（複数選べます）";
    pub const DELETE_TITLE: &str = "機関・団体の削除";
    pub const DELETE_TEXT: &str = "この機関・団体を削除しますか？ ほかの記録（人など）から参照されている場合は、削除せずにアーカイブします。削除は元に戻せません。";
    pub const NOTICES: &[(&str, &str)] = &[
        ("saved", "保存しました。"),
        ("deleted", "削除しました。"),
        ("archived_instead", "ほかの記録から参照されているため、削除せずにアーカイブしました。"),
        ("published", "医療・介護資源マップへの掲載を保存しました。"),
    ];
}

fn kind_label(code: &str) -> String {
    organisation_kind_label(code).unwrap_or(code).to_string()
}

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let q = use_list_query().get_untracked();
    let notice = use_notice(t::NOTICES);
    view! {
        <PageTitle text=t::TITLE />
        <div class="page-head">
            <h1>{t::TITLE}</h1>
            <IfCan permission=Permission::WriteDirectory>
                <div class="actions no-print">
                    <a class="button secondary" href="/directory/organisations/import">{t::IMPORT}</a>
                    <a class="button" href="/directory/organisations/new">{t::NEW}</a>
                </div>
            </IfCan>
        </div>
        <DirectoryTabs current="/directory/organisations" />
        <Notice notice />
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                let professions = get_choices().await.map(|c| c.professions).unwrap_or_default();
                let results = match list_organisations(q.clone()).await {
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    Ok(page) if page.items.is_empty() => {
                        let filtered = q != Default::default();
                        view! { <p class="empty">{if filtered { t::EMPTY } else { t::EMPTY_ALL }}</p> }.into_any()
                    }
                    Ok(page) => view! {
                        <p class="muted" data-testid="result-count">{format!("{}{}", page.total, t::COUNT)}</p>
                        <div class="table-scroll">
                            <table class="data-table" data-testid="organisations-table">
                                <thead><tr>
                                    <th scope="col">{t::COL_NAME}</th>
                                    <th scope="col">{t::COL_KIND}</th>
                                    <th scope="col">{t::COL_PROFESSIONS}</th>
                                    <th scope="col">{t::COL_PHONE}</th>
                                    <th scope="col" class="num">{t::COL_PEOPLE}</th>
                                </tr></thead>
                                <tbody>
                                    {page.items.into_iter().map(|o| view! {
                                        <tr class:inactive=!o.active>
                                            <td>
                                                <a href=format!("/directory/organisations/{}", o.id)>{o.name.clone()}</a>
                                                {(!o.kana.is_empty()).then(|| view! { <span class="kana">{o.kana.clone()}</span> })}
                                                {(!o.active).then(|| view! { <span class="badge">{t::ARCHIVED}</span> })}
                                            </td>
                                            <td>{kind_label(&o.kind)}</td>
                                            <td>{o.professions.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join("、")}</td>
                                            <td>{o.phone.clone()}</td>
                                            <td class="num">{o.people}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <ListPager base="/directory/organisations" query=q.clone() page=page.page pages=page.pages />
                    }.into_any(),
                };
                view! {
                    <form method="get" action="/directory/organisations" class="filters card no-print" role="search">
                        <div class="field grow">
                            <label for="f-q">{t::SEARCH}</label>
                            <input id="f-q" type="search" name="q" value=q.q.clone().unwrap_or_default() aria-describedby="f-q-hint" />
                            <p class="hint" id="f-q-hint">{t::SEARCH_HINT}</p>
                        </div>
                        <div class="field">
                            <label for="f-kind">{t::KIND}</label>
                            <select id="f-kind" name="kind">
                                <option value="">{t::ALL}</option>
                                {ORGANISATION_KINDS.iter().map(|(c, l)| view! { <option value=*c selected=q.kind.as_deref() == Some(*c)>{*l}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="f-profession">{t::PROFESSION}</label>
                            <select id="f-profession" name="profession">
                                <option value="">{t::ALL}</option>
                                {professions.into_iter().map(|p| view! { <option value=p.id selected=q.profession == Some(p.id)>{p.name}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="f-status">{t::STATUS}</label>
                            <select id="f-status" name="status">
                                {STATUS_OPTIONS.iter().map(|(c, l)| view! { <option value=*c selected=q.status.as_deref().unwrap_or("active") == *c>{*l}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="f-sort">{t::SORT}</label>
                            <select id="f-sort" name="sort">
                                {SORT_OPTIONS.iter().map(|(c, l)| view! { <option value=*c selected=q.sort.as_deref().unwrap_or("kana") == *c>{*l}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="actions">
                            <button type="submit">{t::FILTER}</button>
                            <a href="/directory/organisations" class="button secondary">{t::CLEAR}</a>
                        </div>
                    </form>
                    {results}
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let set_active = ServerAction::<SetOrganisationActive>::new();
    let can_write = use_can(Permission::WriteDirectory).get_untracked();
    let can_publish = use_can(Permission::ScreenResources).get_untracked();
    let can_record = use_can(Permission::WriteMeetings).get_untracked();
    let notice = use_notice(t::NOTICES);
    let active_errors = FormErrors::of(set_active);
    view! {
        <p class="no-print"><a href="/directory/organisations">{t::BACK}</a></p>
        <Notice notice />
        <FormMessage errors=active_errors />
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                match get_organisation(id).await {
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    Ok(o) => {
                        // Loaded here, in the page's one suspend, not in a nested suspend of the section's own.
                        let support = crate::api::trainings::get_support_given(o.id).await.ok();
                        let meetings = crate::api::meetings::list_meetings(organisation_meetings(o.id)).await.ok();
                        let facility = match can_publish {
                            true => crate::api::resources::get_facility_publication(o.id).await.ok(),
                            false => None,
                        };
                        view! { <OrganisationDetail o can_write can_record set_active support meetings facility /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The meetings shown on an organisation's page.
fn organisation_meetings(id: i32) -> crate::api::meetings::MeetingQuery {
    crate::api::meetings::MeetingQuery { organisation: Some(id), status: Some("all".into()), ..Default::default() }
}

#[component]
fn OrganisationDetail(
    o: OrganisationView,
    can_write: bool,
    /// May record meetings (the link to a new meeting with this organisation).
    can_record: bool,
    set_active: ServerAction<SetOrganisationActive>,
    support: Option<Vec<crate::api::trainings::SupportGiven>>,
    meetings: Option<crate::api::meetings::MeetingPage>,
    /// Its publication on the medical and care map, for those who decide it (outer None: not shown).
    facility: Option<Option<crate::api::resources::FacilityPublication>>,
) -> impl IntoView {
    let i = o.input.clone();
    let organisation_id = o.id;
    let row = |label: &'static str, value: String| (!value.is_empty()).then(|| view! { <dt>{label}</dt><dd>{value}</dd> });
    let website = i.website.clone();
    view! {
        <PageTitle text=i.name.clone() />
        <div class="page-head">
            <h1>
                {i.name.clone()}
                {(!o.active).then(|| view! { <span class="badge">{t::ARCHIVED}</span> })}
            </h1>
            {(can_write || can_record).then(|| view! {
                <div class="actions no-print">
                    {can_write.then(|| view! {
                        <a class="button" href=format!("/directory/organisations/{}/edit", o.id)>{t::EDIT}</a>
                        <ArchiveToggle action=set_active id=o.id version=o.version active=o.active />
                        <a class="button secondary" href=format!("/directory/organisations/{}/delete", o.id)>{t::DELETE}</a>
                    })}
                    {can_record.then(|| view! { <a class="button secondary" href=format!("/meetings/new?organisation={}", o.id)>{t::RECORD_MEETING}</a> })}
                </div>
            })}
        </div>
        <dl class="facts card" data-testid="organisation-facts">
            {row(t::KANA, i.kana.clone())}
            <dt>{t::KIND}</dt><dd>{kind_label(&i.kind)}</dd>
            {row(t::PROFESSION, o.professions.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join("、"))}
            {row(t::ADDRESS, i.address.clone())}
            {row(t::PHONE, i.phone.clone())}
            {(!i.email.is_empty()).then(|| view! { <dt>{t::EMAIL}</dt><dd><a href=format!("mailto:{}", i.email)>{i.email.clone()}</a></dd> })}
            {(!website.is_empty()).then(|| view! { <dt>{t::WEBSITE}</dt><dd><a href=website.clone() rel="noopener noreferrer">{website.clone()}</a></dd> })}
            {(!i.notes.is_empty()).then(|| view! { <dt>{t::NOTES}</dt><dd class="pre">{i.notes.clone()}</dd> })}
            {i.receives_newsletter.then(|| view! { <dt>{t::NEWSLETTER_SHORT}</dt><dd>{t::NEWSLETTER_YES}</dd> })}
            <dt>{t::UPDATED}</dt><dd>{o.updated_at.clone()}</dd>
        </dl>
        <section class="card">
            <div class="page-head">
                <h2>{t::PEOPLE}</h2>
                {can_write.then(|| view! { <a class="button secondary no-print" href=format!("/directory/people/new?organisation={}", o.id)>{t::ADD_PERSON}</a> })}
            </div>
            {if o.people.is_empty() {
                view! { <p class="empty">{t::NO_PEOPLE}</p> }.into_any()
            } else {
                view! {
                    <ul class="people-list">
                        {o.people.into_iter().map(|p| view! {
                            <li class:inactive=!p.active>
                                <a href=format!("/directory/people/{}", p.id)>{p.name}</a>
                                {(!p.title.is_empty()).then(|| view! { <span class="muted">" " {p.title.clone()}</span> })}
                                {p.profession.map(|pr| view! { <span class="muted">" （" {pr.name} "）"</span> })}
                                {p.key_person.then(|| view! { <span class="badge key">{t::KEY_PERSON}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <crate::pages::meetings::MeetingsOf query=organisation_meetings(o.id) page=meetings />
        {support.map(|rows| view! { <crate::pages::trainings::SupportGivenSection rows /> })}
        {facility.map(|publication| view! { <super::facility::FacilitySection organisation=organisation_id publication /> })}
    }
}

/// The form for a new organisation (`/directory/organisations/new`) or an existing one (`…/:id/edit`).
#[component]
pub fn OrganisationFormPage(#[prop(optional)] edit: bool) -> impl IntoView {
    let id = use_id_param().get_untracked();
    let save = ServerAction::<SaveOrganisation>::new();
    let errors = FormErrors::of(save);
    let title = if edit { t::EDIT_TITLE } else { t::NEW_TITLE };
    view! {
        <PageTitle text=title />
        <h1>{title}</h1>
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                let existing = if edit { get_organisation(id).await.map(Some) } else { Ok(None) };
                match (existing, get_choices().await) {
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorMessage error=e /> }.into_any(),
                    (Ok(org), Ok(choices)) => {
                        let base = org.as_ref().map(|o| o.input.clone()).unwrap_or_default();
                        let (oid, version) = org.as_ref().map(|o| (Some(o.id), Some(o.version))).unwrap_or((None, None));
                        let cancel = oid.map(|i| format!("/directory/organisations/{i}")).unwrap_or_else(|| "/directory/organisations".into());
                        view! { <OrganisationForm save errors base id=oid version professions=choices.professions cancel /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrganisationForm(
    save: ServerAction<SaveOrganisation>,
    errors: FormErrors,
    base: OrganisationInput,
    id: Option<i32>,
    version: Option<i32>,
    professions: Vec<crate::api::directory::Ref>,
    cancel: String,
) -> impl IntoView {
    let v = move |name: &str, default: &str| errors.value_or(name, default);
    let selected_professions = list_value(errors, "professions", base.professions.iter().map(i32::to_string).collect());
    let profession_options: Vec<(String, String)> = professions.into_iter().map(|p| (p.id.to_string(), p.name)).collect();
    let kinds: Vec<(String, String)> = ORGANISATION_KINDS.iter().map(|(c, l)| (c.to_string(), l.to_string())).collect();
    // The server's refusal of a second organisation of the same kind and name (sent back
    // through the URL with the rest of the form's errors), with the box to save it anyway.
    let duplicate_warning = errors.field("allow_duplicate").get_untracked();
    view! {
        <ActionForm action=save attr:class="stack card" attr:data-testid="organisation-form">
            <FormMessage errors />
            {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            {version.map(|v| view! { <input type="hidden" name="version" value=v /> })}
            <TextField label=t::NAME name="name" value=v("name", &base.name) required=true maxlength=200 errors />
            {duplicate_warning.map(|warning| view! {
                <div class="warning" role="alert">
                    <p>{warning}</p>
                    <div class="field checkbox">
                        <input type="checkbox" id="f-allow_duplicate" name="allow_duplicate" value="on" />
                        <label for="f-allow_duplicate">{t::ALLOW_DUPLICATE}</label>
                    </div>
                </div>
            })}
            <TextField label=t::KANA name="kana" value=v("kana", &base.kana) hint=t::KANA_HINT maxlength=200 errors />
            <SelectField label=t::KIND name="kind" options=kinds selected=v("kind", &base.kind) required=true empty_label="選んでください" errors />
            <CheckboxGroup legend=t::PROFESSIONS_LEGEND name="professions" options=profession_options selected=selected_professions errors />
            <TextField label=t::ADDRESS name="address" value=v("address", &base.address) maxlength=300 autocomplete="street-address" errors />
            <TextField label=t::PHONE name="phone" value=v("phone", &base.phone) input_type="tel" hint=t::PHONE_HINT autocomplete="tel" errors />
            <TextField label=t::EMAIL name="email" value=v("email", &base.email) input_type="email" autocomplete="email" errors />
            <TextField label=t::WEBSITE name="website" value=v("website", &base.website) input_type="url" errors />
            <TextArea label=t::NOTES name="notes" value=v("notes", &base.notes) errors />
            <CheckboxField label=t::NEWSLETTER name="receives_newsletter" checked=errors.error().get_untracked().and_then(|e| e.input("receives_newsletter").map(|s| !s.is_empty())).unwrap_or(base.receives_newsletter) />
            <div class="actions">
                <button type="submit">{t::SAVE}</button>
                <a class="button secondary" href=cancel>{t::CANCEL}</a>
            </div>
        </ActionForm>
    }
}

#[component]
pub fn OrganisationDeletePage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let delete = ServerAction::<DeleteOrganisation>::new();
    let errors = FormErrors::of(delete);
    view! {
        <PageTitle text=t::DELETE_TITLE />
        <h1>{t::DELETE_TITLE}</h1>
        {loaded(get_organisation(id), move |o| view! {
            <DeleteConfirm action=delete errors id=o.id name=o.input.name.clone() text=t::DELETE_TEXT back=format!("/directory/organisations/{}", o.id) />
        })}
    }
}

/// Used by the people pages to link back to a list filtered by organisation.
pub fn organisation_people_url(id: i32) -> String {
    list_url("/directory/people", &crate::api::directory::ListQuery { organisation: Some(id), ..Default::default() }, 1)
}
