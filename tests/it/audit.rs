//! Issue 5: `audit duplicates`, `audit numbers`, `fix numbers`, `undo`, against the sandbox's
//! seeded truth and its request log.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use aircom::sandbox::{FaultSpec, Latency, Sandbox, SandboxOptions};
use serde::Deserialize;

use crate::support::*;

#[derive(Deserialize)]
struct Group {
    e164: String,
    calls: Option<u64>,
    members: Vec<Member>,
}

#[derive(Deserialize)]
struct Member {
    #[serde(rename = "contact_id", default)]
    id: String,
    /// With `--aircall`, in place of `contact_id`: an integer, as Aircall ids are.
    aircall_id: Option<i64>,
    role: String,
    phone_as_stored: Option<String>,
    link: String,
}

fn e164_of_call(raw: &str) -> String {
    raw.chars()
        .filter(|c| *c == '+' || c.is_ascii_digit())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finds_exactly_the_seeded_groups_with_their_call_cost() {
    let sb = sandbox().await;
    let env = Env::new();
    let since = anchor() - 61 * 86_400;
    let since_arg = jiff::Timestamp::from_second(since).unwrap().to_string();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["audit", "duplicates", "--json", "--with-calls", &since_arg]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let groups: Vec<Group> = serde_json::from_slice(&out.stdout).unwrap();
    let truth = sb.truth();
    let got: BTreeMap<String, BTreeSet<String>> = groups
        .iter()
        .map(|g| {
            (
                g.e164.clone(),
                g.members.iter().map(|m| m.id.clone()).collect(),
            )
        })
        .collect();
    let want: BTreeMap<String, BTreeSet<String>> = truth
        .intercom_duplicate_groups
        .iter()
        .map(|(e, ids)| (e.clone(), ids.iter().cloned().collect()))
        .collect();
    assert_eq!(got, want);
    // The cost: every call to or from a shared number went unlogged.
    let world = sb.world();
    let mut cost: BTreeMap<String, u64> = BTreeMap::new();
    for id in &truth.blocked_by_duplicates {
        let call = world.aircall.calls.iter().find(|c| c.id == *id).unwrap();
        *cost.entry(e164_of_call(&call.raw_digits)).or_default() += 1;
    }
    for g in &groups {
        assert_eq!(
            g.calls,
            Some(cost.get(&g.e164).copied().unwrap_or(0)),
            "{}",
            g.e164
        );
        let app = sb.world().intercom.app_id;
        assert!(g
            .members
            .iter()
            .all(|m| m.link.contains(&format!("/apps/{app}/users/"))));
        assert!(g.members.iter().all(|m| m.phone_as_stored.is_some()));
        assert!(g
            .members
            .iter()
            .all(|m| m.role == "user" || m.role == "lead"));
    }
    // Most costly first.
    let calls: Vec<u64> = groups.iter().map(|g| g.calls.unwrap()).collect();
    assert!(calls.windows(2).all(|w| w[0] >= w[1]), "{calls:?}");
    assert!(stderr(&out).contains(&format!("{} shared numbers", want.len())));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aircall_audit_finds_the_shared_aircall_numbers() {
    let sb = sandbox().await;
    let env = Env::new();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["audit", "duplicates", "--aircall", "--json"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let groups: Vec<Group> = serde_json::from_slice(&out.stdout).unwrap();
    let got: BTreeMap<String, BTreeSet<String>> = groups
        .iter()
        .map(|g| {
            (
                g.e164.clone(),
                g.members
                    .iter()
                    .map(|m| {
                        assert!(m.id.is_empty(), "no `contact_id` for an Aircall contact");
                        m.aircall_id.expect("an integer `aircall_id`").to_string()
                    })
                    .collect(),
            )
        })
        .collect();
    let want: BTreeMap<String, BTreeSet<String>> = sb
        .truth()
        .aircall_duplicate_groups
        .iter()
        .map(|(e, ids)| (e.clone(), ids.iter().map(|i| i.to_string()).collect()))
        .collect();
    assert_eq!(got, want);
}

#[derive(Deserialize)]
struct Finding {
    contact_id: String,
    stored: String,
    e164: Option<String>,
    status: String,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fix_numbers_rewrites_only_phones_and_undo_restores_them() {
    let sb = sandbox().await;
    let env = Env::new();
    let before = sb.world().intercom.contacts.clone();
    // The audit's view.
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["audit", "numbers", "--json"]);
    let out = run(cmd).await;
    let findings: Vec<Finding> = serde_json::from_slice(&out.stdout).unwrap();
    let truth = sb.truth();
    let fixable: Vec<&Finding> = findings.iter().filter(|f| f.status == "fixable").collect();
    assert!(fixable.len() > 100);
    for f in &fixable {
        // A hard phone (issue 13) is fixable only by its one certain reading (no default
        // country is set here: the location's).
        let want = match truth.intercom_uncertain_phones.get(&f.contact_id) {
            Some(u) => u.allowed_without_default.first().map(String::as_str),
            None => truth
                .intercom_phone_e164
                .get(&f.contact_id)
                .map(String::as_str),
        };
        assert_eq!(f.e164.as_deref(), want, "{}", f.stored);
    }
    assert!(findings.iter().any(|f| f.status == "invalid"));
    assert!(findings.iter().any(|f| f.status == "empty"));
    // Without a terminal and without --yes: refuse, write nothing.
    sb.clear_requests();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["fix", "numbers"]);
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"));
    assert!(sb.requests().iter().all(|r| !r.is_write()));
    // The fix.
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["fix", "numbers", "--yes", "--json"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let writes: Vec<_> = sb.requests().into_iter().filter(|r| r.is_write()).collect();
    assert!(!writes.is_empty());
    for w in &writes {
        assert_eq!(w.method, "PUT", "{w:?}");
        assert!(w.path.starts_with("/contacts/"), "{w:?}");
        let body = w.body.as_ref().unwrap().as_object().unwrap();
        assert_eq!(
            body.keys().collect::<Vec<_>>(),
            vec!["phone"],
            "only the phone is written"
        );
    }
    let shared: BTreeSet<&String> = truth.intercom_duplicate_groups.values().flatten().collect();
    let after = sb.world().intercom.contacts;
    for f in &fixable {
        let now = after[&f.contact_id].phone.clone();
        if shared.contains(&f.contact_id) {
            assert_eq!(
                now.as_deref(),
                Some(f.stored.as_str()),
                "shared numbers are left alone"
            );
        } else {
            assert_eq!(now, f.e164, "{}", f.contact_id);
        }
    }
    // A second run plans nothing.
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["fix", "numbers", "--dry-run", "--json"]);
    let out = run(cmd).await;
    let plan: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(plan.is_empty(), "{plan:?}");
    // Undo restores every value.
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["undo", "1", "--yes"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let restored = sb.world().intercom.contacts;
    for (id, c) in &before {
        assert_eq!(restored[id].phone, c.phone, "{id}");
    }
    // Undone twice: every value is already back, which is no conflict, and nothing is
    // written.
    sb.clear_requests();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["undo", "1", "--yes", "--json"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!items.is_empty());
    for i in &items {
        assert_eq!(i["verdict"], "already_restored", "{i}");
    }
    assert!(sb.requests().iter().all(|r| !r.is_write()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undo_leaves_values_changed_since_alone() {
    let sb = sandbox().await;
    let env = Env::new();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["fix", "numbers", "--yes", "--json", "--limit", "3"]);
    let out = run(cmd).await;
    let changes: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(changes.len(), 3);
    let touched = changes[0]["contact_id"].as_str().unwrap().to_string();
    sb.with_world(|w| {
        w.intercom.contacts.get_mut(&touched).unwrap().phone = Some("+33100000000".into())
    });
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["undo", "1", "--yes", "--json"]);
    let out = run(cmd).await;
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let conflict = items
        .iter()
        .find(|i| i["object_id"] == touched.as_str())
        .unwrap();
    assert_eq!(conflict["verdict"], "conflict");
    assert_eq!(
        items.iter().filter(|i| i["verdict"] == "restored").count(),
        2
    );
    assert_eq!(
        sb.world().intercom.contacts[&touched].phone.as_deref(),
        Some("+33100000000")
    );
    // An unknown run is a usage error.
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["undo", "99", "--yes"]);
    assert_eq!(run(cmd).await.status.code(), Some(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fix_killed_mid_run_resumes_without_repeating_a_change() {
    let sb = Sandbox::start(SandboxOptions {
        latency: Latency::Fixed(Duration::from_millis(15)),
        ..options()
    })
    .await
    .unwrap();
    let env = Env::new();
    let mut child = spawn_on(&env, &sb, &["fix", "numbers", "--yes"]);
    let puts = |sb: &Sandbox| sb.requests().iter().filter(|r| r.method == "PUT").count();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while puts(&sb) < 25 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    child.kill().unwrap(); // SIGKILL
    let _ = child.wait();
    let first = puts(&sb);
    assert!(first >= 25, "the run was killed mid-way ({first} writes)");
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["fix", "numbers", "--yes"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    // Every contact written once, and now in E.164.
    let mut per_contact: BTreeMap<String, usize> = BTreeMap::new();
    for r in sb.requests().iter().filter(|r| r.method == "PUT") {
        *per_contact.entry(r.path.clone()).or_default() += 1;
    }
    assert!(
        per_contact.values().all(|n| *n == 1),
        "a change was repeated: {per_contact:?}"
    );
    // The journal is complete: nothing pending, one done row per write.
    let ledger = aircom::ledger::Ledger::open(&env.ledger()).unwrap();
    assert!(ledger.journal_pending_rows().unwrap().is_empty());
    let done: usize = [1, 2]
        .iter()
        .map(|run| {
            ledger
                .journal_for_run(*run)
                .unwrap()
                .iter()
                .filter(|r| r.state == aircom::ledger::JournalState::Done)
                .count()
        })
        .sum();
    assert_eq!(done, per_contact.len());
    // A third run finds nothing left.
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["fix", "numbers", "--dry-run", "--json"]);
    let plan: Vec<serde_json::Value> = serde_json::from_slice(&run(cmd).await.stdout).unwrap();
    assert!(plan.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn merge_leads_strategy_merges_only_leads_into_users() {
    let sb = sandbox().await;
    let env = Env::new();
    let truth = sb.truth();
    let before = sb.world().intercom.contacts;
    let mut cmd = env.cmd_on(&sb);
    cmd.args([
        "audit",
        "duplicates",
        "--fix",
        "--strategy",
        "merge-leads",
        "--dry-run",
        "--json",
    ]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        sb.requests().iter().all(|r| !r.is_write()),
        "a dry run writes nothing"
    );
    let mut cmd = env.cmd_on(&sb);
    cmd.args([
        "audit",
        "duplicates",
        "--fix",
        "--strategy",
        "merge-leads",
        "--yes",
    ]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let after = sb.world().intercom.contacts;
    let mut merged = 0;
    for ids in truth.intercom_duplicate_groups.values() {
        let has_user = ids.iter().any(|i| before[i].role == "user");
        for i in ids {
            match &after[i].merged_into {
                Some(into) => {
                    merged += 1;
                    assert_eq!(before[i].role, "lead");
                    assert_eq!(after[into].role, "user");
                    assert!(ids.contains(into));
                }
                None => assert!(
                    before[i].role == "user" || !has_user,
                    "{i} should have been merged"
                ),
            }
        }
    }
    assert!(merged > 0);
    assert!(sb
        .requests()
        .iter()
        .filter(|r| r.is_write())
        .all(|r| r.path == "/contacts/merge"));
}

/// Issue 11: a change whose answers were all lost landed anyway. The journal records it
/// `unknown`, not `failed`; undo reconciles it first and restores it with the rest.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_answer_is_unknown_and_undo_still_restores_it() {
    let env = Env::new();
    let state = env.path().join("world.json");
    let plain = || SandboxOptions {
        state_file: Some(state.clone()),
        ..options()
    };
    // The plan, to pick a contact whose change will lose every answer.
    let sb = Sandbox::start(plain()).await.unwrap();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["fix", "numbers", "--dry-run", "--json"]);
    let out = run(cmd).await;
    let plan: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(plan.len() > 3, "{plan:?}");
    let victim = plan[0]["contact_id"].as_str().unwrap().to_string();
    let old = sb.world().intercom.contacts[&victim].phone.clone();
    sb.save().unwrap();
    drop(sb);
    let sb = Sandbox::start(SandboxOptions {
        faults: FaultSpec::parse(&format!("reset-after=1.0@intercom/contacts/{victim}$")).unwrap(),
        ..plain()
    })
    .await
    .unwrap();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["fix", "numbers", "--yes", "--json"]);
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_ne!(
        sb.world().intercom.contacts[&victim].phone,
        old,
        "the change landed"
    );
    let ledger = aircom::ledger::Ledger::open(&env.ledger()).unwrap();
    let rows = ledger.journal_for_run(1).unwrap();
    let row = rows.iter().find(|r| r.object_id == victim).unwrap();
    assert_eq!(row.state, aircom::ledger::JournalState::Unknown);
    drop(ledger);
    sb.save().unwrap();
    drop(sb);
    // The network is back: undo settles the unknown row and restores every change.
    let sb = Sandbox::start(plain()).await.unwrap();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["undo", "1", "--yes", "--json"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items.len(), plan.len(), "every row accounted for");
    assert!(
        items.iter().all(|i| i["verdict"] == "restored"),
        "{items:?}"
    );
    assert_eq!(sb.world().intercom.contacts[&victim].phone, old);
}

/// Issue 13: `--with-calls` counts only calls since the number became shared (the later
/// contact's creation): before it, the first contact had the number alone and its calls were
/// logged.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_calls_counts_only_calls_since_the_number_became_shared() {
    let sb = sandbox().await;
    let env = Env::new();
    let truth = sb.truth();
    let since = anchor() - 61 * 86_400;
    // The group with the most calls: its second member is created ten days ago.
    let world = sb.world();
    let calls_of = |e: &str, from: i64| {
        world
            .aircall
            .calls
            .iter()
            .filter(|c| c.started_at >= from && e164_of_call(&c.raw_digits) == e)
            .count() as u64
    };
    let (e164, members) = truth
        .intercom_duplicate_groups
        .iter()
        .max_by_key(|(e, _)| calls_of(e, since))
        .unwrap();
    let shared_at = anchor() - 10 * 86_400;
    assert!(
        calls_of(e164, since) > calls_of(e164, shared_at),
        "calls before the change"
    );
    sb.with_world(|w| {
        for (i, id) in members.iter().enumerate() {
            w.intercom.contacts.get_mut(id).unwrap().created_at =
                if i == 0 { since - 86_400 } else { shared_at };
        }
    });
    let since_arg = jiff::Timestamp::from_second(since).unwrap().to_string();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["audit", "duplicates", "--json", "--with-calls", &since_arg]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let groups: Vec<Group> = serde_json::from_slice(&out.stdout).unwrap();
    let g = groups.iter().find(|g| &g.e164 == e164).unwrap();
    assert_eq!(g.calls, Some(calls_of(e164, shared_at)));
}
