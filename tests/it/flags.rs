//! Every numeric, duration and date flag of the binary, fed arbitrary strings (unicode, huge
//! digit strings, negative numbers, `0`, floats, empty, whitespace): the process never panics,
//! an invalid value exits 2 with a one-line error, and a valid one gets past parsing (proved by
//! what the run says next: missing credentials, an unreadable sandbox state, a busy port).
//!
//! The flags, from `src/cli.rs` (read in full), and where each is driven:
//! - global `--aircall-rate N` (u32, 1..=100,000; also `AIRCOM_AIRCALL_RATE`): `doctor`
//! - global `--intercom-rate N` (u32, 1..=1,000,000; also `AIRCOM_INTERCOM_RATE`): `doctor`
//! - `--partitions N` (u32, 1..=64; one `PhoneArgs` flag shared by `audit duplicates|numbers`,
//!   `fix numbers`, `sync contacts`, `backfill calls|tags|sms`): `audit numbers`
//! - `audit duplicates --with-calls [SINCE]` (a WHEN)
//! - `fix numbers -L/--limit N` (u64, 1..)
//! - `sync contacts --since WHEN`
//! - `backfill calls --since WHEN`, `--until WHEN`, `--explain CALL_ID` (i64)
//! - `backfill tags --since WHEN`, `--until WHEN`
//! - `undo RUN_ID` (i64, positional)
//! - `runs -L/--limit N` (u32, 1..)
//! - `sandbox serve --seed` (u64), `--contacts` (1..=2,000,000), `--calls` (0..=1,000,000),
//!   `--latency MS[..MS]`, `--faults SPEC` (shares), `--aircall-limit` (u32, 1..=1,000,000),
//!   `--intercom-limit` (u32, 1..=10,000,000), `--search-lag SECS` (0..=3600), `--port`
//!   (u16), `--anchor TS` (i64 in 0..=253402300799, hidden)
//! - `sandbox export-sms --seed` (u64)
//!
//! Not numeric, so not here: `-v` (a count, takes no value), `normalize --delimiter` (a char),
//! `--country` (an ISO code), and the names, ids, paths and value enums.
//!
//! Exit codes allowed: 0, 1, 2, and 4 (credentials missing: what a valid value meets next
//! without a sandbox). `sandbox serve` with a valid value would serve until Ctrl-C, so it is
//! given an unreadable `--state-file` (exit 1 after the flags are validated), or for the flags
//! the demo data is generated from (`--seed`, `--anchor`), a port already taken (exit 1 after
//! generating the world).

use std::net::TcpListener;
use std::path::PathBuf;
use std::time::Duration;

use aircom::sandbox::{FaultSpec, Latency};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use crate::support::*;

/// What a value must lead to.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Exit 2 with a one-line error.
    Refused,
    /// Past parsing: this exit, and this text on stdout or stderr.
    Past(i32, &'static str),
    /// A well-formed value whose meaning may still be refused (a date out of range, `--since`
    /// after `--until`): exit 2 with a one-line error, or as `Past`.
    PastOrRefused(i32, &'static str),
}

use Expect::*;

const NO_CREDENTIALS: &str = "INTERCOM_ACCESS_TOKEN";
const UNREADABLE_STATE: &str = "is not readable";
const PORT_TAKEN: &str = "binding the Aircall sandbox";

struct Fixture {
    env: Env,
    /// Not JSON: `sandbox serve --state-file` fails to load it.
    garbage: PathBuf,
    /// A port held for the whole test: `sandbox serve --port` cannot bind it.
    _busy: TcpListener,
    busy_port: String,
}

impl Fixture {
    fn new() -> Fixture {
        let env = Env::new();
        let garbage = env.path().join("garbage-state.json");
        std::fs::write(&garbage, "not json").unwrap();
        let busy = TcpListener::bind("127.0.0.1:0").unwrap();
        let busy_port = busy.local_addr().unwrap().port().to_string();
        Fixture {
            env,
            garbage,
            _busy: busy,
            busy_port,
        }
    }

    fn serve_no_state(&self, flag: &str, v: &str) -> Vec<String> {
        vec![
            "sandbox".into(),
            "serve".into(),
            "--state-file".into(),
            self.garbage.display().to_string(),
            format!("--{flag}={v}"),
        ]
    }

    fn serve_busy_port(&self, flag: &str, v: &str) -> Vec<String> {
        vec![
            "sandbox".into(),
            "serve".into(),
            "--port".into(),
            self.busy_port.clone(),
            format!("--{flag}={v}"),
        ]
    }
}

struct Flag {
    name: &'static str,
    /// The command line for a value (ignored when the value goes through `env`).
    args: fn(&Fixture, &str) -> Vec<String>,
    /// The environment variable that carries the value instead of the command line.
    env: Option<&'static str>,
    expect: fn(&str) -> Expect,
}

fn argv(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|s| s.to_string()).collect()
}

/// What clap's integer parsers accept: Rust's `FromStr` (a leading `+` is fine), through
/// `i64` for the `value_parser!(u32|u16|i64)` flags (so `-0` is 0) or `u64` for the others.
fn int(v: &str, lo: i128, hi: i128, signed: bool) -> bool {
    if !signed && v.starts_with('-') {
        return false;
    }
    v.parse::<i128>().is_ok_and(|n| (lo..=hi).contains(&n))
}

fn when(v: &str, then: Expect) -> Expect {
    match aircom::when::parse_arg(v) {
        Ok(_) => match then {
            Past(code, marker) => PastOrRefused(code, marker),
            other => other,
        },
        Err(_) => Refused,
    }
}

fn valid_if(ok: bool, then: Expect) -> Expect {
    if ok {
        then
    } else {
        Refused
    }
}

/// A one-line error: `error: …` and nothing else but blank lines, clap's "For more
/// information" and a `hint:` line. (The value, quoted as clap and aircom quote it, is masked
/// first: echoing a value that holds a line break is fine.)
fn one_line_error(err: &str, v: &str) -> bool {
    let err = err
        .replace(&format!("'{v}'"), "'<value>'")
        .replace(&format!("`{v}`"), "`<value>`");
    let lines: Vec<&str> = err
        .lines()
        .map(str::trim_end)
        .filter(|l| {
            !l.is_empty() && !l.starts_with("For more information") && !l.starts_with("hint: ")
        })
        .collect();
    lines.len() == 1 && lines[0].starts_with("error: ")
}

/// Runs one value; `Err` says what was wrong.
fn check(fx: &Fixture, flag: &Flag, v: &str) -> Result<(), String> {
    let mut cmd = fx.env.cmd();
    match flag.env {
        Some(var) => cmd.env(var, v).args((flag.args)(fx, "")),
        None => cmd.args((flag.args)(fx, v)),
    };
    // A panic's report is its first lines, not a backtrace.
    cmd.env("RUST_BACKTRACE", "0")
        .timeout(Duration::from_secs(30));
    let out = cmd
        .output()
        .map_err(|e| format!("{} {v:?}: did not finish: {e}", flag.name))?;
    let code = out.status.code();
    let (o, e) = (stdout(&out), stderr(&out));
    let shown = || {
        let head = |s: &str| s.lines().take(6).collect::<Vec<_>>().join("\n");
        format!(
            "{} = {v:?}: exit {code:?}\n--- stderr:\n{}\n--- stdout:\n{}",
            flag.name,
            head(&e),
            head(&o)
        )
    };
    if code == Some(101) || e.contains("panicked") {
        return Err(format!("panic: {}", shown()));
    }
    if !matches!(code, Some(0 | 1 | 2 | 4)) {
        return Err(format!("unexpected exit: {}", shown()));
    }
    let refused = code == Some(2) && one_line_error(&e, v);
    let past =
        |want: i32, marker: &str| code == Some(want) && (o.contains(marker) || e.contains(marker));
    let ok = match (flag.expect)(v) {
        Refused => refused,
        Past(want, marker) => past(want, marker),
        // A refusal after parsing is not clap's (no "For more information").
        PastOrRefused(want, marker) => {
            (refused && !e.contains("For more information")) || past(want, marker)
        }
    };
    if ok {
        Ok(())
    } else {
        Err(format!("expected {:?}, got {}", (flag.expect)(v), shown()))
    }
}

/// Hand-picked values, every one tried on every flag.
fn edge_values() -> Vec<String> {
    let mut v: Vec<String> = [
        "",
        " ",
        "\t",
        "\n",
        " 7 ",
        "7 ",
        "0",
        "-0",
        "+0",
        "00",
        "1",
        "+1",
        "-1",
        "-5",
        "2",
        "30",
        "64",
        "65",
        "100",
        "3600",
        "3601",
        "0.5",
        "1.0",
        "-1.5",
        "1e3",
        "1E400",
        "NaN",
        "inf",
        "-inf",
        "0x10",
        "1_000",
        "1,000",
        "١٢",
        "７",
        "²",
        "½",
        "💥",
        "日本",
        "e\u{301}",
        "\u{202e}12",
        "7d",
        "36h",
        "90m",
        "2w",
        "-3d",
        "3d ago",
        "1 day 6 hours",
        "99999999999999999w",
        "19998y",
        "9999y",
        "2026-10-01",
        "2026-13-01",
        "2026-02-30",
        "2026-10-01T09:30:00",
        "2026-10-01T09:30:00+02:00",
        "2026-10-01T09:30:00Z",
        "9999-12-31T23:59:59Z",
        "-009999-01-01T00:00:00Z",
        "1970-01-01",
        "2999-01-01",
        "65534",
        "65535",
        "65536",
        "100000",
        "100001",
        "1000000",
        "1000001",
        "2000000",
        "2000001",
        "10000000",
        "2147483647",
        "2147483648",
        "4294967295",
        "4294967296",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551615",
        "18446744073709551616",
        "1..2",
        "2..1",
        "..",
        "5..",
        "10ms..20ms",
        "5xx=0.1",
        "5xx=2",
        "5xx=150",
        "429=NaN",
        "reset=1e309",
        "slow=-0.5",
        "5xx=0.1@aircall/v1/calls$",
        "5xx=0.1@intercom/a$b",
        ",",
        "=",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push("9".repeat(400));
    v.push(format!("-{}", "9".repeat(400)));
    v.push(format!("{}5", "0".repeat(60)));
    v.push(format!("{}d", "1".repeat(30)));
    v
}

/// Arbitrary values, leaning on the shapes the parsers care about.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,12}",
        "[-+]?[0-9]{1,30}",
        (0u64..=70_000).prop_map(|n| n.to_string()),
        "-?[0-9]{1,4}\\.[0-9]{1,4}",
        "[0-9]{1,5} ?(ms|s|m|h|d|w|y|mo|days|hours| ago|d ago)",
        "-?[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?)?",
        "[ \\t]{0,2}[0-9]{1,5}[ \\t]{0,2}",
        "[0-9]{1,6}(ms)?\\.\\.[0-9]{1,6}(ms)?",
        "(5xx|429|reset|slow|x)=[0-9.]{1,5}%?(@(aircall|intercom|x)(/[a-z$]{1,5})?)?",
        "[٠-٩０-９]{1,4}",
    ]
}

/// Every edge value, then 24 arbitrary ones; all failures are reported together.
fn drill(flag: Flag) {
    let fx = Fixture::new();
    let mut failures: Vec<String> = edge_values()
        .iter()
        .filter_map(|v| check(&fx, &flag, v).err())
        .collect();
    let mut runner = TestRunner::new(Config {
        cases: 24,
        failure_persistence: None,
        max_shrink_iters: 32,
        ..Config::default()
    });
    if let Err(e) = runner.run(&value(), |v| {
        check(&fx, &flag, &v).map_err(TestCaseError::fail)
    }) {
        failures.push(format!("proptest: {e}"));
    }
    assert!(
        failures.is_empty(),
        "{}: {} failure(s):\n{}",
        flag.name,
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn aircall_rate() {
    drill(Flag {
        name: "--aircall-rate",
        args: |_, v| argv(&[&format!("--aircall-rate={v}"), "doctor"]),
        env: None,
        expect: |v| valid_if(int(v, 1, 100_000, true), Past(4, NO_CREDENTIALS)),
    });
}

#[test]
fn aircall_rate_env() {
    drill(Flag {
        name: "AIRCOM_AIRCALL_RATE",
        args: |_, _| argv(&["doctor"]),
        env: Some("AIRCOM_AIRCALL_RATE"),
        expect: |v| valid_if(int(v, 1, 100_000, true), Past(4, NO_CREDENTIALS)),
    });
}

#[test]
fn intercom_rate() {
    drill(Flag {
        name: "--intercom-rate",
        args: |_, v| argv(&[&format!("--intercom-rate={v}"), "doctor"]),
        env: None,
        expect: |v| valid_if(int(v, 1, 1_000_000, true), Past(4, NO_CREDENTIALS)),
    });
}

#[test]
fn intercom_rate_env() {
    drill(Flag {
        name: "AIRCOM_INTERCOM_RATE",
        args: |_, _| argv(&["doctor"]),
        env: Some("AIRCOM_INTERCOM_RATE"),
        expect: |v| valid_if(int(v, 1, 1_000_000, true), Past(4, NO_CREDENTIALS)),
    });
}

#[test]
fn partitions() {
    drill(Flag {
        name: "audit numbers --partitions",
        args: |_, v| argv(&["audit", "numbers", &format!("--partitions={v}")]),
        env: None,
        expect: |v| valid_if(int(v, 1, 64, true), Past(4, NO_CREDENTIALS)),
    });
}

#[test]
fn with_calls() {
    drill(Flag {
        name: "audit duplicates --with-calls",
        args: |_, v| argv(&["audit", "duplicates", &format!("--with-calls={v}")]),
        env: None,
        expect: |v| when(v, Past(4, NO_CREDENTIALS)),
    });
}

#[test]
fn fix_limit() {
    drill(Flag {
        name: "fix numbers --limit",
        args: |_, v| argv(&["fix", "numbers", "--dry-run", &format!("--limit={v}")]),
        env: None,
        expect: |v| valid_if(int(v, 1, u64::MAX as i128, false), Past(4, NO_CREDENTIALS)),
    });
}

#[test]
fn sync_since() {
    drill(Flag {
        name: "sync contacts --since",
        args: |_, v| argv(&["sync", "contacts", "--dry-run", &format!("--since={v}")]),
        env: None,
        expect: |v| when(v, Past(4, NO_CREDENTIALS)),
    });
}

#[test]
fn backfill_calls_since() {
    drill(Flag {
        name: "backfill calls --since",
        args: |_, v| argv(&["backfill", "calls", "--dry-run", &format!("--since={v}")]),
        env: None,
        expect: |v| when(v, Past(4, NO_CREDENTIALS)),
    });
}

#[test]
fn backfill_calls_until() {
    drill(Flag {
        name: "backfill calls --until",
        args: |_, v| {
            argv(&[
                "backfill",
                "calls",
                "--dry-run",
                "--since=30d",
                &format!("--until={v}"),
            ])
        },
        env: None,
        expect: |v| when(v, Past(4, NO_CREDENTIALS)),
    });
}

#[test]
fn backfill_calls_explain() {
    drill(Flag {
        name: "backfill calls --explain",
        args: |_, v| argv(&["backfill", "calls", &format!("--explain={v}")]),
        env: None,
        expect: |v| {
            valid_if(
                int(v, i64::MIN as i128, i64::MAX as i128, true),
                Past(4, NO_CREDENTIALS),
            )
        },
    });
}

#[test]
fn backfill_tags_since() {
    drill(Flag {
        name: "backfill tags --since",
        args: |_, v| argv(&["backfill", "tags", "--dry-run", &format!("--since={v}")]),
        env: None,
        expect: |v| when(v, Past(4, NO_CREDENTIALS)),
    });
}

#[test]
fn backfill_tags_until() {
    drill(Flag {
        name: "backfill tags --until",
        args: |_, v| {
            argv(&[
                "backfill",
                "tags",
                "--dry-run",
                "--since=30d",
                &format!("--until={v}"),
            ])
        },
        env: None,
        expect: |v| when(v, Past(4, NO_CREDENTIALS)),
    });
}

#[test]
fn undo_run_id() {
    drill(Flag {
        name: "undo RUN_ID",
        args: |_, v| argv(&["undo", "--dry-run", "--", v]),
        env: None,
        expect: |v| {
            valid_if(
                int(v, i64::MIN as i128, i64::MAX as i128, true),
                Past(4, NO_CREDENTIALS),
            )
        },
    });
}

#[test]
fn runs_limit() {
    drill(Flag {
        name: "runs --limit",
        args: |_, v| argv(&["runs", "--json", &format!("--limit={v}")]),
        env: None,
        expect: |v| valid_if(int(v, 1, u32::MAX as i128, true), Past(0, "[]")),
    });
}

#[test]
fn export_sms_seed() {
    drill(Flag {
        name: "sandbox export-sms --seed",
        args: |_, v| argv(&["sandbox", "export-sms", &format!("--seed={v}"), "-"]),
        env: None,
        expect: |v| valid_if(int(v, 0, u64::MAX as i128, false), Past(0, "\"data\"")),
    });
}

#[test]
fn serve_seed() {
    drill(Flag {
        name: "sandbox serve --seed",
        args: |fx, v| fx.serve_busy_port("seed", v),
        env: None,
        expect: |v| valid_if(int(v, 0, u64::MAX as i128, false), Past(1, PORT_TAKEN)),
    });
}

#[test]
fn serve_anchor() {
    drill(Flag {
        name: "sandbox serve --anchor",
        args: |fx, v| fx.serve_busy_port("anchor", v),
        env: None,
        expect: |v| {
            // 1970 to the end of year 9999: the demo data is dated around it.
            valid_if(int(v, 0, 253_402_300_799, true), Past(1, PORT_TAKEN))
        },
    });
}

#[test]
fn serve_contacts() {
    drill(Flag {
        name: "sandbox serve --contacts",
        args: |fx, v| fx.serve_no_state("contacts", v),
        env: None,
        expect: |v| valid_if(int(v, 1, 2_000_000, false), Past(1, UNREADABLE_STATE)),
    });
}

#[test]
fn serve_calls() {
    drill(Flag {
        name: "sandbox serve --calls",
        args: |fx, v| fx.serve_no_state("calls", v),
        env: None,
        expect: |v| valid_if(int(v, 0, 1_000_000, false), Past(1, UNREADABLE_STATE)),
    });
}

#[test]
fn serve_limits() {
    drill(Flag {
        name: "sandbox serve --aircall-limit",
        args: |fx, v| fx.serve_no_state("aircall-limit", v),
        env: None,
        expect: |v| valid_if(int(v, 1, 1_000_000, true), Past(1, UNREADABLE_STATE)),
    });
    drill(Flag {
        name: "sandbox serve --intercom-limit",
        args: |fx, v| fx.serve_no_state("intercom-limit", v),
        env: None,
        expect: |v| valid_if(int(v, 1, 10_000_000, true), Past(1, UNREADABLE_STATE)),
    });
}

#[test]
fn serve_search_lag() {
    drill(Flag {
        name: "sandbox serve --search-lag",
        args: |fx, v| fx.serve_no_state("search-lag", v),
        env: None,
        expect: |v| valid_if(int(v, 0, 3600, false), Past(1, UNREADABLE_STATE)),
    });
}

#[test]
fn serve_port() {
    drill(Flag {
        name: "sandbox serve --port",
        args: |fx, v| fx.serve_no_state("port", v),
        env: None,
        // 65535 parses, but leaves no port for the Intercom fake: a usage error.
        expect: |v| match int(v, 0, 65_535, true) {
            true if v.parse::<i128>() == Ok(65_535) => Refused,
            ok => valid_if(ok, Past(1, UNREADABLE_STATE)),
        },
    });
}

#[test]
fn serve_latency() {
    drill(Flag {
        name: "sandbox serve --latency",
        args: |fx, v| fx.serve_no_state("latency", v),
        env: None,
        expect: |v| valid_if(Latency::parse(v).is_ok(), Past(1, UNREADABLE_STATE)),
    });
}

#[test]
fn serve_faults() {
    drill(Flag {
        name: "sandbox serve --faults",
        args: |fx, v| fx.serve_no_state("faults", v),
        env: None,
        expect: |v| valid_if(FaultSpec::parse(v).is_ok(), Past(1, UNREADABLE_STATE)),
    });
}
