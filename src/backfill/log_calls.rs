//! The engine of `backfill calls`: each caller's calls recognised against what Intercom
//! holds, decided by `backfill::plan`, applied in order, and the unsettled ones reconciled
//! within the run. The command (`commands::backfill::calls`) resolves flags, fetches, asks
//! and prints; this module writes.
//!
//! Exactly once: each call gets a ledger row before its first write (`pending`), moves to
//! `created` once its conversation exists and carries the `aircall_call_id` attribute, and to
//! `done` after its note, assignment and tags. A resumed call is reconciled against the
//! window's conversations (fetched once per run) before anything is written again, and its
//! note is recognised by the marker line it ends with. Calls the native integration logged are
//! recognised by evidence (`crate::backfill::recognize`): a title message, as the conversation's
//! source or as a part of an older open conversation, claimed by one call only.
//!
//! Intercom requests per call: create, stamp, note, assignment (none when unassigned), plus
//! one per tag; contacts and conversations are indexed once per run, not searched per call.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use futures::{StreamExt, TryStreamExt};
use serde::Serialize;

use crate::aircall::{AircallClient, Call};
use crate::backfill::evidence::Touched;
use crate::backfill::index::{
    list_by_contact, ByContact, ContactRef, ConvLite, ANONYMOUS_EMAILS, ANONYMOUS_NAME, ATTRIBUTE,
};
use crate::backfill::plan::{self, ContactChoice, Decision, Facts, Resume, Teammates};
use crate::backfill::recognize::{self, Evidence, Readiness};
use crate::backfill::CallOutcome;
use crate::cli::{ConversationMode, CreateContacts};
use crate::contacts::call_e164;
use crate::context::Ctx;
use crate::integration::{self, classify, note, title, Kind, Locale};
use crate::intercom::{
    self, AdminId, ContactId, ContactWrite, ConversationId, IntercomClient, TagId,
};
use crate::ledger::{Ledger, LogState, LoggedCall, PendingContact};

/// One call's outcome (`--json` emits one per line).
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub r#type: &'static str,
    pub call_id: i64,
    #[serde(serialize_with = "crate::report::iso_ser")]
    pub started_at: i64,
    pub kind: Kind,
    pub number: Option<String>,
    pub caller: String,
    /// The caller's number in E.164, when it reads (`None`: anonymous or not a number).
    pub e164: Option<String>,
    pub outcome: CallOutcome,
    pub contact_id: Option<String>,
    pub conversation_id: Option<String>,
    pub title: String,
    pub assignee: Option<String>,
    pub tags: Vec<String>,
    pub reason: Option<String>,
    /// Worth taking up again in this run: the outcome is unknown, or the failure may pass.
    #[serde(skip)]
    pub retry: bool,
}

pub struct State<'a> {
    pub ic: &'a IntercomClient,
    pub ac: &'a AircallClient,
    pub ledger: Option<&'a Ledger>,
    pub run_id: Option<i64>,
    pub admin: AdminId,
    pub admins: HashMap<String, (String, String)>,
    // Shared by the concurrent call groups; never held across an await.
    pub by_number: Mutex<HashMap<String, Vec<ContactRef>>>,
    pub anonymous: Mutex<Option<ContactRef>>,
    pub convs: Mutex<HashMap<String, Vec<ConvLite>>>,
    pub tags: Mutex<HashMap<String, String>>,
    pub locale: Locale,
    pub create: CreateContacts,
    pub mode: ConversationMode,
    pub dry_run: bool,
    pub contacts_created: AtomicU64,
    pub now: i64,
    /// Call id → the title message that logs it (natively), claimed once per group.
    pub claims: Mutex<HashMap<i64, Evidence>>,
    /// Every conversation, by contact, read from the list endpoint (which does not lag like
    /// search) when a create's outcome is unknown: a killed run or a lost answer. Read once
    /// per reconciliation round (`None`: to be read again).
    pub listed: tokio::sync::Mutex<Option<std::sync::Arc<ByContact>>>,
    /// Callers whose evidence could not be read: recognised again before a retry.
    pub unrecognized: Mutex<std::collections::HashSet<String>>,
    /// Callers whose evidence the plan preview already read ([`preview`]): not read again.
    pub previewed: Mutex<std::collections::HashSet<String>>,
    /// Callers (group keys) whose contact create may have landed without an answer: no other
    /// contact is created for them this run, or a twin would follow (the next run finds it).
    pub uncertain_contacts: Mutex<std::collections::HashSet<String>>,
}

/// Calls that must be handled in order: same caller (so a new contact is created once and a
/// contact's calls stay in sequence). Groups run concurrently.
pub fn group_key(c: &Call) -> String {
    if c.is_anonymous() {
        return "anonymous".into();
    }
    call_e164(&c.raw_digits, c.country_code_a2.as_deref()).unwrap_or_else(|| c.raw_digits.clone())
}

/// Call groups logged at once: enough to keep the rate limit busy despite latency.
pub const CONCURRENCY: usize = 8;

/// Logs one caller's calls in order: recognises what is already logged (unless this is a
/// reconciliation round whose evidence was read before), then each call of `group`.
pub async fn run_group(
    st: &State<'_>,
    ctx: &Ctx,
    group: &[&Call],
    rivals: &[&Call],
    round: Option<usize>,
) -> Vec<Record> {
    let key = group_key(group[0]);
    let recognize = (round.is_none() && !st.previewed.lock().expect("lock").remove(&key))
        || st.unrecognized.lock().expect("lock").remove(&key);
    if recognize {
        if let Err(e) = recognize_group(st, group, rivals).await {
            // Without knowing what is logged nothing in the group may be written.
            let retry = e
                .downcast_ref::<crate::http::HttpError>()
                .is_some_and(|h| h.may_succeed_later());
            if retry {
                st.unrecognized.lock().expect("lock").insert(key);
            }
            ctx.printer
                .warn(format!("reading what is already logged: {e:#}"));
            return group
                .iter()
                .map(|call| {
                    let mut r = base_record(call, st.locale);
                    r.outcome = CallOutcome::Failed;
                    r.reason = Some(format!("reading what is already logged: {e:#}"));
                    r.retry = retry;
                    r
                })
                .collect();
        }
    }
    let mut out = Vec::new();
    for call in group {
        if ctx.interrupted() {
            break;
        }
        out.push(match process(st, call).await {
            Ok(r) => r,
            Err(e) => {
                let mut r = base_record(call, st.locale);
                // A write that may have landed is unknown, not failed: the ledger holds it
                // pending, and it is reconciled before anything is written for it again.
                let http = e.downcast_ref::<crate::http::HttpError>();
                let unknown = http.is_some_and(|h| h.outcome_unknown());
                r.outcome = if unknown {
                    CallOutcome::Unknown
                } else {
                    CallOutcome::Failed
                };
                r.retry = unknown || http.is_some_and(|h| h.may_succeed_later());
                r.reason = Some(format!("{e:#}"));
                // Said once at the end if it stays so: most are settled in the next round.
                ctx.printer.debug(format!("call {}: {e:#}", call.id));
                r
            }
        });
    }
    out
}

/// The plan before anything is written, for the confirmation: each caller's evidence is read
/// (once: the run that follows does not read it again) and each call decided. Returns how
/// many calls each planned outcome has. A caller whose evidence could not be read counts as
/// failed here and is read again by the run.
pub async fn preview(
    st: &State<'_>,
    groups: &[Vec<&Call>],
    competitors: &HashMap<String, Vec<&Call>>,
) -> HashMap<CallOutcome, usize> {
    let mut counts = HashMap::new();
    for (_, d) in plan_all(st, groups, competitors, |_| {}).await {
        let o = d
            .map(|d| d.planned_outcome())
            .unwrap_or(CallOutcome::Failed);
        *counts.entry(o).or_default() += 1;
    }
    counts
}

/// The plan of every call of `groups`, with no write: each caller's evidence read once (the
/// run that may follow does not read it again) and each call decided. A caller whose
/// evidence could not be read gets the error for each of its calls. `done` is told how many
/// calls each finished group held (for a progress bar). The backfill's preview and
/// `audit logging` read the plan through here.
pub async fn plan_all(
    st: &State<'_>,
    groups: &[Vec<&Call>],
    competitors: &HashMap<String, Vec<&Call>>,
    done: impl Fn(usize),
) -> Vec<(i64, Result<Decision, String>)> {
    let done = &done;
    let decided: Vec<Vec<(i64, Result<Decision, String>)>> = futures::stream::iter(groups)
        .map(|group| async move {
            let key = group_key(group[0]);
            let out = match recognize_group(st, group, rivals_of(competitors, group[0])).await {
                Err(e) => group
                    .iter()
                    .map(|c| {
                        (
                            c.id.0,
                            Err(format!("reading what is already logged: {e:#}")),
                        )
                    })
                    .collect(),
                Ok(()) => {
                    st.previewed.lock().expect("lock").insert(key);
                    group
                        .iter()
                        .map(|c| (c.id.0, decide(st, c).map_err(|e| format!("{e:#}"))))
                        .collect()
                }
            };
            done(group.len());
            out
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    decided.into_iter().flatten().collect()
}

/// What a backfill (or `audit logging`) reads for a period.
pub struct Window {
    /// Every call from a little before the period to its end, in time order: those before
    /// compete for the logs inside it.
    pub calls: Vec<Call>,
    pub index: crate::backfill::index::ContactIndex,
    pub convs: ByContact,
}

/// The calls, the contact index and the period's conversations, fetched at once: the Aircall
/// listing is slow (its limit is per company) and the rest need not wait for it. `on_call` is
/// told of each call listed (for a progress bar).
pub async fn fetch_window(
    ic: &IntercomClient,
    ac: &AircallClient,
    hints: &crate::phone::Hints,
    partitions: usize,
    since: i64,
    until: i64,
    on_call: impl Fn(),
) -> anyhow::Result<Window> {
    let fetch_calls = async {
        let calls: Vec<Call> = ac
            .calls(since - recognize::CONTEXT, until, 4)
            .inspect(|_| on_call())
            .try_collect()
            .await?;
        Ok::<_, anyhow::Error>(calls)
    };
    let (mut calls, index, convs) = tokio::try_join!(
        fetch_calls,
        crate::backfill::index::index_contacts_full(ic, hints, partitions),
        crate::backfill::index::conversations_around(
            ic,
            since - recognize::CONTEXT - recognize::BEFORE_START,
            until + recognize::AFTER_END
        )
    )?;
    calls.sort_by_key(|c| (c.started_at, c.id.0));
    Ok(Window {
        calls,
        index,
        convs,
    })
}

/// Rounds of reconciliation after the main pass, with growing pauses: every call whose
/// record asks for a retry is taken up again (its group's evidence re-read if that failed,
/// lost contact creates looked for once search can show them, lost conversation creates
/// found by listing) until none is left or the rounds run out.
pub async fn reconcile(
    st: &State<'_>,
    ctx: &Ctx,
    calls: &[Call],
    competitors: &HashMap<String, Vec<&Call>>,
    records: &mut [Record],
) -> anyhow::Result<()> {
    const ROUNDS: usize = 8;
    let p = &ctx.printer;
    for round in 1..=ROUNDS {
        let todo: std::collections::HashSet<i64> = records
            .iter()
            .filter(|r| r.retry)
            .map(|r| r.call_id)
            .collect();
        if todo.is_empty() || ctx.interrupted() {
            return Ok(());
        }
        // A pause for what was failing to pass (doubling, up to 30 s), and for any lost
        // contact create to become searchable.
        let pause = if std::env::var_os(crate::env::AIRCOM_TEST_NO_RETRY_DELAY).is_some() {
            std::time::Duration::from_millis(50)
        } else {
            std::time::Duration::from_secs((1u64 << round.min(5)).min(30))
        };
        let spinner = p.progress(
            None,
            &format!(
                "reconciling {} call(s) whose outcome is not settled (round {round} of {ROUNDS})",
                todo.len()
            ),
        );
        tokio::time::sleep(pause).await;
        *st.listed.lock().await = None;
        let groups = groups_of(calls.iter().filter(|c| todo.contains(&c.id.0)));
        settle_lost_contacts(st, ctx, &groups).await?;
        let redone: Vec<Record> = futures::stream::iter(groups)
            .map(|group| async move {
                run_group(
                    st,
                    ctx,
                    &group,
                    rivals_of(competitors, group[0]),
                    Some(round),
                )
                .await
            })
            .buffer_unordered(CONCURRENCY)
            .flat_map(futures::stream::iter)
            .collect()
            .await;
        spinner.finish_and_clear();
        for rec in redone {
            if let Some(slot) = records.iter_mut().find(|r| r.call_id == rec.call_id) {
                *slot = rec;
            }
        }
    }
    for r in records.iter().filter(|r| r.retry) {
        p.warn(format!(
            "call {}: {}",
            r.call_id,
            r.reason.as_deref().unwrap_or("not settled")
        ));
    }
    Ok(())
}

/// Every fetched call of this call's caller: they compete for the same logs.
pub fn rivals_of<'a>(
    competitors: &'a HashMap<String, Vec<&'a Call>>,
    call: &Call,
) -> &'a [&'a Call] {
    competitors
        .get(&group_key(call))
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// One caller's calls together, in order of their first call.
pub fn groups_of<'c>(calls: impl Iterator<Item = &'c Call>) -> Vec<Vec<&'c Call>> {
    let mut groups: Vec<Vec<&Call>> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for call in calls {
        let next = groups.len();
        let i = *group_of.entry(group_key(call)).or_insert(next);
        if i == next {
            groups.push(Vec::new());
        }
        groups[i].push(call);
    }
    groups
}

/// Contact creates whose answer was lost, this run or an earlier one: once Intercom's search
/// can be trusted to show them (waiting for it, interruptibly), look for the contact by its
/// number. Found, it is used; not found, it never landed and may be created.
async fn settle_lost_contacts(
    st: &State<'_>,
    ctx: &Ctx,
    groups: &[Vec<&Call>],
) -> anyhow::Result<()> {
    let Some(ledger) = st.ledger else {
        return Ok(());
    };
    let mut lost = Vec::new();
    for group in groups {
        let key = group_key(group[0]);
        // Only creates whose answer was lost: a contact whose id came back is used as is.
        if let Some(p) = ledger.pending_contact(&key)? {
            if p.contact.is_none() {
                lost.push((group[0], key, p.at));
            }
        }
    }
    let Some(last) = lost.iter().map(|(_, _, at)| *at).max() else {
        return Ok(());
    };
    let ready = last + search_settle();
    let wait = ready - jiff::Timestamp::now().as_second();
    if wait > 0 {
        let bar = ctx.printer.progress(
            None,
            &format!(
                "waiting {}s for Intercom's search to show {} contact(s) whose create had no answer (Ctrl-C leaves them to a later run)",
                wait,
                lost.len()
            ),
        );
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(wait as u64);
        while tokio::time::Instant::now() < deadline && !ctx.interrupted() {
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        bar.finish_and_clear();
        if ctx.interrupted() {
            return Ok(());
        }
    }
    for (call, key, _) in lost {
        let query = if call.is_anonymous() {
            intercom::filter("email", "=", ANONYMOUS_EMAILS[0])
        } else {
            match call_e164(&call.raw_digits, call.country_code_a2.as_deref()) {
                Some(e) => intercom::filter("phone", "=", e),
                None => continue,
            }
        };
        let found: Vec<intercom::Contact> = match st
            .ic
            .search_contacts(intercom::and(vec![query]), None)
            .try_collect()
            .await
        {
            Ok(f) => f,
            // This caller stays pending (its calls unknown); the others go on.
            Err(e) => {
                ctx.printer
                    .debug(format!("looking for the contact of {key}: {e}"));
                continue;
            }
        };
        for c in &found {
            let r = ContactRef {
                id: c.id.0.clone(),
                role: c.role.clone(),
            };
            if call.is_anonymous() {
                st.anonymous.lock().expect("lock").get_or_insert(r);
            } else {
                // Every contact found goes in: several make the number blocked, as anywhere.
                let mut idx = st.by_number.lock().expect("lock");
                let known = idx.entry(key.clone()).or_default();
                if !known.iter().any(|k| k.id == r.id) {
                    known.push(r);
                }
            }
        }
        if !found.is_empty() {
            // A contact found now may hold native logs: read the evidence again.
            st.unrecognized.lock().expect("lock").insert(key.clone());
        }
        // Search now shows whatever landed: the create is settled either way.
        ledger.forget_pending_contact(&key)?;
        st.uncertain_contacts.lock().expect("lock").remove(&key);
    }
    Ok(())
}

/// Every conversation by contact, from the list endpoint, read at most once per round.
async fn listed_now(st: &State<'_>) -> anyhow::Result<std::sync::Arc<ByContact>> {
    let mut slot = st.listed.lock().await;
    if let Some(m) = slot.as_ref() {
        return Ok(m.clone());
    }
    let m = std::sync::Arc::new(list_by_contact(st.ic).await?);
    *slot = Some(m.clone());
    Ok(m)
}

pub fn base_record(c: &Call, locale: Locale) -> Record {
    let kind = classify(c);
    let number = c.number.as_ref().and_then(|n| n.name.clone());
    Record {
        r#type: "call",
        call_id: c.id.0,
        started_at: c.started_at,
        kind,
        title: title(kind, number.as_deref().unwrap_or(""), locale),
        number,
        caller: c.raw_digits.clone(),
        e164: if c.is_anonymous() {
            None
        } else {
            call_e164(&c.raw_digits, c.country_code_a2.as_deref())
        },
        // Every path sets it; a call no path reached is not settled.
        outcome: CallOutcome::Unknown,
        contact_id: None,
        conversation_id: None,
        assignee: None,
        tags: c.tags.iter().filter_map(|t| t.name.clone()).collect(),
        reason: None,
        retry: false,
    }
}

fn number_name(c: &Call) -> String {
    c.number
        .as_ref()
        .and_then(|n| n.name.clone())
        .unwrap_or_default()
}

/// How long after a create Intercom's search is trusted to show it (the digest says "a few
/// minutes"; §10.1).
pub fn search_settle() -> i64 {
    std::env::var(crate::env::AIRCOM_TEST_SEARCH_SETTLE_SECS)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15 * 60)
}

/// The contact a call is logged with, if exactly one exists already.
fn existing_contact(st: &State<'_>, call: &Call) -> Option<ContactRef> {
    if call.is_anonymous() {
        return st.anonymous.lock().expect("lock").clone();
    }
    let e164 = call_e164(&call.raw_digits, call.country_code_a2.as_deref())?;
    match st
        .by_number
        .lock()
        .expect("lock")
        .get(&e164)
        .map(Vec::as_slice)
    {
        Some([one]) => Some(one.clone()),
        _ => None,
    }
}

/// Finds which of one caller's calls are already logged natively: title messages in the
/// sources of the contact's conversations first, then, if some settled call is still
/// unaccounted for, in the parts of every conversation of the contact touched since the
/// group's first call (one `GET` each). Claims are made over the whole group at once, so one
/// message logs one call and goes to the call it is closest to (`recognize::claim`).
async fn recognize_group(st: &State<'_>, group: &[&Call], rivals: &[&Call]) -> anyhow::Result<()> {
    let Some(first) = group.first() else {
        return Ok(());
    };
    let Some(contact) = existing_contact(st, first) else {
        return Ok(());
    };
    let settled: Vec<&Call> = group
        .iter()
        .copied()
        .filter(|c| recognize::readiness(c, st.now) == Readiness::Ready)
        .collect();
    if settled.is_empty() {
        return Ok(());
    }
    let convs: Vec<ConvLite> = st
        .convs
        .lock()
        .expect("lock")
        .get(&contact.id)
        .cloned()
        .unwrap_or_default();
    // Conversations aircom stamped are its own logs, never native evidence; nor is one aircom
    // created for a call whose create or stamp did not finish (dated at that call's start,
    // with its title; the ledger says the call is pending).
    let mut unfinished: Vec<(i64, String)> = Vec::new();
    // Calls the ledger already settled (logged by aircom, or found native) need no evidence.
    let mut settled_before = std::collections::HashSet::new();
    if let Some(l) = st.ledger {
        for c in group {
            match l.logged_call(c.id.0)?.map(|p| p.state) {
                Some(s) if s == LogState::Pending || s == LogState::Created => {
                    unfinished.push((c.started_at, title(classify(c), &number_name(c), st.locale)))
                }
                Some(s) if s == LogState::Done || s == LogState::Native => {
                    settled_before.insert(c.id.0);
                }
                _ => {}
            }
        }
    }
    // Every call of this caller competes, whatever its state: an answered call still in
    // progress may already be logged (§10), and its log is not a gap's.
    let competing: Vec<&Call> = if rivals.is_empty() {
        group.to_vec()
    } else {
        rivals.to_vec()
    };
    let touched: Vec<Touched<'_>> = convs
        .iter()
        .map(|c| {
            c.touched(
                c.call_id.is_none()
                    && !unfinished.iter().any(|(at, t)| {
                        c.created_at == *at
                            && recognize::same_title(&crate::html::to_text(&c.body), t)
                    }),
            )
        })
        .collect();
    // Only this run's calls make it read parts: aircom's own logs need no evidence, and calls
    // outside the run only compete.
    let in_group = |c: &Call| group.iter().any(|g| g.id == c.id);
    let ours = |c: &Call| {
        convs
            .iter()
            .any(|x| x.call_id.as_deref() == Some(c.id.0.to_string().as_str()))
    };
    let found = crate::backfill::evidence::claims(st.ic, &touched, &competing, st.now, |c| {
        ours(c) || !in_group(c) || settled_before.contains(&c.id.0)
    })
    .await?;
    st.claims.lock().expect("lock").extend(found);
    Ok(())
}

/// Gathers what the run knows of one call and decides it (`backfill::plan`, pure).
fn decide(st: &State<'_>, call: &Call) -> anyhow::Result<Decision> {
    let previous = match st.ledger {
        Some(l) => l.logged_call(call.id.0)?,
        None => None,
    };
    let e164 = if call.is_anonymous() {
        None
    } else {
        call_e164(&call.raw_digits, call.country_code_a2.as_deref())
    };
    let contacts: Vec<ContactRef> = if call.is_anonymous() {
        st.anonymous.lock().expect("lock").iter().cloned().collect()
    } else {
        e164.as_ref()
            .and_then(|e| st.by_number.lock().expect("lock").get(e).cloned())
            .unwrap_or_default()
    };
    // aircom's own conversation for this call, stamped with its id.
    let this_call = call.id.0.to_string();
    let stamped: Option<String> = match contacts.as_slice() {
        [one] => st.convs.lock().expect("lock").get(&one.id).and_then(|cs| {
            cs.iter()
                .find(|c| c.call_id.as_deref() == Some(this_call.as_str()))
                .map(|c| c.id.clone())
        }),
        _ => None,
    };
    let native = st.claims.lock().expect("lock").get(&call.id.0).cloned();
    let fallback_name = st
        .admins
        .values()
        .find(|(id, _)| *id == st.admin.0)
        .map(|(_, n)| n.clone())
        .unwrap_or_default();
    let teammates = Teammates {
        by_email: &st.admins,
        fallback: (st.admin.0.clone(), fallback_name),
    };
    Ok(plan::plan_call(&Facts {
        call,
        now: st.now,
        locale: st.locale,
        previous: previous.as_ref(),
        e164: e164.as_deref(),
        contacts: &contacts,
        create: match st.create {
            CreateContacts::None => None,
            CreateContacts::User => Some("user"),
            CreateContacts::Lead => Some("lead"),
        },
        native: native.as_ref(),
        stamped: stamped.as_deref(),
        teammates: &teammates,
    }))
}

async fn process(st: &State<'_>, call: &Call) -> anyhow::Result<Record> {
    let decision = decide(st, call)?;
    apply(st, call, decision).await
}

/// Carries one decision out: records what needs no write, and for a gap writes the contact
/// (if new), the conversation, its stamp, the note, the assignment and the tags, each step
/// recorded in the ledger before the next so that a crash anywhere resumes without a twin.
async fn apply(st: &State<'_>, call: &Call, decision: Decision) -> anyhow::Result<Record> {
    let mut rec = base_record(call, st.locale);
    let kind = rec.kind;
    rec.outcome = decision.planned_outcome();
    rec.reason = decision.reason();
    let plan = match decision {
        Decision::InProgress { .. } | Decision::Blocked { .. } | Decision::NoContact { .. } => {
            return Ok(rec)
        }
        Decision::Settled {
            contact,
            conversation,
            ..
        } => {
            rec.contact_id = contact;
            rec.conversation_id = conversation;
            return Ok(rec);
        }
        Decision::Native { contact, evidence } => {
            rec.contact_id = Some(contact.clone());
            rec.conversation_id = Some(evidence.conversation_id.clone());
            if let Some(l) = st.ledger {
                l.set_logged_call(
                    &LoggedCall {
                        call_id: call.id.0,
                        conversation_id: Some(evidence.conversation_id),
                        contact_id: Some(contact),
                        state: LogState::Native,
                    },
                    st.run_id,
                )?;
            }
            return Ok(rec);
        }
        Decision::Log(plan) => plan,
    };
    rec.title = plan.title.clone();
    rec.assignee = plan.assignee.as_ref().map(|a| a.name.clone());
    if let ContactChoice::Existing { id, .. } = &plan.contact {
        rec.contact_id = Some(id.clone());
    }
    if st.dry_run {
        return Ok(rec);
    }
    let resuming = plan.resume != Resume::Fresh;
    // The contact.
    let contact = match &plan.contact {
        ContactChoice::Existing { id, role } => ContactRef {
            id: id.clone(),
            role: role.clone(),
        },
        ContactChoice::Create { role } => {
            let role = *role;
            let key = group_key(call);
            if st.uncertain_contacts.lock().expect("lock").contains(&key) {
                rec.outcome = CallOutcome::Unknown;
                rec.retry = true;
                rec.reason = Some(
                    "an earlier create of this caller's contact may have landed (its answer was lost): it is looked for once search can show it".into(),
                );
                return Ok(rec);
            }
            // A create of this caller's contact whose outcome was unknown, in an earlier run:
            // if it landed, Intercom's search (which built the contact index) may not show it
            // yet (it lags writes, intercom-api.md §10.1). Until that lag has surely passed, no
            // second contact is created.
            let ledger = st.ledger.expect("writes have a ledger");
            let settle = search_settle();
            // The contact index was read from search at the run's start: what matters is
            // whether search could already show a create by then.
            let index_trusted = |at: i64| st.now - at >= settle;
            let mut pending = ledger.pending_contact(&key)?;
            if pending
                .as_ref()
                .is_some_and(|p| p.contact.is_some() && index_trusted(p.at))
            {
                // Made long enough before the index for search to show it: the index is the
                // truth (the contact may have been deleted or changed since).
                ledger.forget_pending_contact(&key)?;
                pending = None;
            }
            if let Some(PendingContact {
                contact: Some((id, role)),
                ..
            }) = &pending
            {
                // aircom created it (this run or an earlier one) and Intercom's search may not
                // show it yet: the contact index missed it, the ledger did not.
                let c = ContactRef {
                    id: id.clone(),
                    role: role.clone(),
                };
                remember_contact(st, call, &c);
                c
            } else {
                // A create of this caller's contact whose outcome was unknown: if it landed,
                // Intercom's search (which built the contact index) may not show it yet (it lags
                // writes, intercom-api.md §10.1). Until that lag has surely passed, no second
                // contact is created.
                if let Some(p) = &pending {
                    // Not yet trusted by this run's index (a later round searches for it once
                    // search can show it, and forgets the row if it never landed).
                    if !index_trusted(p.at) {
                        rec.outcome = CallOutcome::Unknown;
                        rec.retry = true;
                        rec.reason = Some(format!(
                            "a contact create for this caller had no answer and may not be searchable yet: it is looked for after {}",
                            crate::output::iso(p.at + settle)
                        ));
                        return Ok(rec);
                    }
                    // Search is trustworthy again and shows no such contact: it never landed.
                    ledger.forget_pending_contact(&key)?;
                }
                // Stamped with the moment it is sent: search is trusted a settle delay later.
                ledger.pending_contact_create(&key, jiff::Timestamp::now().as_second())?;
                match create_contact(st, call, role).await {
                    Ok(c) => {
                        // Kept until search can show it: a run within the lag uses this id.
                        ledger.pending_contact_made(&key, &c.id, &c.role)?;
                        c
                    }
                    Err(e) => {
                        if e.downcast_ref::<crate::http::HttpError>()
                            .is_some_and(|h| h.outcome_unknown())
                        {
                            st.uncertain_contacts.lock().expect("lock").insert(key);
                            rec.outcome = CallOutcome::Unknown;
                            rec.retry = true;
                            rec.reason = Some(format!(
                                "creating the contact: {e:#}; it may have landed, so no other is created until search can show it"
                            ));
                            return Ok(rec);
                        }
                        ledger.forget_pending_contact(&key)?;
                        return Err(e);
                    }
                }
            }
        }
    };
    rec.contact_id = Some(contact.id.clone());
    // The recording link is read before the conversation's first write, so no Aircall
    // request sits between its writes (a resumed call reads it only if its note is missing).
    let fresh_link = if resuming {
        None
    } else {
        Some(media_link(st.ac, call).await?)
    };
    let convs_of: Vec<ConvLite> = st
        .convs
        .lock()
        .expect("lock")
        .get(&contact.id)
        .cloned()
        .unwrap_or_default();
    let target = plan.assignee.as_ref();
    let ledger = st.ledger.expect("writes have a ledger");
    // Each step of the call's logging, recorded before the next write.
    let mark = |state: LogState, conversation: Option<&String>| {
        ledger.set_logged_call(
            &LoggedCall {
                call_id: call.id.0,
                conversation_id: conversation.cloned(),
                contact_id: Some(contact.id.clone()),
                state,
            },
            st.run_id,
        )
    };

    // The conversation: found again (a resumed call) or created and stamped.
    let (already_stamped, mut recovered) = match &plan.resume {
        Resume::Stamped { conversation } => (true, Some(conversation.clone())),
        Resume::Ledger { conversation } => (false, conversation.clone()),
        Resume::Fresh => (false, None),
    };
    if recovered.is_none() && resuming {
        // The create's outcome is unknown (killed, or its answer lost): our own unstamped
        // conversation at that time, if it exists. Search may not show it yet (it lags
        // writes), so the conversations are listed instead, once per run.
        let listed = listed_now(st).await?;
        let this_call = call.id.0.to_string();
        let candidates: Vec<&ConvLite> = convs_of
            .iter()
            .chain(listed.get(&contact.id).into_iter().flatten())
            .collect();
        // Stamped for this call already (a kill after the stamp, before the ledger heard of
        // it: search may still show the unstamped version), else ours unstamped.
        recovered = candidates
            .iter()
            .find(|c| c.call_id.as_deref() == Some(this_call.as_str()))
            .or_else(|| {
                candidates.iter().find(|c| {
                    c.call_id.is_none()
                        && c.created_at == call.started_at
                        && recognize::same_title(&crate::html::to_text(&c.body), &rec.title)
                })
            })
            .map(|c| c.id.clone());
    }
    let conv = match recovered {
        Some(id) => {
            let id = ConversationId(id);
            if st.mode == ConversationMode::New && !already_stamped {
                st.ic
                    .set_attributes(&id, serde_json::json!({ATTRIBUTE: call.id.0.to_string()}))
                    .await?;
            }
            id
        }
        None => {
            mark(LogState::Pending, None)?;
            let open = match st.mode {
                ConversationMode::LastOpen => last_open(st, &contact.id).await?,
                ConversationMode::New => None,
            };
            match open {
                Some(id) => ConversationId(id),
                None => {
                    let m = st
                        .ic
                        .create_conversation(
                            &ContactId(contact.id.clone()),
                            &contact.role,
                            &rec.title,
                            Some(call.started_at),
                        )
                        .await?;
                    // Known at once, so a kill before the stamp cannot orphan it.
                    mark(LogState::Pending, Some(&m.conversation_id.0))?;
                    st.ic
                        .set_attributes(
                            &m.conversation_id,
                            serde_json::json!({ATTRIBUTE: call.id.0.to_string()}),
                        )
                        .await?;
                    st.convs
                        .lock()
                        .expect("lock")
                        .entry(contact.id.clone())
                        .or_default()
                        .push(ConvLite {
                            id: m.conversation_id.0.clone(),
                            created_at: call.started_at,
                            updated_at: call.started_at,
                            body: rec.title.clone(),
                            call_id: Some(call.id.0.to_string()),
                            message_id: None,
                            open: true,
                            tags: vec![],
                        });
                    m.conversation_id
                }
            }
        }
    };
    mark(LogState::Created, Some(&conv.0))?;
    rec.conversation_id = Some(conv.0.clone());

    // Note, assignment, tags: checked against the conversation when resuming.
    let existing = if resuming || st.mode == ConversationMode::LastOpen {
        Some(st.ic.get_conversation(&conv).await?)
    } else {
        None
    };
    let has_note = existing.as_ref().is_some_and(|c| {
        crate::backfill::index::any_part(c, |part| {
            part.body
                .as_deref()
                .is_some_and(|b| integration::carries_marker(b, call.id.0))
        })
    });
    // §6: the first item written in the (already open) conversation is the title message,
    // then the notes. It is an internal note: a visible comment would be sent to the customer
    // for a call that may be weeks old. Written once: found again by its text and date.
    let want = recognize::normalize_title(&rec.title);
    // Whether the call went into the contact's open conversation (last-open mode), rather
    // than one aircom created with the title as its first message.
    let appended = st.mode == ConversationMode::LastOpen
        && existing
            .as_ref()
            .is_some_and(|c| crate::backfill::index::appended(c, call.started_at, &want));
    if appended && !has_note {
        let has_title = existing.as_ref().is_some_and(|c| {
            crate::backfill::index::any_part(c, |part| {
                part.created_at == Some(call.started_at)
                    && part
                        .body
                        .as_deref()
                        .is_some_and(|b| recognize::same_title(&crate::html::first_line(b), &want))
            })
        });
        if !has_title {
            let body = integration::title_note(&rec.title, call.id.0, st.locale);
            st.ic
                .add_note(&conv, &st.admin, &body, Some(call.started_at))
                .await?;
        }
    }
    if !has_note {
        let link = match fresh_link {
            Some(l) => l,
            None => media_link(st.ac, call).await?,
        };
        let body = note(call, kind, link.as_deref(), st.locale);
        st.ic
            .add_note(&conv, &st.admin, &body, call.ended_at)
            .await?;
    }
    if let Some(plan::Assignee {
        admin_id,
        note: body,
        ..
    }) = target
    {
        let already = existing
            .as_ref()
            .and_then(|c| c.admin_assignee_id)
            .map(|a| a.to_string())
            == Some(admin_id.clone());
        if !already {
            st.ic
                .assign(
                    &conv,
                    &st.admin,
                    Some(&AdminId(admin_id.clone())),
                    body.as_deref(),
                )
                .await?;
        }
    }
    let present: std::collections::HashSet<String> = existing
        .as_ref()
        .and_then(|c| c.tags.as_ref())
        .map(|t| t.tags.iter().map(|t| t.name.to_lowercase()).collect())
        .unwrap_or_default();
    for name in call.tags.iter().filter_map(|t| t.name.clone()) {
        if present.contains(&name.to_lowercase()) {
            continue;
        }
        let known = st
            .tags
            .lock()
            .expect("lock")
            .get(&name.to_lowercase())
            .cloned();
        let id = match known {
            Some(id) => id,
            None => {
                // Creating is idempotent (an existing tag comes back), so a race is harmless.
                let t = st.ic.create_tag(&name).await?;
                st.tags
                    .lock()
                    .expect("lock")
                    .insert(name.to_lowercase(), t.id.clone());
                t.id
            }
        };
        st.ic.tag_conversation(&conv, &TagId(id), &st.admin).await?;
    }
    mark(LogState::Done, Some(&conv.0))?;
    rec.outcome = CallOutcome::Logged;
    Ok(rec)
}

/// The recording or voicemail link: the durable `asset` page when Aircall gives one, else a
/// freshly re-fetched short link (signed links expire within hours).
async fn media_link(ac: &AircallClient, call: &Call) -> anyhow::Result<Option<String>> {
    let has_media = call.recording.is_some() || call.voicemail.is_some() || call.asset.is_some();
    if !has_media {
        return Ok(None);
    }
    if let Some(a) = &call.asset {
        return Ok(Some(a.clone()));
    }
    let fresh = ac.get_call(&call.id).await?;
    Ok(fresh
        .asset
        .or(fresh.recording_short_url)
        .or(fresh.voicemail_short_url)
        .or(fresh.recording)
        .or(fresh.voicemail))
}

async fn last_open(st: &State<'_>, contact: &str) -> anyhow::Result<Option<String>> {
    let known = st.convs.lock().expect("lock").get(contact).and_then(|cs| {
        cs.iter()
            .filter(|c| c.open)
            .max_by_key(|c| c.created_at)
            .map(|c| c.id.clone())
    });
    if let Some(id) = known {
        return Ok(Some(id));
    }
    let q = intercom::and(vec![
        intercom::filter("contact_ids", "=", contact),
        intercom::filter("state", "=", "open"),
    ]);
    let found: Vec<intercom::Conversation> = st.ic.search_conversations(q).try_collect().await?;
    Ok(found
        .into_iter()
        .max_by_key(|c| c.updated_at.unwrap_or(c.created_at))
        .map(|c| c.id.0))
}

async fn create_contact(st: &State<'_>, call: &Call, role: &str) -> anyhow::Result<ContactRef> {
    let write = if call.is_anonymous() {
        ContactWrite {
            role: Some(role.into()),
            email: Some(ANONYMOUS_EMAILS[0].into()),
            name: Some(ANONYMOUS_NAME.into()),
            phone: None,
        }
    } else {
        let e164 = call_e164(&call.raw_digits, call.country_code_a2.as_deref()).expect("checked");
        ContactWrite {
            role: Some(role.into()),
            email: None,
            name: Some(format!("{e164} New Aircall contact")),
            phone: Some(Some(e164)),
        }
    };
    let created = match st.ic.create_contact(&write).await {
        Ok(c) => ContactRef {
            id: c.id.0,
            role: c.role,
        },
        // 409: it exists (a retried create, or a lagging search index): use it.
        Err(e) if e.conflict_id().is_some() => ContactRef {
            id: e.conflict_id().expect("checked").to_string(),
            role: role.into(),
        },
        Err(e) => return Err(e.into()),
    };
    st.contacts_created.fetch_add(1, Ordering::SeqCst);
    remember_contact(st, call, &created);
    Ok(created)
}

/// Adds a contact aircom created to the run's index, so the caller's later calls use it.
fn remember_contact(st: &State<'_>, call: &Call, c: &ContactRef) {
    if call.is_anonymous() {
        *st.anonymous.lock().expect("lock") = Some(c.clone());
    } else if let Some(e) = call_e164(&call.raw_digits, call.country_code_a2.as_deref()) {
        let mut idx = st.by_number.lock().expect("lock");
        let known = idx.entry(e).or_default();
        if !known.iter().any(|k| k.id == c.id) {
            known.push(c.clone());
        }
    }
}
