//! The search box (`/search?q=`): kana- and width-insensitive matching across meetings
//! (minutes too), organisations, people, trainings, consultations and issues; every term
//! required; LIKE wildcards taken as text; each kind only for those whose role reads it and
//! issues only in the registers the reader may read (never counted otherwise); the page;
//! and the index kept in step with saves, archiving, deleting and a rebuild.

use crate::common;

use app::domain::consultations::ConsultationInput;
use app::domain::directory::{OrganisationInput, PersonInput};
use app::domain::issues::IssueInput;
use app::domain::meetings::MeetingInput;
use app::domain::trainings::{default_plan, TrainingInput};
use app::domain::Role;
use app::server::entities::{meeting, search_doc};
use app::server::services::audit::Actor;
use app::server::services::issues::access::IssueAccess;
use app::server::services::{consultations, directory, issues, meetings, search, trainings};
use chrono::{NaiveDate, Utc};
use common::{backends, enc, form, TestApp, TestDb};
use http::StatusCode;
use sea_orm::EntityTrait;

fn sys() -> Actor {
    Actor::system("t")
}

async fn seeded(db: TestDb) -> TestApp {
    directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    consultations::categories::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    TestApp::new(db).await
}

async fn profession(app: &TestApp, name: &str) -> i32 {
    directory::professions::all(&app.db.conn).await.unwrap().into_iter().find(|p| p.name == name).unwrap().id
}

/// The records of each kind, saved through the services as the forms save them.
struct Records {
    meeting: i32,
    organisation: i32,
}

const MINUTES: &str = "前回の確認。\nヤッキョク連携の進め方を話し合った。服薬カレンダーを配る。";

fn meeting_input(ph: i32, minutes: &str) -> MeetingInput {
    MeetingInput {
        held_on: "2025-06-01".into(),
        level: "1".into(),
        kind: "uchiawase".into(),
        title: "多職種連絡会".into(),
        minutes: minutes.into(),
        professions: vec![ph],
        level_reason: "t".into(),
        ..Default::default()
    }
}

async fn records(app: &TestApp) -> Records {
    let c = &app.db.conn;
    let now = Utc::now();
    let (ph, de) = (profession(app, "薬剤師").await, profession(app, "歯科医師").await);
    let meeting = meetings::write::save(c, &sys(), None, None, &meeting_input(ph, MINUTES), now).await.unwrap();
    let org = OrganisationInput { name: "かまいし薬局".into(), kana: "かまいしやっきょく".into(), kind: "pharmacy".into(), address: "浜風市大町1-1".into(), ..Default::default() };
    let organisation = directory::organisations::save(c, &sys(), None, None, &org, false, now).await.unwrap();
    let person = PersonInput { name: "山田 花子".into(), kana: "やまだ はなこ".into(), title: "管理者".into(), ..Default::default() };
    directory::people::save(c, &sys(), None, None, &person, now).await.unwrap();
    let training = TrainingInput {
        title: "在宅医療研修会".into(),
        theme: "服薬支援の実際".into(),
        venue: "会場a_1（収容100%）".into(),
        hosting: "team".into(),
        level: "3".into(),
        held_on: "2025-09-10".into(),
        format: "inperson".into(),
        status: "planning".into(),
        professions: vec![ph],
        support: default_plan("team"),
        level_reason: "市民も対象にする研修のため".into(),
        ..Default::default()
    };
    trainings::save(c, &sys(), None, None, &training, now).await.unwrap();
    let category = consultations::categories::all(c).await.unwrap()[0].id;
    let consultation = ConsultationInput {
        received_on: "2025-07-01".into(),
        category: category.to_string(),
        status: "done".into(),
        requester: "相談 太郎".into(),
        content: "服薬の相談がありました".into(),
        response: "ケアマネに連絡した".into(),
        ..Default::default()
    };
    consultations::record::save(c, &IssueAccess::unrestricted(), &sys(), None, None, &consultation, now).await.unwrap();
    let issue = |p: i32, title: &str| IssueInput {
        profession: p.to_string(),
        title: title.into(),
        description: "共通連携テーマとして扱う".into(),
        layer: "within".into(),
        status: "extracted".into(),
        source: "other".into(),
        fiscal_year: "R7".into(),
        ..Default::default()
    };
    let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    issues::register::save(c, &IssueAccess::unrestricted(), &sys(), None, None, &issue(ph, "薬局の服薬管理課題"), today, now).await.unwrap();
    issues::register::save(c, &IssueAccess::unrestricted(), &sys(), None, None, &issue(de, "歯科の口腔ケア課題"), today, now).await.unwrap();
    Records { meeting, organisation }
}

/// (kind, title) of every hit, and the JSON.
async fn found(app: &TestApp, q: &str, token: &str) -> (Vec<(String, String)>, serde_json::Value) {
    let res = app.call("search", &form(&[("q", q)]), Some(token)).await;
    assert_eq!(res.status, StatusCode::OK, "{} {q}: {}", app.db.backend, res.body);
    let v = res.json();
    let hits = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["items"].as_array().unwrap().iter().map(move |i| (g["kind"].as_str().unwrap().to_string(), i["title"].as_str().unwrap().to_string())))
        .collect();
    (hits, v)
}

fn pair(kind: &str, title: &str) -> (String, String) {
    (kind.to_string(), title.to_string())
}

#[tokio::test]
async fn finds_every_kind_whatever_the_kana_or_width_and_requires_every_term() {
    for db in backends().await {
        let app = seeded(db).await;
        records(&app).await;
        let (_, token) = app.user("coordinator", Role::Coordinator).await;
        let backend = app.db.backend;

        // Hiragana finds the meeting through its minutes (katakana) and the organisation
        // through its reading; katakana and half-width katakana find the same.
        let (hits, v) = found(&app, "やっきょく", &token).await;
        assert!(hits.contains(&pair("meeting", "多職種連絡会")), "{backend}: {hits:?}");
        assert!(hits.contains(&pair("organisation", "かまいし薬局")), "{backend}: {hits:?}");
        assert_eq!(hits.len(), 2, "{backend}: {hits:?}");
        for typed in ["ヤッキョク", "ﾔｯｷｮｸ", "  ヤッキョク　"] {
            assert_eq!(found(&app, typed, &token).await.0, hits, "{backend} {typed}");
        }
        // Grouped by kind with labels and totals; the excerpt shows the minutes as written.
        let groups = v["groups"].as_array().unwrap();
        assert_eq!(groups.iter().map(|g| g["label"].as_str().unwrap()).collect::<Vec<_>>(), ["会議", "機関・団体"]);
        let m = &groups[0];
        assert_eq!((m["total"].as_u64(), m["items"][0]["date"].as_str()), (Some(1), Some("2025/06/01（日）")));
        assert!(m["items"][0]["snippet"].as_str().unwrap().contains("ヤッキョク連携"), "{m}");
        assert!(m["items"][0]["href"].as_str().unwrap().starts_with("/meetings/"));

        // A word of the minutes; a name typed without its space; full-width letters.
        assert_eq!(found(&app, "服薬カレンダー", &token).await.0, [pair("meeting", "多職種連絡会")], "{backend}");
        assert_eq!(found(&app, "山田花子", &token).await.0, [pair("person", "山田 花子")], "{backend}");
        assert_eq!(found(&app, "Ａ_1", &token).await.0, [pair("training", "在宅医療研修会")], "{backend}");

        // Every term must occur: long terms (the index) and short ones (LIKE) alike.
        let (all, _) = found(&app, "服薬", &token).await;
        // (An issue's title starts with its code.)
        for (kind, title) in [("meeting", "多職種連絡会"), ("training", "在宅医療研修会"), ("consultation", "服薬の相談がありました"), ("issue", "薬局の服薬管理課題")] {
            assert!(all.iter().any(|h| h.0 == kind && h.1.contains(title)), "{backend}: {kind} {title} in {all:?}");
        }
        assert_eq!(found(&app, "服薬 研修", &token).await.0, [pair("training", "在宅医療研修会")], "{backend}");
        assert_eq!(found(&app, "ヤッキョク連携 カレンダー", &token).await.0, [pair("meeting", "多職種連絡会")], "{backend}");
        assert!(found(&app, "ヤッキョク連携 存在しない語句", &token).await.0.is_empty(), "{backend}");

        // LIKE's wildcards are text: only the record holding them is found.
        for q in ["%", "_", "100%", "%%%", "___"] {
            let (hits, _) = found(&app, q, &token).await;
            let want: Vec<(String, String)> = if q == "%%%" || q == "___" { vec![] } else { vec![pair("training", "在宅医療研修会")] };
            assert_eq!(hits, want, "{backend} {q}");
        }
        // FTS syntax is text too.
        assert!(found(&app, "\"NOT\" OR * ^", &token).await.0.is_empty(), "{backend}");
        // Nothing typed: nothing searched.
        let (hits, v) = found(&app, "  ", &token).await;
        assert!(hits.is_empty() && v["terms"].as_array().unwrap().is_empty());
    }
}

#[tokio::test]
async fn each_kind_only_for_those_who_may_read_it_and_issues_only_in_granted_registers() {
    for db in backends().await {
        let app = seeded(db).await;
        records(&app).await;
        let backend = app.db.backend;
        let ph = profession(&app, "薬剤師").await;
        let (_, coordinator) = app.user("coordinator", Role::Coordinator).await;
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let (granted, granted_t) = app.user("granted", Role::Viewer).await;
        issues::grants::set(&app.db.conn, &sys(), granted.id, &[ph], Utc::now()).await.unwrap();
        let (_, partner) = app.user("partner", Role::Partner).await;
        let (_, collector) = app.user("collector", Role::Collector).await;

        // Those who read every register: both issues.
        let (_, v) = found(&app, "共通連携テーマ", &coordinator).await;
        assert_eq!(v["groups"].as_array().unwrap().len(), 1, "{backend}: {v}");
        assert_eq!((v["groups"][0]["kind"].as_str(), v["groups"][0]["total"].as_u64()), (Some("issue"), Some(2)), "{backend}");
        assert_eq!(v["groups"][0]["label"], "課題（閲覧できるもののみ）");
        // A grant to one register: that register's issue alone, counted alone.
        let (hits, v) = found(&app, "共通連携テーマ", &granted_t).await;
        assert_eq!(hits.len(), 1, "{backend}: {hits:?}");
        assert!(hits[0].1.contains("薬局の服薬管理課題") && v["groups"][0]["total"] == 1, "{backend}: {v}");
        assert!(!v.to_string().contains("口腔"), "{backend}: {v}");
        // No register: no issue, no group, no count.
        let res = app.call("search", &form(&[("q", "共通連携テーマ")]), Some(&viewer)).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.json()["groups"].as_array().unwrap().is_empty(), "{backend}: {}", res.body);
        assert!(!res.body.contains("課題") && !res.body.contains("issue"), "{backend}: {}", res.body);
        // Viewers do not read consultations (they may name people); they do read the rest.
        let (hits, _) = found(&app, "服薬", &viewer).await;
        assert!(!hits.iter().any(|h| h.0 == "consultation" || h.0 == "issue"), "{backend}: {hits:?}");
        assert!(hits.contains(&pair("meeting", "多職種連絡会")) && hits.contains(&pair("training", "在宅医療研修会")), "{backend}: {hits:?}");
        assert!(found(&app, "服薬", &coordinator).await.0.iter().any(|h| h.0 == "consultation"), "{backend}");
        // The page, likewise.
        let page = app.get(&format!("/search?q={}", enc("共通連携テーマ")), Some(&viewer)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains("薬局の服薬管理課題") && !page.body.contains("data-kind=\"issue\""), "{backend}");
        assert!(page.body.contains("見つかりませんでした"), "{backend}");

        // Collectors and partners see only their own section; nobody signed in, nothing.
        for token in [&partner, &collector] {
            assert_eq!(app.call("search", &form(&[("q", "服薬")]), Some(token)).await.status, StatusCode::FORBIDDEN);
            let page = app.get(&format!("/search?q={}", enc("服薬")), Some(token)).await;
            assert!(!page.body.contains("多職種連絡会"), "{backend}");
            assert!(!page.body.contains("class=\"header-search\""), "{backend}: no search box for them");
        }
        assert_eq!(app.call("search", &form(&[("q", "服薬")]), None).await.status, StatusCode::UNAUTHORIZED);
        assert!(app.get("/", Some(&viewer)).await.body.contains("class=\"header-search\""), "{backend}: the team has the box");
    }
}

#[tokio::test]
async fn the_page_groups_results_and_refuses_a_query_too_long() {
    for db in backends().await {
        let app = seeded(db).await;
        records(&app).await;
        let backend = app.db.backend;
        let (_, token) = app.user("coordinator", Role::Coordinator).await;

        let page = app.get(&format!("/search?q={}", enc("やっきょく")), Some(&token)).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        for part in ["data-kind=\"meeting\"", "data-kind=\"organisation\"", "多職種連絡会", "かまいし薬局", "ヤッキョク連携", "<h2", "1件", "区別しません"] {
            assert!(page.body.contains(part), "{backend}: {part} on the page");
        }
        assert!(!page.body.contains("data-kind=\"person\""), "{backend}");
        // Kinds in a fixed order: meetings before organisations.
        assert!(page.body.find("data-kind=\"meeting\"") < page.body.find("data-kind=\"organisation\""));
        let empty = app.get(&format!("/search?q={}", enc("どこにもない語句ぬ")), Some(&token)).await;
        assert!(empty.status == StatusCode::OK && empty.body.contains("見つかりませんでした"), "{backend}");
        let blank = app.get("/search", Some(&token)).await;
        assert!(blank.status == StatusCode::OK && !blank.body.contains("見つかりませんでした"), "{backend}");

        // Too long: a message, never a fault; the server function names the field.
        let long = "あ".repeat(201);
        let res = app.call("search", &form(&[("q", &long)]), Some(&token)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {}", res.body);
        let err: app::error::AppError = serde_json::from_str(&res.body).unwrap();
        assert!(err.field_message("q").is_some(), "{err:?}");
        let page = app.get(&format!("/search?q={}", enc(&long)), Some(&token)).await;
        assert!(page.status.is_client_error(), "{backend}: {}", page.status);
        assert!(page.body.contains("200文字以内"), "{backend}");
        // 200 characters are fine.
        assert_eq!(app.call("search", &form(&[("q", &"あ".repeat(200))]), Some(&token)).await.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn the_index_follows_edits_archiving_deleting_and_is_rebuilt_when_empty() {
    for db in backends().await {
        let app = seeded(db).await;
        let r = records(&app).await;
        let backend = app.db.backend;
        let c = &app.db.conn;
        let now = Utc::now();
        let (_, token) = app.user("coordinator", Role::Coordinator).await;
        let ph = profession(&app, "薬剤師").await;
        let version = |id: i32| async move { meeting::Entity::find_by_id(id).one(c).await.unwrap().unwrap().version };

        // Archived: out of the results; restored: back.
        meetings::write::set_active(c, &sys(), r.meeting, version(r.meeting).await, false, now).await.unwrap();
        assert!(found(&app, "カレンダー", &token).await.0.is_empty(), "{backend}");
        meetings::write::set_active(c, &sys(), r.meeting, version(r.meeting).await, true, now).await.unwrap();
        assert_eq!(found(&app, "カレンダー", &token).await.0.len(), 1, "{backend}");
        // Edited: the new minutes are found, the old ones no longer.
        meetings::write::save(c, &sys(), Some(r.meeting), Some(version(r.meeting).await), &meeting_input(ph, "お薬手帳の活用を決めた。"), now).await.unwrap();
        assert!(found(&app, "カレンダー", &token).await.0.is_empty(), "{backend}");
        assert_eq!(found(&app, "お薬手帳", &token).await.0, [pair("meeting", "多職種連絡会")], "{backend}");
        // Deleted: gone.
        directory::organisations::delete(c, &sys(), r.organisation, now).await.unwrap();
        assert!(!found(&app, "かまいし", &token).await.0.iter().any(|h| h.0 == "organisation"), "{backend}");

        // An installation from before the index: built once, then left alone.
        let before = found(&app, "服薬", &token).await.0;
        assert!(!search::needs_rebuild(c).await.unwrap());
        search_doc::Entity::delete_many().exec(c).await.unwrap();
        assert!(found(&app, "服薬", &token).await.0.is_empty(), "{backend}");
        assert!(search::needs_rebuild(c).await.unwrap());
        server::index_for_search(c).await.unwrap();
        assert_eq!(found(&app, "服薬", &token).await.0, before, "{backend}");
        assert_eq!(search::ensure_indexed(c, now).await.unwrap(), None, "{backend}: not twice");
        // A rebuild gives the same index: the same records, each once.
        let entries = || async {
            let mut v: Vec<(String, i32)> = search_doc::Entity::find().all(c).await.unwrap().into_iter().map(|d| (d.kind, d.record_id)).collect();
            v.sort();
            v
        };
        let kept = entries().await;
        assert!(!kept.is_empty(), "{backend}");
        let n = search::rebuild(c, now).await.unwrap();
        assert_eq!(entries().await, kept, "{backend}");
        assert_eq!(n as usize, kept.len(), "{backend}");
        assert_eq!(found(&app, "服薬", &token).await.0, before, "{backend}");

        // Two servers starting together on an empty index: one builds it, the other finds it.
        search_doc::Entity::delete_many().exec(c).await.unwrap();
        let (a, b) = tokio::join!(server::index_for_search(c), server::index_for_search(c));
        assert!(a.is_ok() && b.is_ok(), "{backend}: {a:?} {b:?}");
        assert_eq!(entries().await, kept, "{backend}");

        // An index gone astray (a row lost, another's text changed outside the app):
        // `renkei reindex` puts it right.
        let docs = search_doc::Entity::find().all(c).await.unwrap();
        search_doc::Entity::delete_by_id(docs[0].id).exec(c).await.unwrap();
        let mut wrong: search_doc::ActiveModel = docs[1].clone().into();
        wrong.body = sea_orm::Set("まちがい".into());
        search_doc::Entity::update(wrong).exec(c).await.unwrap();
        assert!(!search::needs_rebuild(c).await.unwrap(), "{backend}: not empty, so not rebuilt at start");
        assert_eq!(server::cli::reindex(c).await.unwrap() as usize, kept.len(), "{backend}");
        assert_eq!(entries().await, kept, "{backend}");
        assert!(search_doc::Entity::find().all(c).await.unwrap().iter().all(|d| d.body != "まちがい"), "{backend}");
        assert_eq!(found(&app, "服薬", &token).await.0, before, "{backend}");
    }
}

#[tokio::test]
async fn a_renamed_organisation_finds_its_consultations_by_the_new_name_only() {
    for db in backends().await {
        let app = seeded(db).await;
        let backend = app.db.backend;
        let c = &app.db.conn;
        let now = Utc::now();
        let (_, token) = app.user("coordinator", Role::Coordinator).await;
        let input = |name: &str| OrganisationInput { name: name.into(), kind: "pharmacy".into(), ..Default::default() };
        let org = directory::organisations::save(c, &sys(), None, None, &input("はまかぜ調剤"), false, now).await.unwrap();
        let category = consultations::categories::all(c).await.unwrap()[0].id;
        let consultation = ConsultationInput {
            received_on: "2025-08-01".into(),
            category: category.to_string(),
            status: "done".into(),
            organisation: org.to_string(),
            content: "残薬の相談".into(),
            ..Default::default()
        };
        consultations::record::save(c, &IssueAccess::unrestricted(), &sys(), None, None, &consultation, now).await.unwrap();
        let consultations_of = |hits: Vec<(String, String)>| hits.into_iter().filter(|h| h.0 == "consultation").collect::<Vec<_>>();
        assert_eq!(consultations_of(found(&app, "はまかぜ", &token).await.0), [pair("consultation", "残薬の相談")], "{backend}");

        let version = app::server::entities::organisation::Entity::find_by_id(org).one(c).await.unwrap().unwrap().version;
        directory::organisations::save(c, &sys(), Some(org), Some(version), &input("うみかぜ調剤"), false, now).await.unwrap();
        assert_eq!(consultations_of(found(&app, "うみかぜ", &token).await.0), [pair("consultation", "残薬の相談")], "{backend}");
        assert!(consultations_of(found(&app, "はまかぜ", &token).await.0).is_empty(), "{backend}: the old name no longer finds it");
    }
}
