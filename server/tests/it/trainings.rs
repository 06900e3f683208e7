//! Trainings: roles, the role split, standard tasks with relative dates, progress and
//! overdue tasks, linked meetings and issues (and the action recorded), the outcome,
//! exports, the calendar and the feed, collisions and the audit trail.

use crate::common;

use app::api::trainings::TrainingQuery;
use app::domain::directory::OrganisationInput;
use app::domain::issues::{IssueInput, Layer};
use app::domain::checklist::ChecklistInput;
use app::domain::meetings::MeetingInput;
use app::server::services::shared::checklist;
use app::server::services::trainings::tasks::Tasks;
use app::domain::trainings::{default_plan, TrainingInput, STANDARD_TASKS};
use app::domain::Role;
use app::server::entities::{audit_log, issue_action};
use app::server::services::audit::Actor;
use app::server::services::{issues, meetings, directory, trainings, accounts};
use chrono::{NaiveDate, Utc};
use common::{backends, form, parse_with_icalendar, TestApp, TestDb};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn seeded(db: TestDb) -> TestApp {
    directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    TestApp::new(db).await
}

async fn profession(app: &TestApp, name: &str) -> i32 {
    directory::professions::all(&app.db.conn).await.unwrap().into_iter().find(|p| p.name == name).unwrap().id
}

async fn organisation(app: &TestApp, name: &str) -> i32 {
    let input = OrganisationInput { name: name.into(), kind: "association".into(), ..Default::default() };
    directory::organisations::save(&app.db.conn, &Actor::system("t"), None, None, &input, false, Utc::now()).await.unwrap()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn training(title: &str, date: &str, organiser: Option<i32>, professions: &[i32]) -> TrainingInput {
    TrainingInput {
        title: title.into(),
        organiser: organiser.map(|o| o.to_string()).unwrap_or_default(),
        hosting: if organiser.is_some() { "support".into() } else { "team".into() },
        level: "3".into(),
        professions: professions.to_vec(),
        held_on: date.into(),
        format: "inperson".into(),
        status: "preparing".into(),
        work_items: vec!["カ".into()],
        // Most tests name fewer than three professions: the level rule asks for a reason.
        level_reason: LEVEL_REASON.into(),
        support: default_plan(if organiser.is_some() { "support" } else { "team" }),
        ..Default::default()
    }
}

const LEVEL_REASON: &str = "市民も対象にする研修のため";

async fn create(app: &TestApp, input: &TrainingInput) -> i32 {
    trainings::save(&app.db.conn, &Actor::system("test"), None, None, input, Utc::now()).await.unwrap()
}

/// The save form as the browser sends it, with the plan and the standard tasks. A 三次連携
/// without professions (unless `extra` names them), so it gives the level rule's reason.
fn save_body(title: &str, organiser: &str, extra: &[(&str, &str)]) -> String {
    save_body_with_reason(title, organiser, LEVEL_REASON, extra)
}

fn save_body_with_reason(title: &str, organiser: &str, level_reason: &str, extra: &[(&str, &str)]) -> String {
    let mut pairs: Vec<(&str, &str)> = vec![
        ("title", title), ("theme", "退院支援の流れを学ぶ"), ("organiser", organiser), ("hosting", "support"), ("level", "3"), ("held_on", "2025-05-20"),
        ("start_time", "18:30"), ("end_time", "20:00"), ("venue", "釜石市民ホール"), ("format", "inperson"), ("capacity", "80"), ("status", "planning"),
        ("work_items[]", "カ"), ("level_reason", level_reason),
    ];
    let plan = ["team", "team", "joint", "team", "organiser", "organiser", "team"];
    for a in plan {
        pairs.push(("support[]", a));
        pairs.push(("support_note[]", ""));
    }
    pairs.extend_from_slice(extra);
    form(&pairs)
}

#[tokio::test]
async fn every_training_server_function_enforces_its_roles() {
    for db in backends().await {
        let app = seeded(db).await;
        let ph = profession(&app, "薬剤師").await;
        let org = organisation(&app, "釜石薬剤師会").await;
        let issue = issues::register::save(
            &app.db.conn,
            &app::server::services::issues::access::IssueAccess::unrestricted(),
            &Actor::system("t"),
            None,
            None,
            &IssueInput { profession: ph.to_string(), title: "退院時の情報共有".into(), layer: Layer::Between.code().into(), status: "extracted".into(), source: "other".into(), ..Default::default() },
            d("2026-11-21"),
            Utc::now(),
        )
        .await
        .unwrap();
        let mut callers = vec![("anonymous", None, None)];
        for role in Role::ALL {
            let (_, token) = app.user(role.code(), role).await;
            callers.push((role.code(), Some(token), Some(role)));
        }
        for (label, token, role) in &callers {
            let t = create(&app, &training(&format!("研修{label}"), "2025-05-20", Some(org), &[ph])).await.to_string();
            let task = checklist::add::<Tasks>(&app.db.conn, &Actor::system("t"), t.parse().unwrap(), &ChecklistInput { text: "会場予約".into(), ..Default::default() }, Utc::now())
                .await
                .unwrap()
                .to_string();
            let m = meetings::save(
                &app.db.conn,
                &Actor::system("t"),
                None,
                None,
                &MeetingInput { held_on: "2025-04-10".into(), level: "1".into(), kind: "jizen".into(), title: "事前打ち合わせ".into(), professions: vec![ph], ..Default::default() },
                Utc::now(),
            )
            .await
            .unwrap()
            .to_string();
            use app::domain::Permission::*;
            let cases: Vec<(&str, String, app::domain::Permission)> = vec![
                ("trainings_list", "query[fy]=2025".into(), ReadTrainings),
                ("trainings_get", format!("id={t}"), ReadTrainings),
                ("training_tasks_list", String::new(), ReadTrainings),
                ("trainings_of_organisation", format!("organisation={org}"), ReadTrainings),
                ("trainings_choices", String::new(), WriteTrainings),
                ("trainings_save", save_body(&format!("新しい研修{label}"), &org.to_string(), &[]), WriteTrainings),
                ("training_tasks_add", form(&[("training_id", &t), ("title", "講師に依頼"), ("owner", ""), ("due_on", "2025-03-20")]), WriteTrainings),
                ("training_tasks_set_done", format!("id={task}&version=1&done=true"), WriteTrainings),
                ("trainings_link_meeting", format!("training_id={t}&meeting={m}&role=preparation"), WriteTrainings),
                ("trainings_unlink_meeting", format!("training_id={t}&meeting_id={m}"), WriteTrainings),
                ("trainings_save_outcome", format!("id={t}&version=1&participants_other=5&respondents=&comments=&lessons="), WriteTrainings),
                ("trainings_set_active", format!("id={t}&version=2&active=false"), WriteTrainings),
                ("trainings_link_issue", format!("training_id={t}&issue={issue}&mark="), WriteIssues),
                ("trainings_unlink_issue", format!("training_id={t}&issue_id={issue}"), WriteIssues),
            ];
            for (endpoint, body, needs) in cases {
                let res = app.call(endpoint, &body, token.as_deref()).await;
                let expected = match role {
                    None => StatusCode::UNAUTHORIZED,
                    Some(r) if !r.allows(needs) => StatusCode::FORBIDDEN,
                    _ => StatusCode::OK,
                };
                assert_eq!(res.status, expected, "{endpoint} as {label}: {}", res.body);
            }
        }
        let (_, viewer) = app.user("viewer2", Role::Viewer).await;
        assert_eq!(app.get("/trainings", Some(&viewer)).await.status, StatusCode::OK);
        assert_eq!(app.get("/trainings/new", Some(&viewer)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.get("/trainings", None).await.status, StatusCode::SEE_OTHER);
    }
}

#[tokio::test]
async fn a_new_training_gets_its_role_split_and_standard_tasks_relative_to_the_day() {
    for db in backends().await {
        let app = seeded(db).await;
        let org = organisation(&app, "釜石薬剤師会").await;
        let (user, token) = app.user("sato", Role::Coordinator).await;
        let picks = [
            ("task_pick[]", "0"), ("task_pick[]", "2"), ("task_pick[]", "7"),
            ("task_title[]", "講師の依頼"), ("task_offset[]", "-60"), ("task_owner[]", "organiser"),
            ("task_title[]", "会場の確保"), ("task_offset[]", "-45"), ("task_owner[]", ""),
            ("task_title[]", "開催案内（他職種へ）"), ("task_offset[]", "-30"), ("task_owner[]", &format!("u:{}", user.id)),
            ("task_title[]", ""), ("task_offset[]", "-7"), ("task_owner[]", ""),
            ("task_title[]", ""), ("task_offset[]", "-3"), ("task_owner[]", ""),
            ("task_title[]", ""), ("task_offset[]", "0"), ("task_owner[]", ""),
            ("task_title[]", ""), ("task_offset[]", "14"), ("task_owner[]", ""),
            ("task_title[]", "反省会"), ("task_offset[]", "30"), ("task_owner[]", &format!("u:{}", user.id)),
        ];
        let res = app.call("trainings_save", &save_body("多職種連携研修会", &org.to_string(), &picks), Some(&token)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let list = trainings::list(&app.db.conn, &TrainingQuery { fy: Some(2025), ..Default::default() }, d("2025-04-01")).await.unwrap();
        assert_eq!(list.items.len(), 1);
        let id = list.items[0].id;
        let v = trainings::get(&app.db.conn, id, d("2025-04-01")).await.unwrap();
        let plan: Vec<&str> = v.support.iter().map(|s| s.assignee_code.as_str()).collect();
        assert_eq!(plan, ["team", "team", "joint", "team", "organiser", "organiser", "team"]);
        assert_eq!(v.support[2].kind, "講師派遣");
        // Sixty days before 20 May 2025 is 21 March, in the previous fiscal year.
        let tasks: Vec<(String, Option<String>, Option<String>)> = v.tasks.iter().map(|t| (t.text.clone(), t.due_on.clone(), t.owner.clone())).collect();
        assert_eq!(
            tasks,
            vec![
                ("講師の依頼".into(), Some("2025-03-21".into()), Some("釜石薬剤師会".into())),
                ("開催案内（他職種へ）".into(), Some("2025-04-20".into()), Some("sato さん".into())),
                ("反省会".into(), Some("2025-06-19".into()), Some("sato さん".into())),
            ]
        );
        // On 1 April the lecturer request is overdue; progress counts done tasks.
        assert!(v.tasks[0].overdue && !v.tasks[1].overdue);
        assert_eq!((v.progress.done, v.progress.total), (0, 3));
        checklist::set_done::<Tasks>(&app.db.conn, &Actor::system("t"), v.tasks[0].id, v.tasks[0].version, true, Utc::now()).await.unwrap();
        let s = &trainings::list(&app.db.conn, &TrainingQuery::default(), d("2025-04-01")).await.unwrap().items[0];
        assert_eq!((s.progress.done, s.progress.total, s.overdue_tasks), (1, 3, 0));
        assert_eq!(s.next_task.as_ref().map(|n| n.title.as_str()), Some("開催案内（他職種へ）"));
        // Across trainings: open tasks only by default, by due date.
        let open = checklist::list::<Tasks>(&app.db.conn, None, true, d("2025-04-25")).await.unwrap();
        assert_eq!(open.items.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(), ["開催案内（他職種へ）", "反省会"]);
        assert!(open.items[0].overdue);
        // Once held, the upcoming list no longer shows it.
        assert!(trainings::list(&app.db.conn, &TrainingQuery::default(), d("2025-05-21")).await.unwrap().items.is_empty());
    }
}

#[tokio::test]
async fn bad_input_is_refused_next_to_its_field_and_nothing_is_saved() {
    let app = seeded(TestDb::sqlite().await).await;
    let org = organisation(&app, "釜石薬剤師会").await;
    let (_, token) = app.user("sato", Role::Coordinator).await;
    let res = app.call("trainings_save", &save_body("研修", "", &[]), Some(&token)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("organiser") && res.body.contains("開催支援では"), "{}", res.body);
    assert!(res.body.contains("釜石市民ホール"), "the input comes back: {}", res.body);
    let bad_offset = [("task_pick[]", "0"), ("task_title[]", "講師の依頼"), ("task_offset[]", "二か月前"), ("task_owner[]", "")];
    let res = app.call("trainings_save", &save_body("研修", &org.to_string(), &bad_offset), Some(&token)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("tasks") && res.body.contains("講師の依頼"), "{}", res.body);
    let all = trainings::list(&app.db.conn, &TrainingQuery { fy: Some(2025), ..Default::default() }, d("2025-01-01")).await.unwrap();
    assert!(all.items.is_empty(), "the training was rolled back with its tasks");
    let mut short_plan = save_body("研修", &org.to_string(), &[]);
    short_plan = short_plan.replacen("support%5B%5D=team&", "", 1);
    let res = app.call("trainings_save", &short_plan, Some(&token)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("support"), "{}", res.body);
}

#[tokio::test]
async fn edits_collide_duplicates_keep_the_plan_and_changes_are_audited() {
    for db in backends().await {
        let app = seeded(db).await;
        let org = organisation(&app, "釜石歯科医師会").await;
        let actor = Actor::system("test");
        let id = create(&app, &training("口腔ケア研修", "2025-09-10", Some(org), &[])).await;
        let mut first = trainings::get(&app.db.conn, id, d("2025-04-01")).await.unwrap().input;
        first.venue = "市役所".into();
        first.support[5] = ("team".into(), "受付はチームが担当".into());
        trainings::save(&app.db.conn, &actor, Some(id), Some(1), &first, Utc::now()).await.unwrap();
        let mut stale = first.clone();
        stale.title = "口腔ケア研修（改）".into();
        let err = trainings::save(&app.db.conn, &actor, Some(id), Some(1), &stale, Utc::now()).await.unwrap_err();
        assert_eq!(err.status(), 409);
        assert!(err.to_string().contains("研修名"), "{err}");
        let logs = audit_log::Entity::find().filter(audit_log::Column::EntityType.eq("training")).filter(audit_log::Column::EntityId.eq(id as i64)).all(&app.db.conn).await.unwrap();
        assert_eq!(logs.len(), 2);
        assert!(logs[1].changes.contains("当日運営: チーム（受付はチームが担当）") && logs[1].changes.contains("当日運営: 主催者"), "{}", logs[1].changes);
        // Next year's event starts from this year's plan, without a date.
        let next = trainings::get(&app.db.conn, id, d("2025-04-01")).await.unwrap().input.for_next_year();
        assert_eq!(next.support[5].1, "受付はチームが担当");
        assert_eq!(next.held_on, "");
        // Archived trainings leave the lists but stay readable.
        trainings::set_active(&app.db.conn, &actor, id, 2, false, Utc::now()).await.unwrap();
        assert!(trainings::list(&app.db.conn, &TrainingQuery { fy: Some(2025), ..Default::default() }, d("2025-04-01")).await.unwrap().items.is_empty());
        assert!(!trainings::get(&app.db.conn, id, d("2025-04-01")).await.unwrap().active);
    }
}

#[tokio::test]
async fn meetings_recorded_from_a_training_are_linked_with_their_role() {
    for db in backends().await {
        let app = seeded(db).await;
        let ph = profession(&app, "薬剤師").await;
        let org = organisation(&app, "釜石薬剤師会").await;
        let (_, token) = app.user("sato", Role::Coordinator).await;
        let id = create(&app, &training("多職種連携研修会", "2025-05-20", Some(org), &[ph])).await;
        let body = form(&[
            ("held_on", "2025-04-10"), ("start_time", ""), ("end_time", ""), ("level", "1"), ("kind", "jizen"), ("title", "研修 事前打ち合わせ"), ("place", ""),
            ("professions[]", &ph.to_string()), ("organisations[]", &org.to_string()), ("guests", ""), ("purpose", ""), ("minutes", "役割分担を確認した"),
            ("decisions", ""), ("training", &id.to_string()), ("training_role", "preparation"),
        ]);
        let res = app.call("meetings_save", &body, Some(&token)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let reflection = body.replace("training_role=preparation", "training_role=reflection").replace("held_on=2025-04-10", "held_on=2025-06-19");
        assert_eq!(app.call("meetings_save", &reflection, Some(&token)).await.status, StatusCode::OK);
        let v = trainings::get(&app.db.conn, id, d("2025-04-01")).await.unwrap();
        let linked: Vec<(&str, &str)> = v.meetings.iter().map(|m| (m.label.as_str(), m.role.as_str())).collect();
        assert_eq!(linked, [("2025/04/10（木） 研修 事前打ち合わせ", "preparation"), ("2025/06/19（木） 研修 事前打ち合わせ", "reflection")]);
        // The meeting page names the training; unlinking keeps the meeting.
        let m = v.meetings[0].id;
        let mv = meetings::get(&app.db.conn, m, d("2025-04-01")).await.unwrap();
        assert_eq!(mv.trainings.len(), 1);
        assert!(mv.trainings[0].name.ends_with("多職種連携研修会"));
        trainings::links::unlink_meeting(&app.db.conn, &Actor::system("t"), id, m, Utc::now()).await.unwrap();
        assert_eq!(trainings::get(&app.db.conn, id, d("2025-04-01")).await.unwrap().meetings.len(), 1);
        assert!(meetings::get(&app.db.conn, m, d("2025-04-01")).await.unwrap().trainings.is_empty());
        // A meeting that does not exist is refused next to the field.
        let res = app.call("trainings_link_meeting", &format!("training_id={id}&meeting=99999&role=preparation"), Some(&token)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        // Trainings appear in the shared calendar.
        let cal = meetings::calendar(&app.db.conn, 2025, 5).await.unwrap();
        let entries: Vec<_> = cal.weeks.iter().flatten().flatten().flat_map(|(_, e)| e.iter()).collect();
        assert!(entries.iter().any(|e| e.training && e.href == format!("/trainings/{id}")), "{entries:?}");
    }
}

#[tokio::test]
async fn linked_issues_record_the_action_and_stay_confidential() {
    for db in backends().await {
        let app = seeded(db).await;
        let ph = profession(&app, "薬剤師").await;
        let de = profession(&app, "歯科医師").await;
        let org = organisation(&app, "釜石薬剤師会").await;
        let new_issue = |p: i32, title: &str| IssueInput { profession: p.to_string(), title: title.into(), layer: Layer::Between.code().into(), status: "extracted".into(), source: "other".into(), ..Default::default() };
        let actor = Actor::system("t");
        let pharm = issues::register::save(&app.db.conn, &app::server::services::issues::access::IssueAccess::unrestricted(), &actor, None, None, &new_issue(ph, "退院時の情報共有"), d("2026-11-21"), Utc::now()).await.unwrap();
        let dent = issues::register::save(&app.db.conn, &app::server::services::issues::access::IssueAccess::unrestricted(), &actor, None, None, &new_issue(de, "口腔ケアの連携"), d("2026-11-21"), Utc::now()).await.unwrap();
        let id = create(&app, &training("多職種連携研修会", "2025-05-20", Some(org), &[ph, de])).await;
        let (_, coord) = app.user("sato", Role::Coordinator).await;
        assert_eq!(app.call("trainings_link_issue", &format!("training_id={id}&issue={pharm}&mark=second"), Some(&coord)).await.status, StatusCode::OK);
        assert_eq!(app.call("trainings_link_issue", &format!("training_id={id}&issue={dent}&mark="), Some(&coord)).await.status, StatusCode::OK);
        let refused = app.call("trainings_link_issue", &format!("training_id={id}&issue={dent}&mark=role"), Some(&coord)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "★ is not a training's action: {}", refused.body);
        // ◆ recorded on the pharmacists' issue for FY2025, dated on the training day.
        let actions = issue_action::Entity::find().filter(issue_action::Column::IssueId.eq(pharm)).all(&app.db.conn).await.unwrap();
        assert_eq!(actions.len(), 1);
        assert_eq!((actions[0].mark.as_str(), actions[0].fiscal_year, actions[0].acted_on), ("second", 2025, d("2025-05-20")));
        assert!(actions[0].description.contains("多職種連携研修会"));
        assert!(issue_action::Entity::find().filter(issue_action::Column::IssueId.eq(dent)).all(&app.db.conn).await.unwrap().is_empty());

        // Coordinators see both; a viewer sees none, not even the section; a user granted
        // the pharmacists' register sees only that one.
        let linked = |res: common::TestResponse| res.json()["linked"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_string()).collect::<Vec<_>>();
        assert_eq!(linked(app.call("trainings_issues", &format!("training_id={id}"), Some(&coord)).await).len(), 2);
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let hidden = app.call("trainings_issues", &format!("training_id={id}"), Some(&viewer)).await;
        assert_eq!(hidden.status, StatusCode::OK);
        assert_eq!(hidden.json()["visible"], false);
        assert!(!hidden.body.contains("口腔ケア") && !hidden.body.contains("退院時"), "{}", hidden.body);
        let page = app.get(&format!("/trainings/{id}"), Some(&viewer)).await;
        assert!(!page.body.contains("退院時の情報共有"), "the page leaks a confidential issue");
        let full = app.get(&format!("/trainings/{id}"), Some(&coord)).await;
        assert_eq!(full.status, StatusCode::OK);
        assert!(full.body.contains("退院時の情報共有") && full.body.contains("役割分担"), "the coordinator's page shows the linked issues");
        let (granted, granted_token) = app.user("granted", Role::Viewer).await;
        issues::grants::set(&app.db.conn, &actor, granted.id, &[ph], Utc::now()).await.unwrap();
        let only = linked(app.call("trainings_issues", &format!("training_id={id}"), Some(&granted_token)).await);
        assert_eq!(only.len(), 1);
        assert!(only[0].contains("退院時の情報共有"));
        // Granted readers cannot link (they do not write issues).
        assert_eq!(app.call("trainings_unlink_issue", &format!("training_id={id}&issue_id={pharm}"), Some(&granted_token)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.call("trainings_unlink_issue", &format!("training_id={id}&issue_id={pharm}"), Some(&coord)).await.status, StatusCode::OK);
        assert_eq!(linked(app.call("trainings_issues", &format!("training_id={id}"), Some(&coord)).await).len(), 1);
    }
}

#[tokio::test]
async fn the_outcome_gives_totals_distribution_and_mean() {
    for db in backends().await {
        let app = seeded(db).await;
        let ph = profession(&app, "薬剤師").await;
        let nu = profession(&app, "看護師（訪問看護）").await;
        let (_, token) = app.user("sato", Role::Coordinator).await;
        let id = create(&app, &training("在宅医療研修", "2025-05-20", None, &[ph, nu])).await;
        let body = |respondents: &str| {
            form(&[
                ("id", &id.to_string()), ("version", "1"),
                ("participant_profession[]", &ph.to_string()), ("participant_count[]", "12"),
                ("participant_profession[]", &nu.to_string()), ("participant_count[]", "8"),
                ("participants_other", "2"), ("respondents", respondents),
                ("satisfaction[]", "0"), ("satisfaction[]", "1"), ("satisfaction[]", "3"), ("satisfaction[]", "6"), ("satisfaction[]", "8"),
                ("comments", "事例検討が役に立った"), ("lessons", "平日夜の開催がよい"),
            ])
        };
        let refused = app.call("trainings_save_outcome", &body("17"), Some(&token)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
        assert!(refused.body.contains("satisfaction") && refused.body.contains("事例検討が役に立った"), "{}", refused.body);
        let ok = app.call("trainings_save_outcome", &body("18"), Some(&token)).await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        let v = trainings::get(&app.db.conn, id, d("2025-06-01")).await.unwrap();
        let o = &v.outcome;
        assert_eq!(o.total, 22);
        let mut participants = o.participants.clone();
        participants.sort();
        assert_eq!(participants, vec![("看護師（訪問看護）".to_string(), 8), ("薬剤師".to_string(), 12)]);
        assert_eq!(o.participants.len(), 2);
        assert_eq!(o.respondents, Some(18));
        assert_eq!(o.response_rate.as_deref(), Some("81.8%"));
        assert_eq!(o.satisfaction.counts, [0, 1, 3, 6, 8]);
        assert_eq!(o.satisfaction.mean_label(), "4.2");
        assert_eq!(o.lessons, "平日夜の開催がよい");
        // The form shows the stored figures again; a stale version is refused.
        assert_eq!(v.outcome_input.satisfaction[4], "8");
        let stale = app.call("trainings_save_outcome", &body("18"), Some(&token)).await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
        // The year's counts by hosting type add the participants.
        let year = trainings::list(&app.db.conn, &TrainingQuery { fy: Some(2025), ..Default::default() }, d("2025-06-01")).await.unwrap();
        let team = year.by_hosting.iter().find(|h| h.hosting == "チーム主催").unwrap();
        assert_eq!((team.count, team.participants), (1, 22));
    }
}

#[tokio::test]
async fn exports_the_feed_and_the_support_given_to_an_organisation() {
    let app = seeded(TestDb::sqlite().await).await;
    let org = organisation(&app, "釜石薬剤師会").await;
    let (user, token) = app.user("sato", Role::Coordinator).await;
    let mut t = training("多職種連携研修会, 第1回", "2025-05-20", Some(org), &[]);
    t.start_time = "18:30".into();
    t.end_time = "20:00".into();
    let id = create(&app, &t).await;
    let mut cancelled = training("中止になった研修", "2025-06-01", None, &[]);
    cancelled.status = "cancelled".into();
    create(&app, &cancelled).await;

    let csv = app.get("/trainings/export.csv?fy=2025", Some(&token)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.bytes.starts_with("\u{feff}".as_bytes()));
    let mut reader = csv::Reader::from_reader(&csv.bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][4], "多職種連携研修会, 第1回");
    assert_eq!(&rows[0][5], "釜石薬剤師会");
    assert_eq!(&rows[0][6], "開催支援");
    assert_eq!(&rows[1][12], "中止");
    let xlsx = app.get("/trainings/export.xlsx?fy=2025&hosting=support", Some(&token)).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.bytes)).unwrap();
    let range = book.worksheet_range("研修一覧").unwrap();
    assert_eq!(range.height(), 2, "the filter applies to the workbook");
    assert_eq!(range.get((1, 2)).map(|c| c.to_string()).unwrap_or_default(), "2025");
    assert_eq!(app.get("/trainings/export.csv", None).await.status, StatusCode::UNAUTHORIZED);

    // The calendar feed carries the trainings that are not cancelled.
    assert_eq!(app.call("calendar_feed_set", "renew=true", Some(&token)).await.status, StatusCode::OK);
    let secret = accounts::users::calendar_token(&app.db.conn, user.id).await.unwrap().unwrap();
    let feed = app.get(&format!("/calendar/{secret}.ics"), None).await;
    let events = parse_with_icalendar(&feed.body);
    assert_eq!(events, vec!["【研修】多職種連携研修会, 第1回|2025-05-20T18:30:00+09:00".to_string()]);

    // The organisation's page lists what the team did for it.
    let given = trainings::support_given(&app.db.conn, org).await.unwrap();
    assert_eq!(given.len(), 1);
    assert_eq!(given[0].id, id);
    assert!(given[0].team_support.contains(&"場と手法の提案".to_string()) && given[0].team_support.contains(&"講師派遣（共同）".to_string()), "{:?}", given[0].team_support);
    assert!(!given[0].team_support.iter().any(|s| s.starts_with("当日運営")));
    // An organisation that organised a training cannot be deleted, only archived.
    assert!(trainings::refers_to_organisation(&app.db.conn, org).await.unwrap());
}

/// Every standard task picked, each owner left at "auto" unless `owners` names it by row.
fn standard_picks(owners: &[(usize, &str)]) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = (0..STANDARD_TASKS.len()).map(|i| ("task_pick[]", i.to_string())).collect();
    for (i, (title, days, _)) in STANDARD_TASKS.iter().enumerate() {
        let owner = owners.iter().find(|(row, _)| *row == i).map(|(_, o)| o.to_string()).unwrap_or_else(|| "auto".into());
        out.extend([("task_title[]", title.to_string()), ("task_offset[]", days.to_string()), ("task_owner[]", owner)]);
    }
    out
}

/// (task, owner) of the FY2025 training with this title, in the order shown.
async fn task_owners(app: &TestApp, title: &str) -> Vec<(String, Option<String>)> {
    let list = trainings::list(&app.db.conn, &TrainingQuery { fy: Some(2025), ..Default::default() }, d("2025-04-01")).await.unwrap();
    let id = list.items.iter().find(|s| s.title == title).unwrap_or_else(|| panic!("no training {title}")).id;
    trainings::get(&app.db.conn, id, d("2025-04-01")).await.unwrap().tasks.iter().map(|t| (t.text.clone(), t.owner.clone())).collect()
}

#[tokio::test]
async fn default_task_owners_follow_the_hosting() {
    for db in backends().await {
        let app = seeded(db).await;
        let org = organisation(&app, "釜石薬剤師会").await;
        let (_, token) = app.user("sato", Role::Coordinator).await;
        let me = Some("sato さん".to_string());

        // 開催支援: the association books the hall, closes the applications and lists the participants.
        let picks = standard_picks(&[]);
        let extra: Vec<(&str, &str)> = picks.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = app.call("trainings_save", &save_body("薬剤師会の研修会", &org.to_string(), &extra), Some(&token)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let owners = task_owners(&app, "薬剤師会の研修会").await;
        assert_eq!(owners.len(), STANDARD_TASKS.len());
        let of = |title: &str| owners.iter().find(|(t, _)| t == title).unwrap_or_else(|| panic!("no task {title}: {owners:?}")).1.clone();
        assert_eq!(of("会場の確保"), Some("釜石薬剤師会".to_string()));
        assert_eq!(of("申込の締切"), Some("釜石薬剤師会".to_string()));
        assert_eq!(of("参加者名簿の作成"), Some("釜石薬剤師会".to_string()));
        assert_eq!(of("講師の依頼"), me);
        assert_eq!(of("反省会"), me);

        // チーム主催: every task is the coordinator's; an explicit choice still wins.
        let picks = standard_picks(&[(2, "")]);
        let extra: Vec<(&str, &str)> = picks.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let body = save_body("チームの研修会", "", &extra).replace("hosting=support", "hosting=team");
        let res = app.call("trainings_save", &body, Some(&token)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let owners = task_owners(&app, "チームの研修会").await;
        assert_eq!(owners.len(), STANDARD_TASKS.len());
        for (title, owner) in &owners {
            let expected = if title == STANDARD_TASKS[2].0 { None } else { me.clone() };
            assert_eq!(owner, &expected, "{title}");
        }
    }
}

#[tokio::test]
async fn a_training_off_the_level_rule_is_saved_only_with_a_reason() {
    for db in backends().await {
        let app = seeded(db).await;
        let org = organisation(&app, "釜石薬剤師会").await;
        let ph = profession(&app, "薬剤師").await;
        let (_, token) = app.user("sato", Role::Coordinator).await;
        let one = ph.to_string();
        let extra = [("professions[]", one.as_str())];
        // 三次連携 with one profession and no reason: refused at the reason, nothing saved.
        let refused = app.call("trainings_save", &save_body_with_reason("三次連携の研修", &org.to_string(), "", &extra), Some(&token)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
        assert!(refused.body.contains("level_reason") && refused.body.contains("理由を入力して保存してください"), "{}", refused.body);
        assert!(refused.body.contains("釜石市民ホール"), "the input comes back: {}", refused.body);
        let none = trainings::list(&app.db.conn, &TrainingQuery { fy: Some(2025), ..Default::default() }, d("2025-04-01")).await.unwrap();
        assert!(none.items.is_empty(), "nothing is saved");

        let reason = "薬剤師会の会員向けの研修に他職種も招いたため";
        let saved = app.call("trainings_save", &save_body_with_reason("三次連携の研修", &org.to_string(), reason, &extra), Some(&token)).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let list = trainings::list(&app.db.conn, &TrainingQuery { fy: Some(2025), ..Default::default() }, d("2025-04-01")).await.unwrap();
        assert_eq!(list.items.len(), 1);
        let v = trainings::get(&app.db.conn, list.items[0].id, d("2025-04-01")).await.unwrap();
        assert_eq!(v.input.level_reason, reason);
        let page = app.get(&format!("/trainings/{}", v.id), Some(&token)).await;
        assert!(page.body.contains(reason), "the page shows the reason");

        // Once the professions fit the level, the reason is no longer kept.
        let mut fitting = v.input.clone();
        fitting.professions = vec![ph, profession(&app, "歯科医師").await, profession(&app, "看護師（訪問看護）").await];
        trainings::save(&app.db.conn, &Actor::system("test"), Some(v.id), Some(v.version), &fitting, Utc::now()).await.unwrap();
        assert_eq!(trainings::get(&app.db.conn, v.id, d("2025-04-01")).await.unwrap().input.level_reason, "");
    }
}
