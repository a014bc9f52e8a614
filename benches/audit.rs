//! Audit benchmark (issue 5): the real binary runs `audit duplicates` over 200,000 sandbox
//! contacts with 50 ms latency and Intercom's default limit (10,000/min). Prints wall time
//! against the floor the limit sets (requests needed / allowed rate; target <= 1.3x) and the
//! binary's peak RSS (target <= 300 MB).
//!
//! The sandbox runs as its own process (`aircom sandbox serve`), so neither its CPU nor its
//! memory is counted as aircom's. `cargo bench --bench audit` (`BENCH_CONTACTS` changes size).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

fn wait_with_rss(child: std::process::Child) -> (bool, i64) {
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    // SAFETY: waiting for our own child; the std handle is not waited on afterwards.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    std::mem::forget(child);
    (
        r == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        usage.ru_maxrss,
    )
}

fn main() {
    let contacts: usize = std::env::var("BENCH_CONTACTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let limit = 10_000u32;
    let bin = env!("CARGO_BIN_EXE_aircom");
    let dir = tempfile::tempdir().unwrap();
    let t = Instant::now();
    let mut server = Command::new(bin)
        .args([
            "sandbox",
            "serve",
            "--json",
            "--latency",
            "50",
            "--calls",
            "50",
        ])
        .args([
            "--contacts",
            &contacts.to_string(),
            "--intercom-limit",
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
    let exports: serde_json::Value = serde_json::from_str(&line).unwrap();
    let base = exports["intercom_base_url"].as_str().unwrap().to_string();
    eprintln!(
        "sandbox with {contacts} contacts up in {:.1}s",
        t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let child = Command::new(bin)
        .args(["audit", "duplicates", "--json"])
        .env("INTERCOM_BASE_URL", &base)
        .env(
            "INTERCOM_ACCESS_TOKEN",
            exports["intercom_access_token"].as_str().unwrap(),
        )
        .env("AIRCOM_STATE", dir.path().join("ledger.sqlite"))
        .env("AIRCOM_CONFIG", dir.path().join("none.toml"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (ok, rss_kb) = wait_with_rss(child);
    let secs = t.elapsed().as_secs_f64();
    assert!(ok, "audit failed");
    let log: Vec<serde_json::Value> = reqwest::blocking_get(&format!("{base}/_sandbox/log"));
    let _ = server.kill();
    let _ = server.wait();
    let made = log.iter().filter(|r| r["status"] == 200).count();
    let throttled = log.iter().filter(|r| r["status"] == 429).count();
    let per_sec = limit as f64 / 60.0;
    let total = contacts;
    let needed = total.div_ceil(150) + 3; // pages, the two edge probes, /me
    println!("audit duplicates over ~{total} contacts (50 ms latency, limit {limit}/min): {secs:.1}s, {made} requests ({throttled} answered 429)");
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

mod reqwest {
    /// A GET on loopback with the runtime the benchmark does not otherwise need.
    pub fn blocking_get<T: serde::de::DeserializeOwned>(url: &str) -> T {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async { ::reqwest::get(url).await.unwrap().json().await.unwrap() })
    }
}
