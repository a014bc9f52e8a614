//! Issue 7: `backfill calls` against the sandbox's seeded truth and request log.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use aircom::sandbox::world::World;
use aircom::sandbox::{FaultSpec, Latency, Sandbox, SandboxOptions};

use crate::support::*;

fn since_arg() -> String {
    jiff::Timestamp::from_second(anchor() - 61 * 86_400)
        .unwrap()
        .to_string()
}

async fn backfill(env: &Env, sb: &Sandbox, extra: &[&str]) -> std::process::Output {
    let mut cmd = env.cmd_on(sb);
    cmd.args(["backfill", "calls", "--since", &since_arg(), "--yes"])
        .args(extra);
    run(cmd).await
}

/// Asserts one lead per number among the leads created for unknown callers; returns how many.
fn assert_no_twin_leads(sb: &Sandbox) -> usize {
    let w = sb.world();
    let mut leads: BTreeMap<String, usize> = BTreeMap::new();
    for c in w.intercom.contacts.values() {
        if c.name
            .as_deref()
            .is_some_and(|n| n.ends_with("New Aircall contact"))
        {
            *leads
                .entry(c.phone.clone().unwrap_or_default())
                .or_default() += 1;
        }
    }
    assert!(leads.values().all(|n| *n == 1), "twin leads: {leads:?}");
    leads.len()
}

/// Conversations stamped with each call id.
fn stamped(w: &World) -> BTreeMap<i64, Vec<String>> {
    let mut out: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for c in w.intercom.conversations.values() {
        if let Some(id) = c
            .custom_attributes
            .get("aircall_call_id")
            .and_then(|v| v.as_str())
        {
            out.entry(id.parse().unwrap())
                .or_default()
                .push(c.id.clone());
        }
    }
    out
}

/// Every gap (the truth's `log` calls) logged exactly once, as the references describe a log:
/// an acceptable title (read as text from Intercom's HTML), one internal note with every
/// detail of §6, an acceptable §7 assignee, and the call's tags; nothing else logged.
fn assert_every_gap_logged_once(sb: &Sandbox) {
    use aircom::html::to_text;
    use aircom::sandbox::world::Expect;
    let w = sb.world();
    let truth = sb.truth();
    let stamped = stamped(&w);
    let gaps: BTreeSet<i64> = truth
        .calls
        .iter()
        .filter(|(_, c)| c.expect == Expect::Log)
        .map(|(id, _)| *id)
        .collect();
    let logged: BTreeSet<i64> = stamped.keys().copied().collect();
    assert_eq!(logged, gaps, "exactly the gaps are logged");
    for (call_id, convs) in &stamped {
        assert_eq!(
            convs.len(),
            1,
            "call {call_id} logged {} times",
            convs.len()
        );
        let t = &truth.calls[call_id];
        let call = w.aircall.calls.iter().find(|c| c.id == *call_id).unwrap();
        let number = w
            .aircall
            .numbers
            .iter()
            .find(|n| n.id == call.number_id)
            .unwrap();
        let conv = &w.intercom.conversations[&convs[0]];
        // Exactly one conversation at that time with that title: no unstamped twin either.
        let twins = w
            .intercom
            .conversations
            .values()
            .filter(|c| {
                c.contact_id == conv.contact_id
                    && c.created_at == call.started_at
                    && c.source_body == conv.source_body
            })
            .count();
        assert_eq!(twins, 1, "call {call_id} has an unstamped twin");
        let title = to_text(&conv.source_body);
        assert!(
            t.acceptable_titles.contains(&title),
            "call {call_id}: {title:?} not in {:?}",
            t.acceptable_titles
        );
        assert_eq!(
            conv.created_at, call.started_at,
            "dated at the call's start"
        );
        let notes: Vec<String> = conv
            .parts
            .iter()
            .filter(|p| p.part_type == "note")
            .filter_map(|p| p.body.as_deref())
            .map(to_text)
            .collect();
        assert_eq!(notes.len(), 1, "one internal note for call {call_id}");
        let n = &notes[0];
        assert!(n.contains(&format!("Caller: {}", call.raw_digits)), "{n}");
        assert!(
            n.contains(&format!(
                "Aircall number: {} ({})",
                number.name, number.digits
            )),
            "{n}"
        );
        assert!(
            n.contains("Waiting time: ") && n.contains("Duration: "),
            "{n}"
        );
        assert!(n.contains(&format!("Aircall call {call_id}")), "{n}");
        for cm in &call.comments {
            assert_eq!(n.matches(cm.content.trim()).count(), 1, "comment once: {n}");
        }
        if call.has_recording {
            assert!(n.contains("Recording: "), "{n}");
        }
        if let Some(u) = call.user_id {
            let name = &w.aircall.users.iter().find(|x| x.id == u).unwrap().name;
            assert!(n.contains(name.as_str()), "{n}");
        }
        let got = (conv.admin_assignee_id != 0).then(|| conv.admin_assignee_id.to_string());
        assert!(
            t.acceptable_assignees.contains(&got),
            "call {call_id}: assigned to {got:?}, acceptable {:?}",
            t.acceptable_assignees
        );
        let want: BTreeSet<String> = call
            .tags
            .iter()
            .map(|t| {
                w.aircall
                    .tags
                    .iter()
                    .find(|x| x.id == t.tag_id)
                    .unwrap()
                    .name
                    .to_lowercase()
            })
            .collect();
        let got: BTreeSet<String> = conv
            .tag_ids
            .iter()
            .map(|t| {
                w.intercom
                    .tags
                    .iter()
                    .find(|x| &x.id == t)
                    .unwrap()
                    .name
                    .to_lowercase()
            })
            .collect();
        assert_eq!(got, want, "tags of call {call_id}");
    }
    // Nothing the native integration logged, nothing blocked or in progress, got a log of ours.
    for (id, c) in &truth.calls {
        if c.expect != Expect::Log {
            assert!(
                !stamped.contains_key(id),
                "call {id} ({:?}) logged",
                c.expect
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_every_gap_once_and_a_second_run_writes_nothing() {
    let sb = sandbox().await;
    let env = Env::new();
    let truth = sb.truth();
    use aircom::sandbox::world::Expect;
    let count = |e: Expect| truth.calls.values().filter(|c| c.expect == e).count();
    // Every kind has a gap to check.
    let kinds: BTreeSet<&String> = truth.gaps.iter().map(|g| &truth.call_kinds[g]).collect();
    assert!(kinds.len() >= 5, "{kinds:?}");
    // The dry run plans and writes nothing.
    let mut cmd = env.cmd_on(&sb);
    cmd.args([
        "backfill",
        "calls",
        "--since",
        &since_arg(),
        "--dry-run",
        "--json",
    ]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let plan: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let outcomes = |o: &str| plan.iter().filter(|r| r["outcome"] == o).count();
    assert_eq!(outcomes("would_log"), count(Expect::Log));
    assert_eq!(
        outcomes("native"),
        count(Expect::LoggedNativelyConversation) + count(Expect::LoggedNativelyPart)
    );
    assert_eq!(
        outcomes("blocked_by_duplicates"),
        count(Expect::BlockedByDuplicates)
    );
    assert_eq!(outcomes("in_progress"), count(Expect::InProgress));
    assert!(sb.requests().iter().all(|r| !r.is_write()));
    // The run.
    let out = backfill(&env, &sb, &["--json"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_every_gap_logged_once(&sb);
    assert!(
        stderr(&out).contains("blocked by duplicates"),
        "{}",
        stderr(&out)
    );
    // Anonymous callers share the one anonymous contact.
    let w = sb.world();
    let anon = truth.anonymous_contact.clone().unwrap();
    for id in truth
        .gaps
        .iter()
        .filter(|g| truth.anonymous_calls.contains(g))
    {
        let conv = &w.intercom.conversations[&stamped(&w)[id][0]];
        assert_eq!(conv.contact_id, anon);
    }
    // Unknown callers got a `New Aircall contact` lead.
    assert!(
        w.intercom
            .contacts
            .values()
            .filter(|c| c
                .name
                .as_deref()
                .is_some_and(|n| n.ends_with(" New Aircall contact")))
            .count()
            >= 1
    );
    // The second run writes nothing.
    sb.clear_requests();
    let out = backfill(&env, &sb, &[]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let writes: Vec<_> = sb.requests().into_iter().filter(|r| r.is_write()).collect();
    assert!(writes.is_empty(), "{writes:?}");
    // A fresh ledger recognises our own logs too (by the stamp): still nothing written, once
    // Intercom's search has caught up with the first run's writes (it lags, §10.1).
    tokio::time::sleep(aircom::sandbox::DEFAULT_SEARCH_LAG + Duration::from_millis(500)).await;
    let env2 = Env::new();
    sb.clear_requests();
    let out = backfill(&env2, &sb, &[]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let writes: Vec<_> = sb.requests().into_iter().filter(|r| r.is_write()).collect();
    assert!(
        writes.is_empty(),
        "a fresh ledger recognises the stamped logs: {writes:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_drill_every_call_logged_exactly_once() {
    // Lost answers on conversation creation: the conversation exists, the client never hears.
    let sb = Sandbox::start(SandboxOptions {
        latency: Latency::Fixed(Duration::from_millis(5)),
        faults: FaultSpec::parse("reset-after=0.25@intercom/conversations$").unwrap(),
        ..options()
    })
    .await
    .unwrap();
    let env = Env::new();
    let creates = |sb: &Sandbox| {
        sb.requests()
            .iter()
            .filter(|r| r.method == "POST" && r.path == "/conversations")
            .count()
    };
    for kill_after in [1, 3, 6, 10, 15] {
        let mut child = spawn_on(
            &env,
            &sb,
            &["backfill", "calls", "--since", &since_arg(), "--yes"],
        );
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while creates(&sb) < kill_after && std::time::Instant::now() < deadline {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
    }
    // Re-runs until one ends clean (lost answers keep happening, and each is reconciled).
    let mut ok = false;
    for _ in 0..12 {
        let out = backfill(&env, &sb, &[]).await;
        if out.status.success() {
            ok = true;
            break;
        }
    }
    assert!(ok, "the backfill never finished");
    assert_every_gap_logged_once(&sb);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_drill_1000_calls_none_lost_none_duplicated() {
    let sb = Sandbox::start(SandboxOptions {
        calls: 1_000,
        latency: Latency::Fixed(Duration::from_millis(200)),
        faults: FaultSpec::parse("5xx=0.1,429=0.05,reset=0.02").unwrap(),
        ..options()
    })
    .await
    .unwrap();
    let env = Env::new();
    // A create that failed is not retried blindly (it may have landed): the run reconciles it
    // (issue 11) and finishes it, so one run ends with nothing failed or unknown.
    let out = backfill(&env, &sb, &["--json"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let unsettled: Vec<String> = stdout(&out)
        .lines()
        .filter(|l| l.contains("\"outcome\":\"failed\"") || l.contains("\"outcome\":\"unknown\""))
        .map(str::to_string)
        .collect();
    assert!(unsettled.is_empty(), "{unsettled:#?}");
    assert_every_gap_logged_once(&sb);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backfill_tags_adds_late_tags_and_removes_only_aircall_ones() {
    let sb = sandbox().await;
    let env = Env::new();
    assert!(backfill(&env, &sb, &[]).await.status.success());
    let truth = sb.truth();
    let w = sb.world();
    let vip = w
        .aircall
        .tags
        .iter()
        .find(|t| t.name.starts_with("VIP"))
        .unwrap()
        .id;
    // A late tag on a natively logged call and on one aircom logged; a tag removed from
    // another; and a tag a person put on in Intercom, which must stay.
    let (native_call, native_conv) = truth
        .natively_logged
        .iter()
        .find(|(id, _)| {
            w.aircall
                .calls
                .iter()
                .any(|c| c.id == **id && c.tags.is_empty())
        })
        .map(|(a, b)| (*a, b.clone()))
        .unwrap();
    let logged = stamped(&w);
    let ours = *logged
        .keys()
        .find(|id| {
            w.aircall
                .calls
                .iter()
                .any(|c| c.id == **id && c.tags.is_empty())
        })
        .unwrap();
    let untag = *logged
        .keys()
        .find(|id| {
            w.aircall
                .calls
                .iter()
                .any(|c| c.id == **id && !c.tags.is_empty())
        })
        .unwrap();
    let untag_conv = logged[&untag][0].clone();
    sb.with_world(|w| {
        for c in w.aircall.calls.iter_mut() {
            if c.id == native_call || c.id == ours {
                c.tags.push(aircom::sandbox::world::ACallTag {
                    tag_id: vip,
                    created_at: 0,
                    tagged_by: None,
                });
            }
            if c.id == untag {
                c.tags.clear();
            }
        }
        w.intercom.tags.push(aircom::sandbox::world::ITag {
            id: "999".into(),
            name: "Escalated".into(),
        });
        w.intercom
            .conversations
            .get_mut(&untag_conv)
            .unwrap()
            .tag_ids
            .push("999".into());
    });
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["backfill", "tags", "--since", &since_arg(), "--yes"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let w = sb.world();
    let names = |conv: &str| -> BTreeSet<String> {
        w.intercom.conversations[conv]
            .tag_ids
            .iter()
            .map(|t| {
                w.intercom
                    .tags
                    .iter()
                    .find(|x| &x.id == t)
                    .unwrap()
                    .name
                    .to_lowercase()
            })
            .collect()
    };
    let vip_name = w
        .aircall
        .tags
        .iter()
        .find(|t| t.id == vip)
        .unwrap()
        .name
        .to_lowercase();
    assert!(
        names(&native_conv).contains(&vip_name),
        "late tag on the native log"
    );
    assert!(
        names(&logged[&ours][0]).contains(&vip_name),
        "late tag on aircom's log"
    );
    assert_eq!(
        names(&untag_conv),
        BTreeSet::from(["escalated".to_string()]),
        "Aircall tags removed, the Intercom one kept"
    );
    // Nothing left to do.
    sb.clear_requests();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["backfill", "tags", "--since", &since_arg(), "--yes"]);
    assert!(run(cmd).await.status.success());
    assert!(sb.requests().iter().all(|r| !r.is_write()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backfill_sms_logs_every_message_once() {
    let sb = sandbox().await;
    let env = Env::new();
    let file = export_sms(&env);
    let mut text = std::fs::read_to_string(&file).unwrap();
    let messages: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    text.push_str("not json at all\n{\"event\": \"call.ended\", \"data\": {}}\n");
    std::fs::write(&file, text).unwrap();
    let mut cmd = env.cmd_on(&sb);
    cmd.args([
        "backfill",
        "sms",
        "--from",
        file.to_str().unwrap(),
        "--yes",
        "--json",
    ]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let (bad1, bad2) = (messages.len() + 1, messages.len() + 2);
    assert!(
        err.contains(&format!("sms.jsonl:{bad1}: "))
            && err.contains(&format!("sms.jsonl:{bad2}: ")),
        "malformed lines named: {err}"
    );
    let truth = sb.truth();
    let records: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(records.len(), messages.len());
    let w = sb.world();
    let me: i64 = w.intercom.me.parse().unwrap();
    let mut logged = 0;
    for m in &messages {
        let d = &m["data"];
        let id = d["id"].as_str().unwrap();
        let rec = records.iter().find(|r| r["message_id"] == id).unwrap();
        let convs: Vec<_> = w
            .intercom
            .conversations
            .values()
            .filter(|c| {
                c.custom_attributes
                    .get("aircall_message_id")
                    .and_then(|v| v.as_str())
                    == Some(id)
            })
            .collect();
        // What the sandbox's truth (written without aircom's rules) says must happen.
        let t = &truth.sms[id];
        match t.expect {
            aircom::sandbox::world::Expect::Log => {
                assert_eq!(rec["outcome"], "logged", "gap {id}: {rec}")
            }
            aircom::sandbox::world::Expect::LoggedNativelyConversation
            | aircom::sandbox::world::Expect::LoggedNativelyPart => {
                assert_eq!(rec["outcome"], "native", "logged natively: {rec}");
                assert!(convs.is_empty(), "message {id} logged a second time");
                continue;
            }
            aircom::sandbox::world::Expect::BlockedByDuplicates => {
                assert_eq!(rec["outcome"], "blocked_by_duplicates", "{rec}");
                assert!(convs.is_empty());
                continue;
            }
            aircom::sandbox::world::Expect::InProgress => unreachable!(),
        }
        logged += 1;
        assert_eq!(convs.len(), 1, "message {id}");
        let c = convs[0];
        let inbound = d["direction"] == "inbound";
        let number = d["number"]["name"].as_str().unwrap();
        assert_eq!(
            aircom::html::to_text(&c.source_body),
            format!(
                "{} SMS on {number}",
                if inbound { "Inbound" } else { "Outbound" }
            )
        );
        let note = c
            .parts
            .iter()
            .find(|p| p.part_type == "note")
            .and_then(|p| p.body.clone())
            .unwrap();
        assert!(note.contains(d["body"].as_str().unwrap()), "{note}");
        if !inbound {
            let want = if d["status"] == "delivered" {
                "Delivery status: Delivered"
            } else {
                "Delivery status: Delivery failed"
            };
            assert!(note.contains(want), "{note}");
        }
        // Assignment: one-user numbers go to that teammate (or the set-up admin), several
        // users leave an inbound SMS unassigned; outbound goes to the sender.
        let n = w.aircall.numbers.iter().find(|x| x.name == number).unwrap();
        let admin_of = |email: &str| {
            w.intercom
                .admins
                .iter()
                .find(|a| a.email.eq_ignore_ascii_case(email))
                .map(|a| a.id.parse::<i64>().unwrap())
        };
        let want = if inbound {
            match n.user_ids.as_slice() {
                [one] => admin_of(&w.aircall.users.iter().find(|u| u.id == *one).unwrap().email)
                    .unwrap_or(me),
                _ => 0,
            }
        } else {
            d["user"]["email"].as_str().and_then(admin_of).unwrap_or(me)
        };
        assert_eq!(c.admin_assignee_id, want, "message {id}");
        let got = (c.admin_assignee_id != 0).then(|| c.admin_assignee_id.to_string());
        // (The truth lists assignees where the world says who they are.)
        assert!(
            t.acceptable_assignees.is_empty() || t.acceptable_assignees.contains(&got),
            "message {id}: {got:?} not in {:?}",
            t.acceptable_assignees
        );
    }
    assert!(logged >= 20, "{logged}");
    // Again: nothing written.
    sb.clear_requests();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["backfill", "sms", "--from", file.to_str().unwrap(), "--yes"]);
    assert!(run(cmd).await.status.success());
    assert!(sb.requests().iter().all(|r| !r.is_write()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_locale_and_last_open_options() {
    let sb = sandbox().await;
    let env = Env::new();
    let truth = sb.truth();
    // --only missed, in Spanish.
    let out = backfill(&env, &sb, &["--only", "missed", "--locale", "es"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let w = sb.world();
    let logged = stamped(&w);
    // `--only missed` selects by aircom's documented table (README, "Call kinds"): inbound,
    // not answered, no voicemail, and a reason that says the company failed to pick up.
    let missed_gaps: BTreeSet<i64> = truth
        .calls
        .iter()
        .filter(|(_, c)| c.expect == aircom::sandbox::world::Expect::Log)
        .map(|(id, _)| *id)
        .filter(|id| {
            let c = w.aircall.calls.iter().find(|c| c.id == *id).unwrap();
            c.direction == "inbound"
                && c.answered_at.is_none()
                && !c.has_voicemail
                && matches!(
                    c.missed_call_reason.as_deref(),
                    Some("out_of_opening_hours" | "no_available_agent" | "agents_did_not_answer")
                )
        })
        .collect();
    assert_eq!(logged.keys().copied().collect::<BTreeSet<_>>(), missed_gaps);
    for (id, convs) in &logged {
        let c = &w.intercom.conversations[&convs[0]];
        assert!(
            aircom::html::to_text(&c.source_body).starts_with("Llamada perdida en "),
            "{}",
            c.source_body
        );
        let note = c
            .parts
            .iter()
            .find(|p| p.part_type == "note")
            .and_then(|p| p.body.clone())
            .unwrap();
        assert!(
            note.contains("Duración: ") && note.contains("Llamada de Aircall "),
            "{note}"
        );
        // Missed calls stay unassigned (§7), unless reassigned in the phone app to a matching
        // teammate, where §7 allows either reading: the truth lists what is acceptable.
        let acceptable = &truth.calls[id].acceptable_assignees;
        let got = (c.admin_assignee_id != 0).then(|| c.admin_assignee_id.to_string());
        assert!(
            acceptable.contains(&got) || (got.is_none() && acceptable.is_empty()),
            "call {id}: assignee {got:?}, acceptable {acceptable:?}"
        );
    }
    // --conversation last-open: an inbound answered gap goes into the contact's open
    // conversation, no new one.
    let env2 = Env::new();
    let gap = *truth
        .gaps
        .iter()
        .find(|g| truth.call_kinds[*g] == "inbound_answered" && !truth.anonymous_calls.contains(g))
        .unwrap();
    let call = w
        .aircall
        .calls
        .iter()
        .find(|c| c.id == gap)
        .unwrap()
        .clone();
    let e164: String = call
        .raw_digits
        .chars()
        .filter(|c| *c == '+' || c.is_ascii_digit())
        .collect();
    let contact = truth
        .intercom_phone_e164
        .iter()
        .find(|(_, e)| **e == e164)
        .map(|(id, _)| id.clone())
        .unwrap();
    let before = w
        .intercom
        .conversations
        .values()
        .filter(|c| c.contact_id == contact)
        .count();
    let open_conv = w
        .intercom
        .conversations
        .values()
        .filter(|c| c.contact_id == contact && c.state == "open")
        .max_by_key(|c| c.created_at)
        .map(|c| c.id.clone());
    assert!(
        open_conv.is_some(),
        "the drill needs a contact with an open conversation"
    );
    let out = backfill(
        &env2,
        &sb,
        &["--only", "inbound", "--conversation", "last-open"],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    let w = sb.world();
    let after = w
        .intercom
        .conversations
        .values()
        .filter(|c| c.contact_id == contact)
        .count();
    match open_conv {
        Some(id) => {
            assert_eq!(
                after, before,
                "no new conversation for a contact with an open one"
            );
            let parts = &w.intercom.conversations[&id].parts;
            let note_at = parts
                .iter()
                .position(|p| {
                    p.body.as_deref().is_some_and(|b| {
                        aircom::html::to_text(b)
                            .lines()
                            .any(|l| l == format!("Aircall call {gap}"))
                    })
                })
                .expect("the call's note is in the open conversation");
            // §6: the title message is the first item written for the call, before its notes,
            // as an internal note (never a message sent to the customer).
            let acceptable = &truth.calls[&gap].acceptable_titles;
            let title_at = parts
                .iter()
                .position(|p| {
                    p.body
                        .as_deref()
                        .is_some_and(|b| acceptable.contains(&aircom::html::first_line(b)))
                        && p.created_at == call.started_at
                })
                .expect("the title message is in the open conversation");
            assert!(title_at < note_at, "the title comes first");
            assert_eq!(parts[title_at].part_type, "note");
            let titles = parts
                .iter()
                .filter(|p| {
                    p.body
                        .as_deref()
                        .is_some_and(|b| acceptable.contains(&aircom::html::first_line(b)))
                        && p.created_at == call.started_at
                })
                .count();
            assert_eq!(titles, 1, "one title message");
        }
        None => assert_eq!(after, before + 1),
    }
}

/// Issue 12, written against issue 10's sandbox before the fix: every call the native
/// integration logged, in whatever shape the references allow (HTML bodies, titles under
/// either reading, parts of an older open conversation, dated at answer or after the end), is
/// left alone; every gap is logged exactly once under an acceptable title; calls still in
/// progress and blocked calls get nothing. The sandbox's truth is written by its generator,
/// which never saw aircom's rules.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn native_logs_in_every_shape_are_recognised_and_only_gaps_are_logged() {
    use aircom::sandbox::world::Expect;
    for seed in [42, 1234] {
        let sb = Sandbox::start(SandboxOptions { seed, ..options() })
            .await
            .unwrap();
        let env = Env::new();
        let out = backfill(&env, &sb, &[]).await;
        assert!(out.status.success(), "seed {seed}: {}", stderr(&out));
        let w = sb.world();
        let truth = sb.truth();
        let stamped = stamped(&w);
        let native: Vec<i64> = truth
            .calls
            .iter()
            .filter(|(_, c)| {
                matches!(
                    c.expect,
                    Expect::LoggedNativelyConversation | Expect::LoggedNativelyPart
                )
            })
            .map(|(id, _)| *id)
            .collect();
        let twice: Vec<i64> = native
            .iter()
            .copied()
            .filter(|id| stamped.contains_key(id))
            .collect();
        assert!(
            twice.is_empty(),
            "seed {seed}: {} of {} natively logged calls were logged a second time: {twice:?}",
            twice.len(),
            native.len()
        );
        for (id, c) in &truth.calls {
            let n = stamped.get(id).map_or(0, Vec::len);
            match c.expect {
                Expect::Log => {
                    assert_eq!(n, 1, "seed {seed}: gap {id} logged {n} times");
                    let conv = &w.intercom.conversations[&stamped[id][0]];
                    let text = aircom::html::to_text(&conv.source_body);
                    assert!(
                        c.acceptable_titles.contains(&text),
                        "seed {seed}: call {id} titled {text:?}, acceptable: {:?}",
                        c.acceptable_titles
                    );
                }
                Expect::InProgress => {
                    assert_eq!(n, 0, "seed {seed}: call {id} is still in progress")
                }
                Expect::BlockedByDuplicates => {
                    assert_eq!(n, 0, "seed {seed}: blocked call {id} was logged")
                }
                Expect::LoggedNativelyConversation | Expect::LoggedNativelyPart => {}
            }
        }
        // A second run finds everything in place and writes nothing.
        sb.clear_requests();
        let again = backfill(&env, &sb, &[]).await;
        assert!(again.status.success(), "{}", stderr(&again));
        let writes: Vec<String> = sb
            .requests()
            .iter()
            .filter(|e| e.is_write())
            .map(|e| format!("{} {}", e.method, e.path))
            .collect();
        assert!(
            writes.is_empty(),
            "seed {seed}: second run wrote {writes:?}"
        );
    }
}

/// Issue 11: two runs of the same job at once. The second exits 2 at once, naming the first;
/// a SIGKILLed run shows as aborted and its lock is taken over; the end state is one clean
/// run's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_run_of_the_same_job_is_refused_and_a_killed_ones_lock_taken_over() {
    let sb = Sandbox::start(SandboxOptions {
        latency: Latency::Fixed(Duration::from_millis(30)),
        ..options()
    })
    .await
    .unwrap();
    let env = Env::new();
    let mut first = spawn_on(
        &env,
        &sb,
        &["backfill", "calls", "--since", &since_arg(), "--yes"],
    );
    // Wait until the first holds the lock (its run is in the ledger).
    wait_for_a_running_run(&env, &sb).await;
    let second = backfill(&env, &sb, &[]).await;
    assert_eq!(second.status.code(), Some(2), "{}", stderr(&second));
    let err = stderr(&second);
    assert!(
        err.contains("another `backfill calls` (run ")
            && err.contains(&format!("pid {}", first.id())),
        "{err}"
    );
    first.kill().unwrap(); // SIGKILL
    first.wait().unwrap();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["runs", "--json"]);
    let out = run(cmd).await;
    let runs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        runs.as_array()
            .unwrap()
            .iter()
            .any(|r| r["command"] == "backfill calls" && r["outcome"] == "aborted"),
        "{runs}"
    );
    // The lock of the dead run is taken over; the job finishes as one clean run would. (A lead
    // create the kill interrupted stays unknown until search can show it: a later run then
    // finishes.)
    let mut out = backfill(&env, &sb, &[]).await;
    for _ in 0..3 {
        if out.status.success() {
            break;
        }
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stderr(&out).contains("unknown"), "{}", stderr(&out));
        tokio::time::sleep(Duration::from_secs(5)).await;
        out = backfill(&env, &sb, &[]).await;
    }
    assert!(out.status.success(), "{}", stderr(&out));
    assert_every_gap_logged_once(&sb);
}

/// Issue 11: a rehearsal's ledger belongs to its sandbox world. A new `--sandbox-state` world
/// has its gaps logged, not reported "already logged" from another world's ledger.
#[test]
fn each_sandbox_world_has_its_own_ledger() {
    let env = Env::new();
    let since = since_arg();
    let logged = |state: &str| {
        let mut cmd = env.cmd();
        cmd.env_remove("AIRCOM_STATE").args([
            "--sandbox",
            "--sandbox-state",
            env.path().join(state).to_str().unwrap(),
            "backfill",
            "calls",
            "--since",
            &since,
            "--yes",
            "--json",
        ]);
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|r| r["outcome"] == "logged")
            .count()
    };
    let first = logged("a.json");
    assert!(first > 0);
    assert_eq!(logged("b.json"), first, "a fresh world logs its own gaps");
    assert_eq!(
        logged("a.json"),
        0,
        "a world already backfilled has nothing left"
    );
    assert!(env.path().join("a.json.ledger.sqlite").exists());
}

/// Issue 11: one ledger used against two workspaces (two sandbox worlds, whose Aircall call
/// ids are the same numbers) keeps them apart: each world's backfill logs its own gaps.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_ledger_two_workspaces_never_mix() {
    use aircom::sandbox::world::Expect;
    let env = Env::new();
    for seed in [42, 43] {
        let sb = Sandbox::start(SandboxOptions { seed, ..options() })
            .await
            .unwrap();
        let out = backfill(&env, &sb, &[]).await;
        assert!(out.status.success(), "seed {seed}: {}", stderr(&out));
        let gaps = sb
            .truth()
            .calls
            .values()
            .filter(|c| c.expect == Expect::Log)
            .count();
        assert!(gaps > 0);
        assert_eq!(
            stamped(&sb.world()).len(),
            gaps,
            "seed {seed}: its own gaps logged"
        );
    }
    let mut cmd = env.cmd();
    cmd.args(["runs", "--json"]);
    let runs: serde_json::Value = serde_json::from_slice(&cmd.output().unwrap().stdout).unwrap();
    let workspaces: BTreeSet<String> = runs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["workspace"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(workspaces.len(), 2, "{workspaces:?}");
}

/// Issue 12, against the truth: `backfill tags` finds every native log (a conversation of its
/// own, or parts of an older open one) and brings the late tags the native integration never
/// synced (§8: two hours only), and it removes none of the tags the native integration did
/// sync (a last-open conversation carries several calls' tags).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backfill_tags_reaches_every_native_log_and_removes_no_synced_tag() {
    use aircom::sandbox::world::Expect;
    let sb = sandbox().await;
    let env = Env::new();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["backfill", "tags", "--since", &since_arg(), "--yes"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let (w, truth) = (sb.world(), sb.truth());
    let names = |conv: &str| -> BTreeSet<String> {
        w.intercom.conversations[conv]
            .tag_ids
            .iter()
            .filter_map(|t| w.intercom.tags.iter().find(|x| &x.id == t))
            .map(|t| t.name.to_lowercase())
            .collect()
    };
    let (mut reached, mut wanted) = (0, 0);
    for (id, c) in &truth.calls {
        if !matches!(
            c.expect,
            Expect::LoggedNativelyConversation | Expect::LoggedNativelyPart
        ) {
            continue;
        }
        let Some(conv) = c.conversation_id.as_deref() else {
            continue;
        };
        let have = names(conv);
        for t in &c.synced_tags {
            assert!(
                have.contains(&t.to_lowercase()),
                "call {id}: synced tag {t:?} removed from {conv}"
            );
        }
        if !c.late_tags.is_empty() {
            wanted += 1;
            if c.late_tags.iter().all(|t| have.contains(&t.to_lowercase())) {
                reached += 1;
            }
        }
    }
    assert!(wanted > 0);
    assert_eq!(reached, wanted, "native logs that got their late tags");
}

/// Issue 12: a lead create whose answer is lost must not make a twin lead, in the same run or
/// the next (Intercom's search may not show the lead yet). Once search can show it, the run
/// finds the lead and logs the calls.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_lead_create_never_makes_a_twin() {
    let sb = Sandbox::start(SandboxOptions {
        faults: FaultSpec::parse("reset-after=1.0@intercom/contacts$").unwrap(),
        ..options()
    })
    .await
    .unwrap();
    let env = Env::new();
    let go = || {
        let mut cmd = env.cmd_on(&sb);
        cmd.env("AIRCOM_TEST_SEARCH_SETTLE_SECS", "5").args([
            "backfill",
            "calls",
            "--since",
            &since_arg(),
            "--yes",
        ]);
        cmd
    };
    let creates = |sb: &Sandbox| {
        sb.requests()
            .iter()
            .filter(|r| r.method == "POST" && r.path == "/contacts")
            .count()
    };
    // Every lead create loses its answer. The run creates none a second time: it waits until
    // search can show the leads (issue 11, in-run reconciliation), finds them, and logs the
    // calls into them, all in this one run.
    let out = run(go()).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains(" 0 unknown"), "{}", stderr(&out));
    let first = creates(&sb);
    assert!(first > 0, "unknown callers need leads");
    // The next run finds everything in place and creates nothing.
    let out = run(go()).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(creates(&sb), first, "a second create for the same caller");
    assert_no_twin_leads(&sb);
    assert_every_gap_logged_once(&sb);
}

/// Issue 11/12: a run stopped (Ctrl-C) while it waits for search to show leads whose create
/// had no answer leaves them pending in the ledger; the next run, started at once, creates no
/// second lead: it waits out the rest of the search lag, finds them, and logs the calls.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_stopped_while_leads_are_unsettled_leaves_them_to_the_next() {
    let sb = Sandbox::start(SandboxOptions {
        faults: FaultSpec::parse("reset-after=1.0@intercom/contacts$").unwrap(),
        ..options()
    })
    .await
    .unwrap();
    let env = Env::new();
    let creates = |sb: &Sandbox| {
        sb.requests()
            .iter()
            .filter(|r| r.method == "POST" && r.path == "/contacts")
            .count()
    };
    let args = ["backfill", "calls", "--since", &since_arg(), "--yes"];
    let mut child = spawn_on_with(
        &env,
        &sb,
        &args,
        &[("AIRCOM_TEST_SEARCH_SETTLE_SECS", "12")],
    );
    // Wait for the creates to stop coming (the run is then waiting for search), and stop it.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    let mut seen = (0, std::time::Instant::now());
    loop {
        let n = creates(&sb);
        if n != seen.0 {
            seen = (n, std::time::Instant::now());
        } else if n > 0 && seen.1.elapsed() > Duration::from_secs(2) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no lead creates");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let status = tokio::task::spawn_blocking(move || child.wait().unwrap())
        .await
        .unwrap();
    assert!(!status.success(), "{status}");
    let first = creates(&sb);
    let mut cmd = env.cmd_on(&sb);
    cmd.env("AIRCOM_TEST_SEARCH_SETTLE_SECS", "12").args(args);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(creates(&sb), first, "a second create for the same caller");
    assert_every_gap_logged_once(&sb);
}

/// Issue 12: SIGKILL at ten points of the write sequence (a conversation created but not yet
/// stamped, on a title holding `&` among them; a stamp; a note; an assignment; a tag; a lead
/// create; and later creates and notes), while Intercom's search lags a full minute and a
/// quarter of the conversation creates lose their answer. One more run finishes the job:
/// zero twin conversations, zero twin leads, zero doubled notes. A run from a fresh ledger,
/// once the lag has passed, writes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_drill_at_ten_points_under_a_minute_of_search_lag() {
    let sb = Sandbox::start(SandboxOptions {
        latency: Latency::Fixed(Duration::from_millis(5)),
        search_lag: Duration::from_secs(60),
        faults: FaultSpec::parse("reset-after=0.25@intercom/conversations$").unwrap(),
        ..options()
    })
    .await
    .unwrap();
    let env = Env::new();
    // aircom must not trust search sooner than it lags.
    let settle = "61";
    let args = ["backfill", "calls", "--since", &since_arg(), "--yes"];
    type Point = (&'static str, fn(&aircom::sandbox::LogEntry) -> bool, usize);
    let create = |e: &aircom::sandbox::LogEntry| e.method == "POST" && e.path == "/conversations";
    let points: [Point; 10] = [
        ("a create, before its stamp", create, 1),
        (
            "a create with `&` in its title, before its stamp",
            |e| {
                e.method == "POST"
                    && e.path == "/conversations"
                    && e.body.as_ref().is_some_and(|b| b.to_string().contains('&'))
            },
            1,
        ),
        (
            "a stamp",
            |e| e.method == "PUT" && e.path.starts_with("/conversations/"),
            1,
        ),
        (
            "a note",
            |e| e.method == "POST" && e.path.ends_with("/reply"),
            1,
        ),
        (
            "an assignment",
            |e| e.method == "POST" && e.path.ends_with("/parts"),
            1,
        ),
        (
            "a tag",
            |e| {
                e.method == "POST"
                    && e.path.ends_with("/tags")
                    && e.path.starts_with("/conversations/")
            },
            1,
        ),
        (
            "a lead create",
            |e| e.method == "POST" && e.path == "/contacts",
            1,
        ),
        ("three more creates", create, 3),
        (
            "four more notes",
            |e| e.method == "POST" && e.path.ends_with("/reply"),
            4,
        ),
        (
            "five more stamps",
            |e| e.method == "PUT" && e.path.starts_with("/conversations/"),
            5,
        ),
    ];
    for (what, matches, more) in points {
        let seen = |sb: &Sandbox| sb.requests().iter().filter(|e| matches(e)).count();
        let base = seen(&sb);
        let mut child = spawn_on_with(
            &env,
            &sb,
            &args,
            &[("AIRCOM_TEST_SEARCH_SETTLE_SECS", settle)],
        );
        let deadline = std::time::Instant::now() + Duration::from_secs(90);
        let mut killed = false;
        while std::time::Instant::now() < deadline {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            if seen(&sb) >= base + more {
                let _ = child.kill(); // SIGKILL
                killed = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        eprintln!("kill point: {what} (killed: {killed})");
    }
    // One more run finishes everything (lost answers are reconciled within it).
    let mut cmd = env.cmd_on(&sb);
    cmd.env("AIRCOM_TEST_SEARCH_SETTLE_SECS", settle).args(args);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_every_gap_logged_once(&sb);
    assert!(
        assert_no_twin_leads(&sb) > 0,
        "the drill needs unknown callers"
    );
    // A fresh ledger (another machine), once search shows every conversation: no write.
    tokio::time::sleep(Duration::from_secs(61)).await;
    let fresh = Env::new();
    let before = sb.requests().len();
    let mut cmd = fresh.cmd_on(&sb);
    cmd.env("AIRCOM_TEST_SEARCH_SETTLE_SECS", settle).args(args);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let writes: Vec<String> = sb.requests()[before..]
        .iter()
        .filter(|e| e.is_write())
        .map(|e| format!("{} {}", e.method, e.path))
        .collect();
    // Defining the stamp attribute (once per workspace) is the only write allowed.
    let writes: Vec<&String> = writes
        .iter()
        .filter(|w| !w.contains("data_attributes"))
        .collect();
    assert!(writes.is_empty(), "a fresh ledger wrote: {writes:?}");
}

/// A lead create for an SMS whose answer is lost is not repeated by the next run while
/// search may not show the lead (the same pending row as `backfill calls`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backfill_sms_never_creates_a_twin_lead() {
    let sb = Sandbox::start(SandboxOptions {
        faults: FaultSpec::parse("reset-after=1.0@intercom/contacts$").unwrap(),
        search_lag: Duration::from_secs(60),
        ..options()
    })
    .await
    .unwrap();
    let env = Env::new();
    let file = export_sms(&env);
    let creates = |sb: &Sandbox| {
        sb.requests()
            .iter()
            .filter(|r| r.method == "POST" && r.path == "/contacts")
            .count()
    };
    let go = || {
        let mut cmd = env.cmd_on(&sb);
        cmd.env("AIRCOM_TEST_SEARCH_SETTLE_SECS", "61").args([
            "backfill",
            "sms",
            "--from",
            file.to_str().unwrap(),
            "--yes",
        ]);
        cmd
    };
    let out = run(go()).await;
    // Lost answers are unknown, not failed: exit 1 to be run again.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("unknown"), "{}", stderr(&out));
    let first = creates(&sb);
    assert!(first > 0, "the drill needs messages from unknown numbers");
    let out = run(go()).await;
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        creates(&sb),
        first,
        "a second lead create within the search lag"
    );
}

/// Issue 12's world of 2,000 calls (both logging modes, every native shape): every gap is
/// logged once with an acceptable title, note, assignee and tags; nothing native, blocked or
/// in progress gets a log of ours.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_world_of_two_thousand_calls_against_its_truth() {
    use aircom::sandbox::world::{Expect, LogMode};
    let sb = Sandbox::start(SandboxOptions {
        calls: 2_000,
        ..options()
    })
    .await
    .unwrap();
    let truth = sb.truth();
    assert!(truth.calls.len() >= 2_000);
    for mode in [LogMode::NewConversation, LogMode::LastOpenConversation] {
        assert!(
            truth
                .calls
                .values()
                .any(|c| c.mode == mode && c.expect == Expect::Log),
            "the world needs gaps in {mode:?} mode"
        );
    }
    let env = Env::new();
    let out = backfill(&env, &sb, &[]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_every_gap_logged_once(&sb);
}

/// The tag names on one conversation, lowercase.
fn conv_tags(w: &World, conv: &str) -> BTreeSet<String> {
    w.intercom.conversations[conv]
        .tag_ids
        .iter()
        .filter_map(|t| w.intercom.tags.iter().find(|x| &x.id == t))
        .map(|t| t.name.to_lowercase())
        .collect()
}

async fn tags_run(env: &Env, sb: &Sandbox) -> std::process::Output {
    let mut cmd = env.cmd_on(sb);
    cmd.args(["backfill", "tags", "--since", &since_arg(), "--yes"]);
    run(cmd).await
}

/// Issue 12: a tag Aircall no longer has on a call is removed from the native conversation
/// that logs that call alone (the native integration's own log, not aircom's), and `undo`
/// puts it back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backfill_tags_removes_a_dropped_tag_from_a_native_log_and_undo_restores_it() {
    use aircom::sandbox::world::Expect;
    let sb = sandbox().await;
    let env = Env::new();
    let truth = sb.truth();
    let holders = |conv: &str| {
        truth
            .calls
            .values()
            .filter(|c| c.conversation_id.as_deref() == Some(conv))
            .count()
    };
    let (call, conv, synced) = truth
        .calls
        .iter()
        .find_map(|(id, c)| {
            let conv = c.conversation_id.as_deref()?;
            (c.expect == Expect::LoggedNativelyConversation
                && !c.synced_tags.is_empty()
                && holders(conv) == 1)
                .then(|| (*id, conv.to_string(), c.synced_tags.clone()))
        })
        .expect("a native log of one call with synced tags");
    sb.with_world(|w| {
        w.aircall
            .calls
            .iter_mut()
            .find(|c| c.id == call)
            .unwrap()
            .tags
            .clear()
    });
    let out = tags_run(&env, &sb).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let after = conv_tags(&sb.world(), &conv);
    for t in &synced {
        assert!(!after.contains(&t.to_lowercase()), "{t} stayed on {conv}");
    }
    // The run is journaled: undo puts the tags back.
    let runs = env.cmd_on(&sb).args(["runs", "--json"]).output().unwrap();
    let runs: serde_json::Value = serde_json::from_slice(&runs.stdout).unwrap();
    let run_id = runs
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["command"] == "backfill tags")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["undo", &run_id.to_string(), "--yes"]);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let restored = conv_tags(&sb.world(), &conv);
    for t in &synced {
        assert!(
            restored.contains(&t.to_lowercase()),
            "{t} not restored on {conv}"
        );
    }
}

/// Issue 12: in a conversation holding several calls' logs (last-open mode), a tag one call
/// lost stays while another call there still carries it; once none does, it goes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backfill_tags_keeps_a_tag_another_call_in_the_conversation_carries() {
    use aircom::sandbox::world::{ACallTag, Expect, ITag};
    let sb = sandbox().await;
    let env = Env::new();
    let truth = sb.truth();
    let mut by_conv: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for (id, c) in &truth.calls {
        if c.expect == Expect::LoggedNativelyPart {
            if let Some(conv) = &c.conversation_id {
                by_conv.entry(conv.clone()).or_default().push(*id);
            }
        }
    }
    let (conv, calls) = by_conv
        .into_iter()
        .find(|(_, v)| v.len() >= 2)
        .expect("a last-open conversation with two native logs");
    let (a, b) = (calls[0], calls[1]);
    let (tag_id, name) = {
        let w = sb.world();
        let t = w.aircall.tags.last().unwrap();
        (t.id, t.name.clone())
    };
    // Both calls carry the tag, and so does the conversation (as the native sync leaves it).
    sb.with_world(|w| {
        for c in w.aircall.calls.iter_mut() {
            if c.id == a || c.id == b {
                c.tags.retain(|t| t.tag_id != tag_id);
                c.tags.push(ACallTag {
                    tag_id,
                    created_at: 0,
                    tagged_by: None,
                });
            }
        }
        let iid = match w
            .intercom
            .tags
            .iter()
            .find(|t| t.name.eq_ignore_ascii_case(&name))
        {
            Some(t) => t.id.clone(),
            None => {
                w.intercom.tags.push(ITag {
                    id: "7777".into(),
                    name: name.clone(),
                });
                "7777".into()
            }
        };
        let c = w.intercom.conversations.get_mut(&conv).unwrap();
        if !c.tag_ids.contains(&iid) {
            c.tag_ids.push(iid);
        }
    });
    // One call loses it: the other still brings it.
    sb.with_world(|w| {
        let c = w.aircall.calls.iter_mut().find(|c| c.id == a).unwrap();
        c.tags.retain(|t| t.tag_id != tag_id);
    });
    let out = tags_run(&env, &sb).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        conv_tags(&sb.world(), &conv).contains(&name.to_lowercase()),
        "{name} removed though call {b} carries it"
    );
    // Neither has it: it goes (every log in the conversation is one of the period's calls).
    sb.with_world(|w| {
        let c = w.aircall.calls.iter_mut().find(|c| c.id == b).unwrap();
        c.tags.retain(|t| t.tag_id != tag_id);
    });
    let out = tags_run(&env, &sb).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !conv_tags(&sb.world(), &conv).contains(&name.to_lowercase()),
        "{name} stayed though no call carries it: {}",
        stdout(&out)
    );
}

/// Issue 14: a `--number` that names no Aircall number is an error that lists them, not "no
/// calls in that period".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_number_is_an_error_listing_the_numbers() {
    let sb = sandbox().await;
    let env = Env::new();
    let out = backfill(&env, &sb, &["--number", "Nope", "--dry-run"]).await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("no Aircall number with the name, id or number `Nope`"),
        "{err}"
    );
    let first = sb.world().aircall.numbers[0].clone();
    assert!(err.contains(&first.name), "{err}");
    assert!(sb.requests().iter().all(|r| !r.is_write()));
    // The number itself, as written anywhere (spaces, no spaces), finds it too.
    let spaced = first.digits.clone();
    let packed: String = spaced
        .chars()
        .filter(|c| *c == '+' || c.is_ascii_digit())
        .collect();
    for want in [spaced, packed] {
        let out = backfill(&env, &sb, &["--number", &want, "--dry-run", "--json"]).await;
        assert!(out.status.success(), "{want}: {}", stderr(&out));
        let lines = stdout(&out);
        assert!(!lines.trim().is_empty(), "{want}: calls on it");
        for l in lines.lines() {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            assert_eq!(v["number"], first.name.as_str(), "{want}: {l}");
        }
    }
}

/// Issue 14: a bad archive stops before anything is fetched or written, with exit 2 and a
/// message naming the file; a partly bad one names each line it skips.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backfill_sms_bad_archives_stop_with_nothing_written() {
    let sb = sandbox().await;
    let env = Env::new();
    let empty = env.path().join("empty.jsonl");
    std::fs::write(&empty, "\n\n").unwrap();
    let junk = env.path().join("junk.jsonl");
    std::fs::write(&junk, "hello\n{\"event\":\"call.ended\",\"data\":{}}\n").unwrap();
    let dir = env.path().join("archive");
    std::fs::create_dir(&dir).unwrap();
    let missing = env.path().join("missing.jsonl");
    for (path, want) in [
        (&empty, "is empty"),
        (&junk, "no message payloads"),
        (&dir, "is a directory"),
        (&missing, "cannot read"),
    ] {
        sb.clear_requests();
        let mut cmd = env.cmd_on(&sb);
        cmd.args(["backfill", "sms", "--from", path.to_str().unwrap(), "--yes"]);
        let out = run(cmd).await;
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{}: {err}", path.display());
        assert!(err.contains(want), "{}: {err}", path.display());
        assert!(
            err.contains(path.file_name().unwrap().to_str().unwrap()),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        assert!(
            sb.requests().iter().all(|r| !r.is_write()),
            "{}: wrote",
            path.display()
        );
    }
    // The junk file's lines are named one by one.
    let mut cmd = env.cmd_on(&sb);
    cmd.args(["backfill", "sms", "--from", junk.to_str().unwrap(), "--yes"]);
    let err = stderr(&run(cmd).await);
    assert!(
        err.contains("junk.jsonl:1: not a message payload") && err.contains("junk.jsonl:2: "),
        "{err}"
    );
}

/// The SMS gaps of the archive, with their titles and times (the truth's reading).
fn sms_gaps(sb: &Sandbox) -> Vec<(String, aircom::sandbox::world::SmsTruth)> {
    sb.truth()
        .sms
        .into_iter()
        .filter(|(_, t)| t.expect == aircom::sandbox::world::Expect::Log)
        .collect()
}

/// Every SMS gap has exactly one conversation of ours: no twin created by a lost answer (an
/// unstamped conversation dated at the message with its title, beside the stamped one).
fn assert_every_sms_gap_logged_once(sb: &Sandbox) {
    let w = sb.world();
    for (id, t) in sms_gaps(sb) {
        let stamped: Vec<_> = w
            .intercom
            .conversations
            .values()
            .filter(|c| {
                c.custom_attributes
                    .get("aircall_message_id")
                    .and_then(|v| v.as_str())
                    == Some(id.as_str())
            })
            .collect();
        let titled: Vec<_> = w
            .intercom
            .conversations
            .values()
            .filter(|c| {
                c.created_at == t.created_at
                    && t.acceptable_titles
                        .contains(&aircom::html::to_text(&c.source_body))
            })
            .collect();
        assert_eq!(stamped.len(), 1, "message {id}: {} stamped", stamped.len());
        assert_eq!(titled.len(), 1, "message {id}: {} titled", titled.len());
    }
}

/// Issue 12: lost answers on the conversation create and on the stamp, under a minute of
/// search lag: every SMS gap ends with one conversation, and a fresh ledger writes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backfill_sms_lost_answers_never_make_a_twin_conversation() {
    let sb = Sandbox::start(SandboxOptions {
        faults: FaultSpec::parse("reset-after=0.5@intercom/conversations$").unwrap(),
        search_lag: Duration::from_secs(60),
        ..options()
    })
    .await
    .unwrap();
    let env = Env::new();
    let file = export_sms(&env);
    let go = |env: &Env| {
        let mut cmd = env.cmd_on(&sb);
        cmd.env("AIRCOM_TEST_SEARCH_SETTLE_SECS", "61").args([
            "backfill",
            "sms",
            "--from",
            file.to_str().unwrap(),
            "--yes",
        ]);
        cmd
    };
    let mut unknown_seen = false;
    let mut done = false;
    for _ in 0..12 {
        let out = run(go(&env)).await;
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{err}");
        if out.status.success() {
            done = true;
            break;
        }
        unknown_seen |= err.contains("unknown");
    }
    assert!(unknown_seen, "the drill needs lost answers");
    assert!(done, "the runs never finished");
    assert_every_sms_gap_logged_once(&sb);
    // A fresh ledger (another machine), once search shows every conversation: no write.
    tokio::time::sleep(Duration::from_secs(61)).await;
    let fresh = Env::new();
    sb.clear_requests();
    let out = run(go(&fresh)).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let writes: Vec<String> = sb
        .requests()
        .iter()
        .filter(|e| e.is_write() && !e.path.contains("data_attributes"))
        .map(|e| format!("{} {}", e.method, e.path))
        .collect();
    assert!(writes.is_empty(), "a fresh ledger wrote: {writes:?}");
}

/// §6 in last-open mode: the SMS's title comes first in the contact's open conversation (as
/// an internal note), then its details; a second run writes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backfill_sms_last_open_writes_the_title_first() {
    let sb = sandbox().await;
    let env = Env::new();
    let file = export_sms(&env);
    let args = [
        "backfill",
        "sms",
        "--from",
        file.to_str().unwrap(),
        "--conversation",
        "last-open",
        "--yes",
        "--json",
    ];
    let mut cmd = env.cmd_on(&sb);
    cmd.args(args);
    let out = run(cmd).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let records: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let w = sb.world();
    let mut appended = 0;
    for (id, t) in sms_gaps(&sb) {
        let rec = records.iter().find(|r| r["message_id"] == id).unwrap();
        assert_eq!(rec["outcome"], "logged", "{rec}");
        let conv = &w.intercom.conversations[rec["conversation_id"].as_str().unwrap()];
        let title = aircom::html::to_text(&conv.source_body);
        if conv.created_at == t.created_at && t.acceptable_titles.contains(&title) {
            continue; // No open conversation: a new one, titled.
        }
        appended += 1;
        let texts: Vec<String> = conv
            .parts
            .iter()
            .filter_map(|p| p.body.as_deref().map(aircom::html::to_text))
            .collect();
        let title_at = texts
            .iter()
            .position(|x| {
                t.acceptable_titles
                    .iter()
                    .any(|a| x.starts_with(a.as_str()))
            })
            .unwrap_or_else(|| panic!("message {id}: no title part in {texts:?}"));
        let note_at = texts
            .iter()
            .position(|x| x.lines().any(|l| l.trim() == format!("Aircall SMS {id}")))
            .unwrap_or_else(|| panic!("message {id}: no note in {texts:?}"));
        assert!(title_at < note_at, "message {id}: title after the note");
    }
    assert!(
        appended > 0,
        "the test needs contacts with an open conversation"
    );
    sb.clear_requests();
    let mut cmd = env.cmd_on(&sb);
    cmd.args(args);
    assert!(run(cmd).await.status.success());
    assert!(sb.requests().iter().all(|r| !r.is_write()));
}

/// Review of issue 12: in last-open mode, the title note aircom wrote for one SMS is never
/// taken for the native log of the next message of that contact (a minute later, in another
/// archive whose run does not know the first): the second is logged, not "native".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_sms_title_note_of_ours_is_not_a_native_log_of_the_next() {
    let sb = sandbox().await;
    let env = Env::new();
    let file = export_sms(&env);
    let truth = sb.truth();
    // A gap of a contact that exists (so both messages go to one contact).
    let text = std::fs::read_to_string(&file).unwrap();
    let first: serde_json::Value = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|m| {
            let id = m["data"]["id"].as_str().unwrap_or_default();
            truth.sms.get(id).is_some_and(|t| {
                t.expect == aircom::sandbox::world::Expect::Log && t.contact_id.is_some()
            })
        })
        .expect("an SMS gap with a contact");
    let mut second = first.clone();
    second["data"]["id"] = serde_json::json!("9990001");
    let at = first["data"]["created_at"].clone();
    second["data"]["created_at"] = match at {
        serde_json::Value::Number(n) => serde_json::json!(n.as_i64().unwrap() + 60),
        serde_json::Value::String(s) => {
            let t: jiff::Timestamp = s.parse().unwrap();
            serde_json::json!((t + jiff::SignedDuration::from_secs(60)).to_string())
        }
        other => panic!("{other}"),
    };
    let a = env.path().join("a.jsonl");
    let b = env.path().join("b.jsonl");
    std::fs::write(&a, format!("{first}\n")).unwrap();
    std::fs::write(&b, format!("{second}\n")).unwrap();
    for (f, id) in [
        (&a, first["data"]["id"].clone()),
        (&b, second["data"]["id"].clone()),
    ] {
        let mut cmd = env.cmd_on(&sb);
        cmd.args([
            "backfill",
            "sms",
            "--from",
            f.to_str().unwrap(),
            "--conversation",
            "last-open",
            "--yes",
            "--json",
        ]);
        let out = run(cmd).await;
        assert!(out.status.success(), "{}", stderr(&out));
        let records: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!(records[0]["message_id"], id);
        assert_eq!(records[0]["outcome"], "logged", "{}", records[0]);
    }
}

/// The demo SMS archive (`aircom sandbox export-sms`), written in the test's folder.
fn export_sms(env: &Env) -> std::path::PathBuf {
    let file = env.path().join("sms.jsonl");
    let out = env
        .cmd()
        .args(["sandbox", "export-sms", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    file
}
