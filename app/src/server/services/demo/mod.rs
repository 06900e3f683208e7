//! The demo directory: a fictitious, Kamaishi-like set of organisations and people for trying
//! the app. Idempotent: records that already exist (by name) are not added again. The
//! installation is marked as a demo so that every page says so.

pub mod consultations;
pub mod initiatives;
pub mod issues;
pub mod newsletters;
pub mod pharmacists;
pub mod plan;
pub mod trainings;
use crate::server::services::audit::Actor;
use crate::server::services::directory::{organisations, people, professions};
use crate::server::services::system::settings;
use crate::domain::directory::{OrganisationInput, PersonInput};
use crate::error::AppError;
use crate::server::entities::{organisation, person, profession};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// (name, kana, kind, professions by name, address)
const ORGANISATIONS: &[(&str, &str, &str, &[&str], &str)] = &[
    ("浜風市医師会", "はまかぜしいしかい", "association", &["医師"], "浜風市只越町1-1"),
    ("浜風歯科医師会", "はまかぜしかいしかい", "association", &["歯科医師"], "浜風市大町2-3"),
    ("浜風薬剤師会", "はまかぜやくざいしかい", "association", &["薬剤師"], "浜風市大町4-5"),
    ("浜風訪問看護連絡会", "はまかぜほうもんかんごれんらくかい", "association", &["看護師（訪問看護）"], "浜風市中妻町1-2"),
    ("浜風リハビリテーション専門職の会", "はまかぜりはびりてーしょんせんもんしょくのかい", "association", &["リハビリ職"], "浜風市小佐野町3-1"),
    ("浜風介護支援専門員連絡協議会", "はまかぜかいごしえんせんもんいんれんらくきょうぎかい", "association", &["介護支援専門員"], "浜風市野田町2-7"),
    ("浜風栄養士会", "はまかぜえいようしかい", "association", &["栄養士"], "浜風市鈴子町5-2"),
    ("浜風県立病院", "はまかぜけんりつびょういん", "hospital", &["医師", "看護師（訪問看護）", "医療ソーシャルワーカー（病院連携室）"], "浜風市甲子町10-1"),
    ("せいりょう病院", "せいりょうびょういん", "hospital", &["医師", "医療ソーシャルワーカー（病院連携室）", "リハビリ職"], "浜風市小佐野町4-8"),
    ("浜風のぞみ病院", "はまかぜのぞみびょういん", "hospital", &["医師", "医療ソーシャルワーカー（病院連携室）"], "浜風市定内町1-5"),
    ("只越内科クリニック", "ただこしないかくりにっく", "clinic", &["医師"], "浜風市只越町3-9"),
    ("大町ファミリークリニック", "おおまちふぁみりーくりにっく", "clinic", &["医師"], "浜風市大町7-1"),
    ("中妻在宅診療所", "なかづまざいたくしんりょうじょ", "clinic", &["医師", "看護師（訪問看護）"], "浜風市中妻町6-3"),
    ("鈴子歯科医院", "すずこしかいいん", "dental_clinic", &["歯科医師"], "浜風市鈴子町2-2"),
    ("小佐野デンタルクリニック", "こさのでんたるくりにっく", "dental_clinic", &["歯科医師"], "浜風市小佐野町1-4"),
    ("みなと薬局", "みなとやっきょく", "pharmacy", &["薬剤師"], "浜風市大町3-6"),
    ("さくら調剤薬局 中妻店", "さくらちょうざいやっきょく なかづまてん", "pharmacy", &["薬剤師"], "浜風市中妻町2-9"),
    ("かもめ薬局", "かもめやっきょく", "pharmacy", &["薬剤師"], "浜風市野田町1-1"),
    ("訪問看護ステーションうみかぜ", "ほうもんかんごすてーしょんうみかぜ", "home_nursing", &["看護師（訪問看護）"], "浜風市甲子町2-4"),
    ("訪問看護ステーションやまゆり", "ほうもんかんごすてーしょんやまゆり", "home_nursing", &["看護師（訪問看護）", "リハビリ職"], "浜風市定内町3-3"),
    ("居宅介護支援事業所 ひだまり", "きょたくかいごしえんじぎょうしょ ひだまり", "care_provider", &["介護支援専門員"], "浜風市只越町5-5"),
    ("ケアプランセンター 浜風", "けあぷらんせんたー はまかぜ", "care_provider", &["介護支援専門員"], "浜風市大町8-8"),
    ("特別養護老人ホーム 潮見荘", "とくべつようごろうじんほーむ しおみそう", "care_provider", &["介護施設職員", "栄養士"], "浜風市両石町1-2"),
    ("浜風市地域包括支援センター", "はまかぜしちいきほうかつしえんせんたー", "community_support_center", &["地域包括支援センター職員", "保健師"], "浜風市只越町1-1"),
    ("浜風市 健康推進課", "はまかぜし けんこうすいしんか", "government", &["保健師", "行政（介護認定・生活保護ほか）"], "浜風市只越町1-1"),
    ("浜風市 地域福祉課 生活保護係", "はまかぜし ちいきふくしか せいかつほごかかり", "government", &["行政（介護認定・生活保護ほか）"], "浜風市只越町1-1"),
    ("浜風大槌広域消防本部", "はまかぜおおつちこういきしょうぼうほんぶ", "government", &["消防・救急"], "浜風市中妻町4-1"),
    ("浜風市社会福祉協議会", "はまかぜししゃかいふくしきょうぎかい", "social_welfare_council", &["社会福祉協議会", "生活支援コーディネーター"], "浜風市大町10-1"),
    ("中妻地区生活応援センター", "なかづまちくせいかつおうえんせんたー", "life_support_center", &["保健師", "生活支援コーディネーター"], "浜風市中妻町3-3"),
    ("鵜住居地区生活応援センター", "うのすまいちくせいかつおうえんせんたー", "life_support_center", &["保健師", "生活支援コーディネーター"], "浜風市鵜住居町5-1"),
    ("相談支援事業所 はばたき", "そうだんしえんじぎょうしょ はばたき", "other", &["相談支援専門員（障がい）"], "浜風市甲子町7-7"),
];

const FAMILY: &[(&str, &str)] = &[
    ("佐藤", "さとう"), ("鈴木", "すずき"), ("高橋", "たかはし"), ("田中", "たなか"), ("伊藤", "いとう"),
    ("渡辺", "わたなべ"), ("山本", "やまもと"), ("中村", "なかむら"), ("小林", "こばやし"), ("加藤", "かとう"),
    ("吉田", "よしだ"), ("山田", "やまだ"), ("佐々木", "ささき"), ("菊池", "きくち"), ("及川", "おいかわ"),
    ("千葉", "ちば"), ("阿部", "あべ"), ("小野寺", "おのでら"), ("藤原", "ふじわら"), ("昆", "こん"),
];
const GIVEN: &[(&str, &str)] = &[
    ("一郎", "いちろう"), ("花子", "はなこ"), ("健太", "けんた"), ("美咲", "みさき"), ("誠", "まこと"),
    ("由美", "ゆみ"), ("大輔", "だいすけ"), ("恵", "めぐみ"), ("翔", "しょう"), ("陽子", "ようこ"),
    ("拓也", "たくや"), ("真理", "まり"), ("浩二", "こうじ"), ("千尋", "ちひろ"), ("修", "おさむ"),
    ("智子", "ともこ"), ("亮", "りょう"),
];
const TITLES: &[&str] = &["会長", "副会長", "理事", "事務局", "連携室 室長", "主任", "管理者", "担当", "センター長", "係長"];

/// Seeds the demo directory; returns (organisations added, people added).
pub async fn seed(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(usize, usize), AppError> {
    professions::ensure_defaults(db, now).await?;
    let actor = Actor::system("デモデータ");
    let profession_ids: Vec<(i32, String)> =
        profession::Entity::find().all(db).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let pid = |name: &str| profession_ids.iter().find(|(_, n)| n == name).map(|(id, _)| *id);

    let mut orgs_added = 0;
    let mut people_added = 0;
    let mut person_no = 0usize;
    for (i, (name, kana, kind, profs, address)) in ORGANISATIONS.iter().enumerate() {
        let existing = organisation::Entity::find().filter(organisation::Column::Name.eq(*name)).one(db).await?;
        let org_id = match existing {
            Some(o) => o.id,
            None => {
                let input = OrganisationInput {
                    name: name.to_string(),
                    kana: kana.to_string(),
                    kind: kind.to_string(),
                    professions: profs.iter().filter_map(|p| pid(p)).collect(),
                    address: address.to_string(),
                    phone: format!("0193-00-{:04}", 1000 + i * 7),
                    email: String::new(),
                    website: String::new(),
                    notes: "デモ用の架空の機関です。".to_string(),
                    receives_newsletter: *kind == "association",
                };
                orgs_added += 1;
                organisations::save(db, &actor, None, None, &input, true, now).await?
            }
        };
        // Two or three people per organisation: about 80 in all.
        let count = 2 + (i % 3 == 0) as usize + (i % 5 == 0) as usize;
        for k in 0..count {
            let (family, family_kana) = FAMILY[(person_no * 7 + 3) % FAMILY.len()];
            let (given, given_kana) = GIVEN[(person_no * 5 + 1) % GIVEN.len()];
            person_no += 1;
            let full = format!("{family} {given}");
            let exists = person::Entity::find()
                .filter(person::Column::Name.eq(&full))
                .filter(person::Column::OrganisationId.eq(org_id))
                .one(db)
                .await?
                .is_some();
            if exists {
                continue;
            }
            let input = PersonInput {
                name: full,
                kana: format!("{family_kana} {given_kana}"),
                organisation_id: Some(org_id),
                profession_id: profs.first().and_then(|p| pid(p)),
                title: TITLES[(i + k) % TITLES.len()].to_string(),
                phone: if k == 0 { format!("090-0000-{:04}", 2000 + person_no) } else { String::new() },
                email: String::new(),
                key_person: k == 0,
                notes: String::new(),
            };
            people::save(db, &actor, None, None, &input, now).await?;
            people_added += 1;
        }
    }
    crate::server::services::demo::issues::seed(db, &actor, crate::clock::today(), now).await?;
    crate::server::services::consultations::categories::ensure_defaults(db, now).await?;
    crate::server::services::demo::consultations::seed(db, &actor, now).await?;
    crate::server::services::demo::trainings::seed(db, &actor, crate::clock::today(), now).await?;
    crate::server::services::demo::initiatives::seed(db, &actor, now).await?;
    crate::server::services::demo::pharmacists::seed(db, &actor, crate::clock::today(), now).await?;
    // After the trainings and meetings they count and report on.
    crate::server::services::demo::plan::seed(db, &actor, crate::clock::today(), now).await?;
    crate::server::services::demo::newsletters::seed(db, &actor, crate::clock::today(), now).await?;
    settings::set(db, "demo_seeded", &now.to_rfc3339()).await?;
    Ok((orgs_added, people_added))
}
