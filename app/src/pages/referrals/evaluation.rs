//! `/referrals/evaluation?fy=2026`: the year's evaluation per pathway (team only), with its
//! CSV and Excel files.

use super::ReferralTabs;
use crate::api::referrals::get_referral_evaluation;
use crate::components::loaded::loaded;
use crate::components::page_title::PageTitle;
use crate::domain::FiscalYear;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "つながるパスの評価";
    pub const FY: &str = "年度";
    pub const SHOW: &str = "表示";
    pub const CSV: &str = "CSVで出力";
    pub const XLSX: &str = "Excelで出力";
    pub const PRINT: &str = "印刷";
    pub const HEADERS: [&str; 6] = crate::domain::referral_evaluation::PATHWAY_HEADERS;
    pub const COUNT: &str = "件数";
    pub const CONNECTIONS: &str = "つながり（箇所）";
    pub const CONNECTIONS_HEADERS: [&str; 3] = ["返信で人数が分かる方", "支援開始時の計", "現在の計"];
    pub const NOTE: &str = "年度内に送付された連絡票を数えています（匿名の記録を含みます）。介護保険の申請・来所・つながりは、それぞれの連絡票の最新の返信によります。";
}

#[component]
pub fn ReferralEvaluationPage() -> impl IntoView {
    let fy = use_query_map().with_untracked(|q| q.get("fy").and_then(|s| s.trim().parse::<i32>().ok()));
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <ReferralTabs current="/referrals/evaluation" />
        {loaded(get_referral_evaluation(fy), move |r| {
            let e = r.evaluation;
            let current = FiscalYear::of(crate::clock::today()).year();
            let years: Vec<i32> = (current - 9..=current).rev().collect();
            let files = format!("?fy={}", r.fiscal_year);
            view! {
                <form method="get" action="/referrals/evaluation" class="filters card no-print">
                    <div class="field">
                        <label for="f-fy">{t::FY}</label>
                        <select id="f-fy" name="fy">
                            {years.into_iter().map(|y| view! { <option value=y selected=y == r.fiscal_year>{FiscalYear(y).long_label()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="actions">
                        <button type="submit">{t::SHOW}</button>
                        <a class="button secondary" href=format!("/referrals/evaluation.csv{files}") download>{t::CSV}</a>
                        <a class="button secondary" href=format!("/referrals/evaluation.xlsx{files}") download>{t::XLSX}</a>
                        <crate::components::islands::PrintButton label=t::PRINT.to_string() />
                    </div>
                </form>
                <h2>{r.label.clone()}</h2>
                <p class="hint">{t::NOTE}</p>
                <div class="table-scroll">
                    <table class="data-table" data-testid="evaluation-pathways">
                        <thead><tr>{t::HEADERS.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}</tr></thead>
                        <tbody>
                            {e.pathways.iter().chain(std::iter::once(&e.total)).map(|p| view! {
                                <tr>
                                    <th scope="row">{p.pathway.clone()}</th>
                                    <td class="num">{p.sent}</td>
                                    <td class="num">{p.received}</td>
                                    <td class="num">{p.replied}</td>
                                    <td class="num">{p.median_days.clone()}</td>
                                    <td class="num">{p.overdue}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <div class="dashboard">
                    {e.tables.into_iter().map(|tb| view! {
                        <section class="card">
                            <h3>{tb.title.clone()}</h3>
                            <table class="data-table compact">
                                <thead><tr><th scope="col"></th><th scope="col" class="num">{t::COUNT}</th></tr></thead>
                                <tbody>
                                    {tb.rows.into_iter().map(|(label, n)| view! { <tr><th scope="row">{label}</th><td class="num">{n}</td></tr> }).collect_view()}
                                </tbody>
                            </table>
                        </section>
                    }).collect_view()}
                    <section class="card" data-testid="evaluation-connections">
                        <h3>{t::CONNECTIONS}</h3>
                        <table class="data-table compact">
                            <thead><tr>{t::CONNECTIONS_HEADERS.iter().map(|h| view! { <th scope="col" class="num">{*h}</th> }).collect_view()}</tr></thead>
                            <tbody><tr>
                                <td class="num">{e.connections.people}</td>
                                <td class="num">{e.connections.before}</td>
                                <td class="num">{e.connections.now}</td>
                            </tr></tbody>
                        </table>
                    </section>
                </div>
            }
            .into_any()
        })}
    }
}
