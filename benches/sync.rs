//! Sync benchmark (issue 6): the real binary syncs 3,000 sandbox contacts into Aircall with
//! Aircall's limit at 600/min and 50 ms latency. Prints requests made against the minimum
//! needed, wall time against the floor the limit sets (target <= 1.1x), and the 429s seen
//! after pacing settled (target 0). The sandbox runs as its own process.
//!
//! `cargo bench --bench sync` (`BENCH_CONTACTS` changes the size). Takes ~5 minutes: the
//! floor itself is ~4.5 minutes at 600 requests a minute.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

fn get(url: &str) -> serde_json::Value {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async { reqwest::get(url).await.unwrap().json().await.unwrap() })
}

fn main() {
    let contacts: usize = std::env::var("BENCH_CONTACTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3_000);
    let limit = 600u32;
    let bin = env!("CARGO_BIN_EXE_aircom");
    let dir = tempfile::tempdir().unwrap();
    let mut server = Command::new(bin)
        .args([
            "sandbox",
            "serve",
            "--json",
            "--latency",
            "50",
            "--calls",
            "20",
        ])
        .args([
            "--contacts",
            &contacts.to_string(),
            "--aircall-limit",
            &limit.to_string(),
        ])
        .env("AIRCOM_CONFIG", dir.path().join("none.toml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let x: serde_json::Value = serde_json::from_str(&line).unwrap();
    let env = |c: &mut Command| {
        c.env("AIRCALL_BASE_URL", x["aircall_base_url"].as_str().unwrap())
            .env("AIRCALL_API_ID", x["aircall_api_id"].as_str().unwrap())
            .env(
                "AIRCALL_API_TOKEN",
                x["aircall_api_token"].as_str().unwrap(),
            )
            .env(
                "INTERCOM_BASE_URL",
                x["intercom_base_url"].as_str().unwrap(),
            )
            .env(
                "INTERCOM_ACCESS_TOKEN",
                x["intercom_access_token"].as_str().unwrap(),
            )
            .env("AIRCOM_STATE", dir.path().join("ledger.sqlite"))
            .env("AIRCOM_CONFIG", dir.path().join("none.toml"))
            .env("AIRCOM_AIRCALL_RATE", limit.to_string());
    };
    // The plan tells how many writes are needed.
    let mut plan = Command::new(bin);
    env(&mut plan);
    let out = plan
        .args(["sync", "contacts", "--dry-run", "--json"])
        .output()
        .unwrap();
    let steps: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let creates = steps.iter().filter(|s| s["action"] == "create").count();
    let aircall_base = x["aircall_base_url"].as_str().unwrap().to_string();
    let before = get(&format!("{aircall_base}/_sandbox/log"))
        .as_array()
        .unwrap()
        .len();

    let t = Instant::now();
    let mut cmd = Command::new(bin);
    env(&mut cmd);
    let status = cmd
        .args(["sync", "contacts", "--yes"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    let secs = t.elapsed().as_secs_f64();
    assert!(status.success());
    let log = get(&format!("{aircall_base}/_sandbox/log"));
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
    let floor = made as f64 / (limit as f64 / 60.0);
    let floor_min = minimum as f64 / (limit as f64 / 60.0);
    let _ = server.kill();
    let _ = server.wait();
    println!("sync {contacts} contacts (Aircall {limit}/min, 50 ms latency): {secs:.0}s, {made} Aircall requests for {creates} creations + {reads} listing reads (minimum {minimum}); {throttled} answered 429, {late_429} after the first minute");
    println!("  floor for the minimum: {floor_min:.0}s -> {:.2}x (target <= 1.1x); for the requests made: {floor:.0}s -> {:.2}x", secs / floor_min, secs / floor);
}
