//! The social resource list: nothing unscreened or unconsented is ever public (every public
//! page and file, each state), staff-only fields never leave the team, the screening and
//! consent rules, the yearly confirmation and staleness, who may do what, HSDS JSON and the
//! booklet's order.

use crate::common;

use app::domain::resources::{is_public, Activity, Consent, ResourceInput, Screening};
use app::domain::Role;
use app::error::AppError;
use app::server::services::audit::Actor;
use app::server::services::resources::{self, lists, public, screening};
use app::dto::resources::{PublicQuery, ResourceQuery};
use chrono::{NaiveDate, Utc};
use common::{backends, form, TestApp, TestDb};
use http::StatusCode;

async fn seeded(db: TestDb) -> TestApp {
    lists::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    TestApp::new(db).await
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn actor() -> Actor {
    Actor::system("test")
}

async fn district(app: &TestApp, name: &str) -> i32 {
    let l = lists::Districts::load(&app.db.conn).await.unwrap();
    l.all.iter().find(|x| x.name == name).unwrap().id
}

async fn category(app: &TestApp, name: &str) -> i32 {
    let c = lists::Categories::load(&app.db.conn).await.unwrap();
    c.choices().into_iter().find(|x| x.name == name).unwrap_or_else(|| panic!("no category {name}")).id
}

fn input(name: &str, category: i32, district: Option<i32>) -> ResourceInput {
    ResourceInput {
        name: name.into(),
        category: category.to_string(),
        district: district.map(|d| d.to_string()).unwrap_or_default(),
        activity: "active".into(),
        ..Default::default()
    }
}

async fn create(app: &TestApp, i: &ResourceInput) -> i32 {
    resources::save(&app.db.conn, &actor(), None, None, i, Utc::now()).await.unwrap()
}

async fn version(app: &TestApp, id: i32) -> i32 {
    resources::record::find(&app.db.conn, id).await.unwrap().version
}

/// Brings a resource to a screening state and consent (through the services, as the team does).
async fn decide(app: &TestApp, id: i32, s: Screening, c: Consent) {
    let reason = if s == Screening::Rejected { "連絡先が分からない" } else { "" };
    screening::screen(&app.db.conn, &actor(), id, version(app, id).await, s.code(), reason, Utc::now()).await.unwrap();
    let on = if c == Consent::None { "" } else { "2026-06-01" };
    screening::record_consent(&app.db.conn, &actor(), id, version(app, id).await, c.code(), on, "代表 山田", Utc::now()).await.unwrap();
}

/// Everything public, as one text: the list, the booklet, every detail page, the CSV and
/// the JSON, fetched without a session.
async fn everything_public(app: &TestApp, ids: &[i32]) -> (String, Vec<(i32, StatusCode, String)>) {
    let mut all = String::new();
    for path in ["/public/resources", "/public/resources/map", "/public/resources/medical", "/public/resources/booklet", "/public/resources.csv", "/public/resources.json"] {
        let r = app.get(path, None).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        all.push_str(&r.body);
    }
    let r = app.call("public_resources", "", None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    all.push_str(&r.body);
    let mut details = Vec::new();
    for id in ids {
        let r = app.get(&format!("/public/resources/{id}"), None).await;
        details.push((*id, r.status, r.body.clone()));
        let api = app.call("public_resource", &form(&[("id", &id.to_string())]), None).await;
        details.push((*id, api.status, api.body.clone()));
    }
    (all, details)
}

#[tokio::test]
async fn nothing_unscreened_or_unconsented_is_ever_public() {
    for db in backends().await {
        let app = seeded(db).await;
        app.user("admin", Role::Admin).await;
        let cafe = category(&app, "地域の参加資源 › つながるカフェ").await;
        let mut cases = Vec::new();
        // Every screening state × every consent, running.
        for s in Screening::ALL {
            for c in Consent::ALL {
                cases.push((s, c, Activity::Active, false));
            }
        }
        // Approved and consented, in each activity, and archived.
        cases.push((Screening::Approved, Consent::Public, Activity::Paused, false));
        cases.push((Screening::Approved, Consent::Public, Activity::Ended, false));
        cases.push((Screening::Approved, Consent::Public, Activity::Active, true));
        let mut made = Vec::new();
        for (n, (s, c, a, archived)) in cases.iter().enumerate() {
            let marker = format!("資源マーカー{n:02}号");
            let id = create(&app, &ResourceInput { activity: a.code().into(), ..input(&marker, cafe, None) }).await;
            decide(&app, id, *s, *c).await;
            if *archived {
                resources::set_active(&app.db.conn, &actor(), id, version(&app, id).await, false, Utc::now()).await.unwrap();
            }
            made.push((id, marker, is_public(*s, *c, *a, *archived)));
        }
        // The rule itself: exactly 掲載可 + 一般公開の同意 + not ended + not archived.
        assert_eq!(made.iter().filter(|m| m.2).count(), 2, "approved+public: active, paused (archived and ended are not)");

        let ids: Vec<i32> = made.iter().map(|m| m.0).collect();
        let (all, details) = everything_public(&app, &ids).await;
        for (id, marker, public) in &made {
            assert_eq!(all.contains(marker.as_str()), *public, "{marker} (public: {public}) on the public pages and files");
            for (did, status, body) in details.iter().filter(|x| x.0 == *id) {
                if *public {
                    assert_eq!(*status, StatusCode::OK, "{did}");
                    assert!(body.contains(marker.as_str()));
                } else {
                    assert_eq!(*status, StatusCode::NOT_FOUND, "resource {did} ({marker}) must not be found publicly: {body}");
                    assert!(!body.contains(marker.as_str()));
                }
            }
        }
        // The team's list still has every current one.
        let team = resources::list(&app.db.conn, &ResourceQuery::default(), d("2026-12-01")).await.unwrap();
        assert_eq!(team.total as usize, made.len() - 1);
    }
}

#[tokio::test]
async fn staff_only_fields_never_reach_public_pages_or_files() {
    for db in backends().await {
        let app = seeded(db).await;
        app.user("admin", Role::Admin).await;
        let cat = category(&app, "地域の参加資源 › 100歳体操").await;
        let dist = district(&app, "鵜住居").await;
        let i = ResourceInput {
            name: "公開名称ミナト体操".into(),
            kana: "こうかいめいしょう".into(),
            description: "公開内容ストレッチ".into(),
            audience: "公開対象どなたでも".into(),
            schedule: "公開日時十時から".into(),
            schedule_rule: "weekly:1".into(),
            place: "公開会場集会所".into(),
            address: "公開住所鵜住居町1-1".into(),
            latitude: "39.3302".into(),
            longitude: "141.8861".into(),
            cost: "公開費用無料".into(),
            how_to_join: "公開参加直接来てください".into(),
            public_contact: "公開連絡先0193-00-0000".into(),
            staff_contact: "非公開専門職連絡先090-9999-9999".into(),
            known_by: "非公開顔の見える関係佐藤".into(),
            source: "非公開出どころ鵜住居センター".into(),
            notice: "公開お知らせ一月休み".into(),
            ..input("x", cat, Some(dist))
        };
        let id = create(&app, &i).await;
        screening::screen(&app.db.conn, &actor(), id, version(&app, id).await, "approved", "", Utc::now()).await.unwrap();
        screening::record_consent(&app.db.conn, &actor(), id, version(&app, id).await, "public", "2026-05-01", "非公開同意者鈴木", Utc::now()).await.unwrap();
        let confirmer = Actor { id: None, name: "非公開確認者高橋".into() };
        screening::confirm(&app.db.conn, &confirmer, id, version(&app, id).await, d("2026-06-01"), Utc::now()).await.unwrap();
        let (all, details) = everything_public(&app, &[id]).await;
        let detail_page = &details[0].2;
        for public_value in ["公開名称ミナト体操", "公開内容ストレッチ", "公開対象どなたでも", "公開日時十時から", "毎週火曜日", "公開会場集会所", "公開住所鵜住居町1-1", "公開費用無料", "公開参加直接来てください", "公開連絡先0193-00-0000", "公開お知らせ一月休み", "鵜住居"] {
            assert!(detail_page.contains(public_value), "{public_value} missing on the public page");
        }
        assert!(detail_page.contains("2026/06/01（月）"), "the confirmation date is public");
        for staff_value in ["非公開専門職連絡先", "非公開顔の見える関係", "非公開出どころ", "非公開同意者", "非公開確認者", "システム（test）"] {
            assert!(!all.contains(staff_value), "{staff_value} reached a public page or file");
            for (_, _, body) in &details {
                assert!(!body.contains(staff_value), "{staff_value} reached a public detail");
            }
        }
        // The team sees them.
        let (_, token) = app.user("viewer", Role::Viewer).await;
        let team = app.get(&format!("/resources/{id}"), Some(&token)).await;
        assert_eq!(team.status, StatusCode::OK);
        assert!(team.body.contains("非公開専門職連絡先") && team.body.contains("非公開顔の見える関係佐藤"));
    }
}

#[tokio::test]
async fn screening_and_consent_rules() {
    for db in backends().await {
        let app = seeded(db).await;
        let cat = category(&app, "薬局").await;
        let id = create(&app, &input("みなと薬局", cat, None)).await;
        let m = resources::record::find(&app.db.conn, id).await.unwrap();
        assert_eq!((m.screening.as_str(), m.consent.as_str(), m.confirmed_on), ("collected", "none", None), "a new entry waits in the queue");
        let queue = resources::list(&app.db.conn, &ResourceQuery { screening: Some("waiting".into()), ..Default::default() }, d("2026-12-01")).await.unwrap();
        assert_eq!((queue.total, queue.waiting), (1, 1));

        // 非掲載 needs a reason; nothing changes without one.
        let err = screening::screen(&app.db.conn, &actor(), id, version(&app, id).await, "rejected", " ", Utc::now()).await.unwrap_err();
        assert_eq!(err.field_message("reason"), Some("非掲載の理由を入力してください。"));
        assert_eq!(resources::record::find(&app.db.conn, id).await.unwrap().screening, "collected");
        // Consent to publish needs its date.
        let err = screening::record_consent(&app.db.conn, &actor(), id, version(&app, id).await, "public", "", "", Utc::now()).await.unwrap_err();
        assert!(err.field_message("consent_on").is_some(), "{err:?}");
        let err = screening::record_consent(&app.db.conn, &actor(), id, version(&app, id).await, "everyone", "2026-01-01", "", Utc::now()).await.unwrap_err();
        assert!(err.field_message("consent").is_some());

        decide(&app, id, Screening::Approved, Consent::Public).await;
        assert!(public::get(&app.db.conn, id).await.is_ok());
        // Withdrawn consent unpublishes at once, and clears who and when.
        screening::record_consent(&app.db.conn, &actor(), id, version(&app, id).await, "none", "", "", Utc::now()).await.unwrap();
        assert!(matches!(public::get(&app.db.conn, id).await, Err(AppError::NotFound)));
        let m = resources::record::find(&app.db.conn, id).await.unwrap();
        assert_eq!((m.consent_on, m.consent_by.as_str()), (None, ""));
        // Professionals only: on the team's list, never public.
        decide(&app, id, Screening::Approved, Consent::Professionals).await;
        assert!(matches!(public::get(&app.db.conn, id).await, Err(AppError::NotFound)));

        // A stale version is refused and names the conflict.
        let err = screening::screen(&app.db.conn, &actor(), id, 1, "reviewing", "", Utc::now()).await.unwrap_err();
        assert!(matches!(err, AppError::Conflict(_)), "{err:?}");

        // Every decision is in the audit trail.
        let filter = app::dto::audit::AuditFilter { entity_type: Some("resource".into()), ..Default::default() };
        let trail = app::server::services::audit::query::list(&app.db.conn, &filter).await.unwrap();
        assert!(trail.total >= 6, "{}", trail.total);
        // Editing the record never changes its screening or consent.
        let v = version(&app, id).await;
        resources::save(&app.db.conn, &actor(), Some(id), Some(v), &input("みなと薬局（本店）", cat, None), Utc::now()).await.unwrap();
        let m = resources::record::find(&app.db.conn, id).await.unwrap();
        assert_eq!((m.name.as_str(), m.screening.as_str(), m.consent.as_str()), ("みなと薬局（本店）", "approved", "professionals"));
    }
}

#[tokio::test]
async fn confirmation_round_and_staleness_across_a_fiscal_year() {
    for db in backends().await {
        let app = seeded(db).await;
        let cat = category(&app, "地域の参加資源 › つながるカフェ").await;
        let dist = district(&app, "平田").await;
        let other = district(&app, "唐丹").await;
        let b = create(&app, &ResourceInput { kana: "ぶ".into(), ..input("Bカフェ", cat, Some(dist)) }).await;
        let a = create(&app, &ResourceInput { kana: "あ".into(), ..input("Aカフェ", cat, Some(dist)) }).await;
        let rejected = create(&app, &ResourceInput { kana: "い".into(), ..input("非掲載カフェ", cat, Some(dist)) }).await;
        decide(&app, rejected, Screening::Rejected, Consent::None).await;
        create(&app, &input("よその地区", cat, Some(other))).await;

        // Confirmed on 2025-03-31 (the last day of R6).
        screening::confirm(&app.db.conn, &actor(), a, version(&app, a).await, d("2025-03-31"), Utc::now()).await.unwrap();
        let stale_at = |day: &'static str| {
            let conn = app.db.conn.clone();
            async move {
                let l = resources::list(&conn, &ResourceQuery { stale: Some(true), district: Some(dist), ..Default::default() }, d(day)).await.unwrap();
                l.items.into_iter().map(|i| i.name).collect::<Vec<_>>()
            }
        };
        // Never confirmed is stale; confirmed within 12 months is not, across the new fiscal year.
        // (By kana: あ, い, ぶ.)
        assert_eq!(stale_at("2025-04-01").await, vec!["非掲載カフェ".to_string(), "Bカフェ".to_string()]);
        assert_eq!(stale_at("2026-03-31").await, vec!["非掲載カフェ".to_string(), "Bカフェ".to_string()]);
        assert_eq!(stale_at("2026-04-01").await, vec!["Aカフェ".to_string(), "非掲載カフェ".to_string(), "Bカフェ".to_string()]);
        // One click clears it.
        screening::confirm(&app.db.conn, &actor(), a, version(&app, a).await, d("2026-04-01"), Utc::now()).await.unwrap();
        assert_eq!(stale_at("2026-04-01").await, vec!["非掲載カフェ".to_string(), "Bカフェ".to_string()]);
        let m = resources::record::find(&app.db.conn, a).await.unwrap();
        assert_eq!((m.confirmed_on, m.confirmed_by.as_str()), (Some(d("2026-04-01")), actor().name.as_str()));

        // The round of 平田: by kana, without the rejected entry or other districts.
        let round = screening::round(&app.db.conn, Some(dist), d("2026-04-02")).await.unwrap();
        assert_eq!(round.items.iter().map(|i| i.id).collect::<Vec<_>>(), vec![a, b]);
        assert!(!round.items[0].stale && round.items[1].stale);
        assert_eq!(round.printed_on, "2026年4月2日");
        // The page prints one sheet each.
        let (_, token) = app.user("coordinator", Role::Coordinator).await;
        let page = app.get(&format!("/resources/confirm?district={dist}"), Some(&token)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.body.matches("data-testid=\"confirm-sheet\"").count(), 2);
        // The one-click confirm through the server function.
        let r = app.call("resources_confirm", &form(&[("id", &b.to_string()), ("version", &version(&app, b).await.to_string()), ("back", "/resources/confirm")]), Some(&token)).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{}: {}", r.status, r.body);
        assert_eq!(resources::record::find(&app.db.conn, b).await.unwrap().confirmed_on, Some(app::clock::today()));
    }
}

#[tokio::test]
async fn who_may_do_what() {
    for db in backends().await {
        let app = seeded(db).await;
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let (_, coordinator) = app.user("coordinator", Role::Coordinator).await;
        let cat = category(&app, "生活応援センター").await;
        let save = |name: &str| form(&[("name", name), ("category", &cat.to_string()), ("activity", "active")]);

        // Nobody signed in: no team page or function, but the public pages.
        assert_eq!(app.get("/resources", None).await.status, StatusCode::SEE_OTHER);
        assert_eq!(app.call("resources_list", "", None).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(app.call("resources_save", &save("匿名"), None).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(app.get("/public/resources", None).await.status, StatusCode::OK);
        assert_eq!(app.get("/public/../resources", None).await.status, StatusCode::SEE_OTHER, "no way around the gate through /public");
        let csv = app.get("/public/resources.csv", None).await;
        assert_eq!(csv.header("cache-control"), "public, no-cache", "withdrawn consent must unpublish at once");

        // A viewer reads the team's list but changes nothing.
        assert_eq!(app.get("/resources", Some(&viewer)).await.status, StatusCode::OK);
        assert_eq!(app.call("resources_save", &save("閲覧者"), Some(&viewer)).await.status, StatusCode::FORBIDDEN);

        // A coordinator enters (the input struct arrives flattened from the form), screens
        // and records consent.
        let r = app.call("resources_save", &save("平田生活応援センター"), Some(&coordinator)).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{}: {}", r.status, r.body);
        let list = resources::list(&app.db.conn, &ResourceQuery::default(), d("2026-12-01")).await.unwrap();
        let id = list.items.iter().find(|i| i.name == "平田生活応援センター").expect("saved").id;
        let fields = |v: i32| form(&[("id", &id.to_string()), ("version", &v.to_string()), ("screening", "approved")]);
        assert_eq!(app.call("resources_screen", &fields(version(&app, id).await), Some(&viewer)).await.status, StatusCode::FORBIDDEN);
        let r = app.call("resources_screen", &fields(version(&app, id).await), Some(&coordinator)).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{}: {}", r.status, r.body);
        assert_eq!(resources::record::find(&app.db.conn, id).await.unwrap().screening, "approved");

        // Bad input: the field's message, nothing saved, never a 500.
        let r = app.call("resources_save", &form(&[("name", ""), ("category", "x"), ("activity", "active"), ("latitude", "北緯")]), Some(&coordinator)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("名称を入力してください。") && r.body.contains("分類を選んでください。"), "{}", r.body);
        assert_eq!(resources::list(&app.db.conn, &ResourceQuery::default(), d("2026-12-01")).await.unwrap().total, 1);
    }
}

#[tokio::test]
async fn hsds_json_has_the_required_fields() {
    for db in backends().await {
        let app = seeded(db).await;
        app.user("admin", Role::Admin).await;
        let cafe = category(&app, "地域の参加資源 › つながるカフェ").await;
        let window = category(&app, "相談窓口 › 高齢者").await;
        let org_input = app::domain::directory::OrganisationInput { name: "釜石市社会福祉協議会".into(), kind: "association".into(), ..Default::default() };
        let org = app::server::services::directory::organisations::save(&app.db.conn, &actor(), None, None, &org_input, false, Utc::now()).await.unwrap();
        let a = create(&app, &ResourceInput { organiser: org.to_string(), schedule_rule: "monthly:2:2".into(), schedule: "13:30〜15:00".into(), latitude: "39.27".into(), longitude: "141.88".into(), ..input("つながるカフェ中妻", cafe, None) }).await;
        let b = create(&app, &ResourceInput { organiser_text: "地域包括支援センター".into(), activity: "paused".into(), ..input("高齢者相談窓口", window, None) }).await;
        let c = create(&app, &input("主催なしの集い", cafe, None)).await;
        for id in [a, b, c] {
            decide(&app, id, Screening::Approved, Consent::Public).await;
        }
        let r = app.get("/public/resources.json", None).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.header("content-type").starts_with("application/json"));
        let doc = r.json();
        assert_eq!(doc["hsds_version"], "3.0");
        let uuid = |v: &serde_json::Value| {
            let s = v.as_str().unwrap_or_else(|| panic!("id not a string: {v}"));
            s.len() == 36 && s.split('-').map(str::len).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        };
        let orgs = doc["organizations"].as_array().unwrap();
        assert_eq!(orgs.len(), 3);
        let mut services = 0;
        for o in orgs {
            // HSDS 3.0 organization: id, name, description are required.
            assert!(uuid(&o["id"]) && o["name"].is_string() && o["description"].is_string(), "{o}");
            for s in o["services"].as_array().unwrap() {
                services += 1;
                // service: id, name, status (an enumerated value).
                assert!(uuid(&s["id"]) && s["name"].is_string(), "{s}");
                assert!(["active", "inactive", "defunct", "temporarily closed"].contains(&s["status"].as_str().unwrap()));
                assert_eq!(s["organization_id"], o["id"]);
                for sal in s["service_at_locations"].as_array().unwrap() {
                    assert!(uuid(&sal["id"]));
                    // location: id and location_type (physical, postal or virtual).
                    assert!(uuid(&sal["location"]["id"]) && ["physical", "postal", "virtual"].contains(&sal["location"]["location_type"].as_str().unwrap()));
                }
                for sch in s["schedules"].as_array().unwrap() {
                    assert!(uuid(&sch["id"]));
                }
                for c in s["contacts"].as_array().unwrap() {
                    assert!(uuid(&c["id"]));
                }
            }
        }
        assert_eq!(services, 3);
        let service = |name: &str| orgs.iter().flat_map(|o| o["services"].as_array().unwrap().iter()).find(|s| s["name"] == name).unwrap().clone();
        let cafe = service("つながるカフェ中妻");
        assert_eq!((cafe["schedules"][0]["freq"].as_str(), cafe["schedules"][0]["byday"].as_str()), (Some("MONTHLY"), Some("2WE")));
        assert_eq!(cafe["service_at_locations"][0]["location"]["latitude"], 39.27);
        assert_eq!(service("高齢者相談窓口")["status"], "temporarily closed");
        // An organisation that organises a resource is archived, not deleted (the resource keeps it).
        let outcome = app::server::services::directory::organisations::delete(&app.db.conn, &actor(), org, Utc::now()).await.unwrap();
        assert_eq!(outcome, app::dto::directory::DeleteOutcome::Archived);
        // Editing the resource still offers its (now archived) organiser, so a save keeps it.
        let cx = resources::record::Context::load(&app.db.conn).await.unwrap();
        let current = resources::record::find(&app.db.conn, a).await.unwrap();
        let offered = resources::record::choices(&app.db.conn, resources::Scope::Team, &cx, Some(&current)).await.unwrap();
        assert!(offered.organisations.iter().any(|o| o.id == org), "the archived organiser stays offered");
        assert!(!resources::record::choices(&app.db.conn, resources::Scope::Team, &cx, None).await.unwrap().organisations.iter().any(|o| o.id == org));
        // Stable ids: the same document twice.
        assert_eq!(app.get("/public/resources.json", None).await.json(), doc);
        // The CSV: UTF-8 with BOM, a header row and one row each.
        let csv = app.get("/public/resources.csv", None).await;
        assert!(csv.bytes.starts_with("\u{feff}".as_bytes()));
        assert_eq!(csv.body.lines().count(), 4);
        assert!(csv.body.lines().next().unwrap().contains(&public::CSV_HEADERS.join(",")));
    }
}

#[tokio::test]
async fn the_booklet_and_public_list_are_ordered_by_district_then_category() {
    for db in backends().await {
        let app = seeded(db).await;
        app.user("admin", Role::Admin).await;
        let cafe = category(&app, "地域の参加資源 › つながるカフェ").await;
        let pharmacy = category(&app, "薬局").await;
        let (kamaishi, unosumai) = (district(&app, "釜石").await, district(&app, "鵜住居").await);
        // Created out of order.
        let rows = [
            ("うのすまいカフェ", "うのすまい", cafe, Some(unosumai)),
            ("かまいし薬局", "かまいし", pharmacy, Some(kamaishi)),
            ("あおばカフェ", "あおば", cafe, Some(kamaishi)),
            ("市全域の窓口", "しぜんいき", pharmacy, None),
            ("いろはカフェ", "いろは", cafe, Some(kamaishi)),
        ];
        for (name, kana, cat, dist) in rows {
            let id = create(&app, &ResourceInput { kana: kana.into(), ..input(name, cat, dist) }).await;
            decide(&app, id, Screening::Approved, Consent::Public).await;
        }
        // 釜石 (薬局 before 地域の参加資源 in the category list; by kana within), 鵜住居, then no district.
        let list = public::list(&app.db.conn, &PublicQuery::default(), d("2026-12-02")).await.unwrap();
        assert_eq!(list.items.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["かまいし薬局", "あおばカフェ", "いろはカフェ", "うのすまいカフェ", "市全域の窓口"]);
        assert_eq!(list.as_of, "2026年12月2日現在");
        let booklet = app.get("/public/resources/booklet", None).await;
        let pos = |s: &str| booklet.body.find(s).unwrap_or_else(|| panic!("{s} not in the booklet"));
        assert!(pos("かまいし薬局") < pos("あおばカフェ") && pos("あおばカフェ") < pos("いろはカフェ") && pos("いろはカフェ") < pos("うのすまいカフェ") && pos("うのすまいカフェ") < pos("市全域の窓口"));
        assert_eq!(booklet.body.matches("data-testid=\"booklet-district\"").count(), 3);
        // Search by kana finds kanji and katakana; district and category narrow.
        let found = public::list(&app.db.conn, &PublicQuery { q: Some("カフェ".into()), district: Some(kamaishi), ..Default::default() }, d("2026-12-02")).await.unwrap();
        assert_eq!(found.items.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["あおばカフェ", "いろはカフェ"]);
        let found = public::list(&app.db.conn, &PublicQuery { q: Some("ウノスマイ".into()), ..Default::default() }, d("2026-12-02")).await.unwrap();
        assert_eq!(found.items.len(), 1);
        let parent = category(&app, "地域の参加資源").await;
        let found = public::list(&app.db.conn, &PublicQuery { category: Some(parent), ..Default::default() }, d("2026-12-02")).await.unwrap();
        assert_eq!(found.items.len(), 3, "a category includes its sub-categories");
    }
}

#[tokio::test]
async fn hostile_input_is_data_on_every_public_output() {
    for db in backends().await {
        let app = seeded(db).await;
        let (_, token) = app.user("coordinator", Role::Coordinator).await;
        let cat = category(&app, "薬局").await;
        let evil = ResourceInput {
            description: "=HYPERLINK(\"http://x.example\",\"click\")".into(),
            ..input("</title><script>alert(1)</script>", cat, None)
        };
        let id = create(&app, &evil).await;
        decide(&app, id, Screening::Approved, Consent::Public).await;
        for path in [format!("/public/resources/{id}"), "/public/resources".into(), "/public/resources/booklet".into(), format!("/resources/{id}")] {
            let r = app.get(&path, Some(&token)).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            assert!(!r.body.contains("<script>alert(1)"), "{path} carries the markup unescaped");
        }
        let csv = app.get("/public/resources.csv", None).await.body;
        assert!(!csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"), "{csv}");
        // Out-of-range numbers, a 1 MB string: 4xx or an ordinary page, never a 5xx.
        for path in ["/public/resources?district=2147483648&category=-1", "/public/resources/2147483648", "/public/resources/99999999999999", "/resources?page=18446744073709551616&district=x"] {
            let r = app.get(path, Some(&token)).await;
            assert!(r.status.is_success() || r.status.is_client_error(), "{path}: {}", r.status);
        }
        let big = "あ".repeat(350_000);
        let r = app.call("resources_save", &form(&[("name", &big), ("category", &cat.to_string()), ("activity", "active")]), Some(&token)).await;
        assert!(r.status.is_client_error(), "{}", r.status);
        let r = app.call("resources_save", &form(&[("name", "x"), ("category", &cat.to_string()), ("activity", "active"), ("collected_on", "2147483647-01-01")]), Some(&token)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("収集日は"), "{}", r.body);
    }
}

#[tokio::test]
async fn a_collector_enters_and_edits_only_their_district_and_sees_nothing_else() {
    use app::server::services::resources::collectors;
    for db in backends().await {
        let app = seeded(db).await;
        let (col, token) = app.user("unosumai", Role::Collector).await;
        let unosumai = district(&app, "鵜住居").await;
        let kasshi = district(&app, "甲子").await;
        let cafe = category(&app, "地域の参加資源 › つながるカフェ").await;
        let theirs = create(&app, &input("鵜住居の100歳体操", cafe, Some(unosumai))).await;
        decide(&app, theirs, Screening::Approved, Consent::Public).await;
        let other = create(&app, &input("甲子のサロン", cafe, Some(kasshi))).await;
        let ok = |s: StatusCode| s.is_success() || s.is_redirection();

        // Not yet bound to a district: nothing at all; an administrator must choose one.
        assert_eq!(app.call("resources_list", "", Some(&token)).await.status, StatusCode::FORBIDDEN);
        let none = collectors::assign(&app.db.conn, &actor(), col.id, "unosumai", Role::Collector, "", Utc::now()).await;
        assert!(matches!(none, Err(AppError::Validation(_))), "{none:?}");
        collectors::assign(&app.db.conn, &actor(), col.id, "unosumai", Role::Collector, &unosumai.to_string(), Utc::now()).await.unwrap();

        // Their district's list only, the queue counted in it, and no organisations of the directory.
        let list = app.call("resources_list", "", Some(&token)).await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        assert!(list.body.contains("鵜住居の100歳体操") && !list.body.contains("甲子のサロン"), "{}", list.body);
        assert_eq!(list.json()["choices"]["districts"].as_array().unwrap().len(), 1);
        assert!(list.json()["choices"]["organisations"].as_array().unwrap().is_empty());
        for (endpoint, id) in [("resources_get", other), ("resources_choices", other)] {
            assert_eq!(app.call(endpoint, &form(&[("id", &id.to_string())]), Some(&token)).await.status, StatusCode::NOT_FOUND, "{endpoint}");
        }
        assert_eq!(app.get(&format!("/resources/{other}"), Some(&token)).await.status, StatusCode::NOT_FOUND);

        // A new café: their district whatever the form says, waiting in the queue.
        let cafe_form = |district: &str| form(&[("name", "うのすまいカフェ"), ("category", &cafe.to_string()), ("district", district), ("activity", "active")]);
        let r = app.call("resources_save", &cafe_form(&kasshi.to_string()), Some(&token)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("担当地区の資源だけを登録できます。"), "{}", r.body);
        let r = app.call("resources_save", &cafe_form(""), Some(&token)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        let all = resources::list(&app.db.conn, &ResourceQuery::default(), d("2026-12-01")).await.unwrap();
        let new = all.items.iter().find(|i| i.name == "うのすまいカフェ").expect("saved");
        let row = resources::record::find(&app.db.conn, new.id).await.unwrap();
        assert_eq!((row.district_id, row.screening.as_str(), row.consent.as_str()), (Some(unosumai), "collected", "none"));

        // Another district's entry cannot be changed, nor any entry moved out of theirs.
        let edit = |id: i32, v: i32, name: &str, district: i32| {
            form(&[("id", &id.to_string()), ("version", &v.to_string()), ("name", name), ("category", &cafe.to_string()), ("district", &district.to_string()), ("activity", "active")])
        };
        let r = app.call("resources_save", &edit(other, version(&app, other).await, "乗っ取り", kasshi), Some(&token)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
        assert_eq!(resources::record::find(&app.db.conn, other).await.unwrap().name, "甲子のサロン");
        let r = app.call("resources_save", &edit(theirs, version(&app, theirs).await, "鵜住居の100歳体操", kasshi), Some(&token)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);

        // Their change to a published entry is screened again before it is public.
        assert!(public::list(&app.db.conn, &PublicQuery::default(), d("2026-12-01")).await.unwrap().items.iter().any(|i| i.id == theirs));
        let r = app.call("resources_save", &edit(theirs, version(&app, theirs).await, "鵜住居の100歳体操（木曜）", unosumai), Some(&token)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        assert_eq!(resources::record::find(&app.db.conn, theirs).await.unwrap().screening, "reviewing");
        assert!(!public::list(&app.db.conn, &PublicQuery::default(), d("2026-12-01")).await.unwrap().items.iter().any(|i| i.id == theirs));

        // No decisions, no archive, and nothing else of the app: functions, pages, exports.
        let v = version(&app, theirs).await.to_string();
        let id = theirs.to_string();
        for (endpoint, body) in [
            ("resources_screen", form(&[("id", &id), ("version", &v), ("screening", "approved")])),
            ("resources_consent", form(&[("id", &id), ("version", &v), ("consent", "public"), ("consent_on", "2026-06-01")])),
            ("resources_confirm", form(&[("id", &id), ("version", &v)])),
            ("resources_set_active", form(&[("id", &id), ("version", &v), ("active", "false")])),
            ("resources_round", form(&[("district", &kasshi.to_string())])),
            ("dashboard", String::new()),
            ("meetings_list", String::new()),
            ("organisations_list", String::new()),
            ("directory_choices", String::new()),
            ("trainings_list", String::new()),
            ("consultations_list", String::new()),
            ("users_list", String::new()),
        ] {
            assert_eq!(app.call(endpoint, &body, Some(&token)).await.status, StatusCode::FORBIDDEN, "{endpoint}");
        }
        assert_eq!(app.call("resources_round", &form(&[("district", &unosumai.to_string())]), Some(&token)).await.status, StatusCode::OK, "their own round sheets");
        for path in ["/meetings", "/directory/organisations", "/issues", "/consultations", "/trainings", "/report", "/admin/users"] {
            assert_eq!(app.get(path, Some(&token)).await.status, StatusCode::FORBIDDEN, "{path}");
        }
        let home = app.get("/", Some(&token)).await;
        assert_eq!((home.status, home.header("location")), (StatusCode::SEE_OTHER, "/resources"));
        let page = app.get("/resources", Some(&token)).await;
        assert_eq!(page.status, StatusCode::OK);
        for link in ["href=\"/meetings\"", "href=\"/directory/organisations\"", "href=\"/tools/fiscal-year\""] {
            assert!(!page.body.contains(link), "{link} in the collector's menu");
        }

        // An administrator creates a collector only with a district.
        let (_, admin) = app.user("admin", Role::Admin).await;
        let account = |district: &str| form(&[("login_name", "hirata"), ("display_name", "平田センター"), ("role", "collector"), ("password", "correct horse battery"), ("district", district)]);
        let r = app.call("users_create", &account(""), Some(&admin)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("担当地区を選んでください"), "{}", r.body);
        assert!(app::server::services::accounts::users::find_by_login(&app.db.conn, "hirata").await.unwrap().is_none(), "nothing saved");
        let hirata = district(&app, "平田").await;
        let r = app.call("users_create", &account(&hirata.to_string()), Some(&admin)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        let user = app::server::services::accounts::users::find_by_login(&app.db.conn, "hirata").await.unwrap().unwrap();
        assert_eq!(collectors::district_of(&app.db.conn, user.id).await.unwrap(), Some(hirata));

        // Saving an approved entry unchanged keeps it approved (only a change goes back to the team).
        let approved = create(&app, &input("鵜住居の体操教室", cafe, Some(unosumai))).await;
        decide(&app, approved, Screening::Approved, Consent::Public).await;
        let same = form(&[("id", &approved.to_string()), ("version", &version(&app, approved).await.to_string()), ("name", "鵜住居の体操教室"), ("category", &cafe.to_string()), ("district", &unosumai.to_string()), ("activity", "active")]);
        let r = app.call("resources_save", &same, Some(&token)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        assert_eq!(resources::record::find(&app.db.conn, approved).await.unwrap().screening, "approved");

        // A viewer with issue grants made a collector reads no register any more.
        use sea_orm::{ActiveModelTrait, Set};
        let (former, former_token) = app.user("former-viewer", Role::Viewer).await;
        app::server::services::directory::professions::ensure_defaults(&app.db.conn, Utc::now()).await.unwrap();
        let ph = <app::server::entities::profession::Entity as sea_orm::EntityTrait>::find().one(&app.db.conn).await.unwrap().unwrap().id;
        app::server::services::issues::grants::set(&app.db.conn, &actor(), former.id, &[ph], Utc::now()).await.unwrap();
        assert_eq!(app.call("issues_overview", "", Some(&former_token)).await.status, StatusCode::OK);
        let mut am: app::server::entities::app_user::ActiveModel = app::server::services::accounts::users::find(&app.db.conn, former.id).await.unwrap().into();
        am.role = Set("collector".into());
        am.update(&app.db.conn).await.unwrap();
        collectors::assign(&app.db.conn, &actor(), former.id, "former-viewer", Role::Collector, &unosumai.to_string(), Utc::now()).await.unwrap();
        assert_eq!(app.call("issues_overview", "", Some(&former_token)).await.status, StatusCode::FORBIDDEN);
        let refused = app::server::services::issues::grants::set(&app.db.conn, &actor(), former.id, &[ph], Utc::now()).await;
        assert!(matches!(refused, Err(AppError::Validation(_))), "grants are for viewers only");

        // Another role takes the district away.
        collectors::assign(&app.db.conn, &actor(), col.id, "unosumai", Role::Viewer, &unosumai.to_string(), Utc::now()).await.unwrap();
        assert_eq!(collectors::district_of(&app.db.conn, col.id).await.unwrap(), None);
    }
}

#[tokio::test]
async fn the_annual_report_counts_resources_of_the_fiscal_year() {
    use app::domain::FiscalYear;
    for db in backends().await {
        let app = seeded(db).await;
        let at = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap().and_hms_opt(3, 0, 0).unwrap().and_utc();
        let (unosumai, toni) = (district(&app, "鵜住居").await, district(&app, "唐丹").await);
        let cafe = category(&app, "地域の参加資源 › つながるカフェ").await;
        let window = category(&app, "相談窓口 › 高齢者").await;
        let save = |i: ResourceInput, id: Option<i32>, v: Option<i32>, now| {
            let db = app.db.conn.clone();
            async move { resources::save(&db, &actor(), id, v, &i, now).await.unwrap() }
        };
        // Added in R6 (FY2024) and confirmed in it; added in R6 and ended in it; from R5; from R7.
        let a = save(input("鵜住居カフェ", cafe, Some(unosumai)), None, None, at("2024-05-01")).await;
        screening::confirm(&app.db.conn, &actor(), a, version(&app, a).await, d("2024-10-01"), at("2024-10-01")).await.unwrap();
        let b = save(input("唐丹サロン", cafe, Some(toni)), None, None, at("2024-06-01")).await;
        save(ResourceInput { activity: "ended".into(), ..input("唐丹サロン", cafe, Some(toni)) }, Some(b), Some(version(&app, b).await), at("2025-01-10")).await;
        save(input("高齢者の相談窓口", window, None), None, None, at("2023-06-01")).await;
        save(input("来年のカフェ", cafe, Some(unosumai)), None, None, at("2025-05-01")).await;
        assert_eq!(resources::record::find(&app.db.conn, b).await.unwrap().ended_on, Some(d("2025-01-10")));

        let grids = resources::report::grids(&app.db.conn, FiscalYear(2024)).await.unwrap();
        let row = |g: usize, name: &str| grids[g].rows.iter().find(|r| r[0] == name).unwrap_or_else(|| panic!("no row {name}"))[1..].to_vec();
        assert_eq!(row(0, "鵜住居"), ["1", "1", "1", "0"]);
        assert_eq!(row(0, "唐丹"), ["0", "1", "0", "1"]);
        assert_eq!(row(0, "市内全域"), ["1", "0", "0", "0"]);
        assert_eq!(row(0, "甲子"), ["0", "0", "0", "0"], "every district has a row");
        assert_eq!(grids[0].foot.as_ref().unwrap()[1..], ["2", "2", "1", "1"]);
        assert_eq!(row(1, "地域の参加資源"), ["1", "2", "1", "1"]);
        assert_eq!(row(1, "相談窓口"), ["1", "0", "0", "0"]);
        // The next year: the R7 café is new, the ended salon is no longer counted.
        let next = resources::report::grids(&app.db.conn, FiscalYear(2025)).await.unwrap();
        assert_eq!(next[0].foot.as_ref().unwrap()[1..], ["3", "1", "0", "0"]);

        // In the report for those who may read the list, not for anyone else.
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let report = app.call("annual_report", &form(&[("fy", "2024")]), Some(&viewer)).await;
        assert_eq!(report.status, StatusCode::OK, "{}", report.body);
        assert!(report.json()["sections"].as_array().unwrap().iter().any(|s| s["key"] == "resources"));
    }
}

#[tokio::test]
async fn medical_and_care_facilities_are_published_with_public_fields_only() {
    use app::domain::directory::OrganisationInput;
    use app::server::services::directory::organisations;
    for db in backends().await {
        let app = seeded(db).await;
        let (_, coordinator) = app.user("coordinator", Role::Coordinator).await;
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let clinic = OrganisationInput {
            name: "鵜住居クリニック".into(),
            kana: "うのすまいくりにっく".into(),
            kind: "clinic".into(),
            address: "釜石市鵜住居町1-1".into(),
            phone: "0193-00-0000".into(),
            email: "staff-only@example.jp".into(),
            notes: "院長は水曜不在（内部メモ）".into(),
            ..Default::default()
        };
        let id = organisations::save(&app.db.conn, &actor(), None, None, &clinic, false, Utc::now()).await.unwrap();
        let other = organisations::save(&app.db.conn, &actor(), None, None, &OrganisationInput { name: "未掲載薬局".into(), kind: "pharmacy".into(), ..Default::default() }, false, Utc::now()).await.unwrap();
        let publish = |v: Option<i32>, note: &str| {
            let mut f = vec![("organisation", id.to_string()), ("attributes[]", "end_of_life".into()), ("attributes[]", "home_visits".into()), ("latitude", "39.3".into()), ("longitude", "141.9".into()), ("confirmed_on", "2026-11-01".into()), ("note", note.to_string())];
            if let Some(v) = v {
                f.push(("version", v.to_string()));
            }
            f
        };
        let body = |f: &[(&str, String)]| form(&f.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>());

        // Nothing is public before the team publishes it; viewers cannot publish.
        let empty = app.get("/public/resources/medical", None).await;
        assert_eq!(empty.status, StatusCode::OK);
        assert!(!empty.body.contains("鵜住居クリニック"));
        assert_eq!(app.call("facility_save", &body(&publish(None, "")), Some(&viewer)).await.status, StatusCode::FORBIDDEN);
        let bad = app.call("facility_save", &form(&[("organisation", &id.to_string()), ("latitude", "北緯")]), Some(&coordinator)).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);

        let r = app.call("facility_save", &body(&publish(None, "往診は要相談")), Some(&coordinator)).await;
        assert!(r.status.is_redirection() || r.status.is_success(), "{}: {}", r.status, r.body);
        let page = app.get("/public/resources/medical", None).await;
        for shown in ["鵜住居クリニック", "訪問診療", "看取り対応", "0193-00-0000", "釜石市鵜住居町1-1", "往診は要相談", "2026/11/01（日）"] {
            assert!(page.body.contains(shown), "{shown} missing");
        }
        let api = app.call("public_facilities", "", None).await;
        assert_eq!(api.status, StatusCode::OK);
        let everything = format!("{}{}", page.body, api.body);
        for hidden in ["staff-only@example.jp", "内部メモ", "未掲載薬局"] {
            assert!(!everything.contains(hidden), "{hidden} leaked");
        }
        assert_eq!(api.json()["items"][0]["attributes"], serde_json::json!(["訪問診療", "看取り対応"]), "in list order");
        // Filtered by what it offers.
        assert_eq!(app.call("public_facilities", "query[offers]=home_nursing", None).await.json()["items"].as_array().unwrap().len(), 0);
        assert_eq!(app.call("public_facilities", "query[offers]=home_visits", None).await.json()["items"].as_array().unwrap().len(), 1);

        // A stale version is refused; the current one saves; the change is in the audit trail.
        let stale = app.call("facility_save", &body(&publish(Some(0), "x")), Some(&coordinator)).await;
        assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
        let r = app.call("facility_save", &body(&publish(Some(1), "受付 9-17時")), Some(&coordinator)).await;
        assert!(r.status.is_redirection() || r.status.is_success(), "{}: {}", r.status, r.body);
        let map = app.get("/public/resources/map", None).await;
        assert!(map.body.contains(&format!("/public/resources/medical#facility-{id}")) && map.body.contains("141.9"), "on the map");
        let org_page = app.get(&format!("/directory/organisations/{id}"), Some(&coordinator)).await;
        assert!(org_page.body.contains("受付 9-17時") && org_page.body.contains("data-testid=\"facility-publication\""));
        assert!(!app.get(&format!("/directory/organisations/{id}"), Some(&viewer)).await.body.contains("facility-publication"), "only those who publish see the form");

        // Archived organisations and withdrawn publications are not public.
        let v = organisations::find(&app.db.conn, id).await.unwrap().version;
        organisations::set_active(&app.db.conn, &actor(), id, v, false, Utc::now()).await.unwrap();
        assert!(!app.get("/public/resources/medical", None).await.body.contains("鵜住居クリニック"));
        let v = organisations::find(&app.db.conn, id).await.unwrap().version;
        organisations::set_active(&app.db.conn, &actor(), id, v, true, Utc::now()).await.unwrap();
        let r = app.call("facility_withdraw", &form(&[("organisation", &id.to_string())]), Some(&coordinator)).await;
        assert!(r.status.is_redirection() || r.status.is_success(), "{}: {}", r.status, r.body);
        assert!(!app.get("/public/resources/medical", None).await.body.contains("鵜住居クリニック"));
        let _ = other;
    }
}

#[tokio::test]
async fn the_map_lists_published_resources_with_addresses_and_allows_only_its_tiles() {
    for db in backends().await {
        let app = seeded(db).await;
        app.user("admin", Role::Admin).await;
        let cafe = category(&app, "地域の参加資源 › つながるカフェ").await;
        let unosumai = district(&app, "鵜住居").await;
        let placed = create(&app, &ResourceInput { latitude: "39.3383".into(), longitude: "141.8986".into(), address: "釜石市鵜住居町第16地割".into(), ..input("うのすまいカフェ", cafe, Some(unosumai)) }).await;
        decide(&app, placed, Screening::Approved, Consent::Public).await;
        let unplaced = create(&app, &ResourceInput { address: "釜石市唐丹町".into(), ..input("唐丹のお茶っこ", cafe, None) }).await;
        decide(&app, unplaced, Screening::Approved, Consent::Public).await;
        let hidden = create(&app, &ResourceInput { latitude: "39.1".into(), longitude: "141.1".into(), ..input("未精査の会", cafe, None) }).await;

        let page = app.get("/public/resources/map", None).await;
        assert_eq!(page.status, StatusCode::OK);
        // The list, with addresses, is the page without JavaScript or tiles.
        let list = page.body.split("data-testid=\"map-list\"").nth(1).expect("the list");
        for shown in ["うのすまいカフェ", "釜石市鵜住居町第16地割", "唐丹のお茶っこ", "釜石市唐丹町", "（地図上の位置は未登録）"] {
            assert!(list.contains(shown), "{shown} missing from the list");
        }
        // The island gets a marker for each placed resource, and nothing unpublished.
        assert!(page.body.contains("data-testid=\"resource-map\""));
        assert!(page.body.contains(&format!("/public/resources/{placed}")) && page.body.contains("141.8986"));
        assert!(!page.body.contains("未精査の会") && !page.body.contains(&format!("/public/resources/{hidden}\"")));
        assert!(page.body.contains("/vendor/leaflet/leaflet.js"), "Leaflet from the app, not a CDN");
        // The pages' policy admits images from the tile server and nothing more.
        let csp = page.header("content-security-policy").to_string();
        assert!(csp.contains("img-src 'self' data: https://cyberjapandata.gsi.go.jp;"), "{csp}");
        assert!(csp.contains("connect-src 'self' https://msearch.gsi.go.jp;"), "the address look-up's origin only: {csp}");
        assert!(csp.contains("script-src 'self' 'nonce-"), "{csp}");
    }
}
