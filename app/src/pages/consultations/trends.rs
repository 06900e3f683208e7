//! `/consultations/trends?from=2017&to=2024&pct=1`: categories × fiscal years with totals,
//! optional shares, the stacked-bar chart; `/consultations/trends/:fy`: one year's
//! breakdowns. Both print on A4 landscape and download as CSV/XLSX laid out as shown.

use super::DeskTabs;
use crate::api::consultations::{get_breakdowns, get_trends};
use crate::components::nav::url_with;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::{use_params_map, use_query_map};

mod t {
    pub const TITLE: &str = "相談内容の推移";
    pub const FROM: &str = "開始年度";
    pub const TO: &str = "終了年度";
    pub const PCT: &str = "構成比（%）も表示";
    pub const SHOW: &str = "表示";
    pub const PRINT: &str = "印刷（A4横）";
    pub const CSV: &str = "CSV";
    pub const XLSX: &str = "Excel";
    pub const COL_CATEGORY: &str = "分類";
    pub const TOTAL: &str = "合計";
    pub const RETIRED: &str = "（廃止）";
    pub const EMPTY: &str = "相談記録はまだありません。";
    pub const NOTE: &str = "件数は受付日の年度で数えています（4月1日〜翌年3月31日）。アーカイブした記録は含みません。";
    /// Only for the screen: paper has no mouse.
    pub const HOVER: &str = "年度名にマウスを重ねると西暦年度を表示します。";
    pub const YEAR_LINKS: &str = "年度ごとの内訳:";
    pub const BREAKDOWN_TITLE: &str = "の相談・問合せの内訳";
    pub const BACK: &str = "相談内容の推移へ";
    pub const YEAR: &str = "年度";
    pub const COUNT: &str = "件数";
    pub const SHARE: &str = "構成比";
    pub const N: &str = "n=";
}

fn download(base: &str, ext: &str, pairs: &[(&str, Option<String>)]) -> String {
    url_with(&format!("{base}.{ext}"), pairs)
}

#[component]
pub fn TrendsPage() -> impl IntoView {
    let (from, to, pct) = use_query_map().with_untracked(|q| {
        let year = |k: &str| q.get(k).and_then(|s| s.trim().parse::<i32>().ok());
        (year("from"), year("to"), q.get("pct").is_some_and(|v| v == "1"))
    });
    view! {
        <PageTitle text=t::TITLE />
        {loaded(get_trends(from, to, Some(pct)), move |v| {
        let pct = v.percentages;
        let pairs = [("from", Some(v.from.to_string())), ("to", Some(v.to.to_string())), ("pct", pct.then(|| "1".to_string()))];
        let range = format!("{}〜{}", v.table.years.first().map(|y| y.short_label()).unwrap_or_default(), v.table.years.last().map(|y| y.short_label()).unwrap_or_default());
        let opt = |y: i32, l: String, sel: bool| view! { <option value=y selected=sel>{l}</option> };
        let table = v.table.clone();
        view! {
            <div class="report-page">
                <div class="page-head">
                    <h1>{t::TITLE} <span class="muted">"（" {range} "）"</span></h1>
                    <div class="actions no-print">
                        <a class="button secondary" href=download("/consultations/trends", "csv", &pairs) download>{t::CSV}</a>
                        <a class="button secondary" href=download("/consultations/trends", "xlsx", &pairs) download>{t::XLSX}</a>
                        <crate::components::islands::PrintButton label=t::PRINT.to_string() />
                    </div>
                </div>
                <DeskTabs current="/consultations/trends" />
                <form method="get" action="/consultations/trends" class="filters card no-print">
                    <div class="field">
                        <label for="f-from">{t::FROM}</label>
                        <select id="f-from" name="from">
                            {v.selectable.iter().map(|y| opt(y.year, format!("{}（{}）", y.label, y.western), y.year == v.from)).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-to">{t::TO}</label>
                        <select id="f-to" name="to">
                            {v.selectable.iter().map(|y| opt(y.year, format!("{}（{}）", y.label, y.western), y.year == v.to)).collect_view()}
                        </select>
                    </div>
                    <label class="check"><input type="checkbox" name="pct" value="1" checked=pct />{t::PCT}</label>
                    <div class="actions"><button type="submit">{t::SHOW}</button></div>
                </form>
                {(table.total == 0).then(|| view! { <p class="empty">{t::EMPTY}</p> })}
                <div class="table-scroll">
                    <table class="data-table trend" data-testid="trend-table">
                        <thead><tr>
                            <th scope="col">{t::COL_CATEGORY}</th>
                            {table.years.iter().map(|y| view! {
                                <th scope="col" class="year" title=y.western_label() colspan=if pct { 2 } else { 1 }>
                                    <a href=format!("/consultations/trends/{}", y.0)>{y.short_label()}</a>
                                </th>
                            }).collect_view()}
                            <th scope="col" class="nowrap">{t::TOTAL}</th>
                        </tr>
                        {pct.then(|| view! {
                            <tr class="sub-head">
                                <th scope="col"></th>
                                {table.years.iter().map(|_| view! { <th scope="col" class="num">{t::COUNT}</th><th scope="col" class="num">"%"</th> }).collect_view()}
                                <th scope="col"></th>
                            </tr>
                        })}
                        </thead>
                        <tbody>
                            {table.rows.iter().enumerate().map(|(r, row)| view! {
                                <tr>
                                    <th scope="row">{row.category.name.clone()} {(!row.category.active).then_some(t::RETIRED)}</th>
                                    {row.counts.iter().enumerate().map(|(c, n)| view! {
                                        <td class="num">{*n}</td>
                                        {pct.then(|| view! { <td class="num pct">{table.percent(r, c)}</td> })}
                                    }).collect_view()}
                                    <td class="num total">{row.total}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                        <tfoot><tr>
                            <th scope="row">{t::TOTAL}</th>
                            {table.column_totals.iter().map(|n| view! {
                                <td class="num total">{*n}</td>
                                {pct.then(|| view! { <td class="num pct">{if *n > 0 { "100.0" } else { "" }}</td> })}
                            }).collect_view()}
                            <td class="num total">{table.total}</td>
                        </tr></tfoot>
                    </table>
                </div>
                // Under the table it counts, so that the print never leaves it alone on a page.
                <p class="hint trend-note" data-testid="trend-note">{t::NOTE}<span class="no-print">{t::HOVER}</span></p>
                {(table.total > 0).then(|| view! { <figure class="chart-figure" data-testid="trend-chart" inner_html=v.svg.clone()></figure> })}
                <p class="no-print">{t::YEAR_LINKS} " "
                    {table.years.iter().map(|y| view! { <a href=format!("/consultations/trends/{}", y.0)>{y.short_label()}</a> " " }).collect_view()}
                </p>
            </div>
        }.into_any()
    })}
    }
}

#[component]
pub fn BreakdownsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    // `/consultations/trends/2024`, or the year picker's `/consultations/trends/year?fy=2024`.
    let fy = params
        .with_untracked(|p| p.get("fy").and_then(|s| s.parse::<i32>().ok()))
        .or_else(|| query.with_untracked(|q| q.get("fy").and_then(|s| s.parse().ok())))
        .unwrap_or(0);
    view! {
        {loaded(get_breakdowns(fy), move |v| {
        let title = format!("{}（{}）{}", v.year.label, v.year.western, t::BREAKDOWN_TITLE);
        let fy = v.year.year;
        view! {
            <PageTitle text=title.clone() />
            <div class="report-page">
                <p class="no-print"><a href="/consultations/trends">{t::BACK}</a></p>
                <div class="page-head">
                    <h1>{title}</h1>
                    <div class="actions no-print">
                        <crate::components::islands::PrintButton label=t::PRINT.to_string() />
                    </div>
                </div>
                <form method="get" action="/consultations/trends/year" class="filters card no-print">
                    <div class="field">
                        <label for="f-fy">{t::YEAR}</label>
                        <select id="f-fy" name="fy">
                            {v.selectable.iter().map(|y| view! { <option value=y.year selected=y.year == fy>{format!("{}（{}）", y.label, y.western)}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="actions"><button type="submit">{t::SHOW}</button></div>
                </form>
                <div class="breakdowns">
                    {v.breakdowns.into_iter().map(|(b, svg)| view! {
                        <section class="card breakdown" data-testid=format!("breakdown-{}", b.key)>
                            <div class="page-head">
                                <h2>{b.title.clone()} " " <span class="muted">"（"{t::N}{b.total}"）"</span></h2>
                                <div class="actions no-print">
                                    <a class="button secondary small" href=format!("/consultations/trends/{fy}/{}.csv", b.key) download>{t::CSV}</a>
                                    <a class="button secondary small" href=format!("/consultations/trends/{fy}/{}.xlsx", b.key) download>{t::XLSX}</a>
                                </div>
                            </div>
                            <table class="data-table">
                                <thead><tr><th scope="col">{b.label.clone()}</th><th scope="col">{t::COUNT}</th><th scope="col">{t::SHARE}</th></tr></thead>
                                <tbody>
                                    {b.grid().into_iter().skip(1).map(|r| view! {
                                        <tr><th scope="row">{r[0].clone()}</th><td class="num">{r[1].clone()}</td><td class="num">{r[2].clone()} {(!r[2].is_empty()).then_some("%")}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            {(b.total > 0).then(|| view! { <figure class="chart-figure" inner_html=svg></figure> })}
                        </section>
                    }).collect_view()}
                </div>
            </div>
        }.into_any()
    })}
    }
}
