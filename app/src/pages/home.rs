//! `/`: the dashboard — this and next week's meetings and trainings, late follow-ups and
//! tasks, the latest consultations and the open issues, each linking to its record.

use crate::api::dashboard::{get_dashboard, AgendaItem, Dashboard, IssueSummary, RecentConsultation, Shortlist, StartHere};
use crate::api::meetings::ChecklistItem;
use crate::dto::checklist::DueList;
use crate::api::referrals::OverdueReferrals;
use crate::components::session::IfCan;
use crate::domain::Permission;
use crate::components::loaded::loaded;
use leptos::prelude::*;
use crate::components::page_title::PageTitle;

mod t {
    pub const HEADING: &str = "ホーム";
    pub const TODAY: &str = "今日";
    pub const NEW_MEETING: &str = "会議を記録";
    pub const NEW_CONSULTATION: &str = "相談を記録";
    pub const NEW_TRAINING: &str = "研修を登録";
    pub const REPORT: &str = "事業報告";
    pub const THIS_WEEK: &str = "今週の予定";
    pub const NEXT_WEEK: &str = "来週の予定";
    pub const NO_AGENDA: &str = "予定されている会議・研修はありません。";
    pub const CALENDAR: &str = "カレンダーを見る";
    pub const TODAY_BADGE: &str = "今日";
    pub const LATE_FOLLOW_UPS: &str = "期限の近いフォローアップ";
    pub const NO_LATE_FOLLOW_UPS: &str = "期限の近い未完了のフォローアップはありません。";
    pub const ALL_FOLLOW_UPS: &str = "フォローアップをすべて見る";
    pub const LATE_TASKS: &str = "期限の近い研修タスク";
    pub const NO_LATE_TASKS: &str = "期限の近い未完了の研修タスクはありません。";
    pub const LONG_OVERDUE: &str = "期限を30日以上過ぎたもの";
    pub const OVERDUE: &str = "期限切れ";
    pub const ALL_TASKS: &str = "研修タスクをすべて見る";
    pub const DUE: &str = "期限";
    pub const RECENT: &str = "最近の相談";
    pub const NO_CONSULTATIONS: &str = "相談の記録はまだありません。";
    pub const ALL_CONSULTATIONS: &str = "相談をすべて見る";
    pub const THIS_YEAR: &str = "今年度の相談件数";
    pub const TRENDS: &str = "相談内容の推移";
    pub const ISSUES: &str = "未解決の連携の課題";
    pub const ISSUES_PARTIAL: &str = "閲覧を許可された職種の課題だけを数えています。";
    pub const LAYER: &str = "層";
    pub const TOTAL: &str = "計";
    pub const ROUTING: &str = "次に扱う場（振り分け）";
    pub const REGISTERS: &str = "職種別の課題一覧";
    pub const COUNT_SUFFIX: &str = "件";
    pub const LATE_REFERRALS: &str = "返信期限を過ぎた連絡票";
    pub const NO_LATE_REFERRALS: &str = "返信期限を過ぎた連絡票はありません。";
    pub const ALL_LATE_REFERRALS: &str = "期限切れの連絡票をすべて見る";
    pub const TOOLS: &str = "その他";
    pub const FY_TOOL: &str = "年度・和暦の早見表と変換";
    pub const ABOUT: &str = "システム情報（バージョン・データベース）";
    pub const START: &str = "はじめに";
    pub const START_LEAD: &str = "新しい環境の最初の準備です。済んだものには ✓ が付き、機関・団体と会議が登録されるとこの案内は消えます。";
    pub const STEP_ORGANISATIONS: &str = "機関・団体を登録する";
    pub const STEP_ACCOUNTS: &str = "アカウントを作る";
    pub const STEP_IMPORT: &str = "相談記録を取り込む";
    pub const STEP_MEETING: &str = "会議を記録する";
    pub const STEP_DEMO: &str = "デモデータで試す";
    pub const DEMO_HOW: &str = "サーバーで次のコマンドを実行すると、架空の機関・会議・研修などが入ります（何度実行しても同じです）:";
    pub const DEMO_COMMAND: &str = "renkei seed --demo";
    pub const DEMO_SCRIPT: &str = "（ソースから動かしているときは scripts/run.sh seed --demo）";
    pub const DONE: &str = "✓ 済";
}

/// The link to the full list, with how many there are when not all are shown.
fn more(total: u64, shown: usize, href: &'static str, label: &'static str) -> impl IntoView {
    let count = (total as usize > shown).then(|| format!("（{total}{}）", t::COUNT_SUFFIX));
    view! { <p class="more"><a href=href>{label}{count}</a></p> }
}

fn agenda(title: &'static str, items: Vec<AgendaItem>, testid: &'static str) -> impl IntoView {
    view! {
        <section class="card" data-testid=testid>
            <h2>{title}</h2>
            {if items.is_empty() {
                view! { <p class="empty">{t::NO_AGENDA}</p> }.into_any()
            } else {
                view! {
                    <ul class="agenda">
                        {items.into_iter().map(|i| view! {
                            <li class:today=i.today>
                                <span class="nowrap when">{i.date_label} " " {i.time}</span>
                                <span class="badge">{i.kind}</span>
                                <a href=i.href>{i.title}</a>
                                <span class="muted">{i.level}</span>
                                {i.today.then(|| view! { <span class="badge today-badge">{t::TODAY_BADGE}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// An open follow-up or training task: when it was due, what, who, and the record it belongs to.
struct Late {
    due: String,
    what: String,
    owner: Option<String>,
    href: String,
    record: String,
}

impl Late {
    /// `path`: where the item's records live ("/meetings").
    fn of(x: ChecklistItem, path: &str) -> Late {
        Late { due: x.due_on.as_deref().map(crate::domain::dates::day_of_iso).unwrap_or_default(), what: x.text, owner: x.owner, href: format!("{path}/{}", x.parent_id), record: format!("{} {}", x.parent_date, x.parent_title) }
    }
}

/// (heading, empty message, link to all, its label, test id)
type LateLabels = (&'static str, &'static str, &'static str, &'static str, &'static str);

fn late_items(items: Vec<ChecklistItem>, path: &str) -> impl IntoView {
    view! {
        <ul class="late">
            {items.into_iter().map(|x| {
                let overdue = x.overdue;
                let l = Late::of(x, path);
                view! {
                    <li>
                        <span class="nowrap" class:overdue-text=overdue>{format!("{} {}", t::DUE, l.due)}</span> " "
                        {overdue.then(|| view! { <span class="badge overdue">{t::OVERDUE}</span> " " })}
                        {l.what} " "
                        <span class="muted">{l.owner.map(|o| format!("（{o}）"))}</span>
                        <br /><a href=l.href>{l.record}</a>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// Open items due soonest first; the long-overdue folded away under their count.
fn late(list: DueList, path: &'static str, (title, empty, all_href, all_label, testid): LateLabels) -> impl IntoView {
    let DueList { soon, long_overdue } = list;
    let shown = soon.items.len();
    let folded = (long_overdue.total > 0).then(|| {
        let count = long_overdue.total;
        let folded_shown = long_overdue.items.len();
        view! {
            <details class="long-overdue" data-testid=format!("{testid}-long-overdue")>
                <summary>{format!("{}（{count}{}）", t::LONG_OVERDUE, t::COUNT_SUFFIX)}</summary>
                {late_items(long_overdue.items, path)}
                // The full list holds every open item, so its link carries no count here.
                {(count as usize > folded_shown).then(|| view! { <p class="more"><a href=all_href>{all_label}</a></p> })}
            </details>
        }
    });
    view! {
        <section class="card" data-testid=testid>
            <h2>{title}</h2>
            {if soon.items.is_empty() {
                view! { <p class="empty">{empty}</p> }.into_any()
            } else {
                view! {
                    {late_items(soon.items, path)}
                    {more(soon.total, shown, all_href, all_label)}
                }.into_any()
            }}
            {folded}
        </section>
    }
}

fn consultations(list: Option<Shortlist<RecentConsultation>>, this_year: Option<u64>) -> impl IntoView {
    if list.is_none() && this_year.is_none() {
        return ().into_any();
    }
    view! {
        <section class="card" data-testid="recent-consultations">
            <h2>{t::RECENT}</h2>
            {this_year.map(|n| view! { <p>{t::THIS_YEAR} " " <strong class="big-number">{n}</strong> {t::COUNT_SUFFIX} " ・ " <a href="/consultations/trends">{t::TRENDS}</a></p> })}
            {list.map(|list| {
                let shown = list.items.len();
                if list.items.is_empty() {
                    view! { <p class="empty">{t::NO_CONSULTATIONS}</p> }.into_any()
                } else {
                    view! {
                        <ul class="late">
                            {list.items.into_iter().map(|c| view! {
                                <li>
                                    <span class="nowrap">{c.received_on}</span> " "
                                    <a href=format!("/consultations/{}", c.id)>{c.category}</a> " "
                                    <span class="muted">{c.who}</span> " "
                                    <span class=format!("badge status-{}", c.status_code)>{c.status}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                        {more(list.total, shown, "/consultations", t::ALL_CONSULTATIONS)}
                    }.into_any()
                }
            })}
        </section>
    }
    .into_any()
}

fn issues(summary: IssueSummary) -> impl IntoView {
    view! {
        <section class="card" data-testid="open-issues">
            <h2>{t::ISSUES}</h2>
            {summary.partial.then(|| view! { <p class="hint">{t::ISSUES_PARTIAL}</p> })}
            <table class="data-table compact">
                <thead><tr>
                    <th scope="col">{t::LAYER}</th>
                    {summary.statuses.iter().map(|s| view! { <th scope="col" class="num">{s.clone()}</th> }).collect_view()}
                    <th scope="col" class="num">{t::TOTAL}</th>
                </tr></thead>
                <tbody>
                    {summary.rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row">{r.layer}</th>
                            {r.counts.into_iter().map(|n| view! { <td class="num">{n}</td> }).collect_view()}
                            <td class="num total">{r.total}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p class="more"><a href="/issues/routing">{t::ROUTING}</a> " ・ " <a href="/issues">{t::REGISTERS}</a></p>
        </section>
    }
}

fn late_referrals(list: OverdueReferrals) -> impl IntoView {
    let shown = list.items.len();
    view! {
        <section class="card" data-testid="late-referrals">
            <h2>{t::LATE_REFERRALS}</h2>
            {if list.items.is_empty() {
                view! { <p class="empty">{t::NO_LATE_REFERRALS}</p> }.into_any()
            } else {
                view! {
                    <ul class="late">
                        {list.items.into_iter().map(|s| view! {
                            <li>
                                <span class="overdue-text nowrap">{format!("{} {}", t::DUE, s.due_on)}</span> " "
                                <a href=format!("/referrals/{}", s.id)>{format!("No.{} {} → {}", s.id, s.sender, s.receiver)}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {more(list.total, shown, "/referrals?overdue=1", t::ALL_LATE_REFERRALS)}
        </section>
    }
}

/// One first step: a link, ticked when done.
fn step(done: bool, href: &'static str, label: &'static str) -> impl IntoView {
    view! {
        <li>
            <a href=href>{label}</a>
            {done.then(|| view! { " " <span class="badge">{t::DONE}</span> })}
        </li>
    }
}

/// 「はじめに」 on a new installation: what to set up first, and how to try the demo (a
/// command on the server, since seeding is not offered in the app).
fn start_here(s: StartHere) -> impl IntoView {
    view! {
        <section class="card" data-testid="start-here">
            <h2>{t::START}</h2>
            <p>{t::START_LEAD}</p>
            <ol>
                {step(s.organisations, "/directory/organisations/new", t::STEP_ORGANISATIONS)}
                {s.manage_users.then(|| step(s.accounts, "/admin/users", t::STEP_ACCOUNTS))}
                {step(s.consultations, "/consultations/import", t::STEP_IMPORT)}
                {step(s.meetings, "/meetings/new", t::STEP_MEETING)}
            </ol>
            <p><strong>{t::STEP_DEMO}</strong> " " {t::DEMO_HOW} " " <code>{t::DEMO_COMMAND}</code> {t::DEMO_SCRIPT}</p>
        </section>
    }
}

fn dashboard(d: Dashboard) -> impl IntoView {
    view! {
        {d.start.map(|s| start_here(s).into_any())}
        <p class="lead">{t::TODAY} " " {d.today} " ・ " {d.fiscal_year}</p>
        <div class="dashboard">
            {agenda(t::THIS_WEEK, d.this_week, "this-week").into_any()}
            {agenda(t::NEXT_WEEK, d.next_week, "next-week").into_any()}
            {late(d.follow_ups, "/meetings", (t::LATE_FOLLOW_UPS, t::NO_LATE_FOLLOW_UPS, "/meetings/follow-ups", t::ALL_FOLLOW_UPS, "late-follow-ups")).into_any()}
            {late(d.tasks, "/trainings", (t::LATE_TASKS, t::NO_LATE_TASKS, "/trainings/tasks", t::ALL_TASKS, "late-tasks")).into_any()}
            {consultations(d.consultations, d.consultations_this_year)}
            {d.issues.map(|s| issues(s).into_any())}
            {d.overdue_referrals.map(|r| late_referrals(r).into_any())}
        </div>
        <p class="no-print"><a href="/meetings/calendar">{t::CALENDAR}</a></p>
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <PageTitle text=t::HEADING />
        <div class="page-head">
            <h1>{t::HEADING}</h1>
            <div class="actions no-print">
                <IfCan permission=Permission::WriteMeetings><a class="button" href="/meetings/new">{t::NEW_MEETING}</a></IfCan>
                <IfCan permission=Permission::WriteConsultations><a class="button secondary" href="/consultations/new">{t::NEW_CONSULTATION}</a></IfCan>
                <IfCan permission=Permission::WriteTrainings><a class="button secondary" href="/trainings/new">{t::NEW_TRAINING}</a></IfCan>
                <a class="button secondary" href="/report">{t::REPORT}</a>
            </div>
        </div>
        {loaded(get_dashboard(), move |d| dashboard(d).into_any())}
        <section class="card no-print">
            <h2>{t::TOOLS}</h2>
            <ul>
                <li><a href="/tools/fiscal-year">{t::FY_TOOL}</a></li>
                <li><a href="/about">{t::ABOUT}</a></li>
            </ul>
        </section>
    }
}
