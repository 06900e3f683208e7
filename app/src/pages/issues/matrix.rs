//! `/issues/register/:id/matrix?from=2012&to=2024`: issues as rows, fiscal years as
//! columns, the marks of the actions in each cell; prints on A4 landscape.

use super::ConfidentialNote;
use crate::api::issues::get_issue_matrix;
use crate::components::nav::{use_id_param, url_with};
use crate::domain::issues::Mark;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE_SUFFIX: &str = "の課題と年度別の取組";
    pub const BACK: &str = "の課題一覧へ";
    pub const FROM: &str = "開始年度";
    pub const TO: &str = "終了年度";
    pub const SHOW: &str = "表示";
    pub const PRINT: &str = "印刷（A4横）";
    pub const XLSX: &str = "Excelで出力";
    pub const COL_CODE: &str = "記号";
    pub const COL_TITLE: &str = "課題";
    pub const FIRST: &str = "抽出";
    pub const FIRST_LEGEND: &str = "抽出: 課題を抽出した年度";
    pub const EMPTY: &str = "この職種の課題はまだありません。";
    pub const CELL_HINT: &str = "記号にマウスを重ねると取組の内容が表示され、クリックすると課題の取組一覧を開きます。";
}

#[component]
pub fn MatrixPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let (from, to) = use_query_map().with_untracked(|q| (q.get("from").and_then(|s| s.parse::<i32>().ok()), q.get("to").and_then(|s| s.parse::<i32>().ok())));
    view! {
        {loaded(get_issue_matrix(id, from, to), move |m| {
            let pid = m.profession.id;
            let title = format!("{}{}", m.profession.name, t::TITLE_SUFFIX);
            let range_label = format!("{}〜{}", m.years.first().map(|y| y.label.clone()).unwrap_or_default(), m.years.last().map(|y| y.label.clone()).unwrap_or_default());
            let xlsx = url_with(&format!("/issues/register/{pid}/matrix.xlsx"), &[("from", Some(m.from.to_string())), ("to", Some(m.to.to_string()))]);
            let opt = |y: i32, l: String, sel: bool| view! { <option value=y selected=sel>{l}</option> };
            view! {
                <PageTitle text=title.clone() />
                <div class="matrix-page">
                    <p class="no-print"><a href=format!("/issues/register/{pid}")>{m.profession.name.clone()} {t::BACK}</a></p>
                    <div class="page-head">
                        <h1>{title} <span class="muted">"（" {range_label} "）"</span></h1>
                        <div class="actions no-print">
                            <a class="button secondary" href=xlsx download>{t::XLSX}</a>
                            <crate::components::islands::PrintButton label=t::PRINT.to_string() />
                        </div>
                    </div>
                    <ConfidentialNote />
                    <form method="get" action=format!("/issues/register/{pid}/matrix") class="filters card no-print">
                        <div class="field">
                            <label for="f-from">{t::FROM}</label>
                            <select id="f-from" name="from">
                                {m.selectable.iter().map(|y| opt(y.year, format!("{}（{}）", y.label, y.western), y.year == m.from)).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="f-to">{t::TO}</label>
                            <select id="f-to" name="to">
                                {m.selectable.iter().map(|y| opt(y.year, format!("{}（{}）", y.label, y.western), y.year == m.to)).collect_view()}
                            </select>
                        </div>
                        <div class="actions"><button type="submit">{t::SHOW}</button></div>
                    </form>
                    {if m.rows.is_empty() {
                        view! { <p class="empty">{t::EMPTY}</p> }.into_any()
                    } else {
                        view! {
                            <div class="table-scroll">
                                <table class="data-table matrix" data-testid="matrix">
                                    <thead><tr>
                                        <th scope="col">{t::COL_CODE}</th>
                                        <th scope="col">{t::COL_TITLE}</th>
                                        {m.years.iter().map(|y| view! { <th scope="col" class="year" title=y.western.clone()>{y.label.clone()}</th> }).collect_view()}
                                    </tr></thead>
                                    <tbody>
                                        {m.rows.iter().map(|r| view! {
                                            <tr>
                                                <th scope="row" class="code">{r.code.clone()}</th>
                                                <td class="title"><a href=format!("/issues/{}", r.issue_id)>{r.title.clone()}</a></td>
                                                {r.cells.iter().map(|c| view! {
                                                    <td class="cell" class:first=c.first>
                                                        {c.first.then(|| view! { <span class="first-label">{t::FIRST}</span> })}
                                                        {c.actions.iter().map(|a| view! {
                                                            <a class="mark" href=format!("/issues/{}#action-{}", a.issue_id, a.id) title=format!("{} {} {}", a.mark.symbol(), a.date, a.description)>
                                                                {a.mark.symbol()}
                                                            </a>
                                                        }).collect_view()}
                                                    </td>
                                                }).collect_view()}
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <p class="legend">
                                {Mark::ALL.iter().map(|mk| view! { <span>{mk.symbol()} " " {mk.label()}</span> }).collect_view()}
                                <span class="first-legend">{t::FIRST_LEGEND}</span>
                            </p>
                            <p class="hint no-print">{t::CELL_HINT}</p>
                        }.into_any()
                    }}
                </div>
            }.into_any()
        })}
    }
}
