//! The figures of a benchmark run as `bench/RESULTS.md`: the machine, every measurement,
//! and the targets for the ×10 dataset checked one by one. `bench/FINDINGS.md` (written by
//! hand: what was found and done about missed targets) is appended as it is.

use crate::dataset::Size;
use crate::probe::{sizes, LoadResult};
use std::fmt::Write;
use std::process::Command;
use std::time::Duration;

pub struct Endpoint {
    pub name: String,
    pub path: String,
    pub status: u16,
    pub bytes: usize,
    /// One per connection count (1, 32); empty when the page did not answer 200.
    pub results: Vec<LoadResult>,
}

pub struct Run {
    pub database: String,
    pub size: Size,
    pub rows: usize,
    pub load_seconds: f64,
    pub cold_start: Option<Duration>,
    pub idle_rss_kib: u64,
    pub peak_rss_kib: u64,
    pub bare_sql_us: f64,
    pub service_us: f64,
    pub endpoints: Vec<Endpoint>,
}

impl Run {
    fn endpoint(&self, path_start: &str) -> Option<&Endpoint> {
        self.endpoints.iter().find(|e| e.path.starts_with(path_start))
    }
    fn max_rss_under_load(&self) -> u64 {
        self.endpoints.iter().flat_map(|e| e.results.iter().map(|r| r.max_rss_kib)).max().unwrap_or(0)
    }
}

fn ms(us: f64) -> String {
    format!("{:.2}", us / 1000.0)
}

fn mib(kib: u64) -> String {
    format!("{:.1} MB", kib as f64 / 1024.0)
}

fn command(cmd: &str, args: &[&str]) -> String {
    Command::new(cmd).args(args).output().ok().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()).unwrap_or_default()
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpu.lines().find(|l| l.starts_with("model name")).and_then(|l| l.split(':').nth(1)).unwrap_or("?").trim().to_string();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let mem = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let total = mem.lines().next().and_then(|l| l.split_whitespace().nth(1)).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    let debian = std::fs::read_to_string("/etc/debian_version").unwrap_or_default();
    format!(
        "{cores} cores ({model}), {:.0} GiB RAM, Debian {}, Linux {}, {}",
        total as f64 / 1024.0 / 1024.0,
        debian.trim(),
        command("uname", &["-r"]),
        command("wrk", &["--version"]).lines().next().unwrap_or("wrk ?").split(" [").next().unwrap_or("wrk")
    )
}

fn verdict(ok: bool) -> &'static str {
    if ok { "✅ met" } else { "❌ missed" }
}

pub fn markdown(runs: &[Run], imports: &[(String, (f64, f64))], seconds: u32, pg_version: Option<String>, took: Duration) -> String {
    let mut s = String::new();
    let now = chrono::Utc::now().with_timezone(&app::clock::jst());
    let _ = writeln!(s, "# Benchmark results\n");
    let _ = writeln!(s, "Written by `scripts/bench.sh` (see README) on {} JST in {:.0} s.\n", now.format("%Y-%m-%d %H:%M"), took.as_secs_f64());
    let _ = writeln!(s, "- Machine: {}", machine());
    let _ = writeln!(s, "- Commit: `{}`", command("git", &["rev-parse", "--short", "HEAD"]));
    let _ = writeln!(s, "- Server: the release binary (built by `cargo bench` with the release settings), started cold on a fresh database for each run; SQLite {} / PostgreSQL {}", "(bundled, WAL)", pg_version.as_deref().unwrap_or("not run"));
    let _ = writeln!(s, "- Load: `wrk` for {seconds} s per row at 1 connection (1 thread) and 32 connections (2 threads), with a session cookie of an administrator (every section of every page is rendered) and `Accept-Encoding: br, gzip` as browsers send. Latencies in ms.");
    let _ = writeln!(s, "- Data: ten fiscal years ending with the current one. One team: 40 organisations, 500 meetings, 150 issues / 600 actions, 5,000 consultations, 60 trainings. ×10: 400 organisations, 5,000 meetings, 1,500 issues / 6,000 actions, 50,000 consultations, 600 trainings (with people, links, follow-ups, histories, tasks and participants).\n");

    for run in runs {
        let _ = writeln!(s, "## {} — {}\n", run.database, run.size.name);
        let _ = writeln!(
            s,
            "{} rows loaded in {:.1} s. Cold start to the first `/healthz` answer: {}. RSS idle {}, highest while under load {}, peak (VmHWM) {}.\n",
            run.rows,
            run.load_seconds,
            run.cold_start.map(|d| format!("{:.0} ms", d.as_secs_f64() * 1000.0)).unwrap_or_else(|| "no answer".into()),
            mib(run.idle_rss_kib),
            mib(run.max_rss_under_load()),
            mib(run.peak_rss_kib)
        );
        let _ = writeln!(s, "| Page | Path | Bytes | 1 conn p50 | p95 | p99 | req/s | 32 conn p50 | p95 | p99 | req/s | requests / errors |");
        let _ = writeln!(s, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for e in &run.endpoints {
            if e.results.len() < 2 {
                let _ = writeln!(s, "| {} | `{}` | {} | status {} | | | | | | | | |", e.name, e.path, e.bytes, e.status);
                continue;
            }
            let (a, b) = (&e.results[0], &e.results[1]);
            let _ = writeln!(
                s,
                "| {} | `{}` | {} | {} | {} | {} | {:.0} | {} | {} | {} | {:.0} | {} / {} |",
                e.name, e.path, e.bytes, ms(a.p50), ms(a.p95), ms(a.p99), a.rps, ms(b.p50), ms(b.p95), ms(b.p99), b.rps, a.requests + b.requests, a.errors + b.errors
            );
        }
        let _ = writeln!(s, "\nTrend table query alone (median of 35, in process): {} ms; the whole trend service call: {} ms.\n", ms(run.bare_sql_us), ms(run.service_us));
    }

    let _ = writeln!(s, "## CSV import of 50,000 consultations\n");
    let _ = writeln!(s, "| Database | parse and check | total with insert (one transaction) |");
    let _ = writeln!(s, "|---|---:|---:|");
    for (db, (parse, total)) in imports {
        let _ = writeln!(s, "| {db} | {parse:.2} s | {total:.2} s |");
    }
    let site = crate::root().join("target/site/pkg");
    let wasm = sizes(&crate::probe::output_file(&site, "wasm"));
    let js = sizes(&crate::probe::output_file(&site, "js"));
    let css = sizes(&crate::probe::output_file(&site, "css"));
    let _ = writeln!(s, "\n## Client\n");
    let _ = writeln!(s, "| File | raw | gzip -9 |");
    let _ = writeln!(s, "|---|---:|---:|");
    for (name, v) in [("renkei.wasm", wasm), ("renkei.js", js), ("renkei.css", css)] {
        if let Some((raw, gz)) = v {
            let _ = writeln!(s, "| {name} | {:.0} KB | {:.0} KB |", raw as f64 / 1024.0, gz as f64 / 1024.0);
        }
    }
    let client_gz = wasm.map(|v| v.1).unwrap_or(0) + js.map(|v| v.1).unwrap_or(0);

    let _ = writeln!(s, "\n## Targets (×10 data, this machine)\n");
    let _ = writeln!(s, "| Target | Database | Measured | |");
    let _ = writeln!(s, "|---|---|---|---|");
    for run in runs.iter().filter(|r| r.size.consultations > 10_000) {
        let db = &run.database;
        let pages: Vec<&Endpoint> = run.endpoints.iter().filter(|e| e.path != "/healthz").collect();
        let worst = pages.iter().filter_map(|e| e.results.get(1).map(|r| (r.p95, e))).max_by(|a, b| a.0.total_cmp(&b.0));
        let all_ok = pages.iter().all(|e| e.results.get(1).is_some_and(|r| r.p95 < 20_000.0));
        if let Some((p95, e)) = worst {
            let _ = writeln!(s, "| every page p95 < 20 ms at 32 connections | {db} | slowest: {} {} ms | {} |", e.name, ms(p95), verdict(all_ok));
        }
        if let Some(trend) = run.endpoint("/consultations/trends").and_then(|e| e.results.first()) {
            let ratio = trend.p50 / run.bare_sql_us;
            let _ = writeln!(s, "| trend table ≤ 3× its bare SQL | {db} | page p50 {} ms / query {} ms = {ratio:.1}× | {} |", ms(trend.p50), ms(run.bare_sql_us), verdict(ratio <= 3.0));
        }
        if let (Some(list), Some(health)) = (run.endpoint("/meetings?").and_then(|e| e.results.get(1)), run.endpoint("/healthz").and_then(|e| e.results.get(1))) {
            let ratio = list.rps / health.rps;
            let _ = writeln!(s, "| meetings list ≥ 0.3× `/healthz` req/s | {db} | {:.0} / {:.0} = {ratio:.2}× | {} |", list.rps, health.rps, verdict(ratio >= 0.3));
        }
        let rss = run.max_rss_under_load().max(run.peak_rss_kib);
        let _ = writeln!(s, "| RSS < 64 MB under load | {db} | peak {} | {} |", mib(rss), verdict(rss < 64 * 1024));
        if let Some((_, (_, total))) = imports.iter().find(|(d, _)| d == db) {
            let _ = writeln!(s, "| import of 50,000 < 5 s | {db} | {total:.2} s | {} |", verdict(*total < 5.0));
        }
    }
    let _ = writeln!(s, "| client ≤ 150 KB gzip (wasm + js) | — | {:.0} KB | {} |", client_gz as f64 / 1024.0, verdict(client_gz > 0 && client_gz <= 150 * 1024));
    if let Ok(findings) = std::fs::read_to_string(crate::root().join("bench/FINDINGS.md")) {
        let _ = writeln!(s, "\n{}", findings.trim_end());
    }
    s
}
