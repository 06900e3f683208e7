//! Two-step sign-in against a fresh SQLite database, with RFC 6238's known codes.

use super::*;
use crate::server::entities::audit_log;
use crate::server::services::accounts::users::{self, NewUser};
use chrono::TimeZone;
use sea_orm::{DatabaseConnection, QueryOrder};

/// RFC 6238's SHA-1 key, so that the codes of the fixed times below are known.
const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
/// No code of the RFC key is "000000" in the steps these tests use.
const WRONG: &str = "000000";
const PASSWORD: &str = "correct-horse-battery";

async fn test_db() -> (DatabaseConnection, tempfile::TempDir) {
    use migration::MigratorTrait;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
    let db = crate::server::db::connect(&url, None).await.unwrap();
    migration::Migrator::up(&db, None).await.unwrap();
    (db, dir)
}

fn t0() -> DateTime<Utc> {
    Utc.timestamp_opt(1_111_111_111, 0).unwrap()
}

fn later(seconds: i64) -> DateTime<Utc> {
    t0() + Duration::seconds(seconds)
}

fn code(at: DateTime<Utc>) -> String {
    totp::code_at_time(RFC_SECRET, at).unwrap()
}

async fn new_user(db: &DatabaseConnection, login: &str, role: Role) -> SessionUser {
    let input = NewUser {
        login_name: login.into(),
        display_name: format!("{login} さん"),
        role: role.code().into(),
        password: PASSWORD.into(),
        password_confirm: None,
    };
    let user = users::create(db, &Actor::system("test"), &input, t0()).await.unwrap();
    session::to_session_user(&user).unwrap()
}

/// Begins the set-up and swaps the random secret for the RFC key.
async fn begin_with_rfc_secret(db: &DatabaseConnection, user_id: i32, now: DateTime<Utc>) {
    begin_enrolment(db, user_id, now).await.unwrap();
    user_totp::Entity::update_many()
        .col_expr(user_totp::Column::Secret, Expr::value(RFC_SECRET))
        .filter(user_totp::Column::UserId.eq(user_id))
        .exec(db)
        .await
        .unwrap();
}

async fn two_factor_audits(db: &DatabaseConnection, user_id: i32) -> Vec<String> {
    audit_log::Entity::find()
        .filter(audit_log::Column::EntityType.eq("user"))
        .filter(audit_log::Column::EntityId.eq(user_id as i64))
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.changes)
        .filter(|c| c.contains(FIELD_TWO_FACTOR) || c.contains(FIELD_RECOVERY))
        .collect()
}

#[tokio::test]
async fn set_up_then_codes_are_taken_once_and_recovery_codes_once() {
    let (db, _dir) = test_db().await;
    let sato = new_user(&db, "sato", Role::Coordinator).await;
    assert_eq!(login_step(&db, &sato).await.unwrap(), LoginStep::SignIn);

    let secret = begin_enrolment(&db, sato.id, t0()).await.unwrap();
    assert_eq!(begin_enrolment(&db, sato.id, later(60)).await.unwrap(), secret, "kept while fresh");
    assert_ne!(begin_enrolment(&db, sato.id, later(31 * 60)).await.unwrap(), secret, "renewed when stale");
    begin_with_rfc_secret(&db, sato.id, t0()).await;
    let shown = pending_enrolment(&db, sato.id).await.unwrap().unwrap();
    assert!(shown.qr_svg.starts_with("<svg") && shown.otpauth_url.contains(RFC_SECRET));
    assert!(status(&db, sato.id).await.unwrap().pending);
    assert!(!verify_login(&db, sato.id, &code(t0()), t0()).await.unwrap(), "not on before it is confirmed");

    let err = confirm_enrolment(&db, &(&sato).into(), sato.id, WRONG, t0()).await.unwrap_err();
    assert!(err.field_message("code").is_some(), "{err:?}");
    assert!(!is_enabled(&db, sato.id).await.unwrap());

    let codes = confirm_enrolment(&db, &(&sato).into(), sato.id, &code(t0()), t0()).await.unwrap();
    assert_eq!(codes.len(), totp::RECOVERY_CODE_COUNT);
    let st = status(&db, sato.id).await.unwrap();
    assert!(st.enabled && !st.pending && st.recovery_codes_left == 10, "{st:?}");
    assert!(pending_enrolment(&db, sato.id).await.unwrap().is_none());
    assert!(begin_enrolment(&db, sato.id, later(1)).await.is_err(), "already on");
    assert_eq!(recovery_codes_to_show(&db, sato.id, later(60)).await.unwrap().as_deref(), Some(&codes[..]));
    assert_eq!(recovery_codes_to_show(&db, sato.id, later(16 * 60)).await.unwrap(), None, "only for a while");
    acknowledge_recovery_codes(&db, sato.id, later(60)).await.unwrap();
    assert_eq!(recovery_codes_to_show(&db, sato.id, later(60)).await.unwrap(), None);
    assert_eq!(login_step(&db, &sato).await.unwrap(), LoginStep::Code);

    // The code that confirmed the set-up is used up; the next one works once.
    assert!(!verify_login(&db, sato.id, &code(t0()), t0()).await.unwrap());
    assert!(verify_login(&db, sato.id, &code(later(30)), later(30)).await.unwrap());
    assert!(!verify_login(&db, sato.id, &code(later(30)), later(31)).await.unwrap(), "no replay");
    assert!(!verify_login(&db, sato.id, &code(t0()), later(31)).await.unwrap(), "no older step");
    assert!(!verify_login(&db, sato.id, WRONG, later(60)).await.unwrap());

    // A recovery code, typed loosely, works once.
    let typed = codes[0].to_uppercase().replace('-', " ");
    assert!(verify_login(&db, sato.id, &typed, later(60)).await.unwrap());
    assert!(!verify_login(&db, sato.id, &codes[0], later(61)).await.unwrap());
    assert_eq!(status(&db, sato.id).await.unwrap().recovery_codes_left, 9);

    // New recovery codes replace the old ones.
    let fresh = regenerate_recovery_codes(&db, &(&sato).into(), sato.id, &code(later(90)), later(90)).await.unwrap();
    assert!(!verify_login(&db, sato.id, &codes[1], later(91)).await.unwrap());
    assert!(verify_login(&db, sato.id, &fresh[1], later(91)).await.unwrap());

    let audits = two_factor_audits(&db, sato.id).await;
    assert_eq!(audits.len(), 4, "{audits:?}");
    assert!(audits.iter().all(|a| !a.contains(&codes[0]) && !a.contains(RFC_SECRET)), "no secret in the audit trail");
}

#[tokio::test]
async fn a_sign_in_waits_for_its_code_and_wrong_codes_lock_like_passwords() {
    let (db, _dir) = test_db().await;
    let sato = new_user(&db, "sato", Role::Coordinator).await;
    begin_with_rfc_secret(&db, sato.id, t0()).await;
    confirm_enrolment(&db, &(&sato).into(), sato.id, &code(t0()), t0()).await.unwrap();

    let token = start_challenge(&db, sato.id, later(20)).await.unwrap();
    assert_eq!(challenge_user(&db, &token, later(20)).await.unwrap().map(|u| u.id), Some(sato.id));
    // (The failure and the success are recorded at different times, so their order is clear.)
    let err = answer_challenge(&db, &token, WRONG, "", later(20)).await.unwrap_err();
    assert!(err.field_message("code").is_some(), "{err:?}");
    let user = answer_challenge(&db, &token, &code(later(30)), "", later(30)).await.unwrap();
    assert_eq!(user.id, sato.id);
    assert_eq!(
        answer_challenge(&db, &token, &code(later(60)), "", later(60)).await.unwrap_err(),
        AppError::BadRequest(CHALLENGE_EXPIRED.into()),
        "used up"
    );

    // Expired.
    let token = start_challenge(&db, sato.id, later(60)).await.unwrap();
    assert!(challenge_user(&db, &token, later(60 + CHALLENGE_MINUTES * 60)).await.unwrap().is_none());

    // Five wrong codes from one address lock the codes there, as five wrong passwords
    // would lock the name; a right password in between (which clears the password
    // count) does not clear it, so a password gives no fresh tries at the code.
    let client = "203.0.113.7";
    let token = start_challenge(&db, sato.id, later(120)).await.unwrap();
    for i in 0..throttle::MAX_FAILURES as i64 {
        if i == 2 {
            throttle::record(&db, "sato", client, true, later(120 + i)).await.unwrap();
        }
        let err = answer_challenge(&db, &token, WRONG, client, later(120 + i)).await.unwrap_err();
        assert!(err.field_message("code").is_some(), "{i}: {err:?}");
    }
    let err = answer_challenge(&db, &token, &code(later(130)), client, later(130)).await.unwrap_err();
    assert_eq!(err.status(), 429, "{err:?}");
    assert!(throttle::lock(&db, &code_key(sato.id), client, later(130)).await.unwrap().is_some());
    // Another address is not locked out by this one.
    assert_eq!(answer_challenge(&db, &token, &code(later(130)), "198.51.100.2", later(130)).await.unwrap().id, sato.id);
}

#[tokio::test]
async fn required_roles_turning_off_and_the_administrator_reset() {
    let (db, _dir) = test_db().await;
    let admin = new_user(&db, "admin1", Role::Admin).await;
    let sato = new_user(&db, "sato", Role::Coordinator).await;
    let by_admin: Actor = (&admin).into();

    assert!(set_required_roles(&db, &by_admin, &["admin".to_string(), "bogus".to_string()], t0()).await.is_err());
    assert_eq!(set_required_roles(&db, &by_admin, &["coordinator".to_string()], t0()).await.unwrap(), vec![Role::Coordinator, Role::Partner], "partners always");
    assert_eq!(required_roles(&db).await.unwrap(), vec![Role::Coordinator, Role::Partner]);
    assert!(is_required(&db, Role::Partner).await.unwrap() && !is_required(&db, Role::Viewer).await.unwrap());
    assert_eq!(login_step(&db, &sato).await.unwrap(), LoginStep::Enrol);
    assert_eq!(login_step(&db, &admin).await.unwrap(), LoginStep::SignIn);

    // Set up during sign-in, through the challenge.
    begin_with_rfc_secret(&db, sato.id, t0()).await;
    let token = start_challenge(&db, sato.id, t0()).await.unwrap();
    assert!(answer_enrolment_challenge(&db, &token, WRONG, "", t0()).await.unwrap_err().field_message("code").is_some());
    assert_eq!(answer_enrolment_challenge(&db, &token, &code(t0()), "", t0()).await.unwrap().id, sato.id);
    assert!(is_enabled(&db, sato.id).await.unwrap());
    assert!(recovery_codes_to_show(&db, sato.id, later(1)).await.unwrap().is_some());

    // A required role cannot turn it off; a wrong password neither.
    let err = disable_own(&db, &sato, "wrong password!", later(30)).await.unwrap_err();
    assert!(err.field_message("current_password").is_some(), "{err:?}");
    assert_eq!(disable_own(&db, &sato, PASSWORD, later(30)).await.unwrap_err().status(), 400);
    set_required_roles(&db, &by_admin, &[], later(30)).await.unwrap();
    disable_own(&db, &sato, PASSWORD, later(30)).await.unwrap();
    assert_eq!(status(&db, sato.id).await.unwrap(), Status { enabled: false, enabled_at: None, pending: false, recovery_codes_left: 0 });

    // The administrator's reset.
    begin_with_rfc_secret(&db, sato.id, later(60)).await;
    confirm_enrolment(&db, &(&sato).into(), sato.id, &code(later(60)), later(60)).await.unwrap();
    admin_reset(&db, &by_admin, sato.id, later(90)).await.unwrap();
    assert!(!is_enabled(&db, sato.id).await.unwrap());
    assert!(!verify_login(&db, sato.id, &code(later(90)), later(90)).await.unwrap());
    assert_eq!(status(&db, sato.id).await.unwrap().recovery_codes_left, 0);
    let audits = two_factor_audits(&db, sato.id).await;
    assert!(audits.last().unwrap().contains("管理者がリセット"), "{audits:?}");
    assert_eq!(admin_reset(&db, &by_admin, 9999, later(90)).await.unwrap_err(), AppError::NotFound);

    let setting_audits = audit_log::Entity::find()
        .filter(audit_log::Column::EntityType.eq("setting"))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(setting_audits, 2);
}

#[test]
fn required_roles_are_read_in_role_order_and_unknown_codes_are_ignored() {
    assert_eq!(parse_roles(""), Vec::<Role>::new());
    assert_eq!(parse_roles("viewer, admin"), vec![Role::Admin, Role::Viewer]);
    assert_eq!(parse_roles("admin,nobody,admin"), vec![Role::Admin]);
    assert_eq!(role_labels(&[]), "なし");
    assert_eq!(role_labels(&[Role::Admin, Role::Coordinator]), "管理者、コーディネーター");
}
