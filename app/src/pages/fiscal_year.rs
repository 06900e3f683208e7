//! Fiscal year and era look-up: a converter (live with JavaScript, a GET form without) and a table.

use crate::domain::{Era, FiscalYear, FiscalYearRange};
use chrono::NaiveDate;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "年度・和暦";
    pub const CONVERTER: &str = "日付から年度を調べる";
    pub const DATE_LABEL: &str = "日付";
    pub const DATE_HINT: &str = "例: 2019-04-30。4月1日から翌年3月31日までが一つの年度です。";
    pub const SUBMIT: &str = "調べる";
    pub const RESULT_FY: &str = "年度";
    pub const RESULT_ERA: &str = "その日の元号";
    pub const INVALID: &str = "日付を YYYY-MM-DD の形で入力してください。";
    pub const TABLE: &str = "年度の早見表";
    pub const COL_SHORT: &str = "略記";
    pub const COL_LONG: &str = "和暦";
    pub const COL_WESTERN: &str = "西暦";
    pub const COL_PERIOD: &str = "期間";
    pub const NOTE_R1: &str = "2019年度は4月が平成31年、5月からが令和元年ですが、年度は慣例により「令和元年度（R1）」と呼びます。";
    pub const FIRST_TABLE_YEAR: i32 = 2012;
}

fn era_of_day(date: NaiveDate) -> String {
    match Era::of_date(date) {
        Some(era) => {
            let y = era.year_of(chrono::Datelike::year(&date));
            format!("{}{}年", era.kanji(), crate::domain::era::era_year_kanji(y))
        }
        None => "—".to_string(),
    }
}

#[component]
pub fn FiscalYearPage() -> impl IntoView {
    let query = use_query_map();
    let initial = query.with_untracked(|q| q.get("date").unwrap_or_default());
    let today = crate::clock::today();
    let range = FiscalYearRange::new(FiscalYear(t::FIRST_TABLE_YEAR), FiscalYear::of(today).next());
    let current = FiscalYear::of(today);

    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <FiscalYearConverter initial />
        <section class="card">
            <h2>{t::TABLE}</h2>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{t::COL_SHORT}</th>
                        <th scope="col">{t::COL_LONG}</th>
                        <th scope="col">{t::COL_WESTERN}</th>
                        <th scope="col">{t::COL_PERIOD}</th>
                    </tr>
                </thead>
                <tbody>
                    {range
                        .iter()
                        .rev()
                        .map(|fy| {
                            view! {
                                <tr class:current=fy == current>
                                    <th scope="row">{fy.short_label()}</th>
                                    <td>{fy.long_label()}</td>
                                    <td>{fy.western_label()}</td>
                                    <td>
                                        {crate::domain::dates::span(fy.first_day(), fy.last_day())}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <p class="hint">{t::NOTE_R1}</p>
        </section>
    }
}

/// The converter: answers as the date is typed (an island), and through its GET form
/// without JavaScript (the server renders the answer for `?date=`).
#[island]
fn FiscalYearConverter(initial: String) -> impl IntoView {
    let date_text = RwSignal::new(initial);
    let parsed = move || {
        let text = date_text.get();
        let text = text.trim();
        if text.is_empty() {
            None
        } else {
            Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        }
    };
    view! {
        <section class="card">
            <h2>{t::CONVERTER}</h2>
            <form method="get" action="/tools/fiscal-year" class="inline-form">
                <div class="field">
                    <label for="fy-date">{t::DATE_LABEL}</label>
                    <input
                        id="fy-date"
                        name="date"
                        type="date"
                        aria-describedby="fy-date-hint"
                        prop:value=move || date_text.get()
                        on:input=move |ev| date_text.set(event_target_value(&ev))
                    />
                    <p id="fy-date-hint" class="hint">{t::DATE_HINT}</p>
                </div>
                <button type="submit">{t::SUBMIT}</button>
            </form>
            <div class="result" aria-live="polite" data-testid="fy-result">
                {move || match parsed() {
                    None => ().into_any(),
                    Some(None) => view! { <p class="error-message">{t::INVALID}</p> }.into_any(),
                    Some(Some(date)) => {
                        let fy = FiscalYear::of(date);
                        view! {
                            <dl class="facts">
                                <dt>{t::RESULT_FY}</dt>
                                <dd>
                                    <strong class="fy-long">{fy.long_label()}</strong>
                                    " （" <span class="fy-short">{fy.short_label()}</span> "・" {fy.western_label()} "）"
                                </dd>
                                <dt>{t::RESULT_ERA}</dt>
                                <dd>{era_of_day(date)}</dd>
                            </dl>
                        }
                            .into_any()
                    }
                }}
            </div>
        </section>
    }
}
