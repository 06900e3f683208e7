//! The plan by the four scenes (PDCA): the year's page (printable, with its workbook) and
//! one scene's edit page with its indicators.

pub mod edit;
pub mod year;

use crate::dto::plan::IndicatorView;
use leptos::prelude::*;

mod t {
    pub const INDICATOR: &str = "指標";
    pub const TARGET: &str = "目標";
    pub const ACTUAL: &str = "実績";
    pub const RATE: &str = "達成率";
    pub const SOURCE: &str = "実績の出典";
    pub const NONE: &str = "指標はまだありません。";
}

fn amount(v: Option<i64>, unit: &str) -> String {
    v.map(|v| format!("{v}{unit}")).unwrap_or_else(|| "—".into())
}

/// A scene's indicators as a table; `extra`: a last cell per row (the edit page's links).
#[component]
pub fn IndicatorTable(items: Vec<IndicatorView>, #[prop(optional)] extra: Option<Callback<i32, AnyView>>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="empty">{t::NONE}</p> }.into_any();
    }
    view! {
        <div class="table-scroll">
            <table class="data-table compact" data-testid="indicators">
                <thead><tr>
                    <th scope="col">{t::INDICATOR}</th><th scope="col" class="num">{t::TARGET}</th><th scope="col" class="num">{t::ACTUAL}</th>
                    <th scope="col" class="num">{t::RATE}</th><th scope="col">{t::SOURCE}</th>
                    {extra.is_some().then(|| view! { <th scope="col" class="no-print"></th> })}
                </tr></thead>
                <tbody>
                    {items.into_iter().map(|i| view! {
                        <tr>
                            <th scope="row">{i.label.clone()}</th>
                            <td class="num">{amount(i.target.map(i64::from), &i.unit)}</td>
                            <td class="num" data-testid="indicator-actual">{amount(i.actual, &i.unit)}</td>
                            <td class="num">{i.achievement.map(|a| format!("{a}%")).unwrap_or_default()}</td>
                            <td>{i.source.clone()}</td>
                            {extra.map(|f| view! { <td class="no-print nowrap">{f.run(i.id)}</td> })}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
