//! Issue 15: `audit logging` against the sandbox's truth (written from the references, not
//! from aircom's rules): per-call decisions, per-day counts, outage windows and causes, before
//! and after a backfill; the HTML page and the JSON schema.

use std::collections::{BTreeMap, BTreeSet};

use aircom::sandbox::world::{Decision, MissCause, Truth};
use aircom::sandbox::{Sandbox, SandboxOptions};

use crate::support::*;

async fn report(env: &Env, sb: &Sandbox, extra: &[&str]) -> serde_json::Value {
    let mut cmd = env.cmd_on(sb);
    cmd.args(["audit", "logging", "--since", "61d", "--json"])
        .args(extra);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

/// The truth's decision a report's (state, cause) stands for.
fn decision_of(call: &serde_json::Value) -> Decision {
    match (call["state"].as_str().unwrap(), call["cause"].as_str()) {
        ("native", _) => Decision::Native,
        ("aircom", _) => Decision::LoggedByTool,
        ("blocked", _) => Decision::Blocked,
        ("in_progress", _) => Decision::InProgress,
        ("no_contact", _) => Decision::UnknownCaller,
        ("gap", Some("unreadable_number")) => Decision::Unreadable,
        // A gap whose contact a backfill creates: no contact holds the number.
        ("gap", _) if call["contact_id"].is_null() => Decision::UnknownCaller,
        ("gap", _) => Decision::Gap,
        (s, c) => panic!("unexpected state {s} / cause {c:?}"),
    }
}

/// The truth's causes a report's cause may stand for.
fn causes_of(cause: &str) -> Vec<MissCause> {
    match cause {
        "outage" => vec![MissCause::Outage],
        "shared_number" => vec![MissCause::SharedNumber],
        "unreadable_number" => vec![MissCause::UnreadableNumber],
        "unknown_caller" => vec![MissCause::UnknownCaller, MissCause::Anonymous],
        // A scattered miss: the report cannot tell a repeat caller's from a random one.
        "no_evidence" => vec![MissCause::RandomMiss, MissCause::RepeatMiss],
        other => panic!("unexpected cause {other}"),
    }
}

fn day_of(iso: &str) -> i64 {
    Truth::day_of(iso.parse::<jiff::Timestamp>().unwrap().as_second())
}

/// Every call's decision and cause is one the truth accepts, and each day's counts are the
/// truth's (`logged_by_tool`: the calls a backfill logged before the report).
///
/// One reading is added to the truth's: an unknown caller's miss before the integration is
/// first seen creating a contact (the earliest of the contacts it created) may be blamed on
/// contact creation being off. Whether it was on is a setting no API shows (behaviour §4),
/// so before that first sighting nothing tells the two apart.
fn check_against_truth(
    r: &serde_json::Value,
    sb: &Sandbox,
    truth: &Truth,
    logged_by_tool: &BTreeSet<i64>,
) {
    let w = sb.world();
    let creation_seen = truth
        .native_new_contacts
        .iter()
        .filter_map(|id| w.intercom.contacts.get(id).map(|c| c.created_at))
        .min();
    let calls = r["calls"].as_array().unwrap();
    let since = r["since"]
        .as_str()
        .unwrap()
        .parse::<jiff::Timestamp>()
        .unwrap();
    let in_window: Vec<(&i64, _)> = truth
        .calls
        .iter()
        .filter(|(_, c)| c.started_at >= since.as_second())
        .collect();
    assert_eq!(
        calls.len(),
        in_window.len(),
        "every call of the window, once"
    );
    let mut per_day: BTreeMap<i64, BTreeMap<Decision, usize>> = BTreeMap::new();
    for c in calls {
        let id = c["call_id"].as_i64().unwrap();
        let t = &truth.calls[&id];
        let d = decision_of(c);
        if logged_by_tool.contains(&id) {
            assert_eq!(d, Decision::LoggedByTool, "call {id}: {c}");
        } else {
            let ok = if t.acceptable_decisions.is_empty() {
                vec![t.decision]
            } else {
                t.acceptable_decisions.clone()
            };
            assert!(ok.contains(&d), "call {id}: {d:?} not in {ok:?}: {c}");
        }
        if let Some(cause) = c["cause"].as_str() {
            if d != Decision::LoggedByTool {
                let mut ok: Vec<MissCause> = if t.acceptable_causes.is_empty() {
                    t.cause.into_iter().collect()
                } else {
                    t.acceptable_causes.clone()
                };
                if t.contact_id.is_none() && creation_seen.is_none_or(|at| at > t.started_at) {
                    ok.push(MissCause::UnknownCaller);
                }
                assert!(
                    causes_of(cause).iter().any(|x| ok.contains(x)),
                    "call {id}: cause {cause} not in {ok:?}: {c}"
                );
            }
        }
        *per_day
            .entry(day_of(c["started_at"].as_str().unwrap()))
            .or_default()
            .entry(d)
            .or_default() += 1;
    }
    // Per day: the report's own day rows agree with its calls, and with the truth.
    let days = r["days"].as_array().unwrap();
    for day in days {
        let at = day_of(&format!("{}T00:00:00Z", day["date"].as_str().unwrap()));
        let mine = per_day.get(&at).cloned().unwrap_or_default();
        let n = |d: Decision| mine.get(&d).copied().unwrap_or(0) as u64;
        assert_eq!(
            day["native"].as_u64().unwrap(),
            n(Decision::Native),
            "{day}"
        );
        assert_eq!(
            day["aircom"].as_u64().unwrap(),
            n(Decision::LoggedByTool),
            "{day}"
        );
        assert_eq!(
            day["blocked"].as_u64().unwrap(),
            n(Decision::Blocked),
            "{day}"
        );
        assert_eq!(
            day["in_progress"].as_u64().unwrap(),
            n(Decision::InProgress),
            "{day}"
        );
        assert_eq!(
            day["gap"].as_u64().unwrap() + day["no_contact"].as_u64().unwrap(),
            n(Decision::Gap) + n(Decision::UnknownCaller) + n(Decision::Unreadable),
            "{day}"
        );
        let want = truth.day_counts_after(at, logged_by_tool);
        assert!(want.unexpected_tool_logs.is_empty(), "{want:?}");
        // The first day of the window is cut at `--since`: the truth's day is whole.
        if at >= Truth::day_of(since.as_second()) + 86_400 {
            assert!(
                want.accepts(&mine),
                "{}: the report counts {mine:?}, the truth {want:?}",
                day["date"]
            );
        }
    }
}

/// Every truth outage with enough calls to be seen is found, with its first and last call
/// within 15 minutes; no outage is reported where the truth has none.
fn check_outages(r: &serde_json::Value, truth: &Truth, min_calls: usize) {
    let found = r["outages"].as_array().unwrap();
    let at = |v: &serde_json::Value| {
        v.as_str()
            .unwrap()
            .parse::<jiff::Timestamp>()
            .unwrap()
            .as_second()
    };
    let since = at(&r["since"]);
    let visible: Vec<_> = truth
        .outage_calls
        .iter()
        .filter(|o| o.calls.len() >= min_calls && o.first_call_at.is_some_and(|t| t >= since))
        .collect();
    assert!(!visible.is_empty(), "the world needs outages");
    for o in &visible {
        let (first, last) = (o.first_call_at.unwrap(), o.last_call_at.unwrap());
        assert!(
            found
                .iter()
                .any(|f| (at(&f["start"]) - first).abs() <= 900
                    && (at(&f["end"]) - last).abs() <= 900),
            "outage {}..{} (calls {first}..{last}) not found in {found:?}",
            o.start,
            o.end
        );
    }
    for f in found {
        let (s, e) = (at(&f["start"]), at(&f["end"]));
        assert!(
            truth
                .outage_calls
                .iter()
                .any(|o| s <= o.end && e >= o.start - 3 * 3600),
            "an outage where the truth has none: {f}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_matches_the_truth_before_and_after_a_backfill() {
    let sb = sandbox().await;
    let env = Env::new();
    let truth = sb.truth();
    let before = report(&env, &sb, &[]).await;
    check_against_truth(&before, &sb, &truth, &BTreeSet::new());
    check_outages(&before, &truth, 3);
    // Blocked calls are blamed on the shared number, with the fix named.
    let causes = before["causes"].as_array().unwrap();
    let shared = causes
        .iter()
        .find(|c| c["cause"] == "shared_number")
        .unwrap();
    assert_eq!(
        shared["calls"].as_u64().unwrap() as usize,
        truth.blocked_by_duplicates.len()
    );
    assert!(shared["explanation"]
        .as_str()
        .unwrap()
        .contains("audit duplicates"));
    assert_eq!(before["totals"]["aircom"], 0);
    // The report is read-only: nothing written, no ledger created.
    assert!(sb.requests().iter().all(|r| !r.is_write()));
    assert!(
        !env.ledger().exists(),
        "a read-only report created a ledger"
    );

    // After a backfill, its calls move from gaps to aircom, and nothing else changes.
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["backfill", "calls", "--since", "61d", "--yes", "--json"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let logged: BTreeSet<i64> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|r| r["outcome"] == "logged")
        .map(|r| r["call_id"].as_i64().unwrap())
        .collect();
    assert!(!logged.is_empty());
    let after = report(&env, &sb, &[]).await;
    check_against_truth(&after, &sb, &truth, &logged);
    assert_eq!(after["totals"]["gap"], 0, "{}", after["totals"]);
    assert_eq!(
        after["totals"]["aircom"].as_u64().unwrap() as usize,
        logged.len()
    );
    // The outages are still seen (aircom's logs are not native ones), now recovered.
    check_outages(&after, &truth, 3);
    for o in after["outages"].as_array().unwrap() {
        assert_eq!(o["recoverable"], 0, "{o}");
    }
}

/// A dense world over four months: many outages, three weeks with contact creation off,
/// callers whose phone the integration cannot read.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dense_four_month_world_against_its_truth() {
    let sb = Sandbox::start(SandboxOptions {
        days: 120,
        calls: 6_000,
        contacts: 1_200,
        ..options()
    })
    .await
    .unwrap();
    let env = Env::new();
    let truth = sb.truth();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["audit", "logging", "--since", "121d", "--json"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    check_against_truth(&r, &sb, &truth, &BTreeSet::new());
    check_outages(&r, &truth, 3);
    let causes: BTreeSet<&str> = r["causes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["cause"].as_str().unwrap())
        .collect();
    for want in ["outage", "shared_number", "unknown_caller", "no_evidence"] {
        assert!(causes.contains(want), "{want} missing from {causes:?}");
    }
}

/// The HTML page: well-formed XHTML with SVG, one stacked bar per day with calls (a
/// rectangle per non-empty segment), outages shaded, mode 0600, written whole.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_html_page_is_well_formed_with_a_bar_per_day() {
    let sb = sandbox().await;
    let env = Env::new();
    let html = env.path().join("logging.html");
    let r = report(&env, &sb, &["--html", html.to_str().unwrap()]).await;
    let text = std::fs::read_to_string(&html).unwrap();
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&text, opts).expect("well-formed XHTML");
    assert_eq!(doc.root_element().tag_name().name(), "html");
    assert!(!text.contains("<script"), "no script");
    assert!(
        !text.contains("http://") || !text.contains("src=\"http"),
        "no external asset"
    );
    let fill = |n: &roxmltree::Node| n.attribute("fill").unwrap_or("").to_ascii_lowercase();
    let rects: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "rect")
        .collect();
    let count = |color: &str| rects.iter().filter(|n| fill(n) == color).count();
    let (native, aircom, gap, blocked, outage) = (
        count("#2e7d32"),
        count("#1976d2"),
        count("#f57c00"),
        count("#c62828"),
        count("#e0e0e0"),
    );
    let days = r["days"].as_array().unwrap();
    let segments = |k: &str| days.iter().filter(|d| d[k].as_u64().unwrap() > 0).count();
    assert_eq!(native, segments("native"));
    assert_eq!(aircom, segments("aircom"));
    assert_eq!(gap, segments("gap"));
    assert_eq!(blocked, segments("blocked"));
    assert_eq!(outage, r["outages"].as_array().unwrap().len());
    let with_calls = days
        .iter()
        .filter(|d| {
            ["native", "aircom", "gap", "blocked"]
                .iter()
                .any(|k| d[*k].as_u64().unwrap() > 0)
        })
        .count();
    assert!(with_calls >= 55, "{with_calls} days with a bar");
    // Number names with `&`, quotes and `<>` are escaped, not broken.
    assert!(text.contains("UK Desk &amp; Billing"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&html).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{mode:o}");
    }
}

/// docs/json.md's schema for `audit logging --json`: every documented field, with its type.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_json_matches_its_documented_schema() {
    let sb = sandbox().await;
    let env = Env::new();
    let r = report(&env, &sb, &[]).await;
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md")).unwrap();
    let section = doc
        .split("\n## ")
        .find(|s| s.starts_with("`aircom audit logging`"))
        .expect("docs/json.md has an `audit logging` section");
    // Rows of the section's tables: | `path` | type | … |
    let mut checked = 0;
    for line in section.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 || !cells[1].starts_with('`') {
            continue;
        }
        let path = cells[1].trim_matches('`');
        let ty = cells[2];
        // `days[].native`: the first element of each array on the way.
        let mut v = &r;
        for part in path.split('.') {
            let (key, arr) = match part.strip_suffix("[]") {
                Some(k) => (k, true),
                None => (part, false),
            };
            v = &v[key];
            if arr {
                assert!(v.is_array(), "{path}: {key} is not an array");
                v = &v[0];
            }
        }
        let (base, nullable) = match ty.strip_suffix(" or null") {
            Some(b) => (b, true),
            None => (ty, false),
        };
        let ok = (nullable && v.is_null())
            || match base {
                "string" => v.is_string(),
                "timestamp" => v
                    .as_str()
                    .is_some_and(|s| s.parse::<jiff::Timestamp>().is_ok()),
                "integer" => v.is_u64() || v.is_i64(),
                "number" => v.is_number(),
                "boolean" => v.is_boolean(),
                "object" => v.is_object(),
                "array" => v.is_array(),
                b if b.starts_with("array of ") => v.is_array(),
                other => panic!("{path}: unknown type `{other}` in docs/json.md"),
            };
        assert!(ok, "{path}: documented as {ty}, got {v}");
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} fields documented");
}

/// Bad input: an unknown number is an error listing the numbers; `--since` after `--until`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_flags_are_clear_errors() {
    let sb = sandbox().await;
    let env = Env::new();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["audit", "logging", "--since", "7d", "--number", "Nope"]);
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Paris Support"), "{}", stderr(&out));
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["audit", "logging", "--since", "2d", "--until", "3d"]);
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["audit", "logging", "--since", "7d", "--min-outage", "soon"]);
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a duration"), "{}", stderr(&out));
    // A page that cannot be written fails before anything is listed.
    sb.clear_requests();
    let mut cmd = env.cmd_on(&sb);
    cmd.args([
        "audit",
        "logging",
        "--since",
        "7d",
        "--html",
        "/nonexistent/dir/r.html",
    ]);
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot write `/nonexistent/dir/r.html`"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("hint: the folder `/nonexistent/dir` does not exist"),
        "{}",
        stderr(&out)
    );
    assert!(
        sb.requests()
            .iter()
            .all(|r| !r.path.starts_with("/v1/calls")),
        "listed calls before failing"
    );
    // `--number` narrows the report to that number's calls.
    let mut cmd = env.cmd_on(&sb);
    cmd.args([
        "audit",
        "logging",
        "--since",
        "61d",
        "--number",
        "paris support",
        "--json",
    ]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let numbers: BTreeSet<&str> = r["calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, BTreeSet::from(["Paris Support"]));
}
