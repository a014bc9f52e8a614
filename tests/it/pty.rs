//! Issue 14: what a user sees on a real terminal, through a pseudo-terminal (`rexpect`).

use rexpect::process::WaitStatus;
use rexpect::session::spawn_command;

use crate::support::*;

const TIMEOUT_MS: Option<u64> = Some(30_000);

/// The interactive `check-number` loop: a number is checked, and Ctrl-D ends the loop.
#[test]
fn check_number_loop_ends_on_ctrl_d() {
    let env = Env::new();
    let mut cmd = env.std_cmd(None);
    cmd.args(["check-number", "--offline", "--country", "FR"]);
    let mut p = spawn_command(cmd, TIMEOUT_MS).expect("spawns on a pty");
    p.exp_string("Number").expect("the prompt");
    p.send_line("06 12 34 56 78").unwrap();
    p.exp_string("valid").expect("the reading");
    p.exp_string("Number").expect("the prompt again");
    p.send_control('d').unwrap();
    p.exp_eof().expect("the loop ends");
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 0),
        other => panic!("{other:?}"),
    }
}

/// A declined confirmation writes nothing, says so plainly (no `error:`), and exits 130.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declined_confirmation_writes_nothing_and_exits_130() {
    let sb = sandbox().await;
    let env = Env::new();
    let mut cmd = env.std_cmd(Some(&sb));
    cmd.args(["fix", "numbers"]);
    let (status, seen) = tokio::task::spawn_blocking(move || {
        let mut p = spawn_command(cmd, TIMEOUT_MS).expect("spawns on a pty");
        p.exp_string("[y/N]").expect("the question");
        std::thread::sleep(std::time::Duration::from_millis(300));
        p.send("n").unwrap();
        p.flush().unwrap();
        let seen = p.exp_eof().expect("ends");
        (p.process().wait().unwrap(), seen)
    })
    .await
    .unwrap();
    assert!(seen.contains("cancelled, nothing written"), "{seen}");
    assert!(!seen.contains("error:"), "{seen}");
    match status {
        WaitStatus::Exited(_, code) => assert_eq!(code, 130),
        other => panic!("{other:?}"),
    }
    assert!(sb.requests().iter().all(|r| !r.is_write()));
}

/// Issue 14: the backfill's confirmation shows the plan's real counts (the dry run's), not
/// "up to" every call of the period; declined, it writes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_backfill_confirmation_shows_the_plans_counts() {
    let sb = sandbox().await;
    let env = Env::new();
    let since = jiff::Timestamp::from_second(anchor() - 61 * 86_400)
        .unwrap()
        .to_string();
    let mut cmd = env.cmd_on(&sb);
    cmd.args([
        "backfill",
        "calls",
        "--since",
        &since,
        "--dry-run",
        "--json",
    ]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let would = stdout(&out)
        .lines()
        .filter(|l| l.contains("\"outcome\":\"would_log\""))
        .count();
    assert!(would > 0);
    let mut cmd = env.std_cmd(Some(&sb));
    cmd.args(["backfill", "calls", "--since", &since]);
    let (status, seen) = tokio::task::spawn_blocking(move || {
        let mut p = spawn_command(cmd, TIMEOUT_MS).expect("spawns on a pty");
        let before = p.exp_string("[y/N]").expect("the question");
        std::thread::sleep(std::time::Duration::from_millis(300));
        p.send("n").unwrap();
        p.flush().unwrap();
        p.exp_eof().expect("ends");
        (p.process().wait().unwrap(), before)
    })
    .await
    .unwrap();
    assert!(
        seen.contains(&format!("Log {would} call(s) into Intercom (")),
        "{would}: {seen}"
    );
    match status {
        WaitStatus::Exited(_, code) => assert_eq!(code, 130),
        other => panic!("{other:?}"),
    }
    assert!(sb.requests().iter().all(|r| !r.is_write()));
}
