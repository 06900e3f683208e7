//! Pages are rendered on the server and only islands hydrate: no page carries the data of
//! its records a second time as serialized resources for the browser.

use crate::common::*;

/// Every route of the app, read from its route table so that a new page is covered too.
fn routes() -> Vec<String> {
    let source = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../app/src/app.rs"));
    let routes: Vec<String> = source
        .split("path!(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|p| p.replace(":id", "1").replace(":fy", "2024"))
        .collect();
    assert!(routes.len() >= 50, "read {} routes", routes.len());
    routes
}

/// The serialized resources of a page, if it has any (leptos writes them as
/// `__RESOLVED_RESOURCES=[…]` and streams late ones as `__RESOLVED_RESOURCES[n] = …`).
fn serialized_data(page: &str) -> Option<String> {
    for marker in ["__RESOLVED_RESOURCES=[", "__PENDING_RESOURCES=[", "__SERIALIZED_ERRORS=["] {
        if let Some(i) = page.find(marker) {
            let rest = &page[i + marker.len()..];
            if !rest.starts_with("];") {
                return Some(rest.chars().take(200).collect());
            }
        }
    }
    page.find("__RESOLVED_RESOURCES[").map(|i| page[i..].chars().take(200).collect())
}

#[test]
fn the_check_finds_serialized_data() {
    assert_eq!(serialized_data("<script>__RESOLVED_RESOURCES=[];__PENDING_RESOURCES=[];</script>"), None);
    assert!(serialized_data("__RESOLVED_RESOURCES=[\"{\\\"id\\\":1}\",];").is_some());
    assert!(serialized_data("__RESOLVED_RESOURCES[3] = \"x\";").is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_carries_serialized_resource_data() {
    for db in backends().await {
        let backend = db.backend;
        let (app, token) = super::demo_app(db, "pages-admin").await;
        let mut rendered = 0;
        for route in routes() {
            let page = app.get(&route, Some(&token)).await;
            assert!(!page.status.is_server_error(), "{backend} {route}: {}", page.status);
            if !page.header("content-type").starts_with("text/html") {
                continue;
            }
            rendered += 1;
            assert!(page.body.contains("<main"), "{backend} {route}: not a page: {}", page.body.chars().take(300).collect::<String>());
            if let Some(data) = serialized_data(&page.body) {
                panic!("{backend} {route} carries serialized data: {data}");
            }
        }
        assert!(rendered >= 45, "{backend}: rendered {rendered} pages");
    }
}
