//! A fiscal year's plan by scene: the page's view, the workbook's sections and the annual
//! report's by-scene section, all from the same reading.

use super::{indicators, texts};
use crate::domain::plan::achievement;
use crate::domain::report::{Grid, Section};
use crate::domain::scenes::{like_needle, Scene};
use crate::domain::FiscalYear;
use crate::dto::directory::Ref;
use crate::dto::plan::{IndicatorView, PlanYear, ScenePlanView};
use crate::error::AppError;
use crate::server::entities::{
    initiative, initiative_meeting as im, initiative_step as step, initiative_training as it, meeting, profession, scene_indicator, scene_plan, training,
};
use crate::server::services::issues::actions::meeting_label;
use crate::server::services::issues::matrix::year;
use chrono::NaiveDate;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

mod t {
    pub const SECTION: &str = "4つの場面別の取組";
    pub const NOTE: &str = "会議・研修・取組に付けた場面で数えています（1件に複数の場面を付けた場合は、それぞれに数えます）。取組は、その年度に軌跡（会議・研修・できごと）がある取組です。指標の実績は手入力の値か、記録から数えた値です。";
    pub const BY_SCENE: &str = "場面別の記録";
    pub const SCENE: &str = "場面";
    pub const MEETINGS: &str = "会議";
    pub const TRAININGS: &str = "研修";
    pub const INITIATIVES: &str = "取組";
    pub const INDICATORS: &str = "指標";
    pub const TARGET: &str = "目標";
    pub const ACTUAL: &str = "実績";
    pub const RATE: &str = "達成率(%)";
    pub const SOURCE: &str = "実績の出典";
    pub const ITEM: &str = "項目";
    pub const CONTENT: &str = "内容";
    pub const VISION: &str = "目指す姿";
    pub const TARGETS: &str = "目標";
    pub const ACTIONS: &str = "主な取組";
    pub const EVALUATION: &str = "年度末評価";
    pub const NEXT_PLAN: &str = "次年度への計画";
    pub const DRAFT: &str = "（下書き）";
}

fn fiscal_year(fy: i32) -> Result<FiscalYear, AppError> {
    FiscalYear::new(fy).ok_or(AppError::NotFound)
}

async fn professions(db: &impl ConnectionTrait) -> Result<Vec<profession::Model>, AppError> {
    Ok(profession::Entity::find().order_by_asc(profession::Column::SortOrder).order_by_asc(profession::Column::Id).all(db).await?)
}

/// Initiatives (not archived) with a step of their trail in the year: a linked meeting or
/// training held then, or a step of their own.
fn active_in(fy: FiscalYear) -> Condition {
    let meetings = Query::select()
        .column(im::Column::InitiativeId)
        .from(im::Entity)
        .and_where(
            im::Column::MeetingId.in_subquery(
                Query::select().column(meeting::Column::Id).from(meeting::Entity).and_where(meeting::Column::FiscalYear.eq(fy.0)).and_where(meeting::Column::Active.eq(true)).to_owned(),
            ),
        )
        .to_owned();
    let trainings = Query::select()
        .column(it::Column::InitiativeId)
        .from(it::Entity)
        .and_where(
            it::Column::TrainingId.in_subquery(
                Query::select()
                    .column(training::Column::Id)
                    .from(training::Entity)
                    .and_where(training::Column::FiscalYear.eq(fy.0))
                    .and_where(training::Column::Active.eq(true))
                    .and_where(training::Column::Status.ne("cancelled"))
                    .to_owned(),
            ),
        )
        .to_owned();
    let steps = Query::select()
        .column(step::Column::InitiativeId)
        .from(step::Entity)
        .and_where(step::Column::HappenedOn.gte(fy.first_day()))
        .and_where(step::Column::HappenedOn.lte(fy.last_day()))
        .to_owned();
    Condition::all().add(initiative::Column::Active.eq(true)).add(
        Condition::any()
            .add(initiative::Column::Id.in_subquery(meetings))
            .add(initiative::Column::Id.in_subquery(trainings))
            .add(initiative::Column::Id.in_subquery(steps)),
    )
}

async fn scene_view(
    db: &impl ConnectionTrait,
    fy: i32,
    scene: Scene,
    stored: &[scene_plan::Model],
    indicators: &[scene_indicator::Model],
    names: &HashMap<i32, String>,
) -> Result<ScenePlanView, AppError> {
    let row = stored.iter().find(|m| m.scene == scene.code());
    let texts = match row {
        Some(m) => texts::input_of(m),
        None => texts::texts(db, fy, scene).await?.0,
    };
    let mut views = Vec::new();
    for i in indicators.iter().filter(|i| i.scene == scene.code()) {
        let actual = indicators::actual(db, i).await?;
        views.push(IndicatorView {
            id: i.id,
            label: i.label.clone(),
            unit: i.unit.clone(),
            target: i.target,
            actual,
            counted: i.counter != crate::domain::plan::Counter::Manual.code(),
            source: indicators::source(i, names),
            achievement: achievement(actual, i.target),
            input: indicators::input_of(i),
        });
    }
    let initiatives = initiative::Entity::find()
        .filter(active_in(FiscalYear(fy)))
        .filter(initiative::Column::Scenes.like(like_needle(scene)))
        .order_by_asc(initiative::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|i| Ref { id: i.id, name: i.title })
        .collect();
    let meetings = meeting::Entity::find()
        .filter(meeting::Column::FiscalYear.eq(fy))
        .filter(meeting::Column::Active.eq(true))
        .filter(meeting::Column::Scenes.like(like_needle(scene)))
        .count(db)
        .await? as u32;
    let trainings = training::Entity::find()
        .filter(training::Column::FiscalYear.eq(fy))
        .filter(training::Column::Active.eq(true))
        .filter(training::Column::Status.ne("cancelled"))
        .filter(training::Column::Scenes.like(like_needle(scene)))
        .order_by_asc(training::Column::HeldOn)
        .all(db)
        .await?
        .into_iter()
        .map(|t| Ref { id: t.id, name: meeting_label(t.held_on, &t.title) })
        .collect();
    Ok(ScenePlanView {
        code: scene.code().into(),
        label: scene.label().into(),
        texts,
        stored: row.is_some(),
        draft: row.is_none_or(|m| m.draft),
        version: row.map(|m| m.version),
        indicators: views,
        initiatives,
        meetings,
        trainings,
    })
}

/// Years offered: those with a plan, and two back to one ahead of the current one.
async fn years(db: &impl ConnectionTrait, fy: i32, today: NaiveDate) -> Result<Vec<i32>, AppError> {
    let current = FiscalYear::of(today).0;
    let mut ys: Vec<i32> = scene_plan::Entity::find().select_only().column(scene_plan::Column::FiscalYear).distinct().into_tuple().all(db).await?;
    ys.extend(current - 2..=current + 1);
    ys.push(fy);
    ys.sort();
    ys.dedup();
    Ok(ys)
}

pub async fn build(db: &impl ConnectionTrait, fy: Option<i32>, today: NaiveDate) -> Result<PlanYear, AppError> {
    let fy = fiscal_year(fy.unwrap_or(FiscalYear::of(today).0))?;
    let stored = texts::of_year(db, fy.0).await?;
    let previous = !texts::of_year(db, fy.0 - 1).await?.is_empty();
    let professions = professions(db).await?;
    let names: HashMap<i32, String> = professions.iter().map(|p| (p.id, p.name.clone())).collect();
    let indicators = indicators::of_year(db, fy.0).await?;
    let mut scenes = Vec::new();
    for s in Scene::ALL.iter().copied() {
        scenes.push(scene_view(db, fy.0, s, &stored, &indicators, &names).await?);
    }
    Ok(PlanYear {
        year: year(fy.0),
        title_year: fy.long_label(),
        years: years(db, fy.0, today).await?.into_iter().map(year).collect(),
        missing: scenes.iter().any(|s| !s.stored),
        scenes,
        previous,
        professions: professions.into_iter().filter(|p| p.active).map(|p| Ref { id: p.id, name: p.name }).collect(),
        made_on: crate::domain::dates::day(today),
    })
}

/// The view of one scene (for its edit page).
pub async fn scene(db: &impl ConnectionTrait, fy: i32, scene: Scene) -> Result<(ScenePlanView, Vec<Ref>), AppError> {
    let fy = fiscal_year(fy)?;
    let stored = texts::of_year(db, fy.0).await?;
    let professions = professions(db).await?;
    let names: HashMap<i32, String> = professions.iter().map(|p| (p.id, p.name.clone())).collect();
    let indicators = indicators::of_year(db, fy.0).await?;
    let view = scene_view(db, fy.0, scene, &stored, &indicators, &names).await?;
    Ok((view, professions.into_iter().filter(|p| p.active).map(|p| Ref { id: p.id, name: p.name }).collect()))
}

fn number(v: Option<i64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn indicator_grid(caption: &str, rows: impl IntoIterator<Item = (String, IndicatorView)>) -> Grid {
    let mut g = Grid::new(caption, &[t::SCENE, t::INDICATORS, t::TARGET, t::ACTUAL, t::RATE, t::SOURCE], 2);
    for (scene, i) in rows {
        g.rows.push(vec![scene, format!("{}{}", i.label, if i.unit.is_empty() { String::new() } else { format!("（{}）", i.unit) }), number(i.target.map(i64::from)), number(i.actual), i.achievement.map(|a| a.to_string()).unwrap_or_default(), i.source]);
    }
    g
}

/// The annual report's section: per scene the tagged records and the indicators.
pub fn report_section(plan: &PlanYear) -> Section {
    let mut by_scene = Grid::new(t::BY_SCENE, &[t::SCENE, t::MEETINGS, t::TRAININGS, t::INITIATIVES], 1);
    for s in &plan.scenes {
        by_scene.rows.push(vec![s.label.clone(), s.meetings.to_string(), s.trainings.len().to_string(), s.initiatives.len().to_string()]);
    }
    let indicators = indicator_grid(t::INDICATORS, plan.scenes.iter().flat_map(|s| s.indicators.iter().map(|i| (s.label.clone(), i.clone()))));
    Section { key: "scenes".into(), title: t::SECTION.into(), note: t::NOTE.into(), grids: vec![by_scene, indicators] }
}

/// The plan's workbook: one sheet per scene with its texts and indicators, and the summary.
pub fn workbook_sections(plan: &PlanYear) -> Vec<Section> {
    let mut out: Vec<Section> = plan
        .scenes
        .iter()
        .map(|s| {
            let mut texts = Grid::new(&s.label, &[t::ITEM, t::CONTENT], 2);
            for (k, v) in [(t::VISION, &s.texts.vision), (t::TARGETS, &s.texts.targets), (t::ACTIONS, &s.texts.actions), (t::EVALUATION, &s.texts.evaluation), (t::NEXT_PLAN, &s.texts.next_plan)] {
                texts.rows.push(vec![k.to_string(), v.clone()]);
            }
            let title = if s.draft { format!("{}{}", s.label, t::DRAFT) } else { s.label.clone() };
            Section { key: s.code.clone(), title, note: String::new(), grids: vec![texts, indicator_grid(t::INDICATORS, s.indicators.iter().map(|i| (s.label.clone(), i.clone())))] }
        })
        .collect();
    out.push(report_section(plan));
    out
}
