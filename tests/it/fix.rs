//! Issue 11 for `fix numbers`: one writer per job and ledger. A second run while one writes is
//! refused at once, naming the first, and writes nothing; a SIGKILLed run shows as aborted and
//! its lock is taken over; the end state is always one clean run's.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use aircom::sandbox::{Latency, Sandbox, SandboxOptions};

use crate::support::*;

/// Slow enough that a run's writes (one `PUT` per fixable phone, one at a time) take seconds.
fn slow() -> SandboxOptions {
    SandboxOptions {
        latency: Latency::Fixed(Duration::from_millis(30)),
        ..options()
    }
}

/// Every Intercom contact's phone, by id.
fn phones(sb: &Sandbox) -> BTreeMap<String, Option<String>> {
    sb.world()
        .intercom
        .contacts
        .into_iter()
        .map(|(id, c)| (id, c.phone))
        .collect()
}

/// The writes the sandbox saw, as (method, path, body), sorted.
fn writes(sb: &Sandbox) -> Vec<(String, String, String)> {
    let mut w: Vec<_> = sb
        .requests()
        .into_iter()
        .filter(|r| r.is_write())
        .map(|r| {
            let body = r.body.map(|b| b.to_string()).unwrap_or_default();
            (r.method, r.path, body)
        })
        .collect();
    w.sort();
    w
}

fn puts(sb: &Sandbox) -> usize {
    sb.requests().iter().filter(|r| r.method == "PUT").count()
}

/// Waits (up to a minute) until the sandbox has seen `n` phone writes.
async fn wait_for_puts(sb: &Sandbox, child: &mut std::process::Child, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while puts(sb) < n {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before writing {n} phones"
        );
        assert!(Instant::now() < deadline, "no {n} writes within a minute");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

async fn fix(env: &Env, sb: &Sandbox) -> std::process::Output {
    let mut cmd = env.cmd_on(sb);
    cmd.args(["fix", "numbers", "--yes"]);
    run(cmd).await
}

async fn runs_json(env: &Env, sb: &Sandbox) -> Vec<serde_json::Value> {
    let mut cmd = env.cmd_on(sb);
    cmd.args(["runs", "--json"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `run N, pid P` from the refusal.
fn run_and_pid(err: &str) -> (i64, u32) {
    let rest = err
        .split("another `fix numbers` (run ")
        .nth(1)
        .unwrap_or_else(|| panic!("no run named: {err}"));
    let (run, rest) = rest.split_once(", pid ").expect("a pid");
    let pid = rest.split(',').next().unwrap();
    (run.parse().unwrap(), pid.parse().unwrap())
}

/// Issue 11: a second `fix numbers` while one writes exits 2 at once, naming the first, and
/// writes nothing (not to Intercom, not to the first run's journal); the end state is one
/// clean run's. A SIGKILLed run shows as aborted, and the next run takes its lock over and
/// finishes the job.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_fix_while_one_writes_is_refused_and_a_killed_ones_lock_taken_over() {
    // The reference: one clean run on a fresh sandbox with the same options, run alongside.
    let clean_sb = Sandbox::start(slow()).await.unwrap();
    let clean_env = Env::new();
    let mut clean = spawn_on(&clean_env, &clean_sb, &["fix", "numbers", "--yes"]);

    let sb = Sandbox::start(slow()).await.unwrap();
    let env = Env::new();
    let before = phones(&sb);
    let mut first = spawn_on(&env, &sb, &["fix", "numbers", "--yes"]);
    // It holds the lock, and it is writing.
    wait_for_a_running_run(&env, &sb).await;
    wait_for_puts(&sb, &mut first, 3).await;

    let seen = sb.requests().len();
    let started = Instant::now();
    let second = fix(&env, &sb).await;
    let took = started.elapsed();
    let second_requests: Vec<_> = sb.requests().into_iter().skip(seen).collect();
    let first_still_running = first.try_wait().unwrap().is_none();

    let err = stderr(&second);
    assert_eq!(second.status.code(), Some(2), "{err}");
    assert!(err.contains("another `fix numbers` (run "), "{err}");
    let (first_run, pid) = run_and_pid(&err);
    assert_eq!(pid, first.id(), "{err}");
    assert!(err.contains(", started "), "{err}");
    assert!(
        first_still_running,
        "the second run waited for the first instead of refusing ({took:?})"
    );
    // Meanwhile only the first wrote: phone `PUT`s, one per contact, never one of the second's.
    for r in second_requests.iter().filter(|r| r.is_write()) {
        assert_eq!(r.method, "PUT", "a write not the first run's: {r:?}");
    }

    let status = first.wait().unwrap();
    assert!(status.success(), "the first run: {status:?}");
    assert!(clean.wait().unwrap().success(), "the reference run");
    assert_ne!(phones(&clean_sb), before, "the reference run fixed phones");
    assert_eq!(
        phones(&sb),
        phones(&clean_sb),
        "the end state is one clean run's"
    );
    assert_eq!(
        writes(&sb),
        writes(&clean_sb),
        "the sandbox saw exactly one clean run's writes"
    );

    // The refusal came before any work: no contact scan, and the first run's in-flight change
    // left alone (not reconciled as another run's leftover under its feet).
    let searches = second_requests
        .iter()
        .filter(|r| r.path.ends_with("/search"))
        .count();
    assert_eq!(
        searches, 0,
        "the second run scanned contacts before refusing (in {took:?})"
    );
    assert!(
        !err.contains("reconciled"),
        "the second run settled the first run's journal: {err}"
    );
    let ledger = aircom::ledger::Ledger::open(&env.ledger()).unwrap();
    let journal = ledger.journal_for_run(first_run).unwrap();
    let not_done: Vec<_> = journal
        .iter()
        .filter(|r| r.state.to_string() != "done")
        .map(|r| (r.object_id.clone(), r.state.to_string()))
        .collect();
    assert!(
        not_done.is_empty(),
        "run {first_run}: changes the sandbox applied, not journaled done: {not_done:?}"
    );
    assert_eq!(journal.len(), puts(&sb), "one journal row per write");
    drop(ledger);

    // A SIGKILLed run, on a fresh sandbox: shown aborted; the next run takes its lock over.
    let sb = Sandbox::start(slow()).await.unwrap();
    let env = Env::new();
    let mut killed = spawn_on(&env, &sb, &["fix", "numbers", "--yes"]);
    wait_for_a_running_run(&env, &sb).await;
    wait_for_puts(&sb, &mut killed, 10).await;
    killed.kill().unwrap(); // SIGKILL
    killed.wait().unwrap();
    let written = puts(&sb);
    assert!(
        written < writes(&clean_sb).len(),
        "killed mid-run ({written} writes)"
    );
    let out = fix(&env, &sb).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let runs = runs_json(&env, &sb).await;
    let fixes: Vec<&serde_json::Value> = runs
        .iter()
        .filter(|r| r["command"] == "fix numbers")
        .collect();
    assert_eq!(fixes.len(), 2, "{runs:?}");
    assert!(
        fixes.iter().any(|r| r["outcome"] == "aborted"),
        "the killed run: {runs:?}"
    );
    assert!(
        fixes.iter().any(|r| r["outcome"] == "ok"),
        "the run that took over: {runs:?}"
    );
    assert_eq!(
        phones(&sb),
        phones(&clean_sb),
        "killed then resumed ends as one clean run"
    );
}
