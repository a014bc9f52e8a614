//! The demo world against its truth: every hard case is present for several seeds, generation
//! is deterministic, and the truth (written while the world was written) agrees with what the
//! fakes serve. References: `shared/reference/integration-behaviour.md` ("behaviour §n"),
//! `aircall-api.md`, `intercom-api.md`.

mod support;

use aircom_sandbox::data::{generate, Seed};
use aircom_sandbox::native::{escape, p};
use aircom_sandbox::world::*;
use aircom_sandbox::{SANDBOX_AIRCALL_ID, SANDBOX_AIRCALL_TOKEN, SANDBOX_INTERCOM_TOKEN};
use serde_json::Value;
use std::collections::BTreeMap;

const ANCHOR: i64 = 1_780_000_000 - 1_780_000_000 % 86_400;

fn world(seed: u64) -> World {
    generate(Seed {
        seed,
        contacts: 300,
        calls: 240,
        anchor: ANCHOR,
        ..Seed::default()
    })
}

const SEEDS: [u64; 3] = [42, 7, 1001];

fn native(c: &CallTruth) -> bool {
    matches!(
        c.expect,
        Expect::LoggedNativelyConversation | Expect::LoggedNativelyPart
    )
}

#[test]
fn every_summary_count_is_non_zero_for_three_seeds() {
    for seed in SEEDS {
        let w = world(seed);
        let s = w.truth.summary();
        let v = serde_json::to_value(&s).unwrap();
        for (k, n) in v.as_object().unwrap() {
            if let Some(n) = n.as_u64() {
                assert!(n > 0, "seed {seed}: summary.{k} is 0: {s:#?}");
            }
        }
        // Every expectation occurs: log, both native shapes (behaviour §6 modes), blocked by
        // duplicates (§3), in progress (§10).
        for e in [
            "log",
            "logged_natively_conversation",
            "logged_natively_part",
            "blocked_by_duplicates",
            "in_progress",
        ] {
            assert!(
                s.calls_by_expect.get(e).copied().unwrap_or(0) > 0,
                "seed {seed}: no {e} call: {s:#?}"
            );
        }
        assert_eq!(s.calls, 240, "every call has a truth record");
        assert_eq!(w.aircall.calls.len(), 240);
        // At least one Aircall number whose name contains `&` (it must be HTML-escaped).
        assert!(w.aircall.numbers.iter().any(|n| n.name.contains('&')));
    }
}

#[test]
fn same_seed_and_anchor_give_the_same_world_byte_for_byte() {
    let a = serde_json::to_string(&world(42)).unwrap();
    let b = serde_json::to_string(&world(42)).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, serde_json::to_string(&world(43)).unwrap());
    let other_anchor = generate(Seed {
        seed: 42,
        contacts: 300,
        calls: 240,
        anchor: ANCHOR + 86_400,
        ..Seed::default()
    });
    assert_ne!(a, serde_json::to_string(&other_anchor).unwrap());
}

/// The stored body holding the call's title: the source (new conversation) or the title part.
fn title_body<'a>(w: &'a World, c: &CallTruth) -> &'a str {
    let conv = &w.intercom.conversations[c.conversation_id.as_ref().unwrap()];
    match &c.title_part_id {
        None => &conv.source_body,
        Some(pid) => conv
            .parts
            .iter()
            .find(|x| &x.id == pid)
            .and_then(|x| x.body.as_deref())
            .unwrap(),
    }
}

#[test]
fn native_logs_are_where_the_truth_says() {
    for seed in SEEDS {
        let w = world(seed);
        let t = &w.truth;
        for (id, c) in &t.calls {
            let call = w.aircall.calls.iter().find(|x| x.id == *id).unwrap();
            assert_eq!(c.ended_at, call.ended_at);
            if !native(c) {
                assert!(!t.natively_logged.contains_key(id));
                continue;
            }
            let conv_id = c.conversation_id.as_ref().unwrap();
            assert_eq!(t.natively_logged.get(id), Some(conv_id));
            let conv = &w.intercom.conversations[conv_id];
            assert_eq!(Some(&conv.contact_id), c.contact_id.as_ref());
            // Every part the truth names is in the conversation.
            for pid in &c.part_ids {
                assert!(
                    conv.parts.iter().any(|x| &x.id == pid),
                    "call {id}: part {pid}"
                );
            }
            // Behaviour §6: the title is one of the six kinds' titles, stored as HTML with the
            // number name escaped (`UK Desk &amp; Billing`).
            let title = c.native_title.as_ref().unwrap();
            assert!(c.acceptable_titles.contains(title));
            let body = title_body(&w, c);
            assert_eq!(body, p(title), "call {id}");
            assert!(body.contains(&escape(title)));
            match c.expect {
                // New conversation: the title is the source, the conversation starts with it.
                Expect::LoggedNativelyConversation => {
                    assert!(c.title_part_id.is_none());
                    assert_eq!(Some(conv.created_at), c.native_logged_at);
                }
                // Last open conversation (§6): the title and notes are parts appended to an
                // already-open conversation, which may be older than the call.
                Expect::LoggedNativelyPart => {
                    assert_eq!(c.mode, LogMode::LastOpenConversation);
                    let tp = conv
                        .parts
                        .iter()
                        .find(|x| Some(&x.id) == c.title_part_id.as_ref())
                        .unwrap();
                    assert_eq!(tp.part_type, "comment", "a title is a message, not a note");
                    match c.title_author.as_deref() {
                        Some("admin") => assert_eq!(tp.author_type, "admin"),
                        Some("contact") => assert_eq!(tp.author_id, conv.contact_id),
                        other => panic!("title author {other:?}"),
                    }
                    assert_eq!(
                        conv.created_at < c.started_at,
                        c.conversation_created_before_call
                    );
                    assert_eq!(
                        conv.created_at < ANCHOR - 60 * 86_400,
                        c.conversation_created_before_window
                    );
                }
                _ => unreachable!(),
            }
            // Internal notes are admin notes (§6; intercom-api.md §7.4 `message_type: note`).
            let notes: Vec<&IPart> = conv
                .parts
                .iter()
                .filter(|x| c.part_ids.contains(&x.id) && x.part_type == "note")
                .collect();
            assert!(!notes.is_empty());
            assert!(notes.iter().all(|n| n.author_type == "admin"));
            // The caller's number and the Aircall number used are in the notes (§6).
            let all: String = notes.iter().filter_map(|n| n.body.clone()).collect();
            let number = w
                .aircall
                .numbers
                .iter()
                .find(|n| n.id == call.number_id)
                .unwrap();
            assert!(all.contains(&escape(&number.name)));
            assert!(all.contains(&escape(&call.raw_digits)));
            // §6: "the native integration appends all earlier notes again each time".
            if call.comments.len() >= 2 {
                let last = notes.last().unwrap().body.clone().unwrap();
                for cm in &call.comments {
                    assert!(last.contains(&escape(&cm.content)), "call {id}: {last}");
                }
            }
        }
    }
}

#[test]
fn native_timing_follows_section_10_and_no_log_falls_in_an_outage() {
    for seed in SEEDS {
        let w = world(seed);
        let t = &w.truth;
        assert_eq!(t.outages.first(), Some(&t.outage));
        let in_outage = |x: i64| t.outages.iter().any(|(s, e)| x >= *s && x < *e);
        for (id, c) in &t.calls {
            let call = w.aircall.calls.iter().find(|x| x.id == *id).unwrap();
            let Some(logged) = c.native_logged_at else {
                continue;
            };
            // §10: "dated at `answered_at` or shortly after `ended_at`, not at `started_at`";
            // "any time from the call's start to a few minutes after its end".
            match c.native_timing.unwrap() {
                NativeTiming::AtAnswer => {
                    let a = call.answered_at.unwrap();
                    assert!((a..=a + 5).contains(&logged), "call {id}");
                }
                NativeTiming::AtEnd => {
                    let e = call.ended_at.unwrap();
                    assert!((e + 25..=e + 40).contains(&logged), "call {id}");
                    // §10: an unanswered call is logged only after `call.ended`.
                }
            }
            if call.answered_at.is_none() {
                assert_eq!(c.native_timing, Some(NativeTiming::AtEnd), "call {id}");
            }
            assert!(
                logged > call.started_at,
                "call {id}: never dated at started_at"
            );
            if let Some(done) = c.native_completed_at {
                let e = call.ended_at.unwrap();
                assert!((e + 25..=e + 40).contains(&done), "call {id}");
            }
            // No native log inside an outage, neither the conversation nor any part.
            let conv = &w.intercom.conversations[c.conversation_id.as_ref().unwrap()];
            if c.title_part_id.is_none() && native(c) {
                assert!(!in_outage(conv.created_at), "call {id}");
            }
            for x in conv.parts.iter().filter(|x| c.part_ids.contains(&x.id)) {
                assert!(
                    !in_outage(x.created_at),
                    "call {id} part {} in an outage",
                    x.id
                );
            }
        }
        // And no other part the native integration could have written sits in an outage:
        // every admin note in the world is outside every window.
        for conv in w.intercom.conversations.values() {
            for x in conv.parts.iter().filter(|x| x.part_type == "note") {
                assert!(!in_outage(x.created_at));
            }
        }
        // Calls inside an outage are the backfill's work (gaps).
        for (id, c) in &t.calls {
            if c.miss_reason.as_deref() == Some("outage") {
                assert_eq!(c.expect, Expect::Log);
                assert!(t.gaps.contains(id));
            }
        }
    }
}

#[test]
fn assignment_blocking_and_progress_match_the_reference() {
    for seed in SEEDS {
        let w = world(seed);
        let t = &w.truth;
        for (id, c) in &t.calls {
            let call = w.aircall.calls.iter().find(|x| x.id == *id).unwrap();
            match c.expect {
                // §3: a number on several Intercom contacts is never logged.
                Expect::BlockedByDuplicates => {
                    let e = c.e164.as_ref().unwrap();
                    assert!(t
                        .intercom_duplicate_groups
                        .get(e)
                        .is_some_and(|g| g.len() > 1));
                    assert!(c.conversation_id.is_none());
                }
                // §10: "A call still in progress (`ended_at` null) has not been completely
                // logged by anyone yet"; aircall-api.md §4.4 status is not `done`.
                Expect::InProgress => {
                    assert!(call.ended_at.is_none());
                    assert_ne!(call.status, "done");
                    assert!(c.native_completed_at.is_none());
                }
                _ => assert!(call.ended_at.is_some()),
            }
            // §7: a missed inbound call is left unassigned.
            if call.direction == "inbound"
                && call.answered_at.is_none()
                && c.expect != Expect::BlockedByDuplicates
            {
                assert!(c.acceptable_assignees.contains(&None), "call {id}");
            }
            // §7: an answered call goes to an admin (the matching teammate or set-up admin).
            if (call.answered_at.is_some() || call.direction == "outbound")
                && c.expect != Expect::BlockedByDuplicates
            {
                assert!(
                    c.acceptable_assignees.iter().all(Option::is_some),
                    "call {id}"
                );
            }
            // §5: anonymous calls attach to the one anonymous contact.
            if call.raw_digits == "anonymous" && native(c) {
                assert_eq!(c.contact_id, t.anonymous_contact);
            }
        }
        // A new-conversation log holding only its own call ends with an acceptable assignee.
        for c in t
            .calls
            .values()
            .filter(|c| c.expect == Expect::LoggedNativelyConversation)
        {
            let conv_id = c.conversation_id.as_ref().unwrap();
            let sharing = t
                .calls
                .values()
                .filter(|o| o.conversation_id.as_ref() == Some(conv_id))
                .count();
            if sharing == 1 {
                let conv = &w.intercom.conversations[conv_id];
                let got = (conv.admin_assignee_id != 0).then(|| conv.admin_assignee_id.to_string());
                assert!(
                    c.acceptable_assignees.contains(&got),
                    "{conv_id}: {got:?} vs {:?}",
                    c.acceptable_assignees
                );
            }
        }
        // §5: the anonymous contact's name, under either spelling of its email.
        let anon = &w.intercom.contacts[t.anonymous_contact.as_ref().unwrap()];
        assert_eq!(anon.name.as_deref(), Some("Aircall Anonymous Contact"));
        assert!(matches!(
            anon.email.as_deref(),
            Some("anonymoys@aircall.io") | Some("anonymous@aircall.io")
        ));
        // §4: a new contact's name is "<E.164> New Aircall contact" with phone = E.164.
        for id in &t.native_new_contacts {
            let ct = &w.intercom.contacts[id];
            if Some(id) != t.anonymous_contact.as_ref() {
                let ph = ct.phone.clone().unwrap();
                assert_eq!(
                    ct.name.clone().unwrap(),
                    format!("{ph} New Aircall contact")
                );
            }
        }
        // §8: tags synced natively are on the conversation; late ones were not synced.
        for c in t.calls.values().filter(|c| native(c)) {
            let conv = &w.intercom.conversations[c.conversation_id.as_ref().unwrap()];
            for name in &c.synced_tags {
                let tag = w
                    .intercom
                    .tags
                    .iter()
                    .find(|x| x.name.eq_ignore_ascii_case(name))
                    .unwrap();
                assert!(conv.tag_ids.contains(&tag.id));
            }
        }
        // aircall-api.md §5.2: `information` holds `intercom_id:<id>` for linked contacts.
        for (aid, iid) in &t.aircall_links {
            assert_eq!(
                w.aircall.contacts[aid].information,
                Some(format!("intercom_id:{iid}"))
            );
            assert!(w.intercom.contacts.contains_key(iid));
        }
        for aid in &t.aircall_hand_written_info {
            let info = w.aircall.contacts[aid].information.clone().unwrap();
            assert!(!info.starts_with("intercom_id:"));
        }
        for (aid, iid) in &t.aircall_unlinked_shared {
            let ac = &w.aircall.contacts[aid];
            assert!(ac.information.is_none());
            assert_eq!(
                Some(&ac.phone_numbers[0].value),
                t.intercom_phone_e164.get(iid)
            );
        }
    }
}

#[tokio::test]
async fn the_served_world_agrees_with_the_truth() {
    let sb = support::sandbox().await;
    let truth = sb.truth();
    let http = reqwest::Client::new();
    // The truth route serves the summary next to the truth.
    let served: Value = http
        .get(format!("{}/_sandbox/truth", sb.aircall_url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        served["summary"],
        serde_json::to_value(truth.summary()).unwrap()
    );
    assert!(served["calls"]
        .as_object()
        .is_some_and(|m| m.len() == truth.calls.len()));

    // aircall-api.md §6 Teams + §3 paging envelope.
    let teams: Value = http
        .get(format!("{}/v1/teams?per_page=2", sb.aircall_url))
        .basic_auth(SANDBOX_AIRCALL_ID, Some(SANDBOX_AIRCALL_TOKEN))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(teams["meta"]["total"], truth.teams.len());
    assert_eq!(teams["meta"]["per_page"], 2);
    assert!(teams["meta"]["next_page_link"].is_string());
    let first = &teams["teams"][0];
    for k in ["id", "name", "direct_link", "created_at", "users"] {
        assert!(!first[k].is_null(), "team field {k}");
    }
    assert!(first["users"][0].get("availability_status").is_some());
    let one: Value = http
        .get(format!("{}/v1/teams/{}", sb.aircall_url, first["id"]))
        .basic_auth(SANDBOX_AIRCALL_ID, Some(SANDBOX_AIRCALL_TOKEN))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(one["team"]["id"], first["id"]);
    assert!(one["team"]["users"][0].get("available").is_none());
    assert!(one["team"]["users"][0].get("availability_status").is_none());

    // §4.4: `teams` filled for inbound calls only.
    let w = sb.world();
    for dir in ["inbound", "outbound"] {
        let call = w
            .aircall
            .calls
            .iter()
            .find(|c| c.direction == dir && c.number_id == w.aircall.numbers[0].id)
            .unwrap();
        let v: Value = http
            .get(format!("{}/v1/calls/{}", sb.aircall_url, call.id))
            .basic_auth(SANDBOX_AIRCALL_ID, Some(SANDBOX_AIRCALL_TOKEN))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let n = v["call"]["teams"].as_array().unwrap().len();
        assert_eq!(n > 0, dir == "inbound", "{dir} call teams: {n}");
    }

    // A last-open log as served by Intercom: the parts are there, the conversation is older.
    let (_, c) = truth
        .calls
        .iter()
        .find(|(_, c)| {
            c.expect == Expect::LoggedNativelyPart && c.conversation_created_before_window
        })
        .expect("a last-open log in a conversation older than the window");
    let conv: Value = http
        .get(format!(
            "{}/conversations/{}",
            sb.intercom_url,
            c.conversation_id.as_ref().unwrap()
        ))
        .bearer_auth(SANDBOX_INTERCOM_TOKEN)
        .header("Intercom-Version", "2.16")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ids: Vec<&str> = conv["conversation_parts"]["conversation_parts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x["id"].as_str())
        .collect();
    for pid in &c.part_ids {
        assert!(ids.contains(&pid.as_str()), "part {pid} served");
    }
    assert!(conv["created_at"].as_i64().unwrap() < c.started_at);
    let title = c.native_title.as_ref().unwrap();
    let served_title = conv["conversation_parts"]["conversation_parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"].as_str() == c.title_part_id.as_deref())
        .unwrap();
    assert_eq!(served_title["body"].as_str().unwrap(), p(title));
}

/// Benchmarks build worlds of hundreds of thousands of contacts (their speed is measured
/// there, not here): a large world still holds what was asked for and every call's truth.
#[test]
fn a_large_world_has_the_requested_size_and_a_truth_per_call() {
    let w = generate(Seed {
        seed: 5,
        contacts: 20_000,
        calls: 2_000,
        anchor: ANCHOR,
        ..Seed::default()
    });
    assert_eq!(w.aircall.calls.len(), 2_000);
    assert_eq!(w.truth.calls.len(), 2_000);
    assert!(w.intercom.contacts.len() >= 20_000);
}

/// Behaviour §7, where two rules meet: "Inbound call not answered (missed): leave the
/// conversation unassigned, so Intercom's own assignment rules can route it", and "Call
/// (re)assignment in the phone app: when a call is assigned by one Aircall user to another who
/// has a matching Intercom email, the conversation is reassigned to that teammate, and a note
/// says to whom the call was assigned and by whom". §7 does not say whether the second applies
/// to missed and voicemail calls, so for one reassigned to a matching teammate both readings
/// are acceptable (unassigned with no note, or that teammate with the note); with no matching
/// email the second rule applies under neither reading. The reassignment is `assigned_to`
/// (aircall-api.md §4.4); `user` stays null on these calls (§12: "likely null").
#[test]
fn missed_and_voicemail_calls_reassigned_in_the_app_follow_section_7_under_both_readings() {
    use aircom_sandbox::native::teammate;
    use std::collections::BTreeMap;
    let default = aircom_sandbox::SandboxOptions::default();
    let mut worlds: Vec<(String, World)> = SEEDS
        .iter()
        .map(|s| (format!("seed {s}"), world(*s)))
        .collect();
    // The default world exactly as `Sandbox::start` seeds it (today's anchor).
    worlds.push((
        "default world".into(),
        generate(Seed {
            seed: default.seed,
            contacts: default.contacts,
            calls: default.calls,
            anchor: support::anchor(),
            ..Seed::default()
        }),
    ));
    let mut readings = std::collections::BTreeSet::new();
    for (name, w) in &worlds {
        let t = &w.truth;
        readings.insert(t.native_reassigns_unanswered);
        // (logged natively?, mode, matching?) → count
        let mut seen: BTreeMap<(bool, LogMode, bool), usize> = BTreeMap::new();
        for call in &w.aircall.calls {
            let c = &t.calls[&call.id];
            let unanswered = call.direction == "inbound" && call.answered_at.is_none();
            let Some(to) = call
                .assigned_to
                .filter(|_| unanswered && call.ended_at.is_some())
            else {
                continue;
            };
            let id = call.id;
            assert!(
                matches!(c.kind.as_deref(), Some("missed" | "voicemail")),
                "{name}: call {id} kind {:?}",
                c.kind
            );
            assert_eq!(call.user_id, None, "{name}: call {id}");
            assert_eq!(c.assigned_in_app_to, Some(to), "{name}: call {id}");
            let mate = teammate(w, Some(to));
            assert_eq!(c.assigned_in_app_teammate, mate, "{name}: call {id}");
            let native_log = native(c);
            if c.expect == Expect::Log || native_log {
                *seen
                    .entry((native_log, c.mode, mate.is_some()))
                    .or_default() += 1;
            }
            if c.expect == Expect::BlockedByDuplicates {
                continue;
            }
            let conv = c
                .conversation_id
                .as_ref()
                .map(|id| &w.intercom.conversations[id]);
            // Assignments and notes the native integration wrote for this call.
            let parts: Vec<&IPart> = conv
                .map(|cv| {
                    cv.parts
                        .iter()
                        .filter(|x| c.part_ids.contains(&x.id))
                        .collect()
                })
                .unwrap_or_default();
            let wrote_note = parts.iter().any(|x| {
                x.body
                    .as_deref()
                    .is_some_and(|b| b.contains("Call assigned to"))
            });
            // Anything else the conversation held before (last-open mode): the existing
            // assignee, which the integration may keep or clear (see `data.rs`).
            let extra: Vec<&Option<String>> = c
                .acceptable_assignees
                .iter()
                .filter(|a| a.is_some() && **a != mate)
                .collect();
            match &mate {
                Some(m) => {
                    // Both readings are acceptable: unassigned, or the matching teammate.
                    assert!(c.acceptable_assignees.contains(&None), "{name}: call {id}");
                    assert!(
                        c.acceptable_assignees.contains(&Some(m.clone())),
                        "{name}: call {id}: {:?}",
                        c.acceptable_assignees
                    );
                    assert_eq!(c.acceptable_reassignment_notes.len(), 2, "{name}: {id}");
                    assert!(c.acceptable_reassignment_notes.contains(&None));
                    let note = c
                        .acceptable_reassignment_notes
                        .iter()
                        .flatten()
                        .next()
                        .unwrap();
                    let to_name = &w.aircall.users.iter().find(|u| u.id == to).unwrap().name;
                    assert!(
                        note.starts_with(&format!("Call assigned to {to_name} by ")),
                        "{name}: call {id}: {note}"
                    );
                    if native_log {
                        // The native log follows this world's reading, and only it.
                        if t.native_reassigns_unanswered {
                            assert_eq!(c.reassignment_note.as_ref(), Some(note));
                            let a = parts
                                .iter()
                                .find(|x| x.part_type == "assignment" && x.body.is_some())
                                .unwrap_or_else(|| panic!("{name}: call {id}: no assignment"));
                            assert_eq!(a.assigned_to.as_ref(), Some(m));
                            assert_eq!(a.body.as_deref(), Some(p(note).as_str()));
                            assert!(a.created_at > call.ended_at.unwrap());
                        } else {
                            assert_eq!(c.reassignment_note, None, "{name}: call {id}");
                            assert!(!wrote_note, "{name}: call {id}");
                        }
                    } else {
                        // A gap: no note is required, either is acceptable.
                        assert_eq!(c.reassignment_note, None, "{name}: call {id}");
                    }
                    if c.expect == Expect::Log || c.mode == LogMode::NewConversation {
                        assert!(extra.is_empty(), "{name}: call {id}: {extra:?}");
                    }
                }
                None => {
                    // No matching email: stays unassigned, no note, under either reading.
                    assert_eq!(c.acceptable_assignees[0], None, "{name}: call {id}");
                    assert_eq!(c.acceptable_reassignment_notes, vec![None]);
                    assert_eq!(c.reassignment_note, None);
                    assert!(!wrote_note, "{name}: call {id}");
                    if c.expect == Expect::Log || c.mode == LogMode::NewConversation {
                        assert_eq!(c.acceptable_assignees, vec![None], "{name}: call {id}");
                    }
                }
            }
            // The native conversation of a call logged on its own ends with an acceptable
            // assignee.
            if let (true, Some(cv)) = (native_log, conv) {
                let sharing = t
                    .calls
                    .values()
                    .filter(|o| o.conversation_id == c.conversation_id)
                    .count();
                if sharing == 1 {
                    let got = (cv.admin_assignee_id != 0).then(|| cv.admin_assignee_id.to_string());
                    assert!(
                        c.acceptable_assignees.contains(&got),
                        "{name}: call {id}: {got:?} vs {:?}",
                        c.acceptable_assignees
                    );
                    if c.mode == LogMode::NewConversation {
                        let want = mate.clone().filter(|_| t.native_reassigns_unanswered);
                        assert_eq!(got, want, "{name}: call {id}");
                    }
                }
            }
        }
        // Among the gaps and among the native logs: at least two reassigned to a matching
        // teammate and one to a non-matching user, in each logging mode.
        for native_log in [false, true] {
            for mode in [LogMode::NewConversation, LogMode::LastOpenConversation] {
                let n = |matching| seen.get(&(native_log, mode, matching)).copied();
                assert!(
                    n(true).unwrap_or(0) >= 1 && n(false).unwrap_or(0) >= 1,
                    "{name}: native {native_log} {mode:?}: {seen:?}"
                );
            }
            let total = |matching| {
                seen.iter()
                    .filter(|((nl, _, m), _)| *nl == native_log && *m == matching)
                    .map(|(_, n)| n)
                    .sum::<usize>()
            };
            assert!(total(true) >= 2, "{name}: native {native_log}: {seen:?}");
            assert!(total(false) >= 1, "{name}: native {native_log}: {seen:?}");
        }
        let s = t.summary();
        assert!(s.unanswered_reassigned_matching >= 4, "{name}: {s:?}");
        assert!(s.unanswered_reassigned_not_matching >= 2, "{name}: {s:?}");
    }
    // The seeds' native integrations take both readings between them.
    assert_eq!(readings.len(), 2, "{readings:?}");
}

/// Every SMS check on one world: the export and the truth agree message by message, and every
/// native SMS log is where the truth says, titled and dated per the reference. Behaviour §3
/// ("Every call and SMS to or from a number saved on exactly one Intercom user/lead is
/// logged"; "Duplicates block logging"), §6 ("Each SMS likewise starts with `Inbound SMS on
/// <number name>` or `Outbound SMS on <number name>`, then internal notes with: the Aircall
/// number used, who sent the SMS, to whom it was sent, the message text, and for outbound
/// messages the delivery status (`Delivered` or `Delivery failed`)"; new or last open
/// conversation), §7 (SMS assignment), §10 (a native log is dated from the event to a few
/// minutes after it).
fn check_sms(w: &World, seed: u64) -> BTreeMap<Expect, usize> {
    use aircom_sandbox::native::sms_title;
    let t = &w.truth;
    let archive = aircom_sandbox::data::sms_archive(w, seed);
    assert_eq!(
        archive.len(),
        t.sms.len(),
        "seed {seed}: a truth per message"
    );
    for v in &archive {
        let d = &v["data"];
        let id = d["id"].as_str().unwrap();
        let m = &t.sms[id];
        assert_eq!(d["direction"], m.direction.as_str(), "{id}");
        assert_eq!(d["created_at"], m.created_at, "{id}");
        assert_eq!(d["updated_at"], m.updated_at, "{id}");
        assert_eq!(d["external_number"], m.e164.as_str(), "{id}");
        assert_eq!(d["number"]["id"], m.number_id, "{id}");
        assert_eq!(d["number"]["name"], m.number_name.as_str(), "{id}");
        assert_eq!(d["status"], m.status.as_str(), "{id}");
        assert_eq!(d["user"]["id"].as_i64(), m.user_id, "{id}");
    }
    let in_outage = |x: i64| t.outages.iter().any(|(s, e)| x >= *s && x < *e);
    let mut counts: BTreeMap<Expect, usize> = BTreeMap::new();
    let mut sms_parts = std::collections::BTreeSet::new();
    let mut sms_sources = std::collections::BTreeSet::new();
    for (id, m) in &t.sms {
        *counts.entry(m.expect).or_default() += 1;
        let title = sms_title(m.direction == "inbound", &m.number_name);
        assert_eq!(m.acceptable_titles, vec![title.clone()], "{id}");
        let owners: Vec<&String> = t
            .intercom_phone_e164
            .iter()
            .filter(|(_, e)| **e == m.e164)
            .map(|(c, _)| c)
            .collect();
        if let Some(c) = &m.contact_id {
            assert_eq!(owners, vec![c], "{id}: the one contact holding the number");
        }
        match m.expect {
            Expect::BlockedByDuplicates => {
                assert!(owners.len() > 1, "{id}");
                assert!(t
                    .intercom_duplicate_groups
                    .get(&m.e164)
                    .is_some_and(|g| g.len() > 1));
                assert!(
                    m.conversation_id.is_none() && m.contact_id.is_none(),
                    "{id}"
                );
                continue;
            }
            Expect::Log => {
                assert!(owners.len() <= 1, "{id}");
                assert!(
                    m.conversation_id.is_none() && m.native_title.is_none(),
                    "{id}"
                );
                assert!(
                    m.part_ids.is_empty() && m.native_logged_at.is_none(),
                    "{id}"
                );
                continue;
            }
            Expect::LoggedNativelyConversation | Expect::LoggedNativelyPart => {}
            Expect::InProgress => panic!("{id}: an SMS is never in progress"),
        }
        let native_title = m.native_title.as_ref().unwrap();
        assert!(m.acceptable_titles.contains(native_title), "{id}");
        let conv = &w.intercom.conversations[m.conversation_id.as_ref().unwrap()];
        assert_eq!(Some(&conv.contact_id), m.contact_id.as_ref(), "{id}");
        // §10 (by analogy with calls): from the message to a few minutes after its last
        // status update; never inside an outage.
        let logged = m.native_logged_at.unwrap();
        assert!(
            (m.created_at..=m.updated_at + 300).contains(&logged),
            "{id}: logged at {logged}, message at {}",
            m.created_at
        );
        assert!(!in_outage(logged), "{id}");
        // The mode in force then (the world's one switch, as for calls).
        let expected_mode = if logged < t.mode_switch_at {
            t.mode_before
        } else {
            t.mode_after
        };
        assert_eq!(Some(m.mode), expected_mode, "{id}");
        match m.expect {
            Expect::LoggedNativelyConversation => {
                assert!(m.part_id.is_none(), "{id}");
                assert_eq!(conv.source_body, p(native_title), "{id}");
                assert_eq!(conv.created_at, logged, "{id}");
                sms_sources.insert(conv.id.clone());
            }
            _ => {
                assert_eq!(m.mode, LogMode::LastOpenConversation, "{id}");
                let tp = conv
                    .parts
                    .iter()
                    .find(|x| Some(&x.id) == m.part_id.as_ref())
                    .unwrap_or_else(|| panic!("{id}: title part"));
                assert_eq!(tp.part_type, "comment", "{id}: a title is a message");
                assert_eq!(tp.body.as_deref(), Some(p(native_title).as_str()), "{id}");
                assert_eq!(tp.created_at, logged, "{id}");
                match m.title_author.as_deref() {
                    Some("admin") => assert_eq!(tp.author_type, "admin"),
                    Some("contact") => assert_eq!(tp.author_id, conv.contact_id),
                    other => panic!("{id}: title author {other:?}"),
                }
                assert!(conv.created_at <= logged, "{id}");
                assert_eq!(
                    conv.created_at < ANCHOR - 60 * 86_400,
                    m.conversation_created_before_window
                );
            }
        }
        for pid in &m.part_ids {
            assert!(conv.parts.iter().any(|x| &x.id == pid), "{id}: part {pid}");
            sms_parts.insert(pid.clone());
        }
        // §6: the internal note (an admin note) carries the number used, the text, and for
        // outbound messages the delivery status; the HTML escapes the number's name.
        let notes: Vec<&IPart> = conv
            .parts
            .iter()
            .filter(|x| m.part_ids.contains(&x.id) && x.part_type == "note")
            .collect();
        assert!(!notes.is_empty(), "{id}");
        assert!(notes.iter().all(|n| n.author_type == "admin"));
        let all: String = notes.iter().filter_map(|n| n.body.clone()).collect();
        assert!(all.contains(&escape(&m.number_name)), "{id}: {all}");
        assert!(all.contains(&escape(&m.e164)), "{id}: {all}");
        let text = archive
            .iter()
            .find(|v| v["data"]["id"] == id.as_str())
            .and_then(|v| v["data"]["body"].as_str())
            .unwrap();
        assert!(all.contains(&escape(text)), "{id}: {all}");
        match m.status.as_str() {
            "delivered" => assert!(all.contains("Delivered"), "{id}"),
            "failed" => assert!(all.contains("Delivery failed"), "{id}"),
            _ => assert!(!all.contains("Deliver"), "{id}"),
        }
        // §7: a conversation holding this one SMS ends with an acceptable assignee.
        let sharing = t
            .sms
            .values()
            .filter(|o| o.conversation_id == m.conversation_id)
            .count();
        if m.expect == Expect::LoggedNativelyConversation && sharing == 1 {
            let got = (conv.admin_assignee_id != 0).then(|| conv.admin_assignee_id.to_string());
            assert!(m.acceptable_assignees.contains(&got), "{id}: {got:?}");
        }
        if m.direction == "outbound" {
            assert!(m.acceptable_assignees.iter().all(Option::is_some), "{id}");
        }
    }
    // An SMS log is never mistaken for a call log: no call's truth names an SMS conversation
    // or part, and every SMS-titled message in the world is in the SMS truth.
    for c in t.calls.values() {
        if let Some(cv) = &c.conversation_id {
            assert!(!sms_sources.contains(cv), "call in SMS conversation {cv}");
        }
        assert!(c.part_ids.iter().all(|x| !sms_parts.contains(x)));
        assert!(c.acceptable_titles.iter().all(|x| !x.contains(" SMS on ")));
    }
    let sms_like =
        |b: &str| b.starts_with("<p>Inbound SMS on ") || b.starts_with("<p>Outbound SMS on ");
    for conv in w.intercom.conversations.values() {
        if sms_like(&conv.source_body) {
            assert!(sms_sources.contains(&conv.id), "{}", conv.id);
        }
        for x in &conv.parts {
            if x.body.as_deref().is_some_and(sms_like) {
                assert!(sms_parts.contains(&x.id), "{}", x.id);
            }
        }
    }
    counts
}

#[test]
fn native_sms_logs_match_the_export_and_the_truth() {
    // The default world (Sandbox::start's seed and sizes) holds every SMS case, three times.
    let d = aircom_sandbox::SandboxOptions::default();
    let w = generate(Seed {
        seed: d.seed,
        contacts: d.contacts,
        calls: d.calls,
        anchor: ANCHOR,
        ..Seed::default()
    });
    let counts = check_sms(&w, d.seed);
    for e in [
        Expect::Log,
        Expect::LoggedNativelyConversation,
        Expect::LoggedNativelyPart,
        Expect::BlockedByDuplicates,
    ] {
        assert!(
            counts.get(&e).copied().unwrap_or(0) >= 3,
            "default world: fewer than 3 {e:?} SMS: {counts:?}"
        );
    }
    // Both logging modes (behaviour §6), either side of the switch.
    let modes: std::collections::BTreeSet<LogMode> = w
        .truth
        .sms
        .values()
        .filter(|m| m.native_logged_at.is_some())
        .map(|m| m.mode)
        .collect();
    assert_eq!(modes.len(), 2, "{modes:?}");
    // An SMS appended to a conversation created before the window (last-open mode).
    assert!(w
        .truth
        .sms
        .values()
        .any(|m| m.expect == Expect::LoggedNativelyPart && m.conversation_created_before_window));
    for seed in SEEDS {
        check_sms(&world(seed), seed);
    }
}

#[tokio::test]
async fn the_served_default_world_holds_native_sms_logs() {
    let sb = support::sandbox().await;
    let truth = sb.truth();
    let w = sb.world();
    let counts = check_sms_counts(&truth);
    assert!(
        counts.values().all(|n| *n >= 3) && counts.len() == 4,
        "{counts:?}"
    );
    let (_, m) = truth
        .sms
        .iter()
        .find(|(_, m)| m.expect == Expect::LoggedNativelyPart)
        .unwrap();
    let conv: Value = reqwest::Client::new()
        .get(format!(
            "{}/conversations/{}",
            sb.intercom_url,
            m.conversation_id.as_ref().unwrap()
        ))
        .bearer_auth(SANDBOX_INTERCOM_TOKEN)
        .header("Intercom-Version", "2.16")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let title = conv["conversation_parts"]["conversation_parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"].as_str() == m.part_id.as_deref())
        .expect("the title part is served");
    assert_eq!(
        title["body"].as_str().unwrap(),
        p(m.native_title.as_ref().unwrap())
    );
    // The export of the served world is the one the truth describes.
    let archive =
        aircom_sandbox::data::sms_archive(&w, aircom_sandbox::SandboxOptions::default().seed);
    assert_eq!(archive.len(), truth.sms.len());
}

fn check_sms_counts(t: &Truth) -> BTreeMap<Expect, usize> {
    let mut counts = BTreeMap::new();
    for m in t.sms.values() {
        *counts.entry(m.expect).or_default() += 1;
    }
    counts
}
