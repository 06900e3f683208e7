//! The demo's issue register: the pharmacists' issues A–G extracted in 2012 and the actions
//! against them year by year, after the team's published table. Added only while the
//! pharmacists' register is empty, so seeding twice changes nothing.

use crate::server::services::audit::Actor;
use crate::server::services::issues::access::IssueAccess;
use crate::server::services::issues::{actions, register};
use crate::domain::issues::{ActionInput, IssueInput};
use crate::error::AppError;
use crate::server::entities::{issue, profession};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// (title, layer, status)
const ISSUES: &[(&str, &str, &str)] = &[
    ("ケアマネジャーの顔が分からない", "between", "resolved"),
    ("認知症？虐待？なんか心配 どこに相談すればよいの？", "between", "in_progress"),
    ("ケアカンファレンスに呼ばれない", "between", "in_progress"),
    ("訪問のきっかけがつかめない", "between", "in_progress"),
    ("病院薬剤師と薬局薬剤師の連携", "within", "shared"),
    ("「訪問指示」の処方箋が来ない", "region", "in_progress"),
    ("薬剤師の職能が認知されていない", "region", "in_progress"),
];

/// (issue codes, date, mark, description)
const ACTIONS: &[(&str, &str, &str, &str)] = &[
    ("AB", "2012-11-20", "joint", "薬剤師居宅療養管理指導見学研修（対象：チームかまいし）"),
    ("CDFG", "2013-07-10", "second", "医療機関と連携した在宅訪問研修（計3回）"),
    ("G", "2013-09-01", "role", "チームかまいしの役割周知"),
    ("ABCDG", "2013-11-15", "second", "患者のための薬局ビジョン推進事業検討会 実施協力（計4回）"),
    ("CDFG", "2014-10-01", "second", "シンポジスト（薬・リハ・かま）"),
    ("G", "2015-06-01", "role", "チームかまいしの役割周知"),
    ("BDG", "2016-10-01", "second", "患者のための薬局ビジョン推進事業検討会 実施協力（計4回）"),
    ("BDG", "2017-12-01", "second", "多職種研修会「地域包括ケアにおける薬剤師の役割」"),
    ("E", "2018-06-01", "second", "薬業意見交換会"),
    ("BDEG", "2018-10-01", "second", "患者のための薬局ビジョン推進事業検討会・報告会 実施協力（計6回）"),
    ("EG", "2019-02-01", "joint", "厚労省主催「在宅医療・介護連携推進事業意見交換会」事例紹介"),
    ("G", "2019-06-01", "role", "チームかまいしの役割周知"),
    ("G", "2021-06-01", "role", "薬剤師会と行政の連携による取組の周知"),
    ("BG", "2023-06-01", "second", "薬剤師×市保健師「脳卒中発症リスク軽減の普及啓発キャンペーン」"),
    ("BG", "2023-11-01", "second", "薬局を起点とした社会的処方連携の取組"),
];

/// Returns the number of issues added.
pub async fn seed(db: &impl ConnectionTrait, actor: &Actor, today: NaiveDate, now: DateTime<Utc>) -> Result<usize, AppError> {
    let Some(pharmacists) = profession::Entity::find().filter(profession::Column::Name.eq("薬剤師")).one(db).await? else {
        return Ok(0);
    };
    // Seeding acts for no one: every register.
    let access = IssueAccess::unrestricted();
    if access.issues().filter(issue::Column::ProfessionId.eq(pharmacists.id)).count(db).await? > 0 {
        return Ok(0);
    }
    let mut ids = Vec::new();
    for (title, layer, status) in ISSUES {
        let input = IssueInput {
            profession: pharmacists.id.to_string(),
            title: title.to_string(),
            layer: layer.to_string(),
            status: status.to_string(),
            // The demo has no meeting of 2012 to link to.
            source: "other".into(),
            source_note: "平成24年度 薬剤師会との一次連携".into(),
            extracted_on: "2012-09-01".into(),
            ..Default::default()
        };
        ids.push(register::save(db, &access, actor, None, None, &input, today, now).await?);
    }
    for (codes, date, mark, description) in ACTIONS {
        for c in codes.chars() {
            let index = (c as u8 - b'A') as usize;
            let input = ActionInput { acted_on: date.to_string(), mark: mark.to_string(), description: description.to_string(), meeting: String::new() };
            actions::add(db, &access, actor, ids[index], &input, now).await?;
        }
    }
    Ok(ids.len())
}
