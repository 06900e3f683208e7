//! `/plan/edit?fy=2025&scene=end_of_life`: one scene's plan texts and its indicators
//! (`&edit=ID` opens one indicator's form, `&remove=ID` asks before removing it).

use super::IndicatorTable;
use crate::api::plan::{get_plan_scene, AddIndicator, IndicatorInput, RemoveIndicator, SavePlan, ScenePlanView, UpdateIndicator};
use crate::components::form::{FormErrors, FormMessage, SelectField, TextArea, TextField};
use crate::components::loaded::loaded;
use crate::components::nav::{use_notice, Notice};
use crate::components::page_title::PageTitle;
use crate::components::record_actions::DeleteConfirm;
use crate::domain::meetings::Level;
use crate::domain::plan::Counter;
use crate::domain::FiscalYear;
use crate::dto::directory::Ref;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

mod t {
    pub const TITLE: &str = "計画の編集";
    pub const VISION: &str = "目指す姿";
    pub const VISION_HINT: &str = "国の手引きの文言を出発点に、地域の言葉で書き直せます。";
    pub const TARGETS: &str = "目標";
    pub const TARGETS_HINT: &str = "数で表せない目標も書きます。数で追うものは下の「指標」に加えます。";
    pub const ACTIONS: &str = "主な取組";
    pub const EVALUATION: &str = "年度末評価";
    pub const NEXT_PLAN: &str = "次年度への計画";
    pub const NEXT_PLAN_HINT: &str = "次年度の下書きを作るとき、この内容が次年度の「主な取組」になります。";
    pub use crate::components::words::SAVE;
    pub use crate::components::words::CANCEL;
    pub const INDICATORS: &str = "指標";
    pub const ADD_INDICATOR: &str = "指標を加える";
    pub const EDIT_INDICATOR: &str = "指標を編集";
    pub const LABEL: &str = "指標";
    pub const LABEL_HINT: &str = "例: 訪問看護との一次連携の回数、看取りをテーマにした研修";
    pub const UNIT: &str = "単位";
    pub const TARGET: &str = "目標値";
    pub const COUNTER: &str = "実績の数え方";
    pub const ACTUAL: &str = "実績（手入力のとき）";
    pub const LEVEL: &str = "会議の段階（会議の件数のとき）";
    pub const PROFESSION: &str = "職種（会議の件数のとき）";
    pub const ANY: &str = "すべて";
    pub const ADD: &str = "加える";
    pub const UPDATE: &str = "更新する";
    pub const EDIT: &str = "編集";
    pub const REMOVE: &str = "削除";
    pub const REMOVE_TEXT: &str = "この指標を計画から削除します。記録そのもの（会議・研修）は消えません。";
    pub const BACK: &str = "計画に戻る";
    pub const NOTICES: &[(&str, &str)] = &[("indicator", "指標を保存しました。")];
}

#[derive(Clone, Copy)]
struct Actions {
    save: ServerAction<SavePlan>,
    add: ServerAction<AddIndicator>,
    update: ServerAction<UpdateIndicator>,
    remove: ServerAction<RemoveIndicator>,
}

#[component]
pub fn PlanEditPage() -> impl IntoView {
    let q = use_query_map().get_untracked();
    let fy = q.get("fy").and_then(|s| s.trim().parse::<i32>().ok()).unwrap_or_else(|| FiscalYear::of(crate::clock::today()).0);
    let scene = q.get("scene").unwrap_or_default();
    let num = |k: &str| q.get(k).and_then(|s| s.trim().parse::<i32>().ok());
    let (editing, removing) = (num("edit"), num("remove"));
    let actions = Actions { save: ServerAction::new(), add: ServerAction::new(), update: ServerAction::new(), remove: ServerAction::new() };
    let notice = use_notice(t::NOTICES);
    view! {
        <PageTitle text=t::TITLE />
        <Notice notice />
        {loaded(get_plan_scene(fy, scene), move |(s, professions)| view! { <Edit s professions fy editing removing actions /> }.into_any())}
    }
}

#[component]
fn Edit(s: ScenePlanView, professions: Vec<Ref>, fy: i32, editing: Option<i32>, removing: Option<i32>, actions: Actions) -> impl IntoView {
    let errors = FormErrors::of(actions.save);
    let v = move |name: &str, base: &str| errors.value_or(name, base);
    let back = format!("/plan?fy={fy}#{}", s.code);
    let here = format!("/plan/edit?fy={fy}&scene={}", s.code);
    let code = s.code.clone();
    let row_links = {
        let here = here.clone();
        Callback::new(move |id: i32| {
            view! {
                <a href=format!("{here}&edit={id}#indicators")>{t::EDIT}</a>
                " "
                <a href=format!("{here}&remove={id}#indicators")>{t::REMOVE}</a>
            }
            .into_any()
        })
    };
    let removing = removing.and_then(|id| s.indicators.iter().find(|i| i.id == id).cloned());
    let editing = editing.and_then(|id| s.indicators.iter().find(|i| i.id == id).cloned());
    view! {
        <h1>{format!("{} {}の計画", FiscalYear(fy).long_label(), s.label)}</h1>
        <p><a href=back.clone()>{t::BACK}</a></p>
        <ActionForm action=actions.save attr:class="stack card" attr:data-testid="plan-form">
            <FormMessage errors />
            <input type="hidden" name="fy" value=fy />
            <input type="hidden" name="scene" value=s.code.clone() />
            {s.version.map(|v| view! { <input type="hidden" name="version" value=v /> })}
            <TextArea label=t::VISION name="vision" value=v("vision", &s.texts.vision) rows=3 hint=t::VISION_HINT required=true errors />
            <TextArea label=t::TARGETS name="targets" value=v("targets", &s.texts.targets) rows=4 hint=t::TARGETS_HINT errors />
            <TextArea label=t::ACTIONS name="actions" value=v("actions", &s.texts.actions) rows=6 errors />
            <TextArea label=t::EVALUATION name="evaluation" value=v("evaluation", &s.texts.evaluation) rows=6 errors />
            <TextArea label=t::NEXT_PLAN name="next_plan" value=v("next_plan", &s.texts.next_plan) rows=4 hint=t::NEXT_PLAN_HINT errors />
            <div class="actions">
                <button type="submit">{t::SAVE}</button>
                <a class="button secondary" href=back>{t::CANCEL}</a>
            </div>
        </ActionForm>
        <section class="card" id="indicators">
            <h2>{t::INDICATORS}</h2>
            {removing.map(|i| view! {
                <DeleteConfirm action=actions.remove errors=FormErrors::of(actions.remove) id=i.id name=i.label.clone() text=t::REMOVE_TEXT back=format!("{here}#indicators") />
            })}
            <IndicatorTable items=s.indicators.clone() extra=row_links />
            {match editing {
                Some(i) => {
                    let errors = FormErrors::of(actions.update);
                    view! {
                        <h3>{t::EDIT_INDICATOR}</h3>
                        <ActionForm action=actions.update attr:class="stack" attr:data-testid="indicator-form">
                            <FormMessage errors />
                            <input type="hidden" name="id" value=i.id />
                            {indicator_fields(i.input.clone(), professions.clone(), errors)}
                            <div class="actions">
                                <button type="submit">{t::UPDATE}</button>
                                <a class="button secondary" href=format!("{here}#indicators")>{t::CANCEL}</a>
                            </div>
                        </ActionForm>
                    }.into_any()
                }
                None => {
                    let errors = FormErrors::of(actions.add);
                    view! {
                        <h3>{t::ADD_INDICATOR}</h3>
                        <ActionForm action=actions.add attr:class="stack" attr:data-testid="indicator-form">
                            <FormMessage errors />
                            <input type="hidden" name="fy" value=fy />
                            <input type="hidden" name="scene" value=code.clone() />
                            {indicator_fields(IndicatorInput::default(), professions.clone(), errors)}
                            <div class="actions"><button type="submit">{t::ADD}</button></div>
                        </ActionForm>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The indicator's fields, shared by the add and edit forms.
fn indicator_fields(base: IndicatorInput, professions: Vec<Ref>, errors: FormErrors) -> impl IntoView {
    let v = move |name: &str, base: &str| errors.value_or(name, base);
    let counters: Vec<(String, String)> = Counter::ALL.iter().map(|c| (c.code().to_string(), c.label().to_string())).collect();
    let levels: Vec<(String, String)> = Level::ALL.iter().map(|l| (l.number().to_string(), l.label().to_string())).collect();
    let professions: Vec<(String, String)> = professions.into_iter().map(|p| (p.id.to_string(), p.name)).collect();
    view! {
        <TextField label=t::LABEL name="label" value=v("label", &base.label) required=true maxlength=200 hint=t::LABEL_HINT errors />
        <div class="row">
            <TextField label=t::TARGET name="target" input_type="number" value=v("target", &base.target) errors />
            <TextField label=t::UNIT name="unit" value=v("unit", &base.unit) maxlength=20 errors />
        </div>
        <div class="row">
            <SelectField label=t::COUNTER name="counter" options=counters selected=v("counter", if base.counter.is_empty() { "manual" } else { &base.counter }) required=true errors />
            <TextField label=t::ACTUAL name="actual" input_type="number" value=v("actual", &base.actual) errors />
        </div>
        <div class="row">
            <SelectField label=t::LEVEL name="level" options=levels selected=v("level", &base.level) empty_label=t::ANY errors />
            <SelectField label=t::PROFESSION name="profession" options=professions selected=v("profession", &base.profession) empty_label=t::ANY errors />
        </div>
    }
}
