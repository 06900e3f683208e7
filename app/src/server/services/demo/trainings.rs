//! The demo's trainings: two held events with their outcome and two upcoming ones with the
//! standard tasks, dated around today so the lists always have something to show. Added
//! only while none of them exists (by title), so seeding twice changes nothing and
//! trainings a team entered first do not keep the demo's away.

use crate::server::services::audit::Actor;
use crate::server::services::trainings::tasks::{self, TemplateTask};
use crate::server::services::trainings;
use crate::domain::trainings::{default_plan, OutcomeInput, TrainingInput, STANDARD_TASKS};
use crate::error::AppError;
use crate::server::entities::{organisation, profession, training, training_task};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// (title, days from today, organiser, hosting, status, target professions, scenes)
const TRAININGS: &[(&str, i64, Option<&str>, &str, &str, &[&str], &[&str])] = &[
    ("多職種研修会「地域包括ケアにおける薬剤師の役割」", -150, Some("浜風薬剤師会"), "support", "held", &["薬剤師", "介護支援専門員", "看護師（訪問看護）"], &["daily"]),
    ("口腔ケアと多職種連携研修会", -40, Some("浜風歯科医師会"), "support", "held", &["歯科医師", "介護支援専門員"], &["daily"]),
    ("退院支援 多職種研修会", 45, Some("浜風市医師会"), "cohost", "preparing", &["医師", "看護師（訪問看護）", "介護支援専門員"], &["discharge"]),
    ("人生会議（ACP）を考える市民向け研修", 80, None, "team", "planning", &[], &["end_of_life"]),
];

/// The reason the demo gives where its trainings do not fit the level rule (the service
/// keeps it only for those).
const LEVEL_REASON: &str = "職種を限らず、地域の多職種と市民に広く案内した研修のため";

pub async fn seed(db: &impl ConnectionTrait, actor: &Actor, today: NaiveDate, now: DateTime<Utc>) -> Result<(), AppError> {
    let titles: Vec<&str> = TRAININGS.iter().map(|t| t.0).collect();
    if training::Entity::find().filter(training::Column::Title.is_in(titles)).count(db).await? > 0 {
        return Ok(());
    }
    let professions = profession::Entity::find().all(db).await?;
    for (title, days, organiser, hosting, status, targets, scenes) in TRAININGS {
        let organiser = match organiser {
            Some(name) => organisation::Entity::find().filter(organisation::Column::Name.eq(*name)).one(db).await?.map(|o| o.id),
            None => None,
        };
        if organiser.is_none() && *hosting != "team" {
            continue;
        }
        let held_on = today + Duration::days(*days);
        let input = TrainingInput {
            title: title.to_string(),
            theme: String::new(),
            organiser: organiser.map(|o| o.to_string()).unwrap_or_default(),
            hosting: hosting.to_string(),
            level: "3".into(),
            professions: professions.iter().filter(|p| targets.contains(&p.name.as_str())).map(|p| p.id).collect(),
            held_on: held_on.to_string(),
            start_time: "18:30".into(),
            end_time: "20:00".into(),
            venue: "浜風市民ホール".into(),
            format: "inperson".into(),
            capacity: "80".into(),
            status: status.to_string(),
            work_items: vec!["カ".into()],
            level_reason: LEVEL_REASON.into(),
            support: default_plan(hosting),
            scenes: scenes.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        let id = trainings::save(db, actor, None, None, &input, now).await?;
        let tasks: Vec<TemplateTask> =
            STANDARD_TASKS.iter().map(|(t, d, _)| TemplateTask { title: t.to_string(), offset: d.to_string(), owner: "organiser".into(), index: None }).collect();
        tasks::add_from_template(db, actor, id, None, &tasks, now).await?;
        // What is past is done.
        for task in training_task::Entity::find().filter(training_task::Column::TrainingId.eq(id)).all(db).await? {
            if task.due_on.is_some_and(|d| d < today) {
                crate::server::services::shared::checklist::set_done::<tasks::Tasks>(db, actor, task.id, task.version, true, now).await?;
            }
        }
        if *status == "held" {
            let outcome = OutcomeInput {
                participants: professions.iter().filter(|p| targets.contains(&p.name.as_str())).enumerate().map(|(i, p)| (p.id, (12 - 3 * i as i32).max(3).to_string())).collect(),
                participants_other: "4".into(),
                respondents: "20".into(),
                satisfaction: ["0".into(), "1".into(), "4".into(), "8".into(), "7".into()],
                comments: "他職種の考え方が分かった。\n事例検討の時間をもっと取ってほしい。".into(),
                lessons: "平日夜の開催は参加しやすい。次回は事例検討を中心にする。".into(),
            };
            trainings::save_outcome(db, actor, id, 1, &outcome, now).await?;
        }
    }
    Ok(())
}

/// Tags the demo's trainings that have no scene yet with the scenes they serve (installations
/// seeded before the trainings had scenes), through the ordinary save; returns how many.
pub async fn tag_scenes(db: &impl ConnectionTrait, actor: &Actor, now: DateTime<Utc>) -> Result<usize, AppError> {
    let mut tagged = 0;
    for (title, .., scenes) in TRAININGS {
        let untagged = training::Entity::find().filter(training::Column::Title.eq(*title)).filter(training::Column::Scenes.eq("")).all(db).await?;
        for t in untagged {
            let parts = trainings::parts_of(db, &[t.id]).await?.remove(&t.id).unwrap_or_default();
            let mut input = trainings::to_input(&t, &parts);
            input.scenes = scenes.iter().map(|s| s.to_string()).collect();
            // Seeded before trainings had the level rule: the save now asks for the reason.
            if input.level_reason.is_empty() {
                input.level_reason = LEVEL_REASON.into();
            }
            trainings::save(db, actor, Some(t.id), Some(t.version), &input, now).await?;
            tagged += 1;
        }
    }
    Ok(tagged)
}
