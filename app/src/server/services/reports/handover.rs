//! The handover pack (定期異動): for one profession or all of them, what a coordinator who
//! arrives in April needs — key persons and their organisations, the first year and recent
//! dates of 一次連携, open follow-ups, the initiatives it takes part in, upcoming trainings
//! and, for those allowed, the open issues with their last action (one confidential section).

use super::annual::section;
use crate::domain::initiatives::Status;
use crate::domain::issues::Mark;
use crate::domain::meetings::Level;
use crate::domain::dates;
use crate::domain::report::{Grid, Section};
use crate::domain::FiscalYear;
use crate::dto::directory::Ref;
use crate::dto::report::HandoverPack;
use crate::error::AppError;
use crate::server::entities::{
    follow_up, initiative, organisation, person_post, initiative_meeting as im, issue_action, meeting, meeting_profession as mp, organisation_profession as op, person, profession, training,
    training_profession as tp,
};
use crate::server::services::issues::access::IssueAccess;
use crate::server::services::issues::register::{layer_of, status_of};
use crate::server::services::shared::lookup::Names;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

mod t {
    pub const PEOPLE: &str = "主な関係者（キーパーソンを先頭に）";
    pub const NAME: &str = "氏名";
    pub const ORGANISATION: &str = "所属";
    pub const TITLE: &str = "役職";
    pub const PHONE: &str = "電話";
    pub const KEY: &str = "キーパーソン";
    pub const PREVIOUS: &str = "前の所属";
    pub const ORGANISATIONS: &str = "関わる機関・団体";
    pub const FIRST_LEVEL: &str = "一次連携（直近10回）";
    pub const DATE: &str = "開催日";
    pub const SUBJECT: &str = "件名";
    pub const FOLLOW_UPS: &str = "未完了のフォローアップ";
    pub const ACTION: &str = "内容";
    pub const DUE: &str = "期限";
    pub const MEETING: &str = "会議";
    pub const INITIATIVES: &str = "参加している取組";
    pub const INITIATIVE: &str = "取組";
    pub const STATUS: &str = "状況";
    pub const NEXT: &str = "次の一歩";
    pub const TRAININGS: &str = "今後の研修";
    pub const TRAINING: &str = "研修名";
    pub const ISSUES: &str = "未解決の連携の課題";
    pub const ISSUES_NOTE: &str = "閲覧を許可された職種の、解決していない課題と最新の取組です。部外秘。";
    pub const CODE: &str = "記号";
    pub const ISSUE: &str = "課題";
    pub const LAYER: &str = "層";
    pub const LAST_ACTION: &str = "最新の対応";
    pub const NEVER: &str = "一次連携の記録はまだありません。";
}

fn first_level_note(held: &[NaiveDate]) -> String {
    match (held.first(), held.last()) {
        (Some(first), Some(last)) => format!(
            "一次連携: 初回 {}（{}）、直近 {}、通算 {}回。",
            FiscalYear::of(*first).long_label(),
            dates::day(*first),
            dates::day(*last),
            held.len()
        ),
        _ => t::NEVER.to_string(),
    }
}

async fn profession_section(db: &impl ConnectionTrait, p: &profession::Model, names: &Names, today: NaiveDate) -> Result<Section, AppError> {
    let mut people: Vec<&person::Model> = names.people.values().filter(|x| x.active && x.profession_id == Some(p.id)).collect();
    people.sort_by(|a, b| (!a.key_person, &a.kana, a.id).cmp(&(!b.key_person, &b.kana, b.id)));
    let org = |id: Option<i32>| id.and_then(|o| names.organisations.get(&o).cloned()).unwrap_or_default();
    let person_ids: Vec<i32> = people.iter().map(|x| x.id).collect();
    let mut previous: HashMap<i32, person_post::Model> = HashMap::new();
    for chunk in person_ids.chunks(500) {
        // The latest known end wins (posts without an end rank first); sorted here, not in SQL,
        // as the databases order NULLs differently.
        for post in person_post::Entity::find().filter(person_post::Column::PersonId.is_in(chunk.to_vec())).all(db).await? {
            let key = |p: &person_post::Model| (p.ended_on.is_some(), p.ended_on, p.id);
            if previous.get(&post.person_id).is_none_or(|p| key(p) < key(&post)) {
                previous.insert(post.person_id, post);
            }
        }
    }
    let mut people_grid = Grid::new(t::PEOPLE, &[t::NAME, t::ORGANISATION, t::TITLE, t::PHONE, t::KEY, t::PREVIOUS], 6);
    for x in &people {
        let before = previous
            .get(&x.id)
            .map(|p| format!("{} {}（〜{}）", p.organisation_name, p.title, p.ended_on.map(dates::day).unwrap_or_default()).replace(" （", "（"))
            .unwrap_or_default();
        people_grid.rows.push(vec![x.name.clone(), org(x.organisation_id), x.title.clone(), x.phone.clone(), if x.key_person { "◎".into() } else { String::new() }, before]);
    }
    let org_ids: Vec<i32> = op::Entity::find().filter(op::Column::ProfessionId.eq(p.id)).all(db).await?.into_iter().map(|l| l.organisation_id).collect();
    let mut orgs: Vec<String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .filter(organisation::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.name)
        .collect();
    orgs.sort();
    let mut org_grid = Grid::new(t::ORGANISATIONS, &[t::ORGANISATION], 1);
    org_grid.rows = orgs.into_iter().map(|o| vec![o]).collect();

    let meeting_ids: Vec<i32> = mp::Entity::find().filter(mp::Column::ProfessionId.eq(p.id)).all(db).await?.into_iter().map(|l| l.meeting_id).collect();
    let mut meetings = Vec::new();
    for chunk in meeting_ids.chunks(500) {
        meetings.extend(meeting::Entity::find().filter(meeting::Column::Id.is_in(chunk.to_vec())).filter(meeting::Column::Active.eq(true)).all(db).await?);
    }
    meetings.sort_by_key(|m| (m.held_on, m.id));
    let firsts: Vec<&meeting::Model> = meetings.iter().filter(|m| m.level == Level::First.number()).collect();
    let mut first_grid = Grid::new(t::FIRST_LEVEL, &[t::DATE, t::SUBJECT], 2);
    for m in firsts.iter().rev().take(10) {
        first_grid.rows.push(vec![dates::day(m.held_on), m.title.clone()]);
    }
    let first_days: Vec<NaiveDate> = firsts.iter().map(|m| m.held_on).collect();

    let ids: Vec<i32> = meetings.iter().map(|m| m.id).collect();
    let label: HashMap<i32, String> = meetings.iter().map(|m| (m.id, format!("{} {}", dates::day(m.held_on), m.title))).collect();
    let mut follow = Grid::new(t::FOLLOW_UPS, &[t::ACTION, t::DUE, t::MEETING], 3);
    let mut open = Vec::new();
    for chunk in ids.chunks(500) {
        open.extend(follow_up::Entity::find().filter(follow_up::Column::MeetingId.is_in(chunk.to_vec())).filter(follow_up::Column::Done.eq(false)).all(db).await?);
    }
    open.sort_by_key(|f| (f.due_on.is_none(), f.due_on, f.id));
    for f in open {
        follow.rows.push(vec![f.action, f.due_on.map(dates::day).unwrap_or_default(), label.get(&f.meeting_id).cloned().unwrap_or_default()]);
    }

    let mut initiative_ids = Vec::new();
    for chunk in ids.chunks(500) {
        initiative_ids.extend(im::Entity::find().filter(im::Column::MeetingId.is_in(chunk.to_vec())).all(db).await?.into_iter().map(|l| l.initiative_id));
    }
    initiative_ids.sort();
    initiative_ids.dedup();
    let mut init_grid = Grid::new(t::INITIATIVES, &[t::INITIATIVE, t::STATUS, t::NEXT], 3);
    for i in initiative::Entity::find().filter(initiative::Column::Id.is_in(initiative_ids)).filter(initiative::Column::Active.eq(true)).order_by_asc(initiative::Column::Id).all(db).await? {
        let status = Status::from_code(&i.status);
        if status.is_some_and(|s| !s.is_open()) {
            continue;
        }
        let next = match i.next_step_on {
            Some(d) => format!("{}（{}）", i.next_step, dates::day(d)),
            None => i.next_step.clone(),
        };
        init_grid.rows.push(vec![i.title, status.map(|s| s.label()).unwrap_or("").to_string(), next]);
    }

    let training_ids: Vec<i32> = tp::Entity::find().filter(tp::Column::ProfessionId.eq(p.id)).all(db).await?.into_iter().map(|l| l.training_id).collect();
    let mut train_grid = Grid::new(t::TRAININGS, &[t::DATE, t::TRAINING], 2);
    for tr in training::Entity::find()
        .filter(training::Column::Id.is_in(training_ids))
        .filter(training::Column::Active.eq(true))
        .filter(training::Column::Status.ne("cancelled"))
        .filter(training::Column::HeldOn.gte(today))
        .order_by_asc(training::Column::HeldOn)
        .all(db)
        .await?
    {
        train_grid.rows.push(vec![dates::day(tr.held_on), tr.title]);
    }
    Ok(section(&format!("p{}", p.id), &p.name, &first_level_note(&first_days), vec![people_grid, org_grid, first_grid, follow, init_grid, train_grid]))
}

/// The open issues of the professions, only those the reader may see (through the gate).
async fn issue_section(db: &impl ConnectionTrait, access: &IssueAccess, professions: &[&profession::Model]) -> Result<Option<Section>, AppError> {
    let allowed: Vec<&&profession::Model> = professions.iter().filter(|p| access.allows(p.id)).collect();
    if allowed.is_empty() {
        return Ok(None);
    }
    let ids: Vec<i32> = allowed.iter().map(|p| p.id).collect();
    let issues = access.issues().filter(crate::server::entities::issue::Column::ProfessionId.is_in(ids)).all(db).await?;
    let open: Vec<_> = issues.into_iter().filter(|i| status_of(i).is_open()).collect();
    let issue_ids: Vec<i32> = open.iter().map(|i| i.id).collect();
    let mut last: HashMap<i32, issue_action::Model> = HashMap::new();
    for chunk in issue_ids.chunks(500) {
        for a in access.actions().filter(issue_action::Column::IssueId.is_in(chunk.to_vec())).order_by_asc(issue_action::Column::ActedOn).order_by_asc(issue_action::Column::Id).all(db).await? {
            last.insert(a.issue_id, a);
        }
    }
    let mut grids = Vec::new();
    for p in allowed {
        let mut g = Grid::new(&p.name, &[t::CODE, t::ISSUE, t::LAYER, t::STATUS, t::LAST_ACTION], 5);
        let mut mine: Vec<_> = open.iter().filter(|i| i.profession_id == p.id).collect();
        mine.sort_by_key(|i| (i.code_order, i.id));
        for i in mine {
            let action = last
                .get(&i.id)
                .map(|a| format!("{} {} {}", dates::day(a.acted_on), Mark::from_code(&a.mark).map(|m| m.symbol()).unwrap_or(""), a.description))
                .unwrap_or_default();
            g.rows.push(vec![i.code.clone(), i.title.clone(), layer_of(i).label().to_string(), status_of(i).label().to_string(), action]);
        }
        grids.push(g);
    }
    Ok(Some(section("issues", t::ISSUES, t::ISSUES_NOTE, grids)))
}

/// `profession`: one profession's pack, or every active profession's.
pub async fn build(db: &impl ConnectionTrait, access: Option<&IssueAccess>, profession: Option<i32>, today: NaiveDate) -> Result<HandoverPack, AppError> {
    let all = profession::Entity::find().order_by_asc(profession::Column::SortOrder).order_by_asc(profession::Column::Id).all(db).await?;
    let chosen: Vec<&profession::Model> = match profession {
        Some(id) => vec![all.iter().find(|p| p.id == id).ok_or(AppError::NotFound)?],
        None => all.iter().filter(|p| p.active).collect(),
    };
    let names = Names::load(db).await?;
    let mut sections = Vec::new();
    for p in &chosen {
        sections.push(profession_section(db, p, &names, today).await?);
    }
    if let Some(access) = access {
        sections.extend(issue_section(db, access, &chosen).await?);
    }
    Ok(HandoverPack {
        profession: profession.and_then(|id| all.iter().find(|p| p.id == id)).map(|p| Ref { id: p.id, name: p.name.clone() }),
        professions: all.iter().filter(|p| p.active).map(|p| Ref { id: p.id, name: p.name.clone() }).collect(),
        sections,
        made_on: dates::day(today),
    })
}
