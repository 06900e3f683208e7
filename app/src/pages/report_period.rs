//! `/reports/period?from=2026-11-01&to=2026-11-30`: the activity report of any period (月次・
//! 四半期) for the section chief and the advisor doctor — the annual report's tables over the
//! dates, printable on A4 and as a workbook.

use crate::api::report::get_period_report;
use crate::components::error_view::ErrorMessage;
use crate::components::page_title::PageTitle;
use crate::components::print_choice::{ConfidentialPrintMark, PrintConfidentialChoice};
use crate::error::AppError;
use crate::pages::report::sections_view;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "期間の活動報告";
    pub use crate::components::words::LOADING;
    pub const FROM: &str = "開始日";
    pub const TO: &str = "終了日";
    pub const SHOW: &str = "表示";
    pub const PRESETS: &str = "よく使う期間";
    pub const XLSX: &str = "Excelでダウンロード";
    pub use crate::components::words::PRINT;
    pub const PERIOD: &str = "対象期間";
    pub const MADE: &str = "作成日";
    pub const SUBTITLE: &str = "在宅医療・介護連携推進事業";
    pub const ANNUAL: &str = "年度の事業報告";
}

fn encode(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit() || *c == '-').collect()
}

/// The period's form: as typed (so a mistyped date stays to be corrected), with the error
/// of each bound under it.
fn period_form(from: String, to: String, error: Option<AppError>) -> impl IntoView {
    let message = |field: &str| error.as_ref().and_then(|e| e.field_message(field).map(str::to_string));
    let (from_error, to_error) = (message("from"), message("to"));
    view! {
        <form method="get" action="/reports/period" class="filters card no-print" data-testid="period-form">
            <div class="field">
                <label for="f-from">{t::FROM}</label>
                <input id="f-from" name="from" type="date" value=from aria-invalid=from_error.is_some().then_some("true") aria-describedby="f-from-error" />
                {from_error.map(|m| view! { <p class="field-error" id="f-from-error" role="alert">{m}</p> })}
            </div>
            <div class="field">
                <label for="f-to">{t::TO}</label>
                <input id="f-to" name="to" type="date" value=to aria-invalid=to_error.is_some().then_some("true") aria-describedby="f-to-error" />
                {to_error.map(|m| view! { <p class="field-error" id="f-to-error" role="alert">{m}</p> })}
            </div>
            <div class="actions"><button type="submit">{t::SHOW}</button></div>
        </form>
    }
}

#[component]
pub fn PeriodReportPage() -> impl IntoView {
    let q = use_query_map().get_untracked();
    let (from, to) = (q.get("from"), q.get("to"));
    view! {
        <PageTitle text=t::TITLE />
        <Suspense fallback=|| view! { <p>{t::LOADING}</p> }>
            {let (from, to) = (from.clone(), to.clone()); Suspend::new(async move {
                match get_period_report(from.clone(), to.clone()).await {
                    Err(e) if e.field_message("from").is_some() || e.field_message("to").is_some() => view! {
                        <h1>{t::TITLE}</h1>
                        {period_form(from.unwrap_or_default(), to.unwrap_or_default(), Some(e))}
                    }.into_any(),
                    Err(e) => view! { <h1>{t::TITLE}</h1><ErrorMessage error=e /> }.into_any(),
                    Ok(r) => {
                        let xlsx = format!("/reports/period.xlsx?from={}&to={}", encode(&r.from), encode(&r.to));
                        view! {
                            <div class="annual-report period-report">
                                <ConfidentialPrintMark />
                                <div class="page-head">
                                    <h1>{t::TITLE} <span class="muted">"（" {r.label.clone()} "）"</span></h1>
                                    <div class="actions no-print">
                                        <a class="button secondary" href=xlsx download>{t::XLSX}</a>
                                        <crate::components::islands::PrintButton label=t::PRINT.to_string() />
                                        <PrintConfidentialChoice />
                                    </div>
                                </div>
                                <p class="lead">{t::SUBTITLE} " ・ " {t::PERIOD} " " {r.label.clone()} " ・ " {t::MADE} " " {r.made_on.clone()}</p>
                                {period_form(r.from.clone(), r.to.clone(), None)}
                                <nav class="card no-print" aria-label=t::PRESETS>
                                    <ul class="inline-list" data-testid="period-presets">
                                        <li>{t::PRESETS} ":"</li>
                                        {r.presets.iter().map(|p| view! {
                                            <li><a href=format!("/reports/period?from={}&to={}", encode(&p.from), encode(&p.to))>{p.name.clone()}</a></li>
                                        }).collect_view()}
                                        <li><a href="/report">{t::ANNUAL}</a></li>
                                    </ul>
                                </nav>
                                {sections_view(r.sections)}
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
