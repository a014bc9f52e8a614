//! `audit logging` benchmark (issue 15): the real binary reports on a sandbox world of 20,000
//! calls over 180 days with the sandbox's real-world limits (Aircall 60/min, Intercom
//! 10,000/min) and 20 ms latency. Prints wall time against the floor the Aircall listing sets
//! (its requests at 60 a minute; target <= 1.2x) and the report's peak memory (target
//! < 200 MB). The sandbox runs as its own process.
//!
//! `cargo bench --bench logging` (`BENCH_CALLS`, `BENCH_DAYS`, `BENCH_CONTACTS` change the
//! world). Takes about 7 minutes: the listing alone is ~400 requests at 60 a minute.

mod common;

use std::process::{Command, Stdio};
use std::time::Instant;

fn env_or(key: &str, default: usize) -> usize {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let calls = env_or("BENCH_CALLS", 20_000);
    let days = env_or("BENCH_DAYS", 180);
    let contacts = env_or("BENCH_CONTACTS", 3_000);
    let (aircall_limit, intercom_limit) = (60u32, 10_000u32);
    let bin = env!("CARGO_BIN_EXE_aircom");
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("none.toml");
    let t = Instant::now();
    let sb = common::Serve::start(
        &[
            "--latency",
            "20",
            "--calls",
            &calls.to_string(),
            "--days",
            &days.to_string(),
            "--contacts",
            &contacts.to_string(),
            "--aircall-limit",
            &aircall_limit.to_string(),
            "--intercom-limit",
            &intercom_limit.to_string(),
        ],
        &config,
    );
    println!(
        "sandbox: {calls} calls over {days} days, {contacts} contacts, ready in {:.1}s",
        t.elapsed().as_secs_f64()
    );
    let html = dir.path().join("report.html");
    let t = Instant::now();
    let mut cmd = Command::new(bin);
    sb.env(&mut cmd);
    let mut child = cmd
        .args(["audit", "logging", "--since", &format!("{days}d"), "--json"])
        .arg("--html")
        .arg(&html)
        .env("AIRCOM_STATE", dir.path().join("ledger.sqlite"))
        .env("AIRCOM_CONFIG", &config)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut out, &mut s).unwrap();
        s
    });
    let (ok, rss_kb) = common::wait_with_rss(child);
    let secs = t.elapsed().as_secs_f64();
    let text = reader.join().unwrap();
    assert!(ok, "audit logging failed");
    let report: serde_json::Value = serde_json::from_str(&text).expect("report is JSON");
    let log = sb.admin("log");
    let log = log.as_array().unwrap();
    let aircall = log.iter().filter(|r| r["service"] == "aircall").count();
    let listing = log
        .iter()
        .filter(|r| {
            r["service"] == "aircall" && r["path"].as_str().unwrap_or("").starts_with("/v1/calls")
        })
        .count();
    let intercom = log.iter().filter(|r| r["service"] == "intercom").count();
    let throttled = log.iter().filter(|r| r["status"] == 429).count();
    let floor = listing as f64 / (aircall_limit as f64 / 60.0);
    let t = &report["totals"];
    println!(
        "audit logging, {days} days: {} calls ({} native, {} gaps, {} blocked), {} outages, {secs:.1}s; {aircall} Aircall requests ({listing} listing calls), {intercom} Intercom requests, {throttled} answered 429",
        t["calls"], t["native"], t["gap"], t["blocked"],
        report["outages"].as_array().map(Vec::len).unwrap_or(0)
    );
    println!(
        "  floor set by the Aircall listing: {floor:.1}s -> {:.2}x (target <= 1.2x)",
        secs / floor
    );
    println!(
        "  peak memory (RSS): {:.1} MB (target < 200 MB); HTML page {} KB",
        rss_kb as f64 / 1024.0,
        std::fs::metadata(&html)
            .map(|m| m.len() / 1024)
            .unwrap_or(0)
    );
}
