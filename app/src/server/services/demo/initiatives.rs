//! The demo's initiative: the pharmacy × public-health work of R5 as the team's table of
//! 取組の軌跡 shows it (source 001), with its meetings, training and the day the pathway
//! started. Added only while it does not exist (by title), so seeding twice changes nothing.

use crate::domain::initiatives::{InitiativeInput, StepInput};
use crate::domain::meetings::MeetingInput;
use crate::domain::trainings::{default_plan, TrainingInput};
use crate::error::AppError;
use crate::server::entities::{initiative, organisation, profession};
use crate::server::services::audit::Actor;
use crate::server::services::initiatives::links::{self, Kind};
use crate::server::services::initiatives::records;
use crate::server::services::{meetings, trainings};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

const TITLE: &str = "薬局（薬剤師）×行政（保健師）の社会的処方連携";

/// (date, level, title, with the public-health nurses as well as the pharmacists)
const MEETINGS: &[(&str, &str, &str, bool)] = &[
    ("2023-06-27", "1", "薬剤師会×チームかまいし打合せ会（薬局を起点とした社会的処方連携パス・研修の支援依頼）", false),
    ("2023-09-13", "1", "薬剤師会×チームかまいし打合せ会", false),
    ("2023-10-06", "2", "モデル薬局（3店舗）×地域包括支援センター等（保健師）打合せ会", true),
    ("2023-11-10", "2", "モデル薬局×地域包括支援センター等（保健師）中間見直し打合せ会", true),
    ("2024-03-25", "2", "モデル薬局等×地域包括支援センター等（保健師）反省会", true),
];

pub async fn seed(db: &impl ConnectionTrait, actor: &Actor, now: DateTime<Utc>) -> Result<(), AppError> {
    if initiative::Entity::find().filter(initiative::Column::Title.eq(TITLE)).count(db).await? > 0 {
        return Ok(());
    }
    let professions = profession::Entity::find().all(db).await?;
    let pid = |name: &str| professions.iter().find(|p| p.name == name).map(|p| p.id);
    let (Some(pharmacist), Some(nurse)) = (pid("薬剤師"), pid("保健師").or_else(|| pid("看護師（訪問看護）"))) else {
        return Ok(());
    };
    let input = InitiativeInput {
        title: TITLE.into(),
        status: "reviewing".into(),
        scenes: vec!["daily".into()],
        partners: "浜風薬剤師会、モデル薬局3店舗、地域包括支援センター等（保健師）".into(),
        next_step: "多職種対象研修会「多機関・多職種起点の社会的処方」を薬剤師会と共催する".into(),
        next_step_on: String::new(),
        notes: "令和5年度の取組の軌跡（デモ）。".into(),
    };
    let id = records::save(db, actor, None, None, &input, now).await?;
    for (date, level, title, nurses) in MEETINGS {
        let meeting = MeetingInput {
            held_on: date.to_string(),
            level: level.to_string(),
            kind: if title.contains("反省会") { "hansei" } else { "uchiawase" }.into(),
            title: title.to_string(),
            professions: if *nurses { vec![pharmacist, nurse] } else { vec![pharmacist] },
            scenes: vec!["daily".into()],
            ..Default::default()
        };
        let m = meetings::write::save(db, actor, None, None, &meeting, now).await?;
        links::link(db, actor, id, Kind::Meeting, m, now).await?;
    }
    let organiser = organisation::Entity::find().filter(organisation::Column::Name.eq("浜風薬剤師会")).one(db).await?.map(|o| o.id);
    if let Some(organiser) = organiser {
        let training = TrainingInput {
            title: "多職種連携研修会 ～つながり支援と多職種連携～（薬剤師会×市 共催）".into(),
            theme: String::new(),
            organiser: organiser.to_string(),
            hosting: "cohost".into(),
            level: "3".into(),
            professions: vec![pharmacist, nurse],
            held_on: "2023-11-01".into(),
            start_time: "18:30".into(),
            end_time: "20:00".into(),
            venue: "浜風市民ホール".into(),
            format: "inperson".into(),
            capacity: "80".into(),
            status: "held".into(),
            work_items: vec!["カ".into()],
            level_reason: "薬剤師会と看護師を中心に、多職種に案内した研修のため".into(),
            support: default_plan("cohost"),
            scenes: vec!["daily".into()],
            ..Default::default()
        };
        let t = trainings::save(db, actor, None, None, &training, now).await?;
        links::link(db, actor, id, Kind::Training, t, now).await?;
    }
    let step = StepInput { happened_on: "2023-10-13".into(), description: "薬局を起点とした社会的処方連携スタート".into(), level: String::new() };
    links::add_step(db, actor, id, &step, now).await?;
    Ok(())
}
