//! `/report?fy=2025`: the annual report (事業報告) of a fiscal year — every section as a
//! table, printable on A4 portrait (the confidential issue section only when the reader asks
//! for it), and the same tables as a workbook.

use crate::api::report::get_annual_report;
use crate::components::error_view::ErrorMessage;
use crate::components::print_choice::{ConfidentialPrintMark, PrintConfidentialChoice};
use crate::domain::report::Grid;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "事業報告";
    pub use crate::components::words::LOADING;
    pub const FY: &str = "年度";
    pub const SHOW: &str = "表示";
    pub const XLSX: &str = "Excelでダウンロード";
    pub use crate::components::words::PRINT;
    pub const PERIOD: &str = "対象期間";
    pub const MADE: &str = "作成日";
    pub const CONTENTS: &str = "目次";
    pub const EMPTY: &str = "この年度の記録はありません。";
    pub const SUBTITLE: &str = "在宅医療・介護連携推進事業";
    pub const PERIOD_REPORT: &str = "月次・四半期の活動報告（期間を指定）";
    pub const HANDOVER: &str = "職種別の引き継ぎ資料";
    pub use crate::components::words::CONFIDENTIAL;
}

/// The section counted from the confidential registers (`services::reports::annual`), sent only to
/// those who may read them: printed only when they ask for it.
const CONFIDENTIAL_SECTION: &str = "issues";

pub(crate) fn table(g: Grid, key: &str, index: usize) -> impl IntoView {
    let numeric = g.numeric_from;
    let cell_class = move |c: usize| if c >= numeric && c > 0 { "num" } else { "" };
    let empty = g.rows.is_empty();
    view! {
        <div class="table-scroll">
            <table class="data-table compact report-table" data-testid=format!("report-{key}-{index}")>
                <caption>{g.caption.clone()}</caption>
                <thead><tr>{g.head.iter().enumerate().map(|(c, h)| view! { <th scope="col" class=cell_class(c)>{h.clone()}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {empty.then(|| view! { <tr><td colspan=g.head.len()>{t::EMPTY}</td></tr> })}
                    {g.rows.into_iter().map(|row| view! {
                        <tr>{row.into_iter().enumerate().map(|(c, v)| if c == 0 {
                            view! { <th scope="row">{v}</th> }.into_any()
                        } else {
                            view! { <td class=cell_class(c)>{v}</td> }.into_any()
                        }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
                {g.foot.map(|foot| view! {
                    <tfoot><tr>{foot.into_iter().enumerate().map(|(c, v)| if c == 0 {
                        view! { <th scope="row">{v}</th> }.into_any()
                    } else {
                        view! { <td class=format!("{} total", cell_class(c))>{v}</td> }.into_any()
                    }).collect_view()}</tr></tfoot>
                })}
            </table>
        </div>
    }
}

/// The contents and every section as tables; the confidential one marked (and printed only
/// when asked for).
pub(crate) fn sections_view(sections: Vec<crate::domain::report::Section>) -> impl IntoView {
    view! {
        <nav class="card no-print" aria-label=t::CONTENTS>
            <ol class="contents">
                {sections.iter().map(|s| view! { <li><a href=format!("#{}", s.key)>{s.title.clone()}</a></li> }).collect_view()}
            </ol>
        </nav>
        {sections.into_iter().enumerate().map(|(n, s)| {
            let key = s.key.clone();
            let confidential = s.key == CONFIDENTIAL_SECTION;
            let class = if confidential { "card report-section confidential-section" } else { "card report-section" };
            view! {
                <section class=class id=s.key.clone() data-testid=format!("section-{}", s.key)>
                    <h2>{format!("{}. {}", n + 1, s.title)} {confidential.then(|| view! { <span class="badge">{t::CONFIDENTIAL}</span> })}</h2>
                    <p class="hint">{s.note}</p>
                    {s.grids.into_iter().enumerate().map(|(i, g)| table(g, &key, i).into_any()).collect_view()}
                </section>
            }.into_any()
        }).collect_view()}
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let fy = use_query_map().with_untracked(|q| q.get("fy").and_then(|s| s.trim().parse::<i32>().ok()));
    view! {
        <PageTitle text=t::TITLE />
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {Suspend::new(async move {
                match get_annual_report(fy).await {
                    Err(e) => view! { <h1>{t::TITLE}</h1><ErrorMessage error=e /> }.into_any(),
                    Ok(r) => {
                        let xlsx = format!("/report/export.xlsx?fy={}", r.year.year);
                        let sections = r.sections.clone();
                        view! {
                            <div class="annual-report">
                                <ConfidentialPrintMark />
                                <div class="page-head">
                                    <h1>{format!("{} {}", r.title_year, t::TITLE)} <span class="muted">"（" {r.year.western.clone()} "）"</span></h1>
                                    <div class="actions no-print">
                                        <a class="button secondary" href=xlsx download>{t::XLSX}</a>
                                        <crate::components::islands::PrintButton label=t::PRINT.to_string() />
                                        <PrintConfidentialChoice />
                                    </div>
                                </div>
                                <p class="lead">{t::SUBTITLE} " ・ " {t::PERIOD} " " {r.period.clone()} " ・ " {t::MADE} " " {r.made_on.clone()}</p>
                                <form method="get" action="/report" class="filters card no-print">
                                    <div class="field">
                                        <label for="f-fy">{t::FY}</label>
                                        <select id="f-fy" name="fy">
                                            {r.years.iter().rev().map(|y| view! { <option value=y.year selected=y.year == r.year.year>{format!("{}（{}）", y.label, y.western)}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="actions"><button type="submit">{t::SHOW}</button></div>
                                    <p><a href="/reports/period">{t::PERIOD_REPORT}</a> " ・ " <a href="/handover">{t::HANDOVER}</a></p>
                                </form>
                                {sections_view(sections)}
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
