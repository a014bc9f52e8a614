//! The frame: doctor, exit codes, redaction, help snapshots, completions freshness.

use crate::support::*;

/// How many Aircall numbers the default sandbox world has.
fn sb_numbers() -> usize {
    aircom::sandbox::data::generate(aircom::sandbox::data::Seed {
        seed: 42,
        contacts: 300,
        calls: 240,
        anchor: anchor(),
        ..Default::default()
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
    assert_eq!(v["intercom"]["admin"]["email"], "olivia.ops@acme.example");
    assert_eq!(v["aircall"]["company"]["name"], "Acme");
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
    // Issue 14: a token that is set but refused is not "missing": no "set …" advice.
    let err = stderr(&out);
    assert!(
        err.contains("INTERCOM_ACCESS_TOKEN") && err.contains("refused") && !err.contains("set `"),
        "{err}"
    );
    // Aircall: a wrong key is a 403.
    let mut cmd = env.cmd_on(&sb);
    cmd.env("AIRCALL_API_TOKEN", "nope").arg("doctor");
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(
        err.contains("AIRCALL_API") && err.contains("refused") && !err.contains("set `"),
        "{err}"
    );
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
        vec!["backfill", "calls", "--help"],
        vec!["backfill", "calls", "-h"],
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

/// Every command's man page in `completions/man/` must match the binary's; with
/// `UPDATE_COMPLETIONS=1` the pages are rewritten (and pages of commands that are gone
/// removed). Each has its EXAMPLES, ENVIRONMENT, FILES and EXIT STATUS, and names no page
/// that is not there.
#[test]
fn completions_man_pages_are_fresh() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/man");
    let update = std::env::var_os("UPDATE_COMPLETIONS").is_some();
    let pages = aircom::commands::man::pages().unwrap();
    let names: std::collections::BTreeSet<String> = pages.iter().map(|p| p.file_name()).collect();
    for want in [
        "aircom.1",
        "aircom-backfill.1",
        "aircom-backfill-calls.1",
        "aircom-sync-contacts.1",
        "aircom-audit-duplicates.1",
    ] {
        assert!(names.contains(want), "no {want} in {names:?}");
    }
    let mut stale = Vec::new();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
        aircom::commands::man::write_pages(&dir, &pages).unwrap();
    }
    for p in &pages {
        if std::fs::read(dir.join(p.file_name())).ok().as_deref() != Some(&p.roff[..]) {
            stale.push(p.file_name());
        }
    }
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".1") && !names.contains(&name) {
            if update {
                std::fs::remove_file(entry.path()).unwrap();
            } else {
                stale.push(format!("{name} (no such command)"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale: {stale:?}; run `UPDATE_COMPLETIONS=1 cargo test completions`"
    );
    for p in &pages {
        let text = String::from_utf8(p.roff.clone()).unwrap();
        for section in [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH EXAMPLES",
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            ".SH FILES",
        ] {
            assert!(text.contains(section), "{}: no {section}", p.name);
        }
        // Every page it names is one of these (roff writes `-` as `\-`).
        let plain = text
            .replace("\\-", "-")
            .replace("\\fB", "")
            .replace("\\fR", "");
        for (i, _) in plain.match_indices("(1)") {
            let start = plain[..i]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .map_or(0, |j| j + 1);
            let named = format!("{}.1", &plain[start..i]);
            assert!(
                names.contains(&named),
                "{} names {named}, not generated",
                p.name
            );
        }
    }
    // The roots' page is the one `aircom man` prints, and `--out` writes the same set.
    let out = Env::new().cmd().arg("man").output().unwrap();
    assert_eq!(out.stdout, pages[0].roff);
    let env = Env::new();
    let out = env
        .cmd()
        .args(["man", "--out"])
        .arg(env.path().join("man"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    for p in &pages {
        assert_eq!(
            std::fs::read(env.path().join("man").join(p.file_name())).unwrap(),
            p.roff,
            "{}",
            p.name
        );
    }
    // The man page shows the examples `--help` shows.
    let calls = std::fs::read_to_string(dir.join("aircom-backfill-calls.1")).unwrap();
    assert!(calls.contains("aircom \\-\\-sandbox backfill calls \\-\\-since 60d \\-\\-yes"));
}

/// Ends the word being read: a command's argument, or a redirection's target (dropped).
fn end_word(word: &mut Option<String>, commands: &mut [Vec<String>], redirect: &mut bool) {
    if let Some(w) = word.take() {
        if *redirect {
            *redirect = false;
        } else {
            commands.last_mut().unwrap().push(w);
        }
    }
}

/// Splits an example line into the argv of each `aircom …` command in it: words and quotes as
/// a shell reads them, cut at `|`, `&&`, `;` and `&`, redirections left out.
fn example_commands(line: &str) -> Vec<Vec<String>> {
    let mut commands = vec![Vec::new()];
    let mut word: Option<String> = None;
    let mut quote: Option<char> = None;
    let mut redirect = false;
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.get_or_insert_with(String::new).push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                word.get_or_insert_with(String::new);
            }
            (None, ' ') => end_word(&mut word, &mut commands, &mut redirect),
            (None, '|' | ';' | '&') => {
                end_word(&mut word, &mut commands, &mut redirect);
                if chars.get(i + 1) == Some(&c) {
                    i += 1;
                }
                commands.push(Vec::new());
            }
            (None, '<' | '>') => {
                end_word(&mut word, &mut commands, &mut redirect);
                redirect = true;
                if chars.get(i + 1) == Some(&'>') {
                    i += 1;
                }
            }
            (None, c) => word.get_or_insert_with(String::new).push(c),
        }
        i += 1;
    }
    end_word(&mut word, &mut commands, &mut redirect);
    commands
        .into_iter()
        .filter(|c| c.first().is_some_and(|w| w == "aircom"))
        .collect()
}

/// Every command's help has examples, every `aircom …` line of them parses, and the global
/// options come after the command's own, under their heading.
#[test]
fn every_command_has_examples_that_parse() {
    use clap::{CommandFactory, Parser};
    assert_eq!(
        example_commands("gzip -dc a.gz | aircom backfill sms --from - --yes > out &"),
        vec![vec!["aircom", "backfill", "sms", "--from", "-", "--yes"]]
    );
    assert_eq!(
        example_commands("aircom check-number --country FR \"07 62\" < n.txt && aircom doctor"),
        vec![
            vec!["aircom", "check-number", "--country", "FR", "07 62"],
            vec!["aircom", "doctor"]
        ]
    );
    let mut root = aircom::cli::Cli::command();
    root.build();
    let mut todo = vec![root.clone()];
    let mut checked = 0;
    while let Some(cmd) = todo.pop() {
        todo.extend(
            cmd.get_subcommands()
                .filter(|s| !s.is_hide_set() && s.get_name() != "help")
                .cloned(),
        );
        let name = cmd.get_bin_name().unwrap_or("aircom").to_string();
        let examples = aircom::commands::man::examples(&cmd);
        assert!(!examples.is_empty(), "`{name}` has no examples");
        // An 80-column terminal shows every example line whole (clap would wrap it, in the
        // middle of a quoted value if need be).
        for line in cmd
            .get_after_help()
            .map(|t| t.to_string())
            .unwrap_or_default()
            .lines()
        {
            assert!(
                line.chars().count() <= 78,
                "`{name}`: an example line of {} characters: {line}",
                line.chars().count()
            );
        }
        for ex in &examples {
            assert!(
                !ex.comment.is_empty(),
                "`{name}`: an example without a comment"
            );
            assert!(
                !ex.lines.is_empty(),
                "`{name}`: a comment without a command"
            );
            // A line ending in ` \` goes on with the next, as in a shell.
            let mut joined: Vec<String> = Vec::new();
            let mut open = false;
            for l in &ex.lines {
                match joined.last_mut() {
                    Some(last) if open => last.push_str(l),
                    _ => joined.push(l.clone()),
                }
                open = l.ends_with('\\');
                if open {
                    let last = joined.last_mut().unwrap();
                    last.pop();
                }
            }
            let argvs: Vec<Vec<String>> = joined.iter().flat_map(|l| example_commands(l)).collect();
            assert!(!argvs.is_empty(), "`{name}`: {:?} runs no aircom", ex.lines);
            for argv in argvs {
                if let Err(e) = aircom::cli::Cli::try_parse_from(&argv) {
                    panic!(
                        "`{name}`'s example `{}` does not parse:\n{e}",
                        argv.join(" ")
                    );
                }
                checked += 1;
            }
        }
        // `Global options:` after the command's own options.
        let help = cmd.clone().render_long_help().to_string();
        let (own, global) = (help.find("\nOptions:"), help.find("\nGlobal options:"));
        assert!(
            matches!((own, global), (Some(o), Some(g)) if o < g),
            "`{name}`: global options not under their heading after the command's own"
        );
    }
    assert!(checked > 40, "{checked} example commands");
    // `aircom help X` shows the same examples as `aircom X --help`.
    let env = Env::new();
    let help = |args: &[&str]| {
        stdout(
            &env.cmd()
                .args(args)
                .env("COLUMNS", "100")
                .env_remove("AIRCOM_STATE")
                .output()
                .unwrap(),
        )
    };
    let a = help(&["help", "backfill", "calls"]);
    assert_eq!(a, help(&["backfill", "calls", "--help"]));
    assert!(
        a.contains("Examples:\n  # Rehearse on the built-in sandbox"),
        "{a}"
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

/// Issue 14: an unterminated quote would swallow the rest of the file as one value: named by
/// file and line, exit 2, no output and no import file written. A quoted field that spans
/// lines, or holds an escaped quote, is fine.
#[test]
fn an_unterminated_quote_is_an_error_with_its_line() {
    let env = Env::new();
    let bad = env.path().join("bad.csv");
    std::fs::write(
        &bad,
        "name,phone,note\nAda,+33612345678,\"ok\"\nBob,+33712345678,\"never closed\nCyd,+33612345679,x\nDee,+33612345670,y\n",
    )
    .unwrap();
    let out_file = env.path().join("out.csv");
    let import = env.path().join("import");
    let out = env
        .cmd()
        .args(["normalize", "--column", "phone", "--country", "FR"])
        .arg(&bad)
        .arg("-o")
        .arg(&out_file)
        .arg("--aircall-import")
        .arg(&import)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("bad.csv:3: a quoted field is never closed"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(!out_file.exists(), "no output written");
    let left: Vec<_> = std::fs::read_dir(&import)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "import files left: {left:?}");
    // An earlier run's import files survive a bad input untouched.
    std::fs::create_dir_all(&import).unwrap();
    let earlier = import.join("aircall-import-001.csv");
    std::fs::write(&earlier, "earlier\n").unwrap();
    let out = env
        .cmd()
        .args(["normalize", "--column", "phone", "--country", "FR"])
        .arg(&bad)
        .arg("-o")
        .arg(&out_file)
        .arg("--aircall-import")
        .arg(&import)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&earlier).unwrap(), "earlier\n");
    // To stdout: not a byte of it either (half a file in a pipe is half-written data).
    let out = env
        .cmd()
        .args(["normalize", "--column", "phone", "--country", "FR"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A stray quote inside an unquoted last field swallows nothing: no refusal.
    let stray = env.path().join("stray.csv");
    std::fs::write(&stray, "name,phone,note\nAda,+33612345678,12\" screen\n").unwrap();
    let out = env
        .cmd()
        .args(["normalize", "--column", "phone", "--country", "FR"])
        .arg(&stray)
        .arg("-o")
        .arg(&out_file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let good = env.path().join("good.csv");
    std::fs::write(
        &good,
        "name,phone,note\nAda,+33612345678,\"two\nlines\"\nBob,+33712345678,\"say \"\"hi\"\"\"\n",
    )
    .unwrap();
    let out = env
        .cmd()
        .args(["normalize", "--column", "phone", "--country", "FR"])
        .arg(&good)
        .arg("-o")
        .arg(&out_file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(&out_file).unwrap();
    assert!(written.contains("+33712345678"), "{written}");
}

/// Issue 14: a rate-limit wait longer than 2 s is said on stderr (not only at `-vv`), once
/// for all the tasks that met it; `-q` hides it; stdout holds only data.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_rate_limit_wait_is_said() {
    let sb = aircom::sandbox::Sandbox::start(aircom::sandbox::SandboxOptions {
        // Two Aircall requests a minute: `doctor`'s third meets a 429 and waits for the
        // minute's end (aircom is told to pace far faster than that).
        aircall_limit: 2,
        ..options()
    })
    .await
    .unwrap();
    let env = Env::new();
    let mut cmd = env.cmd_on(&sb);
    // Real waits (the test setting that skips them would skip the line too).
    cmd.env_remove("AIRCOM_TEST_NO_RETRY_DELAY")
        .args(["doctor"]);
    let out = run(cmd).await;
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("Aircall rate limit: waiting"))
        .collect();
    assert_eq!(lines.len(), 1, "one line per wait: {err}");
    assert!(
        !stdout(&out).contains("rate limit: waiting"),
        "data only on stdout"
    );
}

/// Issue 14: every table fits the terminal at 80 and 160 columns (one line per row, no line
/// wider than the terminal, ids and numbers whole) and is snapshotted at both widths; a
/// terminal table shows the rows that need action unless `--all`, and the summary comes before
/// the table.
///
/// The snapshots are stable from run to run: rows come in a fixed order (the scans are
/// concurrent), the planning clock is pinned to the sandbox's anchor (`AIRCOM_TEST_NOW`), the
/// windows are absolute, and what still varies (the anchor's date, the loopback ports, the
/// rate-limit headers) is filtered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tables_fit_80_and_160_columns_and_show_what_needs_action() {
    use unicode_width::UnicodeWidthStr;
    let sb = sandbox().await;
    let env = Env::new();
    let now = (anchor() + 12 * 3_600).to_string();
    let since = jiff::Timestamp::from_second(anchor() - 61 * 86_400)
        .unwrap()
        .to_string();
    let commands: [(&str, &[&str]); 9] = [
        ("audit_duplicates", &["audit", "duplicates"]),
        ("audit_numbers", &["audit", "numbers"]),
        ("audit_logging", &["audit", "logging", "--since", &since]),
        (
            "backfill_calls",
            &["backfill", "calls", "--since", &since, "--dry-run"],
        ),
        (
            "backfill_tags",
            &["backfill", "tags", "--since", &since, "--dry-run"],
        ),
        ("doctor", &["doctor"]),
        ("fix_numbers", &["fix", "numbers", "--dry-run"]),
        ("sync_contacts", &["sync", "contacts", "--dry-run"]),
        (
            "check_number",
            &["check-number", "--country", "FR", "06 12 34 56 78"],
        ),
    ];
    for width in [80usize, 160] {
        for (name, args) in commands {
            let mut cmd = env.cmd_on(&sb);
            cmd.env("AIRCOM_TEST_FORCE_TTY", "1")
                .env("AIRCOM_TEST_NOW", &now)
                .env("COLUMNS", width.to_string())
                .args(args);
            let out = run(cmd).await;
            let text = stdout(&out);
            assert!(out.status.success(), "{args:?}: {}", stderr(&out));
            assert!(!text.is_empty(), "{args:?}: no table");
            for line in text.lines() {
                assert!(
                    line.width() <= width,
                    "{args:?} at {width}: {} columns: {line}",
                    line.width()
                );
            }
            insta::with_settings!({filters => vec![
                // The anchor is today's midnight: dates move, their length does not.
                (r"\d{4}-\d{2}-\d{2}", "YYYY-MM-DD"),
                // Loopback ports and the rate-limit headers seen vary from run to run.
                (r"(?m)^(│ \w+ +)(base_url|rate_limit_seen) .*$", "$1$2 [varies]"),
            ]}, {
                insta::assert_snapshot!(format!("{name}_table_{width}"), text);
            });
        }
    }
    // `backfill calls --dry-run`: the native calls are left out of the terminal table unless
    // `--all`; piped output holds every call; the summary is said before the table.
    let truth = sb.truth();
    let native = truth.natively_logged.len();
    let lines = |extra: &[&str], tty: bool| {
        let mut cmd = env.cmd_on(&sb);
        if tty {
            cmd.env("AIRCOM_TEST_FORCE_TTY", "1").env("COLUMNS", "160");
        }
        cmd.args(["backfill", "calls", "--since", "61d", "--dry-run"])
            .args(extra);
        cmd
    };
    let count_rows = |text: &str| text.lines().filter(|l| l.contains("1000000")).count();
    let out = run(lines(&[], true)).await;
    let shown = count_rows(&stdout(&out));
    assert!(stderr(&out).contains("that need no action not shown: `--all` shows them"));
    let all = count_rows(&stdout(&run(lines(&["--all"], true)).await));
    let piped = stdout(&run(lines(&[], false)).await).lines().count();
    assert_eq!(all, piped, "--all shows what piped output holds");
    assert!(
        all - shown >= native,
        "native calls hidden: {all} vs {shown}, {native} native"
    );
    assert!(!stdout(&out).contains("native"), "no native row by default");
    // After a write: `undo --dry-run` snapshotted (the fix goes by contact id, so its five
    // changes are fixed), `runs` held to the width (its times are the run's own).
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["fix", "numbers", "--yes", "--limit", "5"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    for width in [80usize, 160] {
        for (name, args) in [
            ("undo", &["undo", "1", "--dry-run"][..]),
            ("runs", &["runs"]),
        ] {
            let mut cmd = env.cmd_on(&sb);
            cmd.env("AIRCOM_TEST_FORCE_TTY", "1")
                .env("COLUMNS", width.to_string())
                .args(args);
            let out = run(cmd).await;
            let text = stdout(&out);
            assert!(out.status.success(), "{args:?}: {}", stderr(&out));
            assert!(text.lines().count() > 3, "{args:?}: no table");
            for line in text.lines() {
                assert!(line.width() <= width, "{args:?} at {width}: {line}");
            }
            if name == "undo" {
                insta::assert_snapshot!(format!("undo_table_{width}"), text);
            }
        }
    }
}

/// A `--since` after the window's end names both ends as read, and exits 2 before any
/// request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_since_after_the_end_names_both_ends() {
    let sb = sandbox().await;
    let env = Env::new();
    for args in [
        &["backfill", "calls", "--dry-run", "--since", "2099-01-01"][..],
        &["audit", "logging", "--since", "2099-01-01"],
        &["backfill", "tags", "--dry-run", "--since", "2099-01-01"],
    ] {
        sb.clear_requests();
        let mut cmd = env.cmd_on(&sb);
        cmd.args(args);
        let out = run(cmd).await;
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("`--since` (2099-01-01T00:00:00Z) is not before now (20"),
            "{args:?}: {err}"
        );
        assert!(sb.requests().is_empty(), "{args:?}: no request");
    }
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["audit", "logging", "--since", "7d", "--until", "8d"]);
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is not before `--until` ("),
        "{}",
        stderr(&out)
    );
}
