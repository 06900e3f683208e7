//! Referral slips: the person's name never reaches the disk in plain text, consent decides
//! what is kept, each role and each partner sees exactly what it may (a leak crawl over the
//! functions and pages), every view is audited, and keys rotate.

use crate::common;

use app::domain::directory::OrganisationInput;
use app::domain::Role;
use app::server::entities::{audit_log, form_rejection};
use app::server::seal::Keyring;
use app::server::services::audit::Actor;
use app::server::services::referrals::{partners, pathways, replies, retention, slips, ReferralAccess};
use app::server::services::{directory, resources};
use chrono::Utc;
use common::{backends, form, TestApp};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const NAME: &str = "釜石花子テスト";

fn ok(s: StatusCode) -> bool {
    s.is_success() || s.is_redirection()
}

/// A pharmacy, or (by its name) a centre a slip may be addressed to.
async fn organisation(app: &TestApp, name: &str) -> i32 {
    let kind = if name.contains("センター") { "life_support_center" } else { "pharmacy" };
    let input = OrganisationInput { name: name.into(), kind: kind.into(), ..Default::default() };
    directory::organisations::save(&app.db.conn, &Actor::system("t"), None, None, &input, false, Utc::now()).await.unwrap()
}

async fn partner(app: &TestApp, login: &str, org: i32) -> String {
    let (user, token) = app.user(login, Role::Partner).await;
    app.second_factor(user.id).await;
    partners::assign(&app.db.conn, &Actor::system("t"), user.id, login, Role::Partner, &org.to_string(), Utc::now()).await.unwrap();
    token
}

fn slip(pathway: i32, from: i32, to: i32, consent: &str, name: &str) -> String {
    form(&[
        ("pathway", &pathway.to_string()),
        ("sent_on", "2026-12-01"),
        ("channel", "app"),
        ("sender_organisation", &from.to_string()),
        ("receiver_organisation", &to.to_string()),
        ("share_consent", consent),
        ("report_back", "on"),
        ("name", name),
        ("birth_date", if name.is_empty() { "" } else { "1941-05-03" }),
        ("noticed", if name.is_empty() { "" } else { "薬の飲み忘れが続いている" }),
        ("topics[]", "care"),
        ("topics[]", "food"),
        ("main_topic", "care"),
    ])
}

/// The id of the newest slip (as the team sees it).
async fn newest(app: &TestApp) -> i32 {
    let list = slips::list(&app.db.conn, &ReferralAccess::team(), &Default::default(), Utc::now().date_naive()).await.unwrap();
    list.items.iter().map(|s| s.id).max().expect("a slip")
}

#[tokio::test]
async fn a_slip_goes_from_pharmacy_to_centre_and_nobody_else_sees_it() {
    for db in backends().await {
        pathways::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let pathway = pathways::choices(&app.db.conn).await.unwrap().into_iter().find(|p| p.name == "薬局起点").unwrap().id;
        let (pharmacy, centre, other) = (organisation(&app, "かまいし薬局").await, organisation(&app, "鵜住居地区生活応援センター").await, organisation(&app, "別の薬局").await);
        let pharmacist = partner(&app, "pharmacist", pharmacy).await;
        let centre_staff = partner(&app, "centre", centre).await;
        let outsider = partner(&app, "outsider", other).await;
        let (_, unbound) = app.user("unbound", Role::Partner).await;

        // The pharmacist cannot send for another organisation, nor a name without consent.
        let r = app.call("referrals_send", &slip(pathway, centre, other, "oral", NAME), Some(&pharmacist)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("所属する機関からの連絡票だけを送れます。"), "{}", r.body);
        let r = app.call("referrals_send", &slip(pathway, pharmacy, centre, "none", NAME), Some(&pharmacist)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(!r.body.contains(NAME), "a rejected form keeps nothing personal: {}", r.body);
        let rejected = form_rejection::Entity::find().all(&app.db.conn).await.unwrap();
        assert!(!format!("{rejected:?}").contains(NAME), "nor does the database");

        // With consent: sent, and the name is nowhere in plain text.
        let r = app.call("referrals_send", &slip(pathway, pharmacy, centre, "oral", NAME), Some(&pharmacist)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        let id = newest(&app).await;
        let audit = audit_log::Entity::find().all(&app.db.conn).await.unwrap();
        assert!(!format!("{audit:?}").contains(NAME), "the audit trail says what the slip is about, never who");
        let stored = ReferralAccess::team().find(&app.db.conn, id).await.unwrap();
        assert!(stored.person_sealed.as_deref().is_some_and(|s| s.starts_with("v1.") && !s.contains(NAME)));
        assert_eq!((stored.age_band.as_str(), stored.state.as_str()), ("85歳以上", "sent"));
        for file in app.db.files() {
            let bytes = std::fs::read(&file).unwrap();
            assert!(!bytes.windows(NAME.len()).any(|w| w == NAME.as_bytes()), "{} holds the name in plain text", file.display());
        }

        // Who sees what: functions and pages, for every role and partner.
        let (admin_user, admin) = app.user("admin", Role::Admin).await;
        let (coordinator_user, coordinator) = app.user("coordinator", Role::Coordinator).await;
        app.second_factor(admin_user.id).await;
        app.second_factor(coordinator_user.id).await;
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let (_, collector) = app.user("collector", Role::Collector).await;
        let get = form(&[("id", &id.to_string())]);
        let cases: Vec<(&str, Option<&str>, StatusCode, bool)> = vec![
            ("nobody", None, StatusCode::UNAUTHORIZED, false),
            ("viewer", Some(&viewer), StatusCode::FORBIDDEN, false),
            ("collector", Some(&collector), StatusCode::FORBIDDEN, false),
            ("unbound partner", Some(&unbound), StatusCode::FORBIDDEN, false),
            ("another pharmacy", Some(&outsider), StatusCode::NOT_FOUND, false),
            ("the pharmacist", Some(&pharmacist), StatusCode::OK, true),
            ("the centre", Some(&centre_staff), StatusCode::OK, true),
            ("a coordinator", Some(&coordinator), StatusCode::OK, true),
            ("an administrator", Some(&admin), StatusCode::OK, true),
        ];
        for (who, token, status, sees) in &cases {
            let one = app.call("referrals_get", &get, *token).await;
            assert_eq!(one.status, *status, "{who}: {}", one.body);
            assert_eq!(one.body.contains(NAME), *sees, "{who}");
            let list = app.call("referrals_list", "", *token).await;
            assert_eq!(list.body.contains(&format!("\"id\":{id},")), *sees, "{who} in the list: {}", list.body);
            assert!(!list.body.contains(NAME), "no list names the person ({who})");
            let page = app.get(&format!("/referrals/{id}"), *token).await;
            assert_eq!(page.body.contains(NAME), *sees, "{who}'s page");
            if !sees {
                assert!(page.status.is_client_error() || page.status.is_redirection(), "{who}: {}", page.status);
            }
            let receive = app.call("referrals_receive", &form(&[("id", &id.to_string()), ("version", "999")]), *token).await;
            assert!(!ok(receive.status), "{who} records nothing with a stale version");
        }
        // A coordinator without a second factor sees the slip but not the person.
        let (_, single) = app.user("single-factor", Role::Coordinator).await;
        let one = app.call("referrals_get", &get, Some(&single)).await;
        assert!(one.status == StatusCode::OK && !one.body.contains(NAME) && one.body.contains("\"personal_withheld\":true"), "{}", one.body);
        let page = app.get(&format!("/referrals/{id}"), Some(&single)).await;
        assert!(page.status == StatusCode::OK && !page.body.contains(NAME) && page.body.contains("2段階認証を使うアカウントにだけ表示"), "{}", page.body);
        let views = audit_log::Entity::find().filter(audit_log::Column::EntityType.eq("referral")).filter(audit_log::Column::Action.eq("view")).all(&app.db.conn).await.unwrap();
        assert_eq!(views.len(), 10, "each opening (function and page) by those who may is written down: {views:?}");

        // The pharmacist cannot record the receipt; the centre can, once.
        let version = ReferralAccess::team().find(&app.db.conn, id).await.unwrap().version.to_string();
        let receive = form(&[("id", &id.to_string()), ("version", &version)]);
        assert_eq!(app.call("referrals_receive", &receive, Some(&pharmacist)).await.status, StatusCode::FORBIDDEN);
        assert!(ok(app.call("referrals_receive", &receive, Some(&centre_staff)).await.status));
        assert_eq!(ReferralAccess::team().find(&app.db.conn, id).await.unwrap().state, "received");

        // A partner's home is the referral list; the rest of the app is closed to them.
        let home = app.get("/", Some(&pharmacist)).await;
        assert_eq!((home.status, home.header("location")), (StatusCode::SEE_OTHER, "/referrals"));
        assert_eq!(app.call("meetings_list", "", Some(&pharmacist)).await.status, StatusCode::FORBIDDEN);

        // Without consent: an anonymous record, counted but naming no one.
        let r = app.call("referrals_send", &slip(pathway, pharmacy, centre, "none", ""), Some(&pharmacist)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        let anonymous = ReferralAccess::team().find(&app.db.conn, newest(&app).await).await.unwrap();
        assert_eq!((anonymous.person_sealed, anonymous.report_back), (None, false));
    }
}

#[tokio::test]
async fn keys_rotate_and_old_slips_are_resealed() {
    for db in backends().await {
        pathways::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("referral.keys");
        let first = Keyring::load_or_create(&path).unwrap();
        let (a, b) = (organisation(&app, "A薬局").await, organisation(&app, "Bセンター").await);
        let pathway = pathways::choices(&app.db.conn).await.unwrap()[0].id;
        let input = app::domain::referrals::SlipInput {
            pathway: pathway.to_string(),
            sent_on: "2026-12-01".into(),
            sender_organisation: a.to_string(),
            receiver_organisation: b.to_string(),
            share_consent: "signed".into(),
            topics: vec!["health".into()],
            person: app::domain::referrals::PersonFields { name: NAME.into(), ..Default::default() },
            ..Default::default()
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let id = slips::send(&app.db.conn, &first, &ReferralAccess::team(), &Actor::system("t"), &input, 14, today, Utc::now()).await.unwrap();
        let rotated = Keyring::rotate_file(&path).unwrap();
        assert_eq!(slips::reseal(&app.db.conn, &rotated).await.unwrap(), 1);
        assert_eq!(slips::reseal(&app.db.conn, &rotated).await.unwrap(), 0, "nothing left under the old key");
        let stored = ReferralAccess::team().find(&app.db.conn, id).await.unwrap().person_sealed.unwrap();
        assert!(!rotated.is_stale(&stored) && first.open(&stored, "referral.person").is_err(), "sealed with the new key only");
        let view = slips::open(&app.db.conn, &rotated, &ReferralAccess::team(), &Actor::system("t"), slips::Opening::Print, id, today, Utc::now()).await.unwrap();
        assert_eq!(view.person.unwrap().name, NAME);
        assert_eq!(view.summary.due_on, "2026/12/15（火）");
    }
}

fn reply(id: i32, version: i32, state: &str, agencies: &[i32], resource: i32, support: &str) -> String {
    let (id, version, resource) = (id.to_string(), version.to_string(), resource.to_string());
    let agencies: Vec<String> = agencies.iter().map(|a| a.to_string()).collect();
    let mut pairs = vec![
        ("id", id.as_str()),
        ("version", version.as_str()),
        ("replied_on", "2026-12-02"),
        ("by_name", "包括 太郎"),
        ("state", state),
        ("connections_before", "1"),
        ("connections_now", "3"),
        ("care_application", "new"),
        ("visit", "first"),
        ("support", support),
        ("resources[]", resource.as_str()),
    ];
    pairs.extend(agencies.iter().map(|a| ("agencies_now[]", a.as_str())));
    form(&pairs)
}

async fn version(app: &TestApp, id: i32) -> i32 {
    ReferralAccess::team().find(&app.db.conn, id).await.unwrap().version
}

/// A resource of the list, screened for it, with consent.
async fn resource(app: &TestApp, name: &str) -> i32 {
    use app::domain::resources::{Consent, ResourceInput, Screening};
    resources::lists::ensure_defaults(&app.db.conn, Utc::now()).await.unwrap();
    let category = resources::lists::Categories::load(&app.db.conn).await.unwrap().choices()[0].id;
    let input = ResourceInput { name: name.into(), category: category.to_string(), activity: "active".into(), ..Default::default() };
    let id = resources::save(&app.db.conn, &Actor::system("t"), None, None, &input, Utc::now()).await.unwrap();
    let v = resources::record::find(&app.db.conn, id).await.unwrap().version;
    resources::screening::screen(&app.db.conn, &Actor::system("t"), id, v, Screening::Approved.code(), "", Utc::now()).await.unwrap();
    let v = resources::record::find(&app.db.conn, id).await.unwrap().version;
    resources::screening::record_consent(&app.db.conn, &Actor::system("t"), id, v, Consent::Public.code(), "2026-06-01", "代表", Utc::now()).await.unwrap();
    id
}

const SUPPORT: &str = "花子さん宅を訪問し介護申請を支援テスト";

#[tokio::test]
async fn the_centre_replies_and_the_sender_sees_what_the_person_agreed_to() {
    for db in backends().await {
        pathways::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let pathway = pathways::choices(&app.db.conn).await.unwrap()[0].id;
        let (pharmacy, centre, other) = (organisation(&app, "かまいし薬局").await, organisation(&app, "鵜住居地区生活応援センター").await, organisation(&app, "別の薬局").await);
        let (care, clinic) = (organisation(&app, "ケアプラン").await, organisation(&app, "診療所").await);
        let cafe = resource(&app, "つながるカフェ鵜住居").await;
        let pharmacist = partner(&app, "pharmacist", pharmacy).await;
        let centre_staff = partner(&app, "centre", centre).await;
        let outsider = partner(&app, "outsider", other).await;
        let (coordinator_user, coordinator) = app.user("coordinator", Role::Coordinator).await;
        let (_, viewer) = app.user("viewer", Role::Viewer).await;

        // Only a centre or window receives slips.
        let r = app.call("referrals_send", &slip(pathway, pharmacy, other, "oral", NAME), Some(&pharmacist)).await;
        assert!(r.body.contains("送付先の機関を選び直してください。"), "{}", r.body);

        assert!(ok(app.call("referrals_send", &slip(pathway, pharmacy, centre, "oral", NAME), Some(&pharmacist)).await.status));
        let id = newest(&app).await;

        // The sender cannot reply; a bad reply gets field messages and keeps no support text.
        let good = reply(id, version(&app, id).await, "connected", &[care, clinic], cafe, SUPPORT);
        assert_eq!(app.call("referrals_reply", &good, Some(&pharmacist)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.call("referrals_reply", &good, Some(&outsider)).await.status, StatusCode::NOT_FOUND);
        let bad = good.replace("replied_on=2026-12-02", "replied_on=2026-11-01").replace("state=connected", "state=sent");
        let r = app.call("referrals_reply", &bad, Some(&centre_staff)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("replied_on") && r.body.contains("state"), "{}", r.body);
        assert!(!format!("{:?}", form_rejection::Entity::find().all(&app.db.conn).await.unwrap()).contains("花子さん宅"));

        // The centre replies (receiving it on the way); the support text is sealed.
        let r = app.call("referrals_reply", &good, Some(&centre_staff)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        let stored = ReferralAccess::team().find(&app.db.conn, id).await.unwrap();
        assert_eq!((stored.state.as_str(), stored.received_on.is_some(), stored.replied_on.is_some(), stored.closed_on), ("connected", true, true, None));
        for file in app.db.files() {
            let bytes = std::fs::read(&file).unwrap();
            assert!(!bytes.windows(SUPPORT.len()).any(|w| w == SUPPORT.as_bytes()), "{} holds the support text in plain text", file.display());
        }

        // Replies follow one another; agencies and resources are those offered.
        let backdated = reply(id, version(&app, id).await, "supporting", &[], cafe, "").replace("replied_on=2026-12-02", "replied_on=2026-12-01");
        let r = app.call("referrals_reply", &backdated, Some(&centre_staff)).await;
        assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains("replied_on"), "{}", r.body);
        let unknown = reply(id, version(&app, id).await, "supporting", &[], 99999, "") + "&agencies_planned[]=99999";
        let r = app.call("referrals_reply", &unknown, Some(&centre_staff)).await;
        assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains(r#""field":"resources""#) && r.body.contains(r#""field":"agencies_planned""#) && !r.body.contains(r#""field":"agencies_now""#), "{}", r.body);

        // The pharmacist (consent to report back) sees the reply; another pharmacy nothing.
        let seen = app.call("referrals_get", &form(&[("id", &id.to_string())]), Some(&pharmacist)).await;
        for part in ["包括 太郎", "ケアプラン", "診療所", "つながるカフェ鵜住居", SUPPORT, "\"connections_now\":3"] {
            assert!(seen.body.contains(part), "{part}: {}", seen.body);
        }
        assert_eq!(app.call("referrals_get", &form(&[("id", &id.to_string())]), Some(&outsider)).await.status, StatusCode::NOT_FOUND);

        // Without consent to report back, the sender learns that a reply came, not what it says.
        let quiet = slip(pathway, pharmacy, centre, "oral", NAME).replace("&report_back=on", "");
        assert!(ok(app.call("referrals_send", &quiet, Some(&pharmacist)).await.status));
        let quiet_id = newest(&app).await;
        assert!(ok(app.call("referrals_reply", &reply(quiet_id, version(&app, quiet_id).await, "declined", &[care], cafe, SUPPORT), Some(&centre_staff)).await.status));
        let seen = app.call("referrals_get", &form(&[("id", &quiet_id.to_string())]), Some(&pharmacist)).await;
        assert!(seen.body.contains("\"replies_hidden\":true") && seen.body.contains("\"state\":\"Replied\""), "{}", seen.body);
        for hidden in [SUPPORT, "ケアプラン", "つながるカフェ", "Declined"] {
            assert!(!seen.body.contains(hidden), "{hidden} reached the sender: {}", seen.body);
        }
        let list = app.call("referrals_list", "", Some(&pharmacist)).await;
        assert!(!list.body.contains("Declined"), "nor through the list: {}", list.body);
        let page = app.get(&format!("/referrals/{quiet_id}"), Some(&pharmacist)).await;
        assert!(!page.body.contains(SUPPORT) && page.body.contains("返信がありました"), "{}", page.body);
        let centre_page = app.get(&format!("/referrals/{quiet_id}"), Some(&centre_staff)).await;
        assert!(centre_page.body.contains(SUPPORT) && centre_page.body.contains("辞退"));
        // The support text opens for a coordinator only with a second factor.
        let page = app.get(&format!("/referrals/{quiet_id}"), Some(&coordinator)).await;
        assert!(!page.body.contains(SUPPORT) && page.body.contains("2段階認証を有効にすると表示されます") && page.body.contains("辞退"), "{}", page.body);
        app.second_factor(coordinator_user.id).await;
        assert!(app.get(&format!("/referrals/{quiet_id}"), Some(&coordinator)).await.body.contains(SUPPORT));

        // 辞退 closed it: no further reply.
        let again = app.call("referrals_reply", &reply(quiet_id, version(&app, quiet_id).await, "contacted", &[], cafe, ""), Some(&centre_staff)).await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);

        // The organisations a slip names are archived, not deleted.
        let outcome = directory::organisations::delete(&app.db.conn, &Actor::system("t"), care, Utc::now()).await.unwrap();
        assert_eq!(outcome, app::dto::directory::DeleteOutcome::Archived);

        // An overdue slip is on the coordinator's dashboard, not on the viewer's.
        let late = slip(pathway, pharmacy, centre, "oral", "").replace("sent_on=2026-12-01", "sent_on=2026-10-01").replace("share_consent=oral", "share_consent=none");
        assert!(ok(app.call("referrals_send", &late, Some(&pharmacist)).await.status));
        let late_id = newest(&app).await;
        let dashboard = app.call("dashboard", "", Some(&coordinator)).await;
        assert!(dashboard.body.contains(&format!("\"overdue_referrals\":{{\"items\":[{{\"id\":{late_id},")), "{}", dashboard.body);
        let home = app.get("/", Some(&coordinator)).await;
        assert!(home.body.contains("返信期限を過ぎた連絡票") && home.body.contains(&format!("/referrals/{late_id}")));
        let dashboard = app.call("dashboard", "", Some(&viewer)).await;
        assert!(dashboard.body.contains("\"overdue_referrals\":null"), "{}", dashboard.body);

        // An administrator erases the person's fields on request, once the box is ticked.
        let (admin_user, admin) = app.user("admin", Role::Admin).await;
        let erase = form(&[("id", &id.to_string()), ("confirm", "on")]);
        for token in [&pharmacist, &centre_staff, &coordinator] {
            assert_eq!(app.call("referrals_erase", &erase, Some(token)).await.status, StatusCode::FORBIDDEN);
        }
        let unconfirmed = app.call("referrals_erase", &form(&[("id", &id.to_string())]), Some(&admin)).await;
        assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", unconfirmed.body);
        assert!(ok(app.call("referrals_erase", &erase, Some(&admin)).await.status));
        let page = app.get(&format!("/referrals/{id}"), Some(&pharmacist)).await;
        assert!(page.status.is_success() && !page.body.contains(NAME) && !page.body.contains(SUPPORT) && page.body.contains("個人情報は消去されました"), "{}", page.body);
        let after = app.call("referrals_reply", &reply(id, version(&app, id).await, "supporting", &[], cafe, "新しいメモ"), Some(&centre_staff)).await;
        assert!(after.status == StatusCode::UNPROCESSABLE_ENTITY && after.body.contains("support"), "no new personal text after an erasure: {}", after.body);

        // A role changed to partner signs in again (and then must set up the second factor).
        let (former, former_token) = app.user("former-viewer", Role::Viewer).await;
        let user = app::server::services::accounts::users::find(&app.db.conn, former.id).await.unwrap();
        app::server::services::accounts::users::update_account(&app.db.conn, &admin_user, former.id, &user.display_name, Role::Partner.code(), true, user.version, Utc::now()).await.unwrap();
        assert_eq!(app.call("referrals_list", "", Some(&former_token)).await.status, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn personal_fields_are_erased_five_years_after_closing_and_the_counts_stay() {
    for db in backends().await {
        pathways::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let (a, b) = (organisation(&app, "A薬局").await, organisation(&app, "Bセンター").await);
        let cafe = resource(&app, "つながるカフェ").await;
        let keyring = Keyring::ephemeral();
        let pathway = pathways::choices(&app.db.conn).await.unwrap()[0].id;
        let input = app::domain::referrals::SlipInput {
            pathway: pathway.to_string(),
            sent_on: "2026-12-01".into(),
            sender_organisation: a.to_string(),
            receiver_organisation: b.to_string(),
            share_consent: "signed".into(),
            topics: vec!["health".into()],
            person: app::domain::referrals::PersonFields { name: NAME.into(), ..Default::default() },
            ..Default::default()
        };
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let team = ReferralAccess::team();
        let actor = Actor::system("t");
        let id = slips::send(&app.db.conn, &keyring, &team, &actor, &input, 14, d("2026-12-02"), Utc::now()).await.unwrap();
        let open_id = slips::send(&app.db.conn, &keyring, &team, &actor, &input, 14, d("2026-12-02"), Utc::now()).await.unwrap();
        let closing = app::domain::referral_replies::ReplyInput {
            replied_on: "2026-12-03".into(),
            by_name: "包括".into(),
            state: "closed".into(),
            support: SUPPORT.into(),
            resources: vec![cafe.to_string()],
            ..Default::default()
        };
        replies::reply(&app.db.conn, &keyring, &team, &actor, id, version(&app, id).await, &closing, d("2026-12-03"), Utc::now()).await.unwrap();
        assert_eq!(ReferralAccess::team().find(&app.db.conn, id).await.unwrap().closed_on, Some(d("2026-12-03")));

        assert_eq!(retention::erase_expired(&app.db.conn, 5, d("2031-12-02"), Utc::now()).await.unwrap(), 0, "a day before five years");
        assert_eq!(retention::erase_expired(&app.db.conn, 5, d("2031-12-03"), Utc::now()).await.unwrap(), 1, "five years to the day");
        assert_eq!(retention::erase_expired(&app.db.conn, 5, d("2031-12-04"), Utc::now()).await.unwrap(), 0, "once");
        let view = slips::open(&app.db.conn, &keyring, &team, &actor, slips::Opening::Print, id, d("2031-12-03"), Utc::now()).await.unwrap();
        assert_eq!((view.person, view.erased, view.replies[0].support.as_str()), (None, true, ""));
        assert_eq!(view.replies[0].resources, vec!["つながるカフェ".to_string()], "what counts stays");
        let still_open = slips::open(&app.db.conn, &keyring, &team, &actor, slips::Opening::Print, open_id, d("2031-12-03"), Utc::now()).await.unwrap();
        assert_eq!(still_open.person.map(|p| p.name), Some(NAME.to_string()), "an open slip keeps its person");
        let list = slips::list(&app.db.conn, &team, &Default::default(), d("2031-12-03")).await.unwrap();
        assert_eq!(list.items.len(), 2, "the erased slip is still counted");

        // On the person's request, at once.
        retention::erase_on_request(&app.db.conn, &actor, open_id, Utc::now()).await.unwrap();
        assert!(ReferralAccess::team().find(&app.db.conn, open_id).await.unwrap().person_sealed.is_none());
        assert_eq!(retention::erase_on_request(&app.db.conn, &actor, open_id, Utc::now()).await.unwrap_err().status(), 409);
    }
}

#[tokio::test]
async fn the_years_evaluation_counts_what_was_sent_and_replied() {
    use app::domain::referral_replies::ReplyInput;
    use app::domain::referrals::SlipInput;
    use app::server::services::referrals::evaluation;
    for db in backends().await {
        pathways::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let (a, b) = (organisation(&app, "A薬局").await, organisation(&app, "Bセンター").await);
        let keyring = Keyring::ephemeral();
        let (team, actor) = (ReferralAccess::team(), Actor::system("t"));
        let names = pathways::choices(&app.db.conn).await.unwrap();
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // (pathway index, sent on, household, birth date, reply: (on, care application, before, now))
        let seeded: Vec<(usize, &str, &str, &str, Option<(&str, &str, i32, i32)>)> = vec![
            (2, "2026-03-31", "alone", "1941-05-03", Some(("2026-04-03", "new", 1, 2))), // the year before
            (2, "2026-04-01", "alone", "1941-05-03", Some(("2026-04-08", "new", 1, 3))),
            (2, "2026-06-10", "elderly_couple", "1950-01-01", Some(("2026-06-11", "applied", 2, 2))),
            (1, "2026-09-01", "alone", "1970-01-01", Some(("2026-09-20", "not_applied", 0, 1))),
            (0, "2026-11-02", "unknown", "", None),
        ];
        for (p, sent, household, birth, replied) in &seeded {
            let input = SlipInput {
                pathway: names[*p].id.to_string(),
                sent_on: sent.to_string(),
                sender_organisation: a.to_string(),
                receiver_organisation: b.to_string(),
                share_consent: "oral".into(),
                household: household.to_string(),
                topics: vec!["care".into(), "housing".into()],
                person: app::domain::referrals::PersonFields { name: NAME.into(), birth_date: birth.to_string(), ..Default::default() },
                ..Default::default()
            };
            let id = slips::send(&app.db.conn, &keyring, &team, &actor, &input, 14, d("2026-12-03"), Utc::now()).await.unwrap();
            if let Some((on, care, before, now)) = replied {
                let reply = ReplyInput { replied_on: on.to_string(), by_name: "包括".into(), state: "connected".into(), care_application: care.to_string(), visit: "first".into(), connections_before: before.to_string(), connections_now: now.to_string(), ..Default::default() };
                replies::reply(&app.db.conn, &keyring, &team, &actor, id, version(&app, id).await, &reply, d("2026-12-03"), Utc::now()).await.unwrap();
            }
        }
        let fy = app::domain::FiscalYear(2026);
        let e = evaluation::build(&app.db.conn, &team, fy, d("2026-12-03")).await.unwrap().evaluation;
        // Expected counts, computed from what was seeded.
        let in_year: Vec<_> = seeded.iter().filter(|s| fy.contains(d(s.1))).collect();
        for (i, p) in names.iter().enumerate() {
            let row = e.pathways.iter().find(|r| r.pathway == p.name).unwrap();
            let mine: Vec<_> = in_year.iter().filter(|s| s.0 == i).collect();
            assert_eq!(row.sent as usize, mine.len(), "{}", p.name);
            assert_eq!(row.replied as usize, mine.iter().filter(|s| s.4.is_some()).count(), "{}", p.name);
            let overdue = mine.iter().filter(|s| s.4.is_none() && app::domain::referrals::due_on(d(s.1), 14) < d("2026-12-03")).count();
            assert_eq!(row.overdue as usize, overdue, "{}", p.name);
        }
        assert_eq!(e.total.sent as usize, in_year.len());
        assert_eq!(e.pathways.iter().find(|r| r.pathway == names[2].name).unwrap().median_days, "4", "1 and 7 days");
        let count = |title: &str, label: &str| e.tables.iter().find(|t| t.title.starts_with(title)).unwrap().rows.iter().find(|r| r.0 == label).unwrap().1 as usize;
        assert_eq!(count("世帯", "独居"), in_year.iter().filter(|s| s.2 == "alone").count());
        assert_eq!(count("相談の内容", "住まい"), in_year.len());
        assert_eq!(count("年代", "75〜84歳"), 2, "84 on 2026-04-01 and 76 on 2026-06-10");
        assert_eq!(count("年代", "不明"), in_year.iter().filter(|s| s.3.is_empty()).count());
        assert_eq!(count("介護保険の申請", "新規申請"), in_year.iter().filter(|s| s.4.is_some_and(|r| r.1 == "new")).count());
        let replied: Vec<_> = in_year.iter().filter_map(|s| s.4).collect();
        assert_eq!((e.connections.people as usize, e.connections.before as i32, e.connections.now as i32), (replied.len(), replied.iter().map(|r| r.2).sum(), replied.iter().map(|r| r.3).sum()));

        // The team's only; the files name no one.
        let (_, coordinator) = app.user("coordinator", Role::Coordinator).await;
        let pharmacist = partner(&app, "pharmacist", a).await;
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        assert_eq!(app.call("referrals_evaluation", "fy=2026", Some(&pharmacist)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.call("referrals_evaluation", "fy=2026", Some(&viewer)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.call("referrals_evaluation", "fy=abc", Some(&coordinator)).await.status, StatusCode::BAD_REQUEST);
        let csv = app.get("/referrals/evaluation.csv?fy=2026", Some(&coordinator)).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.body.contains("薬局起点") && !csv.body.contains(NAME), "{}", csv.body);
        assert_eq!(app.get("/referrals/evaluation.xlsx?fy=2026", Some(&coordinator)).await.status, StatusCode::OK);
        assert_eq!(app.get("/referrals/evaluation.csv?fy=2026", Some(&pharmacist)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.get("/referrals/evaluation.csv?fy=x", Some(&coordinator)).await.status, StatusCode::BAD_REQUEST);
        let page = app.get("/referrals/evaluation?fy=2026", Some(&coordinator)).await;
        assert!(page.status.is_success() && page.body.contains("evaluation-pathways"), "{}", page.status);
        let report = app.call("annual_report", "fy=2026", Some(&coordinator)).await;
        assert!(report.body.contains("つながるパス（連絡票）") && report.body.contains("薬局起点"), "{}", report.body);
        let report = app.call("annual_report", "fy=2026", Some(&viewer)).await;
        assert!(report.status.is_success() && !report.body.contains("つながるパス"), "the viewer's report has no referral section");
    }
}

#[tokio::test]
async fn administrators_keep_the_pathways_and_old_slips_keep_theirs() {
    for db in backends().await {
        pathways::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let (pharmacy, centre) = (organisation(&app, "かまいし薬局").await, organisation(&app, "鵜住居地区生活応援センター").await);
        let pharmacist = partner(&app, "pharmacist", pharmacy).await;
        let (_, admin) = app.user("admin", Role::Admin).await;
        let (_, coordinator) = app.user("coordinator", Role::Coordinator).await;
        let offered = |app: &TestApp| {
            let conn = app.db.conn.clone();
            async move { pathways::choices(&conn).await.unwrap().into_iter().map(|p| p.name).collect::<Vec<_>>() }
        };
        let find = |name: &'static str| {
            let conn = app.db.conn.clone();
            async move { pathways::all(&conn).await.unwrap().into_iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no pathway {name}")) }
        };

        // Only administrators: the page and every change.
        let add = form(&[("pathway_name", "歯科起点")]);
        for token in [&coordinator, &pharmacist] {
            assert_eq!(app.get("/referrals/pathways", Some(token)).await.status, StatusCode::FORBIDDEN);
            assert_eq!(app.call("referral_pathways", "", Some(token)).await.status, StatusCode::FORBIDDEN);
            assert_eq!(app.call("referral_pathways_add", &add, Some(token)).await.status, StatusCode::FORBIDDEN);
        }
        assert_eq!(offered(&app).await, ["健診起点", "受診起点", "薬局起点"]);
        let r = app.call("referral_pathways_add", &add, Some(&admin)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        assert_eq!(offered(&app).await, ["健診起点", "受診起点", "薬局起点", "歯科起点"]);

        // Bad names: the field's message, nothing added.
        for (name, message) in [("", "経路名を入力してください。"), (" 薬局起点 ", "経路「薬局起点」はすでにあります"), (&"長".repeat(101), "100文字以内")] {
            let r = app.call("referral_pathways_add", &form(&[("pathway_name", name)]), Some(&admin)).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
            assert!(r.body.contains("pathway_name") && r.body.contains(message), "{message}: {}", r.body);
        }
        assert_eq!(offered(&app).await.len(), 4);

        // A slip on the pharmacy pathway; the pathway is renamed, moved up and retired.
        let pharmacy_way = find("薬局起点").await;
        assert!(ok(app.call("referrals_send", &slip(pharmacy_way.id, pharmacy, centre, "none", ""), Some(&pharmacist)).await.status));
        let id = newest(&app).await;
        let entry = |p: &app::server::entities::referral_pathway::Model| vec![("kind", "pathway".to_string()), ("id", p.id.to_string()), ("version", p.version.to_string())];
        let call = |endpoint: &'static str, fields: Vec<(&'static str, String)>| {
            let body = form(&fields.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>());
            let (app, admin) = (&app, admin.clone());
            async move { app.call(endpoint, &body, Some(&admin)).await }
        };
        let mut rename = entry(&pharmacy_way);
        rename.push(("name", "薬局起点（服薬）".into()));
        assert!(ok(call("resource_lists_rename", rename).await.status));
        let renamed = find("薬局起点（服薬）").await;
        let mut up = entry(&renamed);
        up.push(("up", "true".into()));
        assert!(ok(call("resource_lists_move", up).await.status));
        assert_eq!(offered(&app).await, ["健診起点", "薬局起点（服薬）", "受診起点", "歯科起点"]);
        let page = app.get("/referrals/pathways", Some(&admin)).await;
        assert!(page.status == StatusCode::OK && page.body.contains("薬局起点（服薬）") && page.body.contains("連絡票数"), "{}", page.body);
        let renamed = find("薬局起点（服薬）").await;
        let mut retire = entry(&renamed);
        retire.push(("retire", "true".into()));
        assert!(ok(call("resource_lists_retire", retire).await.status));
        assert!(!offered(&app).await.contains(&"薬局起点（服薬）".to_string()));
        let seen = app.call("referrals_get", &form(&[("id", &id.to_string())]), Some(&pharmacist)).await;
        assert!(seen.body.contains("薬局起点（服薬）"), "the old slip keeps its pathway: {}", seen.body);
        let r = app.call("referrals_send", &slip(renamed.id, pharmacy, centre, "none", ""), Some(&pharmacist)).await;
        assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains("経路を選び直してください。"), "{}", r.body);

        // The last pathway in use stays; a name is text on the page.
        for name in ["健診起点", "受診起点"] {
            let p = find(name).await;
            let mut retire = entry(&p);
            retire.push(("retire", "true".into()));
            assert!(ok(call("resource_lists_retire", retire).await.status));
        }
        let last = find("歯科起点").await;
        let mut retire = entry(&last);
        retire.push(("retire", "true".into()));
        let r = call("resource_lists_retire", retire).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert!(ok(app.call("referral_pathways_add", &form(&[("pathway_name", "</title><script>x</script>")]), Some(&admin)).await.status));
        let page = app.get("/referrals/pathways", Some(&admin)).await;
        assert!(!page.body.contains("<script>x") && page.body.contains("&lt;/title&gt;&lt;script&gt;"), "{}", page.body);
    }
}

#[tokio::test]
async fn the_print_view_and_the_disclosure_file_are_audited() {
    for db in backends().await {
        pathways::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let pathway = pathways::choices(&app.db.conn).await.unwrap()[0].id;
        let (pharmacy, centre) = (organisation(&app, "かまいし薬局").await, organisation(&app, "鵜住居地区生活応援センター").await);
        let pharmacist = partner(&app, "pharmacist", pharmacy).await;
        let (admin_user, admin) = app.user("admin", Role::Admin).await;
        app.second_factor(admin_user.id).await;
        let (coordinator_user, coordinator) = app.user("coordinator", Role::Coordinator).await;
        app.second_factor(coordinator_user.id).await;
        let signed = slip(pathway, pharmacy, centre, "signed", NAME).replace("noticed=", "noticed=%3DHYPERLINK(%22http%3A%2F%2Fx%22)+");
        assert!(ok(app.call("referrals_send", &signed, Some(&pharmacist)).await.status));
        let id = newest(&app).await;
        let actions = |app: &TestApp| {
            let conn = app.db.conn.clone();
            async move {
                let rows = audit_log::Entity::find().filter(audit_log::Column::EntityType.eq("referral")).filter(audit_log::Column::EntityId.eq(id as i64)).all(&conn).await.unwrap();
                rows.into_iter().map(|r| (r.user_id, r.action)).collect::<Vec<_>>()
            }
        };

        // The print view: slip 1 with the consent and signature lines, no forms; a 印刷 entry.
        let page = app.get(&format!("/referrals/{id}/print"), Some(&pharmacist)).await;
        assert_eq!(page.status, StatusCode::OK);
        for part in [NAME, "本人署名", "上記の内容を関係機関と共有することに同意します。", "連絡票1（紹介・相談依頼）", "印刷する"] {
            assert!(page.body.contains(part), "{part}: {}", page.body);
        }
        assert!(!page.body.contains("data-testid=\"receive\"") && !page.body.contains("受付しました"), "no forms on paper");
        let viewer_print = app.get(&format!("/referrals/{id}/print"), Some(&app.user("viewer", Role::Viewer).await.1)).await;
        assert!(!viewer_print.body.contains(NAME), "a viewer prints nothing");
        let prints: Vec<_> = actions(&app).await.into_iter().filter(|(_, a)| a == "print").collect();
        assert_eq!(prints.len(), 1, "{prints:?}");

        // The disclosure file: administrators only, with the person's fields, neutralised for
        // spreadsheets, and audited as an export.
        let path = format!("/referrals/{id}/disclosure.csv");
        for token in [&pharmacist, &coordinator] {
            assert_eq!(app.get(&path, Some(token)).await.status, StatusCode::FORBIDDEN);
        }
        assert_eq!(app.get(&path, None).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(app.get("/referrals/99999/disclosure.csv", Some(&admin)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get("/referrals/x/disclosure.csv", Some(&admin)).await.status, StatusCode::NOT_FOUND);
        let (_, single) = app.user("admin-without-second-factor", Role::Admin).await;
        let r = app.get(&path, Some(&single)).await;
        assert!(r.status == StatusCode::BAD_REQUEST && !r.body.contains(NAME) && r.body.contains("2段階認証"), "{}", r.body);
        let file = app.get(&path, Some(&admin)).await;
        assert_eq!(file.status, StatusCode::OK, "{}", file.body);
        assert!(file.header("content-disposition").contains("attachment"));
        for part in [NAME, "本人署名", "氏名", "連絡票の記録（ご本人への開示用）", "'=HYPERLINK"] {
            assert!(file.body.contains(part), "{part}: {}", file.body);
        }
        let exports: Vec<_> = actions(&app).await.into_iter().filter(|(u, a)| a == "export" && *u == Some(admin_user.id)).collect();
        assert_eq!(exports.len(), 1, "{exports:?}");
        assert!(!format!("{:?}", audit_log::Entity::find().all(&app.db.conn).await.unwrap()).contains(NAME));
    }
}

#[tokio::test]
async fn a_declined_slip_is_evidence_for_an_issue_and_only_the_team_sees_the_link() {
    use app::domain::issues::{IssueInput, Layer};
    use app::server::services::issues;
    for db in backends().await {
        pathways::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let pathway = pathways::choices(&app.db.conn).await.unwrap()[0].id;
        let (pharmacy, centre) = (organisation(&app, "かまいし薬局").await, organisation(&app, "鵜住居地区生活応援センター").await);
        let cafe = resource(&app, "つながるカフェ鵜住居").await;
        let pharmacist = partner(&app, "pharmacist", pharmacy).await;
        let centre_staff = partner(&app, "centre", centre).await;
        let (_, coordinator) = app.user("coordinator", Role::Coordinator).await;
        let ph = directory::professions::all(&app.db.conn).await.unwrap().into_iter().find(|p| p.name == "薬剤師").unwrap().id;
        let (granted, granted_token) = app.user("granted", Role::Viewer).await;
        issues::grants::set(&app.db.conn, &Actor::system("t"), granted.id, &[ph], Utc::now()).await.unwrap();
        const TITLE: &str = "通院の移動手段がない";
        let input = IssueInput { profession: ph.to_string(), title: TITLE.into(), layer: Layer::Region.code().into(), status: "extracted".into(), source: "other".into(), ..Default::default() };
        let issue = issues::register::save(&app.db.conn, &issues::access::IssueAccess::unrestricted(), &Actor::system("t"), None, None, &input, Utc::now().date_naive(), Utc::now()).await.unwrap();

        assert!(ok(app.call("referrals_send", &slip(pathway, pharmacy, centre, "oral", NAME), Some(&pharmacist)).await.status));
        let id = newest(&app).await;
        // An open slip is not evidence yet.
        let r = app.call("referrals_link_issue", &form(&[("id", &id.to_string()), ("issue", &issue.to_string())]), Some(&coordinator)).await;
        assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains("終了・辞退・連絡つかず"), "{}", r.body);
        assert!(ok(app.call("referrals_reply", &reply(id, version(&app, id).await, "declined", &[], cafe, ""), Some(&centre_staff)).await.status));

        // Only the team, for those who may edit issues, links; bad choices get the field's message.
        let link = |issue: &str| form(&[("id", &id.to_string()), ("issue", issue)]);
        for token in [&pharmacist, &centre_staff, &granted_token] {
            assert_eq!(app.call("referrals_link_issue", &link(&issue.to_string()), Some(token)).await.status, StatusCode::FORBIDDEN);
        }
        for bad in ["", "x", "99999"] {
            let r = app.call("referrals_link_issue", &link(bad), Some(&coordinator)).await;
            assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains("\"field\":\"issue\""), "{bad}: {} {}", r.status, r.body);
        }
        for _ in 0..2 {
            let r = app.call("referrals_link_issue", &link(&issue.to_string()), Some(&coordinator)).await;
            assert!(ok(r.status), "{}: {}", r.status, r.body);
        }

        // The slip names the issue for the team only; partners learn nothing of the register.
        let seen = app.call("referrals_get", &form(&[("id", &id.to_string())]), Some(&coordinator)).await;
        assert_eq!(seen.body.matches(TITLE).count(), 1, "linked once, and no longer offered: {}", seen.body);
        let page = app.get(&format!("/referrals/{id}"), Some(&coordinator)).await;
        assert!(page.body.contains(&format!("/issues/{issue}")) && page.body.contains("地域課題の根拠"), "{}", page.body);
        for token in [&pharmacist, &centre_staff] {
            let seen = app.call("referrals_get", &form(&[("id", &id.to_string())]), Some(token)).await;
            assert!(seen.body.contains("\"evidence\":null") && !seen.body.contains(TITLE), "{}", seen.body);
            assert!(!app.get(&format!("/referrals/{id}"), Some(token)).await.body.contains(TITLE));
        }

        // The issue names the slip (number, date, pathway, state: never the person) for the
        // team; a viewer granted the register sees the issue without it.
        let seen = app.call("issues_get", &form(&[("id", &issue.to_string())]), Some(&coordinator)).await;
        assert!(seen.body.contains(&format!("No.{id} ")) && seen.body.contains("辞退") && !seen.body.contains(NAME), "{}", seen.body);
        let page = app.get(&format!("/issues/{issue}"), Some(&coordinator)).await;
        assert!(page.body.contains(&format!("/referrals/{id}")) && page.body.contains("根拠となった連絡票"), "{}", page.body);
        let page = app.get(&format!("/issues/{issue}"), Some(&granted_token)).await;
        assert!(page.status == StatusCode::OK && page.body.contains(TITLE) && !page.body.contains(&format!("/referrals/{id}")), "{}", page.body);

        // Unlinked, it is gone from both; each change is in the trail without the issue's title.
        let r = app.call("referrals_link_issue", &(link(&issue.to_string()) + "&unlink=true"), Some(&coordinator)).await;
        assert!(ok(r.status), "{}", r.body);
        assert!(!app.call("issues_get", &form(&[("id", &issue.to_string())]), Some(&coordinator)).await.body.contains(&format!("No.{id} ")));
        let trail = audit_log::Entity::find().filter(audit_log::Column::EntityType.eq("referral_issue_link")).filter(audit_log::Column::EntityId.eq(id as i64)).all(&app.db.conn).await.unwrap();
        assert_eq!(trail.len(), 2, "linked once, unlinked once: {trail:?}");
        assert!(!format!("{trail:?}").contains(TITLE));
    }
}
