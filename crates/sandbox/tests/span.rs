//! The span of the call window (`Seed::days`), the outage truth, a cause and a decision for
//! every call, and the per-day counts an audit is checked against. References:
//! `shared/reference/integration-behaviour.md` ("behaviour §n"), `aircall-api.md` (§3: the
//! positional 10,000-item cap), `intercom-api.md`.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use aircom_sandbox::data::{generate, Seed};
use aircom_sandbox::world::*;
use aircom_sandbox::{Sandbox, SandboxOptions, SANDBOX_AIRCALL_ID, SANDBOX_AIRCALL_TOKEN};
use serde_json::Value;

const DAY: i64 = 86_400;
const ANCHOR: i64 = 1_780_000_000 - 1_780_000_000 % DAY;

// ------------------------------------------------------------------ the 60-day world

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The world as JSON without what was added with `Seed::days` (new truth fields only), in
/// serde_json's canonical (sorted-key) form.
fn fingerprint(w: &World) -> u64 {
    let mut v = serde_json::to_value(w).unwrap();
    let truth = v["truth"].as_object_mut().unwrap();
    for k in [
        "days",
        "outage_calls",
        "contact_creation_since",
        "intercom_unreadable_phones",
    ] {
        assert!(truth.remove(k).is_some(), "truth.{k}");
    }
    for c in truth["calls"].as_object_mut().unwrap().values_mut() {
        let c = c.as_object_mut().unwrap();
        for k in [
            "cause",
            "acceptable_causes",
            "decision",
            "acceptable_decisions",
            "number_id",
            "acceptable_kinds",
        ] {
            assert!(c.remove(k).is_some(), "call.{k}");
        }
    }
    fnv(&serde_json::to_string(&v).unwrap())
}

/// The 60-day worlds are what they were before `Seed::days` existed, byte for byte: these
/// fingerprints were taken from the generator as it was, before any of this work (same
/// canonical JSON, the fields added since removed).
#[test]
fn the_60_day_world_is_unchanged() {
    let pinned: [(u64, usize, usize, u64); 6] = [
        (42, 300, 240, 0x985b_82a2_9b52_5adf),
        (7, 300, 240, 0xe039_859f_1449_250a),
        (1001, 300, 240, 0xd76f_6904_da69_f2d6),
        (7, 300, 200, 0x5732_6f52_2d10_f251),
        (3, 40, 15, 0x658d_9c4e_faa0_82a7),
        (5, 20_000, 2_000, 0x8df1_a398_e6f9_8a96),
    ];
    for (seed, contacts, calls, want) in pinned {
        let w = generate(Seed {
            seed,
            contacts,
            calls,
            anchor: ANCHOR,
            ..Seed::default()
        });
        assert_eq!(w.truth.days, 60);
        assert_eq!(w.truth.contact_creation_since, None);
        assert!(w.truth.intercom_unreadable_phones.is_empty());
        assert_eq!(
            fingerprint(&w),
            want,
            "seed {seed} ({contacts} contacts, {calls} calls) changed"
        );
    }
}

/// Asking for unreadable-phone callers in a 60-day world changes it (their contacts and
/// calls), and nothing is asked for by default.
#[test]
fn unreadable_callers_in_a_60_day_world_only_when_asked() {
    let base = Seed {
        seed: 42,
        anchor: ANCHOR,
        ..Seed::default()
    };
    let w = generate(Seed {
        unreadable_callers: Some(4),
        ..base
    });
    let t = &w.truth;
    assert_eq!(t.intercom_unreadable_phones.len(), 4);
    assert_eq!(w.aircall.calls.len(), 240);
    check_unreadable(&w);
    assert_eq!(
        fingerprint(&generate(Seed {
            unreadable_callers: Some(0),
            ..base
        })),
        0x985b_82a2_9b52_5adf
    );
}

// ------------------------------------------------------------------ the 180-day world

fn big_seed(anchor: i64) -> Seed {
    Seed {
        seed: 11,
        contacts: 3_000,
        calls: 20_000,
        anchor,
        days: 180,
        unreadable_callers: None,
    }
}

/// One 180-day world of 20,000 calls and 3,000 contacts for the tests below, generated once.
fn big() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let t0 = Instant::now();
        let w = generate(big_seed(ANCHOR));
        let took = t0.elapsed();
        let truth = serde_json::to_vec(&w.truth).unwrap().len();
        println!(
            "generated a 180-day world of {} calls, {} Intercom contacts, {} conversations in \
             {took:?}; truth JSON {:.1} MB",
            w.aircall.calls.len(),
            w.intercom.contacts.len(),
            w.intercom.conversations.len(),
            truth as f64 / 1e6
        );
        assert!(took < Duration::from_secs(120), "generation took {took:?}");
        w
    })
}

#[test]
fn a_180_day_world_has_its_size_and_spreads_calls_over_the_span() {
    let w = big();
    let t = &w.truth;
    assert_eq!(w.aircall.calls.len(), 20_000);
    assert_eq!(t.calls.len(), 20_000);
    assert_eq!(t.days, 180);
    assert!(w.intercom.contacts.len() >= 3_000);
    let start = ANCHOR - 180 * DAY;
    assert!(w
        .aircall
        .calls
        .iter()
        .all(|c| c.started_at > start && c.started_at < ANCHOR));
    // Every 30-day slice of the span holds calls, the oldest as much as the newest.
    for k in 0..6 {
        let (a, b) = (start + k * 30 * DAY, start + (k + 1) * 30 * DAY);
        let n = w
            .aircall
            .calls
            .iter()
            .filter(|c| c.started_at >= a && c.started_at < b)
            .count();
        assert!(n > 2_500, "slice {k}: {n} calls");
    }
    // Sorted as the list endpoint serves them.
    assert!(w
        .aircall
        .calls
        .windows(2)
        .all(|p| (p[0].started_at, p[0].id) <= (p[1].started_at, p[1].id)));
}

#[test]
fn outages_are_spread_over_the_span_and_never_overlap() {
    let t = &big().truth;
    let o = &t.outages;
    assert_eq!(t.outage, o[0]);
    assert!(o.len() >= 5, "{} outages over 180 days", o.len());
    let creation = t.contact_creation_since.expect("creation off at the start");
    assert_eq!(creation, ANCHOR - (180 - 21) * DAY);
    let mut sorted = o.clone();
    sorted.sort();
    for p in sorted.windows(2) {
        assert!(p[0].1 < p[1].0, "overlap: {p:?}");
        let apart = p[1].0 - p[0].0;
        assert!(
            (20 * DAY..=36 * DAY).contains(&apart),
            "outages {} days apart",
            apart / DAY
        );
    }
    for &(s, e) in o {
        let len = e - s;
        assert!((2 * 3600..=108 * 3600).contains(&len), "length {len} s");
        assert!(e <= ANCHOR - DAY, "an outage touches the last day");
        assert!(
            s > creation,
            "an outage in the weeks with contact creation off"
        );
    }
    // A couple of hours up to a few days.
    assert!(o.iter().any(|(s, e)| e - s < 24 * 3600));
    assert!(o.iter().any(|(s, e)| e - s > 3 * DAY));
}

const TITLES: [&str; 8] = [
    "Inbound answered call on ",
    "Inbound unanswered call on ",
    "Outbound answered call on ",
    "Outbound unanswered call on ",
    "Missed call on ",
    "Voicemail on ",
    "Inbound SMS on ",
    "Outbound SMS on ",
];

fn is_title(body: &str) -> bool {
    body.strip_prefix("<p>")
        .is_some_and(|b| TITLES.iter().any(|t| b.starts_with(t)))
}

/// Every write the native integration leaves in Intercom, read from the world itself (not
/// from the truth's flags): a conversation whose source is a call or SMS title (behaviour
/// §6), a title message, every internal note and every assignment, and the contacts it
/// creates (§4, §5). Ordinary customer chats are comments and closes.
fn native_writes(w: &World) -> Vec<(i64, String)> {
    let mut out = Vec::new();
    for c in w.intercom.conversations.values() {
        if is_title(&c.source_body) {
            out.push((c.created_at, format!("conversation {}", c.id)));
        }
        for p in &c.parts {
            let title = p.part_type == "comment" && p.body.as_deref().is_some_and(is_title);
            if title || p.part_type == "note" || p.part_type == "assignment" {
                out.push((p.created_at, format!("{} part {}", p.part_type, p.id)));
            }
        }
    }
    for c in w.intercom.contacts.values() {
        let name = c.name.as_deref().unwrap_or("");
        if name.ends_with("New Aircall contact") || name == "Aircall Anonymous Contact" {
            out.push((c.created_at, format!("contact {}", c.id)));
        }
    }
    out
}

/// Behaviour §8: a tag is synced when it is put on the call (within two hours of the end);
/// none of the synced tags was put on during an outage (Aircall's tag times, the truth's
/// record of which tags reached Intercom: the world keeps no time for a conversation's tags).
fn tags_synced_in_outage(w: &World) -> usize {
    let t = &w.truth;
    let tag_name: BTreeMap<i64, &str> = w
        .aircall
        .tags
        .iter()
        .map(|x| (x.id, x.name.as_str()))
        .collect();
    w.aircall
        .calls
        .iter()
        .flat_map(|call| call.tags.iter().map(move |tg| (call.id, tg)))
        .filter(|(id, tg)| {
            t.calls[id]
                .synced_tags
                .iter()
                .any(|n| Some(&n.as_str()) == tag_name.get(&tg.tag_id))
                && t.outages
                    .iter()
                    .any(|(s, e)| tg.created_at >= *s && tg.created_at < *e)
        })
        .count()
}

/// An outage is a stretch with no native write at all, and it has calls to be seen by.
fn check_outages_in_world(w: &World) {
    let t = &w.truth;
    let writes = native_writes(w);
    assert!(writes.len() > 1_000 || t.calls.len() < 1_000);
    for (at, what) in &writes {
        for (s, e) in &t.outages {
            assert!(!(s..e).contains(&at), "{what} at {at} in outage {s}..{e}");
        }
    }
    assert_eq!(tags_synced_in_outage(w), 0);
    // Readable owners per number (Intercom contacts whose phone means it).
    let mut owners: BTreeMap<&str, usize> = BTreeMap::new();
    for e in t.intercom_phone_e164.values() {
        *owners.entry(e.as_str()).or_default() += 1;
    }
    // Calls a native note names (by their recording or voicemail link).
    let mut noted: BTreeSet<i64> = BTreeSet::new();
    for body in w
        .intercom
        .conversations
        .values()
        .flat_map(|c| c.parts.iter())
        .filter(|p| p.part_type == "note")
        .filter_map(|p| p.body.as_deref())
    {
        for piece in body.split("assets.aircall.io/calls/").skip(1) {
            if let Some(id) = piece.split('/').next().and_then(|d| d.parse().ok()) {
                noted.insert(id);
            }
        }
    }
    assert!(!noted.is_empty());
    assert_eq!(t.outage_calls.len(), t.outages.len());
    for (o, &(s, e)) in t.outage_calls.iter().zip(&t.outages) {
        assert_eq!((o.start, o.end), (s, e));
        // From the Aircall world: calls started inside, from a caller with one contact.
        let inside: Vec<&ACall> = w
            .aircall
            .calls
            .iter()
            .filter(|c| c.started_at >= s && c.started_at < e)
            .collect();
        let loggable = inside
            .iter()
            .filter(|c| {
                let d: String = c
                    .raw_digits
                    .chars()
                    .filter(|x| *x == '+' || x.is_ascii_digit())
                    .collect();
                owners.get(d.as_str()) == Some(&1)
            })
            .count();
        assert!(loggable >= 1, "outage {s}..{e}: no call to see it by");
        for c in &inside {
            assert!(
                !noted.contains(&c.id),
                "call {} in outage {s}..{e} has a native note",
                c.id
            );
        }
        // The truth's observable bounds.
        assert!(!o.calls.is_empty());
        for id in &o.calls {
            let c = &t.calls[id];
            assert!((s..e).contains(&c.started_at));
            assert_eq!(c.cause, Some(MissCause::Outage));
            assert_ne!(c.decision, Decision::Native);
        }
        let first = o.first_call_at.unwrap();
        let last = o.last_call_at.unwrap();
        assert!(s <= first && first <= last && last < e);
        assert_eq!(first, t.calls[&o.calls[0]].started_at);
        assert_eq!(last, t.calls[o.calls.last().unwrap()].started_at);
        for id in &o.calls_started_before {
            let c = &t.calls[id];
            assert!(c.started_at < s);
            assert!(c.acceptable_causes.contains(&MissCause::RandomMiss));
        }
        let before = o.last_logged_call_before.unwrap();
        let after = o.first_logged_call_after.unwrap();
        assert!(before < s && after >= e);
        // Nothing logged natively started between the bracket and the window.
        assert!(!t.calls.values().any(|c| c.decision == Decision::Native
            && c.started_at > before
            && c.started_at < after));
    }
}

#[test]
fn no_native_write_falls_in_an_outage_and_each_has_calls() {
    let w = big();
    check_outages_in_world(w);
    let t = &w.truth;
    // Dense enough for a report to find each window to the quarter hour.
    for o in &t.outage_calls {
        let lead = o.first_call_at.unwrap() - o.last_logged_call_before.unwrap();
        let tail = o.first_logged_call_after.unwrap() - o.last_call_at.unwrap();
        println!(
            "outage {}..{} ({:.1} h): {} calls (+{} started before), first {} s after the last \
             log before, last {} s before the first log after",
            o.start,
            o.end,
            (o.end - o.start) as f64 / 3600.0,
            o.calls.len(),
            o.calls_started_before.len(),
            lead,
            tail
        );
        // Each bound seen to a quarter of an hour from both sides.
        let q = 15 * 60;
        assert!(o.first_call_at.unwrap() - o.start <= q, "{o:?}");
        assert!(o.start - o.last_logged_call_before.unwrap() <= q, "{o:?}");
        assert!(o.end - o.last_call_at.unwrap() <= q, "{o:?}");
        assert!(o.first_logged_call_after.unwrap() - o.end <= q, "{o:?}");
    }
    // Outside outages and the weeks with contact creation off, misses come at most a few in
    // a row (counting the calls an audit could expect logged: native, gap, unreadable, no
    // contact; shared numbers and calls in progress are never logged and are skipped).
    let since = t.contact_creation_since.unwrap();
    let mut ordered: Vec<&CallTruth> = t.calls.values().collect();
    ordered.sort_by_key(|c| c.started_at);
    let (mut run, mut longest) = (0usize, 0usize);
    for c in ordered {
        if matches!(c.decision, Decision::Blocked | Decision::InProgress) {
            continue;
        }
        let quiet = c.started_at >= since
            && !t
                .outages
                .iter()
                .any(|(s, e)| c.started_at > s - 3600 && c.started_at < e + 3600);
        if quiet && c.decision != Decision::Native {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    println!("longest run of misses outside outages: {longest}");
    assert!(longest <= 3, "{longest} misses in a row outside any outage");
    // No scattered miss within six hours of an outage: what an outage swallowed is told apart
    // from what was missed anyway.
    for c in t.calls.values() {
        if matches!(
            c.cause,
            Some(MissCause::RandomMiss | MissCause::RepeatMiss | MissCause::UnreadableNumber)
        ) {
            assert!(!t
                .outages
                .iter()
                .any(|(s, e)| c.started_at > s - 6 * 3600 && c.started_at < e + 6 * 3600));
        }
    }
}

#[test]
fn the_60_day_worlds_outages_are_as_precise() {
    for seed in [42, 7, 1001] {
        let w = generate(Seed {
            seed,
            anchor: ANCHOR,
            ..Seed::default()
        });
        check_outages_in_world(&w);
        let t = &w.truth;
        // Random misses next to an outage, with no native log between (they would stretch
        // what a report sees): listed for the record.
        for o in &t.outage_calls {
            let (before, after) = (
                o.last_logged_call_before.unwrap(),
                o.first_logged_call_after.unwrap(),
            );
            let adjacent: Vec<i64> = t
                .calls
                .iter()
                .filter(|(_, c)| {
                    c.cause.is_some_and(|x| x != MissCause::Outage)
                        && c.decision != Decision::Blocked
                        && c.started_at > before
                        && c.started_at < after
                })
                .map(|(id, _)| *id)
                .collect();
            println!(
                "seed {seed}: outage {}..{}: {} calls, adjacent other misses {adjacent:?}",
                o.start,
                o.end,
                o.calls.len()
            );
        }
    }
}

fn check_unreadable(w: &World) {
    let t = &w.truth;
    assert!(!t.intercom_unreadable_phones.is_empty());
    for (id, u) in &t.intercom_unreadable_phones {
        let c = &w.intercom.contacts[id];
        assert_eq!(c.phone.as_deref(), Some(u.raw.as_str()));
        assert_eq!(c.country, u.location);
        // Neither E.164 nor digits-and-separators (behaviour §1, §9).
        assert!(u.raw != u.e164);
        assert!(u
            .raw
            .chars()
            .any(|x| x.is_ascii_alphabetic() || x == ':' || u.raw.contains("(0)")));
        let digits: String = u.raw.chars().filter(char::is_ascii_digit).collect();
        assert!(digits.ends_with(&u.e164[u.e164.len() - 6..]), "{u:?}");
        assert!(!t.intercom_phone_e164.contains_key(id));
        assert!(!t.intercom_bad_phones.contains(id));
        assert!(!t.intercom_uncertain_phones.contains_key(id));
        // Nobody else holds the number.
        assert!(!t.intercom_phone_e164.values().any(|e| e == &u.e164));
        assert!(!u.calls.is_empty());
        for call in &u.calls {
            let ct = &t.calls[call];
            assert_eq!(ct.e164.as_ref(), Some(&u.e164));
            assert_eq!(ct.cause, Some(MissCause::UnreadableNumber));
            assert_eq!(ct.decision, Decision::Unreadable);
            assert_eq!(
                ct.acceptable_decisions,
                vec![Decision::Unreadable, Decision::UnknownCaller]
            );
            assert!(ct.acceptable_causes.contains(&MissCause::UnknownCaller));
            assert_eq!(ct.contact_id.as_ref(), Some(id));
            assert_eq!(ct.expect, Expect::Log);
            assert!(t.gaps.contains(call));
        }
        // The integration neither logged to the contact nor created a lead for the number.
        assert!(!w
            .intercom
            .conversations
            .values()
            .any(|c| &c.contact_id == id));
        assert!(!w
            .intercom
            .contacts
            .values()
            .any(|c| c.phone.as_deref() == Some(u.e164.as_str())));
    }
}

#[test]
fn every_call_not_logged_natively_has_a_cause() {
    let w = big();
    let t = &w.truth;
    let mut causes: BTreeMap<MissCause, usize> = BTreeMap::new();
    for (id, c) in &t.calls {
        let native = matches!(
            c.expect,
            Expect::LoggedNativelyConversation | Expect::LoggedNativelyPart
        );
        assert_eq!(native, c.cause.is_none(), "call {id}: {:?}", c.cause);
        assert_eq!(native, c.decision == Decision::Native, "call {id}");
        assert_eq!(c.acceptable_decisions.first(), Some(&c.decision));
        assert_eq!(c.decision, derive_decision(c));
        if let Some(cause) = c.cause {
            *causes.entry(cause).or_default() += 1;
            assert_eq!(c.acceptable_causes.first(), Some(&cause), "call {id}");
            let expect = match cause {
                MissCause::SharedNumber => Expect::BlockedByDuplicates,
                MissCause::InProgress => Expect::InProgress,
                _ => Expect::Log,
            };
            assert_eq!(c.expect, expect, "call {id}");
            // miss_reason is kept, and agrees.
            if c.expect == Expect::Log {
                let v = serde_json::to_value(cause).unwrap();
                assert_eq!(c.miss_reason.as_deref(), v.as_str(), "call {id}");
            }
        } else {
            assert!(c.acceptable_causes.is_empty());
        }
        assert!(c.acceptable_titles.len() == c.acceptable_kinds.len());
        assert!(c
            .kind
            .as_ref()
            .is_some_and(|k| c.acceptable_kinds.contains(k)));
        assert!(w.aircall.numbers.iter().any(|n| n.id == c.number_id));
    }
    println!("causes: {causes:?}");
    for cause in [
        MissCause::Outage,
        MissCause::RandomMiss,
        MissCause::RepeatMiss,
        MissCause::SharedNumber,
        MissCause::UnknownCaller,
        MissCause::UnreadableNumber,
        MissCause::Anonymous,
        MissCause::InProgress,
    ] {
        assert!(causes.get(&cause).copied().unwrap_or(0) > 0, "no {cause:?}");
    }
    // Contact creation off at the start (behaviour §4, §5): unknown and anonymous callers
    // were not logged then, and were after.
    let since = t.contact_creation_since.unwrap();
    for c in t.calls.values() {
        if matches!(
            c.cause,
            Some(MissCause::UnknownCaller | MissCause::Anonymous)
        ) && c.decision != Decision::Unreadable
        {
            assert!(c.started_at < since);
        }
    }
    assert!(t
        .native_new_contacts
        .iter()
        .all(|id| w.intercom.contacts[id].created_at >= since));
    check_unreadable(w);
}

#[test]
fn per_day_counts_add_up_and_some_days_have_misses_but_no_outage() {
    let w = big();
    let t = &w.truth;
    let days = t.call_days();
    assert!(days.len() >= 179, "{} days", days.len());
    let mut total: BTreeMap<Decision, usize> = BTreeMap::new();
    let mut quiet_days_with_misses = 0;
    let all = t.all_day_counts(&BTreeSet::new());
    assert_eq!(all.keys().copied().collect::<Vec<_>>(), days);
    for &d in &days {
        let counts = t.day_counts(d);
        assert_eq!(all[&d], counts);
        assert!(counts.accepts(&counts.by_decision), "day {d}");
        for (k, n) in &counts.by_decision {
            *total.entry(*k).or_default() += n;
        }
        assert_eq!(counts.by_decision.values().sum::<usize>(), counts.calls);
        let outage_day = t.outages.iter().any(|(s, e)| *s < d + DAY && *e > d);
        let misses = t
            .calls
            .values()
            .filter(|c| Truth::day_of(c.started_at) == d && c.cause == Some(MissCause::RandomMiss))
            .count();
        if !outage_day && misses > 0 {
            quiet_days_with_misses += 1;
        }
    }
    assert_eq!(total.values().sum::<usize>(), 20_000);
    assert!(
        quiet_days_with_misses > 100,
        "{quiet_days_with_misses} days with scattered misses and no outage"
    );
    for d in [
        Decision::Native,
        Decision::Gap,
        Decision::Blocked,
        Decision::UnknownCaller,
        Decision::Unreadable,
        Decision::InProgress,
    ] {
        assert!(
            total.get(&d).copied().unwrap_or(0) > 0,
            "no {d:?}: {total:?}"
        );
    }
    assert_eq!(
        t.summary().calls_by_decision.values().sum::<usize>(),
        20_000
    );

    // A day with an unreadable call accepts both readings, and nothing else.
    let (id, c) = t
        .calls
        .iter()
        .find(|(_, c)| c.decision == Decision::Unreadable)
        .unwrap();
    let counts = t.day_counts(c.started_at);
    assert!(!counts.flexible.is_empty());
    let mut strict = counts.by_decision.clone();
    *strict.get_mut(&Decision::Unreadable).unwrap() -= 1;
    *strict.entry(Decision::UnknownCaller).or_default() += 1;
    assert!(counts.accepts(&strict));
    let mut wrong = counts.by_decision.clone();
    *wrong.get_mut(&Decision::Unreadable).unwrap() -= 1;
    *wrong.entry(Decision::Gap).or_default() += 1;
    assert!(!counts.accepts(&wrong));

    // After a backfill: the calls the tool logged move to `logged_by_tool`; a native call
    // named as logged by the tool is flagged.
    let gap = t
        .calls
        .iter()
        .find(|(_, x)| {
            x.decision == Decision::Gap
                && Truth::day_of(x.started_at) == Truth::day_of(c.started_at)
        })
        .map(|(id, _)| *id);
    let native = t
        .calls
        .iter()
        .find(|(_, x)| {
            x.decision == Decision::Native
                && Truth::day_of(x.started_at) == Truth::day_of(c.started_at)
        })
        .map(|(id, _)| *id)
        .unwrap();
    let logged: BTreeSet<i64> = gap.into_iter().chain([*id, native]).collect();
    let after = t.day_counts_after(c.started_at, &logged);
    let moved = logged.len() - 1;
    assert_eq!(after.get(Decision::LoggedByTool), moved);
    assert_eq!(after.unexpected_tool_logs, vec![native]);
    assert_eq!(after.get(Decision::Native), counts.get(Decision::Native));
    assert_eq!(after.calls, counts.calls);
}

// ------------------------------------------------------------------ over HTTP

async fn get(http: &reqwest::Client, url: &str) -> (u16, Value) {
    let r = http
        .get(url)
        .basic_auth(SANDBOX_AIRCALL_ID, Some(SANDBOX_AIRCALL_TOKEN))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// aircall-api.md §3: "When `page × per_page > 10000`, the request fails with 400"; "To read
/// more than that, split the `from`/`to` time window". A 180-day world of 20,000 calls is
/// reachable only by narrowing the window; its truth is served whole.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_thousand_calls_are_reachable_only_by_narrowing_the_window() {
    let anchor = support::anchor();
    let t0 = Instant::now();
    let sb = Sandbox::start(SandboxOptions {
        seed: 11,
        contacts: 3_000,
        calls: 20_000,
        anchor: Some(anchor),
        days: 180,
        ..SandboxOptions::default()
    })
    .await
    .unwrap();
    println!(
        "a 20,000-call, 180-day sandbox started in {:?}",
        t0.elapsed()
    );
    let http = reqwest::Client::new();
    let base = &sb.aircall_url;
    let all = format!("from={}&to={}", anchor - 181 * DAY, anchor);

    // The whole window: 200 pages of 50, then a 400 at item 10,050.
    let mut seen = 0usize;
    for page in 1..=200 {
        let (status, v) = get(
            &http,
            &format!("{base}/v1/calls?{all}&per_page=50&page={page}"),
        )
        .await;
        assert_eq!(status, 200, "page {page}");
        assert_eq!(v["meta"]["total"], 20_000);
        seen += v["calls"].as_array().unwrap().len();
        if page == 200 {
            assert!(v["meta"]["next_page_link"].is_null());
        }
    }
    assert_eq!(seen, 10_000);
    let (status, v) = get(
        &http,
        &format!("{base}/v1/calls?{all}&per_page=50&page=201"),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(v["message"], "BAD_REQUEST");
    assert!(v["errors"]
        .as_str()
        .unwrap()
        .contains("limited to 10k results"));
    // Positional: a per_page of 20 fails past page 500, a larger per_page is clamped to 50.
    let (status, _) = get(
        &http,
        &format!("{base}/v1/calls?{all}&per_page=20&page=500"),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = get(
        &http,
        &format!("{base}/v1/calls?{all}&per_page=20&page=501"),
    )
    .await;
    assert_eq!(status, 400);
    let (status, _) = get(
        &http,
        &format!("{base}/v1/calls?{all}&per_page=500&page=201"),
    )
    .await;
    assert_eq!(status, 400);
    // Even a query matching few items is refused past the cap.
    let narrow = format!("from={}&to={}", anchor - 3600, anchor);
    let (status, _) = get(
        &http,
        &format!("{base}/v1/calls?{narrow}&per_page=50&page=201"),
    )
    .await;
    assert_eq!(status, 400);

    // Thirty-day windows (`from` exclusive, `to` inclusive) reach every call once.
    let mut ids = BTreeSet::new();
    let mut from = anchor - 181 * DAY;
    while from < anchor {
        let to = (from + 30 * DAY).min(anchor);
        let mut page = 1;
        loop {
            let (status, v) = get(
                &http,
                &format!("{base}/v1/calls?from={from}&to={to}&per_page=50&page={page}"),
            )
            .await;
            assert_eq!(status, 200);
            assert!(v["meta"]["total"].as_u64().unwrap() < 10_000);
            for c in v["calls"].as_array().unwrap() {
                assert!(ids.insert(c["id"].as_i64().unwrap()), "{} twice", c["id"]);
            }
            if v["meta"]["next_page_link"].is_null() {
                break;
            }
            page += 1;
        }
        from = to;
    }
    assert_eq!(ids.len(), 20_000);

    // The truth, served whole.
    let t0 = Instant::now();
    let r = http
        .get(format!("{base}/_sandbox/truth"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let bytes = r.bytes().await.unwrap();
    let took = t0.elapsed();
    println!(
        "/_sandbox/truth: {:.1} MB in {took:?}",
        bytes.len() as f64 / 1e6
    );
    assert!(took < Duration::from_secs(60));
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(v["calls"].as_object().unwrap().len(), 20_000);
    assert_eq!(v["days"], 180);
    assert!(v["outage_calls"].as_array().unwrap().len() >= 5);
    let truth: Truth = serde_json::from_value(v).unwrap();
    assert_eq!(truth.calls.len(), 20_000);
}

/// A state file written before these fields existed still loads, and its calls get a cause
/// and a decision.
#[tokio::test]
async fn an_old_state_file_gets_causes_and_decisions() {
    let w = generate(Seed {
        seed: 42,
        anchor: support::anchor(),
        ..Seed::default()
    });
    let mut v = serde_json::to_value(&w).unwrap();
    for c in v["truth"]["calls"].as_object_mut().unwrap().values_mut() {
        let c = c.as_object_mut().unwrap();
        for k in [
            "cause",
            "acceptable_causes",
            "decision",
            "acceptable_decisions",
        ] {
            c.remove(k);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    std::fs::write(&path, serde_json::to_string(&v).unwrap()).unwrap();
    let sb = Sandbox::start(SandboxOptions {
        state_file: Some(path),
        ..SandboxOptions::default()
    })
    .await
    .unwrap();
    let t = sb.truth();
    for (id, c) in &t.calls {
        let want = &w.truth.calls[id];
        assert_eq!(c.decision, want.decision, "call {id}");
        assert_eq!(c.cause, want.cause, "call {id}");
    }
}
