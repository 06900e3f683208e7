//! People (人): list with search and filters, detail, form, delete.

use crate::components::nav::use_id_param;
use super::common::{use_list_query, use_notice, Notice, ListPager, SORT_OPTIONS, STATUS_OPTIONS};
use crate::api::directory::{
    get_choices, get_organisation, get_person, list_people, DeletePerson, PersonView, Ref, SavePerson, SetPersonActive,
};
use crate::components::error_view::ErrorMessage;
use crate::components::form::{CheckboxField, FormErrors, FormMessage, SelectField, TextArea, TextField};
use crate::components::session::{use_can, IfCan};
use crate::domain::directory::{profession_for_person, PersonInput};
use crate::domain::Permission;
use crate::components::loaded::loaded;
use crate::components::record_actions::{ArchiveToggle, DeleteConfirm};
use leptos::prelude::*;
use crate::components::tabs::DirectoryTabs;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "人";
    pub use crate::components::words::LOADING;
    pub const SEARCH: &str = "氏名・ふりがなで検索";
    pub const SEARCH_HINT: &str = "漢字・ひらがな・カタカナの一部で探せます";
    pub const PROFESSION: &str = "職種";
    pub const PROFESSION_HINT: &str = "空欄のときは、所属機関の職種（1つの場合）を使います。";
    pub const ORGANISATION: &str = "所属";
    pub const STATUS: &str = "状態";
    pub const SORT: &str = "並び順";
    pub use crate::components::words::ALL;
    pub const KEY_ONLY: &str = "キーパーソンのみ";
    pub const FILTER: &str = "検索";
    pub use crate::components::words::CLEAR;
    pub const NEW: &str = "人を登録";
    pub const IMPORT: &str = "Excel・CSVから取り込む";
    pub const COL_NAME: &str = "氏名";
    pub const COL_ORG: &str = "所属";
    pub const COL_PROFESSION: &str = "職種";
    pub const COL_TITLE: &str = "役職・役割";
    pub const COL_PHONE: &str = "電話番号";
    pub const KEY_PERSON: &str = "キーパーソン";
    pub use crate::components::words::ARCHIVED;
    pub const EMPTY: &str = "条件に合う人はいません。";
    pub const EMPTY_ALL: &str = "人はまだ登録されていません。「人を登録」から追加してください。";
    pub use crate::components::words::COUNT;
    pub const BACK: &str = "人の一覧へ戻る";
    pub use crate::components::words::EDIT;
    pub const DELETE: &str = "削除…";
    pub const NAME: &str = "氏名";
    pub const KANA: &str = "ふりがな";
    pub const KANA_HINT: &str = "ひらがなまたはカタカナ（検索と並び順に使います）";
    pub const TITLE_FIELD: &str = "役職・役割";
    pub const PHONE: &str = "電話番号";
    pub const PHONE_HINT: &str = "例: 090-1234-5678";
    pub const EMAIL: &str = "メール";
    pub const NOTES: &str = "メモ";
    pub const KEY_PERSON_LABEL: &str = "キーパーソン（連携の要となる人）";
    pub use crate::components::words::UPDATED;
    pub const NONE: &str = "（なし）";
    pub const NEW_TITLE: &str = "人の登録";
    pub const EDIT_TITLE: &str = "人の編集";
    pub use crate::components::words::SAVE;
    pub use crate::components::words::CANCEL;
    pub const DELETE_TITLE: &str = "人の削除";
    pub const DELETE_TEXT: &str = "この人を削除しますか？ ほかの記録から参照されている場合は、削除せずにアーカイブします。削除は元に戻せません。";
    pub const NOTICES: &[(&str, &str)] = &[
        ("saved", "保存しました。"),
        ("deleted", "削除しました。"),
        ("archived_instead", "ほかの記録から参照されているため、削除せずにアーカイブしました。"),
        ("post", "所属・役職の履歴を加えました。"),
    ];
}

fn options(refs: &[Ref]) -> Vec<(String, String)> {
    refs.iter().map(|r| (r.id.to_string(), r.name.clone())).collect()
}

#[component]
pub fn PeoplePage() -> impl IntoView {
    let q = use_list_query().get_untracked();
    let notice = use_notice(t::NOTICES);
    view! {
        <PageTitle text=t::TITLE />
        <div class="page-head">
            <h1>{t::TITLE}</h1>
            <IfCan permission=Permission::WriteDirectory>
                <div class="actions no-print">
                    <a class="button secondary" href="/directory/people/import">{t::IMPORT}</a>
                    <a class="button" href="/directory/people/new">{t::NEW}</a>
                </div>
            </IfCan>
        </div>
        <DirectoryTabs current="/directory/people" />
        <Notice notice />
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                let c = get_choices().await.ok();
                let professions = c.as_ref().map(|c| c.professions.clone()).unwrap_or_default();
                let organisations = c.map(|c| c.organisations).unwrap_or_default();
                let results = match list_people(q.clone()).await {
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    Ok(page) if page.items.is_empty() => {
                        let filtered = q != Default::default();
                        view! { <p class="empty">{if filtered { t::EMPTY } else { t::EMPTY_ALL }}</p> }.into_any()
                    }
                    Ok(page) => view! {
                        <p class="muted" data-testid="result-count">{format!("{}{}", page.total, t::COUNT)}</p>
                        <div class="table-scroll">
                            <table class="data-table" data-testid="people-table">
                                <thead><tr>
                                    <th scope="col">{t::COL_NAME}</th>
                                    <th scope="col">{t::COL_ORG}</th>
                                    <th scope="col">{t::COL_PROFESSION}</th>
                                    <th scope="col">{t::COL_TITLE}</th>
                                    <th scope="col">{t::COL_PHONE}</th>
                                </tr></thead>
                                <tbody>
                                    {page.items.into_iter().map(|p| view! {
                                        <tr class:inactive=!p.active>
                                            <td>
                                                <a href=format!("/directory/people/{}", p.id)>{p.name.clone()}</a>
                                                {(!p.kana.is_empty()).then(|| view! { <span class="kana">{p.kana.clone()}</span> })}
                                                {p.key_person.then(|| view! { <span class="badge key">{t::KEY_PERSON}</span> })}
                                                {(!p.active).then(|| view! { <span class="badge">{t::ARCHIVED}</span> })}
                                            </td>
                                            <td>{p.organisation.map(|o| view! { <a href=format!("/directory/organisations/{}", o.id)>{o.name}</a> })}</td>
                                            <td>{p.profession.map(|p| p.name)}</td>
                                            <td>{p.title.clone()}</td>
                                            <td>{p.phone.clone()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <ListPager base="/directory/people" query=q.clone() page=page.page pages=page.pages />
                    }.into_any(),
                };
                view! {
                    <form method="get" action="/directory/people" class="filters card no-print" role="search">
                        <div class="field grow">
                            <label for="f-q">{t::SEARCH}</label>
                            <input id="f-q" type="search" name="q" value=q.q.clone().unwrap_or_default() aria-describedby="f-q-hint" />
                            <p class="hint" id="f-q-hint">{t::SEARCH_HINT}</p>
                        </div>
                        <div class="field">
                            <label for="f-organisation">{t::ORGANISATION}</label>
                            <select id="f-organisation" name="organisation">
                                <option value="">{t::ALL}</option>
                                {organisations.into_iter().map(|o| view! { <option value=o.id selected=q.organisation == Some(o.id)>{o.name}</option> }).collect_view()}
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
                        <div class="field checkbox">
                            <input type="checkbox" id="f-key" name="key_person" value="1" checked=q.key_person == Some(true) />
                            <label for="f-key">{t::KEY_ONLY}</label>
                        </div>
                        <div class="actions">
                            <button type="submit">{t::FILTER}</button>
                            <a href="/directory/people" class="button secondary">{t::CLEAR}</a>
                        </div>
                    </form>
                    {results}
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn PersonPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let set_active = ServerAction::<SetPersonActive>::new();
    let can_write = use_can(Permission::WriteDirectory).get_untracked();
    let notice = use_notice(t::NOTICES);
    let active_errors = FormErrors::of(set_active);
    view! {
        <p class="no-print"><a href="/directory/people">{t::BACK}</a></p>
        <Notice notice />
        <FormMessage errors=active_errors />
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                match get_person(id).await {
                    Err(e) => view! { <ErrorMessage error=e /> }.into_any(),
                    Ok(p) => {
                        // Read here, not by the section itself (see README, Pages).
                        let meetings = crate::api::meetings::list_meetings(person_meetings(p.id)).await.ok();
                        view! { <PersonDetail p meetings can_write set_active /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The meetings shown on a person's page.
fn person_meetings(id: i32) -> crate::api::meetings::MeetingQuery {
    crate::api::meetings::MeetingQuery { person: Some(id), status: Some("all".into()), ..Default::default() }
}

#[component]
fn PersonDetail(p: PersonView, meetings: Option<crate::api::meetings::MeetingPage>, can_write: bool, set_active: ServerAction<SetPersonActive>) -> impl IntoView {
    let i = p.input.clone();
    let row = |label: &'static str, value: String| (!value.is_empty()).then(|| view! { <dt>{label}</dt><dd>{value}</dd> });
    view! {
        <PageTitle text=i.name.clone() />
        <div class="page-head">
            <h1>
                {i.name.clone()}
                {i.key_person.then(|| view! { <span class="badge key">{t::KEY_PERSON}</span> })}
                {(!p.active).then(|| view! { <span class="badge">{t::ARCHIVED}</span> })}
            </h1>
            {can_write.then(|| view! {
                <div class="actions no-print">
                    <a class="button" href=format!("/directory/people/{}/edit", p.id)>{t::EDIT}</a>
                    <ArchiveToggle action=set_active id=p.id version=p.version active=p.active />
                    <a class="button secondary" href=format!("/directory/people/{}/delete", p.id)>{t::DELETE}</a>
                </div>
            })}
        </div>
        <dl class="facts card" data-testid="person-facts">
            {row(t::KANA, i.kana.clone())}
            {p.organisation.clone().map(|o| view! { <dt>{t::ORGANISATION}</dt><dd><a href=format!("/directory/organisations/{}", o.id)>{o.name}</a></dd> })}
            {row(t::PROFESSION, p.profession.clone().map(|r| r.name).unwrap_or_default())}
            {row(t::TITLE_FIELD, i.title.clone())}
            {row(t::PHONE, i.phone.clone())}
            {(!i.email.is_empty()).then(|| view! { <dt>{t::EMAIL}</dt><dd><a href=format!("mailto:{}", i.email)>{i.email.clone()}</a></dd> })}
            {(!i.notes.is_empty()).then(|| view! { <dt>{t::NOTES}</dt><dd class="pre">{i.notes.clone()}</dd> })}
            <dt>{t::UPDATED}</dt><dd>{p.updated_at.clone()}</dd>
        </dl>
        <super::posts::PostHistory person=p.id posts=p.posts.clone() can_write />
        <crate::pages::meetings::MeetingsOf query=person_meetings(p.id) page=meetings />
    }
}

#[component]
pub fn PersonFormPage(#[prop(optional)] edit: bool) -> impl IntoView {
    let id = use_id_param().get_untracked();
    let query = use_query_map();
    let save = ServerAction::<SavePerson>::new();
    let errors = FormErrors::of(save);
    let preset_org = query.with_untracked(|q| q.get("organisation").and_then(|s| s.parse::<i32>().ok()));
    let title = if edit { t::EDIT_TITLE } else { t::NEW_TITLE };
    view! {
        <PageTitle text=title />
        <h1>{title}</h1>
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                let existing = if edit { get_person(id).await.map(Some) } else { Ok(None) };
                // Opened from an organisation's page: its only profession is the likely one.
                let preset = match (edit, preset_org) {
                    (false, Some(oid)) => get_organisation(oid).await.ok(),
                    _ => None,
                };
                match (existing, get_choices().await) {
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorMessage error=e /> }.into_any(),
                    (Ok(person), Ok(choices)) => {
                        let mut base = person.as_ref().map(|p| p.input.clone()).unwrap_or_default();
                        if person.is_none() {
                            base.organisation_id = preset_org;
                            let ids: Vec<i32> = preset.iter().flat_map(|o| o.professions.iter().map(|p| p.id)).collect();
                            base.profession_id = profession_for_person(None, &ids);
                        }
                        let (pid, version) = person.as_ref().map(|p| (Some(p.id), Some(p.version))).unwrap_or((None, None));
                        let cancel = pid.map(|i| format!("/directory/people/{i}")).unwrap_or_else(|| "/directory/people".into());
                        view! { <PersonForm save errors base id=pid version organisations=choices.organisations professions=choices.professions cancel /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn PersonForm(
    save: ServerAction<SavePerson>,
    errors: FormErrors,
    base: PersonInput,
    id: Option<i32>,
    version: Option<i32>,
    organisations: Vec<Ref>,
    professions: Vec<Ref>,
    cancel: String,
) -> impl IntoView {
    let v = move |name: &str, default: &str| errors.value_or(name, default);
    let id_text = |i: Option<i32>| i.map(|i| i.to_string()).unwrap_or_default();
    let key_person = errors
        .error()
        .get_untracked()
        .and_then(|e| e.input("name").map(|_| e.input("key_person").is_some_and(|k| !k.is_empty())))
        .unwrap_or(base.key_person);
    view! {
        <ActionForm action=save attr:class="stack card" attr:data-testid="person-form">
            <FormMessage errors />
            {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            {version.map(|v| view! { <input type="hidden" name="version" value=v /> })}
            <TextField label=t::NAME name="name" value=v("name", &base.name) required=true maxlength=100 autocomplete="off" errors />
            <TextField label=t::KANA name="kana" value=v("kana", &base.kana) hint=t::KANA_HINT maxlength=100 autocomplete="off" errors />
            <SelectField label=t::ORGANISATION name="organisation_id" options=options(&organisations) selected=v("organisation_id", &id_text(base.organisation_id)) empty_label=t::NONE errors />
            <SelectField label=t::PROFESSION name="profession_id" options=options(&professions) selected=v("profession_id", &id_text(base.profession_id)) empty_label=t::NONE errors />
            <p class="hint" id="f-profession_id-hint">{t::PROFESSION_HINT}</p>
            <TextField label=t::TITLE_FIELD name="title" value=v("title", &base.title) maxlength=100 errors />
            <TextField label=t::PHONE name="phone" value=v("phone", &base.phone) input_type="tel" hint=t::PHONE_HINT errors />
            <TextField label=t::EMAIL name="email" value=v("email", &base.email) input_type="email" errors />
            <CheckboxField label=t::KEY_PERSON_LABEL name="key_person" checked=key_person />
            <TextArea label=t::NOTES name="notes" value=v("notes", &base.notes) errors />
            <div class="actions">
                <button type="submit">{t::SAVE}</button>
                <a class="button secondary" href=cancel>{t::CANCEL}</a>
            </div>
        </ActionForm>
    }
}

#[component]
pub fn PersonDeletePage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let delete = ServerAction::<DeletePerson>::new();
    let errors = FormErrors::of(delete);
    view! {
        <PageTitle text=t::DELETE_TITLE />
        <h1>{t::DELETE_TITLE}</h1>
        {loaded(get_person(id), move |p| view! {
            <DeleteConfirm action=delete errors id=p.id name=p.input.name.clone() text=t::DELETE_TEXT back=format!("/directory/people/{}", p.id) />
        })}
    }
}
