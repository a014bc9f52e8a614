//! Pacer benchmark (issue 11): 16 tasks share one limiter per API against the sandbox's own
//! rate limits. Prints, per API, the most requests the server saw in any one of its windows
//! (Aircall: a sliding minute; Intercom: 10 seconds, limit/6) against the limit, the 429s
//! (target 0 once the limit is known), and wall time against the floor the limit sets. The
//! Intercom client starts at its default 10,000/min and must learn the real limit from the
//! headers. (That no request leaves during a block, whatever the number of tasks, is a test:
//! `rate_limit::tests::a_block_set_while_tasks_wait_holds_every_one_of_them`.)
//!
//! `cargo bench --bench pacer` (`BENCH_REQUESTS` changes the size). Takes about 2 minutes.

use std::sync::Arc;
use std::time::Instant;

use aircom::aircall::AircallClient;
use aircom::http::{Api, ApiConfig, ApiName, Auth, RetryPolicy};
use aircom::intercom::IntercomClient;
use aircom::sandbox::{
    Sandbox, SandboxOptions, Service, SANDBOX_AIRCALL_ID, SANDBOX_AIRCALL_TOKEN,
    SANDBOX_INTERCOM_TOKEN,
};
use aircom::secret::SecretString;

const TASKS: usize = 16;

fn api(name: ApiName, base: &str, per_minute: u32) -> Api {
    let auth = match name {
        ApiName::Aircall => Auth::Basic {
            id: SANDBOX_AIRCALL_ID.into(),
            token: SecretString::new(SANDBOX_AIRCALL_TOKEN),
        },
        ApiName::Intercom => Auth::Bearer(SecretString::new(SANDBOX_INTERCOM_TOKEN)),
    };
    Api::new(
        ApiConfig {
            name,
            base_url: base.parse().unwrap(),
            auth,
            per_minute,
            retry: RetryPolicy::default(),
            extra_headers: match name {
                ApiName::Intercom => vec![("Intercom-Version", "2.16".into())],
                ApiName::Aircall => vec![],
            },
        },
        None,
    )
    .unwrap()
}

/// The most requests in any window of `window_ms` (sliding).
fn most_in_window(at: &[(u128, u16)], window_ms: u128) -> usize {
    let mut most = 0;
    let mut lo = 0;
    for hi in 0..at.len() {
        while at[hi].0 - at[lo].0 >= window_ms {
            lo += 1;
        }
        most = most.max(hi - lo + 1);
    }
    most
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let n: usize = std::env::var("BENCH_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(600);
    let (aircall_limit, intercom_limit) = (240u32, 1_200u32);
    let sb = Sandbox::start(SandboxOptions {
        aircall_limit,
        intercom_limit,
        contacts: 50,
        calls: 10,
        ..SandboxOptions::default()
    })
    .await
    .unwrap();
    println!("pacer: {TASKS} tasks, {n} requests per API");
    for (name, limit, start_at, window_ms, service) in [
        (
            ApiName::Aircall,
            aircall_limit,
            aircall_limit,
            60_000u128,
            Service::Aircall,
        ),
        (
            ApiName::Intercom,
            intercom_limit,
            10_000,
            10_000,
            Service::Intercom,
        ),
    ] {
        sb.clear_requests();
        let a = api(
            name,
            match name {
                ApiName::Aircall => &sb.aircall_url,
                ApiName::Intercom => &sb.intercom_url,
            },
            start_at,
        );
        let done = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let t = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..TASKS {
            let (a, done) = (a.clone(), done.clone());
            tasks.push(tokio::spawn(async move {
                let (ac, ic) = (AircallClient::new(a.clone()), IntercomClient::new(a));
                while done.fetch_add(1, std::sync::atomic::Ordering::SeqCst) < n {
                    let _ = match name {
                        ApiName::Aircall => ac.ping().await.map(|_| ()),
                        ApiName::Intercom => ic.me().await.map(|_| ()),
                    };
                }
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        let secs = t.elapsed().as_secs_f64();
        let mut at: Vec<(u128, u16)> = sb
            .requests()
            .iter()
            .filter(|e| e.service == service)
            .map(|e| (e.at_ms, e.status))
            .collect();
        at.sort();
        let sent = at.len();
        let throttled = at.iter().filter(|(_, s)| *s == 429).count();
        let per_window = match name {
            ApiName::Aircall => limit as usize,
            ApiName::Intercom => limit as usize / 6,
        };
        let most = most_in_window(&at, window_ms);
        let floor = sent as f64 / (limit as f64 / 60.0);
        println!(
            "{name:?}: {sent} requests in {secs:.1} s ({:.2}x the floor of {floor:.1} s); most in any sliding {}-s window {most} (limit {per_window} per server window); 429s {throttled}",
            secs / floor,
            window_ms / 1000,
        );
    }
}
