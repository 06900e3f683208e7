//! One scene's plan texts for one fiscal year: read (or the draft a year would start from),
//! saved (versioned, audited) and carried forward from the previous year.

use crate::domain::plan::{carry_forward, PlanInput};
use crate::domain::scenes::Scene;
use crate::domain::FiscalYear;
use crate::error::AppError;
use crate::server::entities::{scene_indicator as ind, scene_plan as plan};
use crate::server::services::audit::{self, Action, Actor, Audited, Snapshot};
use crate::server::services::shared::versioned::{differing_pairs, expected_version, problems, update_versioned};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};

pub(super) const ENTITY: &str = "scene_plan";

const CREATED_MEANWHILE: &str = "この場面の計画は、編集を始めた後にほかの人が作成しました。上書きを防ぐため保存していません。あなたの入力はこのフォームに残っています。別の画面で計画を開き直し、必要な変更をもう一度行ってください。";

struct Audit<'a>(&'a plan::Model);

impl Audited for Audit<'_> {
    const ENTITY_TYPE: &'static str = ENTITY;
    fn audit_id(&self) -> i64 {
        self.0.id as i64
    }
    fn audit_label(&self) -> String {
        label(self.0.fiscal_year, &self.0.scene)
    }
    fn snapshot(&self) -> Snapshot {
        let m = self.0;
        vec![
            ("vision", m.vision.clone()),
            ("targets", m.targets.clone()),
            ("actions", m.actions.clone()),
            ("evaluation", m.evaluation.clone()),
            ("next_plan", m.next_plan.clone()),
            ("draft", m.draft.to_string()),
        ]
    }
}

/// "令和7年度 看取り": how the audit trail names a scene's plan.
pub(super) fn label(fy: i32, scene: &str) -> String {
    format!("{} {}", FiscalYear(fy).long_label(), Scene::from_code(scene).map(|s| s.label()).unwrap_or(scene))
}

pub(super) fn input_of(m: &plan::Model) -> PlanInput {
    PlanInput { vision: m.vision.clone(), targets: m.targets.clone(), actions: m.actions.clone(), evaluation: m.evaluation.clone(), next_plan: m.next_plan.clone() }
}

/// The saved plans of a year, any scene.
pub async fn of_year(db: &impl ConnectionTrait, fy: i32) -> Result<Vec<plan::Model>, AppError> {
    Ok(plan::Entity::find().filter(plan::Column::FiscalYear.eq(fy)).order_by_asc(plan::Column::Id).all(db).await?)
}

async fn find(db: &impl ConnectionTrait, fy: i32, scene: Scene) -> Result<Option<plan::Model>, AppError> {
    Ok(plan::Entity::find().filter(plan::Column::FiscalYear.eq(fy)).filter(plan::Column::Scene.eq(scene.code())).one(db).await?)
}

/// The scene's texts for the year: saved, or the draft it would start from.
pub async fn texts(db: &impl ConnectionTrait, fy: i32, scene: Scene) -> Result<(PlanInput, Option<plan::Model>), AppError> {
    if let Some(m) = find(db, fy, scene).await? {
        return Ok((input_of(&m), Some(m)));
    }
    let previous = find(db, fy - 1, scene).await?;
    Ok((carry_forward(scene, previous.as_ref().map(input_of).as_ref()), None))
}

/// Saves the scene's texts (creating the year's row when there is none); the draft mark goes.
pub async fn save(db: &impl ConnectionTrait, actor: &Actor, fy: i32, scene: Scene, version: Option<i32>, input: &PlanInput, now: DateTime<Utc>) -> Result<(), AppError> {
    input.check().map_err(problems)?;
    let t = input.trimmed();
    let fill = |am: &mut plan::ActiveModel| {
        am.vision = Set(t.vision.clone());
        am.targets = Set(t.targets.clone());
        am.actions = Set(t.actions.clone());
        am.evaluation = Set(t.evaluation.clone());
        am.next_plan = Set(t.next_plan.clone());
        am.draft = Set(false);
        am.updated_at = Set(now);
    };
    match find(db, fy, scene).await? {
        None => {
            let mut am = plan::ActiveModel { fiscal_year: Set(fy), scene: Set(scene.code().into()), version: Set(1), ..Default::default() };
            fill(&mut am);
            let m = am.insert(db).await.map_err(|e| match AppError::from(e) {
                AppError::Conflict(_) => AppError::Conflict(CREATED_MEANWHILE.into()),
                other => other,
            })?;
            audit::record_create(db, actor, &Audit(&m), now).await
        }
        Some(before) => {
            // Drawn before the scene had a plan (no version): someone created it meanwhile.
            let expected = match version {
                None => return Err(AppError::Conflict(CREATED_MEANWHILE.into())),
                v => expected_version(v)?,
            };
            let mut am: plan::ActiveModel = before.clone().into();
            fill(&mut am);
            let current = input_of(&before);
            update_versioned(db, ENTITY, before.id, expected, am, || {
                differing_pairs(&["vision", "targets", "actions", "evaluation", "next_plan"], &current.pairs(), &input.pairs())
            })
            .await?;
            let after = plan::Entity::find_by_id(before.id).one(db).await?.ok_or(AppError::NotFound)?;
            audit::record_change(db, actor, Action::Update, &Audit(&before), &Audit(&after), now).await
        }
    }
}

/// Starts the year's plan for every scene that has none: the previous year's carried forward
/// (or the guide's wording) as a draft, with the previous year's indicators (targets kept,
/// entered actuals cleared) where the scene has none yet. Returns how many scenes it started.
pub async fn carry(db: &impl ConnectionTrait, actor: &Actor, fy: i32, now: DateTime<Utc>) -> Result<u32, AppError> {
    let mut started = 0;
    for scene in Scene::ALL.iter().copied() {
        if find(db, fy, scene).await?.is_some() {
            continue;
        }
        let (texts, _) = texts(db, fy, scene).await?;
        let am = plan::ActiveModel {
            fiscal_year: Set(fy),
            scene: Set(scene.code().into()),
            vision: Set(texts.vision),
            targets: Set(texts.targets),
            actions: Set(texts.actions),
            evaluation: Set(texts.evaluation),
            next_plan: Set(texts.next_plan),
            draft: Set(true),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        };
        let m = am.insert(db).await?;
        audit::record_create(db, actor, &Audit(&m), now).await?;
        started += 1;
        let here = ind::Entity::find().filter(ind::Column::FiscalYear.eq(fy)).filter(ind::Column::Scene.eq(scene.code())).count(db).await?;
        if here > 0 {
            continue;
        }
        let before = ind::Entity::find()
            .filter(ind::Column::FiscalYear.eq(fy - 1))
            .filter(ind::Column::Scene.eq(scene.code()))
            .order_by_asc(ind::Column::Position)
            .order_by_asc(ind::Column::Id)
            .all(db)
            .await?;
        for i in before {
            ind::ActiveModel {
                fiscal_year: Set(fy),
                scene: Set(i.scene),
                label: Set(i.label),
                unit: Set(i.unit),
                target: Set(i.target),
                actual: Set(None),
                counter: Set(i.counter),
                level: Set(i.level),
                profession_id: Set(i.profession_id),
                position: Set(i.position),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(started)
}
