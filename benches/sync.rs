//! Sync benchmark (issue 6): the real binary syncs 3,000 sandbox contacts into Aircall with
//! Aircall's limit at 600/min and 50 ms latency. Prints requests made against the minimum
//! needed, wall time against the floor the limit sets (target <= 1.1x), and the 429s seen
//! after pacing settled (target 0). The sandbox runs as its own process.
//!
//! `cargo bench --bench sync` (`BENCH_CONTACTS` changes the size). Takes ~5 minutes: the
//! floor itself is ~4 minutes at 600 requests a minute.

mod common;

use std::process::{Command, Stdio};
use std::time::Instant;

fn main() {
    let contacts: usize = std::env::var("BENCH_CONTACTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3_000);
    let limit = 600u32;
    let bin = env!("CARGO_BIN_EXE_aircom");
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("none.toml");
    let sb = common::Serve::start(
        &[
            "--latency",
            "50",
            "--calls",
            "20",
            "--contacts",
            &contacts.to_string(),
            "--aircall-limit",
            &limit.to_string(),
        ],
        &config,
    );
    let aircom = |args: &[&str]| {
        let mut c = Command::new(bin);
        sb.env(&mut c);
        c.args(args)
            .env("AIRCOM_STATE", dir.path().join("ledger.sqlite"))
            .env("AIRCOM_CONFIG", &config)
            .env("AIRCOM_AIRCALL_RATE", limit.to_string());
        c
    };
    // The plan tells how many writes are needed.
    let out = aircom(&["sync", "contacts", "--dry-run", "--json"])
        .output()
        .unwrap();
    let steps: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let creates = steps.iter().filter(|s| s["action"] == "create").count();
    let before = sb.admin("log").as_array().unwrap().len();
    let t = Instant::now();
    let status = aircom(&["sync", "contacts", "--yes"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    let secs = t.elapsed().as_secs_f64();
    assert!(status.success());
    let log = sb.admin("log");
    let log: Vec<&serde_json::Value> = log.as_array().unwrap()[before..]
        .iter()
        .filter(|r| r["service"] == "aircall")
        .collect();
    let made = log.len();
    let throttled = log.iter().filter(|r| r["status"] == 429).count();
    let first_ms = log.first().and_then(|r| r["at_ms"].as_u64()).unwrap_or(0);
    let late_429 = log
        .iter()
        .filter(|r| r["status"] == 429 && r["at_ms"].as_u64().unwrap_or(0) > first_ms + 60_000)
        .count();
    let reads = log.iter().filter(|r| r["method"] == "GET").count();
    let minimum = creates + reads;
    let per_sec = limit as f64 / 60.0;
    println!("sync {contacts} contacts (Aircall {limit}/min, 50 ms latency): {secs:.0}s, {made} Aircall requests for {creates} creations + {reads} listing reads (minimum {minimum}); {throttled} answered 429, {late_429} after the first minute");
    println!(
        "  floor for the minimum: {:.0}s -> {:.2}x (target <= 1.1x); for the requests made: {:.0}s -> {:.2}x",
        minimum as f64 / per_sec,
        secs / (minimum as f64 / per_sec),
        made as f64 / per_sec,
        secs / (made as f64 / per_sec)
    );
}
