//! The demo's 一次連携 with the pharmacists' association, on the dates of the team's published
//! table (source 001: H24 9/3, 1/16 … R6 4/24, 9/9), so that the timeline, the annual
//! reports and the handover have years of meetings to show, and the latest ones carry
//! follow-ups (done, late, and due soon around today) for the dashboard and the lists.
//! The table's "12/" of H24 has no day and is left out; R5's 6/27 and 9/13 belong to the
//! initiative's trail (`demo::initiatives`). A meeting is added only while none has its title
//! and date, and its follow-ups only with it, so seeding twice changes nothing.

use crate::domain::checklist::ChecklistInput;
use crate::domain::meetings::MeetingInput;
use crate::error::AppError;
use crate::server::entities::{meeting, organisation, person, profession};
use crate::server::services::audit::Actor;
use crate::server::services::meetings;
use crate::server::services::meetings::follow_ups::FollowUps;
use crate::server::services::shared::checklist;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

const ASSOCIATION: &str = "浜風薬剤師会";

/// (date, title, minutes)
const MEETINGS: &[(&str, &str, &str)] = &[
    ("2012-09-03", "浜風薬剤師会×チーム打合せ会（顔合わせ・困りごとの聞き取り）", "・ケアマネジャーの顔が分からない。\n・ケアカンファレンスに呼ばれない。\n・訪問のきっかけがつかめない。"),
    ("2013-01-16", "浜風薬剤師会×チーム打合せ会（課題A～Gの整理）", "・9月に伺った困りごとに、病院薬剤師と薬局薬剤師の連携、「訪問指示」の処方箋が来ない、職能が認知されていないを加えて課題A～Gとした。\n・チーム向けに居宅療養管理指導の見学研修をお願いした。"),
    ("2013-07-30", "浜風薬剤師会×チーム打合せ会（在宅訪問研修の企画）", "・医療機関と連携した在宅訪問研修を年3回行うことにした。"),
    ("2014-01-15", "浜風薬剤師会×チーム打合せ会（在宅訪問研修の振り返り）", "・研修のあと、ケアマネジャーから相談を受けた薬局が出てきた。"),
    ("2014-07-25", "浜風薬剤師会×チーム打合せ会（シンポジウムの準備）", "・多職種シンポジウムで薬剤師の在宅での役割を話していただく。"),
    ("2015-01-29", "浜風薬剤師会×チーム打合せ会（今年度の振り返り）", "・ケアカンファレンスに呼ばれる機会はまだ少ない。"),
    ("2015-08-31", "浜風薬剤師会×チーム打合せ会（薬局の在宅対応の現状）", "・在宅訪問を行う薬局の一覧を作ることにした。"),
    ("2015-09-16", "浜風薬剤師会×チーム打合せ会（職能を知ってもらう方法）", "・他職種向けに薬剤師ができることを紹介する資料を作る。"),
    ("2016-04-21", "浜風薬剤師会×チーム打合せ会（薬局ビジョン推進事業への協力）", "・患者のための薬局ビジョン推進事業の検討会にチームも協力する。"),
    ("2017-04-13", "浜風薬剤師会×チーム打合せ会（多職種研修会の企画）", "・多職種研修会「地域包括ケアにおける薬剤師の役割」を開くことにした。"),
    ("2017-04-20", "病院薬剤師×チーム打合せ会（第1回）", "・病院薬剤師と薬局薬剤師の情報のやりとり（課題E）を話し合った。"),
    ("2018-04-05", "浜風薬剤師会×チーム打合せ会（薬業意見交換会の企画）", "・病院と薬局の薬剤師が集まる意見交換会を開く。"),
    ("2020-08-04", "浜風薬剤師会×チーム打合せ会（感染症流行下の連携）", "・訪問を控える利用者への服薬支援の工夫を伺った。"),
    ("2021-05-06", "浜風薬剤師会×チーム打合せ会（今年度の取組の相談）", "・保健師と協力した普及啓発の案が出た。"),
    ("2024-04-24", "浜風薬剤師会×チーム打合せ会（社会的処方連携の振り返り）", "・モデル薬局3店舗の試行で14件の連絡票が出された。\n・地域包括支援センターからの返信が届かないことがあった。"),
    ("2024-09-09", "浜風薬剤師会×チーム打合せ会（社会的処方連携の継続と研修の共催）", "・連絡票の返信の流れを見直し、モデル薬局を増やす。\n・多職種研修会を今年度も共催する。"),
];

/// (meeting's date, action, the association owns it, due: days from the meeting, or from
/// today where `from_today`, done)
const FOLLOW_UPS: &[(&str, &str, bool, i64, bool, bool)] = &[
    ("2021-05-06", "普及啓発の案を健康推進課へ伝える", false, 14, false, true),
    ("2024-04-24", "モデル薬局の連絡票の件数をまとめる", true, 21, false, true),
    ("2024-04-24", "返信が届かなかった連絡票を地域包括支援センターと確かめる", false, 30, false, true),
    ("2024-09-09", "研修会の日程案を薬剤師会へ送る", false, 10, false, true),
    ("2024-09-09", "モデル薬局に加わる薬局の候補を挙げる", true, -12, true, false),
    ("2024-09-09", "次回の打合せ会の日程を調整する", false, 5, true, false),
];

/// Returns the number of meetings added.
pub async fn seed(db: &impl ConnectionTrait, actor: &Actor, today: NaiveDate, now: DateTime<Utc>) -> Result<usize, AppError> {
    let Some(pharmacists) = profession::Entity::find().filter(profession::Column::Name.eq("薬剤師")).one(db).await? else {
        return Ok(0);
    };
    let association = organisation::Entity::find().filter(organisation::Column::Name.eq(ASSOCIATION)).one(db).await?.map(|o| o.id);
    let key_person: Vec<i32> = match association {
        Some(id) => person::Entity::find()
            .filter(person::Column::OrganisationId.eq(id))
            .filter(person::Column::Active.eq(true))
            .order_by_desc(person::Column::KeyPerson)
            .order_by_asc(person::Column::Id)
            .one(db)
            .await?
            .map(|p| p.id)
            .into_iter()
            .collect(),
        None => Vec::new(),
    };
    let mut added = 0;
    for (date, title, minutes) in MEETINGS {
        let held_on = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| AppError::field("held_on", "開催日が正しくありません。"))?;
        let exists = meeting::Entity::find().filter(meeting::Column::Title.eq(*title)).filter(meeting::Column::HeldOn.eq(held_on)).count(db).await? > 0;
        if exists {
            continue;
        }
        let input = MeetingInput {
            held_on: date.to_string(),
            start_time: "18:30".into(),
            end_time: "20:00".into(),
            level: "1".into(),
            kind: "uchiawase".into(),
            title: title.to_string(),
            place: "浜風薬剤師会 事務局".into(),
            professions: vec![pharmacists.id],
            organisations: association.into_iter().collect(),
            people: key_person.clone(),
            purpose: "薬剤師の連携の困りごとを伺い、課題A～Gへの取組を一緒に考える。".into(),
            minutes: minutes.to_string(),
            work_items: vec!["イ".into()],
            scenes: vec!["daily".into()],
            ..Default::default()
        };
        let id = meetings::write::save(db, actor, None, None, &input, now).await?;
        added += 1;
        for (_, action, by_association, days, from_today, done) in FOLLOW_UPS.iter().filter(|f| f.0 == *date) {
            let owner = match (*by_association, association) {
                (true, Some(org)) => format!("o:{org}"),
                _ => String::new(),
            };
            let due_on = if *from_today { today + Duration::days(*days) } else { held_on + Duration::days(*days) };
            let item = ChecklistInput { text: action.to_string(), owner, due_on: due_on.to_string() };
            let follow_up = checklist::add::<FollowUps>(db, actor, id, &item, now).await?;
            if *done {
                // A new follow-up is at version 1.
                checklist::set_done::<FollowUps>(db, actor, follow_up, 1, true, now).await?;
            }
        }
    }
    Ok(added)
}
