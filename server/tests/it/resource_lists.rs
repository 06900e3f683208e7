//! The resource list's categories and districts, kept by administrators: only they may,
//! names stay unique on their level, renames relabel entries, retired entries are no longer
//! offered but stay on what uses them, and the order moves one place at a time.

use crate::common;

use app::domain::Role;
use app::server::entities::audit_log;
use app::server::services::audit::Actor;
use app::server::services::resources::{self, collectors, lists};
use chrono::Utc;
use common::{backends, form, TestApp};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

fn ok(s: StatusCode) -> bool {
    s.is_success() || s.is_redirection()
}

async fn categories(app: &TestApp) -> lists::Categories {
    lists::Categories::load(&app.db.conn).await.unwrap()
}

async fn districts(app: &TestApp) -> lists::Districts {
    lists::Districts::load(&app.db.conn).await.unwrap()
}

async fn category_id(app: &TestApp, name: &str) -> i32 {
    let c = categories(app).await;
    let id = c.all().find(|x| c.name(x.id) == name).map(|x| x.id);
    id.unwrap_or_else(|| panic!("no category {name}"))
}

fn offered(c: &lists::Categories, name: &str) -> bool {
    c.choices().iter().any(|x| x.name == name)
}

#[tokio::test]
async fn only_administrators_keep_the_lists() {
    for db in backends().await {
        lists::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let (_, admin) = app.user("admin", Role::Admin).await;
        let mut others = vec![(None, StatusCode::SEE_OTHER, StatusCode::UNAUTHORIZED)];
        for (login, role) in [("coordinator", Role::Coordinator), ("viewer", Role::Viewer), ("collector", Role::Collector)] {
            others.push((Some(app.user(login, role).await.1), StatusCode::FORBIDDEN, StatusCode::FORBIDDEN));
        }
        let all = districts(&app).await.all;
        let district = all[0].clone();
        // Each change on its own district, so that none works on a version another changed.
        let at = |i: usize| (all[i].id.to_string(), all[i].version.to_string());
        let ((a, av), (b, bv), (c, cv)) = (at(0), at(1), at(2));
        let calls: Vec<(&str, String)> = vec![
            ("resource_lists", String::new()),
            ("resource_lists_add_category", form(&[("category_name", "移動支援")])),
            ("resource_lists_add_district", form(&[("district_name", "箱崎")])),
            ("resource_lists_rename", form(&[("kind", "district"), ("id", &a), ("version", &av), ("name", "釜石東")])),
            ("resource_lists_retire", form(&[("kind", "district"), ("id", &b), ("version", &bv), ("retire", "true")])),
            ("resource_lists_move", form(&[("kind", "district"), ("id", &c), ("version", &cv), ("up", "false")])),
        ];
        for (token, page_status, call_status) in &others {
            assert_eq!(app.get("/admin/resource-lists", token.as_deref()).await.status, *page_status);
            for (endpoint, body) in &calls {
                assert_eq!(app.call(endpoint, body, token.as_deref()).await.status, *call_status, "{endpoint} {token:?}");
            }
        }
        assert_eq!(districts(&app).await.all.len(), 8, "nothing was changed by the refused calls");
        assert_eq!(districts(&app).await.name(Some(district.id)), district.name);

        let page = app.get("/admin/resource-lists", Some(&admin)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("鵜住居") && page.body.contains("つながるカフェ"), "{}", page.body);
        for (endpoint, body) in &calls {
            let r = app.call(endpoint, body, Some(&admin)).await;
            assert!(ok(r.status), "{endpoint}: {} {}", r.status, r.body);
        }
    }
}

#[tokio::test]
async fn categories_are_added_renamed_retired_and_reordered() {
    for db in backends().await {
        lists::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let (_, admin) = app.user("admin", Role::Admin).await;
        let call = |endpoint: &'static str, fields: Vec<(&'static str, String)>| {
            let body = form(&fields.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>());
            let admin = admin.clone();
            let app = &app;
            async move { app.call(endpoint, &body, Some(&admin)).await }
        };

        // A new top-level category and one beneath it.
        assert!(ok(call("resource_lists_add_category", vec![("category_name", " 移動支援 ".into())]).await.status));
        let top = category_id(&app, "移動支援").await;
        assert!(ok(call("resource_lists_add_category", vec![("parent_id", top.to_string()), ("category_name", "送迎ボランティア".into())]).await.status));
        let sub = category_id(&app, "移動支援 › 送迎ボランティア").await;
        assert!(offered(&categories(&app).await, "移動支援 › 送迎ボランティア"));

        // Bad input: the field's message, nothing added.
        let before = categories(&app).await.all().count();
        for (fields, field, message) in [
            (vec![("category_name", "".to_string())], "category_name", "分類名を入力してください。"),
            (vec![("parent_id", top.to_string()), ("category_name", "送迎ボランティア".into())], "category_name", "分類「送迎ボランティア」はすでにあります"),
            (vec![("parent_id", sub.to_string()), ("category_name", "三段目".into())], "parent_id", "分類は2段階まで"),
            (vec![("parent_id", "x".into()), ("category_name", "なにか".into())], "parent_id", "大分類を選び直してください。"),
            (vec![("category_name", "相談窓口 › 高齢者".into())], "category_name", "「›」は使えません。"),
        ] {
            let r = call("resource_lists_add_category", fields).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
            assert!(r.body.contains(field) && r.body.contains(message), "{message}: {}", r.body);
        }
        assert_eq!(categories(&app).await.all().count(), before);
        // A name is text on the page.
        assert!(ok(call("resource_lists_add_category", vec![("parent_id", top.to_string()), ("category_name", "<b>危</b>\"'".into())]).await.status));
        let page = app.get("/admin/resource-lists", Some(&admin)).await;
        assert!(!page.body.contains("<b>危") && page.body.contains("&lt;b&gt;危"), "{}", page.body);
        // The same name on another level is another category.
        assert!(ok(call("resource_lists_add_category", vec![("parent_id", top.to_string()), ("category_name", "移動支援".into())]).await.status));

        // A resource filed under the new sub-category follows its rename.
        let input = app::domain::resources::ResourceInput { name: "送迎の会".into(), category: sub.to_string(), activity: "active".into(), ..Default::default() };
        let rid = resources::save(&app.db.conn, &Actor::system("test"), None, None, &input, Utc::now()).await.unwrap();
        let v = categories(&app).await.model(sub).unwrap().version;
        let rename = |version: i32, name: &str| vec![("kind", "category".to_string()), ("id", sub.to_string()), ("version", version.to_string()), ("name", name.to_string())];
        assert!(ok(call("resource_lists_rename", rename(v, "外出・送迎の支援")).await.status));
        assert_eq!(resources::get(&app.db.conn, rid, chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()).await.unwrap().category, "移動支援 › 外出・送迎の支援");
        let r = call("resource_lists_rename", rename(v, "古い版から")).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "a stale rename is refused: {}", r.body);
        let audit = audit_log::Entity::find().filter(audit_log::Column::EntityType.eq("resource_category")).filter(audit_log::Column::EntityId.eq(sub as i64)).all(&app.db.conn).await.unwrap();
        assert!(audit.iter().any(|a| a.action == "update" && a.changes.contains("送迎ボランティア") && a.changes.contains("外出・送迎の支援")), "{audit:?}");

        // Retiring the top-level category takes its sub-categories out of the choices; the
        // entry keeps its category and can still be saved as it is, but no new one uses it.
        let v = categories(&app).await.model(top).unwrap().version;
        let retire = |version: i32, retire: bool| vec![("kind", "category".to_string()), ("id", top.to_string()), ("version", version.to_string()), ("retire", retire.to_string())];
        assert!(ok(call("resource_lists_retire", retire(v, true)).await.status));
        let c = categories(&app).await;
        assert!(!offered(&c, "移動支援") && !offered(&c, "移動支援 › 外出・送迎の支援"));
        assert_eq!(c.name(sub), "移動支援 › 外出・送迎の支援");
        let version = resources::record::find(&app.db.conn, rid).await.unwrap().version;
        resources::save(&app.db.conn, &Actor::system("test"), Some(rid), Some(version), &input, Utc::now()).await.expect("an entry keeps its retired category");
        let again = app::domain::resources::ResourceInput { name: "新しい送迎".into(), ..input.clone() };
        let refused = resources::save(&app.db.conn, &Actor::system("test"), None, None, &again, Utc::now()).await.unwrap_err();
        assert!(refused.field_message("category").is_some(), "refused for its category: {refused:?}");
        let r = call("resource_lists_add_category", vec![("parent_id", top.to_string()), ("category_name", "廃止の下".into())]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "nothing added under a retired top-level category: {}", r.body);
        let v = categories(&app).await.model(top).unwrap().version;
        assert!(ok(call("resource_lists_retire", retire(v, false)).await.status));
        assert!(offered(&categories(&app).await, "移動支援 › 外出・送迎の支援"));

        // Moving: the last top-level category goes up one place, then the first cannot go up.
        let tops = |c: &lists::Categories| c.siblings(None).iter().map(|x| x.id).collect::<Vec<_>>();
        let order = tops(&categories(&app).await);
        assert_eq!(order.last(), Some(&top));
        let mv = |id: i32, version: i32, up: bool| vec![("kind", "category".to_string()), ("id", id.to_string()), ("version", version.to_string()), ("up", up.to_string())];
        let v = categories(&app).await.model(top).unwrap().version;
        assert!(ok(call("resource_lists_move", mv(top, v, true)).await.status));
        let moved = tops(&categories(&app).await);
        assert_eq!(moved[moved.len() - 2], top);
        assert_eq!(moved[moved.len() - 1], order[order.len() - 2]);
        let first = order[0];
        let v = categories(&app).await.model(first).unwrap().version;
        assert!(ok(call("resource_lists_move", mv(first, v, true)).await.status));
        assert_eq!(tops(&categories(&app).await), moved, "the first stays first");
        let lists = app.call("resource_lists", "", Some(&admin)).await.json();
        let row = |id: i32| lists["categories"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap().clone();
        assert_eq!((row(first)["can_up"].as_bool(), row(first)["can_down"].as_bool()), (Some(false), Some(true)));
        assert_eq!(row(top)["count"], 1, "the entry under its sub-category");
    }
}

#[tokio::test]
async fn districts_bound_to_a_collector_stay_and_others_retire() {
    for db in backends().await {
        lists::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
        let app = TestApp::new(db).await;
        let (_, admin) = app.user("admin", Role::Admin).await;
        let (collector, _) = app.user("unosumai", Role::Collector).await;
        let d = districts(&app).await;
        let unosumai = d.all.iter().find(|x| x.name == "鵜住居").unwrap().clone();
        let kasshi = d.all.iter().find(|x| x.name == "甲子").unwrap().clone();
        collectors::assign(&app.db.conn, &Actor::system("test"), collector.id, "unosumai", Role::Collector, &unosumai.id.to_string(), Utc::now()).await.unwrap();
        let retire = |m: &app::server::entities::resource_district::Model| {
            form(&[("kind", "district"), ("id", &m.id.to_string()), ("version", &m.version.to_string()), ("retire", "true")])
        };

        let r = app.call("resource_lists_retire", &retire(&unosumai), Some(&admin)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert!(r.body.contains("資源登録者が1人"), "{}", r.body);
        assert!(districts(&app).await.is_active(unosumai.id));

        assert!(ok(app.call("resource_lists_retire", &retire(&kasshi), Some(&admin)).await.status));
        let d = districts(&app).await;
        assert!(!d.choices().iter().any(|x| x.id == kasshi.id) && d.name(Some(kasshi.id)) == "甲子", "retired, but its name stays");

        // A new district goes to the end, a duplicate name is refused next to its field.
        assert!(ok(app.call("resource_lists_add_district", &form(&[("district_name", "箱崎")]), Some(&admin)).await.status));
        assert_eq!(districts(&app).await.all.last().unwrap().name, "箱崎");
        let r = app.call("resource_lists_add_district", &form(&[("district_name", "鵜住居地区")]), Some(&admin)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("district_name") && r.body.contains("地区「鵜住居地区」はすでにあります"), "the import would take it for 鵜住居: {}", r.body);
        let r = app.call("resource_lists_move", &form(&[("kind", "region"), ("id", "1"), ("version", "1"), ("up", "true")]), Some(&admin)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    }
}
