//! The role split (役割分担) as one table: on the training's page and, on its own, as
//! `/trainings/:id/support` to print and hand to the association.

use crate::api::trainings::{get_training, SupportRow, TrainingView};
use crate::components::nav::use_id_param;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;

mod t {
    pub const TITLE: &str = "役割分担表";
    pub const KIND: &str = "支援の内容";
    pub const NOTE: &str = "備考";
    pub use crate::components::words::PRINT;
    pub const BACK: &str = "研修のページへ戻る";
    pub const DATE: &str = "開催日";
    pub const ORGANISER: &str = "主催";
    pub const HOSTING: &str = "開催形態";
    pub const VENUE: &str = "会場";
    pub const TEAM: &str = "チーム";
    pub const COLUMNS: [(&str, &str); 4] = [("team", "チーム"), ("organiser", "主催者"), ("joint", "共同"), ("none", "なし")];
    pub const FOOTER: &str = "チーム = 在宅医療・介護連携のコーディネーター（チームかまいし）";
}

/// One row per kind of support, with a ● under whoever takes it.
#[component]
pub fn SupportTable(rows: Vec<SupportRow>) -> impl IntoView {
    view! {
        <div class="table-scroll">
        <table class="data-table support-plan" data-testid="support-plan">
            <thead><tr>
                <th scope="col">{t::KIND}</th>
                {t::COLUMNS.iter().map(|(_, l)| view! { <th scope="col" class="center">{*l}</th> }).collect_view()}
                <th scope="col">{t::NOTE}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr data-assignee=r.assignee_code.clone()>
                        <th scope="row">{r.kind.clone()}</th>
                        {t::COLUMNS.iter().map(|(c, l)| {
                            let on = r.assignee_code == *c;
                            view! { <td class="center">{on.then(|| view! { <span aria-label=*l>"●"</span> })}</td> }
                        }).collect_view()}
                        <td>{r.note.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

#[component]
pub fn SupportPlanPage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    view! {
        {loaded(get_training(id), move |v| view! { <PlanSheet v /> }.into_any())}
    }
}

#[component]
fn PlanSheet(v: TrainingView) -> impl IntoView {
    let heading = format!("{} {}", v.input.title, t::TITLE);
    view! {
        <PageTitle text=heading.clone() />
        <article class="support-sheet">
            <p class="no-print"><a href=format!("/trainings/{}", v.id)>{t::BACK}</a></p>
            <div class="page-head">
                <h1>{heading}</h1>
                <crate::components::islands::PrintButton label=t::PRINT.to_string() class="no-print".to_string() />
            </div>
            <dl class="facts">
                <dt>{t::DATE}</dt><dd>{format!("{} {}", v.date_label, v.time_label)}</dd>
                <dt>{t::ORGANISER}</dt><dd>{v.organiser.clone().map(|o| o.name).unwrap_or_else(|| t::TEAM.to_string())}</dd>
                <dt>{t::HOSTING}</dt><dd>{v.hosting.clone()}</dd>
                {(!v.input.venue.is_empty()).then(|| view! { <dt>{t::VENUE}</dt><dd>{v.input.venue.clone()}</dd> })}
            </dl>
            <SupportTable rows=v.support.clone() />
            <p class="muted">{t::FOOTER}</p>
        </article>
    }
}
