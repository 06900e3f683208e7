//! The relationship timeline: every profession's first 一次連携 and meetings per fiscal year
//! (`/meetings/timeline`), and one profession's full history (`/meetings/timeline/:id`).

use super::{LevelBadge, MeetingTable};
use crate::api::meetings::{get_profession_history, get_timeline, TimelineRow};
use crate::components::nav::use_id_param;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::tabs::MeetingTabs;
use leptos_router::hooks::use_query_map;
use crate::components::page_title::PageTitle;

mod t {
    pub const TITLE: &str = "職種ごとの連携の歩み";
    pub const LEAD: &str = "職種ごとに、初めての一次連携の年度と、それ以降の年度ごとの会議の日付です（顔の見える関係づくりから協働へ）。";
    pub const COL_PROFESSION: &str = "職種";
    pub const COL_FIRST: &str = "一次連携の開始";
    pub const COL_YEARS: &str = "年度ごとの会議";
    pub const NOT_YET: &str = "まだありません";
    pub const NO_MEETINGS: &str = "会議の記録はまだありません。";
    pub const BACK: &str = "連携の歩みの一覧へ";
    pub const MEETINGS: &str = "会議";
    pub const ORGANISATIONS: &str = "関わった機関・団体";
    pub const PEOPLE: &str = "会った人";
    pub const KEY_PERSON: &str = "キーパーソン";
    pub const NONE: &str = "なし";
    pub const NEW_MEETING: &str = "この職種との一次連携を記録";
    pub const YEARS: &str = "年度";
    pub const UNIT: &str = "件";
}

/// The timeline's years; on a profession's page (`link`: its id and years) the years not
/// shown link to their page with their count.
#[component]
fn YearLines(row: TimelineRow, #[prop(optional)] link: Option<(i32, Vec<crate::api::meetings::ProfessionYear>)>) -> impl IntoView {
    if row.years.is_empty() {
        return view! { <span class="muted">{t::NO_MEETINGS}</span> }.into_any();
    }
    view! {
        <ul class="timeline-years">
            {row.years.into_iter().map(|y| view! {
                <li>
                    <span class="fy">{y.label.clone()} ":"</span>
                    {if let Some(count) = link.as_ref().and_then(|(_, ys)| ys.iter().find(|p| p.fiscal_year == y.fiscal_year)).filter(|_| y.meetings.is_empty()) {
                        let pid = link.as_ref().map(|(p, _)| *p).unwrap_or_default();
                        view! { " " <a href=format!("/meetings/timeline/{pid}?fy={}#meetings", y.fiscal_year)>{format!("{}{}", count.count, t::UNIT)}</a> }.into_any()
                    } else if y.meetings.is_empty() {
                        view! { <span class="muted">" —"</span> }.into_any()
                    } else {
                        view! {
                            <span>
                                {y.meetings.into_iter().enumerate().map(|(i, m)| view! {
                                    {(i > 0).then_some("、")}
                                    <a href=format!("/meetings/{}", m.meeting_id) title=m.title.clone()>{m.date.clone()}</a>
                                    <LevelBadge level=m.level />
                                }).collect_view()}
                            </span>
                        }.into_any()
                    }}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn TimelinePage() -> impl IntoView {
    view! {
        <PageTitle text=t::TITLE />
        <h1>{t::TITLE}</h1>
        <MeetingTabs current="/meetings/timeline" />
        <p class="lead">{t::LEAD}</p>
        {loaded(get_timeline(), move |rows| view! {
            <div class="table-scroll">
                <table class="data-table" data-testid="timeline-table">
                    <thead><tr>
                        <th scope="col">{t::COL_PROFESSION}</th>
                        <th scope="col">{t::COL_FIRST}</th>
                        <th scope="col">{t::COL_YEARS}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr>
                                <th scope="row"><a href=format!("/meetings/timeline/{}", r.profession.id)>{r.profession.name.clone()}</a></th>
                                <td class="nowrap">{r.first_level_one.clone().unwrap_or_else(|| t::NOT_YET.to_string())}</td>
                                <td><YearLines row=r /></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }.into_any())}
    }
}

/// Links to the other fiscal years of a profession's meetings (one year per page).
#[component]
fn YearTabs(pid: i32, years: Vec<crate::api::meetings::ProfessionYear>, selected: Option<i32>) -> impl IntoView {
    (years.len() > 1).then(|| {
        view! {
            <nav class="year-tabs no-print" aria-label=t::YEARS>
                <ul class="inline-list">
                    {years.into_iter().map(|y| {
                        let current = Some(y.fiscal_year) == selected;
                        view! {
                            <li>
                                <a href=format!("/meetings/timeline/{pid}?fy={}#meetings", y.fiscal_year) aria-current=current.then_some("page")>
                                    {format!("{}（{}{}）", y.label, y.count, t::UNIT)}
                                </a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </nav>
        }
    })
}

#[component]
pub fn ProfessionTimelinePage() -> impl IntoView {
    let id = use_id_param().get_untracked();
    let fy = use_query_map().with_untracked(|q| q.get("fy").and_then(|y| y.parse::<i32>().ok()));
    let can_write = crate::components::session::use_can(crate::domain::Permission::WriteMeetings).get_untracked();
    view! {
        <p class="no-print"><a href="/meetings/timeline">{t::BACK}</a></p>
        {loaded(get_profession_history(id, fy), move |h| {
            let name = h.timeline.profession.name.clone();
            let pid = h.timeline.profession.id;
            view! {
                <PageTitle text=format!("{name} — {}", t::TITLE) />
                <div class="page-head">
                    <h1>{format!("{name} — {}", t::TITLE)}</h1>
                    {can_write.then(|| view! {
                        <a class="button no-print" href=format!("/meetings/new?level=1&profession={pid}")>{t::NEW_MEETING}</a>
                    })}
                </div>
                <MeetingTabs current="" />
                <section class="card" data-testid="profession-timeline">
                    <p><strong>{t::COL_FIRST} ": "</strong>{h.timeline.first_level_one.clone().unwrap_or_else(|| t::NOT_YET.to_string())}</p>
                    <YearLines row=h.timeline.clone() link=(pid, h.years.clone()) />
                </section>
                <section class="card">
                    <h2>{t::ORGANISATIONS}</h2>
                    {if h.organisations.is_empty() {
                        view! { <p class="muted">{t::NONE}</p> }.into_any()
                    } else {
                        view! { <ul class="inline-list">{h.organisations.into_iter().map(|o| view! { <li><a href=format!("/directory/organisations/{}", o.id)>{o.name}</a></li> }).collect_view()}</ul> }.into_any()
                    }}
                    <h2>{t::PEOPLE}</h2>
                    {if h.people.is_empty() {
                        view! { <p class="muted">{t::NONE}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="inline-list">
                                {h.people.into_iter().map(|p| view! {
                                    <li>
                                        <a href=format!("/directory/people/{}", p.id)>{p.name}</a>
                                        {p.organisation.map(|o| view! { <span class="muted">"（" {o} "）"</span> })}
                                        {p.key_person.then(|| view! { <span class="badge key">{t::KEY_PERSON}</span> })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section class="card" id="meetings">
                    <h2>{t::MEETINGS} {h.years.iter().find(|y| Some(y.fiscal_year) == h.fiscal_year).map(|y| format!("（{}）", y.label))}</h2>
                    <YearTabs pid years=h.years.clone() selected=h.fiscal_year />
                    <MeetingTable items=h.meetings />
                </section>
            }.into_any()
        })}
    }
}
