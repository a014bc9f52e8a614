//! The frame: doctor, exit codes, redaction, help snapshots, completions freshness.

use crate::support::*;

/// How many Aircall numbers the default sandbox world has.
fn sb_numbers() -> usize {
    aircom::sandbox::data::generate(aircom::sandbox::data::Seed {
        seed: 42,
        contacts: 300,
        calls: 240,
        anchor: anchor(),
    })
    .aircall
    .numbers
    .len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_on_the_builtin_sandbox_with_no_configuration() {
    let env = Env::new();
    let mut cmd = env.cmd();
    cmd.args(["--sandbox", "doctor", "--json"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["intercom"]["ok"], true);
    assert_eq!(v["aircall"]["ok"], true);
    assert!(v["intercom"]["identity"]
        .as_str()
        .unwrap()
        .contains("olivia.ops@acme.example"));
    assert!(v["aircall"]["identity"].as_str().unwrap().contains("Acme"));
    // Carla's Aircall email differs from her admin email only by case: she matches.
    let unmatched: Vec<&str> = v["unmatched_aircall_users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(
        unmatched,
        vec!["eve@contractor.example", "finn@acme-sales.example"]
    );
    assert_eq!(
        v["numbers"].as_array().unwrap().len(),
        sb_numbers(),
        "every Aircall number of the sandbox"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn doctor_with_a_wrong_token_exits_4_with_a_hint() {
    let sb = sandbox().await;
    let env = Env::new();
    let mut cmd = env.cmd_on(&sb);
    cmd.env("INTERCOM_ACCESS_TOKEN", "wrong-token")
        .arg("doctor");
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("INTERCOM_ACCESS_TOKEN"),
        "{}",
        stderr(&out)
    );
    // Aircall: a wrong key is a 403.
    let mut cmd = env.cmd_on(&sb);
    cmd.env("AIRCALL_API_TOKEN", "nope").arg("doctor");
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("AIRCALL_API_TOKEN"));
}

#[test]
fn missing_credentials_exit_4_naming_the_variables() {
    let env = Env::new();
    let out = env.cmd().arg("doctor").output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(
        err.contains("INTERCOM_ACCESS_TOKEN") && err.contains("AIRCALL_API_TOKEN"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_token_anywhere_at_vv() {
    let sb = sandbox().await;
    let env = Env::new();
    let secret_ic = "ic-secret-7f3a9b2c4d5e6f708192a3b4";
    let secret_ac = "ac-secret-1a2b3c4d5e6f7a8b9c0d";
    // A run with tokens the sandbox rejects, then one it accepts: neither may print a token.
    let mut cmd = env.cmd_on(&sb);
    cmd.env("INTERCOM_ACCESS_TOKEN", secret_ic)
        .env("AIRCALL_API_TOKEN", secret_ac)
        .args(["-vv", "doctor"]);
    let out = run(cmd).await;
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains("GET /me"), "-vv logs requests: {all}");
    assert!(
        !all.contains(secret_ic) && !all.contains(secret_ac),
        "{all}"
    );
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["-vv", "doctor", "--json"]);
    let out = run(cmd).await;
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(out.status.success());
    for t in ["sandbox-intercom-token", "sandbox-aircall-token"] {
        assert!(!all.contains(t), "token {t} leaked: {all}");
    }
    // Nor in the ledger.
    let ledger = std::fs::read(env.ledger()).unwrap_or_default();
    assert!(!String::from_utf8_lossy(&ledger).contains(secret_ic));
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["check-number", "--country", "XX", "+33762043575"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("hint:"));
    let out = env.cmd().args(["doctor", "--bogus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = env
        .cmd()
        .args(["--json", "--csv", "runs"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn broken_pipe_exits_zero() {
    let env = Env::new();
    let bin = assert_cmd::cargo::cargo_bin("aircom");
    let script = format!(
        "seq 1 20000 | sed 's/^/+3376204/' | {} check-number --offline | head -1 >/dev/null; echo ${{PIPESTATUS[2]}}",
        bin.display()
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .env("HOME", env.path())
        .env("AIRCOM_CONFIG", env.path().join("c.toml"))
        .output()
        .unwrap();
    let code = String::from_utf8_lossy(&out.stdout).trim().to_string();
    // 3 (some numbers invalid) or 0 are fine; a panic (101) or 1 from the pipe is not.
    assert!(
        code == "0" || code == "3",
        "exit {code}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn runs_lists_what_the_ledger_recorded() {
    let env = Env::new();
    let out = env.cmd().args(["runs", "--json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v, serde_json::json!([]));
    {
        let l = aircom::ledger::Ledger::open(&env.ledger())
            .unwrap()
            .bind("intercom:app1 aircall:Acme")
            .unwrap();
        let id = l
            .start_run("fix numbers", "aircom fix numbers --yes")
            .unwrap();
        l.finish_run(
            id,
            aircom::ledger::RunOutcome::Ok,
            &serde_json::json!({"updated": 3}),
        )
        .unwrap();
    }
    let out = env.cmd().args(["runs"]).output().unwrap();
    let text = stdout(&out);
    assert!(text.starts_with("1\tfix numbers\t"), "{text}");
    assert!(
        text.contains("ok\tintercom:app1 aircall:Acme\tupdated=3"),
        "{text}"
    );
}

#[test]
fn help_snapshots() {
    let env = Env::new();
    for args in [
        vec!["--help"],
        vec!["doctor", "--help"],
        vec!["check-number", "--help"],
        vec!["normalize", "--help"],
        vec!["sandbox", "serve", "--help"],
        vec!["runs", "--help"],
    ] {
        // Without the per-test ledger path, which clap would show as `[env: AIRCOM_STATE=…]`.
        let out = env
            .cmd()
            .args(&args)
            .env("COLUMNS", "100")
            .env_remove("AIRCOM_STATE")
            .output()
            .unwrap();
        assert!(out.status.success());
        insta::assert_snapshot!(
            format!("help_{}", args.join("_").replace("--", "")),
            stdout(&out)
        );
    }
}

/// Completions in `completions/` must match the binary; `UPDATE_COMPLETIONS=1` rewrites them.
#[test]
fn completions_are_fresh() {
    use clap_complete::Shell;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let update = std::env::var_os("UPDATE_COMPLETIONS").is_some();
    let mut stale = Vec::new();
    for (shell, file) in [
        (Shell::Bash, "aircom.bash"),
        (Shell::Zsh, "_aircom"),
        (Shell::Fish, "aircom.fish"),
        (Shell::PowerShell, "_aircom.ps1"),
        (Shell::Elvish, "aircom.elv"),
    ] {
        let want = aircom::commands::completions::script(shell);
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &want).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(&want[..]) {
            stale.push(file);
        }
    }
    let man = aircom::commands::completions::man_page().unwrap();
    let man_path = dir.join("aircom.1");
    if update {
        std::fs::write(&man_path, &man).unwrap();
    } else if std::fs::read(&man_path).ok().as_deref() != Some(&man[..]) {
        stale.push("aircom.1");
    }
    assert!(
        stale.is_empty(),
        "stale: {stale:?}; run `UPDATE_COMPLETIONS=1 cargo test completions`"
    );
    // And the binary prints the same script.
    let out = Env::new()
        .cmd()
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert_eq!(
        out.stdout,
        aircom::commands::completions::script(Shell::Bash)
    );
}

/// Issue 14: a read-only command creates no ledger and no folder.
#[test]
fn runs_creates_no_ledger_nor_folder() {
    let env = Env::new();
    let state = env.path().join("new").join("dir").join("l.sqlite");
    let out = env
        .cmd()
        .args(["--state", state.to_str().unwrap(), "runs"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!env.path().join("new").exists(), "nothing created");
}

/// Issue 14: `-o` writes through a symlink (the link stays), into `/dev/stdout` when it is a
/// pipe, and never replaces a device; a regular output file is the owner's only.
#[cfg(unix)]
#[test]
fn output_files_follow_links_write_devices_in_place_and_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let input = env.path().join("in.csv");
    std::fs::write(&input, "name,phone\nAda,+33612345678\n").unwrap();
    let normalize = |out: &str| {
        env.cmd()
            .args(["normalize", "--column", "phone", "--country", "FR"])
            .arg(&input)
            .args(["-o", out])
            .output()
            .unwrap()
    };
    let out = normalize("/dev/stdout");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("+33612345678"));
    let real = env.path().join("real.csv");
    std::fs::write(&real, "old").unwrap();
    let link = env.path().join("link.csv");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    assert!(normalize(link.to_str().unwrap()).status.success());
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real)
        .unwrap()
        .contains("+33612345678"));
    let fresh = env.path().join("fresh.csv");
    assert!(normalize(fresh.to_str().unwrap()).status.success());
    let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    if std::path::Path::new("/dev/full").exists() {
        let out = normalize("/dev/full");
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stderr).contains("/dev/full"));
        assert!(!std::fs::metadata("/dev/full").unwrap().is_file());
    }
}

/// Issue 14: a row with more fields than the header is named by file and line and skipped
/// (the run goes on); an empty file says so and exits 2, with no output file written.
#[test]
fn csv_rows_and_empty_files_get_their_own_messages() {
    let env = Env::new();
    let ragged = env.path().join("ragged.csv");
    std::fs::write(
        &ragged,
        "name,phone\nAda,+33612345678,extra\nBob,+33712345678\n",
    )
    .unwrap();
    let out_file = env.path().join("out.csv");
    let out = env
        .cmd()
        .args(["normalize", "--column", "phone", "--country", "FR"])
        .arg(&ragged)
        .arg("-o")
        .arg(&out_file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("ragged.csv:2: 3 fields, the header has 2: row skipped"),
        "{err}"
    );
    let written = std::fs::read_to_string(&out_file).unwrap();
    assert!(
        written.contains("+33712345678") && !written.contains("extra"),
        "{written}"
    );
    let empty = env.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let none = env.path().join("none.csv");
    let out = env
        .cmd()
        .args(["normalize", "--column", "phone"])
        .arg(&empty)
        .arg("-o")
        .arg(&none)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is empty: there is no header row"));
    assert!(!none.exists(), "nothing half-written");
}
