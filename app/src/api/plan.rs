//! The plan by the four scenes (PDCA): read by those who read meetings, kept by those who
//! write them.

pub use crate::dto::plan::*;
#[cfg(feature = "ssr")]
use crate::domain::Permission;
#[cfg(feature = "ssr")]
use crate::domain::scenes::Scene;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::services::plan::{indicators, texts, year};

#[cfg(feature = "ssr")]
fn year_of(fy: i32) -> Result<crate::domain::FiscalYear, AppError> {
    crate::domain::FiscalYear::new(fy).ok_or(AppError::NotFound)
}

#[cfg(feature = "ssr")]
fn scene_of(code: &str) -> Result<Scene, AppError> {
    Scene::from_code(code).ok_or(AppError::NotFound)
}

#[server(prefix = "/api", endpoint = "plan_get")]
pub async fn get_plan(fy: Option<i32>) -> Result<PlanYear, AppError> {
    crate::server::auth::authorize(Permission::ReadMeetings)?;
    year::build(&crate::server::db()?, fy, crate::clock::today()).await
}

/// One scene's plan and the professions its indicators can count.
#[server(prefix = "/api", endpoint = "plan_scene")]
pub async fn get_plan_scene(fy: i32, scene: String) -> Result<(ScenePlanView, Vec<crate::dto::directory::Ref>), AppError> {
    crate::server::auth::authorize(Permission::WriteMeetings)?;
    year_of(fy)?;
    year::scene(&crate::server::db()?, fy, scene_of(&scene)?).await
}

#[server(prefix = "/api", endpoint = "plan_save")]
pub async fn save_plan(fy: i32, scene: String, version: Option<i32>, #[server(flatten)] input: PlanInput) -> Result<(), AppError> {
    crate::server::auth::authorize(Permission::WriteMeetings)?;
    year_of(fy)?;
    let s = scene_of(&scene)?;
    let pairs = input.pairs();
    crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move { texts::save(txn, &w.actor, fy, s, version, &input, w.now).await }))
        .await
        .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/plan?fy={fy}&saved=1#{scene}"));
    Ok(())
}

/// Starts the year's plan for the scenes that have none, carried forward as drafts.
#[server(prefix = "/api", endpoint = "plan_carry")]
pub async fn carry_plan(fy: i32) -> Result<(), AppError> {
    crate::server::auth::authorize(Permission::WriteMeetings)?;
    year_of(fy)?;
    crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move { texts::carry(txn, &w.actor, fy, w.now).await })).await?;
    leptos_axum::redirect(&format!("/plan?fy={fy}&carried=1"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "plan_indicator_add")]
pub async fn add_indicator(fy: i32, scene: String, #[server(flatten)] input: IndicatorInput) -> Result<(), AppError> {
    crate::server::auth::authorize(Permission::WriteMeetings)?;
    year_of(fy)?;
    let s = scene_of(&scene)?;
    let pairs = input.pairs();
    crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move { indicators::add(txn, &w.actor, fy, s, &input, w.now).await }))
        .await
        .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/plan/edit?fy={fy}&scene={scene}&indicator=1#indicators"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "plan_indicator_update")]
pub async fn update_indicator(id: i32, #[server(flatten)] input: IndicatorInput) -> Result<(), AppError> {
    let pairs = input.pairs();
    let m = crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move {
        indicators::update(txn, &w.actor, id, &input, w.now).await?;
        indicators::get(txn, id).await
    }))
    .await
    .map_err(|e| e.with_input(pairs))?;
    leptos_axum::redirect(&format!("/plan/edit?fy={}&scene={}&indicator=1#indicators", m.fiscal_year, m.scene));
    Ok(())
}

#[server(prefix = "/api", endpoint = "plan_indicator_remove")]
pub async fn remove_indicator(id: i32) -> Result<(), AppError> {
    let m = crate::server::write(Permission::WriteMeetings, move |txn, w| Box::pin(async move { indicators::remove(txn, &w.actor, id, w.now).await })).await?;
    leptos_axum::redirect(&format!("/plan/edit?fy={}&scene={}#indicators", m.fiscal_year, m.scene));
    Ok(())
}
