//! Meetings: roles, level rules, fiscal-year boundaries, filters, the timeline, exports,
//! the calendar feed and its secret, collisions and the audit trail.

use crate::common;

use app::api::meetings::MeetingQuery;
use app::domain::directory::OrganisationInput;
use app::domain::checklist::ChecklistInput;
use app::domain::meetings::{Level, MeetingInput};
use app::server::services::meetings::follow_ups::FollowUps;
use app::server::services::shared::checklist;
use app::domain::Role;
use app::error::AppError;
use app::server::entities::audit_log;
use app::server::services::audit::{Actor, Change};
use app::server::services::{meetings, directory, accounts};
use chrono::{NaiveDate, Utc};
use common::{backends, form, parse_with_icalendar, TestApp, TestDb};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

async fn seeded(db: TestDb) -> TestApp {
    directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    TestApp::new(db).await
}

async fn profession_ids(app: &TestApp) -> Vec<i32> {
    directory::professions::all(&app.db.conn).await.unwrap().into_iter().map(|p| p.id).collect()
}

fn meeting(date: &str, level: Level, professions: &[i32], title: &str) -> MeetingInput {
    MeetingInput {
        held_on: date.into(),
        level: level.number().to_string(),
        kind: "uchiawase".into(),
        title: title.into(),
        professions: professions.to_vec(),
        ..Default::default()
    }
}

async fn save(app: &TestApp, input: &MeetingInput) -> i32 {
    meetings::save(&app.db.conn, &Actor::system("test"), None, None, input, Utc::now()).await.unwrap()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[tokio::test]
async fn every_meeting_server_function_enforces_its_roles() {
    for db in backends().await {
        let app = seeded(db).await;
        let pid = profession_ids(&app).await[0];
        let mut callers = vec![("anonymous", None, None)];
        for role in Role::ALL {
            let (_, token) = app.user(role.code(), role).await;
            callers.push((role.code(), Some(token), Some(role)));
        }
        for (label, token, role) in &callers {
            let m = save(&app, &meeting("2024-06-27", Level::First, &[pid], &format!("会議{label}"))).await.to_string();
            let f = checklist::add::<FollowUps>(&app.db.conn, &Actor::system("t"), m.parse().unwrap(), &ChecklistInput { text: "資料送付".into(), ..Default::default() }, Utc::now())
                .await
                .unwrap()
                .to_string();
            use app::domain::Permission::*;
            let cases: Vec<(&str, String, app::domain::Permission)> = vec![
                ("meetings_list", "query[level]=1".into(), ReadMeetings),
                ("meetings_get", format!("id={m}"), ReadMeetings),
                ("meetings_choices", String::new(), ReadMeetings),
                ("meetings_filters", String::new(), ReadMeetings),
                ("meetings_timeline", String::new(), ReadMeetings),
                ("meetings_profession_history", format!("id={pid}"), ReadMeetings),
                ("meetings_calendar", "year=2024&month=6".into(), ReadMeetings),
                ("follow_ups_list", String::new(), ReadMeetings),
                ("calendar_feed", String::new(), ReadMeetings),
                ("calendar_feed_set", "renew=true".into(), ReadMeetings),
                (
                    "meetings_save",
                    form(&[
                        ("held_on", "2024-07-01"), ("start_time", "13:30"), ("end_time", "15:00"), ("level", "1"), ("kind", "uchiawase"),
                        ("title", &format!("新しい会議{label}")), ("place", "市役所"), ("professions[]", &pid.to_string()), ("guests", ""),
                        ("purpose", ""), ("minutes", ""), ("decisions", ""), ("work_items[]", "イ"),
                    ]),
                    WriteMeetings,
                ),
                ("meetings_set_active", format!("id={m}&version=1&active=false"), WriteMeetings),
                ("follow_ups_add", form(&[("meeting_id", &m), ("action", "名簿を送る"), ("owner", ""), ("due_on", "2024-07-10")]), WriteMeetings),
                ("follow_ups_set_done", format!("id={f}&version=1&done=true"), WriteMeetings),
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
        // Pages: viewers read meetings, anonymous callers go to the login page.
        let (_, viewer) = app.user("viewer2", Role::Viewer).await;
        assert_eq!(app.get("/meetings", Some(&viewer)).await.status, StatusCode::OK);
        assert_eq!(app.get("/meetings/timeline", Some(&viewer)).await.status, StatusCode::OK);
        assert_eq!(app.get("/meetings", None).await.status, StatusCode::SEE_OTHER);
    }
}

#[tokio::test]
async fn level_rules_warn_until_a_reason_is_given() {
    for db in backends().await {
        let app = seeded(db).await;
        let p = profession_ids(&app).await;
        let (_, token) = app.user("coord", Role::Coordinator).await;
        let body = |reason: &str| {
            form(&[
                ("held_on", "2024-06-27"), ("start_time", ""), ("end_time", ""), ("level", "1"), ("kind", "uchiawase"), ("title", "合同打ち合わせ"),
                ("place", ""), ("professions[]", &p[0].to_string()), ("professions[]", &p[1].to_string()), ("guests", ""), ("purpose", ""),
                ("minutes", "議事録の本文"), ("decisions", ""), ("level_reason", reason),
            ])
        };
        let refused = app.call("meetings_save", &body(""), Some(&token)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
        assert!(refused.body.contains("level_reason") && refused.body.contains("一次連携は相手の職種が1つ"), "{}", refused.body);
        // The input travels back with the error, so nothing typed is lost.
        assert!(refused.body.contains("議事録の本文"), "{}", refused.body);
        let ok = app.call("meetings_save", &body("二つの職種の代表者と一緒に聞いたため"), Some(&token)).await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        let list = meetings::list(&app.db.conn, &MeetingQuery::default()).await.unwrap();
        assert_eq!(list.total, 1);
        let view = meetings::get(&app.db.conn, list.items[0].id, d("2024-07-01")).await.unwrap();
        assert_eq!(view.input.level_reason, "二つの職種の代表者と一緒に聞いたため");
        assert_eq!(view.professions.len(), 2);
    }
}

#[tokio::test]
async fn fiscal_years_split_on_the_first_of_april_and_filters_combine() {
    for db in backends().await {
        let app = seeded(db).await;
        let p = profession_ids(&app).await;
        let org = directory::organisations::save(
            &app.db.conn,
            &Actor::system("t"),
            None,
            None,
            &OrganisationInput { name: "釜石薬剤師会".into(), kind: "association".into(), ..Default::default() },
            false,
            Utc::now(),
        )
        .await
        .unwrap();
        let mut last_day = meeting("2025-03-31", Level::First, &[p[0]], "年度末の打ち合わせ会");
        last_day.organisations = vec![org];
        last_day.work_items = vec!["イ".into()];
        last_day.minutes = "在宅訪問の処方せんについて".into();
        save(&app, &last_day).await;
        save(&app, &meeting("2025-04-01", Level::Second, &[p[0], p[1]], "新年度の情報交換会")).await;
        let mut third = meeting("2025-04-15", Level::Third, &[p[0], p[1], p[2]], "推進協議会");
        third.kind = "kyogi".into();
        save(&app, &third).await;

        let q = |f: fn(&mut MeetingQuery)| {
            let mut q = MeetingQuery::default();
            f(&mut q);
            q
        };
        let fy2024 = meetings::list(&app.db.conn, &q(|q| q.fy = Some(2024))).await.unwrap();
        assert_eq!(fy2024.items.iter().map(|m| m.title.as_str()).collect::<Vec<_>>(), vec!["年度末の打ち合わせ会"]);
        assert_eq!(fy2024.items[0].fiscal_year, "R6");
        let fy2025 = meetings::list(&app.db.conn, &q(|q| q.fy = Some(2025))).await.unwrap();
        assert_eq!(fy2025.total, 2);
        assert_eq!(fy2025.by_level, [0, 1, 1]);
        assert_eq!(fy2025.items[0].title, "推進協議会", "newest first");

        let all = meetings::list(&app.db.conn, &MeetingQuery::default()).await.unwrap();
        assert_eq!(all.by_level, [1, 1, 1]);
        let count = |page: app::api::meetings::MeetingPage| page.total;
        assert_eq!(count(meetings::list(&app.db.conn, &q(|q| q.level = Some(2))).await.unwrap()), 1);
        assert_eq!(count(meetings::list(&app.db.conn, &q(|q| q.kind = Some("kyogi".into()))).await.unwrap()), 1);
        let mut by_org = MeetingQuery { organisation: Some(org), ..Default::default() };
        assert_eq!(count(meetings::list(&app.db.conn, &by_org).await.unwrap()), 1);
        by_org.work_item = Some("ウ".into());
        assert_eq!(count(meetings::list(&app.db.conn, &by_org).await.unwrap()), 0);
        let by_profession = MeetingQuery { profession: Some(p[1]), ..Default::default() };
        assert_eq!(count(meetings::list(&app.db.conn, &by_profession).await.unwrap()), 2);
        let by_text = MeetingQuery { q: Some("処方セン".into()), ..Default::default() };
        assert_eq!(count(meetings::list(&app.db.conn, &by_text).await.unwrap()), 1, "katakana finds hiragana");

        // An organisation that a meeting refers to is archived, not deleted.
        let outcome = directory::organisations::delete(&app.db.conn, &Actor::system("t"), org, Utc::now()).await.unwrap();
        assert_eq!(outcome, app::api::directory::DeleteOutcome::Archived);
    }
}

#[tokio::test]
async fn the_timeline_shows_the_first_level_one_year_and_dates_per_fiscal_year() {
    for db in backends().await {
        let app = seeded(db).await;
        let p = profession_ids(&app).await;
        for (date, level) in [("2023-06-27", Level::First), ("2023-09-13", Level::First), ("2023-10-06", Level::First), ("2025-05-20", Level::First)] {
            save(&app, &meeting(date, level, &[p[0]], "打ち合わせ会")).await;
        }
        // A second-level meeting before the first 一次連携 starts the timeline but not the first year.
        save(&app, &meeting("2022-11-01", Level::Second, &[p[0], p[1]], "情報交換会")).await;
        let rows = meetings::timeline::all(&app.db.conn, d("2025-06-01")).await.unwrap();
        let row = rows.iter().find(|r| r.profession.id == p[0]).unwrap();
        assert_eq!(row.first_level_one.as_deref(), Some("R5（2023年度）"));
        let lines: Vec<String> = row
            .years
            .iter()
            .map(|y| format!("{}: {}", y.label, y.meetings.iter().map(|m| m.date.clone()).collect::<Vec<_>>().join("、")))
            .collect();
        assert_eq!(lines, vec!["R4: 11/1", "R5: 6/27、9/13、10/6", "R6: ", "R7: 5/20"]);
        let other = rows.iter().find(|r| r.profession.id == p[1]).unwrap();
        assert_eq!(other.first_level_one, None);
        // One fiscal year per page: the latest with meetings by default, any other by choice.
        let history = meetings::timeline::history(&app.db.conn, p[0], None, d("2025-06-01")).await.unwrap();
        assert_eq!(history.fiscal_year, Some(2025));
        assert_eq!(history.meetings.iter().map(|m| m.held_on.as_str()).collect::<Vec<_>>(), vec!["2025-05-20"]);
        let years: Vec<(i32, u64)> = history.years.iter().map(|y| (y.fiscal_year, y.count)).collect();
        assert_eq!(years, vec![(2025, 1), (2023, 3), (2022, 1)]);
        assert!(history.timeline.years.iter().all(|y| y.fiscal_year == 2025 || y.meetings.is_empty()), "other years' dates are on their pages");
        let r5 = meetings::timeline::history(&app.db.conn, p[0], Some(2023), d("2025-06-01")).await.unwrap();
        assert_eq!(r5.meetings.iter().map(|m| m.held_on.as_str()).collect::<Vec<_>>(), vec!["2023-10-06", "2023-09-13", "2023-06-27"]);
        // A year without meetings shows the latest instead of an empty page.
        let none = meetings::timeline::history(&app.db.conn, p[0], Some(2024), d("2025-06-01")).await.unwrap();
        assert_eq!(none.fiscal_year, Some(2025));
        let untouched = rows.iter().find(|r| r.profession.id == p[3]).unwrap();
        assert!(untouched.years.is_empty());
    }
}

#[tokio::test]
async fn exports_parse_back_to_the_filtered_list() {
    let app = seeded(TestDb::sqlite().await).await;
    let p = profession_ids(&app).await;
    let mut m = meeting("2024-06-27", Level::First, &[p[0]], "薬剤師会, \"打ち合わせ会\"");
    m.start_time = "13:30".into();
    m.end_time = "15:00".into();
    m.work_items = vec!["ア".into(), "イ".into()];
    m.purpose = "顔の見える関係づくり\n課題の抽出".into();
    save(&app, &m).await;
    save(&app, &meeting("2025-04-01", Level::Second, &[p[0], p[1]], "情報交換会")).await;
    let (_, token) = app.user("viewer", Role::Viewer).await;

    let res = app.get("/meetings/export.csv?fy=2024", Some(&token)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.header("content-type").starts_with("text/csv"));
    assert!(res.header("content-disposition").contains(".csv"));
    assert!(res.body.starts_with('\u{feff}'), "BOM for Excel");
    let mut reader = csv::Reader::from_reader(res.body.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), meetings::export::HEADERS.to_vec());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][0], "2024/06/27");
    assert_eq!(&rows[0][1], "R6");
    assert_eq!(&rows[0][3], "13:30〜15:00");
    assert_eq!(&rows[0][4], "一次連携");
    assert_eq!(&rows[0][6], "薬剤師会, \"打ち合わせ会\"");
    assert_eq!(&rows[0][13], "ア・イ");
    assert_eq!(&rows[0][14], "顔の見える関係づくり\n課題の抽出");

    let xlsx = app::server::services::meetings::export::xlsx(&meetings::export::rows(&app.db.conn, &MeetingQuery::default()).await.unwrap()).unwrap();
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    let range = book.worksheet_range("会議一覧").unwrap();
    let cell = |r: usize, c: usize| range.get((r, c)).map(|v| v.to_string()).unwrap_or_default();
    assert_eq!(range.height(), 3);
    assert_eq!(cell(0, 0), "開催日");
    assert_eq!(cell(1, 0), "2025/04/01");
    assert_eq!(cell(1, 1), "R7");
    assert_eq!(cell(1, 2), "2025");
    assert_eq!(cell(2, 6), "薬剤師会, \"打ち合わせ会\"");
    let over_http = app.get("/meetings/export.xlsx", Some(&token)).await;
    assert_eq!(over_http.status, StatusCode::OK);
    assert!(over_http.header("content-type").contains("spreadsheetml"));

    assert_eq!(app.get("/meetings/export.csv", None).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_calendar_feed_validates_and_its_secret_can_be_renewed_and_revoked() {
    let app = seeded(TestDb::sqlite().await).await;
    let p = profession_ids(&app).await;
    let (user, token) = app.user("sato", Role::Coordinator).await;
    let mut mine = meeting("2024-06-27", Level::First, &[p[0]], "薬剤師会との打ち合わせ会；長い件名がカレンダーの行の長さを超えても正しく折り返されることを確かめるための件名");
    mine.start_time = "18:30".into();
    mine.end_time = "20:00".into();
    mine.place = "釜石市役所, 会議室".into();
    mine.coordinators = vec![user.id];
    save(&app, &mine).await;
    let mut all_day = meeting("2024-07-01", Level::First, &[p[0]], "同行訪問");
    all_day.coordinators = vec![user.id];
    save(&app, &all_day).await;
    save(&app, &meeting("2024-07-02", Level::First, &[p[0]], "他の人の会議")).await;

    assert_eq!(app.call("calendar_feed_set", "renew=true", Some(&token)).await.status, StatusCode::OK);
    let secret = accounts::users::calendar_token(&app.db.conn, user.id).await.unwrap().expect("a secret");
    let path = format!("/calendar/{secret}.ics");
    let feed = app.get(&path, None).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed.header("content-type").starts_with("text/calendar"));
    let events = parse_with_icalendar(&feed.body);
    assert_eq!(events.len(), 2, "{events:?}");
    assert!(events[0].starts_with("【一次連携】薬剤師会との打ち合わせ会；長い件名"), "{events:?}");
    assert!(events[0].ends_with("|2024-06-27T18:30:00+09:00"), "{events:?}");
    assert_eq!(events[1], "【一次連携】同行訪問|2024-07-01");

    // Renewing ends the old URL; revoking ends the new one.
    app.call("calendar_feed_set", "renew=true", Some(&token)).await;
    assert_eq!(app.get(&path, None).await.status, StatusCode::NOT_FOUND);
    let renewed = accounts::users::calendar_token(&app.db.conn, user.id).await.unwrap().unwrap();
    assert_ne!(renewed, secret);
    let new_path = format!("/calendar/{renewed}.ics");
    assert_eq!(app.get(&new_path, None).await.status, StatusCode::OK);
    app.call("calendar_feed_set", "renew=false", Some(&token)).await;
    assert_eq!(app.get(&new_path, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/calendar/not-a-secret.ics", None).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn meeting_edits_collide_and_are_audited_with_old_and_new_values() {
    for db in backends().await {
        let app = seeded(db).await;
        let p = profession_ids(&app).await;
        let actor = Actor::system("test");
        let id = save(&app, &meeting("2024-06-27", Level::First, &[p[0]], "打ち合わせ会")).await;
        let mut first = meeting("2024-06-27", Level::First, &[p[0]], "打ち合わせ会（第1回）");
        meetings::save(&app.db.conn, &actor, Some(id), Some(1), &first, Utc::now()).await.unwrap();
        first.title = "打ち合わせ会（別の編集）".into();
        let err = meetings::save(&app.db.conn, &actor, Some(id), Some(1), &first, Utc::now()).await.unwrap_err();
        match &err {
            AppError::Conflict(msg) => assert!(msg.contains("件名"), "{msg}"),
            other => panic!("expected a conflict, got {other:?}"),
        }
        assert_eq!(meetings::find(&app.db.conn, id).await.unwrap().title, "打ち合わせ会（第1回）");
        let entry = audit_log::Entity::find()
            .filter(audit_log::Column::EntityType.eq("meeting"))
            .filter(audit_log::Column::Action.eq("update"))
            .order_by_desc(audit_log::Column::Id)
            .one(&app.db.conn)
            .await
            .unwrap()
            .unwrap();
        let changes: Vec<Change> = serde_json::from_str(&entry.changes).unwrap();
        assert!(changes.iter().any(|c| c.field == "title" && c.old.as_deref() == Some("打ち合わせ会") && c.new.as_deref() == Some("打ち合わせ会（第1回）")), "{changes:?}");
    }
}

#[tokio::test]
async fn follow_ups_list_open_ones_by_owner_with_overdue_marked() {
    let app = seeded(TestDb::sqlite().await).await;
    let p = profession_ids(&app).await;
    let (user, _) = app.user("sato", Role::Coordinator).await;
    let actor = Actor::system("t");
    let m = save(&app, &meeting("2024-06-27", Level::First, &[p[0]], "打ち合わせ会")).await;
    let add = |action: &str, owner: String, due: &str| ChecklistInput { text: action.into(), owner, due_on: due.into() };
    let conn = &app.db.conn;
    let mine = checklist::add::<FollowUps>(conn, &actor, m, &add("名簿を送る", format!("u:{}", user.id), "2024-07-01"), Utc::now()).await.unwrap();
    checklist::add::<FollowUps>(conn, &actor, m, &add("会場を探す", String::new(), ""), Utc::now()).await.unwrap();
    let done = checklist::add::<FollowUps>(conn, &actor, m, &add("議事録を配る", format!("u:{}", user.id), "2024-07-20"), Utc::now()).await.unwrap();
    checklist::set_done::<FollowUps>(conn, &actor, done, 1, true, Utc::now()).await.unwrap();

    let open = checklist::list::<FollowUps>(conn, None, true, d("2024-07-10")).await.unwrap();
    assert_eq!(open.items.iter().map(|f| f.text.as_str()).collect::<Vec<_>>(), vec!["名簿を送る", "会場を探す"], "dated first");
    assert!(open.items[0].overdue && !open.items[1].overdue);
    assert_eq!(open.owners, vec![(format!("u:{}", user.id), "sato さん".to_string())]);
    let owner = format!("u:{}", user.id);
    let by_owner = checklist::list::<FollowUps>(conn, Some(&owner), false, d("2024-07-10")).await.unwrap();
    assert_eq!(by_owner.items.iter().map(|f| f.id).collect::<Vec<_>>(), vec![mine, done]);
    assert!(by_owner.items[1].done && !by_owner.items[1].overdue);
}

/// The part of `body` from `start` up to `end` (or its rest).
fn section<'a>(body: &'a str, start: &str, end: &str) -> &'a str {
    let from = body.find(start).unwrap_or_else(|| panic!("no {start} in the page"));
    let rest = &body[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// Where `needle` is in `haystack` (the test fails when it is not).
fn at(haystack: &str, needle: &str) -> usize {
    haystack.find(needle).unwrap_or_else(|| panic!("no {needle} in {haystack}"))
}

/// Posts the meeting form as a browser without JavaScript does, from `/meetings/new`.
async fn post_without_script(app: &TestApp, body: &str, token: &str) -> common::TestResponse {
    let req = http::Request::post("/api/meetings_save")
        .header("host", common::HOST)
        .header("origin", format!("http://{}", common::HOST))
        .header("referer", format!("http://{}/meetings/new", common::HOST))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html,application/xhtml+xml")
        .header("cookie", format!("renkei_session={token}"));
    common::send(&app.router, req.body(axum::body::Body::from(body.to_string())).unwrap()).await
}

#[tokio::test]
async fn the_form_offers_organisations_and_people_as_checkboxes_grouped_by_organisation() {
    for db in backends().await {
        let app = seeded(db).await;
        let p = profession_ids(&app).await;
        let (_, token) = app.user("coord", Role::Coordinator).await;
        let (actor, conn) = (Actor::system("t"), &app.db.conn);
        let org = |name: &str, kana: &str| OrganisationInput { name: name.into(), kana: kana.into(), kind: "pharmacy".into(), ..Default::default() };
        let minato = directory::organisations::save(conn, &actor, None, None, &org("みなと薬局", "みなとやっきょく"), false, Utc::now()).await.unwrap();
        let aoba = directory::organisations::save(conn, &actor, None, None, &org("青葉クリニック", "あおばくりにっく"), false, Utc::now()).await.unwrap();
        let person = |name: &str, kana: &str, organisation_id: Option<i32>| app::domain::directory::PersonInput { name: name.into(), kana: kana.into(), organisation_id, ..Default::default() };
        let ichiro = directory::people::save(conn, &actor, None, None, &person("港 一郎", "みなと いちろう", Some(minato)), Utc::now()).await.unwrap();
        let hanako = directory::people::save(conn, &actor, None, None, &person("青葉 花子", "あおば はなこ", Some(aoba)), Utc::now()).await.unwrap();
        let taro = directory::people::save(conn, &actor, None, None, &person("釜石 太郎", "", None), Utc::now()).await.unwrap();

        // Without JavaScript: checkboxes with the names the server function reads, the
        // organisations by kana, the people under their organisation's legend, 所属なし last.
        let page = app.get("/meetings/new", Some(&token)).await;
        assert_eq!(page.status, StatusCode::OK);
        let orgs = section(&page.body, r#"id="f-organisations""#, "</fieldset>");
        assert!(!orgs.contains("<select"), "{orgs}");
        for o in [minato, aoba] {
            assert!(orgs.contains(&format!(r#"type="checkbox" id="f-organisations-{o}" name="organisations[]" value="{o}""#)), "organisation {o}: {orgs}");
            assert!(orgs.contains(&format!(r#"<label for="f-organisations-{o}">"#)), "organisation {o} has no label: {orgs}");
        }
        assert!(at(orgs, "青葉クリニック") < at(orgs, "みなと薬局"), "by kana: {orgs}");
        assert!(!orgs.contains(" checked"), "nothing ticked on a new form: {orgs}");
        let people = section(&page.body, r#"id="f-people""#, r#"id="f-people-error""#);
        assert!(!people.contains("<select"), "{people}");
        for who in [ichiro, hanako, taro] {
            assert!(people.contains(&format!(r#"type="checkbox" id="f-people-{who}" name="people[]" value="{who}""#)), "person {who}: {people}");
        }
        assert!(people.contains(&format!(r#"<label for="f-people-{ichiro}">港 一郎</label>"#)), "{people}");
        assert!(people.contains(r#"data-kana="みなと いちろう""#), "the reading for the type-ahead: {people}");
        let order = [
            at(people, "<legend>青葉クリニック</legend>"),
            at(people, &format!(r#"value="{hanako}""#)),
            at(people, "<legend>みなと薬局</legend>"),
            at(people, &format!(r#"value="{ichiro}""#)),
            at(people, "<legend>所属なし</legend>"),
            at(people, &format!(r#"value="{taro}""#)),
        ];
        assert!(order.windows(2).all(|w| w[0] < w[1]), "grouped by organisation, 所属なし last: {order:?} {people}");
        assert!(page.body.contains(r#"aria-controls="people-box""#), "the picker island is on the page");

        // From an organisation's page: it is ticked and its people come first.
        let page = app.get(&format!("/meetings/new?organisation={minato}"), Some(&token)).await;
        let orgs = section(&page.body, r#"id="f-organisations""#, "</fieldset>");
        assert!(orgs.contains(&format!(r#"value="{minato}" checked"#)) && !orgs.contains(&format!(r#"value="{aoba}" checked"#)), "{orgs}");
        let people = section(&page.body, r#"id="f-people""#, r#"id="f-people-error""#);
        assert!(at(people, "<legend>みなと薬局</legend>") < at(people, "<legend>青葉クリニック</legend>"), "{people}");
        assert!(people.contains(&format!(r#"data-organisation="{minato}""#)) && people.contains("data-chosen"), "{people}");

        // Saved as the form posts them, with or without the picker.
        let (m, i, t) = (minato.to_string(), ichiro.to_string(), taro.to_string());
        let fields = |title: &'static str| {
            form(&[
                ("held_on", "2024-06-27"), ("start_time", ""), ("end_time", ""), ("level", "1"), ("kind", "uchiawase"), ("title", title),
                ("place", ""), ("professions[]", &p[0].to_string()), ("organisations[]", &m), ("people[]", &i), ("people[]", &t),
                ("guests", ""), ("purpose", ""), ("minutes", ""), ("decisions", ""),
            ])
        };
        let res = app.call("meetings_save", &fields("みなと薬局との打ち合わせ"), Some(&token)).await;
        assert!(res.status.is_success() || res.status.is_redirection(), "{} {}", res.status, res.body);
        let list = meetings::list(&app.db.conn, &MeetingQuery::default()).await.unwrap();
        assert_eq!(list.total, 1);
        let view = meetings::get(&app.db.conn, list.items[0].id, d("2024-07-01")).await.unwrap();
        assert_eq!(view.organisations.iter().map(|o| o.id).collect::<Vec<_>>(), vec![minato]);
        let mut attended: Vec<i32> = view.people.iter().map(|a| a.id).collect();
        attended.sort();
        let mut expected = vec![ichiro, taro];
        expected.sort();
        assert_eq!(attended, expected);
        let shown = app.get(&format!("/meetings/{}", list.items[0].id), Some(&token)).await;
        assert!(shown.body.contains("港 一郎") && shown.body.contains("釜石 太郎"), "{}", shown.body);

        // A refused post (no title) comes back with the same boxes ticked.
        let res = post_without_script(&app, &fields(""), &token).await;
        assert!(res.status.is_redirection(), "{} {}", res.status, res.body);
        let location = res.header("location").to_string();
        assert!(location.contains("__form="), "{location}");
        let page = app.get(location.split('#').next().unwrap(), Some(&token)).await;
        assert!(page.body.contains(r#"id="form-errors""#), "the error summary is shown");
        let orgs = section(&page.body, r#"id="f-organisations""#, "</fieldset>");
        assert!(orgs.contains(&format!(r#"value="{minato}" checked"#)) && !orgs.contains(&format!(r#"value="{aoba}" checked"#)), "{orgs}");
        let people = section(&page.body, r#"id="f-people""#, r#"id="f-people-error""#);
        for who in [ichiro, taro] {
            assert!(people.contains(&format!(r#"value="{who}" checked"#)), "person {who} not ticked again: {people}");
        }
        assert!(!people.contains(&format!(r#"value="{hanako}" checked"#)), "{people}");
        assert!(at(people, "<legend>みなと薬局</legend>") < at(people, "<legend>青葉クリニック</legend>"), "{people}");
        assert_eq!(meetings::list(&app.db.conn, &MeetingQuery::default()).await.unwrap().total, 1, "nothing saved");
    }
}
