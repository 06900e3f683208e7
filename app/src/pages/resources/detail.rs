//! `/resources/:id`: one resource with everything the team knows, and the decisions that
//! govern publication: screening, consent, yearly confirmation.

use super::{consent_options, screening_options, ResourceTabs, ScreeningBadge};
use crate::api::resources::{get_resource, ConfirmResource, RecordResourceConsent, ResourceView, ScreenResource, SetResourceActive};
use crate::components::form::{FormErrors, FormMessage, SelectField, TextField};
use crate::components::loaded::loaded;
use crate::components::nav::{use_id_param, use_notice, Notice};
use crate::components::page_title::PageTitle;
use crate::components::record_actions::ArchiveToggle;
use crate::components::session::use_can;
use crate::domain::resources::{Consent, Screening};
use crate::domain::Permission;
use leptos::prelude::*;

mod t {
    pub use crate::components::words::{ARCHIVED, EDIT, PRINT};
    pub const NOTICES: &[(&str, &str)] = &[("saved", "保存しました。")];
    pub const CATEGORY: &str = "分類";
    pub const DISTRICT: &str = "地区";
    pub const CITY_WIDE: &str = "市全域";
    pub const ORGANISER: &str = "主催";
    pub const DESCRIPTION: &str = "内容";
    pub const AUDIENCE: &str = "対象";
    pub const SCHEDULE: &str = "日時";
    pub const PLACE: &str = "会場";
    pub const ADDRESS: &str = "住所";
    pub const COORDS: &str = "緯度・経度";
    pub const COST: &str = "費用";
    pub const HOW_TO_JOIN: &str = "参加方法";
    pub const PUBLIC_CONTACT: &str = "問い合わせ先（公開）";
    pub const STAFF_CONTACT: &str = "専門職向けの連絡先";
    pub const KNOWN_BY: &str = "顔の見える関係";
    pub const SOURCE: &str = "情報の出どころ";
    pub const COLLECTED_ON: &str = "収集日";
    pub const ACTIVITY: &str = "活動状況";
    pub const NOTICE: &str = "お知らせ";
    pub const UPDATED: &str = "最終更新";
    pub const DECISIONS: &str = "精査・同意・確認";
    pub const PUBLIC_YES: &str = "この資源は公開ページに掲載されています。";
    pub const PUBLIC_NO: &str = "この資源は公開されていません（掲載可・一般公開の同意・活動中または休止中のすべてがそろうと公開されます）。";
    pub const SEE_PUBLIC: &str = "公開ページで見る";
    pub const SCREENING: &str = "精査";
    pub const REASON: &str = "非掲載の理由";
    pub const REASON_HINT: &str = "非掲載にするときは必須です。";
    pub const SAVE_SCREENING: &str = "精査結果を記録";
    pub const CONSENT: &str = "公開の同意";
    pub const CONSENT_ON: &str = "同意日";
    pub const CONSENT_BY: &str = "同意した人";
    pub const SAVE_CONSENT: &str = "同意を記録";
    pub const CONFIRMED: &str = "最終確認";
    pub const NEVER: &str = "未確認";
    pub const STALE: &str = "12か月以上確認されていません。主催者に内容を確かめてください。";
    pub const CONFIRM: &str = "変更なしで確認済みにする";
    pub const EDIT_TO_CHANGE: &str = "内容が変わっていたら「編集」で直してから確認済みにしてください。";
}

#[component]
pub fn ResourcePage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let notice = use_notice(t::NOTICES);
    view! {
        <ResourceTabs current="" />
        <Notice notice />
        {loaded(get_resource(id), move |r| view! { <ResourceDetail r /> })}
    }
}

fn row(label: &'static str, value: String) -> impl IntoView {
    (!value.trim().is_empty()).then(|| view! { <dt>{label}</dt><dd class="pre-line">{value}</dd> })
}

#[component]
fn ResourceDetail(r: ResourceView) -> impl IntoView {
    let can_write = use_can(Permission::WriteResources).get_untracked();
    let can_screen = use_can(Permission::ScreenResources).get_untracked();
    let can_read_directory = use_can(Permission::ReadDirectory).get_untracked();
    let set_active = ServerAction::<SetResourceActive>::new();
    let active_errors = FormErrors::of(set_active);
    let i = r.input.clone();
    let coords = if i.latitude.is_empty() { String::new() } else { format!("{}, {}", i.latitude, i.longitude) };
    view! {
        <PageTitle text=i.name.clone() />
        <div class="page-head">
            <h1>
                {i.name.clone()} " "
                <ScreeningBadge screening=r.screening />
                {(!r.active).then(|| view! { " " <span class="badge">{t::ARCHIVED}</span> })}
            </h1>
            <div class="actions no-print">
                {can_write.then(|| view! { <a class="button" href=format!("/resources/{}/edit", r.id)>{t::EDIT}</a> })}
                // Archiving takes a resource out of publication: the team's decision.
                {can_screen.then(|| view! { <ArchiveToggle action=set_active id=r.id version=r.version active=r.active /> })}
                <crate::components::islands::PrintButton label=t::PRINT.to_string() />
            </div>
        </div>
        <FormMessage errors=active_errors />
        <p class=if r.public { "notice" } else { "muted" } data-testid="public-state">
            {if r.public { t::PUBLIC_YES } else { t::PUBLIC_NO }}
            {r.public.then(|| view! { " " <a href=format!("/public/resources/{}", r.id)>{t::SEE_PUBLIC}</a> })}
        </p>
        <dl class="facts card" data-testid="resource-facts">
            {row(t::CATEGORY, r.category.clone())}
            <dt>{t::DISTRICT}</dt><dd>{if r.district.is_empty() { t::CITY_WIDE.to_string() } else { r.district.clone() }}</dd>
            {r.organiser.clone().filter(|_| can_read_directory).map(|o| view! { <dt>{t::ORGANISER}</dt><dd><a href=format!("/directory/organisations/{}", o.id)>{o.name}</a></dd> })}
            {(r.organiser.is_none() || !can_read_directory).then(|| row(t::ORGANISER, r.organiser_label.clone()))}
            {row(t::DESCRIPTION, i.description.clone())}
            {row(t::AUDIENCE, i.audience.clone())}
            {row(t::SCHEDULE, r.schedule_label.clone())}
            {row(t::PLACE, i.place.clone())}
            {row(t::ADDRESS, i.address.clone())}
            {row(t::COORDS, coords)}
            {row(t::COST, i.cost.clone())}
            {row(t::HOW_TO_JOIN, i.how_to_join.clone())}
            {row(t::PUBLIC_CONTACT, i.public_contact.clone())}
            {row(t::STAFF_CONTACT, i.staff_contact.clone())}
            {row(t::KNOWN_BY, i.known_by.clone())}
            {row(t::SOURCE, i.source.clone())}
            {row(t::COLLECTED_ON, crate::domain::dates::day_of_iso(&i.collected_on))}
            <dt>{t::ACTIVITY}</dt><dd>{r.activity.label()}</dd>
            {row(t::NOTICE, i.notice.clone())}
            {row(t::UPDATED, r.updated_at.clone())}
        </dl>
        <Decisions r can_screen />
    }
}

#[component]
fn Decisions(r: ResourceView, can_screen: bool) -> impl IntoView {
    let screen = ServerAction::<ScreenResource>::new();
    let consent = ServerAction::<RecordResourceConsent>::new();
    let confirm = ServerAction::<ConfirmResource>::new();
    let screen_errors = FormErrors::of(screen);
    let consent_errors = FormErrors::of(consent);
    let confirm_errors = FormErrors::of(confirm);
    let confirmed = if r.confirmed_on.is_empty() { t::NEVER.to_string() } else { format!("{}（{}）", r.confirmed_on, r.confirmed_by) };
    let consent_text = match r.consent {
        Consent::None => r.consent.label().to_string(),
        _ => format!("{}（{} {}）", r.consent.label(), r.consent_on, r.consent_by),
    };
    let today = crate::clock::today().to_string();
    view! {
        <section class="card" id="decisions" data-testid="resource-decisions">
            <h2>{t::DECISIONS}</h2>
            <dl class="facts">
                <dt>{t::SCREENING}</dt>
                <dd>{r.screening.label()} {(r.screening == Screening::Rejected).then(|| format!("（{}）", r.screening_reason))}</dd>
                <dt>{t::CONSENT}</dt><dd>{consent_text}</dd>
                <dt>{t::CONFIRMED}</dt>
                <dd>{confirmed} {r.stale.then(|| view! { <p class="warning">{t::STALE}</p> })}</dd>
            </dl>
            {can_screen.then(|| view! {
                <div class="decision-forms no-print">
                    <ActionForm action=screen attr:class="stack" attr:data-testid="screening-form">
                        <FormMessage errors=screen_errors />
                        <input type="hidden" name="id" value=r.id />
                        <input type="hidden" name="version" value=r.version />
                        <div class="row">
                            <SelectField label=t::SCREENING name="screening" options=screening_options() selected=screen_errors.value_or("screening", r.screening.code()) required=true errors=screen_errors />
                            <TextField label=t::REASON name="reason" value=screen_errors.value_or("reason", &r.screening_reason) maxlength=500 hint=t::REASON_HINT errors=screen_errors />
                        </div>
                        <div class="actions"><button type="submit">{t::SAVE_SCREENING}</button></div>
                    </ActionForm>
                    <ActionForm action=consent attr:class="stack" attr:data-testid="consent-form">
                        <FormMessage errors=consent_errors />
                        <input type="hidden" name="id" value=r.id />
                        <input type="hidden" name="version" value=r.version />
                        <div class="row">
                            <SelectField label=t::CONSENT name="consent" options=consent_options() selected=consent_errors.value_or("consent", r.consent.code()) required=true errors=consent_errors />
                            <TextField label=t::CONSENT_ON name="consent_on" input_type="date" value=consent_errors.value_or("consent_on", if r.consent_on.is_empty() { today.clone() } else { r.consent_on.get(..10).unwrap_or_default().replace('/', "-") }) errors=consent_errors />
                            <TextField label=t::CONSENT_BY name="consent_by" value=consent_errors.value_or("consent_by", &r.consent_by) maxlength=100 errors=consent_errors />
                        </div>
                        <div class="actions"><button type="submit">{t::SAVE_CONSENT}</button></div>
                    </ActionForm>
                    <ActionForm action=confirm attr:class="stack" attr:data-testid="confirm-form">
                        <FormMessage errors=confirm_errors />
                        <input type="hidden" name="id" value=r.id />
                        <input type="hidden" name="version" value=r.version />
                        <input type="hidden" name="back" value=format!("/resources/{}#decisions", r.id) />
                        <p class="hint">{t::EDIT_TO_CHANGE}</p>
                        <div class="actions"><button type="submit" class="secondary">{t::CONFIRM}</button></div>
                    </ActionForm>
                </div>
            })}
        </section>
    }
}
