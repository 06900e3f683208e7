//! `/public/resources/:id`: one published resource. Anything not published is "not found".

use super::PublicTabs;
use crate::api::resources::get_public_resource;
use crate::components::loaded::loaded;
use crate::components::nav::use_id_param;
use crate::components::page_title::PageTitle;
use leptos::prelude::*;

mod t {
    pub const CATEGORY: &str = "分類";
    pub const DISTRICT: &str = "地区";
    pub const ORGANISER: &str = "主催";
    pub const DESCRIPTION: &str = "内容";
    pub const AUDIENCE: &str = "対象";
    pub const SCHEDULE: &str = "日時";
    pub const PLACE: &str = "会場";
    pub const ADDRESS: &str = "住所";
    pub const COST: &str = "費用";
    pub const HOW_TO_JOIN: &str = "参加方法";
    pub const CONTACT: &str = "問い合わせ先";
    pub const CONFIRMED: &str = "内容の確認日";
    pub const BACK: &str = "一覧へ戻る";
}

fn row(label: &'static str, value: String) -> impl IntoView {
    (!value.trim().is_empty()).then(|| view! { <dt>{label}</dt><dd class="pre-line">{value}</dd> })
}

#[component]
pub fn PublicResourcePage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    view! {
        <PublicTabs current="" />
        {loaded(get_public_resource(id), move |r| view! {
            <PageTitle text=r.name.clone() />
            <h1>{r.name.clone()} {(!r.paused.is_empty()).then(|| view! { " " <span class="badge">{r.paused.clone()}</span> })}</h1>
            {(!r.notice.is_empty()).then(|| view! { <p class="notice">{r.notice.clone()}</p> })}
            <dl class="facts card" data-testid="public-resource">
                {row(t::CATEGORY, r.category)}
                {row(t::DISTRICT, r.district)}
                {row(t::ORGANISER, r.organiser)}
                {row(t::DESCRIPTION, r.description)}
                {row(t::AUDIENCE, r.audience)}
                {row(t::SCHEDULE, r.schedule)}
                {row(t::PLACE, r.place)}
                {row(t::ADDRESS, r.address)}
                {row(t::COST, r.cost)}
                {row(t::HOW_TO_JOIN, r.how_to_join)}
                {row(t::CONTACT, r.contact)}
                {row(t::CONFIRMED, crate::domain::dates::day_of_iso(&r.confirmed_on))}
            </dl>
            <p class="no-print"><a href="/public/resources">{t::BACK}</a></p>
        })}
    }
}
