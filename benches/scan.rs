//! Intercom scan benchmark (issue 2), against the sandbox over loopback:
//! (a) 50,000 contacts with 100 ms latency: the one-cursor walk against the partitioned scan
//!     (target: partitioned >= 4x faster);
//! (b) the sandbox's Intercom limit scaled down to 1,200/min: the partitioned scan's wall time
//!     against the floor the limit sets (requests needed / allowed rate; target <= 1.2x), and
//!     the 429s seen after the first window (target 0). The client starts at its default
//!     10,000/min and must learn the real limit from the headers.
//!
//! `cargo bench --bench scan` (`BENCH_CONTACTS` changes the size).

use std::time::Instant;

use aircom::http::{Api, ApiConfig, ApiName, Auth, RetryPolicy};
use aircom::intercom::{self, IntercomClient};
use aircom::sandbox::{Latency, Sandbox, SandboxOptions, Service, SANDBOX_INTERCOM_TOKEN};
use aircom::secret::SecretString;
use futures::TryStreamExt;

fn client(base: &str, per_minute: u32) -> IntercomClient {
    IntercomClient::new(
        Api::new(
            ApiConfig {
                name: ApiName::Intercom,
                base_url: base.parse().unwrap(),
                auth: Auth::Bearer(SecretString::new(SANDBOX_INTERCOM_TOKEN)),
                per_minute,
                retry: RetryPolicy::default(),
                extra_headers: vec![("Intercom-Version", "2.16".into())],
            },
            None,
        )
        .unwrap(),
    )
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let contacts: usize = std::env::var("BENCH_CONTACTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    let partitions = 8;

    // (a) latency-bound.
    let sb = Sandbox::start(SandboxOptions {
        contacts,
        calls: 50,
        latency: Latency::Fixed(std::time::Duration::from_millis(100)),
        intercom_limit: 1_000_000,
        ..SandboxOptions::default()
    })
    .await
    .unwrap();
    let total = sb.world().intercom.contacts.len();
    let c = client(&sb.intercom_url, 10_000);
    let t = Instant::now();
    let one: Vec<_> = c.list_contacts().try_collect().await.unwrap();
    let one_secs = t.elapsed().as_secs_f64();
    assert_eq!(one.len(), total);
    let t = Instant::now();
    let part: Vec<_> = c
        .scan_contacts(intercom::users_and_leads(), partitions)
        .try_collect()
        .await
        .unwrap();
    let part_secs = t.elapsed().as_secs_f64();
    assert_eq!(part.len(), total);
    println!("(a) {total} contacts, 100 ms latency: one cursor {one_secs:.1}s, partitioned ({partitions}) {part_secs:.1}s: {:.1}x faster (target >= 4x)", one_secs / part_secs);
    drop(sb);

    // (b) rate-bound.
    let limit = 1_200u32;
    let sb = Sandbox::start(SandboxOptions {
        contacts,
        calls: 50,
        intercom_limit: limit,
        ..SandboxOptions::default()
    })
    .await
    .unwrap();
    let c = client(&sb.intercom_url, 10_000);
    let started_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis();
    let t = Instant::now();
    let part: Vec<_> = c
        .scan_contacts(intercom::users_and_leads(), partitions)
        .try_collect()
        .await
        .unwrap();
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(part.len(), total);
    let log: Vec<_> = sb
        .requests()
        .into_iter()
        .filter(|r| r.service == Service::Intercom)
        .collect();
    let ok = log.iter().filter(|r| r.status == 200).count();
    let throttled_after_first_window = log
        .iter()
        .filter(|r| r.status == 429 && r.at_ms > started_ms - started_ms % 10_000 + 10_000)
        .count();
    let throttled = log.iter().filter(|r| r.status == 429).count();
    let per_sec = limit as f64 / 60.0;
    let min_needed = total.div_ceil(150) + 2;
    let floor_min = min_needed as f64 / per_sec;
    let floor_made = ok as f64 / per_sec;
    println!(
        "(b) limit {limit}/min: {secs:.1}s for {ok} successful requests ({throttled} answered 429, {throttled_after_first_window} after the first window; target 0)"
    );
    println!(
        "    floor for the requests made: {floor_made:.1}s -> {:.2}x; floor for the minimum {min_needed} requests: {floor_min:.1}s -> {:.2}x (target <= 1.2x)",
        secs / floor_made,
        secs / floor_min
    );
}
