//! `/consultations?fy=2024&category=3&status=done&solved_fy=2024&q=…&page=2`: the consultation records.

use super::{status_options, DeskTabs};
use crate::api::consultations::{list_consultations, ConsultationQuery};
use crate::components::nav::{url_with, use_notice, Notice, Pager};
use crate::components::session::IfCan;
use crate::domain::Permission;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "相談記録";
    pub const NEW: &str = "相談を記録";
    pub const FY: &str = "年度";
    pub const CATEGORY: &str = "分類";
    pub const STATUS: &str = "状況";
    pub const SOLVED_FY: &str = "解決策を実施した年度";
    pub const SEARCH: &str = "キーワード";
    pub const ARCHIVED: &str = "アーカイブ済みを表示";
    pub use crate::components::words::ALL;
    pub use crate::components::words::FILTER;
    pub use crate::components::words::CLEAR;
    pub const COL_DATE: &str = "受付日";
    pub const COL_FY: &str = "年度";
    pub const COL_CATEGORY: &str = "分類";
    pub const COL_CONTENT: &str = "相談内容";
    pub const COL_REQUESTER: &str = "相談者";
    pub const COL_AFFILIATION: &str = "所属・職種";
    pub const COL_METHOD: &str = "方法";
    pub const COL_WANTED: &str = "欲しい相談";
    pub const COL_STATUS: &str = "状況";
    pub const EMPTY: &str = "条件に合う相談記録はありません。";
    pub const EMPTY_ALL: &str = "相談記録はまだありません。「相談を記録」から登録するか、これまでの Excel を CSV で取り込んでください。";
    pub use crate::components::words::COUNT;
    pub const NOTICES: &[(&str, &str)] = &[("imported", "取り込みました。")];
}

#[component]
pub fn ConsultationsPage() -> impl IntoView {
    let f = use_query_map().with_untracked(|q| {
        let text = |k: &str| q.get(k).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        ConsultationQuery {
            fy: text("fy").and_then(|s| s.parse().ok()),
            category: text("category").and_then(|s| s.parse().ok()),
            status: text("status"),
            solved_fy: text("solved_fy").and_then(|s| s.parse().ok()),
            q: text("q"),
            archived: text("archived").map(|s| s == "1"),
            page: text("page").and_then(|s| s.parse().ok()),
        }
    });
    let notice = use_notice(t::NOTICES);
    view! {
        <PageTitle text=t::TITLE />
        <div class="page-head">
            <h1>{t::TITLE}</h1>
            <IfCan permission=Permission::WriteConsultations>
                <div class="actions no-print"><a class="button" href="/consultations/new">{t::NEW}</a></div>
            </IfCan>
        </div>
        <DeskTabs current="/consultations" />
        <Notice notice />
        {loaded(list_consultations(f.clone()), move |list| {
        let filtered = f.fy.is_some() || f.category.is_some() || f.status.is_some() || f.solved_fy.is_some() || f.q.is_some() || f.archived == Some(true);
        let page_url = {
            let f = f.clone();
            Callback::new(move |p: u64| url_with("/consultations", &[
                ("fy", f.fy.map(|v| v.to_string())),
                ("category", f.category.map(|v| v.to_string())),
                ("status", f.status.clone()),
                ("solved_fy", f.solved_fy.map(|v| v.to_string())),
                ("q", f.q.clone()),
                ("archived", f.archived.filter(|a| *a).map(|_| "1".to_string())),
                ("page", Some(p.to_string())),
            ]))
        };
        view! {
            <form method="get" action="/consultations" class="filters card no-print" role="search">
                <div class="field">
                    <label for="f-fy">{t::FY}</label>
                    <select id="f-fy" name="fy">
                        <option value="">{t::ALL}</option>
                        {list.years.iter().map(|y| view! { <option value=y.year selected=f.fy == Some(y.year)>{format!("{}（{}）", y.label, y.western)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-category">{t::CATEGORY}</label>
                    <select id="f-category" name="category">
                        <option value="">{t::ALL}</option>
                        {list.categories.iter().map(|c| view! { <option value=c.id selected=f.category == Some(c.id)>{c.name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-status">{t::STATUS}</label>
                    <select id="f-status" name="status">
                        <option value="">{t::ALL}</option>
                        {status_options().into_iter().map(|(c, l)| { let sel = f.status.as_deref() == Some(c.as_str()); view! { <option value=c selected=sel>{l}</option> } }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-solved_fy">{t::SOLVED_FY}</label>
                    <select id="f-solved_fy" name="solved_fy">
                        <option value="">{t::ALL}</option>
                        {list.solved_years.iter().map(|y| view! { <option value=y.year selected=f.solved_fy == Some(y.year)>{format!("{}（{}）", y.label, y.western)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-q">{t::SEARCH}</label>
                    <input id="f-q" type="search" name="q" value=f.q.clone().unwrap_or_default() />
                </div>
                <label class="check"><input type="checkbox" name="archived" value="1" checked=f.archived == Some(true) />{t::ARCHIVED}</label>
                <div class="actions">
                    <button type="submit">{t::FILTER}</button>
                    {filtered.then(|| view! { <a class="button secondary" href="/consultations">{t::CLEAR}</a> })}
                </div>
            </form>
            <p class="muted" data-testid="consultation-count">{list.total} {t::COUNT}</p>
            {if list.items.is_empty() {
                view! { <p class="empty">{if filtered { t::EMPTY } else { t::EMPTY_ALL }}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table" data-testid="consultations">
                            <thead><tr>
                                <th scope="col">{t::COL_DATE}</th>
                                <th scope="col">{t::COL_FY}</th>
                                <th scope="col">{t::COL_CATEGORY}</th>
                                <th scope="col">{t::COL_CONTENT}</th>
                                <th scope="col">{t::COL_REQUESTER}</th>
                                <th scope="col">{t::COL_AFFILIATION}</th>
                                <th scope="col">{t::COL_METHOD}</th>
                                <th scope="col">{t::COL_WANTED}</th>
                                <th scope="col">{t::COL_STATUS}</th>
                            </tr></thead>
                            <tbody>
                                {list.items.into_iter().map(|c| view! {
                                    <tr>
                                        <td class="nowrap"><a href=format!("/consultations/{}", c.id)>{c.date}</a></td>
                                        <td class="nowrap">{c.fiscal_year}</td>
                                        <td>{c.category}</td>
                                        <td class="excerpt">{c.content}</td>
                                        <td>{c.requester}</td>
                                        <td>{c.affiliation}</td>
                                        <td class="nowrap">{c.method}</td>
                                        <td class="center">{c.wanted.then_some("○")}</td>
                                        <td class="nowrap"><span class=format!("badge status-{}", c.status_code)>{c.status}</span></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <Pager page=list.page pages=list.pages href=page_url />
                }.into_any()
            }}
        }.into_any()
    })}
    }
}
