//! Audit benchmark (issue 5): the real binary runs `audit duplicates` over 200,000 sandbox
//! contacts with 50 ms latency and Intercom's default limit (10,000/min). Prints wall time
//! against the floor the limit sets (requests needed / allowed rate; target <= 1.3x) and the
//! binary's peak RSS (target <= 300 MB).
//!
//! The sandbox runs as its own process (`aircom sandbox serve`), so neither its CPU nor its
//! memory is counted as aircom's. `cargo bench --bench audit` (`BENCH_CONTACTS` changes size).

mod common;

use std::process::{Command, Stdio};
use std::time::Instant;

fn main() {
    let contacts: usize = std::env::var("BENCH_CONTACTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let limit = 10_000u32;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("none.toml");
    let sb = common::Serve::start(
        &[
            "--latency",
            "50",
            "--calls",
            "50",
            "--contacts",
            &contacts.to_string(),
            "--intercom-limit",
            &limit.to_string(),
        ],
        &config,
    );
    let t = Instant::now();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_aircom"));
    sb.env(&mut cmd);
    let child = cmd
        .args(["audit", "duplicates", "--json"])
        .env("AIRCOM_STATE", dir.path().join("ledger.sqlite"))
        .env("AIRCOM_CONFIG", &config)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (ok, rss_kb) = common::wait_with_rss(child);
    let secs = t.elapsed().as_secs_f64();
    assert!(ok, "audit failed");
    let log = sb.admin("log");
    let log: Vec<&serde_json::Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["service"] == "intercom")
        .collect();
    let made = log.iter().filter(|r| r["status"] == 200).count();
    let throttled = log.iter().filter(|r| r["status"] == 429).count();
    let per_sec = limit as f64 / 60.0;
    let needed = contacts.div_ceil(150) + 3; // pages, the two edge probes, /me
    println!("audit duplicates over ~{contacts} contacts (50 ms latency, limit {limit}/min): {secs:.1}s, {made} requests ({throttled} answered 429)");
    println!(
        "  floor for the {needed} requests needed: {:.1}s -> {:.2}x (target <= 1.3x); for the {made} made: {:.2}x",
        needed as f64 / per_sec,
        secs / (needed as f64 / per_sec),
        secs / (made as f64 / per_sec)
    );
    println!(
        "  peak RSS of aircom: {:.1} MB (target <= 300 MB)",
        rss_kb as f64 / 1024.0
    );
}
