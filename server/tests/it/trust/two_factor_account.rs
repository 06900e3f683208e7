//! Two-step sign-in from one's own account (/account/two-factor): the set-up with a QR code
//! and a first code, recovery codes shown once, new ones against a code, turning it off;
//! and its administration: the roles that must use it and the administrator's reset, which
//! only administrators may do. Every change is audited, never with the secret or a code.

use crate::common::{backends, form, TestApp, TestResponse, PASSWORD};
use app::domain::Role;
use app::server::auth::totp;
use app::server::entities::audit_log;
use app::server::services::accounts;
use chrono::{Duration, Utc};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// A form post that went through (a redirect, or 200 with `Location` when called as by script).
fn accepted(res: &TestResponse) -> bool {
    res.status.is_success() || res.status.is_redirection()
}

/// Six digits that are not the code of any step near now.
fn wrong_code(secret: &str) -> String {
    let now = Utc::now();
    let near: Vec<String> = (-3..=3).map(|k| totp::code_at_time(secret, now + Duration::seconds(30 * k)).unwrap()).collect();
    (0..10).map(|d| d.to_string().repeat(6)).find(|c| !near.contains(c)).unwrap()
}

/// Begins and confirms the set-up through the server functions; returns the secret.
async fn enable(app: &TestApp, user_id: i32, token: &str) -> String {
    let res = app.call("two_factor_begin", "", Some(token)).await;
    assert!(accepted(&res), "{} {}", res.status, res.body);
    let secret = accounts::two_factor::pending_enrolment(&app.db.conn, user_id).await.unwrap().expect("a set-up in progress").secret;
    let code = totp::code_at_time(&secret, Utc::now()).unwrap();
    let res = app.call("two_factor_confirm", &form(&[("code", &code)]), Some(token)).await;
    assert!(accepted(&res), "{} {}", res.status, res.body);
    secret
}

/// The audited changes of two-step sign-in on a user's record.
async fn user_audits(app: &TestApp, user_id: i32) -> Vec<String> {
    audit_log::Entity::find()
        .filter(audit_log::Column::EntityType.eq("user"))
        .filter(audit_log::Column::EntityId.eq(user_id as i64))
        .order_by_asc(audit_log::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.changes)
        .filter(|c| c.contains("two_factor") || c.contains("recovery_codes"))
        .collect()
}

#[tokio::test]
async fn a_user_sets_up_two_step_sign_in_from_their_account() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        let backend = app.db.backend;
        let (sato, token) = app.user("sato", Role::Coordinator).await;
        // Another session of the same account, opened with the password alone.
        let other = app::server::auth::session::create(&app.db.conn, sato.id, Utc::now()).await.unwrap();

        let page = app.get("/account/two-factor", Some(&token)).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}: {}", page.body);
        assert!(page.body.contains("2段階認証を設定する") && !page.body.contains("<svg"), "{backend}: {}", page.body);
        let account = app.get("/account", Some(&token)).await;
        assert_eq!(account.status, StatusCode::OK, "{backend}");
        assert!(account.body.contains("/account/two-factor"), "{backend}: the account page links to it");

        // Begin: the page shows the QR code and the secret for typing in.
        let res = app.call("two_factor_begin", "", Some(&token)).await;
        assert!(accepted(&res), "{backend}: {} {}", res.status, res.body);
        assert_eq!(res.header("location"), "/account/two-factor");
        let enrolment = accounts::two_factor::pending_enrolment(&app.db.conn, sato.id).await.unwrap().expect("a set-up in progress");
        let page = app.get("/account/two-factor", Some(&token)).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}: {}", page.body);
        assert!(page.body.contains("<svg"), "{backend}: the QR code is in the page");
        assert!(page.body.contains(&enrolment.secret_grouped), "{backend}: the secret for typing in");
        let account = app.get("/account", Some(&token)).await;
        assert!(account.body.contains("設定の途中"), "{backend}: {}", account.body);
        assert!(!account.body.contains(&enrolment.secret) && !account.body.contains("<svg"), "{backend}: the secret stays on its own page");
        let view = app.call("two_factor", "", Some(&token)).await.json();
        assert_eq!(view["pending"], true);
        assert_eq!(view["enabled"], false);

        // A wrong code is refused at the field; the right one turns it on.
        let res = app.call("two_factor_confirm", &form(&[("code", &wrong_code(&enrolment.secret))]), Some(&token)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {}", res.body);
        assert!(res.body.contains("code"), "{}", res.body);
        assert!(!accounts::two_factor::is_enabled(&app.db.conn, sato.id).await.unwrap());
        let code = totp::code_at_time(&enrolment.secret, Utc::now()).unwrap();
        let res = app.call("two_factor_confirm", &form(&[("code", &code)]), Some(&token)).await;
        assert!(accepted(&res), "{backend}: {} {}", res.status, res.body);
        assert_eq!(res.header("location"), "/account/two-factor");
        assert!(accounts::two_factor::is_enabled(&app.db.conn, sato.id).await.unwrap());
        assert_eq!(app.call("two_factor", "", Some(&other)).await.status, StatusCode::UNAUTHORIZED, "{backend}: the password-only session ended");
        assert_eq!(app.call("two_factor", "", Some(&token)).await.status, StatusCode::OK, "{backend}: the enrolling one goes on");

        // The recovery codes are shown until the user says they saved them.
        let view = app.call("two_factor", "", Some(&token)).await.json();
        assert_eq!(view["enabled"], true, "{view}");
        assert!(!view["enabled_at"].as_str().unwrap().is_empty(), "{view}");
        assert!(view["enrolment"].is_null(), "{view}");
        let codes: Vec<String> = view["fresh_codes"]
            .as_array()
            .expect("fresh codes")
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        assert_eq!(codes.len(), totp::RECOVERY_CODE_COUNT);
        let page = app.get("/account/two-factor", Some(&token)).await;
        assert!(page.body.contains(&codes[0]) && !page.body.contains("<svg"), "{backend}: {}", page.body);
        let res = app.call("two_factor_acknowledge", "", Some(&token)).await;
        assert!(accepted(&res), "{backend}: {} {}", res.status, res.body);
        assert_eq!(res.header("location"), "/account?two_factor=saved");
        let view = app.call("two_factor", "", Some(&token)).await.json();
        assert!(view["fresh_codes"].is_null(), "{view}");
        assert_eq!(view["recovery_codes_left"], 10);
        let page = app.get("/account/two-factor", Some(&token)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains(&codes[0]), "{backend}: shown once");

        // New recovery codes need a code from the app (a later one: a code is taken once).
        let res = app.call("two_factor_regenerate", &form(&[("code", &wrong_code(&enrolment.secret))]), Some(&token)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {}", res.body);
        let next = totp::code_at_time(&enrolment.secret, Utc::now() + Duration::seconds(30)).unwrap();
        let res = app.call("two_factor_regenerate", &form(&[("code", &next)]), Some(&token)).await;
        assert!(accepted(&res), "{backend}: {} {}", res.status, res.body);
        let view = app.call("two_factor", "", Some(&token)).await.json();
        let fresh = view["fresh_codes"].as_array().expect("new codes");
        assert!(fresh.iter().all(|c| !codes.contains(&c.as_str().unwrap().to_string())), "{view}");
        app.call("two_factor_acknowledge", "", Some(&token)).await;

        // Turning it off takes the current password.
        let res = app.call("two_factor_disable", &form(&[("current_password", "not-the-password")]), Some(&token)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {}", res.body);
        assert!(res.body.contains("current_password"), "{}", res.body);
        assert!(accounts::two_factor::is_enabled(&app.db.conn, sato.id).await.unwrap());
        let res = app.call("two_factor_disable", &form(&[("current_password", PASSWORD)]), Some(&token)).await;
        assert!(accepted(&res), "{backend}: {} {}", res.status, res.body);
        assert_eq!(res.header("location"), "/account?two_factor=off");
        assert!(!accounts::two_factor::is_enabled(&app.db.conn, sato.id).await.unwrap());

        // Audited: on, new recovery codes, off; never the secret or a code.
        let audits = user_audits(&app, sato.id).await;
        assert_eq!(audits.len(), 3, "{backend}: {audits:?}");
        assert!(audits[0].contains("有効"), "{audits:?}");
        assert!(
            audits.iter().all(|a| !a.contains(&enrolment.secret) && !a.contains(&codes[0]) && !a.contains(&code)),
            "{backend}: no secret in the audit trail: {audits:?}"
        );
    }
}

#[tokio::test]
async fn only_administrators_choose_required_roles_and_reset_a_user() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        let backend = app.db.backend;
        let (_, admin) = app.user("admin1", Role::Admin).await;
        let (_, viewer) = app.user("viewer1", Role::Viewer).await;
        let (sato, sato_token) = app.user("sato", Role::Coordinator).await;
        enable(&app, sato.id, &sato_token).await;
        let id = format!("id={}", sato.id);

        // Nobody else may.
        for (label, token) in [("anonymous", None), ("viewer", Some(viewer.as_str())), ("coordinator", Some(sato_token.as_str()))] {
            let expected = if token.is_none() { StatusCode::UNAUTHORIZED } else { StatusCode::FORBIDDEN };
            for (endpoint, body) in [
                ("two_factor_set_roles", "roles[]=viewer"),
                ("two_factor_roles", ""),
                ("users_two_factor", id.as_str()),
                ("users_reset_two_factor", id.as_str()),
            ] {
                let res = app.call(endpoint, body, token).await;
                assert_eq!(res.status, expected, "{backend}: {endpoint} as {label}: {}", res.body);
            }
        }
        assert_eq!(accounts::two_factor::required_roles(&app.db.conn).await.unwrap(), vec![Role::Partner], "partners always, nothing chosen yet");
        assert!(accounts::two_factor::is_enabled(&app.db.conn, sato.id).await.unwrap());

        // The administrator's pages offer both.
        let page = app.get("/admin/users", Some(&admin)).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("2段階認証を必須にする役割") && page.body.contains("roles[]"), "{backend}: {}", page.body);
        let page = app.get(&format!("/admin/users/{}", sato.id), Some(&admin)).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("2段階認証をリセット"), "{backend}: {}", page.body);

        // Required roles: checked boxes, an unknown role refused, none checked means none.
        let res = app.call("two_factor_set_roles", "roles[]=coordinator&roles[]=viewer", Some(&admin)).await;
        assert!(accepted(&res), "{backend}: {} {}", res.status, res.body);
        assert_eq!(res.header("location"), "/admin/users?two_factor=1");
        assert_eq!(accounts::two_factor::required_roles(&app.db.conn).await.unwrap(), vec![Role::Coordinator, Role::Viewer, Role::Partner]);
        assert_eq!(app.call("two_factor_roles", "", Some(&admin)).await.json(), serde_json::json!(["coordinator", "viewer", "partner"]));
        let res = app.call("two_factor_set_roles", "roles[]=root", Some(&admin)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {}", res.body);
        assert_eq!(accounts::two_factor::required_roles(&app.db.conn).await.unwrap(), vec![Role::Coordinator, Role::Viewer, Role::Partner]);

        // A required role cannot turn it off itself.
        let res = app.call("two_factor_disable", &form(&[("current_password", PASSWORD)]), Some(&sato_token)).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{backend}: {}", res.body);
        let view = app.call("two_factor", "", Some(&sato_token)).await.json();
        assert_eq!(view["required"], true, "{view}");

        // The status as the administrator sees it, then the reset.
        let status = app.call("users_two_factor", &id, Some(&admin)).await.json();
        assert_eq!(status["enabled"], true, "{status}");
        assert_eq!(status["required"], true, "{status}");
        assert_eq!(status["recovery_codes_left"], 10, "{status}");
        let res = app.call("users_reset_two_factor", &id, Some(&admin)).await;
        assert!(accepted(&res), "{backend}: {} {}", res.status, res.body);
        assert_eq!(res.header("location"), format!("/admin/users/{}?two_factor=1", sato.id));
        assert!(!accounts::two_factor::is_enabled(&app.db.conn, sato.id).await.unwrap());
        let status = app.call("users_two_factor", &id, Some(&admin)).await.json();
        assert_eq!(status["enabled"], false, "{status}");
        assert_eq!(status["pending"], false, "{status}");
        assert_eq!(status["recovery_codes_left"], 0, "{status}");
        assert_eq!(app.call("users_reset_two_factor", "id=999999", Some(&admin)).await.status, StatusCode::NOT_FOUND);

        let res = app.call("two_factor_set_roles", "", Some(&admin)).await;
        assert!(accepted(&res), "{backend}: {} {}", res.status, res.body);
        assert_eq!(accounts::two_factor::required_roles(&app.db.conn).await.unwrap(), vec![Role::Partner], "{backend}: none checked leaves the partners'");

        // Audited: the reset on the user's record, the roles as a setting.
        let audits = user_audits(&app, sato.id).await;
        assert!(audits.last().is_some_and(|a| a.contains("管理者がリセット")), "{backend}: {audits:?}");
        let settings: Vec<String> = audit_log::Entity::find()
            .filter(audit_log::Column::EntityType.eq("setting"))
            .order_by_asc(audit_log::Column::Id)
            .all(&app.db.conn)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.changes)
            .collect();
        assert_eq!(settings.len(), 2, "{backend}: {settings:?}");
        assert!(settings[0].contains("two_factor_required_roles") && settings[0].contains("コーディネーター"), "{settings:?}");
    }
}
