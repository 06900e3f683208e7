//! Malformed input never takes the server down: every server function (found in the
//! registry, its arguments read from its declaration) and every page and file route gets
//! wrong types, missing and extra fields, huge and negative numbers, invalid UTF-8, 1 MB
//! strings and control characters, as anonymous, coordinator and administrator. Any 5xx,
//! panic or request without an answer fails the test.

use crate::common;

use app::domain::Role;
use axum::body::Body;
use chrono::Utc;
use common::{backends, send, TestApp, HOST};
use http::{Request, StatusCode};

/// A server function as declared: its endpoint and its arguments (name, type).
#[derive(Debug)]
struct Endpoint {
    name: String,
    args: Vec<(String, String)>,
}

/// Reads the `#[server(…, endpoint = "…")]` declarations of `app/src/api`.
fn declared_endpoints() -> Vec<Endpoint> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src/api");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("app/src/api") {
        let src = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut rest = src.as_str();
        while let Some(at) = rest.find("endpoint = \"") {
            rest = &rest[at + 12..];
            let name = rest[..rest.find('"').unwrap()].to_string();
            let sig = &rest[rest.find("pub async fn").expect("fn after #[server]")..];
            let open = sig.find('(').unwrap();
            let mut depth = 0;
            let mut close = open;
            for (i, c) in sig[open..].char_indices() {
                match c {
                    '(' | '<' | '[' => depth += 1,
                    ')' | '>' | ']' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    close = open + i;
                    break;
                }
            }
            let params: String = sig[open + 1..close]
                .lines()
                .map(|l| l.trim())
                .filter(|l| !l.starts_with("///"))
                .collect::<Vec<_>>()
                .join(" ")
                .replace("#[server(default)]", "");
            let mut args = Vec::new();
            let (mut depth, mut start) = (0, 0);
            let bytes: Vec<char> = params.chars().collect();
            for (i, c) in bytes.iter().enumerate() {
                match c {
                    '<' | '(' => depth += 1,
                    '>' | ')' => depth -= 1,
                    ',' if depth == 0 => {
                        args.push(bytes[start..i].iter().collect::<String>());
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            args.push(bytes[start..].iter().collect::<String>());
            let args = args
                .into_iter()
                .filter_map(|a| a.split_once(':').map(|(n, t)| (n.trim().to_string(), t.trim().to_string())))
                .filter(|(n, _)| !n.is_empty())
                .collect();
            out.push(Endpoint { name, args });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Values that are wrong somewhere, already URL-encoded.
fn bad_values() -> Vec<String> {
    let mut values: Vec<String> = [
        "", "abc", "-1", "0", "-2147483648", "2147483648", "99999999999999999999", "18446744073709551615", "300000", "1.5", "true", "on",
        // Control characters, a formula, invalid UTF-8 (percent-encoded), an era year far out.
        "%00%0D%0A%09%1B", "%3DHYPERLINK(%22http%3A%2F%2Fx.example%22)", "%FF%FE%FD", "%E4%BB%A4%E5%92%8C300000", "R2147483647",
        "2024-02-30", "9999999-12-31",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    values.push("x".repeat(1024 * 1024));
    values
}

/// A value of the right type, so that the other arguments get past parsing.
fn plausible(name: &str, ty: &str) -> Vec<(String, String)> {
    let scalar = |v: &str| vec![(name.to_string(), v.to_string())];
    if ty.contains("Vec<") {
        vec![(format!("{name}[]"), "1".into())]
    } else if ty.contains("i32") || ty.contains("i64") || ty.contains("u32") || ty.contains("u64") || ty.contains("i16") {
        scalar("1")
    } else if ty.contains("bool") {
        scalar("true")
    } else if ty.contains("String") {
        scalar("1")
    } else {
        // A filter struct: its usual fields.
        vec![(format!("{name}[page]"), "1".into()), (format!("{name}[q]"), "x".into())]
    }
}

fn encode_pairs(pairs: &[(String, String)]) -> String {
    pairs.iter().map(|(k, v)| format!("{}={v}", k.replace('[', "%5B").replace(']', "%5D"))).collect::<Vec<_>>().join("&")
}

/// Every body sent to one server function.
fn bodies(ep: &Endpoint) -> Vec<Vec<u8>> {
    let base: Vec<(String, String)> = ep.args.iter().flat_map(|(n, t)| plausible(n, t)).collect();
    let mut out: Vec<Vec<u8>> = vec![
        Vec::new(),
        encode_pairs(&base).into_bytes(),
        format!("{}&unexpected=1&{}", encode_pairs(&base), encode_pairs(&base)).into_bytes(),
        b"id=1&name=\xff\xfe\xfd&q=\xc3\x28".to_vec(),
        b"{\"id\": 1}".to_vec(),
        b"%%%&&&===[[[]]]".to_vec(),
    ];
    for (i, (name, ty)) in ep.args.iter().enumerate() {
        let keys: Vec<String> = if plausible(name, ty)[0].0.contains('[') && !ty.contains("Vec<") {
            ["fy", "q", "page", "from", "to", "level", "profession", "status"].iter().map(|f| format!("{name}[{f}]")).collect()
        } else if ty.contains("Vec<") {
            vec![format!("{name}[]"), format!("{name}[0]"), name.clone()]
        } else {
            vec![name.clone()]
        };
        for key in keys {
            for value in bad_values() {
                let mut pairs: Vec<(String, String)> = ep.args.iter().enumerate().filter(|(j, _)| *j != i).flat_map(|(_, (n, t))| plausible(n, t)).collect();
                pairs.push((key.clone(), value));
                out.push(encode_pairs(&pairs).into_bytes());
            }
        }
        // The argument missing altogether.
        let pairs: Vec<(String, String)> = ep.args.iter().enumerate().filter(|(j, _)| *j != i).flat_map(|(_, (n, t))| plausible(n, t)).collect();
        out.push(encode_pairs(&pairs).into_bytes());
    }
    // Over the body limit.
    out.push(format!("{}&pad={}", encode_pairs(&base), "y".repeat(3 * 1024 * 1024)).into_bytes());
    out
}

async fn post(app: &TestApp, path: &str, body: Vec<u8>, content_type: &str, token: Option<&str>) -> (StatusCode, String) {
    let mut req = Request::post(path)
        .header("host", HOST)
        .header("origin", format!("http://{HOST}"))
        .header("content-type", content_type)
        .header("accept", "application/json");
    if let Some(t) = token {
        req = req.header("cookie", format!("renkei_session={t}"));
    }
    let res = send(&app.router, req.body(Body::from(body)).unwrap()).await;
    (res.status, res.body.chars().take(300).collect())
}

async fn seeded_app(db: common::TestDb) -> TestApp {
    app::server::services::directory::professions::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    app::server::services::consultations::categories::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    app::server::services::meetings::kinds::ensure_defaults(&db.conn, Utc::now()).await.unwrap();
    app::server::services::demo::seed(&db.conn, Utc::now()).await.unwrap();
    TestApp::new(db).await
}

/// A fresh session for each endpoint: logging out, resetting a password or disabling the
/// user, as some bodies do, must not leave the next endpoint untested.
async fn fresh_token(app: &TestApp, login: &str) -> String {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let user = app::server::entities::app_user::Entity::find()
        .filter(app::server::entities::app_user::Column::LoginName.eq(login))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    app::server::auth::session::create(&app.db.conn, user.id, Utc::now()).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_server_function_answers_malformed_input_with_a_fault() {
    let declared = declared_endpoints();
    let registered: Vec<String> = leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p.trim_start_matches("/api/").to_string()).collect();
    for name in &registered {
        assert!(declared.iter().any(|e| &e.name == name), "server function {name} is registered but its declaration was not read");
    }
    assert!(declared.len() >= 80, "read {} declarations", declared.len());

    for db in backends().await {
        let app = seeded_app(db).await;
        let backend = app.db.backend;
        app.user("fuzz-admin", Role::Admin).await;
        app.user("fuzz-coordinator", Role::Coordinator).await;
        let mut failures = Vec::new();
        let mut sent = 0usize;
        for ep in &declared {
            let path = format!("/api/{}", ep.name);
            for login in [None, Some("fuzz-coordinator"), Some("fuzz-admin")] {
                let token = match login {
                    Some(l) => Some(fresh_token(&app, l).await),
                    None => None,
                };
                for body in bodies(ep) {
                    let shown = String::from_utf8_lossy(&body[body.len().saturating_sub(160)..]).into_owned();
                    let (status, answer) = post(&app, &path, body, "application/x-www-form-urlencoded", token.as_deref()).await;
                    sent += 1;
                    if status.is_server_error() {
                        failures.push(format!("{backend} {path} as {login:?}: {status} for «{shown}»: {answer}"));
                    }
                }
                let (status, answer) = post(&app, &path, b"--x\r\n\r\n\xff--".to_vec(), "multipart/form-data; boundary=x", token.as_deref()).await;
                if status.is_server_error() {
                    failures.push(format!("{backend} {path} as {login:?}: {status} for a broken multipart body: {answer}"));
                }
            }
        }
        assert!(failures.is_empty(), "{} of {sent} malformed requests answered 5xx:\n{}", failures.len(), failures.iter().take(80).cloned().collect::<Vec<_>>().join("\n"));
        assert!(sent > 5_000, "sent {sent}");
    }
}

/// Query values of pages and files, already URL-encoded; none longer than a URL may be.
fn bad_query_values() -> Vec<String> {
    ["-2147483648", "2147483647", "300000", "abc", "%FF%FE", "%00%0D%0A", "-1", "0"].iter().map(|s| s.to_string()).chain(std::iter::once("x".repeat(30_000))).collect()
}

const QUERY_KEYS: &[&str] = &["fy", "from", "to", "year", "month", "page", "q", "level", "profession", "organisation", "person", "status", "kind", "work_item", "category", "pct", "owner", "user", "type", "date", "id", "meeting", "training", "next", "archived", "district", "screening", "consent", "activity", "stale", "offers", "state", "overdue", "all", "scene", "edit", "remove", "remove_post", "saved", "follow_up_saved", "task_saved"];

fn routes() -> Vec<&'static str> {
    vec![
        "/", "/account", "/tools/fiscal-year", "/about", "/admin/users", "/admin/users/:id", "/admin/audit", "/directory/professions",
        "/directory/professions/:id", "/directory/organisations", "/directory/organisations/new", "/directory/organisations/:id",
        "/directory/organisations/:id/edit", "/directory/organisations/:id/delete", "/directory/people", "/directory/people/new",
        "/directory/people/:id", "/directory/people/:id/edit", "/directory/people/:id/delete", "/meetings", "/meetings/new",
        "/meetings/calendar", "/meetings/timeline", "/meetings/timeline/:id", "/meetings/follow-ups", "/meetings/follow-ups/:id", "/meetings/follow-ups/:id/delete", "/meetings/kinds", "/meetings/:id", "/meetings/:id/edit",
        "/trainings", "/trainings/new", "/trainings/tasks", "/trainings/tasks/:id", "/trainings/tasks/:id/delete", "/trainings/:id", "/trainings/:id/edit", "/trainings/:id/outcome",
        "/trainings/:id/support", "/issues", "/issues/new", "/issues/routing", "/issues/register/:id", "/issues/register/:id/matrix",
        "/issues/:id", "/issues/:id/edit", "/consultations", "/consultations/new", "/consultations/trends", "/consultations/trends/:id",
        "/consultations/import", "/consultations/import/:id", "/consultations/:id", "/consultations/:id/edit", "/report",
        "/admin/consultation-categories", "/login", "/setup",
        "/resources", "/resources/new", "/resources/confirm", "/resources/import", "/resources/import/:id", "/resources/:id",
        "/resources/:id/edit", "/admin/resource-lists", "/public/resources", "/public/resources/:id", "/public/resources/map",
        "/public/resources/booklet", "/public/resources/medical", "/referrals", "/referrals/new", "/referrals/evaluation",
        "/referrals/pathways", "/referrals/:id", "/initiatives", "/initiatives/new", "/initiatives/:id", "/initiatives/:id/edit",
        "/initiatives/:id/trail", "/plan", "/plan/edit", "/reports/period", "/handover", "/newsletters", "/newsletters/:id", "/search",
        "/directory/organisations/import", "/directory/organisations/import/:id", "/directory/people/import", "/directory/people/import/:id",
        "/meetings/import", "/meetings/import/:id", "/attachments/:id/delete",
        // Files.
        "/meetings/export.csv", "/meetings/export.xlsx", "/trainings/export.csv", "/trainings/export.xlsx", "/report/export.xlsx",
        "/issues/register/:id/matrix.xlsx", "/consultations/trends.csv", "/consultations/trends.xlsx",
        "/consultations/trends/:id/category.csv", "/consultations/trends/:id/region.xlsx", "/calendar/:id.ics",
        "/public/resources.csv", "/public/resources.json", "/plan/export.xlsx", "/reports/period.xlsx", "/handover.xlsx", "/attachments/:id",
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_or_file_answers_malformed_parameters_with_a_fault() {
    for db in backends().await {
        let app = seeded_app(db).await;
        let backend = app.db.backend;
        app.user("fuzz-coordinator", Role::Coordinator).await;
        let mut failures = Vec::new();
        let mut sent = 0usize;
        for login in [None, Some("fuzz-coordinator")] {
            for route in routes() {
                let ids: Vec<String> = if route.contains(":id") {
                    ["1", "-2147483648", "99999999999", "abc", "%FF", "2019", "300000"].iter().map(|s| s.to_string()).collect()
                } else {
                    vec![String::new()]
                };
                let token = match login {
                    Some(l) => Some(fresh_token(&app, l).await),
                    None => None,
                };
                for id in ids {
                    let path = route.replace(":id", &id);
                    // Every bad query with a good id; one with each bad id.
                    let values = if id == "1" || id.is_empty() { bad_query_values() } else { vec!["abc".to_string()] };
                    for value in values {
                        let query = QUERY_KEYS.iter().map(|k| format!("{k}={value}")).collect::<Vec<_>>().join("&");
                        let query: String = query.chars().take(60_000).collect();
                        let res = app.get(&format!("{path}?{query}"), token.as_deref()).await;
                        sent += 1;
                        if res.status.is_server_error() {
                            failures.push(format!("{backend} GET {path}?{}… as {login:?}: {}", &query.chars().take(80).collect::<String>(), res.status));
                        }
                    }
                }
            }
            // The known crash: a trend file of the most negative years.
            let token = match login {
                Some(l) => Some(fresh_token(&app, l).await),
                None => None,
            };
            let res = app.get("/consultations/trends.csv?from=-2147483648&to=-2147483648", token.as_deref()).await;
            assert!(res.status.is_client_error() || res.status.is_redirection(), "{backend}: {}", res.status);
            if login.is_some() {
                assert_eq!(res.status, StatusCode::BAD_REQUEST, "{backend}: {}", res.body);
                assert!(res.body.contains("1900"), "a message that says which years: {}", res.body);
            }
        }
        assert!(failures.is_empty(), "{} of {sent} requests answered 5xx:\n{}", failures.len(), failures.iter().take(80).cloned().collect::<Vec<_>>().join("\n"));
    }
}

#[tokio::test]
async fn lists_answer_an_absent_filter_with_the_default_list() {
    for db in backends().await {
        let app = seeded_app(db).await;
        let (_, token) = app.user("coordinator", Role::Coordinator).await;
        let (_, admin) = app.user("admin", Role::Admin).await;
        let register = app::server::services::directory::professions::all(&app.db.conn).await.unwrap()[0].id;
        for (endpoint, body, token) in [
            ("meetings_list", String::new(), &token),
            ("trainings_list", String::new(), &token),
            ("consultations_list", String::new(), &token),
            ("organisations_list", String::new(), &token),
            ("people_list", String::new(), &token),
            ("audit_list", String::new(), &admin),
            ("issues_register", format!("profession={register}"), &token),
        ] {
            let res = app.call(endpoint, &body, Some(token)).await;
            assert_eq!(res.status, StatusCode::OK, "{endpoint} with no filter on {}: {}", app.db.backend, res.body);
        }
        // The same list with and without an empty filter.
        let absent = app.call("consultations_list", "", Some(&token)).await.json();
        let empty = app.call("consultations_list", "query[page]=1", Some(&token)).await.json();
        assert_eq!(absent, empty);
        assert!(absent["total"].as_u64().unwrap() > 0, "the demo consultations are listed");
    }
}

#[tokio::test]
async fn long_input_gets_its_field_messages_and_bad_bodies_a_plain_message() {
    for db in backends().await {
        let app = seeded_app(db).await;
        let backend = app.db.backend;
        let (_, token) = app.user("coordinator", Role::Coordinator).await;

        // A rejected long form: the field messages come back, with what fits of the input.
        let minutes = "議事".repeat(13_500);
        let body = common::form(&[
            ("held_on", "2025-06-27"), ("start_time", ""), ("end_time", ""), ("level", "2"), ("kind", "uchiawase"), ("title", ""),
            ("place", "釜石市役所"), ("guests", ""), ("purpose", ""), ("minutes", &minutes), ("decisions", ""),
        ]);
        let res = app.call("meetings_save", &body, Some(&token)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {}", &res.body[..res.body.len().min(300)]);
        let err: app::error::AppError = serde_json::from_str(&res.body).unwrap();
        assert!(err.field_message("title").is_some(), "{err:?}");
        assert_eq!(err.input("place"), Some("釜石市役所"));

        // A 1 MB search term: the list, searched by its first characters.
        for endpoint in ["meetings_list", "organisations_list", "people_list", "consultations_list", "trainings_list"] {
            let res = app.call(endpoint, &format!("query[q]={}", "x".repeat(1024 * 1024)), Some(&token)).await;
            assert_eq!(res.status, StatusCode::OK, "{backend} {endpoint}: {}", &res.body[..res.body.len().min(300)]);
        }

        // Not UTF-8, and over the body limit: 400 and 413 with a plain Japanese message.
        let (status, answer) = post(&app, "/api/meetings_list", b"query[q]=\xff\xfe".to_vec(), "application/x-www-form-urlencoded", Some(&token)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
        assert!(answer.contains(app::error::UNREADABLE) && !answer.to_lowercase().contains("utf"), "{answer}");
        let (status, answer) = post(&app, "/api/meetings_list", format!("query[q]={}", "x".repeat(3 * 1024 * 1024)).into_bytes(), "application/x-www-form-urlencoded", Some(&token)).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{answer}");
        assert!(answer.contains(app::error::TOO_LARGE), "{answer}");

        // Years: a clear 400 rather than a crash, for the table, its files and the matrix.
        let register = app::server::services::directory::professions::all(&app.db.conn).await.unwrap()[0].id;
        for path in [
            "/consultations/trends.xlsx?from=300000&to=1".to_string(),
            format!("/issues/register/{register}/matrix.xlsx?from=-2147483648&to=2147483647"),
        ] {
            let res = app.get(&path, Some(&token)).await;
            assert_eq!(res.status, StatusCode::BAD_REQUEST, "{backend} {path}");
        }
        let res = app.call("consultations_trends", "from=-2147483648&to=-2147483648", Some(&token)).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{backend}: {}", res.body);
        assert!(res.body.contains("1900"), "{}", res.body);
        let res = app.call("issues_matrix", &format!("profession={register}&from=300000"), Some(&token)).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{backend}: {}", res.body);
    }
}

#[tokio::test]
async fn a_panic_ends_its_own_request_with_a_500_and_the_server_goes_on() {
    use axum::routing::get;
    let router = axum::Router::new()
        .route("/boom", get(|| async {
            let years: Vec<i32> = Vec::new();
            // An index out of bounds, as a forgotten bound would cause.
            years[usize::from(years.is_empty())].to_string()
        }))
        .route("/fine", get(|| async { "ok" }))
        .layer(server::router::panic_layer());
    let res = send(&router, Request::get("/boom").body(Body::empty()).unwrap()).await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(res.body.contains("サーバーで問題が発生しました") && !res.body.contains("index out of bounds"), "{}", res.body);
    let res = send(&router, Request::get("/fine").body(Body::empty()).unwrap()).await;
    assert_eq!((res.status, res.body.as_str()), (StatusCode::OK, "ok"));
}
