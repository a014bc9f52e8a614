//! The sandbox as the aircom binary serves it: `sandbox serve` and `sandbox export-sms`.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use serde_json::Value;

use crate::support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_prints_working_exports() {
    let env = Env::new();
    let bin = assert_cmd::cargo::cargo_bin("aircom");
    let mut child = std::process::Command::new(bin)
        .args(["sandbox", "serve", "--contacts", "40", "--calls", "20"])
        .env("HOME", env.path())
        .env("AIRCOM_CONFIG", env.path().join("c.toml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut vars = std::collections::HashMap::new();
    for _ in 0..5 {
        let l = lines.next().unwrap().unwrap();
        let (k, v) = l.strip_prefix("export ").unwrap().split_once('=').unwrap();
        vars.insert(k.to_string(), v.to_string());
    }
    let c = reqwest::Client::new();
    let ping = c
        .get(format!("{}/v1/ping", vars["AIRCALL_BASE_URL"]))
        .basic_auth(&vars["AIRCALL_API_ID"], Some(&vars["AIRCALL_API_TOKEN"]))
        .send()
        .await
        .unwrap();
    assert_eq!(ping.status(), 200);
    let me = c
        .get(format!("{}/me", vars["INTERCOM_BASE_URL"]))
        .bearer_auth(&vars["INTERCOM_ACCESS_TOKEN"])
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    // And aircom itself works with them.
    let mut cmd = env.cmd();
    for (k, v) in &vars {
        cmd.env(k, v);
    }
    let out = run({
        cmd.args(["doctor", "--json"]);
        cmd
    })
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    child.kill().unwrap();
    let _ = child.wait();
}

#[test]
fn export_sms_writes_webhook_payloads() {
    let env = Env::new();
    let file = env.path().join("sms.jsonl");
    let out = env
        .cmd()
        .args(["sandbox", "export-sms", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // One line per demo message (the sandbox's own count).
    assert!(lines.len() >= 40, "{}", lines.len());
    for l in &lines {
        assert_eq!(l["resource"], "message");
        assert!(l["event"].as_str().unwrap().starts_with("message."));
        assert!(matches!(
            l["data"]["direction"].as_str(),
            Some("inbound" | "outbound")
        ));
        assert!(l["data"]["number"]["name"].is_string());
        assert_ne!(l["token"], "", "a placeholder, never a real token");
    }
    assert!(lines
        .iter()
        .any(|l| l["data"]["direction"] == "outbound" && l["data"]["status"] == "failed"));
    // The same seed gives the same file.
    let again = env
        .cmd()
        .args(["sandbox", "export-sms", "-"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&again.stdout), text);
}

/// The sandbox's number ranges must be numbers aircom's phone engine reads back from every
/// form the sandbox stores them in, or the sandbox's truth and aircom's audits would disagree
/// about what a stored phone means. (Lives here, not in the sandbox crate: that crate cannot
/// see aircom's engine, by design.)
#[test]
fn sandbox_numbers_read_back_through_the_phone_engine() {
    use aircom::phone::{normalize, Hints, Region};
    use aircom::sandbox::data::{display_of, gen_number, stored_forms};
    use rand::SeedableRng;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    for _ in 0..2000 {
        let n = gen_number(&mut rng);
        let hints = Hints::with_default(Region::parse(n.country));
        for (form, _) in stored_forms(&n) {
            assert_eq!(
                normalize(&form, &hints).e164(),
                Some(n.e164.as_str()),
                "{form} ({})",
                n.country
            );
        }
        assert_eq!(display_of(&n.e164), n.international);
    }
}

/// Issue 10's "done when": `sandbox serve --json` shows the demo world's truth summary, and
/// every hard shape the references allow is there.
#[test]
fn serve_json_shows_every_hard_shape_of_the_demo_world() {
    let env = Env::new();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("aircom"))
        .args(["sandbox", "serve", "--json"])
        .env("HOME", env.path())
        .env("AIRCOM_CONFIG", env.path().join("c.toml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let line = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .next()
        .unwrap()
        .unwrap();
    child.kill().unwrap();
    let _ = child.wait();
    let v: Value = serde_json::from_str(&line).unwrap();
    let t = &v["truth"];
    for key in [
        "html_escaped_number_names",
        "last_open_native_logs",
        "native_logs_in_conversations_created_before_window",
        "abandoned_titled_missed",
        "abandoned_titled_inbound_unanswered",
        "native_logged_at_answer",
        "native_logged_at_end",
        "in_progress_calls",
        "intercom_id_links",
        "hand_written_information",
        "teams",
        "repeat_callers_one_native_log",
        "outages",
    ] {
        assert!(t[key].as_u64().unwrap_or(0) > 0, "{key}: {}", t[key]);
    }
    assert!(t["calls_by_expect"]["log"].as_u64().unwrap() > 0);
}
