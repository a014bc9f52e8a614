//! Backfill benchmark (issue 7): the real binary backfills 2,000 sandbox calls (the gaps the
//! native integration left) with the sandbox's default limits (Aircall 60/min, Intercom
//! 10,000/min) and 20 ms latency. Prints Intercom requests per logged call (target <= 4 plus
//! one per tag) and wall time against the floor the rate limits set (target <= 1.2x). The
//! sandbox runs as its own process.
//!
//! `cargo bench --bench backfill` (`BENCH_CALLS` changes the size). Takes ~1 minute: the
//! Aircall listing alone is ~45 requests at 60 a minute.

mod common;

use std::process::{Command, Stdio};
use std::time::Instant;

fn main() {
    let calls: usize = std::env::var("BENCH_CALLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    let (aircall_limit, intercom_limit) = (60u32, 10_000u32);
    let bin = env!("CARGO_BIN_EXE_aircom");
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("none.toml");
    let sb = common::Serve::start(
        &[
            "--latency",
            "20",
            "--calls",
            &calls.to_string(),
            "--contacts",
            "2000",
            "--aircall-limit",
            &aircall_limit.to_string(),
            "--intercom-limit",
            &intercom_limit.to_string(),
        ],
        &config,
    );
    let truth = sb.admin("truth");
    let gaps: Vec<i64> = truth["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    let t = Instant::now();
    let mut cmd = Command::new(bin);
    sb.env(&mut cmd);
    let out = cmd
        .args(["backfill", "calls", "--since", "61d", "--yes", "--json"])
        .env("AIRCOM_STATE", dir.path().join("ledger.sqlite"))
        .env("AIRCOM_CONFIG", &config)
        .stderr(Stdio::null())
        .output()
        .unwrap();
    let secs = t.elapsed().as_secs_f64();
    assert!(out.status.success(), "backfill failed");
    let records: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let logged: Vec<&serde_json::Value> = records
        .iter()
        .filter(|r| r["outcome"] == "logged")
        .collect();
    let tags: usize = logged
        .iter()
        .map(|r| r["tags"].as_array().unwrap().len())
        .sum();
    let log = sb.admin("log");
    let log = log.as_array().unwrap();
    let intercom: Vec<&serde_json::Value> =
        log.iter().filter(|r| r["service"] == "intercom").collect();
    let aircall = log.iter().filter(|r| r["service"] == "aircall").count();
    let writes = intercom
        .iter()
        .filter(|r| r["method"] != "GET" && !r["path"].as_str().unwrap().ends_with("/search"))
        .count();
    let reads = intercom.len() - writes;
    let throttled = log.iter().filter(|r| r["status"] == 429).count();
    let n = logged.len().max(1) as f64;
    println!("backfill {calls} calls: {} logged (sandbox gaps: {}), {secs:.1}s; {aircall} Aircall requests, {} Intercom requests ({writes} writes, {reads} reads), {throttled} answered 429", logged.len(), gaps.len(), intercom.len());
    println!(
        "  Intercom writes per logged call: {:.2} for {:.2} tags per call (target <= 4 + tags); with the run's reads spread over them: {:.2}",
        writes as f64 / n,
        tags as f64 / n,
        intercom.len() as f64 / n
    );
    let floor = (aircall as f64 / (aircall_limit as f64 / 60.0))
        .max(intercom.len() as f64 / (intercom_limit as f64 / 60.0));
    println!(
        "  floor set by the rate limits: {floor:.1}s -> {:.2}x (target <= 1.2x)",
        secs / floor
    );
}
