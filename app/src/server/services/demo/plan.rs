//! The demo's plan by the four scenes for the current fiscal year: each scene's 目指す姿 (the
//! draft the plan services start from: the guide's wording, or last year's), 目標 and 主な取組,
//! and its indicators, most counted from the records. The demo's trainings are tagged with
//! the scenes they serve, and three meetings of the year give the counted indicators something
//! to count. Added only while the year has no plan (texts or indicators), so seeding twice
//! changes nothing and a plan a team started is never written over.

use crate::domain::meetings::MeetingInput;
use crate::domain::plan::{Counter, IndicatorInput, PlanInput};
use crate::domain::scenes::Scene;
use crate::domain::FiscalYear;
use crate::error::AppError;
use crate::server::entities::{meeting, profession};
use crate::server::services::audit::Actor;
use crate::server::services::meetings;
use crate::server::services::plan::{indicators, texts};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// (days before today, level, kind, title, professions, work items, scenes, purpose); dated no
/// earlier than the fiscal year's first day.
const MEETINGS: &[(i64, &str, &str, &str, &[&str], &[&str], &[&str], &str)] = &[
    (
        60,
        "1",
        "uchiawase",
        "浜風訪問看護連絡会×チーム打合せ会（在宅療養の困りごとの聞き取り）",
        &["看護師（訪問看護）"],
        &["イ"],
        &["daily"],
        "訪問看護の現場から、日常の療養支援で医療と介護がつながりにくい場面を聞き取る。",
    ),
    (
        45,
        "2",
        "uchiawase",
        "病院連携室×介護支援専門員 入退院支援ルール見直し打合せ会",
        &["医療ソーシャルワーカー（病院連携室）", "介護支援専門員"],
        &["ウ"],
        &["discharge"],
        "入退院支援ルールの運用状況を共有し、入院時の情報提供と退院前カンファレンスの連絡の流れを見直す。",
    ),
    (
        20,
        "2",
        "joho",
        "消防・救急×訪問看護 情報交換会（急変時に本人の意思を伝えるには）",
        &["消防・救急", "看護師（訪問看護）"],
        &["エ"],
        &["emergency", "end_of_life"],
        "救急要請のときに、本人・家族が望む医療やかかりつけ医の情報を救急隊へ伝える方法を話し合う。",
    ),
];

/// (scene, 目標, 主な取組)
const PLANS: &[(Scene, &str, &str)] = &[
    (
        Scene::Daily,
        "訪問看護・薬局・ケアマネジャーが、困ったときに相談できる相手を知っている。\n職種ごとの連携の課題を一次連携で聞き取り、対応策につなげる。",
        "・訪問看護連絡会との一次連携（打合せ会を年4回）\n・薬局を起点とした社会的処方連携の継続（薬剤師会・保健師）\n・口腔ケア、服薬支援をテーマにした多職種研修の開催支援",
    ),
    (
        Scene::Discharge,
        "入退院支援ルールに沿って、入院時・退院前に病院とケアマネジャーが情報を共有できる。",
        "・病院連携室×介護支援専門員の入退院支援ルール見直し（二次連携）\n・退院支援 多職種研修会（医師会と共催）\n・ルールの運用状況をケアマネジャーへの聞き取りで確かめる",
    ),
    (
        Scene::Emergency,
        "急変時に、本人・家族の意思とかかりつけ医の情報が救急隊に伝わる。",
        "・消防・救急と訪問看護・介護施設の情報交換会\n・救急医療情報キットの配布と記入の働きかけ（地域包括支援センターと協力）",
    ),
    (
        Scene::EndOfLife,
        "本人が望む場所で最期を迎えられるよう、人生会議（ACP）を市民と専門職に広める。",
        "・人生会議（ACP）を考える市民向け研修（チーム主催）\n・生活応援センターでのACP出前講座\n・看取りの事例を振り返る多職種の意見交換",
    ),
];

/// (scene, label, unit, target, counter, entered actual, level, profession by name)
const INDICATORS: &[(Scene, &str, &str, &str, Counter, &str, &str, Option<&str>)] = &[
    (Scene::Daily, "訪問看護との一次連携", "回", "4", Counter::Meetings, "", "1", Some("看護師（訪問看護）")),
    (Scene::Daily, "日常の療養支援の研修", "回", "2", Counter::SceneTrainings, "", "", None),
    (Scene::Discharge, "入退院支援の会議", "回", "3", Counter::SceneMeetings, "", "", None),
    (Scene::Discharge, "入退院支援の研修", "回", "1", Counter::SceneTrainings, "", "", None),
    (Scene::Emergency, "急変時の対応の会議", "回", "2", Counter::SceneMeetings, "", "", None),
    (Scene::Emergency, "救急医療情報キットの配布", "件", "200", Counter::Manual, "85", "", None),
    (Scene::EndOfLife, "看取りの研修（ACPを含む）", "回", "2", Counter::SceneTrainings, "", "", None),
    (Scene::EndOfLife, "ACP出前講座の参加者", "人", "100", Counter::Manual, "42", "", None),
];

/// Returns the number of scenes whose plan was saved.
pub async fn seed(db: &impl ConnectionTrait, actor: &Actor, today: NaiveDate, now: DateTime<Utc>) -> Result<usize, AppError> {
    let fy = FiscalYear::of(today);
    if !texts::of_year(db, fy.0).await?.is_empty() || !indicators::of_year(db, fy.0).await?.is_empty() {
        return Ok(0);
    }
    crate::server::services::demo::trainings::tag_scenes(db, actor, now).await?;
    let professions = profession::Entity::find().all(db).await?;
    let pid = |name: &str| professions.iter().find(|p| p.name == name).map(|p| p.id);

    for (days, level, kind, title, targets, work_items, scenes, purpose) in MEETINGS {
        if meeting::Entity::find().filter(meeting::Column::Title.eq(*title)).filter(meeting::Column::FiscalYear.eq(fy.0)).count(db).await? > 0 {
            continue;
        }
        let ids: Vec<i32> = targets.iter().filter_map(|p| pid(p)).collect();
        if ids.len() != targets.len() {
            continue;
        }
        let held_on = (today - Duration::days(*days)).max(fy.first_day());
        let input = MeetingInput {
            held_on: held_on.to_string(),
            start_time: "14:00".into(),
            end_time: "15:30".into(),
            level: level.to_string(),
            kind: kind.to_string(),
            title: title.to_string(),
            place: "浜風市役所 会議室".into(),
            professions: ids,
            purpose: purpose.to_string(),
            work_items: work_items.iter().map(|w| w.to_string()).collect(),
            scenes: scenes.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        meetings::write::save(db, actor, None, None, &input, now).await?;
    }

    let mut saved = 0;
    for (scene, targets, actions) in PLANS {
        let (draft, _) = texts::texts(db, fy.0, *scene).await?;
        let input = PlanInput { vision: draft.vision, targets: targets.to_string(), actions: actions.to_string(), evaluation: String::new(), next_plan: String::new() };
        texts::save(db, actor, fy.0, *scene, None, &input, now).await?;
        saved += 1;
    }
    for (scene, label, unit, target, counter, actual, level, profession) in INDICATORS {
        let profession = match profession {
            Some(name) => match pid(name) {
                Some(id) => id.to_string(),
                None => continue,
            },
            None => String::new(),
        };
        let input = IndicatorInput {
            label: label.to_string(),
            unit: unit.to_string(),
            target: target.to_string(),
            counter: counter.code().to_string(),
            actual: actual.to_string(),
            level: level.to_string(),
            profession,
        };
        indicators::add(db, actor, fy.0, *scene, &input, now).await?;
    }
    Ok(saved)
}
