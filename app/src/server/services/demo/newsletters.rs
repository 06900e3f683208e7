//! The demo's newsletter: 地域連携だより「Face to Face」第1号, drafted by the newsletter
//! services from the demo's records (trainings held and coming, organisations, a 取材 of a
//! home-nursing station logged for it), titled as issued and closed with an editor's note.
//! Added only while there is no newsletter at all, so seeding twice changes nothing and an
//! installation that has issued its own is left alone.

use crate::domain::meetings::MeetingInput;
use crate::domain::newsletters::{ArticleInput, IssueHeader};
use crate::error::AppError;
use crate::server::entities::{meeting, newsletter, organisation, person, profession};
use crate::server::services::audit::Actor;
use crate::server::services::meetings;
use crate::server::services::newsletters::{draft, records};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

const STATION: &str = "訪問看護ステーションうみかぜ";
const INTERVIEW: &str = "地域連携だより「Face to Face」取材（訪問看護ステーションうみかぜ）";

const NOTE_HEADING: &str = "編集後記";
const NOTE: &str = "顔の見える関係から、顔を合わせて相談できる関係へ。「Face to Face」は、浜風市で在宅医療・介護に携わる皆さんの顔と取組をお伝えする地域連携だよりです。\n\
この号では、この3か月に開かれた研修とこれからの研修、取材で伺った訪問看護の現場の声を紹介しました。\n\
催しのお知らせや紹介してほしい取組があれば、コーディネーターまでお寄せください。\n\
（この号はデモ用の架空の内容です。）";

/// The 取材 the issue reports on: the station's key person, some weeks ago.
async fn interview(db: &impl ConnectionTrait, actor: &Actor, today: NaiveDate, now: DateTime<Utc>) -> Result<(), AppError> {
    if meeting::Entity::find().filter(meeting::Column::Title.eq(INTERVIEW)).count(db).await? > 0 {
        return Ok(());
    }
    let Some(station) = organisation::Entity::find().filter(organisation::Column::Name.eq(STATION)).one(db).await? else {
        return Ok(());
    };
    let Some(nurses) = profession::Entity::find().filter(profession::Column::Name.eq("看護師（訪問看護）")).one(db).await? else {
        return Ok(());
    };
    let people: Vec<i32> = person::Entity::find()
        .filter(person::Column::OrganisationId.eq(station.id))
        .filter(person::Column::Active.eq(true))
        .order_by_desc(person::Column::KeyPerson)
        .order_by_asc(person::Column::Id)
        .one(db)
        .await?
        .map(|p| p.id)
        .into_iter()
        .collect();
    let input = MeetingInput {
        held_on: (today - Duration::days(20)).to_string(),
        start_time: "10:00".into(),
        end_time: "11:00".into(),
        level: "1".into(),
        kind: "shuzai".into(),
        title: INTERVIEW.into(),
        place: STATION.into(),
        professions: vec![nurses.id],
        organisations: vec![station.id],
        people,
        purpose: "地域連携だよりの取材。訪問看護の仕事と、ほかの職種に知ってほしいことを伺う。".into(),
        minutes: "・利用者の約半数が医療と介護の両方を必要としている。\n・退院前カンファレンスに呼ばれると、退院後の準備がしやすい。\n・夜間の急変時に、かかりつけ医と救急隊にどう情報を伝えるかが課題。".into(),
        work_items: vec!["エ".into()],
        scenes: vec!["daily".into()],
        ..Default::default()
    };
    meetings::write::save(db, actor, None, None, &input, now).await?;
    Ok(())
}

/// Returns the issue added, if any.
pub async fn seed(db: &impl ConnectionTrait, actor: &Actor, today: NaiveDate, now: DateTime<Utc>) -> Result<Option<i32>, AppError> {
    if newsletter::Entity::find().count(db).await? > 0 {
        return Ok(None);
    }
    interview(db, actor, today, now).await?;
    let id = draft::create(db, actor, today, now).await?;
    let n = newsletter::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let header = IssueHeader { number: n.number.to_string(), issued_on: n.issued_on.to_string(), title: format!("地域連携だより「Face to Face」第{}号", n.number) };
    records::save_header(db, actor, id, Some(n.version), &header, now).await?;
    records::add_article(db, actor, id, &ArticleInput { heading: NOTE_HEADING.into(), body: NOTE.into() }, now).await?;
    Ok(Some(id))
}
