//! Slow and oversized requests: clients trickling a body hold no turn, headers and bodies
//! have deadlines, and bodies over the limit get a plain 413.

use crate::common::{backends, form, send, TestApp, TestDb, HOST};
use app::domain::Role;
use axum::body::{Body, Bytes};
use http::{Request, StatusCode};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The real listener over the test app, on a free port; stops when the sender is dropped.
async fn listen(app: &TestApp) -> (std::net::SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server::serve::serve(listener, app.router.clone(), Vec::new(), async move {
        let _ = stopped.await;
    }));
    (addr, stop)
}

/// The status line of a GET, or None if none came within `within`.
async fn status_of_get(addr: std::net::SocketAddr, path: &str, within: Duration) -> Option<String> {
    let attempt = async {
        let mut s = TcpStream::connect(addr).await.ok()?;
        s.write_all(format!("GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n").as_bytes()).await.ok()?;
        let mut buf = vec![0u8; 64];
        let n = s.read(&mut buf).await.ok()?;
        String::from_utf8_lossy(&buf[..n]).lines().next().map(str::to_string)
    };
    tokio::time::timeout(within, attempt).await.ok().flatten()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn pages_answer_while_slow_clients_trickle_their_bodies() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        app.user("sato", Role::Coordinator).await;
        let (addr, _stop) = listen(&app).await;
        // More trickling clients than there are turns (two per core).
        let slow = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2) * 2 + 4;
        let mut tricklers = Vec::new();
        for _ in 0..slow {
            let mut s = TcpStream::connect(addr).await.unwrap();
            s.write_all(
                format!("POST /api/login HTTP/1.1\r\nHost: {HOST}\r\nOrigin: http://{HOST}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nlogin_name=").as_bytes(),
            )
            .await
            .unwrap();
            tricklers.push(tokio::spawn(async move {
                for _ in 0..30 {
                    if s.write_all(b"a").await.is_err() {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(300)).await;
                }
            }));
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let started = Instant::now();
        let status = status_of_get(addr, "/login", Duration::from_secs(5)).await;
        assert!(
            status.as_deref().is_some_and(|s| s.contains(" 200 ")),
            "the login page answers while {slow} clients trickle ({}): {status:?} after {:?}",
            app.db.backend,
            started.elapsed()
        );
        for t in tricklers {
            t.abort();
        }
    }
}

#[tokio::test]
async fn headers_must_arrive_in_time() {
    let app = TestApp::new(TestDb::sqlite().await).await;
    let (addr, _stop) = listen(&app).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(format!("GET /login HTTP/1.1\r\nHost: {HOST}\r\nX-Slow: ").as_bytes()).await.unwrap();
    let started = Instant::now();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(server::serve::HEADER_TIMEOUT + Duration::from_secs(5), s.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "the server hangs up on headers that never end");
    assert!(started.elapsed() >= server::serve::HEADER_TIMEOUT - Duration::from_secs(1));
}

#[tokio::test]
async fn a_body_that_never_ends_gets_a_plain_408() {
    let app = TestApp::new(TestDb::sqlite().await).await;
    let (addr, _stop) = listen(&app).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(
        format!("POST /api/login HTTP/1.1\r\nHost: {HOST}\r\nOrigin: http://{HOST}\r\nContent-Type: application/x-www-form-urlencoded\r\nConnection: close\r\nContent-Length: 100\r\n\r\nlogin_name=").as_bytes(),
    )
    .await
    .unwrap();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(server::limit::BODY_DEADLINE + Duration::from_secs(10), s.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "the server answers a body that never ends");
    let answer = String::from_utf8_lossy(&buf);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("時間がかかりすぎた"), "{answer}");
}

#[tokio::test]
async fn bodies_over_the_limit_get_a_plain_413() {
    for db in backends().await {
        let app = TestApp::new(db).await;
        let (_, token) = app.user("sato", Role::Coordinator).await;
        let big = "x".repeat(3 * 1024 * 1024);
        for (content_type, body) in [
            ("application/x-www-form-urlencoded", form(&[("query[q]", &big)])),
            ("application/json", format!("{{\"query\":{{\"q\":\"{big}\"}}}}")),
            ("text/plain", big.clone()),
        ] {
            let req = Request::post("/api/people_list")
                .header("host", HOST)
                .header("origin", format!("http://{HOST}"))
                .header("content-type", content_type)
                .header("cookie", format!("renkei_session={token}"))
                .body(Body::from(body))
                .unwrap();
            let res = send(&app.router, req).await;
            assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{content_type}: {}", res.body);
            assert!(res.body.contains("大きすぎます") && !res.body.contains("length limit"), "{content_type}: {}", res.body);
        }
        // Pages and files too, chunked (no Content-Length) as well.
        let chunks = futures_util::stream::iter((0..40).map(|_| Ok::<_, std::io::Error>(Bytes::from(vec![b'a'; 64 * 1024]))));
        let req = Request::post("/meetings/export.csv").header("host", HOST).header("origin", format!("http://{HOST}")).body(Body::from_stream(chunks)).unwrap();
        let res = send(&app.router, req).await;
        assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", res.body);
    }
}

#[tokio::test]
async fn bodies_are_not_read_for_other_sites_or_host_names() {
    let app = TestApp::new(TestDb::sqlite().await).await;
    let (addr, _stop) = listen(&app).await;
    for (host, origin, expect) in [(HOST, "http://evil.example", "403"), ("evil.example", "http://evil.example", "421")] {
        let mut s = TcpStream::connect(addr).await.unwrap();
        // Announces 30 MB and sends none of it: the refusal must not wait for the body.
        s.write_all(
            format!("POST /consultations/import HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\nContent-Type: multipart/form-data; boundary=x\r\nConnection: close\r\nContent-Length: 31457280\r\n\r\n").as_bytes(),
        )
        .await
        .unwrap();
        let mut buf = vec![0u8; 64];
        let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf)).await.expect("an answer before any body").unwrap();
        let status = String::from_utf8_lossy(&buf[..n]).to_string();
        assert!(status.starts_with(&format!("HTTP/1.1 {expect}")), "{host} {origin}: {status}");
    }
}
