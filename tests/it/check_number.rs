//! `aircom check-number`, offline and against the sandbox.

use serde::Deserialize;

use crate::support::*;

#[derive(Deserialize)]
struct Check {
    input: String,
    status: String,
    e164: Option<String>,
    region: Option<String>,
    reading: Option<String>,
    #[serde(default)]
    reason: Option<String>,
    lookup: Option<Lookup>,
}

#[derive(Deserialize)]
struct Lookup {
    intercom: Vec<serde_json::Value>,
    verdict: String,
}

#[test]
fn offline_json_carries_the_fields_and_exit_3_on_invalid() {
    let env = Env::new();
    let out = env
        .cmd()
        .args([
            "check-number",
            "--offline",
            "--json",
            "--country",
            "FR",
            "07 62 04 35 75",
            "+44 20 8765 3456",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let checks: Vec<Check> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(checks[0].e164.as_deref(), Some("+33762043575"));
    assert_eq!(checks[0].reading.as_deref(), Some("national"));
    assert_eq!(checks[1].region.as_deref(), Some("GB"));
    let out = env
        .cmd()
        .args(["check-number", "--offline", "abc"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let out = env
        .cmd()
        .args([
            "check-number",
            "--offline",
            "--country",
            "IT",
            "--json",
            "003123456789",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let checks: Vec<Check> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(checks[0].status, "ambiguous");
    // Issue 14: `--country` was given; the advice is the `+` form, not `--country` again.
    let reason = checks[0].reason.as_deref().unwrap_or_default();
    assert!(
        reason.contains("with `+`") && !reason.contains("pass `--country`"),
        "{reason}"
    );
}

#[test]
fn reads_numbers_from_a_pipe() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["check-number", "--offline"])
        .write_stdin("+33762043575\n+14422497851\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 2);
    assert!(text.lines().all(|l| l.contains("\tvalid\t")), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shared_numbers_are_called_out_as_blocking_logging() {
    let sb = sandbox().await;
    let env = Env::new();
    let truth = sb.truth();
    let (e164, ids) = truth.intercom_duplicate_groups.iter().next().unwrap();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["check-number", "--json", e164]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let checks: Vec<Check> = serde_json::from_slice(&out.stdout).unwrap();
    let lookup = checks[0].lookup.as_ref().unwrap();
    assert_eq!(
        lookup.intercom.len(),
        ids.len(),
        "every contact sharing {e164}, whatever its stored format"
    );
    assert!(
        lookup.verdict.contains("will NOT be logged")
            && lookup.verdict.contains("audit duplicates")
    );
    // A number nobody has: what the integration would create.
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["check-number", "--json", "+14422497851"]);
    let out = run(cmd).await;
    let checks: Vec<Check> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(checks[0]
        .lookup
        .as_ref()
        .unwrap()
        .verdict
        .contains("+14422497851 New Aircall contact"));
    assert_eq!(checks[0].input, "+14422497851");
}
