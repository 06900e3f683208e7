//! `/trainings`: the upcoming trainings with their progress and next task; with `?fy=2025`
//! (or `current`) one fiscal year with counts by hosting type and participants.

use super::TrainingTabs;
use crate::api::trainings::{list_trainings, TrainingQuery};
use crate::components::nav::url_with;
use crate::components::session::IfCan;
use crate::domain::trainings::{HOSTING, STATUSES};
use crate::domain::{FiscalYear, Permission};
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "研修";
    pub const NEW: &str = "研修を登録";
    pub const FY: &str = "年度";
    pub const UPCOMING: &str = "今後の研修";
    pub const HOSTING: &str = "開催形態";
    pub const STATUS: &str = "状況";
    pub const ORGANISER: &str = "主催";
    pub const SEARCH: &str = "キーワード";
    pub const ARCHIVED: &str = "アーカイブ済みを表示";
    pub use crate::components::words::ALL;
    pub use crate::components::words::FILTER;
    pub use crate::components::words::CLEAR;
    pub const COL_DATE: &str = "開催日";
    pub const COL_TITLE: &str = "研修名";
    pub const COL_PROGRESS: &str = "準備の進捗";
    pub const COL_NEXT: &str = "次のタスク";
    pub const COL_PARTICIPANTS: &str = "参加者";
    pub const COL_COUNT: &str = "件数";
    pub const TOTAL: &str = "合計";
    pub const OVERDUE: &str = "期限切れ";
    pub const EMPTY_UPCOMING: &str = "予定されている研修はありません。「研修を登録」から企画を始められます。";
    pub const EMPTY: &str = "条件に合う研修はありません。";
    pub const EXPORT_CSV: &str = "CSVでダウンロード";
    pub const EXPORT_XLSX: &str = "Excelでダウンロード";
    pub const BY_HOSTING: &str = "開催形態別";
    pub const PEOPLE: &str = "人";
}

fn query_from(q: &leptos_router::params::ParamsMap) -> TrainingQuery {
    let text = |k: &str| q.get(k).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    TrainingQuery {
        fy: text("fy").and_then(|s| if s == "current" { Some(FiscalYear::of(crate::clock::today()).0) } else { s.parse().ok() }),
        hosting: text("hosting"),
        status: text("status"),
        organisation: text("organisation").and_then(|s| s.parse().ok()),
        q: text("q"),
        archived: text("archived").map(|s| s == "1"),
    }
}

fn trainings_url(base: &str, f: &TrainingQuery) -> String {
    url_with(
        base,
        &[
            ("fy", f.fy.map(|v| v.to_string())),
            ("hosting", f.hosting.clone()),
            ("status", f.status.clone()),
            ("organisation", f.organisation.map(|v| v.to_string())),
            ("q", f.q.clone()),
        ],
    )
}

#[component]
pub fn TrainingsPage() -> impl IntoView {
    let f = use_query_map().with_untracked(query_from);
    let current_tab = if f.fy.is_some() { "/trainings?fy=current" } else { "/trainings" };
    view! {
        <PageTitle text=t::TITLE />
        <div class="page-head">
            <h1>{t::TITLE}</h1>
            <IfCan permission=Permission::WriteTrainings>
                <div class="actions no-print"><a class="button" href="/trainings/new">{t::NEW}</a></div>
            </IfCan>
        </div>
        <TrainingTabs current=current_tab />
        {loaded(list_trainings(f.clone()), move |list| {
        let filtered = f.hosting.is_some() || f.status.is_some() || f.q.is_some() || f.organisation.is_some() || f.archived == Some(true);
        let csv = trainings_url("/trainings/export.csv", &f);
        let xlsx = trainings_url("/trainings/export.xlsx", &f);
        let total_count: u32 = list.by_hosting.iter().map(|h| h.count).sum();
        let total_people: u32 = list.by_hosting.iter().map(|h| h.participants).sum();
        view! {
            <form method="get" action="/trainings" class="filters card no-print" role="search">
                <div class="field">
                    <label for="f-fy">{t::FY}</label>
                    <select id="f-fy" name="fy">
                        <option value="">{t::UPCOMING}</option>
                        {list.years.iter().map(|y| view! { <option value=y.year selected=f.fy == Some(y.year)>{format!("{}（{}）", y.label, y.western)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-hosting">{t::HOSTING}</label>
                    <select id="f-hosting" name="hosting">
                        <option value="">{t::ALL}</option>
                        {HOSTING.iter().map(|(c, l)| view! { <option value=*c selected=f.hosting.as_deref() == Some(*c)>{*l}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-status">{t::STATUS}</label>
                    <select id="f-status" name="status">
                        <option value="">{t::ALL}</option>
                        {STATUSES.iter().map(|(c, l)| view! { <option value=*c selected=f.status.as_deref() == Some(*c)>{*l}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-organisation">{t::ORGANISER}</label>
                    <select id="f-organisation" name="organisation">
                        <option value="">{t::ALL}</option>
                        {list.organisations.iter().map(|o| view! { <option value=o.id selected=f.organisation == Some(o.id)>{o.name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-q">{t::SEARCH}</label>
                    <input id="f-q" type="search" name="q" value=f.q.clone().unwrap_or_default() />
                </div>
                <label class="check"><input type="checkbox" name="archived" value="1" checked=f.archived == Some(true) />{t::ARCHIVED}</label>
                <div class="actions">
                    <button type="submit">{t::FILTER}</button>
                    {(filtered || f.fy.is_some()).then(|| view! { <a class="button secondary" href="/trainings">{t::CLEAR}</a> })}
                </div>
            </form>
            <p class="no-print exports">
                <a href=csv download>{t::EXPORT_CSV}</a> " ・ " <a href=xlsx download>{t::EXPORT_XLSX}</a>
            </p>
            {(!list.upcoming).then(|| view! {
                <section class="card">
                    <h2>{t::BY_HOSTING}</h2>
                    <table class="data-table compact" data-testid="by-hosting">
                        <thead><tr><th scope="col">{t::HOSTING}</th><th scope="col" class="num">{t::COL_COUNT}</th><th scope="col" class="num">{t::COL_PARTICIPANTS}</th></tr></thead>
                        <tbody>
                            {list.by_hosting.iter().map(|h| view! {
                                <tr><th scope="row">{h.hosting.clone()}</th><td class="num">{h.count}</td><td class="num">{h.participants}</td></tr>
                            }).collect_view()}
                        </tbody>
                        <tfoot><tr><th scope="row">{t::TOTAL}</th><td class="num">{total_count}</td><td class="num">{total_people}</td></tr></tfoot>
                    </table>
                </section>
            })}
            {if list.items.is_empty() {
                view! { <p class="empty">{if list.upcoming && !filtered { t::EMPTY_UPCOMING } else { t::EMPTY }}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table" data-testid="trainings">
                            <thead><tr>
                                <th scope="col">{t::COL_DATE}</th>
                                <th scope="col">{t::COL_TITLE}</th>
                                <th scope="col">{t::ORGANISER}</th>
                                <th scope="col">{t::HOSTING}</th>
                                <th scope="col">{t::STATUS}</th>
                                <th scope="col">{t::COL_PROGRESS}</th>
                                <th scope="col">{t::COL_NEXT}</th>
                                <th scope="col" class="num">{t::COL_PARTICIPANTS}</th>
                            </tr></thead>
                            <tbody>
                                {list.items.into_iter().map(|s| view! {
                                    <tr>
                                        <td class="nowrap">{s.date_label.clone()}<br /><span class="muted">{s.time_label.clone()}</span></td>
                                        <td><a href=format!("/trainings/{}", s.id)>{s.title.clone()}</a></td>
                                        <td>{s.organiser.clone()}</td>
                                        <td class="nowrap">{s.hosting.clone()}</td>
                                        <td class="nowrap"><span class=format!("badge status-{}", s.status_code)>{s.status.clone()}</span></td>
                                        <td class="nowrap">
                                            <progress max=s.progress.total.max(1) value=s.progress.done aria-label=t::COL_PROGRESS></progress>
                                            " " {s.progress.label()}
                                            {(s.overdue_tasks > 0).then(|| view! { <span class="badge overdue">{format!("{} {}", t::OVERDUE, s.overdue_tasks)}</span> })}
                                        </td>
                                        <td>{s.next_task.clone().map(|n| view! {
                                            <span class:overdue-text=n.overdue>{format!("{} {}", n.due_on, n.title)}</span>
                                        })}</td>
                                        <td class="num">{(s.participants > 0).then(|| format!("{}{}", s.participants, t::PEOPLE))}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        }.into_any()
    })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_links_carry_the_filters() {
        let q = TrainingQuery { fy: Some(2025), hosting: Some("support".into()), ..Default::default() };
        assert_eq!(trainings_url("/trainings/export.csv", &q), "/trainings/export.csv?fy=2025&hosting=support");
    }
}
