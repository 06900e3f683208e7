//! The resource form: new (`/resources/new`) and edit (`/resources/:id/edit`). Screening,
//! consent and confirmation are decided on the record's page, not here.

use super::activity_options;
use crate::api::resources::{get_map_settings, get_resource, get_resource_choices, MapSettings, ResourceChoices, SaveResource};
use crate::components::islands::{leaflet_assets, CoordinatePicker, LookupTexts};
use crate::components::error_view::ErrorMessage;
use crate::components::form::{FormErrors, FormMessage, SelectField, TextArea, TextField};
use crate::components::nav::use_id_param;
use crate::components::page_title::PageTitle;
use crate::domain::resources::{ResourceInput, Rule};
use leptos::prelude::*;

mod t {
    pub const NEW_TITLE: &str = "資源の登録";
    pub const EDIT_TITLE: &str = "資源の編集";
    pub use crate::components::words::{CANCEL, LOADING, SAVE};
    pub const BASICS: &str = "基本";
    pub const NAME: &str = "名称";
    pub const KANA: &str = "ふりがな";
    pub const KANA_HINT: &str = "並べ替えと検索に使います。";
    pub const CATEGORY: &str = "分類";
    pub const DISTRICT: &str = "地区";
    pub const CITY_WIDE: &str = "（市全域・地区なし）";
    pub const ORGANISER: &str = "主催（名簿から）";
    pub const ORGANISER_TEXT: &str = "主催（名簿にない場合）";
    pub const NONE: &str = "（なし）";
    pub const CHOOSE: &str = "選んでください";
    pub const WHAT: &str = "内容と参加";
    pub const DESCRIPTION: &str = "内容（何をしているか）";
    pub const AUDIENCE: &str = "対象（どなた向けか）";
    pub const SCHEDULE_RULE: &str = "定期の日程";
    pub const NO_RULE: &str = "（定期でない・不定期）";
    pub const SCHEDULE: &str = "日時（自由記述）";
    pub const SCHEDULE_HINT: &str = "10:00〜11:30、祝日休み など。";
    pub const COST: &str = "費用";
    pub const HOW_TO_JOIN: &str = "参加方法";
    pub const WHERE: &str = "場所";
    pub const PLACE: &str = "会場";
    pub const ADDRESS: &str = "住所";
    pub const LATITUDE: &str = "緯度";
    pub const LONGITUDE: &str = "経度";
    pub const COORD_HINT: &str = "地図に表示するときに使います。地理院地図などで調べた値（例 39.2758 / 141.8857）。";
    pub const PICK_HINT: &str = "地図をクリックすると、その場所の緯度・経度が入ります。";
    pub const LOOKUP: &str = "住所から位置を調べる";
    pub const LOOKUP_EMPTY: &str = "先に住所を入力してください。";
    pub const LOOKUP_SEARCHING: &str = "調べています…";
    pub const LOOKUP_FOUND: &str = "「{}」の位置を入れました。地図の印と緯度・経度を確かめてください。";
    pub const LOOKUP_NONE: &str = "この住所の位置は見つかりませんでした。地図をクリックするか、緯度・経度を入力してください。";
    pub const LOOKUP_FAILED: &str = "位置を調べられませんでした（インターネットにつながっていない可能性があります）。地図をクリックするか、緯度・経度を入力してください。";
    pub const CONTACTS: &str = "連絡先と関係";
    pub const PUBLIC_CONTACT: &str = "問い合わせ先（公開）";
    pub const STAFF_CONTACT: &str = "専門職向けの連絡先（非公開）";
    pub const STAFF_CONTACT_HINT: &str = "公開ページには表示されません。";
    pub const KNOWN_BY: &str = "顔の見える関係（知っている人）";
    pub const KNOWN_BY_HINT: &str = "チームや名簿の誰がこの資源を直接知っているか。非公開。";
    pub const SOURCE: &str = "情報の出どころ（収集したセンター等）";
    pub const COLLECTED_ON: &str = "収集日";
    pub const STATUS: &str = "活動状況";
    pub const ACTIVITY: &str = "活動状況";
    pub const NOTICE: &str = "お知らせ（公開）";
    pub const NOTICE_HINT: &str = "「1月は休みます」など短いお知らせ。";
}

#[component]
pub fn ResourceFormPage(#[prop(optional)] edit: bool) -> impl IntoView {
    let id = use_id_param().get_untracked();
    let save = ServerAction::<SaveResource>::new();
    let errors = FormErrors::of(save);
    let title = if edit { t::EDIT_TITLE } else { t::NEW_TITLE };
    view! {
        <PageTitle text=title />
        <h1>{title}</h1>
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                let existing = if edit { get_resource(id).await.map(Some) } else { Ok(None) };
                // Without settings the form still works: the map is left out.
                let map = get_map_settings().await.ok();
                match (existing, get_resource_choices(edit.then_some(id)).await) {
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorMessage error=e /> }.into_any(),
                    (Ok(r), Ok(choices)) => {
                        let (base, rid, version) = match r {
                            Some(r) => (r.input.clone(), Some(r.id), Some(r.version)),
                            None => (ResourceInput { activity: "active".into(), collected_on: crate::clock::today().to_string(), ..Default::default() }, None, None),
                        };
                        let cancel = rid.map(|i| format!("/resources/{i}")).unwrap_or_else(|| "/resources".into());
                        view! { <ResourceForm save errors base id=rid version choices cancel map /> }.into_any()
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
fn ResourceForm(
    save: ServerAction<SaveResource>,
    errors: FormErrors,
    base: ResourceInput,
    id: Option<i32>,
    version: Option<i32>,
    choices: ResourceChoices,
    cancel: String,
    map: Option<MapSettings>,
) -> impl IntoView {
    let v = move |name: &str, default: &str| errors.value_or(name, default);
    // A collector's one district is chosen for them.
    let only_district = match choices.districts.as_slice() {
        [d] if base.district.is_empty() => d.id.to_string(),
        _ => base.district.clone(),
    };
    let categories: Vec<(String, String)> = choices.categories.iter().map(|c| (c.id.to_string(), c.name.clone())).collect();
    view! {
        <ActionForm action=save attr:class="stack card" attr:data-testid="resource-form">
            <FormMessage errors />
            {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            {version.map(|v| view! { <input type="hidden" name="version" value=v /> })}
            <fieldset>
                <legend>{t::BASICS}</legend>
                <div class="row">
                    <TextField label=t::NAME name="name" value=v("name", &base.name) required=true maxlength=200 errors />
                    <TextField label=t::KANA name="kana" value=v("kana", &base.kana) maxlength=200 hint=t::KANA_HINT errors />
                </div>
                <div class="row">
                    <SelectField label=t::CATEGORY name="category" options=categories selected=v("category", &base.category) required=true empty_label=t::CHOOSE errors />
                    <SelectField label=t::DISTRICT name="district" options=refs(&choices.districts) selected=v("district", &only_district) empty_label=t::CITY_WIDE errors />
                </div>
                <div class="row">
                    // A collector is offered no organisations of the directory: free text only.
                    {(!choices.organisations.is_empty()).then(|| view! {
                        <SelectField label=t::ORGANISER name="organiser" options=refs(&choices.organisations) selected=v("organiser", &base.organiser) empty_label=t::NONE errors />
                    })}
                    <TextField label=t::ORGANISER_TEXT name="organiser_text" value=v("organiser_text", &base.organiser_text) maxlength=200 errors />
                </div>
            </fieldset>
            <fieldset>
                <legend>{t::WHAT}</legend>
                <TextArea label=t::DESCRIPTION name="description" value=v("description", &base.description) rows=3 errors />
                <TextField label=t::AUDIENCE name="audience" value=v("audience", &base.audience) maxlength=500 errors />
                <div class="row">
                    <SelectField label=t::SCHEDULE_RULE name="schedule_rule" options=Rule::choices() selected=v("schedule_rule", &base.schedule_rule) empty_label=t::NO_RULE errors />
                    <TextField label=t::SCHEDULE name="schedule" value=v("schedule", &base.schedule) maxlength=500 hint=t::SCHEDULE_HINT errors />
                </div>
                <div class="row">
                    <TextField label=t::COST name="cost" value=v("cost", &base.cost) maxlength=200 errors />
                </div>
                <TextArea label=t::HOW_TO_JOIN name="how_to_join" value=v("how_to_join", &base.how_to_join) rows=2 errors />
            </fieldset>
            <fieldset>
                <legend>{t::WHERE}</legend>
                <div class="row">
                    <TextField label=t::PLACE name="place" value=v("place", &base.place) maxlength=200 errors />
                    <TextField label=t::ADDRESS name="address" value=v("address", &base.address) maxlength=300 errors />
                </div>
                <div class="row">
                    <TextField label=t::LATITUDE name="latitude" value=v("latitude", &base.latitude) hint=t::COORD_HINT errors />
                    <TextField label=t::LONGITUDE name="longitude" value=v("longitude", &base.longitude) errors />
                </div>
                {map.map(|m| view! {
                    {leaflet_assets()}
                    <CoordinatePicker lat=v("latitude", &base.latitude) lon=v("longitude", &base.longitude) tiles=m.tiles attribution=m.attribution hint=t::PICK_HINT.to_string() geocoder=m.geocoder lookup=lookup_texts() />
                })}
            </fieldset>
            <fieldset>
                <legend>{t::CONTACTS}</legend>
                <div class="row">
                    <TextField label=t::PUBLIC_CONTACT name="public_contact" value=v("public_contact", &base.public_contact) maxlength=300 errors />
                    <TextField label=t::STAFF_CONTACT name="staff_contact" value=v("staff_contact", &base.staff_contact) maxlength=300 hint=t::STAFF_CONTACT_HINT errors />
                </div>
                <TextField label=t::KNOWN_BY name="known_by" value=v("known_by", &base.known_by) maxlength=500 hint=t::KNOWN_BY_HINT errors />
                <div class="row">
                    <TextField label=t::SOURCE name="source" value=v("source", &base.source) maxlength=200 errors />
                    <TextField label=t::COLLECTED_ON name="collected_on" input_type="date" value=v("collected_on", &base.collected_on) errors />
                </div>
            </fieldset>
            <fieldset>
                <legend>{t::STATUS}</legend>
                <div class="row">
                    <SelectField label=t::ACTIVITY name="activity" options=activity_options() selected=v("activity", &base.activity) required=true errors />
                    <TextField label=t::NOTICE name="notice" value=v("notice", &base.notice) maxlength=300 hint=t::NOTICE_HINT errors />
                </div>
            </fieldset>
            <div class="actions">
                <button type="submit">{t::SAVE}</button>
                <a class="button secondary" href=cancel>{t::CANCEL}</a>
            </div>
        </ActionForm>
    }
}

fn lookup_texts() -> LookupTexts {
    LookupTexts {
        button: t::LOOKUP.into(),
        empty: t::LOOKUP_EMPTY.into(),
        searching: t::LOOKUP_SEARCHING.into(),
        found: t::LOOKUP_FOUND.into(),
        none: t::LOOKUP_NONE.into(),
        failed: t::LOOKUP_FAILED.into(),
    }
}
