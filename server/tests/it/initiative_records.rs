//! Issues, consultations and referral slips join initiatives from their own forms and pages,
//! and an initiative's page shows each only to those who may read it: issues by register,
//! consultations to their readers, slips to the team — and never in the audit trail by title.

use crate::common;

use app::domain::consultations::ConsultationInput;
use app::domain::initiatives::InitiativeInput;
use app::domain::issues::IssueInput;
use app::domain::Role;
use app::server::entities::audit_log;
use app::server::services::audit::Actor;
use app::server::services::issues::access::IssueAccess;
use app::server::services::referrals::{partners, pathways, slips, ReferralAccess};
use app::server::services::{consultations, directory, initiatives, issues};
use chrono::Utc;
use common::{backends, form, TestApp};
use http::StatusCode;
use sea_orm::EntityTrait;

fn ok(s: StatusCode) -> bool {
    s.is_success() || s.is_redirection()
}

fn sys() -> Actor {
    Actor::system("t")
}

/// The record's own form as the browser posts it, with the initiatives ticked and the ids
/// ticked when it was drawn.
fn with_tags(pairs: Vec<(String, String)>, id: i32, version: i32, ticked: &[i32], shown: &[i32]) -> String {
    let mut all: Vec<(String, String)> = pairs.into_iter().filter(|(k, _)| k != "scenes").collect();
    all.push(("id".into(), id.to_string()));
    all.push(("version".into(), version.to_string()));
    all.extend(ticked.iter().map(|t| ("initiatives[]".to_string(), t.to_string())));
    all.push(("initiatives_offered".into(), format!("shown:{}", shown.iter().map(i32::to_string).collect::<Vec<_>>().join(","))));
    let refs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    form(&refs)
}

async fn initiative(app: &TestApp, id: i32, token: &str) -> common::TestResponse {
    app.call("initiatives_get", &form(&[("id", &id.to_string())]), Some(token)).await
}

#[tokio::test]
async fn confidential_records_join_an_initiative_and_show_only_to_those_allowed() {
    for db in backends().await {
        let now = Utc::now();
        directory::professions::ensure_defaults(&db.conn, now).await.unwrap();
        consultations::categories::ensure_defaults(&db.conn, now).await.unwrap();
        pathways::ensure_defaults(&db.conn, now).await.unwrap();
        let app = TestApp::new(db).await;
        let c = &app.db.conn;
        let profs = directory::professions::all(c).await.unwrap();
        let ph = profs.iter().find(|p| p.name == "薬剤師").unwrap().id;
        let nurse = profs.iter().find(|p| p.name != "薬剤師").unwrap().id;
        let (_, admin) = app.user("admin", Role::Admin).await;
        let (_, coordinator) = app.user("coordinator", Role::Coordinator).await;
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        let (granted, granted_token) = app.user("granted", Role::Viewer).await;
        issues::grants::set(c, &sys(), granted.id, &[ph], now).await.unwrap();
        let (_, collector) = app.user("collector", Role::Collector).await;
        let org = |name: &str, kind: &str| app::domain::directory::OrganisationInput { name: name.into(), kind: kind.into(), ..Default::default() };
        let pharmacy = directory::organisations::save(c, &sys(), None, None, &org("かまいし薬局", "pharmacy"), false, now).await.unwrap();
        let centre = directory::organisations::save(c, &sys(), None, None, &org("鵜住居地区生活応援センター", "life_support_center"), false, now).await.unwrap();
        let (partner_user, partner) = app.user("partner", Role::Partner).await;
        partners::assign(c, &sys(), partner_user.id, "partner", Role::Partner, &pharmacy.to_string(), now).await.unwrap();

        let init = initiatives::records::save(c, &sys(), None, None, &InitiativeInput { title: "薬局×保健師の連携".into(), status: "running".into(), ..Default::default() }, now).await.unwrap();
        let all = IssueAccess::unrestricted();
        let issue = |p: i32, title: &str| IssueInput { profession: p.to_string(), title: title.into(), layer: "within".into(), status: "extracted".into(), source: "other".into(), fiscal_year: "R7".into(), ..Default::default() };
        let today = app::clock::today();
        let nurse_issue = issues::register::save(c, &all, &sys(), None, None, &issue(nurse, "看護の秘密課題"), today, now).await.unwrap();
        let ph_issue = issues::register::save(c, &all, &sys(), None, None, &issue(ph, "薬局の秘密課題"), today, now).await.unwrap();
        let category = consultations::categories::all(c).await.unwrap()[0].id;
        let consultation_input = ConsultationInput { received_on: "2026-11-20".into(), category: category.to_string(), status: "done".into(), content: "服薬の相談\n詳しい経過".into(), ..Default::default() };
        let consultation = consultations::record::save(c, &all, &sys(), None, None, &consultation_input, now).await.unwrap();
        let pathway = pathways::choices(c).await.unwrap()[0].id;
        let slip_form = form(&[
            ("pathway", &pathway.to_string()),
            ("sent_on", "2026-12-01"),
            ("channel", "app"),
            ("sender_organisation", &pharmacy.to_string()),
            ("receiver_organisation", &centre.to_string()),
            ("share_consent", "oral"),
            ("name", "釜石 花子"),
            ("birth_date", "1941-05-03"),
            ("noticed", "薬の飲み忘れ"),
            ("topics[]", "care"),
            ("main_topic", "care"),
        ]);
        let r = app.call("referrals_send", &slip_form, Some(&coordinator)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        let slip = slips::list(c, &ReferralAccess::team(), &Default::default(), today).await.unwrap().items.iter().map(|s| s.id).max().unwrap();

        // Tagged from the issue and consultation forms, and from the slip's page.
        for id in [nurse_issue, ph_issue] {
            let v = issues::register::get(c, &all, id).await.unwrap();
            let r = app.call("issues_save", &with_tags(v.input.pairs(), id, v.version, &[init], &[]), Some(&coordinator)).await;
            assert!(ok(r.status), "{}: {}", r.status, r.body);
        }
        let v = consultations::record::get(c, &all, consultation).await.unwrap();
        let r = app.call("consultations_save", &with_tags(v.input.pairs(), consultation, v.version, &[init], &[]), Some(&coordinator)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        let link = |unlink: bool| form(&[("id", &slip.to_string()), ("initiative", &init.to_string()), ("unlink", if unlink { "true" } else { "false" })]);
        for (token, status) in [(&viewer, StatusCode::FORBIDDEN), (&partner, StatusCode::FORBIDDEN), (&collector, StatusCode::FORBIDDEN)] {
            assert_eq!(app.call("referrals_link_initiative", &link(false), Some(token)).await.status, status);
        }
        let r = app.call("referrals_link_initiative", &link(false), Some(&coordinator)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);

        // Each record's page names the initiative.
        let got = app.call("issues_get", &form(&[("id", &ph_issue.to_string())]), Some(&granted_token)).await.json();
        assert_eq!(got["initiatives"][0]["id"], init, "{got}");
        let got = app.call("consultations_get", &form(&[("id", &consultation.to_string())]), Some(&coordinator)).await.json();
        assert_eq!(got["initiatives"][0]["id"], init, "{got}");
        let got = app.call("referrals_get", &form(&[("id", &slip.to_string())]), Some(&coordinator)).await.json();
        assert_eq!(got["initiatives"]["linked"][0]["id"], init, "{got}");
        let r = app.call("referrals_get", &form(&[("id", &slip.to_string())]), Some(&partner)).await;
        assert_eq!(r.status, StatusCode::OK, "the partner's own slip: {}", r.body);
        let got = r.json();
        assert!(got["summary"]["id"] == slip && got["initiatives"].is_null(), "a partner is not shown the team's initiatives: {got}");

        // The initiative, per role.
        for token in [&admin, &coordinator] {
            let v = initiative(&app, init, token).await.json();
            let names = |k: &str| v[k].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_string()).collect::<Vec<_>>().join(" ");
            assert!(names("issues").contains("看護の秘密課題") && names("issues").contains("薬局の秘密課題"), "{v}");
            assert!(names("consultations").contains("服薬の相談") && !names("consultations").contains("詳しい経過"), "the first line only: {v}");
            assert!(names("referrals").starts_with(&format!("No.{slip} ")), "{v}");
        }
        let v = initiative(&app, init, &viewer).await.json();
        assert_eq!((v["issues"].as_array().unwrap().len(), v["consultations"].as_array().unwrap().len(), v["referrals"].as_array().unwrap().len()), (0, 0, 0), "{v}");
        let v = initiative(&app, init, &granted_token).await.json();
        assert!(v.to_string().contains("薬局の秘密課題") && !v.to_string().contains("看護の秘密課題"), "the granted register only: {v}");
        assert!(v["consultations"].as_array().unwrap().is_empty() && v["referrals"].as_array().unwrap().is_empty());
        for token in [&partner, &collector] {
            assert_eq!(initiative(&app, init, token).await.status, StatusCode::FORBIDDEN);
        }
        let page = app.get(&format!("/initiatives/{init}"), Some(&viewer)).await;
        assert!(page.status == StatusCode::OK && !page.body.contains("秘密課題") && !page.body.contains("服薬の相談") && !page.body.contains("grouped-referrals"), "{}", page.body);
        let page = app.get(&format!("/initiatives/{init}"), Some(&coordinator)).await;
        assert!(page.body.contains("看護の秘密課題") && page.body.contains("服薬の相談") && page.body.contains("grouped-referrals"), "{}", page.body);

        // The initiative's audit trail names confidential records by number only.
        let trail = format!("{:?}", audit_log::Entity::find().all(c).await.unwrap().into_iter().filter(|a| a.entity_type == "initiative").collect::<Vec<_>>());
        assert!(trail.contains(&format!("課題 No.{nurse_issue}")) && !trail.contains("秘密課題") && !trail.contains("服薬"), "{trail}");

        // Unticked on a form drawn with it ticked: unlinked. An unknown initiative is refused
        // at its field.
        let v = issues::register::get(c, &all, nurse_issue).await.unwrap();
        let r = app.call("issues_save", &with_tags(v.input.pairs(), nurse_issue, v.version, &[], &[init]), Some(&coordinator)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        let v = initiative(&app, init, &coordinator).await.json();
        assert_eq!(v["issues"].as_array().map(|a| a.len()), Some(1), "{v}");
        assert!(!v.to_string().contains("看護の秘密課題"), "{v}");
        let v = issues::register::get(c, &all, nurse_issue).await.unwrap();
        let r = app.call("issues_save", &with_tags(v.input.pairs(), nurse_issue, v.version, &[99_999], &[]), Some(&coordinator)).await;
        assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains("\"field\":\"initiatives\""), "{}: {}", r.status, r.body);
        // An archived initiative is joined by no slip.
        let archived = initiatives::records::save(c, &sys(), None, None, &InitiativeInput { title: "終わった取組".into(), status: "ended".into(), ..Default::default() }, now).await.unwrap();
        let mut am: app::server::entities::initiative::ActiveModel = app::server::entities::initiative::Entity::find_by_id(archived).one(c).await.unwrap().unwrap().into();
        am.active = sea_orm::Set(false);
        sea_orm::ActiveModelTrait::update(am, c).await.unwrap();
        let r = app.call("referrals_link_initiative", &form(&[("id", &slip.to_string()), ("initiative", &archived.to_string())]), Some(&coordinator)).await;
        assert!(r.status == StatusCode::UNPROCESSABLE_ENTITY && r.body.contains("\"field\":\"initiative\""), "{}: {}", r.status, r.body);
        let r = app.call("referrals_link_initiative", &link(true), Some(&coordinator)).await;
        assert!(ok(r.status), "{}: {}", r.status, r.body);
        assert!(initiative(&app, init, &coordinator).await.json()["referrals"].as_array().unwrap().is_empty());
    }
}
