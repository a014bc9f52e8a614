//! `audit logging`'s model: every call's state from the backfill plan's decision (no second
//! classification or recognition), then coverage per day, per Aircall number and per call
//! kind, the outages (stretches of calls with no native log at all) and the causes of the
//! gaps. Pure: the same calls and decisions give the same report.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::aircall::Call;
use crate::backfill::plan::{ContactChoice, Decision, Resume};
use crate::backfill::CallOutcome;
use crate::integration::{classify, Kind};

/// Where a call stands, from the plan's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CallState {
    /// The native integration logged it (found by evidence, or by an earlier run).
    Native,
    /// aircom logged it (its ledger or its stamp says so).
    Aircom,
    /// Not logged: a backfill would log it.
    Gap,
    /// Its number is on several Intercom contacts: nobody logs it (behaviour §3).
    Blocked,
    /// No contact, and a backfill would create none (the number does not read, or
    /// `--create-contacts none`).
    NoContact,
    /// Not ended, or ended too recently to judge (§10).
    InProgress,
    /// What is logged could not be read (an API error): run the report again.
    Unread,
}

impl CallState {
    pub const ALL: [CallState; 7] = [
        CallState::Native,
        CallState::Aircom,
        CallState::Gap,
        CallState::Blocked,
        CallState::NoContact,
        CallState::InProgress,
        CallState::Unread,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            CallState::Native => "native",
            CallState::Aircom => "aircom",
            CallState::Gap => "gap",
            CallState::Blocked => "blocked",
            CallState::NoContact => "no_contact",
            CallState::InProgress => "in_progress",
            CallState::Unread => "unread",
        }
    }
}

/// Why a call did not reach Intercom natively, where the evidence allows a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// Inside an outage: the integration logged nothing for a while.
    Outage,
    /// Several Intercom contacts share the caller's number (§3).
    SharedNumber,
    /// The caller's contact stores the number in a form the native integration may not
    /// match (not E.164, §1 and §9).
    UnreadableNumber,
    /// No Intercom contact has the number, and the integration created none (§4: contact
    /// creation is off, or the caller is anonymous and no anonymous contact exists, §5).
    UnknownCaller,
    /// The caller's number is not a valid phone number.
    InvalidNumber,
    /// No native log, and no reason aircom can see: a scattered miss, or a number not
    /// attached to the integration.
    NoEvidence,
}

impl Cause {
    pub const fn as_str(self) -> &'static str {
        match self {
            Cause::Outage => "outage",
            Cause::SharedNumber => "shared_number",
            Cause::UnreadableNumber => "unreadable_number",
            Cause::UnknownCaller => "unknown_caller",
            Cause::InvalidNumber => "invalid_number",
            Cause::NoEvidence => "no_evidence",
        }
    }

    /// In words, with what fixes it.
    pub fn explain(self) -> &'static str {
        match self {
            Cause::Outage => "the integration logged nothing for a while: `aircom backfill calls` logs them",
            Cause::SharedNumber => "several Intercom contacts share the number, which blocks logging: `aircom audit duplicates --fix`",
            Cause::UnreadableNumber => "the contact's phone is not stored in E.164, so the integration may not match it: `aircom audit numbers`, then `aircom fix numbers`",
            Cause::UnknownCaller => "no Intercom contact has the number and the integration created none (contact creation off?): `aircom backfill calls` creates a lead",
            Cause::InvalidNumber => "the caller's number is not a valid phone number",
            Cause::NoEvidence => "no native log and no reason aircom can see: a scattered miss, or a number not attached to the integration",
        }
    }
}

/// One call in the report.
#[derive(Debug, Clone, Serialize)]
pub struct CallFact {
    pub call_id: i64,
    #[serde(serialize_with = "crate::report::iso_ser")]
    pub started_at: i64,
    pub number_id: Option<i64>,
    pub number: Option<String>,
    pub kind: Kind,
    pub state: CallState,
    pub cause: Option<Cause>,
    pub contact_id: Option<String>,
    pub conversation_id: Option<String>,
}

/// What the report needs to know of a call's contact.
pub struct ContactFacts<'a> {
    /// Contact id → stored phone, for contacts whose phone is not stored in E.164.
    pub not_e164: &'a std::collections::HashMap<String, String>,
    /// Contact id → when it was created.
    pub created_at: &'a std::collections::HashMap<String, i64>,
    /// Since when the integration is seen creating contacts for unknown callers (§4).
    pub creation_seen_since: Option<i64>,
}

/// A call's state and first cause, from its plan. `Outage` is assigned later, over the
/// whole window.
pub fn fact(
    call: &Call,
    decision: &Result<Decision, String>,
    contacts: &ContactFacts<'_>,
) -> CallFact {
    let kind = classify(call);
    let mut f = CallFact {
        call_id: call.id.0,
        started_at: call.started_at,
        number_id: call.number.as_ref().map(|n| n.id.0),
        number: call.number.as_ref().and_then(|n| n.name.clone()),
        kind,
        state: CallState::Unread,
        cause: None,
        contact_id: None,
        conversation_id: None,
    };
    let Ok(d) = decision else {
        return f;
    };
    match d {
        Decision::InProgress { .. } => f.state = CallState::InProgress,
        Decision::Settled {
            outcome,
            contact,
            conversation,
        } => {
            f.state = if *outcome == CallOutcome::Native {
                CallState::Native
            } else {
                CallState::Aircom
            };
            f.contact_id = contact.clone();
            f.conversation_id = conversation.clone();
        }
        Decision::Native { contact, evidence } => {
            f.state = CallState::Native;
            f.contact_id = Some(contact.clone());
            f.conversation_id = Some(evidence.conversation_id.clone());
        }
        Decision::Blocked { .. } => {
            f.state = CallState::Blocked;
            f.cause = Some(Cause::SharedNumber);
        }
        Decision::NoContact { .. } => {
            f.state = CallState::NoContact;
            let valid = call.is_anonymous()
                || crate::contacts::call_e164(&call.raw_digits, call.country_code_a2.as_deref())
                    .is_some();
            f.cause = Some(if valid {
                Cause::UnknownCaller
            } else {
                Cause::InvalidNumber
            });
        }
        Decision::Log(p) => match (&p.resume, &p.contact) {
            (Resume::Stamped { conversation }, c) => {
                f.state = CallState::Aircom;
                f.conversation_id = Some(conversation.clone());
                if let ContactChoice::Existing { id, .. } = c {
                    f.contact_id = Some(id.clone());
                }
            }
            // aircom created the conversation (the ledger holds its id), not yet finished.
            (
                Resume::Ledger {
                    conversation: Some(conversation),
                },
                c,
            ) => {
                f.state = CallState::Aircom;
                f.conversation_id = Some(conversation.clone());
                if let ContactChoice::Existing { id, .. } = c {
                    f.contact_id = Some(id.clone());
                }
            }
            // A run started it but nothing is known to exist: still a gap (the next backfill
            // reconciles it before writing).
            (Resume::Ledger { conversation: None }, ContactChoice::Existing { id, .. }) => {
                f.state = CallState::Gap;
                f.contact_id = Some(id.clone());
                f.cause = Some(Cause::NoEvidence);
            }
            (Resume::Ledger { conversation: None }, ContactChoice::Create { .. }) => {
                f.state = CallState::Gap;
                f.cause = Some(unknown_caller(call, contacts));
            }
            (Resume::Fresh, ContactChoice::Create { .. }) => {
                f.state = CallState::Gap;
                f.cause = Some(unknown_caller(call, contacts));
            }
            (Resume::Fresh, ContactChoice::Existing { id, .. }) => {
                f.state = CallState::Gap;
                f.contact_id = Some(id.clone());
                let unreadable = contacts
                    .not_e164
                    .get(id)
                    .is_some_and(|raw| !native_can_read(raw));
                // A contact created after the call: nobody held the number then.
                let later = contacts
                    .created_at
                    .get(id)
                    .is_some_and(|t| *t > call.started_at);
                f.cause = Some(if later {
                    unknown_caller(call, contacts)
                } else if unreadable {
                    Cause::UnreadableNumber
                } else {
                    Cause::NoEvidence
                });
            }
        },
    }
    f
}

/// Whether a phone stored this way is one the native integration matches: E.164, or one of
/// the shapes §9 lists (digits with spaces, dots, dashes, slashes, parentheses and a leading
/// `+` or `00`). A stored phone with letters (`tel:`, `ext`, `(mobile)`), or a national
/// trunk zero kept after the country code (`+33 (0)6 …`, which §9 does not list), is read by
/// aircom but not, as far as the references say, by the integration. The references leave
/// the integration's parser unspecified, so only those clear departures count: a gap on any
/// other phone has "no evidence" of a cause.
pub fn native_can_read(raw: &str) -> bool {
    let t = raw.trim();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || " +-./()".contains(c) || c == '\u{a0}')
    {
        return false;
    }
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.matches('+').count() > 1 || (compact.contains('+') && !compact.starts_with('+')) {
        return false;
    }
    // `+33(0)6…`: a trunk zero in parentheses after the country code.
    !(compact.starts_with('+') && compact.contains("(0)"))
}

/// A call no contact held the number of: the integration creates one when its settings ask
/// for it (§4, §5). Once it is seen creating contacts, a miss is no longer explained by the
/// setting; before (or never), it is.
fn unknown_caller(call: &Call, contacts: &ContactFacts<'_>) -> Cause {
    match contacts.creation_seen_since {
        Some(t) if t <= call.started_at => Cause::NoEvidence,
        _ => Cause::UnknownCaller,
    }
}

/// Counts of calls by state, and the coverage they give.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Counts {
    pub calls: usize,
    pub native: usize,
    pub aircom: usize,
    pub gap: usize,
    pub blocked: usize,
    pub no_contact: usize,
    pub in_progress: usize,
    pub unread: usize,
    /// Ended calls whose state is known: what could have been logged.
    pub loggable: usize,
    /// Native and aircom: what reached Intercom.
    pub reached: usize,
    /// `reached / loggable` (0 to 1), `null` with nothing loggable.
    pub coverage: Option<f64>,
    /// `native / loggable`: how the integration alone did.
    pub native_coverage: Option<f64>,
}

impl Counts {
    fn add(&mut self, s: CallState) {
        self.calls += 1;
        match s {
            CallState::Native => self.native += 1,
            CallState::Aircom => self.aircom += 1,
            CallState::Gap => self.gap += 1,
            CallState::Blocked => self.blocked += 1,
            CallState::NoContact => self.no_contact += 1,
            CallState::InProgress => self.in_progress += 1,
            CallState::Unread => self.unread += 1,
        }
        self.loggable = self.native + self.aircom + self.gap + self.blocked + self.no_contact;
        self.reached = self.native + self.aircom;
        let share = |n: usize| (self.loggable > 0).then(|| n as f64 / self.loggable as f64);
        self.coverage = share(self.reached);
        self.native_coverage = share(self.native);
    }

    pub fn of<'a>(facts: impl IntoIterator<Item = &'a CallFact>) -> Counts {
        let mut c = Counts::default();
        for f in facts {
            c.add(f.state);
        }
        c
    }
}

/// One UTC day.
#[derive(Debug, Clone, Serialize)]
pub struct Day {
    /// `YYYY-MM-DD`, UTC.
    pub date: String,
    #[serde(flatten)]
    pub counts: Counts,
    /// Part of the day falls in a reported outage.
    pub in_outage: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct NumberRow {
    pub number_id: Option<i64>,
    pub number: Option<String>,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, Serialize)]
pub struct KindRow {
    pub kind: Kind,
    #[serde(flatten)]
    pub counts: Counts,
}

/// A stretch of calls the integration did not log at all.
#[derive(Debug, Clone, Serialize)]
pub struct Outage {
    /// The first and last affected call's start: what the calls show of the outage.
    #[serde(serialize_with = "crate::report::iso_ser")]
    pub start: i64,
    #[serde(serialize_with = "crate::report::iso_ser")]
    pub end: i64,
    /// The last natively logged call before it and the first after (`null`: none in the
    /// window): the outage began after the one and ended before the other.
    #[serde(serialize_with = "crate::report::iso_opt_ser")]
    pub last_native_before: Option<i64>,
    #[serde(serialize_with = "crate::report::iso_opt_ser")]
    pub first_native_after: Option<i64>,
    /// Calls affected (every call in the stretch a native log was due for).
    pub calls: usize,
    /// Already logged by aircom.
    pub recovered: usize,
    /// Gaps a backfill would log.
    pub recoverable: usize,
    pub first_call_id: i64,
    pub last_call_id: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CauseRow {
    pub cause: Cause,
    pub calls: usize,
    pub explanation: &'static str,
}

/// This week against the ones before.
#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    #[serde(serialize_with = "crate::report::iso_ser")]
    pub this_week_from: i64,
    pub this_week: Option<f64>,
    /// The weeks of the window before it, together.
    pub previous_weeks: Option<f64>,
}

/// The report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    #[serde(serialize_with = "crate::report::iso_ser")]
    pub since: i64,
    #[serde(serialize_with = "crate::report::iso_ser")]
    pub until: i64,
    pub totals: Counts,
    pub trend: Trend,
    pub days: Vec<Day>,
    pub numbers: Vec<NumberRow>,
    pub kinds: Vec<KindRow>,
    pub outages: Vec<Outage>,
    /// Gaps inside an outage, and the rest ("scattered").
    pub gaps_in_outages: usize,
    pub scattered_gaps: usize,
    pub causes: Vec<CauseRow>,
    /// Aircall numbers with calls due a native log and none logged natively.
    pub numbers_never_logged: Vec<String>,
    pub calls: Vec<CallFact>,
}

/// How outages are told from scattered misses.
#[derive(Debug, Clone, Copy)]
pub struct OutageRule {
    /// At least this many calls in a row with no native log…
    pub min_calls: usize,
    /// …spanning at least this long (s), first call to last.
    pub min_secs: i64,
}

impl Default for OutageRule {
    fn default() -> Self {
        OutageRule {
            min_calls: 3,
            min_secs: 3600,
        }
    }
}

/// A call the native integration would have logged had it been working: ended, and one
/// contact with a number it can match, or an unknown caller while it was seen creating
/// contacts (§4). Its absence of a native log says something about the integration, not
/// about the data.
fn due_native(f: &CallFact) -> bool {
    match f.state {
        CallState::Native | CallState::Aircom => true,
        CallState::Gap => matches!(f.cause, Some(Cause::NoEvidence)),
        _ => false,
    }
}

/// The outages among `facts` (in time order): maximal runs of calls due a native log with
/// none, at least `rule.min_calls` long and `rule.min_secs` wide.
pub fn outages(facts: &[&CallFact], rule: OutageRule) -> Vec<Outage> {
    let due: Vec<&CallFact> = facts.iter().copied().filter(|f| due_native(f)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < due.len() {
        if due[i].state == CallState::Native {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < due.len() && due[j + 1].state != CallState::Native {
            j += 1;
        }
        let run = &due[i..=j];
        let (first, last) = (run[0], run[run.len() - 1]);
        if run.len() >= rule.min_calls.max(1) && last.started_at - first.started_at >= rule.min_secs
        {
            out.push(Outage {
                start: first.started_at,
                end: last.started_at,
                last_native_before: i.checked_sub(1).map(|k| due[k].started_at),
                first_native_after: due.get(j + 1).map(|f| f.started_at),
                calls: run.len(),
                recovered: run.iter().filter(|f| f.state == CallState::Aircom).count(),
                recoverable: run.iter().filter(|f| f.state == CallState::Gap).count(),
                first_call_id: first.call_id,
                last_call_id: last.call_id,
            });
        }
        i = j + 1;
    }
    out
}

const DAY: i64 = 86_400;
const WEEK: i64 = 7 * DAY;

/// Builds the report over the calls started in `[since, until)`, each with its fact.
pub fn build(mut facts: Vec<CallFact>, since: i64, until: i64, rule: OutageRule) -> Report {
    facts.sort_by_key(|f| (f.started_at, f.call_id));
    let refs: Vec<&CallFact> = facts.iter().collect();
    let outages = outages(&refs, rule);
    let in_outage = |t: i64| outages.iter().any(|o| t >= o.start && t <= o.end);
    // A gap the integration would have logged, inside an outage, is the outage's.
    for f in facts.iter_mut() {
        if due_native(f) && f.state == CallState::Gap && in_outage(f.started_at) {
            f.cause = Some(Cause::Outage);
        }
    }
    let totals = Counts::of(&facts);
    // Days, UTC, from the first day of the window to the last.
    let first_day = since.div_euclid(DAY);
    let last_day = (until - 1).div_euclid(DAY).max(first_day);
    let mut days: Vec<Day> = (first_day..=last_day)
        .map(|d| Day {
            date: crate::report::date(d * DAY),
            counts: Counts::default(),
            in_outage: outages
                .iter()
                .any(|o| o.start < (d + 1) * DAY && o.end >= d * DAY),
        })
        .collect();
    for f in &facts {
        let d = f.started_at.div_euclid(DAY) - first_day;
        if let Some(day) = usize::try_from(d).ok().and_then(|d| days.get_mut(d)) {
            day.counts.add(f.state);
        }
    }
    let mut by_number: BTreeMap<(Option<String>, Option<i64>), Counts> = BTreeMap::new();
    let mut by_kind: BTreeMap<String, (Kind, Counts)> = BTreeMap::new();
    for f in &facts {
        by_number
            .entry((f.number.clone(), f.number_id))
            .or_default()
            .add(f.state);
        by_kind
            .entry(format!("{:?}", f.kind))
            .or_insert_with(|| (f.kind, Counts::default()))
            .1
            .add(f.state);
    }
    let numbers_never_logged: Vec<String> = by_number
        .iter()
        .filter(|((_, id), _)| {
            let due = facts
                .iter()
                .filter(|f| f.number_id == *id && due_native(f))
                .count();
            due >= rule.min_calls.max(1)
        })
        .filter(|(_, c)| c.native == 0)
        .map(|((name, id), _)| {
            name.clone()
                .unwrap_or_else(|| id.map(|i| i.to_string()).unwrap_or_default())
        })
        .collect();
    let numbers = by_number
        .into_iter()
        .map(|((number, number_id), counts)| NumberRow {
            number_id,
            number,
            counts,
        })
        .collect();
    let kinds = by_kind
        .into_values()
        .map(|(kind, counts)| KindRow { kind, counts })
        .collect();
    let mut causes: BTreeMap<Cause, usize> = BTreeMap::new();
    for f in &facts {
        if matches!(
            f.state,
            CallState::Gap | CallState::Blocked | CallState::NoContact
        ) {
            if let Some(c) = f.cause {
                *causes.entry(c).or_default() += 1;
            }
        }
    }
    let causes = causes
        .into_iter()
        .map(|(cause, calls)| CauseRow {
            cause,
            calls,
            explanation: cause.explain(),
        })
        .collect();
    let week_from = (until - WEEK).max(since);
    let this_week = Counts::of(facts.iter().filter(|f| f.started_at >= week_from)).coverage;
    let previous_weeks = Counts::of(facts.iter().filter(|f| f.started_at < week_from)).coverage;
    let gaps_in_outages = facts
        .iter()
        .filter(|f| f.state == CallState::Gap && f.cause == Some(Cause::Outage))
        .count();
    Report {
        since,
        until,
        scattered_gaps: totals.gap - gaps_in_outages,
        gaps_in_outages,
        totals,
        trend: Trend {
            this_week_from: week_from,
            this_week,
            previous_weeks,
        },
        days,
        numbers,
        kinds,
        outages,
        causes,
        numbers_never_logged,
        calls: facts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(id: i64, at: i64, state: CallState, cause: Option<Cause>) -> CallFact {
        CallFact {
            call_id: id,
            started_at: at,
            number_id: Some(1),
            number: Some("Desk".into()),
            kind: Kind::InboundAnswered,
            state,
            cause,
            contact_id: None,
            conversation_id: None,
        }
    }

    const GAP: Option<Cause> = Some(Cause::NoEvidence);

    #[test]
    fn an_outage_is_a_long_enough_run_and_a_scattered_miss_is_not() {
        use CallState::*;
        let h = 3600;
        let facts = vec![
            f(1, 0, Native, None),
            f(2, h, Gap, GAP), // scattered
            f(3, 2 * h, Native, None),
            // Blocked and unknown callers are no evidence of an outage, either way.
            f(4, 3 * h, Blocked, Some(Cause::SharedNumber)),
            f(5, 4 * h, Gap, GAP),
            f(6, 5 * h, Gap, Some(Cause::UnknownCaller)),
            f(7, 6 * h, Aircom, None),
            f(8, 7 * h, Gap, GAP),
            f(9, 8 * h, Native, None),
            // Three in a row but within 20 minutes: not an outage with the default rule.
            f(10, 9 * h, Gap, GAP),
            f(11, 9 * h + 600, Gap, GAP),
            f(12, 9 * h + 1200, Gap, GAP),
            f(13, 10 * h, Native, None),
        ];
        let r = build(facts, 0, 11 * h, OutageRule::default());
        assert_eq!(r.outages.len(), 1, "{:?}", r.outages);
        let o = &r.outages[0];
        assert_eq!((o.start, o.end), (4 * h, 7 * h));
        assert_eq!((o.calls, o.recovered, o.recoverable), (3, 1, 2));
        assert_eq!(
            (o.last_native_before, o.first_native_after),
            (Some(2 * h), Some(8 * h))
        );
        assert_eq!(r.gaps_in_outages, 2);
        assert_eq!(r.scattered_gaps, r.totals.gap - 2);
        let cause = |id: i64| r.calls.iter().find(|c| c.call_id == id).unwrap().cause;
        assert_eq!(cause(5), Some(Cause::Outage));
        assert_eq!(cause(6), Some(Cause::UnknownCaller), "its own cause stays");
        assert_eq!(cause(2), Some(Cause::NoEvidence));
        // Coverage: reached / loggable.
        assert_eq!(r.totals.loggable, 13);
        assert_eq!(r.totals.reached, 5);
    }

    /// §9's shapes read; the departures the report blames on the number do not.
    #[test]
    fn native_readable_shapes() {
        for ok in [
            "+33762043575",
            "07 62 04 35 75",
            "07.62.04.35.75",
            "0(442)249-7851",
            "01766/7402970",
            "+1 (442) 249-7851",
            "(2087 65) 3456",
        ] {
            assert!(native_can_read(ok), "{ok}");
        }
        for bad in [
            "+33 (0)6 12 34 56 78",
            "tel:+33612345678",
            "06 12 34 56 78 (mobile)",
            "+1 415 555 0100 ext 12",
            "33+612345678",
            "",
        ] {
            assert!(!native_can_read(bad), "{bad}");
        }
    }

    #[test]
    fn days_cover_the_window_and_count_each_call_once() {
        use CallState::*;
        let d = DAY;
        let facts = vec![
            f(1, d + 10, Native, None),
            f(2, d + 20, Gap, GAP),
            f(3, 3 * d + 5, InProgress, None),
        ];
        let r = build(facts, d, 4 * d, OutageRule::default());
        assert_eq!(r.days.len(), 3);
        assert_eq!(r.days[0].counts.calls, 2);
        assert_eq!(r.days[1].counts.calls, 0);
        assert_eq!(r.days[2].counts.in_progress, 1);
        assert_eq!(r.days[0].counts.coverage, Some(0.5));
        assert_eq!(r.days[2].counts.coverage, None, "nothing loggable");
        let sum: usize = r.days.iter().map(|d| d.counts.calls).sum();
        assert_eq!(sum, r.totals.calls);
    }
}
