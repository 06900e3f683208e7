//! Talking to the running server: one plain HTTP request, waiting for `/healthz`, sampling
//! its memory from /proc, and a load run with `wrk` (its Lua hook prints the figures as JSON).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Status code and body length of one GET (HTTP/1.1, connection closed after).
pub fn get(addr: &str, path: &str, cookie: &str) -> std::io::Result<(u16, usize)> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n")?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf)?;
    let head = String::from_utf8_lossy(&buf[..buf.len().min(64)]).to_string();
    let status = head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    Ok((status, buf.len()))
}

/// Time until `/healthz` answers 200 (None after 60 s).
pub fn wait_healthy(addr: &str, started: Instant) -> Option<Duration> {
    while started.elapsed() < Duration::from_secs(60) {
        if let Ok((200, _)) = get(addr, "/healthz", "") {
            return Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    None
}

/// Resident memory of a process in KiB (VmRSS), or its peak (VmHWM).
pub fn memory_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)).and_then(|v| v.parse().ok())
}

/// Samples VmRSS every 10 ms on a thread until dropped; `max_kib` is the highest seen.
pub struct RssSampler {
    stop: Arc<AtomicBool>,
    max: Arc<AtomicU64>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl RssSampler {
    pub fn start(pid: u32) -> RssSampler {
        let stop = Arc::new(AtomicBool::new(false));
        let max = Arc::new(AtomicU64::new(0));
        let (s, m) = (stop.clone(), max.clone());
        let handle = std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                if let Some(kib) = memory_kib(pid, "VmRSS:") {
                    m.fetch_max(kib, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        });
        RssSampler { stop, max, handle: Some(handle) }
    }

    pub fn finish(mut self) -> u64 {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
        self.max.load(Ordering::Relaxed)
    }
}

/// One wrk run's figures; latencies in microseconds.
#[derive(Clone, Debug, Default)]
pub struct LoadResult {
    pub requests: u64,
    pub rps: f64,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub errors: u64,
    pub max_rss_kib: u64,
}

fn field(json: &str, name: &str) -> f64 {
    let key = format!("\"{name}\":");
    json.split(&key).nth(1).and_then(|rest| rest.split([',', '}']).next()).and_then(|v| v.trim().parse().ok()).unwrap_or(f64::NAN)
}

/// `wrk` against one URL with `connections` open connections for `seconds`.
pub fn wrk(url: &str, cookie: &str, connections: u32, seconds: u32, lua: &str, pid: u32) -> Result<LoadResult, String> {
    let threads = connections.clamp(1, 2);
    let sampler = RssSampler::start(pid);
    let out = Command::new("wrk")
        .args(["-t", &threads.to_string(), "-c", &connections.to_string(), "-d", &format!("{seconds}s"), "--timeout", "10s", "-s", lua, "-H"])
        .arg(format!("Cookie: {cookie}"))
        // As browsers ask: the server compresses pages as it would for them.
        .args(["-H", "Accept-Encoding: br, gzip"])
        .arg(url)
        .output()
        .map_err(|e| format!("wrk could not run ({e}); install it with `apt-get install wrk`"))?;
    let max_rss_kib = sampler.finish();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json = stdout.lines().find_map(|l| l.strip_prefix("RESULT ")).ok_or_else(|| format!("no result from wrk: {stdout} {}", String::from_utf8_lossy(&out.stderr)))?;
    let requests = field(json, "requests");
    let duration_us = field(json, "duration_us");
    Ok(LoadResult {
        requests: requests as u64,
        rps: requests / (duration_us / 1e6),
        p50: field(json, "p50"),
        p95: field(json, "p95"),
        p99: field(json, "p99"),
        errors: field(json, "errors") as u64,
        max_rss_kib,
    })
}

/// Raw and `gzip -9` size of a file, in bytes.
/// The build output file `renkei.<hash>.<ext>` (release builds hash names), or `renkei.<ext>`.
pub fn output_file(pkg: &std::path::Path, ext: &str) -> std::path::PathBuf {
    let hashed = std::fs::read_dir(pkg).ok().and_then(|entries| {
        entries.filter_map(Result::ok).map(|e| e.path()).find(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("renkei.") && name.ends_with(&format!(".{ext}")) && name.matches('.').count() == 2
        })
    });
    hashed.unwrap_or_else(|| pkg.join(format!("renkei.{ext}")))
}

pub fn sizes(path: &std::path::Path) -> Option<(u64, u64)> {
    let raw = std::fs::metadata(path).ok()?.len();
    let out = Command::new("gzip").args(["-9", "-c"]).arg(path).output().ok()?;
    Some((raw, out.stdout.len() as u64))
}
