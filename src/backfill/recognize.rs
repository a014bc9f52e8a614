//! Recognising calls that are already logged in Intercom, by evidence (behaviour reference §6,
//! §10), so a backfill never logs a call twice.
//!
//! Evidence is a title message: the source of a conversation (the native integration's "new
//! conversation" mode) or a part of one (its "last open conversation" mode, where the
//! conversation may predate the call by months), read as text from Intercom's HTML.
//!
//! What the references leave open, and how this reads it:
//! - The mapping from Aircall's call fields to the six kinds is not in the source (§6). The
//!   native integration may title an unanswered inbound call "Missed call", "Inbound
//!   unanswered call" or "Voicemail" whatever aircom's own table says, so every one of those
//!   titles counts for every unanswered inbound call, in English and Spanish.
//! - When the native integration writes (§10, "likely, not confirmed"): at `answered_at` for an
//!   answered call, ~30 s after `ended_at` for the rest. A log may be dated anywhere from the
//!   call's start to a few minutes after its end.
//! - One title message is evidence for one call only. A caller who re-dials within minutes has
//!   two calls and maybe one log: the log goes to the call whose expected logging time it is
//!   closest to, and the other call stays a gap.

use std::collections::HashMap;

use crate::aircall::{Call, Direction};
use crate::integration::{title, Kind, Locale};

/// How long before a call's `started_at` a log may be dated (clock skew between the services).
pub const BEFORE_START: i64 = 120;
/// How long after a call's `ended_at` the native log may be dated (§10: "about 30 seconds
/// after hang-up", with room for a slow webhook and retries).
pub const AFTER_END: i64 = 600;
/// How long after hang-up the native integration may still log a call (§10): a call that ended
/// more recently is left for the next run, since logging it now could race the integration.
pub const SETTLE: i64 = 600;
/// How far before a backfill's period calls are read as competitors for the period's logs: a
/// call that started up to this long before may have been logged inside the period (its log
/// can be dated minutes after its end, §10).
pub const CONTEXT: i64 = 4 * 3600;
/// `call.ended` fires about this long after hang-up (§10).
const ENDED_EVENT_DELAY: i64 = 30;

/// One title message found in Intercom.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Evidence {
    pub conversation_id: String,
    /// The part holding the title; `None` when it is the conversation's source.
    pub part_id: Option<String>,
    /// When Intercom dates the message.
    pub at: i64,
    /// The message's first line, as text.
    pub title: String,
}

/// Whether a call is settled enough to be recognised or logged at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    Ready,
    /// `ended_at` is null: nobody, native or aircom, has logged it completely yet (§10).
    InProgress,
    /// Ended less than [`SETTLE`] ago: the native integration may still log it.
    JustEnded,
}

pub fn readiness(call: &Call, now: i64) -> Readiness {
    match call.ended_at {
        None => Readiness::InProgress,
        Some(end) if now - end < SETTLE => Readiness::JustEnded,
        Some(_) => Readiness::Ready,
    }
}

/// The kinds the native integration may have logged this call as (see the module docs).
pub fn possible_kinds(call: &Call) -> Vec<Kind> {
    match (&call.direction, call.answered_at.is_some()) {
        (Direction::Outbound, true) => vec![Kind::OutboundAnswered],
        (Direction::Outbound, false) => vec![Kind::OutboundUnanswered],
        (Direction::Inbound, true) => vec![Kind::InboundAnswered],
        (Direction::Inbound, false) => {
            vec![Kind::Missed, Kind::InboundUnanswered, Kind::Voicemail]
        }
    }
}

/// Every title a log of this call may carry, in both languages.
pub fn acceptable_titles(call: &Call) -> Vec<String> {
    let name = call
        .number
        .as_ref()
        .and_then(|n| n.name.as_deref())
        .unwrap_or_default();
    let mut out = Vec::new();
    for kind in possible_kinds(call) {
        for locale in [Locale::En, Locale::Es] {
            out.push(normalize_title(&title(kind, name, locale)));
        }
    }
    out
}

/// Titles compare with whitespace runs collapsed (HTML collapses them too; NBSP counts as
/// whitespace) and case folded.
pub fn normalize_title(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a message reads as a call log's title, for any call, number and locale
/// (`Missed call on …`, `Llamada perdida en …`): how `backfill tags` knows a conversation
/// holds a call log it cannot attribute, and so leaves its tags alone.
pub fn is_call_title(text: &str) -> bool {
    const KINDS: [Kind; 6] = [
        Kind::InboundAnswered,
        Kind::InboundUnanswered,
        Kind::OutboundAnswered,
        Kind::OutboundUnanswered,
        Kind::Missed,
        Kind::Voicemail,
    ];
    let text = normalize_title(text);
    KINDS.iter().any(|&k| {
        [Locale::En, Locale::Es].iter().any(|&l| {
            // `title(k, "")` ends with the word before the number's name ("… on ").
            let prefix = normalize_title(&title(k, "", l));
            text.strip_prefix(&prefix)
                .is_some_and(|rest| rest.starts_with(' ') && rest.len() > 1)
        })
    })
}

/// Whether two titles are the same once normalized.
pub fn same_title(a: &str, b: &str) -> bool {
    normalize_title(a) == normalize_title(b)
}

/// Something a native log may be evidence for: a call, or an SMS.
pub trait Loggable {
    type Key: Clone + Eq + std::hash::Hash + Ord;
    fn key(&self) -> Self::Key;
    fn started_at(&self) -> i64;
    /// Every title a log of it may carry, normalized.
    fn titles(&self) -> Vec<String>;
    /// The times a log of it may be dated, inclusive.
    fn window(&self) -> (i64, i64);
    /// How far a log dated `at` is from when the native integration would have written it.
    fn distance(&self, at: i64) -> i64;
}

impl Loggable for Call {
    type Key = i64;
    fn key(&self) -> i64 {
        self.id.0
    }
    fn started_at(&self) -> i64 {
        self.started_at
    }
    fn titles(&self) -> Vec<String> {
        acceptable_titles(self)
    }
    fn window(&self) -> (i64, i64) {
        window(self)
    }
    fn distance(&self, at: i64) -> i64 {
        distance(self, at)
    }
}

/// An SMS, as recognition needs it.
#[derive(Debug, Clone)]
pub struct Sms {
    pub id: String,
    /// When it was sent or received.
    pub at: i64,
    pub inbound: bool,
    /// The Aircall number's name.
    pub number_name: String,
}

/// An SMS's title (§6): `Inbound SMS on <number name>`.
pub fn sms_title(inbound: bool, number: &str, locale: Locale) -> String {
    match (locale, inbound) {
        (Locale::En, true) => format!("Inbound SMS on {number}"),
        (Locale::En, false) => format!("Outbound SMS on {number}"),
        (Locale::Es, true) => format!("SMS entrante en {number}"),
        (Locale::Es, false) => format!("SMS saliente en {number}"),
    }
}

impl Loggable for Sms {
    type Key = String;
    fn key(&self) -> String {
        self.id.clone()
    }
    fn started_at(&self) -> i64 {
        self.at
    }
    fn titles(&self) -> Vec<String> {
        [Locale::En, Locale::Es]
            .iter()
            .map(|l| normalize_title(&sms_title(self.inbound, &self.number_name, *l)))
            .collect()
    }
    /// The native integration writes on the message's webhook (§10): from a little before
    /// (clock skew) to a few minutes after.
    fn window(&self) -> (i64, i64) {
        (self.at - BEFORE_START, self.at + AFTER_END)
    }
    fn distance(&self, at: i64) -> i64 {
        (at - self.at).abs()
    }
}

/// The times a log of this call may be dated, inclusive.
pub fn window(call: &Call) -> (i64, i64) {
    let end = call
        .ended_at
        .or(call.answered_at)
        .unwrap_or(call.started_at);
    (call.started_at - BEFORE_START, end + AFTER_END)
}

/// How far a log dated `at` is from when the native integration would have written it.
fn distance(call: &Call, at: i64) -> i64 {
    let mut expected = Vec::with_capacity(2);
    if let Some(a) = call.answered_at {
        expected.push(a);
    }
    if let Some(e) = call.ended_at {
        expected.push(e + ENDED_EVENT_DELAY);
    }
    if expected.is_empty() {
        expected.push(call.started_at);
    }
    expected
        .iter()
        .map(|e| (at - e).abs())
        .min()
        .unwrap_or(i64::MAX)
}

/// Pairs items (calls or SMS) with the evidence that logs them, one to one: every feasible
/// pair (an acceptable title, dated within the item's window) is ranked by how close the log
/// is to the item's expected logging time, and taken in that order while both ends are free.
/// Returns item key → index into `evidence`.
///
/// Give it all the items of one contact that a run considers, and all of that contact's
/// evidence, so a log cannot be claimed by the wrong item.
pub fn claim<T: Loggable>(items: &[&T], evidence: &[Evidence]) -> HashMap<T::Key, usize> {
    let mut pairs: Vec<(i64, i64, T::Key, usize)> = Vec::new();
    for item in items {
        let titles = item.titles();
        let (lo, hi) = item.window();
        for (i, ev) in evidence.iter().enumerate() {
            if ev.at < lo || ev.at > hi {
                continue;
            }
            let t = normalize_title(&ev.title);
            if titles.contains(&t) {
                pairs.push((item.distance(ev.at), item.started_at(), item.key(), i));
            }
        }
    }
    pairs.sort();
    let mut out = HashMap::new();
    let mut taken = vec![false; evidence.len()];
    for (_, _, key, i) in pairs {
        if taken[i] || out.contains_key(&key) {
            continue;
        }
        taken[i] = true;
        out.insert(key, i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(id: i64, dir: &str, started: i64, answered: Option<i64>, ended: Option<i64>) -> Call {
        serde_json::from_value(serde_json::json!({
            "id": id, "direction": dir, "started_at": started, "answered_at": answered,
            "ended_at": ended, "raw_digits": "+33 6 12 34 56 78",
            "number": {"id": 1, "name": "UK Desk & Billing", "digits": "+44 20 0000 0000"},
        }))
        .unwrap()
    }

    fn ev(conv: &str, at: i64, title: &str) -> Evidence {
        Evidence {
            conversation_id: conv.into(),
            part_id: None,
            at,
            title: title.into(),
        }
    }

    #[test]
    fn every_reading_of_an_unanswered_inbound_call_counts() {
        let c = call(1, "inbound", 1000, None, Some(1020));
        let t = acceptable_titles(&c);
        for want in [
            "Missed call on UK Desk & Billing",
            "Inbound unanswered call on UK Desk & Billing",
            "Voicemail on UK Desk & Billing",
            "Llamada perdida en UK Desk & Billing",
        ] {
            assert!(t.contains(&normalize_title(want)), "{want}");
        }
        assert!(!t.iter().any(|x| x.starts_with("inbound answered")));
        let answered = call(2, "inbound", 1000, Some(1010), Some(1200));
        assert!(same_title(
            &acceptable_titles(&answered)[0],
            "Inbound answered call on UK Desk & Billing"
        ));
    }

    /// Titles match whatever the case, with NBSP and runs of spaces folded (§6 text read
    /// from HTML).
    #[test]
    fn titles_match_case_and_space_insensitively() {
        let c = call(1, "inbound", 1000, Some(1010), Some(1100));
        let odd = "inbound ANSWERED\u{a0}call  on UK Desk & Billing";
        assert_eq!(claim(&[&c], &[ev("9", 1010, odd)]).get(&1), Some(&0));
    }

    /// SMS are recognised by the same function: their titles in both languages, near the
    /// message's time, one log per message.
    #[test]
    fn sms_are_claimed_one_to_one() {
        let a = Sms {
            id: "m1".into(),
            at: 1000,
            inbound: true,
            number_name: "Paris".into(),
        };
        let b = Sms {
            id: "m2".into(),
            at: 1060,
            inbound: true,
            number_name: "Paris".into(),
        };
        let logs = [
            ev("9", 1062, "SMS entrante en Paris"),
            ev("8", 5000, "Inbound SMS on Paris"),
        ];
        let m = claim(&[&a, &b], &logs);
        assert_eq!(m.get("m2"), Some(&0), "the nearer message takes the log");
        assert_eq!(
            m.get("m1"),
            None,
            "a log far outside the window counts for none"
        );
        let out = Sms {
            inbound: false,
            ..a.clone()
        };
        assert!(claim(&[&out], &[ev("9", 1000, "Inbound SMS on Paris")]).is_empty());
    }

    #[test]
    fn a_log_dated_at_answer_or_after_the_end_of_a_long_call_is_found() {
        // A 40-minute call: logged when answered, or completed ~30 s after the end (§10).
        let c = call(1, "inbound", 1000, Some(1015), Some(1000 + 2400));
        let title = "Inbound answered call on UK Desk & Billing";
        for at in [1015, 1000 + 2400 + 30] {
            let m = claim(&[&c], &[ev("9", at, title)]);
            assert_eq!(m.get(&1), Some(&0), "logged at {at}");
        }
        // Long after the end: some other call's log, not this one's.
        assert!(claim(&[&c], &[ev("9", 1000 + 2400 + 3600, title)]).is_empty());
    }

    #[test]
    fn a_redial_within_minutes_keeps_its_real_gap() {
        // Two missed calls two minutes apart; only the second was logged (at its end + 30 s).
        let first = call(1, "inbound", 1000, None, Some(1020));
        let second = call(2, "inbound", 1120, None, Some(1140));
        let logs = [ev("9", 1170, "Missed call on UK Desk & Billing")];
        let m = claim(&[&first, &second], &logs);
        assert_eq!(m.get(&2), Some(&0));
        assert_eq!(m.get(&1), None, "the first call is the gap");
        // One log never counts for two calls.
        assert_eq!(m.len(), 1);
    }

    /// A gap must not take the log of a later call still in progress (logged at answer, §10):
    /// callers pass every call of the caller as a competitor, settled or not.
    #[test]
    fn a_call_in_progress_keeps_its_own_log() {
        let gap = call(1, "inbound", 0, Some(5), Some(60));
        let live = call(2, "inbound", 300, Some(305), None);
        let logs = [ev("9", 305, "Inbound answered call on UK Desk & Billing")];
        assert_eq!(
            claim(&[&gap], &logs).get(&1),
            Some(&0),
            "alone, the gap would take it"
        );
        let m = claim(&[&gap, &live], &logs);
        assert_eq!(m.get(&2), Some(&0));
        assert_eq!(m.get(&1), None);
    }

    #[test]
    fn titles_compare_as_text() {
        let c = call(1, "outbound", 1000, None, Some(1030));
        let m = claim(
            &[&c],
            &[ev(
                "9",
                1060,
                "Outbound  unanswered call on UK Desk & Billing",
            )],
        );
        assert_eq!(m.len(), 1);
        let other_number = claim(&[&c], &[ev("9", 1060, "Outbound unanswered call on Paris")]);
        assert!(other_number.is_empty());
    }

    #[test]
    fn readiness_waits_for_the_end_and_the_native_delay() {
        let now = 10_000;
        assert_eq!(
            readiness(&call(1, "inbound", 9000, Some(9001), None), now),
            Readiness::InProgress
        );
        assert_eq!(
            readiness(&call(1, "inbound", 9000, None, Some(now - 60)), now),
            Readiness::JustEnded
        );
        assert_eq!(
            readiness(&call(1, "inbound", 1000, None, Some(2000)), now),
            Readiness::Ready
        );
    }
}
