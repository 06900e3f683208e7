//! The HTTP/1.1 listener. `axum::serve` sets no timer, so a client could take for ever to
//! send its headers; here headers must arrive within `HEADER_TIMEOUT` (bodies have their own
//! deadline in `limit`), and each request learns the address it came from.

use app::server::auth::ClientAddr;
use axum::body::Body;
use axum::Router;
use http::{HeaderMap, Request};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tower::ServiceExt;

pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Requests still running at shutdown get this long to finish.
const DRAIN: Duration = Duration::from_secs(15);

/// Serves `app` on `listener` until `shutdown` completes. `trusted_proxies`: peers whose
/// `X-Forwarded-For` names the client (besides this machine's own, always trusted).
pub async fn serve(listener: TcpListener, app: Router, trusted_proxies: Vec<IpAddr>, shutdown: impl Future<Output = ()>) {
    let trusted: Arc<[IpAddr]> = trusted_proxies.into();
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(conn) => conn,
                Err(e) => {
                    // Out of file descriptors and the like: wait rather than spin.
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let app = app.clone();
        let trusted = trusted.clone();
        let service = hyper::service::service_fn(move |req: Request<Incoming>| {
            let client = ClientAddr(client_address(peer, req.headers(), &trusted));
            let mut req = req.map(Body::new);
            req.extensions_mut().insert(client);
            req.extensions_mut().insert(axum::extract::ConnectInfo(peer));
            app.clone().oneshot(req)
        });
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT)
            .serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!("connection from {peer} ended: {e}");
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN, graceful.shutdown()).await.is_err() {
        tracing::warn!("requests still running after {DRAIN:?} were cut off");
    }
}

/// The client's address: the peer's, or, when the peer is a proxy on this machine or one of
/// `trusted`, the address that proxy appended to `X-Forwarded-For` (the last one; earlier
/// ones are what the client claimed).
pub fn client_address(peer: SocketAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> String {
    if peer.ip().is_loopback() || trusted.contains(&peer.ip()) {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .last();
        if let Some(ip) = forwarded.and_then(|s| s.parse::<IpAddr>().ok()) {
            return ip.to_string();
        }
    }
    peer.ip().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_is_the_peer_or_what_a_trusted_proxy_says() {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", "203.0.113.9, 198.51.100.7".parse().unwrap());
        assert_eq!(client_address("127.0.0.1:5555".parse().unwrap(), &h, &[]), "198.51.100.7");
        assert_eq!(client_address("192.0.2.1:5555".parse().unwrap(), &h, &[]), "192.0.2.1", "only a trusted proxy is believed");
        assert_eq!(client_address("192.0.2.1:5555".parse().unwrap(), &h, &["192.0.2.1".parse().unwrap()]), "198.51.100.7");
        assert_eq!(client_address("127.0.0.1:5555".parse().unwrap(), &HeaderMap::new(), &[]), "127.0.0.1");
        let mut junk = HeaderMap::new();
        junk.insert("x-forwarded-for", "not-an-address".parse().unwrap());
        assert_eq!(client_address("[::1]:5555".parse().unwrap(), &junk, &[]), "::1");
    }
}
