//! `/consultations/:id`: one consultation record.

use crate::api::consultations::{get_consultation, ArchiveConsultation, ConsultationView};
use crate::components::form::{FormErrors, FormMessage};
use crate::components::nav::{use_id_param, use_notice, Notice};
use crate::components::session::IfCan;
use crate::components::tags::InitiativeLinks;
use crate::domain::Permission;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;

mod t {
    pub const BACK: &str = "相談記録の一覧へ";
    pub const TITLE: &str = "相談記録";
    pub use crate::components::words::EDIT;
    pub const ARCHIVE: &str = "アーカイブ";
    pub const RESTORE: &str = "元に戻す";
    pub const ARCHIVED: &str = "アーカイブ済み（集計に含めません）";
    pub const DATE: &str = "受付日";
    pub const FY: &str = "年度";
    pub const CATEGORY: &str = "分類";
    pub const REQUESTER: &str = "相談者";
    pub const ORGANISATION: &str = "所属";
    pub const PROFESSION: &str = "職種";
    pub const REGION: &str = "圏域";
    pub const METHOD: &str = "方法";
    pub const WANTED: &str = "欲しい相談";
    pub const YES: &str = "はい";
    pub const NO: &str = "いいえ";
    pub const CONTENT: &str = "内容";
    pub const RESPONSE: &str = "対応";
    pub const STATUS: &str = "状況";
    pub const SOLVED_FY: &str = "解決策を実施した年度";
    pub const MEETING: &str = "関連する会議";
    pub const ISSUE: &str = "関連する課題";
    pub const IMPORTED: &str = "CSVから取り込んだ記録です。";
    pub use crate::components::words::UPDATED;
    pub const NOTICES: &[(&str, &str)] = &[("saved", "保存しました。"), ("archived", "アーカイブしました。集計には含めません。"), ("restored", "元に戻しました。")];
}

#[component]
pub fn ConsultationPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let archive = ServerAction::<ArchiveConsultation>::new();
    let notice = use_notice(t::NOTICES);
    let errors = FormErrors::of(archive);
    view! {
        <p class="no-print"><a href="/consultations">{t::BACK}</a></p>
        <Notice notice />
        <FormMessage errors />
        {loaded(get_consultation(id), move |c| view! { <Detail c archive /> }.into_any())}
    }
}

#[component]
fn Detail(c: ConsultationView, archive: ServerAction<ArchiveConsultation>) -> impl IntoView {
    let row = |label: &'static str, value: String| (!value.is_empty()).then(|| view! { <dt>{label}</dt><dd>{value}</dd> });
    let heading = format!("{} {} {}", t::TITLE, c.date, c.category);
    let (id, version, active) = (c.id, c.version, c.active);
    view! {
        <PageTitle text=heading.clone() />
        <div class="page-head">
            <h1>{heading} {(!active).then(|| view! { <span class="badge">{t::ARCHIVED}</span> })}</h1>
            <IfCan permission=Permission::WriteConsultations>
                <div class="actions no-print">
                    <a class="button" href=format!("/consultations/{id}/edit")>{t::EDIT}</a>
                    <ActionForm action=archive attr:class="inline">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="version" value=version />
                        <input type="hidden" name="archive" value=active.to_string() />
                        <button type="submit" class="secondary">{if active { t::ARCHIVE } else { t::RESTORE }}</button>
                    </ActionForm>
                </div>
            </IfCan>
        </div>
        <dl class="facts card" data-testid="consultation-facts">
            <dt>{t::DATE}</dt><dd>{c.date.clone()}</dd>
            <dt>{t::FY}</dt><dd>{c.fiscal_year.clone()}</dd>
            <dt>{t::CATEGORY}</dt><dd>{c.category.clone()}</dd>
            {row(t::REQUESTER, c.requester.clone())}
            {match c.organisation.clone() {
                Some(o) => Some(view! { <dt>{t::ORGANISATION}</dt><dd><a href=format!("/directory/organisations/{}", o.id)>{o.name}</a></dd> }.into_any()),
                None => row(t::ORGANISATION, c.organisation_text.clone()).map(|v| v.into_any()),
            }}
            {row(t::PROFESSION, c.profession.clone())}
            {row(t::REGION, c.region.clone())}
            {row(t::METHOD, c.method.clone())}
            <dt>{t::WANTED}</dt><dd>{if c.wanted { t::YES } else { t::NO }}</dd>
            <dt>{t::STATUS}</dt><dd>{c.status.clone()}</dd>
            {row(t::SOLVED_FY, c.solved_fy.clone())}
            {(!c.content.is_empty()).then(|| view! { <dt>{t::CONTENT}</dt><dd class="pre">{c.content.clone()}</dd> })}
            {(!c.response.is_empty()).then(|| view! { <dt>{t::RESPONSE}</dt><dd class="pre">{c.response.clone()}</dd> })}
            {c.meeting.clone().map(|m| view! { <dt>{t::MEETING}</dt><dd><a href=format!("/meetings/{}", m.id)>{m.name}</a></dd> })}
            {c.issue.clone().map(|i| view! { <dt>{t::ISSUE}</dt><dd><a href=format!("/issues/{}", i.id)>{i.name}</a></dd> })}
            <InitiativeLinks items=c.initiatives.clone() testid="consultation-initiatives" />
            <dt>{t::UPDATED}</dt><dd>{c.updated_at.clone()}</dd>
        </dl>
        {c.imported.then(|| view! { <p class="hint">{t::IMPORTED}</p> })}
    }
}
