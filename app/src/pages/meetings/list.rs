//! The meetings list: filters, counts by level, pages, exports.

use super::{meetings_url, use_meeting_query, LevelBadge};
use crate::api::meetings::{get_meeting_filters, list_meetings};
use crate::components::error_view::ErrorMessage;
use crate::components::nav::{use_notice, Notice, Pager};
use crate::components::session::IfCan;
use crate::domain::meetings::{Level, WORK_ITEMS};
use crate::domain::Permission;
use leptos::prelude::*;
use crate::components::tabs::MeetingTabs;
use crate::components::page_title::PageTitle;

mod t {
    pub const TITLE: &str = "会議の記録";
    pub use crate::components::words::LOADING;
    pub const NEW: &str = "会議を記録";
    pub const IMPORT: &str = "過去の会議を取り込む";
    pub const RETIRED: &str = "（廃止）";
    pub const FY: &str = "年度";
    pub const LEVEL: &str = "段階";
    pub const KIND: &str = "種類";
    pub const PROFESSION: &str = "職種";
    pub const ORGANISATION: &str = "機関・団体";
    pub const WORK_ITEM: &str = "事業項目";
    pub const SEARCH: &str = "キーワード";
    pub const SEARCH_HINT: &str = "件名・場所・目的・議事録・決定事項から探します";
    pub const STATUS: &str = "状態";
    pub use crate::components::words::ALL;
    pub use crate::components::words::FILTER;
    pub use crate::components::words::CLEAR;
    pub const COL_DATE: &str = "開催日";
    pub const COL_FY: &str = "年度";
    pub const COL_LEVEL: &str = "段階";
    pub const COL_KIND: &str = "種類";
    pub const COL_TITLE: &str = "件名";
    pub const COL_WITH: &str = "職種・機関";
    pub const COL_ITEMS: &str = "事業項目";
    pub use crate::components::words::ARCHIVED;
    pub const EMPTY: &str = "条件に合う会議はありません。";
    pub const EMPTY_ALL: &str = "会議はまだ記録されていません。「会議を記録」から追加してください。";
    pub use crate::components::words::COUNT;
    pub const EXPORT_CSV: &str = "CSVで出力";
    pub const EXPORT_XLSX: &str = "Excelで出力";
    pub const NOTICES: &[(&str, &str)] = &[("archived", "アーカイブしました。")];
    pub const STATUS_OPTIONS: &[(&str, &str)] = &[("active", "有効のみ"), ("archived", "アーカイブ済みのみ"), ("all", "すべて")];
}

#[component]
pub fn MeetingsPage() -> impl IntoView {
    let q = use_meeting_query().get_untracked();
    let notice = use_notice(t::NOTICES);
    view! {
        <PageTitle text=t::TITLE />
        <div class="page-head">
            <h1>{t::TITLE}</h1>
            <p class="actions no-print">
                <IfCan permission=Permission::WriteMeetings>
                    <a class="button" href="/meetings/new">{t::NEW}</a>
                    <a class="button secondary" href="/meetings/import">{t::IMPORT}</a>
                </IfCan>
            </p>
        </div>
        <MeetingTabs current="/meetings" />
        <Notice notice />
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                match (list_meetings(q.clone()).await, get_meeting_filters().await) {
                (Err(e), _) | (_, Err(e)) => view! { <ErrorMessage error=e /> }.into_any(),
                (Ok(page), Ok(choices)) => {
                    let filtered = q != Default::default();
                    let opt = |v: String, l: String, sel: bool| view! { <option value=v selected=sel>{l}</option> };
                    view! {
                        <form method="get" action="/meetings" class="filters card no-print" role="search">
                            <div class="field">
                                <label for="f-fy">{t::FY}</label>
                                <select id="f-fy" name="fy">
                                    <option value="">{t::ALL}</option>
                                    {choices.fiscal_years.iter().map(|(y, l)| opt(y.to_string(), format!("{l}（{y}）"), q.fy == Some(*y))).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="f-level">{t::LEVEL}</label>
                                <select id="f-level" name="level">
                                    <option value="">{t::ALL}</option>
                                    {Level::ALL.iter().map(|l| opt(l.number().to_string(), l.label().to_string(), q.level == Some(l.number()))).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="f-kind">{t::KIND}</label>
                                <select id="f-kind" name="kind">
                                    <option value="">{t::ALL}</option>
                                    {choices.kinds.iter().map(|k| {
                                        let label = if k.active { k.name.clone() } else { format!("{}{}", k.name, t::RETIRED) };
                                        opt(k.code.clone(), label, q.kind.as_deref() == Some(k.code.as_str()))
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="f-profession">{t::PROFESSION}</label>
                                <select id="f-profession" name="profession">
                                    <option value="">{t::ALL}</option>
                                    {choices.professions.iter().map(|p| opt(p.id.to_string(), p.name.clone(), q.profession == Some(p.id))).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="f-organisation">{t::ORGANISATION}</label>
                                <select id="f-organisation" name="organisation">
                                    <option value="">{t::ALL}</option>
                                    {choices.organisations.iter().map(|o| opt(o.id.to_string(), o.name.clone(), q.organisation == Some(o.id))).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="f-work-item">{t::WORK_ITEM}</label>
                                <select id="f-work-item" name="work_item">
                                    <option value="">{t::ALL}</option>
                                    {WORK_ITEMS.iter().map(|(c, l)| opt(c.to_string(), format!("【{c}】{l}"), q.work_item.as_deref() == Some(*c))).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="f-q">{t::SEARCH}</label>
                                <input id="f-q" type="search" name="q" value=q.q.clone().unwrap_or_default() aria-describedby="f-q-hint" />
                                <p class="hint" id="f-q-hint">{t::SEARCH_HINT}</p>
                            </div>
                            <div class="field">
                                <label for="f-status">{t::STATUS}</label>
                                <select id="f-status" name="status">
                                    {t::STATUS_OPTIONS.iter().map(|(c, l)| opt(c.to_string(), l.to_string(), q.status.as_deref().unwrap_or("active") == *c)).collect_view()}
                                </select>
                            </div>
                            {q.person.map(|p| view! { <input type="hidden" name="person" value=p /> })}
                            <div class="actions">
                                <button type="submit">{t::FILTER}</button>
                                {filtered.then(|| view! { <a class="button secondary" href="/meetings">{t::CLEAR}</a> })}
                            </div>
                        </form>
                        <div class="page-head">
                            <p class="muted" data-testid="meeting-counts">
                                {format!("{}{}", page.total, t::COUNT)}
                                {Level::ALL.iter().map(|l| view! { " ／ " {l.label()} " " {page.by_level[l.number() as usize - 1]} {t::COUNT} }).collect_view()}
                            </p>
                            <p class="actions no-print">
                                <a class="button secondary" href=meetings_url("/meetings/export.csv", &q, 1) download>{t::EXPORT_CSV}</a>
                                <a class="button secondary" href=meetings_url("/meetings/export.xlsx", &q, 1) download>{t::EXPORT_XLSX}</a>
                            </p>
                        </div>
                        {if page.items.is_empty() {
                            view! { <p class="empty">{if filtered { t::EMPTY } else { t::EMPTY_ALL }}</p> }.into_any()
                        } else {
                            let pq = q.clone();
                            view! {
                                <div class="table-scroll">
                                    <table class="data-table" data-testid="meetings-table">
                                        <thead><tr>
                                            <th scope="col">{t::COL_DATE}</th>
                                            <th scope="col">{t::COL_FY}</th>
                                            <th scope="col">{t::COL_LEVEL}</th>
                                            <th scope="col">{t::COL_KIND}</th>
                                            <th scope="col">{t::COL_TITLE}</th>
                                            <th scope="col">{t::COL_WITH}</th>
                                            <th scope="col">{t::COL_ITEMS}</th>
                                        </tr></thead>
                                        <tbody>
                                            {page.items.into_iter().map(|m| {
                                                let with: Vec<String> = m.professions.iter().chain(m.organisations.iter()).map(|r| r.name.clone()).collect();
                                                view! {
                                                    <tr class:inactive=!m.active>
                                                        <td class="nowrap">{m.date_label.clone()}<br/><span class="muted">{m.time_label.clone()}</span></td>
                                                        <td>{m.fiscal_year.clone()}</td>
                                                        <td><LevelBadge level=m.level /></td>
                                                        <td>{m.kind.clone()}</td>
                                                        <td>
                                                            <a href=format!("/meetings/{}", m.id)>{m.title.clone()}</a>
                                                            {(!m.active).then(|| view! { <span class="badge">{t::ARCHIVED}</span> })}
                                                            {(!m.place.is_empty()).then(|| view! { <br/><span class="muted">{m.place.clone()}</span> })}
                                                        </td>
                                                        <td>{with.join("、")}</td>
                                                        <td>{m.work_items.join("・")}</td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                <Pager page=page.page pages=page.pages href=Callback::new(move |p| meetings_url("/meetings", &pq, p)) />
                            }.into_any()
                        }}
                    }.into_any()
                }
                }
            })}
        </Suspense>
    }
}
