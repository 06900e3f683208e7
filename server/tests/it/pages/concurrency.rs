//! Pages under concurrent load: every request is answered. (A page whose sections waited for
//! their data in nested `Suspense`s once stalled for good when more requests than database
//! connections were in flight: the server answered a few dozen, then nothing.)

use crate::common::*;

const CONCURRENT: usize = 32;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_answer_many_requests_at_once() {
    for db in backends().await {
        let backend = db.backend;
        let (app, token) = super::demo_app(db, "load-admin").await;
        // A meeting with a profession (the demo has none): its page has several sections.
        let meeting = form(&[("held_on", "2025-06-27"), ("start_time", ""), ("end_time", ""), ("level", "1"), ("kind", "uchiawase"), ("title", "同時アクセス確認"), ("place", ""), ("guests", ""), ("purpose", ""), ("minutes", ""), ("decisions", ""), ("professions[]", "1")]);
        let saved = app.call("meetings_save", &meeting, Some(&token)).await;
        assert!(saved.status.is_success() || saved.status.is_redirection(), "{backend}: {} {}", saved.status, saved.body);
        let mut failures = Vec::new();
        for path in [
            "/", "/meetings/1", "/meetings/1/edit", "/trainings/1", "/issues/1", "/directory/organisations/1", "/directory/people/1",
            "/directory/professions", "/directory/professions/1", "/admin/users", "/admin/users/1", "/account",
            "/account/two-factor", "/consultations/trends", "/consultations/trends/2024", "/meetings/timeline/1",
            "/meetings/new", "/trainings/new", "/issues/new", "/consultations/new", "/trainings/1/outcome",
        ] {
            let started = std::time::Instant::now();
            let mut tasks = Vec::new();
            for _ in 0..CONCURRENT {
                let router = app.router.clone();
                let token = token.clone();
                tasks.push(tokio::spawn(async move {
                    let req = http::Request::get(path)
                        .header("host", HOST)
                        .header("cookie", format!("renkei_session={token}"))
                        .body(axum::body::Body::empty())
                        .unwrap();
                    tokio::time::timeout(std::time::Duration::from_secs(30), send(&router, req)).await.map(|r| r.status)
                }));
            }
            let mut answered = 0;
            for t in tasks {
                if let Ok(status) = t.await.unwrap() {
                    if !status.is_server_error() {
                        answered += 1;
                    }
                }
            }
            if answered != CONCURRENT {
                failures.push(format!("{backend} {path}: {answered} of {CONCURRENT} answered without a fault within 30 s ({:?})", started.elapsed()));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
