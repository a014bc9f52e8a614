//! Issue 14: a table taller than the terminal goes through `$PAGER` on a terminal; never with
//! `--no-pager`, and never when piped.

use rexpect::process::WaitStatus;
use rexpect::session::spawn_command;

use crate::support::*;

fn paged(
    sb: &aircom::sandbox::Sandbox,
    env: &Env,
    seen: &std::path::Path,
    extra: &[&str],
) -> (i32, String) {
    let since = jiff::Timestamp::from_second(anchor() - 61 * 86_400)
        .unwrap()
        .to_string();
    let mut cmd = env.std_cmd(Some(sb));
    cmd.env_remove("AIRCOM_TEST_NO_PROGRESS")
        .env("PAGER", format!("tee {}", seen.display()))
        .env("LINES", "20")
        .env("COLUMNS", "120")
        .args([
            "--no-progress",
            "backfill",
            "calls",
            "--since",
            &since,
            "--dry-run",
            "--all",
        ])
        .args(extra);
    let mut p = spawn_command(cmd, Some(30_000)).expect("spawns on a pty");
    let screen = p.exp_eof().expect("ends");
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => (code, screen),
        other => panic!("{other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_table_goes_through_the_pager() {
    let sb = std::sync::Arc::new(sandbox().await);
    let dir = tempfile::tempdir().unwrap();
    let seen = dir.path().join("paged.txt");
    let run_paged = |extra: &'static [&'static str]| {
        let (sb, seen) = (sb.clone(), seen.clone());
        tokio::task::spawn_blocking(move || {
            let env = Env::new();
            paged(&sb, &env, &seen, extra)
        })
    };
    let (code, screen) = run_paged(&[]).await.unwrap();
    assert_eq!(code, 0, "{screen}");
    let text = std::fs::read_to_string(&seen)
        .unwrap_or_else(|e| panic!("the pager did not run ({e}): {screen}"));
    assert!(
        text.lines().count() > 20,
        "the whole table went to the pager"
    );
    assert!(text.contains("OUTCOME"), "{text}");
    // `--no-pager`: printed directly.
    std::fs::remove_file(&seen).unwrap();
    let (code, screen) = run_paged(&["--no-pager"]).await.unwrap();
    assert_eq!(code, 0, "{screen}");
    assert!(!seen.exists(), "--no-pager still paged");
    assert!(screen.contains("OUTCOME"), "{screen}");
}
