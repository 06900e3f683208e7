//! A rejected plain form post (JavaScript off, or any post now that pages are islands) is
//! sent back to its page by a short id; the messages and the input are kept on the server,
//! for that session only.

use crate::common::*;
use app::domain::Role;
use http::{Request, StatusCode};
use axum::body::Body;

const SECRET: &str = "部外秘の議事メモ：田中さんの件";

/// Posts a form as a browser without JavaScript does, from `page`.
async fn post_form(app: &TestApp, endpoint: &str, form: &str, page: &str, token: Option<&str>) -> TestResponse {
    let mut req = Request::post(format!("/api/{endpoint}"))
        .header("host", HOST)
        .header("origin", format!("http://{HOST}"))
        .header("referer", format!("http://{HOST}{page}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html,application/xhtml+xml");
    if let Some(t) = token {
        req = req.header("cookie", format!("renkei_session={t}"));
    }
    send(&app.router, req.body(Body::from(form.to_string())).unwrap()).await
}

/// A meeting without its title (required), with long minutes.
fn bad_meeting(minutes: &str) -> String {
    form(&[("held_on", "2024-05-10"), ("start_time", ""), ("end_time", ""), ("level", "1"), ("kind", "uchiawase"), ("title", ""), ("place", ""), ("guests", ""), ("purpose", ""), ("minutes", minutes), ("decisions", "")])
}

#[tokio::test]
async fn a_rejected_form_comes_back_by_id_with_its_input_to_its_session_only() {
    for db in backends().await {
        let backend = db.backend;
        let app = TestApp::new(db).await;
        let (_, token) = app.user("writer", Role::Coordinator).await;
        let (_, other) = app.user("other", Role::Coordinator).await;
        // Long minutes (11,000 characters) must survive, as they would not in a URL.
        let minutes = format!("{SECRET}{}", "議".repeat(11_000));

        let res = post_form(&app, "meetings_save", &bad_meeting(&minutes), "/meetings/new?fy=2024", Some(&token)).await;
        assert!(res.status.is_redirection(), "{backend}: {}", res.status);
        let location = res.header("location").to_string();
        assert!(location.starts_with("/meetings/new?fy=2024&__form="), "{backend}: {location}");
        assert!(location.ends_with("#form-errors"), "{backend}: {location}");
        assert!(location.len() < 120, "{backend}: the URL carries only an id: {location}");
        assert!(!location.contains("__err") && !location.contains("__path"), "{backend}: {location}");
        assert!(!res.body.contains(SECRET), "{backend}: the redirect's body carries no input");

        let path = location.split('#').next().unwrap();
        let page = app.get(path, Some(&token)).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("id=\"form-errors\""), "{backend}: the error summary is shown");
        assert!(page.body.contains("href=\"#f-title\""), "{backend}: the summary links to the field");
        assert!(page.body.contains(&minutes), "{backend}: the minutes are filled in again, whole");

        // Another session, or nobody, gets the form as if nothing had been sent.
        for (who, t) in [("another user", Some(other.as_str())), ("a stranger", None)] {
            let page = app.get(path, t).await;
            assert!(!page.body.contains(SECRET), "{backend}: {who} sees the input");
            assert!(!page.body.contains("id=\"form-errors\""), "{backend}: {who} sees the error");
        }

        // A crafted link cannot put an error (or its text) on the page.
        // (Its text is 悪意; the names also percent-encoded, as leptos decodes them.)
        for query in [
            "__path=/api/meetings_save&__err=eyJraW5kIjoiQ29uZmxpY3QiLCJkZXRhaWwiOiLmgqrmhI8ifQ%3D%3D",
            "%5F%5Fpath=%2Fapi%2Fmeetings_save&%5F%5Ferr=eyJraW5kIjoiQ29uZmxpY3QiLCJkZXRhaWwiOiLmgqrmhI8ifQ%3D%3D",
        ] {
            let crafted = app.get(&format!("/meetings/new?{query}"), Some(&token)).await;
            assert!(!crafted.body.contains("id=\"form-errors\"") && !crafted.body.contains("悪意"), "{backend}: a crafted error is shown: {query}");
        }
        let made_up = app.get("/meetings/new?__form=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Some(&token)).await;
        assert!(!made_up.body.contains("id=\"form-errors\""), "{backend}: an unknown id is shown");

        // Corrected and sent from the page with the id: the redirect does not keep the id.
        let good = form(&[("held_on", "2024-05-10"), ("start_time", ""), ("end_time", ""), ("level", "1"), ("kind", "uchiawase"), ("title", "打ち合わせ"), ("place", ""), ("guests", ""), ("purpose", ""), ("minutes", ""), ("decisions", ""), ("level_reason", "顔合わせ")]);
        let res = post_form(&app, "meetings_save", &good, path, Some(&token)).await;
        assert!(res.status.is_redirection(), "{backend}: {} {}", res.status, res.body);
        assert!(!res.header("location").contains("__form"), "{backend}: {}", res.header("location"));
    }
}
