//! The month calendar of meetings (`/meetings/calendar?month=2024-06`).

use super::LevelBadge;
use crate::api::meetings::get_calendar;
use crate::domain::meetings::weekday_names;
use chrono::Datelike;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::tabs::MeetingTabs;
use crate::components::page_title::PageTitle;
use leptos_router::hooks::use_query_map;
use std::collections::HashMap;

mod t {
    pub const TITLE: &str = "会議・研修カレンダー";
    pub const TRAINING: &str = "研修";
    pub const PREV: &str = "前の月";
    pub const NEXT: &str = "次の月";
    pub const THIS_MONTH: &str = "今月";
    pub const NONE: &str = "この月の会議・研修はありません。";
    pub const MONTH_NAV: &str = "月の移動";
    pub const TODAY: &str = "今日";
    pub const DUE: &str = "期限: ";
    pub const OVERDUE: &str = "期限切れ";
}

fn parse_month(s: &str) -> Option<(i32, u32)> {
    let (y, m) = s.split_once('-')?;
    let (y, m) = (y.parse().ok()?, m.parse().ok()?);
    ((1989..=2100).contains(&y) && (1..=12).contains(&m)).then_some((y, m))
}

fn shift(y: i32, m: u32, by: i32) -> (i32, u32) {
    let n = y * 12 + m as i32 - 1 + by;
    (n.div_euclid(12), n.rem_euclid(12) as u32 + 1)
}

#[component]
pub fn CalendarPage() -> impl IntoView {
    let (year, month) = use_query_map().with_untracked(|q| q.get("month").and_then(|s| parse_month(&s))).unwrap_or_else(|| {
        let d = crate::clock::today();
        (d.year(), d.month())
    });
    view! {
        <PageTitle text=t::TITLE />
        {loaded(get_calendar(year, month), move |cal| {
            let (py, pm) = shift(cal.year, cal.month, -1);
            let (ny, nm) = shift(cal.year, cal.month, 1);
            let empty = cal.deadlines.is_empty() && cal.weeks.iter().flatten().flatten().all(|(_, ms)| ms.is_empty());
            let now = crate::clock::today();
            let today = (now.year() == cal.year && now.month() == cal.month).then_some(now.day());
            let holidays: HashMap<u32, String> = cal.holidays.into_iter().collect();
            let mut deadlines: HashMap<u32, Vec<_>> = HashMap::new();
            for d in cal.deadlines {
                deadlines.entry(d.day).or_default().push(d);
            }
            view! {
                <div class="page-head">
                    <h1>{format!("{}（{}年{}月）", t::TITLE, cal.year, cal.month)}</h1>
                    <nav class="actions no-print" aria-label=t::MONTH_NAV>
                        <a class="button secondary" href=format!("/meetings/calendar?month={py}-{pm:02}") rel="prev">{t::PREV}</a>
                        <a class="button secondary" href="/meetings/calendar">{t::THIS_MONTH}</a>
                        <a class="button secondary" href=format!("/meetings/calendar?month={ny}-{nm:02}") rel="next">{t::NEXT}</a>
                    </nav>
                </div>
                <MeetingTabs current="/meetings/calendar" />
                {empty.then(|| view! { <p class="empty">{t::NONE}</p> })}
                <table class="calendar" data-testid="calendar">
                    <thead><tr>{weekday_names().into_iter().map(|w| view! { <th scope="col">{w}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {cal.weeks.into_iter().map(|week| view! {
                            <tr>
                                {week.into_iter().map(|day| match day {
                                    None => view! { <td class="outside"></td> }.into_any(),
                                    Some((d, meetings)) => { let is_today = today == Some(d); let holiday = holidays.get(&d).cloned(); let is_holiday = holiday.is_some(); let due = deadlines.get(&d).cloned().unwrap_or_default(); view! {
                                        <td class:today=is_today class:holiday=is_holiday aria-current=is_today.then_some("date")>
                                            <span class="day">{d}{is_today.then(|| view! { " " <span class="today-label">{t::TODAY}</span> })}</span>
                                            {holiday.map(|h| view! { <span class="holiday-name" data-testid="holiday">{h}</span> })}
                                            <ul>
                                                {meetings.into_iter().map(|m| view! {
                                                    <li>
                                                        <LevelBadge level=m.level />
                                                        {m.training.then(|| view! { <span class="badge training">{t::TRAINING}</span> })}
                                                        <a href=m.href>
                                                            {(!m.start_time.is_empty()).then(|| format!("{} ", m.start_time))}
                                                            {m.title}
                                                        </a>
                                                    </li>
                                                }).collect_view()}
                                                {due.into_iter().map(|x| { let overdue = x.overdue; view! {
                                                    <li class="deadline" class:overdue=overdue data-testid="deadline">
                                                        <a href=x.href title=x.parent>{format!("{}{}", t::DUE, x.text)}</a>
                                                        {overdue.then(|| view! { " " <span class="badge overdue">{t::OVERDUE}</span> })}
                                                    </li>
                                                } }).collect_view()}
                                            </ul>
                                        </td>
                                    }.into_any() },
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_and_shift_across_years() {
        assert_eq!(parse_month("2024-06"), Some((2024, 6)));
        assert_eq!(parse_month("2024-13"), None);
        assert_eq!(parse_month("x"), None);
        assert_eq!(shift(2024, 1, -1), (2023, 12));
        assert_eq!(shift(2024, 12, 1), (2025, 1));
    }
}
