//! A synthetic, deterministic ten-fiscal-year dataset at two sizes, written with bulk inserts
//! and explicit ids (the database is fresh), shaped like the team's records: mostly 一次連携
//! meetings with one profession, follow-ups, issues with dated histories and actions,
//! consultations across categories, trainings with their role split, tasks and participants.

use app::domain::issues::{code_at, IssueStatus, Layer};
use app::domain::trainings::{default_plan, SUPPORT_KINDS};
use app::domain::FiscalYear;
use app::server::entities::*;
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub name: &'static str,
    pub organisations: usize,
    pub people: usize,
    pub meetings: usize,
    pub issues: usize,
    pub actions: usize,
    pub consultations: usize,
    pub trainings: usize,
}

pub const TEAM: Size = Size { name: "one team", organisations: 40, people: 120, meetings: 500, issues: 150, actions: 600, consultations: 5_000, trainings: 60 };
pub const X10: Size = Size { name: "×10", organisations: 400, people: 1_200, meetings: 5_000, issues: 1_500, actions: 6_000, consultations: 50_000, trainings: 600 };

/// A small deterministic generator (xorshift), so every run loads the same data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What the load run needs to build its URLs.
#[derive(Debug, Default)]
pub struct Loaded {
    pub busiest_profession: i32,
    pub a_meeting: i32,
    pub filtered_year: i32,
    pub rows: usize,
}

const CHUNK: usize = 400;

async fn insert_all<A, E>(db: &impl ConnectionTrait, rows: Vec<A>) -> Result<usize, sea_orm::DbErr>
where
    A: ActiveModelTrait<Entity = E> + Send,
    E: EntityTrait,
{
    let n = rows.len();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(CHUNK).collect();
        E::insert_many(chunk).exec_without_returning(db).await?;
    }
    Ok(n)
}

fn day_in(fy: FiscalYear, rng: &mut Rng, last: NaiveDate) -> NaiveDate {
    let span = (fy.last_day().min(last) - fy.first_day()).num_days().max(0) as usize;
    fy.first_day() + Duration::days(rng.below(span + 1) as i64)
}

/// Loads the dataset; `today` decides the ten fiscal years (this one and the nine before).
pub async fn load(db: &impl ConnectionTrait, size: Size, today: NaiveDate, coordinators: &[i32]) -> Result<Loaded, sea_orm::DbErr> {
    let mut rng = Rng::new(0x5eed_2026);
    let now = Utc::now();
    let current = FiscalYear::of(today);
    let years: Vec<FiscalYear> = (0..10).rev().map(|k| FiscalYear(current.0 - k)).collect();
    let horizon = today + Duration::days(60);
    let professions: Vec<i32> = profession::Entity::find().all(db).await?.into_iter().map(|p| p.id).collect();
    let categories: Vec<i32> = consultation_category::Entity::find().all(db).await?.into_iter().map(|c| c.id).collect();
    let mut rows = 0;

    let kinds = ["association", "hospital", "clinic", "pharmacy", "care_office", "centre"];
    let orgs: Vec<organisation::ActiveModel> = (1..=size.organisations as i32)
        .map(|id| {
            let name = format!("釜石{}事業所{id}", ["医療", "介護", "薬局", "訪問看護", "歯科"][id as usize % 5]);
            organisation::ActiveModel {
                id: Set(id),
                kana: Set(format!("かまいし{id}")),
                kind: Set(kinds[id as usize % kinds.len()].into()),
                address: Set("岩手県釜石市只越町3-9-13".into()),
                phone: Set("0193-22-0000".into()),
                email: Set(String::new()),
                website: Set(String::new()),
                notes: Set(String::new()),
                receives_newsletter: Set(false),
                search_text: Set(app::server::services::directory::organisations::search_text(&name, "かまいし")),
                name: Set(name),
                active: Set(id % 25 != 0),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            }
        })
        .collect();
    rows += insert_all(db, orgs).await?;
    let org_professions: Vec<organisation_profession::ActiveModel> = (1..=size.organisations as i32)
        .map(|id| organisation_profession::ActiveModel { organisation_id: Set(id), profession_id: Set(professions[id as usize % professions.len()]) })
        .collect();
    rows += insert_all(db, org_professions).await?;
    let people: Vec<person::ActiveModel> = (1..=size.people as i32)
        .map(|id| person::ActiveModel {
            id: Set(id),
            name: Set(format!("連携 太郎{id}")),
            kana: Set(format!("れんけい たろう{id}")),
            organisation_id: Set(Some(1 + (id - 1) % size.organisations as i32)),
            profession_id: Set(Some(professions[id as usize % professions.len()])),
            title: Set(String::new()),
            phone: Set(String::new()),
            email: Set(String::new()),
            key_person: Set(id % 7 == 0),
            notes: Set(String::new()),
            search_text: Set(format!("連携 太郎{id}\nれんけい たろう{id}")),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        })
        .collect();
    rows += insert_all(db, people).await?;

    // Meetings: 60% 一次 (one profession), 30% 二次, 10% 三次; spread over the years.
    let mut meetings = Vec::new();
    let (mut links_p, mut links_o, mut links_person, mut links_u, mut follow) = (vec![], vec![], vec![], vec![], vec![]);
    let mut meeting_days = Vec::new();
    let mut per_profession = vec![0usize; professions.len()];
    let mut follow_id = 0;
    for id in 1..=size.meetings as i32 {
        let fy = years[(id as usize - 1) % years.len()];
        let held = day_in(fy, &mut rng, horizon);
        let level: i16 = match rng.below(10) { 0..=5 => 1, 6..=8 => 2, _ => 3 };
        let n_prof = match level { 1 => 1, 2 => 2 + rng.below(2), _ => 4 + rng.below(3) };
        let first = rng.below(professions.len());
        for k in 0..n_prof.min(professions.len()) {
            let p = (first + k) % professions.len();
            per_profession[p] += 1;
            links_p.push(meeting_profession::ActiveModel { meeting_id: Set(id), profession_id: Set(professions[p]) });
        }
        let o = 1 + rng.below(size.organisations) as i32;
        links_o.push(meeting_organisation::ActiveModel { meeting_id: Set(id), organisation_id: Set(o) });
        for k in 0..(2 + rng.below(3)) as i32 {
            links_person.push(meeting_person::ActiveModel { meeting_id: Set(id), person_id: Set(1 + (o * 3 + k) % size.people as i32) });
        }
        links_u.push(meeting_user::ActiveModel { meeting_id: Set(id), user_id: Set(*rng.pick(coordinators)) });
        for k in 0..2 {
            follow_id += 1;
            let due = held + Duration::days(14 + 7 * k);
            let done = due < today - Duration::days(30) || rng.chance(40);
            follow.push(follow_up::ActiveModel {
                id: Set(follow_id),
                meeting_id: Set(id),
                action: Set(format!("会議{id}の記録を関係者に送る")),
                owner_user_id: Set(Some(*rng.pick(coordinators))),
                owner_organisation_id: Set(None),
                due_on: Set(Some(due)),
                done: Set(done),
                done_at: Set(done.then_some(now)),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            });
        }
        let title = format!("{}との打ち合わせ会 第{id}回", ["医師", "歯科医師", "薬剤師", "看護師", "ケアマネジャー"][first % 5]);
        let minutes = "在宅療養の連携について意見を交わした。退院時の情報共有、服薬支援、夜間の連絡体制について課題が挙がった。".repeat(3);
        meeting_days.push(held);
        meetings.push(meeting::ActiveModel {
            id: Set(id),
            held_on: Set(held),
            start_time: Set("18:30".into()),
            end_time: Set("20:00".into()),
            fiscal_year: Set(fy.0),
            level: Set(level),
            kind: Set("uchiawase".into()),
            search_text: Set(format!("{title}\n{minutes}")),
            title: Set(title),
            place: Set("釜石市保健福祉センター".into()),
            online: Set(false),
            guests: Set(String::new()),
            purpose: Set("職種の課題を聞き取る".into()),
            minutes: Set(minutes),
            decisions: Set("次回までに資料を共有する".into()),
            work_items: Set(["イ", "イ,エ", "ウ", "カ", "ア,イ"][rng.below(5)].into()),
            level_reason: Set(String::new()),
            scenes: Set(String::new()),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        });
    }
    rows += insert_all(db, meetings).await?;
    rows += insert_all(db, links_p).await?;
    rows += insert_all(db, links_o).await?;
    rows += insert_all(db, links_person).await?;
    rows += insert_all(db, links_u).await?;
    rows += insert_all(db, follow).await?;

    // Issues: per profession codes A, B, …; a dated history; actions in later years.
    let (mut issues, mut changes, mut actions) = (vec![], vec![], vec![]);
    let mut next_code = vec![0usize; professions.len()];
    let marks = ["second", "joint", "role"];
    let (mut change_id, mut action_id) = (0, 0);
    for id in 1..=size.issues as i32 {
        let p = rng.below(professions.len());
        let code = code_at(next_code[p] as u32);
        next_code[p] += 1;
        let fy = years[rng.below(years.len())];
        let extracted = day_in(fy, &mut rng, today);
        let layer = *rng.pick(&Layer::ALL);
        let status = *rng.pick(&IssueStatus::ALL);
        let mut history = vec![("layer", layer.code(), extracted), ("status", IssueStatus::Extracted.code(), extracted)];
        if status != IssueStatus::Extracted {
            let later = (extracted + Duration::days(rng.below(700) as i64)).min(today);
            history.push(("status", status.code(), later));
        }
        for (field, value, on) in history {
            change_id += 1;
            changes.push(issue_change::ActiveModel {
                id: Set(change_id),
                issue_id: Set(id),
                field: Set(field.into()),
                value: Set(value.into()),
                changed_on: Set(on),
                user_name: Set("ベンチ".into()),
                created_at: Set(now),
            });
        }
        let title = format!("退院時の情報共有が遅れる（{id}）");
        issues.push(issue::ActiveModel {
            id: Set(id),
            profession_id: Set(professions[p]),
            code_order: Set(next_code[p] as i32 - 1),
            search_text: Set(format!("{code}\n{title}")),
            code: Set(code),
            title: Set(title),
            description: Set("病院から在宅への移行時に、服薬情報が届かないことがある。".into()),
            layer: Set(layer.code().into()),
            status: Set(status.code().into()),
            source: Set("meeting".into()),
            source_meeting_id: Set(Some(1 + rng.below(size.meetings) as i32)),
            source_note: Set(String::new()),
            extracted_on: Set(Some(extracted)),
            fiscal_year: Set(fy.0),
            scenes: Set(String::new()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        });
    }
    for _ in 0..size.actions {
        action_id += 1;
        let issue_id = 1 + rng.below(size.issues) as i32;
        let meeting_id = 1 + rng.below(size.meetings) as i32;
        let on = meeting_days[meeting_id as usize - 1];
        actions.push(issue_action::ActiveModel {
            id: Set(action_id),
            issue_id: Set(issue_id),
            acted_on: Set(on),
            fiscal_year: Set(FiscalYear::of(on).0),
            mark: Set(rng.pick(&marks).to_string()),
            description: Set("打ち合わせ会で取り上げた".into()),
            meeting_id: Set(Some(meeting_id)),
            created_at: Set(now),
        });
    }
    rows += insert_all(db, issues).await?;
    rows += insert_all(db, changes).await?;
    rows += insert_all(db, actions).await?;

    // Consultations.
    let methods = ["phone", "email", "visit", "fax", "other"];
    let statuses = ["received", "in_progress", "done"];
    let consultations: Vec<consultation::ActiveModel> = (1..=size.consultations as i32)
        .map(|id| {
            let fy = years[rng.below(years.len())];
            let on = day_in(fy, &mut rng, today);
            let content = format!("退院後の訪問診療の調整について相談 {id}");
            consultation::ActiveModel {
                id: Set(id),
                received_on: Set(on),
                fiscal_year: Set(fy.0),
                requester: Set(format!("相談者{id}")),
                organisation_id: Set(rng.chance(60).then(|| 1 + rng.below(size.organisations) as i32)),
                organisation_text: Set(String::new()),
                profession_id: Set(Some(*rng.pick(&professions))),
                region: Set(if rng.chance(80) { "inside" } else { "outside" }.into()),
                method: Set(rng.pick(&methods).to_string()),
                category_id: Set(*rng.pick(&categories)),
                wanted: Set(rng.chance(30)),
                search_text: Set(content.clone()),
                content: Set(content),
                response: Set("関係機関につないだ".into()),
                status: Set(rng.pick(&statuses).to_string()),
                solved_fiscal_year: Set(None),
                meeting_id: Set(None),
                issue_id: Set(None),
                import_key: Set(None),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            }
        })
        .collect();
    rows += insert_all(db, consultations).await?;

    // Trainings with their role split, targets, participants and standard tasks.
    let hostings = ["team", "cohost", "support"];
    let (mut trainings, mut supports, mut targets, mut participants, mut tasks) = (vec![], vec![], vec![], vec![], vec![]);
    let mut task_id = 0;
    for id in 1..=size.trainings as i32 {
        let fy = years[(id as usize - 1) % years.len()];
        let held = day_in(fy, &mut rng, horizon);
        let hosting = *rng.pick(&hostings);
        let past = held < today;
        for (k, (assignee, _)) in SUPPORT_KINDS.iter().zip(default_plan(hosting)) {
            supports.push(training_support::ActiveModel { training_id: Set(id), kind: Set(k.0.into()), assignee: Set(assignee), note: Set(String::new()) });
        }
        let first = rng.below(professions.len());
        for k in 0..3 {
            let p = professions[(first + k) % professions.len()];
            targets.push(training_profession::ActiveModel { training_id: Set(id), profession_id: Set(p) });
            if past {
                participants.push(training_participant::ActiveModel { training_id: Set(id), profession_id: Set(p), count: Set(5 + rng.below(20) as i32) });
            }
        }
        for (title, offset) in [("講師の依頼", -60), ("開催案内・他職種への周知", -30), ("参加者名簿の作成", -3), ("アンケートの集計", 14)] {
            task_id += 1;
            let due = held + Duration::days(offset);
            let done = due < today - Duration::days(20) || rng.chance(30);
            tasks.push(training_task::ActiveModel {
                id: Set(task_id),
                training_id: Set(id),
                title: Set(title.into()),
                owner_user_id: Set(Some(*rng.pick(coordinators))),
                owner_organisation_id: Set(None),
                due_on: Set(Some(due)),
                done: Set(done),
                done_at: Set(done.then_some(now)),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            });
        }
        let title = format!("多職種連携研修会 第{id}回");
        trainings.push(training::ActiveModel {
            id: Set(id),
            search_text: Set(title.clone()),
            title: Set(title),
            theme: Set("退院支援の流れを学ぶ".into()),
            organiser_organisation_id: Set((hosting != "team").then(|| 1 + rng.below(size.organisations) as i32)),
            hosting: Set(hosting.into()),
            level: Set(if rng.chance(50) { 2 } else { 3 }),
            held_on: Set(held),
            start_time: Set("18:30".into()),
            end_time: Set("20:00".into()),
            fiscal_year: Set(fy.0),
            venue: Set("釜石市民ホール".into()),
            format: Set("inperson".into()),
            capacity: Set(Some(80)),
            status: Set(if past { "held" } else { "preparing" }.into()),
            work_items: Set("カ".into()),
            level_reason: Set(String::new()),
            participants_other: Set(if past { 3 } else { 0 }),
            respondents: Set(past.then_some(30)),
            satisfaction1: Set(0),
            satisfaction2: Set(1),
            satisfaction3: Set(5),
            satisfaction4: Set(14),
            satisfaction5: Set(10),
            comments: Set(String::new()),
            lessons: Set(String::new()),
            scenes: Set(String::new()),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        });
    }
    rows += insert_all(db, trainings).await?;
    rows += insert_all(db, supports).await?;
    rows += insert_all(db, targets).await?;
    rows += insert_all(db, participants).await?;
    rows += insert_all(db, tasks).await?;

    let busiest = per_profession.iter().enumerate().max_by_key(|(_, n)| **n).map(|(i, _)| professions[i]).unwrap_or(1);
    Ok(Loaded { busiest_profession: busiest, a_meeting: size.meetings as i32 / 2, filtered_year: current.0 - 3, rows })
}

/// PostgreSQL's sequences do not move for explicit ids: set them past the loaded rows.
pub async fn reset_sequences(db: &impl ConnectionTrait) -> Result<(), sea_orm::DbErr> {
    if db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return Ok(());
    }
    for table in ["organisation", "person", "meeting", "follow_up", "issue", "issue_change", "issue_action", "consultation", "training", "training_task"] {
        db.execute_unprepared(&format!("SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))")).await?;
    }
    Ok(())
}
