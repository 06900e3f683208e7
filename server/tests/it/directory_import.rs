//! Importing spreadsheets of organisations and people into the directory: columns by header,
//! a preview with row problems (a missing column, an unknown organisation, a row twice in the
//! file) that saves nothing, likely duplicates merged without erasing what a blank cell does
//! not say, each upload confirmed once and by its uploader only.

use crate::common;

use app::domain::directory::{OrganisationInput, PersonInput};
use app::domain::Role;
use app::server::entities::{audit_log, organisation, person};
use app::server::services::audit::Actor;
use app::server::services::directory;
use chrono::Utc;
use common::{backends, form, TestApp, TestDb};
use http::StatusCode;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn seeded(db: TestDb) -> TestApp {
    directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    TestApp::new(db).await
}

async fn profession(app: &TestApp, name: &str) -> i32 {
    directory::professions::all(&app.db.conn).await.unwrap().into_iter().find(|p| p.name == name).unwrap().id
}

/// Uploads a file and returns the preview's id (the redirect's last segment).
async fn upload(app: &TestApp, base: &str, name: &str, bytes: &[u8], token: &str) -> i32 {
    let r = app.upload(base, "file", name, bytes, Some(token)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let to = r.header("location").to_string();
    to.strip_prefix(&format!("{base}/")).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("redirected to {to}"))
}

async fn preview(app: &TestApp, endpoint: &str, id: i32, token: &str) -> serde_json::Value {
    let r = app.call(endpoint, &form(&[("id", &id.to_string())]), Some(token)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

fn has_problem(p: &serde_json::Value, line: u64, column: &str, text: &str) -> bool {
    p["problems"].as_array().unwrap().iter().any(|e| e["line"] == line && e["column"] == column && e["message"].as_str().unwrap().contains(text))
}

async fn organisations(conn: &impl ConnectionTrait) -> u64 {
    organisation::Entity::find().count(conn).await.unwrap()
}

async fn people_named(conn: &impl ConnectionTrait, name: &str) -> Vec<person::Model> {
    person::Entity::find().filter(person::Column::Name.eq(name)).all(conn).await.unwrap()
}

#[tokio::test]
async fn organisations_are_previewed_then_created_and_merged_once() {
    for db in backends().await {
        let app = seeded(db).await;
        let conn = &app.db.conn;
        let (_, token) = app.user("coordinator", Role::Coordinator).await;
        let base = "/directory/organisations/import";
        let existing = directory::organisations::save(
            conn,
            &Actor::system("test"),
            None,
            None,
            &OrganisationInput { name: "釜石薬局".into(), kind: "pharmacy".into(), phone: "0193-22-1234".into(), ..Default::default() },
            false,
            Utc::now(),
        )
        .await
        .unwrap();

        // A required column missing: the file is refused as a whole.
        let id = upload(&app, base, "x.csv", "名称,住所\n鵜住居クリニック,釜石市\n".as_bytes(), &token).await;
        let p = preview(&app, "organisations_import_preview", id, &token).await;
        assert!(has_problem(&p, 1, "種別", "必須の列「種別」"), "{}", p["problems"]);

        // Row problems, in Shift_JIS as Excel saves CSV; headers in the file's own words.
        let bad = "機関名,区分,職種,TEL\r\n釜石薬局,薬局,薬剤師,\r\n新しい診療所,診療所,医師・魔法使い,\r\n,病院,,\r\n新しい診療所,診療所,医師,\r\n宇宙病院,宇宙船,,\r\n";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(bad);
        let id = upload(&app, base, "機関.csv", &sjis, &token).await;
        let p = preview(&app, "organisations_import_preview", id, &token).await;
        assert_eq!(p["format"], "Shift_JIS");
        assert!(has_problem(&p, 3, "職種", "「魔法使い」"), "{}", p["problems"]);
        assert!(has_problem(&p, 4, "名称", ""), "{}", p["problems"]);
        assert!(has_problem(&p, 5, "名称", "3行目"), "a row twice in the file: {}", p["problems"]);
        assert!(has_problem(&p, 6, "種別", "宇宙船"), "{}", p["problems"]);
        // A file with problems saves nothing, even when confirmed.
        let r = app.call("organisations_import_commit", &form(&[("id", &id.to_string())]), Some(&token)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert_eq!(organisations(conn).await, 1);

        // A clean file: one new organisation, one matching the existing (blank cells say nothing).
        let clean = "\u{feff}名称,種別,職種,電話番号,住所,備考\n釜石 薬局,薬局,薬剤師,,釜石市只越町1-1,\n鵜住居クリニック,診療所,医師、看護師（訪問看護）,0193-28-1111,,\n";
        let id = upload(&app, base, "機関.csv", clean.as_bytes(), &token).await;
        let p = preview(&app, "organisations_import_preview", id, &token).await;
        assert!(p["problems"].as_array().unwrap().is_empty(), "{}", p["problems"]);
        assert_eq!(p["new_rows"].as_array().unwrap().len(), 1);
        assert_eq!(p["new_rows"][0]["detail"], "診療所");
        let dup = &p["duplicates"][0];
        assert_eq!((dup["line"].as_u64(), dup["existing_id"].as_i64()), (Some(2), Some(existing as i64)));
        assert_eq!(dup["changes"], serde_json::json!(["職種", "住所"]), "a blank 電話番号 keeps the number");
        assert_eq!(organisations(conn).await, 1, "a preview saves nothing");

        // Confirmed with the default (merge) for the match.
        let r = app.call("organisations_import_commit", &form(&[("id", &id.to_string())]), Some(&token)).await;
        assert!(r.status.is_redirection() || r.status.is_success(), "{}: {}", r.status, r.body);
        let merged = directory::organisations::find(conn, existing).await.unwrap();
        assert_eq!((merged.name.as_str(), merged.kind.as_str(), merged.phone.as_str(), merged.address.as_str()), ("釜石薬局", "pharmacy", "0193-22-1234", "釜石市只越町1-1"));
        assert_eq!(directory::organisations::profession_ids(conn, existing).await.unwrap(), vec![profession(&app, "薬剤師").await]);
        let created = organisation::Entity::find().filter(organisation::Column::Name.eq("鵜住居クリニック")).one(conn).await.unwrap().unwrap();
        assert_eq!((created.kind.as_str(), created.phone.as_str()), ("clinic", "0193-28-1111"));
        let mut expected = vec![profession(&app, "医師").await, profession(&app, "看護師（訪問看護）").await];
        expected.sort();
        assert_eq!(directory::organisations::profession_ids(conn, created.id).await.unwrap(), expected);
        assert_eq!(preview(&app, "organisations_import_preview", id, &token).await["committed"], serde_json::json!([1, 1]));
        let summaries = audit_log::Entity::find().filter(audit_log::Column::EntityType.eq("organisation_import")).all(conn).await.unwrap();
        assert_eq!(summaries.len(), 1);
        assert_eq!(summaries[0].entity_id, Some(id as i64));

        // Confirming twice does nothing more.
        let r = app.call("organisations_import_commit", &form(&[("id", &id.to_string())]), Some(&token)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert_eq!(organisations(conn).await, 2);

        // Someone else's upload is not found, nor is it a file of people; a viewer may not import.
        let id = upload(&app, base, "機関.csv", clean.as_bytes(), &token).await;
        let (_, other) = app.user("other", Role::Coordinator).await;
        assert_eq!(app.call("organisations_import_preview", &form(&[("id", &id.to_string())]), Some(&other)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.call("organisations_import_commit", &form(&[("id", &id.to_string())]), Some(&other)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.call("people_import_preview", &form(&[("id", &id.to_string())]), Some(&token)).await.status, StatusCode::NOT_FOUND);
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        assert_eq!(app.upload(base, "file", "x.csv", clean.as_bytes(), Some(&viewer)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.call("organisations_import_preview", &form(&[("id", &id.to_string())]), Some(&viewer)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.call("organisations_import_commit", &form(&[("id", &id.to_string())]), Some(&viewer)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(organisations(conn).await, 2);
        let r = app.upload(base, "file", "x.csv", b"", Some(&token)).await;
        assert_eq!(r.header("location"), "/directory/organisations/import?error=empty");
    }
}

#[tokio::test]
async fn people_are_matched_to_their_organisation_and_merged_or_added_as_chosen() {
    for db in backends().await {
        let app = seeded(db).await;
        let conn = &app.db.conn;
        let (_, token) = app.user("coordinator", Role::Coordinator).await;
        let base = "/directory/people/import";
        let actor = Actor::system("test");
        let pharmacist = profession(&app, "薬剤師").await;
        let pharmacy = directory::organisations::save(
            conn,
            &actor,
            None,
            None,
            &OrganisationInput { name: "釜石薬局".into(), kind: "pharmacy".into(), professions: vec![pharmacist], ..Default::default() },
            false,
            Utc::now(),
        )
        .await
        .unwrap();
        let yamada = directory::people::save(
            conn,
            &actor,
            None,
            None,
            &PersonInput { name: "山田 太郎".into(), organisation_id: Some(pharmacy), phone: "090-1234-5678".into(), title: "薬剤師".into(), ..Default::default() },
            Utc::now(),
        )
        .await
        .unwrap();

        // The name column is required.
        let id = upload(&app, base, "x.csv", "所属,職種\n釜石薬局,薬剤師\n".as_bytes(), &token).await;
        let p = preview(&app, "people_import_preview", id, &token).await;
        assert!(has_problem(&p, 1, "氏名", "必須の列「氏名」"), "{}", p["problems"]);

        // An unknown organisation, an unknown profession, a person twice in the file.
        let bad = "氏名,所属,職種,役職\n佐藤 花子,存在しない病院,,\n鈴木 一郎,釜石薬局,魔法使い,\n田中 次郎,釜石薬局,,\n田中次郎,釜石薬局,,\n";
        let id = upload(&app, base, "人.csv", bad.as_bytes(), &token).await;
        let p = preview(&app, "people_import_preview", id, &token).await;
        assert!(has_problem(&p, 2, "所属", "存在しない病院"), "{}", p["problems"]);
        assert!(has_problem(&p, 3, "職種", "薬剤師"), "the known professions are listed: {}", p["problems"]);
        assert!(has_problem(&p, 5, "氏名", "4行目"), "{}", p["problems"]);
        let r = app.call("people_import_commit", &form(&[("id", &id.to_string())]), Some(&token)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert_eq!(person::Entity::find().count(conn).await.unwrap(), 1, "nothing saved");

        // A clean file: 山田 matches (same organisation, same name however spaced).
        let clean = "氏名,ふりがな,所属,職種,役職,メール\n山田太郎,,釜石薬局,,薬局長,yamada@example.jp\n佐藤 花子,さとう はなこ,釜石薬局,,,\n高橋 三郎,,,介護支援専門員,,\n";
        let id = upload(&app, base, "人.csv", clean.as_bytes(), &token).await;
        let p = preview(&app, "people_import_preview", id, &token).await;
        assert!(p["problems"].as_array().unwrap().is_empty(), "{}", p["problems"]);
        assert_eq!(p["new_rows"].as_array().unwrap().len(), 2);
        let dup = &p["duplicates"][0];
        assert_eq!((dup["line"].as_u64(), dup["existing_id"].as_i64(), dup["detail"].as_str()), (Some(2), Some(yamada as i64), Some("釜石薬局")));
        assert_eq!(dup["changes"], serde_json::json!(["役職", "メール"]));
        // The confirmation form's radio groups post `choices[<n>]`.
        let r = app.call("people_import_commit", &form(&[("id", &id.to_string()), ("choices[0]", "2:merge")]), Some(&token)).await;
        assert!(r.status.is_redirection() || r.status.is_success(), "{}: {}", r.status, r.body);
        let merged = directory::people::find(conn, yamada).await.unwrap();
        assert_eq!((merged.name.as_str(), merged.phone.as_str(), merged.title.as_str(), merged.email.as_str()), ("山田 太郎", "090-1234-5678", "薬局長", "yamada@example.jp"));
        let sato = &people_named(conn, "佐藤 花子").await[0];
        assert_eq!((sato.organisation_id, sato.profession_id, sato.kana.as_str()), (Some(pharmacy), Some(pharmacist), "さとう はなこ"), "the form's save: the organisation's only profession");
        let takahashi = &people_named(conn, "高橋 三郎").await[0];
        assert_eq!((takahashi.organisation_id, takahashi.profession_id), (None, Some(profession(&app, "介護支援専門員").await)));
        assert_eq!(preview(&app, "people_import_preview", id, &token).await["committed"], serde_json::json!([2, 1]));
        assert_eq!(app.call("people_import_commit", &form(&[("id", &id.to_string())]), Some(&token)).await.status, StatusCode::CONFLICT);

        // The file again with a new 役職 for 山田: every row matches; he is left out (his 役職
        // stays), one is added anew, one is unchanged.
        let again = clean.replace("薬局長", "管理薬剤師");
        let id = upload(&app, base, "人.csv", again.as_bytes(), &token).await;
        let p = preview(&app, "people_import_preview", id, &token).await;
        assert_eq!(p["duplicates"].as_array().unwrap().len(), 3);
        let r = app.call("people_import_commit", &form(&[("id", &id.to_string()), ("choices[0]", "2:skip"), ("choices[1]", "3:new"), ("choices[2]", "4:merge")]), Some(&token)).await;
        assert!(r.status.is_redirection() || r.status.is_success(), "{}: {}", r.status, r.body);
        assert_eq!(people_named(conn, "佐藤 花子").await.len(), 2);
        assert_eq!(people_named(conn, "高橋 三郎").await.len(), 1);
        assert_eq!(directory::people::find(conn, yamada).await.unwrap().title, "薬局長", "a skipped row changes nothing");
        assert_eq!(preview(&app, "people_import_preview", id, &token).await["committed"], serde_json::json!([1, 0]));
        assert_eq!(audit_log::Entity::find().filter(audit_log::Column::EntityType.eq("person_import")).count(conn).await.unwrap(), 2);

        // A viewer may not import.
        let (_, viewer) = app.user("viewer", Role::Viewer).await;
        assert_eq!(app.upload(base, "file", "x.csv", clean.as_bytes(), Some(&viewer)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.call("people_import_preview", &form(&[("id", &id.to_string())]), Some(&viewer)).await.status, StatusCode::FORBIDDEN);
    }
}
