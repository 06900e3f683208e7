//! `/plan?fy=2025`: the year's plan by the four scenes — per scene the 目指す姿, targets,
//! indicators with their actuals, actions, the year-end evaluation and next year's plan, and
//! what was tagged with the scene — printable on A4 and as a workbook.

use super::IndicatorTable;
use crate::api::plan::{get_plan, CarryPlan, PlanYear, ScenePlanView};
use crate::components::form::{FormErrors, FormMessage};
use crate::components::loaded::loaded;
use crate::components::nav::{use_notice, Notice};
use crate::components::page_title::PageTitle;
use crate::components::session::use_can;
use crate::domain::Permission;
use crate::pages::initiatives::InitiativeTabs;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "4つの場面の計画";
    pub const LEAD: &str = "在宅医療・介護連携の4つの場面ごとに、目指す姿を念頭に目標と指標を立て、年度末に評価して次年度の計画につなげます（PDCA）。";
    pub const FY: &str = "年度";
    pub const SHOW: &str = "表示";
    pub const XLSX: &str = "Excelでダウンロード";
    pub use crate::components::words::PRINT;
    pub const EDIT: &str = "この場面を編集";
    pub const DRAFT: &str = "下書き";
    pub const UNSAVED: &str = "未作成";
    pub const VISION: &str = "目指す姿";
    pub const TARGETS: &str = "目標";
    pub const INDICATORS: &str = "指標";
    pub const ACTIONS: &str = "主な取組";
    pub const EVALUATION: &str = "年度末評価";
    pub const NEXT_PLAN: &str = "次年度への計画";
    pub const TAGGED: &str = "この場面の記録";
    pub const INITIATIVES: &str = "取組";
    pub const MEETINGS: &str = "会議";
    pub const TRAININGS: &str = "研修";
    pub const COUNT: &str = "件";
    pub const NONE: &str = "なし";
    pub const EMPTY_TEXT: &str = "（未記入）";
    pub const MADE: &str = "作成日";
    pub const CARRY_TITLE: &str = "この年度の計画を始める";
    pub const CARRY_PREVIOUS: &str = "前年度の計画（目指す姿・目標・指標、次年度への計画を主な取組として）を引き継いで、まだ作成していない場面の下書きを作ります。年度末評価は空になり、手入力の実績は消えます。";
    pub const CARRY_GUIDE: &str = "国の手引きの「目指す姿」から、まだ作成していない場面の下書きを作ります。";
    pub const CARRY: &str = "下書きを作る";
    pub const UNSAVED_HINT: &str = "この場面の計画はまだ保存されていません。下の内容は、保存したときの出発点（前年度からの引き継ぎ、または手引きの文言）です。";
    pub const NOTICES: &[(&str, &str)] = &[("saved", "計画を保存しました。"), ("carried", "下書きを作りました。各場面を確認して保存してください。")];
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let fy = use_query_map().with_untracked(|q| q.get("fy").and_then(|s| s.trim().parse::<i32>().ok()));
    let carry = ServerAction::<CarryPlan>::new();
    let can_write = use_can(Permission::WriteMeetings).get_untracked();
    let notice = use_notice(t::NOTICES);
    view! {
        <PageTitle text=t::TITLE />
        <InitiativeTabs current="/plan" />
        <Notice notice />
        {loaded(get_plan(fy), move |p| view! { <Plan p can_write carry /> }.into_any())}
    }
}

#[component]
fn Plan(p: PlanYear, can_write: bool, carry: ServerAction<CarryPlan>) -> impl IntoView {
    let fy = p.year.year;
    let errors = FormErrors::of(carry);
    view! {
        <div class="plan-year">
            <div class="page-head">
                <h1>{format!("{} {}", p.title_year, t::TITLE)} <span class="muted">"（" {p.year.western.clone()} "）"</span></h1>
                <div class="actions no-print">
                    <a class="button secondary" href=format!("/plan/export.xlsx?fy={fy}") download>{t::XLSX}</a>
                    <crate::components::islands::PrintButton label=t::PRINT.to_string() />
                </div>
            </div>
            <p class="lead">{t::LEAD} <span class="print-only">{t::MADE} " " {p.made_on.clone()}</span></p>
            <form method="get" action="/plan" class="filters card no-print">
                <div class="field">
                    <label for="f-fy">{t::FY}</label>
                    <select id="f-fy" name="fy">
                        {p.years.iter().rev().map(|y| view! { <option value=y.year selected=y.year == fy>{format!("{}（{}）", y.label, y.western)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="actions"><button type="submit">{t::SHOW}</button></div>
            </form>
            {(p.missing && can_write).then(|| view! {
                <section class="card no-print" data-testid="carry">
                    <h2>{t::CARRY_TITLE}</h2>
                    <p>{if p.previous { t::CARRY_PREVIOUS } else { t::CARRY_GUIDE }}</p>
                    <FormMessage errors />
                    <ActionForm action=carry attr:class="actions">
                        <input type="hidden" name="fy" value=fy />
                        <button type="submit">{t::CARRY}</button>
                    </ActionForm>
                </section>
            })}
            {p.scenes.into_iter().enumerate().map(|(n, s)| view! { <Scene n s fy can_write /> }).collect_view()}
        </div>
    }
}

fn text_block(label: &'static str, text: String) -> impl IntoView {
    let empty = text.trim().is_empty();
    view! {
        <dt>{label}</dt>
        <dd class="pre">{if empty { t::EMPTY_TEXT.to_string() } else { text }}</dd>
    }
}

#[component]
fn Scene(n: usize, s: ScenePlanView, fy: i32, can_write: bool) -> impl IntoView {
    let badge = if !s.stored { Some(t::UNSAVED) } else if s.draft { Some(t::DRAFT) } else { None };
    view! {
        <section class="card plan-scene" id=s.code.clone() data-testid=format!("scene-{}", s.code)>
            <div class="page-head">
                <h2>{format!("{}. {}", n + 1, s.label)} {badge.map(|b| view! { " " <span class="badge">{b}</span> })}</h2>
                {can_write.then(|| view! { <a class="button secondary no-print" href=format!("/plan/edit?fy={fy}&scene={}", s.code)>{t::EDIT}</a> })}
            </div>
            {(!s.stored).then(|| view! { <p class="hint no-print">{t::UNSAVED_HINT}</p> })}
            <dl class="plan-texts">
                {text_block(t::VISION, s.texts.vision.clone())}
                {text_block(t::TARGETS, s.texts.targets.clone())}
            </dl>
            <h3>{t::INDICATORS}</h3>
            <IndicatorTable items=s.indicators.clone() />
            <dl class="plan-texts">
                {text_block(t::ACTIONS, s.texts.actions.clone())}
                {text_block(t::EVALUATION, s.texts.evaluation.clone())}
                {text_block(t::NEXT_PLAN, s.texts.next_plan.clone())}
            </dl>
            <h3>{t::TAGGED}</h3>
            <dl class="facts">
                <dt>{t::INITIATIVES}</dt>
                <dd>{if s.initiatives.is_empty() { view! { <span>{t::NONE}</span> }.into_any() } else { view! {
                    <ul class="inline-list">{s.initiatives.iter().map(|r| view! { <li><a href=format!("/initiatives/{}", r.id)>{r.name.clone()}</a></li> }).collect_view()}</ul>
                }.into_any() }}</dd>
                <dt>{t::MEETINGS}</dt><dd data-testid="scene-meetings">{format!("{}{}", s.meetings, t::COUNT)}</dd>
                <dt>{t::TRAININGS}</dt>
                <dd>{if s.trainings.is_empty() { view! { <span>{t::NONE}</span> }.into_any() } else { view! {
                    <ul class="inline-list">{s.trainings.iter().map(|r| view! { <li><a href=format!("/trainings/{}", r.id)>{r.name.clone()}</a></li> }).collect_view()}</ul>
                }.into_any() }}</dd>
            </dl>
        </section>
    }
}
