//! `aircom audit duplicates`: phone numbers shared by several contacts. The native
//! integration silently skips every call to or from such a number; `--with-calls` shows what
//! that cost, and `--fix` repairs groups through the journal.

use std::collections::{BTreeMap, HashMap, HashSet};

use futures::StreamExt;
use serde::Serialize;

use crate::cli::{AuditDuplicatesArgs, DuplicateStrategy};
use crate::commands::ExitStatus;
use crate::contacts::{call_e164, hints, scan, Row};
use crate::context::Ctx;
use crate::error::Failure;
use crate::intercom::{ContactId, ContactWrite};
use crate::ledger::{JournalState, RunOutcome};
use crate::lookup::intercom_link;
use crate::output::{ago, iso, OutputFormat};
use crate::phone::{normalize, Hints};

/// One shared number (`--json` emits an array of them; times in ISO 8601).
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub e164: String,
    /// Calls to or from this number in the `--with-calls` window (none were logged).
    pub calls: Option<u64>,
    #[serde(serialize_with = "crate::output::iso_opt")]
    pub latest_call: Option<i64>,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Member {
    /// The contact's id as text: Intercom's, or with `--aircall` Aircall's (for comparing
    /// and printing); `--json` writes `key` in its place.
    #[serde(skip)]
    pub id: String,
    /// `contact_id` (a string) for an Intercom contact, `aircall_id` (an integer) for an
    /// Aircall one: named and typed as in every other command's `--json`.
    #[serde(flatten)]
    pub key: MemberKey,
    pub role: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone_as_stored: Option<String>,
    #[serde(serialize_with = "crate::output::iso_opt")]
    pub created_at: Option<i64>,
    #[serde(serialize_with = "crate::output::iso_opt")]
    pub updated_at: Option<i64>,
    #[serde(serialize_with = "crate::output::iso_opt")]
    pub last_seen_at: Option<i64>,
    pub link: String,
}

/// Whose contact a member is, as `--json` names it.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum MemberKey {
    Intercom { contact_id: String },
    Aircall { aircall_id: i64 },
}

/// Groups contacts by E.164; groups of two or more, largest first.
pub fn group(rows: &[Row], app_id: &str) -> Vec<Group> {
    let mut by: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for r in rows {
        if let Some(e) = r.e164() {
            by.entry(e).or_default().push(r);
        }
    }
    by.into_iter()
        .filter(|(_, m)| m.len() > 1)
        .map(|(e, m)| Group {
            e164: e.to_string(),
            calls: None,
            latest_call: None,
            members: m
                .into_iter()
                .map(|r| Member {
                    id: r.id.clone(),
                    key: MemberKey::Intercom {
                        contact_id: r.id.clone(),
                    },
                    role: r.role.clone(),
                    name: r.name.clone(),
                    email: r.email.clone(),
                    phone_as_stored: r.phone.clone(),
                    created_at: r.created_at,
                    updated_at: r.updated_at,
                    last_seen_at: r.last_seen_at,
                    link: intercom_link(app_id, &ContactId(r.id.clone())),
                })
                .collect(),
        })
        .map(|mut g: Group| {
            rank_members(&mut g.members);
            g
        })
        .collect()
}

/// The contact to keep: a user over leads, then the most recently seen.
pub fn keeper(members: &[Member]) -> &Member {
    &members[keeper_index(members)]
}

/// [`keeper`]'s position in the group (the walk's `k` moves it).
pub fn keeper_index(members: &[Member]) -> usize {
    members
        .iter()
        .enumerate()
        .max_by_key(|(_, m)| keeper_rank(m))
        .map(|(i, _)| i)
        .expect("a group has members")
}

/// How fit a member is to keep the number: a user over leads, then the most recently seen,
/// then the lower id (a total order: no two members rank alike).
fn keeper_rank(m: &Member) -> (bool, i64, std::cmp::Reverse<&str>) {
    (
        m.role == "user",
        m.last_seen_at.or(m.updated_at).unwrap_or(0),
        std::cmp::Reverse(m.id.as_str()),
    )
}

/// A group's members in a fixed order, the suggested keeper first: the contacts are read
/// by concurrent pages, and tables, `--json` and the walk's member numbers must not change
/// from one run to the next.
fn rank_members(members: &mut [Member]) {
    members.sort_by(|a, b| keeper_rank(b).cmp(&keeper_rank(a)));
}

/// What `--fix` would do to a group.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Merge a lead into the user keeper (Intercom merges only lead into user). Permanent:
    /// `undo` cannot split a merged contact.
    Merge { lead: String, into: String },
    /// Clear the phone on a contact that is not the keeper (the journal can restore it).
    ClearPhone {
        #[serde(rename = "contact_id")]
        contact: String,
        phone: Option<String>,
    },
    /// Nothing aircom may do alone: another user, or no user to merge into.
    Manual {
        #[serde(rename = "contact_id")]
        contact: String,
        reason: String,
    },
}

impl Action {
    /// A change `undo` cannot take back.
    pub fn is_permanent(&self) -> bool {
        matches!(self, Action::Merge { .. })
    }
}

pub fn plan(g: &Group, strategy: Option<DuplicateStrategy>) -> Vec<Action> {
    plan_keeping(g, keeper_index(&g.members), strategy)
}

/// The plan with `members[keeper]` keeping the number: each lead is merged into it when it
/// is a user (the only merge Intercom accepts: `POST /contacts/merge` takes a lead `from`
/// and a user `into`), every other contact loses the phone (or, with a strategy, is left to
/// a person).
pub fn plan_keeping(g: &Group, keeper: usize, strategy: Option<DuplicateStrategy>) -> Vec<Action> {
    let k = &g.members[keeper];
    g.members
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != keeper)
        .map(|(_, m)| {
            if m.role == "lead" && k.role == "user" {
                Action::Merge {
                    lead: m.id.clone(),
                    into: k.id.clone(),
                }
            } else if strategy == Some(DuplicateStrategy::MergeLeads) {
                Action::Manual {
                    contact: m.id.clone(),
                    reason: if k.role == "user" {
                        "another user: merge or clear it by hand".into()
                    } else {
                        "no user to merge into".into()
                    },
                }
            } else {
                Action::ClearPhone {
                    contact: m.id.clone(),
                    phone: m.phone_as_stored.clone(),
                }
            }
        })
        .collect()
}

/// A journal row's state from a write's result: a write that may have landed is unknown.
fn journal_state<T>(r: &Result<T, crate::http::HttpError>) -> JournalState {
    match r {
        Ok(_) => JournalState::Done,
        Err(e) if e.write_may_have_landed() => JournalState::Unknown,
        Err(_) => JournalState::Failed,
    }
}

pub async fn run(args: AuditDuplicatesArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let hints = hints(ctx, &args.phone)?;
    let since = args
        .with_calls
        .as_ref()
        .map(|w| w.resolve(ctx.now()))
        .transpose()?;
    if args.fix && !args.dry_run && !ctx.global.yes && !ctx.printer.is_tty() {
        return Err(Failure::usage_hint(
            "refusing to write without a terminal to confirm on",
            "pass `--yes` (with `--strategy merge-leads`), or `--dry-run` to see the plan",
        ));
    }
    if args.aircall {
        return aircall(ctx, &hints, since).await;
    }
    if args.fix && args.strategy.is_none() && !ctx.printer.is_tty() && !args.dry_run {
        return Err(Failure::usage_hint(
            "`--fix` without `--strategy` asks per group and needs a terminal",
            "use `--strategy merge-leads --yes` to repair unattended",
        ));
    }
    // A repairing run takes the job's lock before it reads the contacts it plans from.
    let ledger = if args.fix && !args.dry_run {
        Some(ctx.workspace_ledger().await?)
    } else {
        None
    };
    let guard = ledger
        .as_ref()
        .map(|l| l.begin("audit duplicates --fix"))
        .transpose()?;
    let me = ctx.intercom()?.me().await?;
    let rows = scan(ctx, &args.phone, &hints).await?;
    let mut groups = group(&rows, &me.app.id_code);
    let mut calls_affected = 0;
    if let Some(since) = since {
        let wanted = shared_since(&groups, since);
        let costs = call_costs(ctx, &wanted).await?;
        for g in &mut groups {
            let (n, latest) = costs.get(&g.e164).copied().unwrap_or((0, None));
            g.calls = Some(n);
            g.latest_call = latest;
            calls_affected += n;
        }
    }
    // Most costly first, then the largest groups.
    groups.sort_by(|a, b| {
        (b.calls, b.members.len(), &a.e164).cmp(&(a.calls, a.members.len(), &b.e164))
    });
    let with_phone = rows
        .iter()
        .filter(|r| r.phone.as_deref().is_some_and(|p| !p.trim().is_empty()))
        .count();
    let involved: usize = groups.iter().map(|g| g.members.len()).sum();
    if args.fix {
        return fix(ctx, &groups, &args, ledger.as_ref().zip(guard.as_ref())).await;
    }
    render(ctx, &groups)?;
    ctx.printer.info(format!(
        "{} contacts scanned, {with_phone} with a phone, {} shared numbers, {involved} contacts involved{}",
        rows.len(),
        groups.len(),
        since.map(|_| format!(", {calls_affected} calls not logged")).unwrap_or_default()
    ));
    if !groups.is_empty() {
        ctx.printer
            .info("hint: `aircom audit duplicates --fix` walks the groups and repairs them");
    }
    Ok(ExitStatus::Success)
}

/// When each group's number became shared: the second member's creation (the first
/// contact alone had the number to itself, and its calls were logged), and never before
/// `since`. A member with no creation date counts from `since`.
pub fn shared_since(groups: &[Group], since: i64) -> HashMap<String, i64> {
    groups
        .iter()
        .map(|g| {
            let mut created: Vec<Option<i64>> = g.members.iter().map(|m| m.created_at).collect();
            created.sort();
            // `None` sorts first: an unknown date makes the group count from `since`.
            let from = match created.as_slice() {
                [Some(_), Some(second), ..] => (*second).max(since),
                _ => since,
            };
            (g.e164.clone(), from)
        })
        .collect()
}

/// Calls per number since it became shared (`from`, per number): (count, latest start).
async fn call_costs(
    ctx: &Ctx,
    from: &HashMap<String, i64>,
) -> anyhow::Result<HashMap<String, (u64, Option<i64>)>> {
    let client = ctx.aircall()?;
    let bar = ctx.printer.progress(None, "reading Aircall calls");
    let mut out: HashMap<String, (u64, Option<i64>)> = HashMap::new();
    let Some(since) = from.values().min().copied() else {
        bar.finish_and_clear();
        return Ok(out);
    };
    let mut stream = client.calls(since, ctx.now(), 4);
    while let Some(call) = stream.next().await {
        let call = call?;
        bar.inc(1);
        if call.is_anonymous() {
            continue;
        }
        let Some(e) = call_e164(&call.raw_digits, call.country_code_a2.as_deref()) else {
            continue;
        };
        if from.get(&e).is_some_and(|f| call.started_at >= *f) {
            let entry = out.entry(e).or_insert((0, None));
            entry.0 += 1;
            entry.1 = Some(entry.1.map_or(call.started_at, |l| l.max(call.started_at)));
        }
    }
    bar.finish_and_clear();
    Ok(out)
}

fn render(ctx: &Ctx, groups: &[Group]) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let table = p.format == OutputFormat::Table;
    let now = ctx.now();
    let t = |ts: Option<i64>| match ts {
        Some(ts) if table => ago(ts, now),
        Some(ts) => iso(ts),
        None => String::new(),
    };
    let mut rows = Vec::new();
    for g in groups {
        for (i, m) in g.members.iter().enumerate() {
            let first = i == 0 || !table;
            rows.push(vec![
                if first { g.e164.clone() } else { String::new() },
                if first {
                    g.calls.map(|c| c.to_string()).unwrap_or_default()
                } else {
                    String::new()
                },
                if first {
                    t(g.latest_call)
                } else {
                    String::new()
                },
                m.id.clone(),
                m.role.clone(),
                m.name.clone().unwrap_or_default(),
                m.email.clone().unwrap_or_default(),
                m.phone_as_stored.clone().unwrap_or_default(),
                t(m.created_at),
                t(m.updated_at),
                t(m.last_seen_at),
                m.link.clone(),
            ]);
        }
    }
    let aircall = groups
        .first()
        .and_then(|g| g.members.first())
        .is_some_and(|m| matches!(m.key, MemberKey::Aircall { .. }));
    p.table(
        &[
            "e164",
            "calls",
            "latest_call",
            if aircall { "aircall_id" } else { "contact_id" },
            "role",
            "name",
            "email",
            "phone_as_stored",
            "created_at",
            "updated_at",
            "last_seen_at",
            "link",
        ],
        &rows,
        &groups,
    )?;
    Ok(())
}

async fn aircall(ctx: &Ctx, hints: &Hints, since: Option<i64>) -> anyhow::Result<ExitStatus> {
    let client = ctx.aircall()?;
    let bar = ctx.printer.progress(None, "scanning Aircall contacts");
    let mut by: BTreeMap<String, Vec<Member>> = BTreeMap::new();
    let mut scanned = 0;
    let mut stream = client.contacts(0, ctx.now(), 4);
    while let Some(c) = stream.next().await {
        let c = c?;
        scanned += 1;
        bar.inc(1);
        let name = [c.first_name.clone(), c.last_name.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let mut seen = HashSet::new();
        for p in &c.phone_numbers {
            if let Some(e) = normalize(&p.value, hints).e164() {
                if seen.insert(e.to_string()) {
                    by.entry(e.to_string()).or_default().push(Member {
                        id: c.id.0.to_string(),
                        key: MemberKey::Aircall { aircall_id: c.id.0 },
                        role: "aircall_contact".into(),
                        name: Some(name.clone()).filter(|n| !n.is_empty()),
                        email: c.emails.first().map(|e| e.value.clone()),
                        phone_as_stored: Some(p.value.clone()),
                        created_at: c.created_at,
                        updated_at: c.updated_at,
                        last_seen_at: None,
                        link: format!("https://dashboard.aircall.io/contacts/{}", c.id),
                    });
                }
            }
        }
    }
    bar.finish_and_clear();
    let mut groups: Vec<Group> = by
        .into_iter()
        .filter(|(_, m)| m.len() > 1)
        .map(|(e164, mut members)| {
            rank_members(&mut members);
            Group {
                e164,
                calls: None,
                latest_call: None,
                members,
            }
        })
        .collect();
    if let Some(since) = since {
        let wanted = shared_since(&groups, since);
        let costs = call_costs(ctx, &wanted).await?;
        for g in &mut groups {
            let (n, l) = costs.get(&g.e164).copied().unwrap_or((0, None));
            g.calls = Some(n);
            g.latest_call = l;
        }
    }
    groups.sort_by(|a, b| {
        (b.calls, b.members.len(), &a.e164).cmp(&(a.calls, a.members.len(), &b.e164))
    });
    render(ctx, &groups)?;
    ctx.printer.info(format!(
        "{scanned} Aircall contacts scanned, {} shared numbers, {} contacts involved",
        groups.len(),
        groups.iter().map(|g| g.members.len()).sum::<usize>()
    ));
    Ok(ExitStatus::Success)
}

async fn fix(
    ctx: &Ctx,
    groups: &[Group],
    args: &AuditDuplicatesArgs,
    run: Option<(&crate::ledger::Ledger, &crate::ledger::RunGuard<'_>)>,
) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    let interactive = args.strategy.is_none();
    if interactive && !ctx.printer.is_tty() && !args.dry_run {
        return Err(Failure::usage_hint(
            "`--fix` without `--strategy` asks per group and needs a terminal",
            "use `--strategy merge-leads --yes` to repair unattended",
        ));
    }
    let walked = if interactive && !args.dry_run {
        match walk(p, groups, ctx.now()) {
            Ok(w) => Some(w),
            Err(e) => {
                if let Some((_, guard)) = run {
                    guard.finish(RunOutcome::Cancelled, &serde_json::json!({}))?;
                }
                return Err(e);
            }
        }
    } else {
        None
    };
    let chosen: Vec<(String, Action)> = match &walked {
        Some(w) => w.chosen.clone(),
        None => groups
            .iter()
            .flat_map(|g| {
                plan(g, args.strategy)
                    .into_iter()
                    .map(|a| (g.e164.clone(), a))
            })
            .collect(),
    };
    let writes: Vec<&(String, Action)> = chosen
        .iter()
        .filter(|(_, a)| !matches!(a, Action::Manual { .. }))
        .collect();
    let merges = writes.iter().filter(|(_, a)| a.is_permanent()).count();
    // Whoever writes without `--yes` reviews the plan and says yes to it: the walk's admin,
    // and a `--strategy` run on a terminal.
    let ask = !args.dry_run && !ctx.global.yes && !writes.is_empty();
    if let Some(w) = &walked {
        p.screen(format!(
            "\n{} {}, {} skipped{}",
            p.bold("review:"),
            plural(w.changed, "group to change", "groups to change"),
            w.skipped,
            if w.unseen > 0 {
                format!(", {} not reached (`q`)", w.unseen)
            } else {
                String::new()
            }
        ));
    }
    if args.dry_run || walked.is_some() || ask || p.format != OutputFormat::Table {
        p.table(
            &["e164", "action", "contact_id", "detail"],
            &plan_rows(&chosen, p.format == OutputFormat::Table),
            &chosen
                .iter()
                .map(|(e, a)| serde_json::json!({"e164": e, "plan": a}))
                .collect::<Vec<_>>(),
        )?;
    }
    if args.dry_run {
        p.info(format!(
            "dry run: {} planned ({}), nothing written",
            plural(writes.len(), "change", "changes"),
            permanence(merges)
        ));
        return Ok(ExitStatus::Success);
    }
    let (ledger, guard) = run.expect("a repairing run holds the lock");
    if writes.is_empty() {
        guard.finish(
            RunOutcome::Ok,
            &serde_json::json!({"applied": 0, "failed": 0}),
        )?;
        p.info(if walked.is_some() {
            "no change chosen, nothing written"
        } else {
            "nothing to repair"
        });
        return Ok(ExitStatus::Success);
    }
    if ask || walked.is_some() {
        let clears = writes.len() - merges;
        let manual = chosen.len() - writes.len();
        let mut parts = Vec::new();
        if merges > 0 {
            parts.push(format!(
                "{}: `aircom undo` cannot split a merged contact",
                p.red(&plural(merges, "PERMANENT merge", "PERMANENT merges"))
            ));
        }
        if clears > 0 {
            parts.push(format!(
                "{}: `aircom undo RUN_ID` restores them",
                plural(clears, "phone clear", "phone clears")
            ));
        }
        if manual > 0 {
            parts.push(format!("{manual} left to a person"));
        }
        p.screen(parts.join("; "));
    }
    if ask {
        let prompt = format!(
            "Apply {} ({})?",
            plural(writes.len(), "change", "changes"),
            permanence(merges)
        );
        if !p.confirm(&prompt)? {
            guard.finish(RunOutcome::Cancelled, &serde_json::json!({}))?;
            return Err(Failure::declined());
        }
    }
    let run = guard.id();
    let client = ctx.intercom()?;
    ctx.bulk.store(true, std::sync::atomic::Ordering::SeqCst);
    let (mut done, mut failed) = (0u64, 0u64);
    for (_, a) in writes {
        if ctx.interrupted() {
            break;
        }
        let result = match a {
            Action::Merge { lead, into } => {
                let j = ledger.journal_pending(
                    run,
                    "intercom",
                    lead,
                    "merge_into",
                    None,
                    Some(into),
                )?;
                let r = client
                    .merge_same_number(&ContactId(lead.clone()), &ContactId(into.clone()))
                    .await;
                ledger.journal_set(j, journal_state(&r))?;
                r.map(|_| ())
            }
            Action::ClearPhone { contact, phone } => {
                let j = ledger.journal_pending(
                    run,
                    "intercom",
                    contact,
                    "phone",
                    phone.as_deref(),
                    None,
                )?;
                let r = client
                    .update_contact(
                        &ContactId(contact.clone()),
                        &ContactWrite {
                            phone: Some(None),
                            ..ContactWrite::default()
                        },
                    )
                    .await;
                ledger.journal_set(j, journal_state(&r))?;
                r.map(|_| ())
            }
            Action::Manual { .. } => Ok(()),
        };
        match result {
            Ok(()) => done += 1,
            Err(e) => {
                failed += 1;
                p.warn(format!("{e}"));
            }
        }
    }
    let outcome = if ctx.interrupted() {
        RunOutcome::Interrupted
    } else if failed > 0 {
        RunOutcome::Failed
    } else {
        RunOutcome::Ok
    };
    guard.finish(
        outcome,
        &serde_json::json!({"applied": done, "failed": failed}),
    )?;
    p.outcome(
        !ctx.interrupted() && failed == 0,
        format!(
            "run {run}: {done} changes applied, {failed} failed{}",
            if ctx.interrupted() {
                " (interrupted)"
            } else {
                ""
            }
        ),
    );
    if ctx.interrupted() {
        return Err(
            Failure::Cancelled(format!("interrupted: run {run} recorded {done} changes")).into(),
        );
    }
    Ok(if failed > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// One key of the walk. The letters mean the same thing in every group; one that does not
/// apply to a group is refused there, never given another meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    /// `m`: merge the leads into the keeper (permanent), clear the other users' phones.
    Merge,
    /// `c`: clear the phone on every contact but the keeper (undoable).
    Clear,
    /// `k`, or `k2`: another keeper (the member's position, from 0), asked when not given.
    Keeper(Option<usize>),
    /// `s`: leave this group as it is.
    Skip,
    /// `q`: stop and review what was chosen so far.
    Quit,
}

const KEYS: &str = "m, c, k, s or q";

/// Reads one answer to a group's prompt. `members` is the group's size (members are typed
/// from 1); `no_merge` says why `m` does not apply to this group, if it does not.
fn parse_key(input: &str, members: usize, no_merge: Option<&str>) -> Result<Key, String> {
    let s = input.trim().to_lowercase();
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return Err(format!("type a key: {KEYS}"));
    };
    let rest = chars.as_str().trim();
    let key = match first {
        'm' => Key::Merge,
        'c' => Key::Clear,
        'k' if !rest.is_empty() => Key::Keeper(Some(parse_member(rest, members)?)),
        'k' => Key::Keeper(None),
        's' => Key::Skip,
        'q' => Key::Quit,
        _ => return Err(format!("`{s}` is not a key: type {KEYS}")),
    };
    if !rest.is_empty() && !matches!(key, Key::Keeper(_)) {
        return Err(format!("`{s}` is not a key: type {KEYS}"));
    }
    match (key, no_merge) {
        (Key::Merge, Some(why)) => Err(format!("`m` does not apply here: {why}")),
        _ => Ok(key),
    }
}

/// A member typed by its number (1 to `members`), as its position.
fn parse_member(input: &str, members: usize) -> Result<usize, String> {
    match input.trim().parse::<usize>() {
        Ok(n) if (1..=members).contains(&n) => Ok(n - 1),
        _ => Err(format!("type a member's number, 1 to {members}")),
    }
}

/// Why `m` does not apply with `members[keeper]` keeping the number, if it does not.
/// Intercom merges only a lead into a user, so a lead keeper absorbs nothing (the group's
/// users would have to lose their phones, which is `c`), and a group of users has nothing
/// to merge.
fn merge_unavailable(members: &[Member], keeper: usize) -> Option<&'static str> {
    let lead_elsewhere = members
        .iter()
        .enumerate()
        .any(|(i, m)| i != keeper && m.role == "lead");
    if members[keeper].role != "user" {
        Some(if members.iter().any(|m| m.role == "user") {
            "the keeper is a lead, and only a user can absorb a merge (`k` to choose a user)"
        } else {
            "no user to merge into"
        })
    } else if !lead_elsewhere {
        Some("no lead to merge")
    } else {
        None
    }
}

/// The changes a key makes to a group, `members[keeper]` keeping the number.
fn choose(g: &Group, keeper: usize, key: Key) -> Vec<Action> {
    match key {
        Key::Merge => plan_keeping(g, keeper, None),
        Key::Clear => g
            .members
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != keeper)
            .map(|(_, m)| Action::ClearPhone {
                contact: m.id.clone(),
                phone: m.phone_as_stored.clone(),
            })
            .collect(),
        Key::Keeper(_) | Key::Skip | Key::Quit => Vec::new(),
    }
}

/// What the walk chose, for the review. Nothing is written while walking.
struct Walked {
    chosen: Vec<(String, Action)>,
    changed: usize,
    skipped: usize,
    unseen: usize,
}

/// The interactive walk: one screen per group (its members numbered, the keeper marked,
/// the keys), a choice per group, and `q` to stop early. A permanent merge is said to be
/// permanent when it is chosen.
fn walk(p: &crate::output::Printer, groups: &[Group], now: i64) -> anyhow::Result<Walked> {
    let mut w = Walked {
        chosen: Vec::new(),
        changed: 0,
        skipped: 0,
        unseen: 0,
    };
    for (i, g) in groups.iter().enumerate() {
        let suggested = keeper_index(&g.members);
        let mut keeper = suggested;
        loop {
            show_group(p, g, (i + 1, groups.len()), keeper, suggested, now);
            let no_merge = merge_unavailable(&g.members, keeper);
            let n = g.members.len();
            let answer = p.ask(
                if no_merge.is_some() {
                    "Choice [c/k/s/q]"
                } else {
                    "Choice [m/c/k/s/q]"
                },
                |s| parse_key(s, n, no_merge).map(|_| ()),
            )?;
            let key = parse_key(&answer, n, no_merge).map_err(anyhow::Error::msg)?;
            match key {
                Key::Keeper(picked) => {
                    keeper = match picked {
                        Some(k) => k,
                        None => {
                            let answer = p.ask(&format!("Keeper [1-{n}]"), |s| {
                                parse_member(s, n).map(|_| ())
                            })?;
                            parse_member(&answer, n).map_err(anyhow::Error::msg)?
                        }
                    };
                    continue;
                }
                Key::Skip => {
                    p.screen("  → skipped, nothing planned");
                    w.skipped += 1;
                }
                Key::Quit => {
                    w.unseen = groups.len() - i;
                    return Ok(w);
                }
                Key::Merge | Key::Clear => {
                    let actions = choose(g, keeper, key);
                    for a in &actions {
                        p.screen(format!("  → {}", describe(p, g, a)));
                    }
                    w.changed += 1;
                    w.chosen
                        .extend(actions.into_iter().map(|a| (g.e164.clone(), a)));
                }
            }
            break;
        }
    }
    Ok(w)
}

/// A group's screen: the number, its members numbered from 1 with the keeper marked, and the
/// keys (always the same letters; one that does not apply is shown as such).
fn show_group(
    p: &crate::output::Printer,
    g: &Group,
    (at, of): (usize, usize),
    keeper: usize,
    suggested: usize,
    now: i64,
) {
    p.screen(format!(
        "\n[{at}/{of}] {} shared by {} contacts{}",
        p.bold(&g.e164),
        g.members.len(),
        g.calls
            .map(|c| format!(", {} not logged", plural(c as usize, "call", "calls")))
            .unwrap_or_default()
    ));
    for (i, m) in g.members.iter().enumerate() {
        let mark = if i == keeper {
            p.green("← keeper")
        } else if i == suggested {
            "(suggested keeper)".to_string()
        } else {
            String::new()
        };
        let line = format!(
            "  {}  {:<4}  {}{}  stored as `{}`{}  {}  {mark}",
            i + 1,
            m.role,
            m.name.as_deref().unwrap_or("(no name)"),
            m.email
                .as_deref()
                .map(|e| format!(" <{e}>"))
                .unwrap_or_default(),
            m.phone_as_stored.as_deref().unwrap_or_default(),
            m.last_seen_at
                .or(m.updated_at)
                .map(|t| format!(", seen {}", ago(t, now)))
                .unwrap_or_default(),
            m.id,
        );
        p.screen(line.trim_end());
    }
    let others_users = g
        .members
        .iter()
        .enumerate()
        .any(|(i, m)| i != keeper && m.role == "user");
    let merge = match merge_unavailable(&g.members, keeper) {
        None if others_users => format!(
            "[m] merge the leads into the keeper ({}) and clear the other users' phones",
            p.red("PERMANENT")
        ),
        None => format!(
            "[m] merge the leads into the keeper ({})",
            p.red("PERMANENT")
        ),
        Some(why) => format!("[m] merge: not here, {why}"),
    };
    p.screen(format!(
        "  {merge}\n  [c] clear the phone on the others  [k] choose another keeper  [s] skip  [q] stop and review"
    ));
}

/// One planned change in words, with the members' numbers from the group's screen.
fn describe(p: &crate::output::Printer, g: &Group, a: &Action) -> String {
    let who = |id: &str| {
        let (i, m) = g
            .members
            .iter()
            .enumerate()
            .find(|(_, m)| m.id == id)
            .expect("a member of the group");
        format!(
            "{} ({} {})",
            i + 1,
            m.role,
            m.name.as_deref().unwrap_or("(no name)")
        )
    };
    match a {
        Action::Merge { lead, into } => format!(
            "merge {} into {}: {}, `aircom undo` cannot split it",
            who(lead),
            who(into),
            p.red("PERMANENT")
        ),
        Action::ClearPhone { contact, .. } => format!(
            "clear the phone on {}: `aircom undo` can restore it",
            who(contact)
        ),
        Action::Manual { contact, reason } => format!("leave {}: {reason}", who(contact)),
    }
}

/// The plan as table rows. On a terminal a merge's action says it is permanent; TSV and CSV
/// keep the bare action names of `--json`.
fn plan_rows(chosen: &[(String, Action)], human: bool) -> Vec<Vec<String>> {
    chosen
        .iter()
        .map(|(e, a)| match a {
            Action::Merge { lead, into } => vec![
                e.clone(),
                if human {
                    "merge (PERMANENT)".into()
                } else {
                    "merge".into()
                },
                lead.clone(),
                into.clone(),
            ],
            Action::ClearPhone { contact, phone } => vec![
                e.clone(),
                "clear_phone".into(),
                contact.clone(),
                phone.clone().unwrap_or_default(),
            ],
            Action::Manual { contact, reason } => {
                vec![e.clone(), "manual".into(), contact.clone(), reason.clone()]
            }
        })
        .collect()
}

/// `1 change`, `2 changes`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The confirmation's parenthesis: how many of the changes `undo` cannot take back.
fn permanence(merges: usize) -> String {
    match merges {
        0 => "all undoable".into(),
        n => plural(n, "permanent merge", "permanent merges"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(id: &str, role: &str, seen: i64) -> Member {
        Member {
            id: id.into(),
            key: MemberKey::Intercom {
                contact_id: id.into(),
            },
            role: role.into(),
            name: None,
            email: None,
            phone_as_stored: Some("+33762043575".into()),
            created_at: None,
            updated_at: None,
            last_seen_at: Some(seen),
            link: String::new(),
        }
    }

    #[test]
    fn keeper_prefers_users_then_recency() {
        let g = vec![m("a", "lead", 50), m("b", "user", 10), m("c", "user", 20)];
        assert_eq!(keeper(&g).id, "c");
        let g = vec![m("a", "lead", 50), m("b", "lead", 60)];
        assert_eq!(keeper(&g).id, "b");
    }

    #[test]
    fn merge_leads_strategy_never_touches_other_users() {
        let g = Group {
            e164: "+33762043575".into(),
            calls: None,
            latest_call: None,
            members: vec![m("a", "lead", 1), m("b", "user", 9), m("c", "user", 2)],
        };
        let p = plan(&g, Some(DuplicateStrategy::MergeLeads));
        assert_eq!(
            p[0],
            Action::Merge {
                lead: "a".into(),
                into: "b".into()
            }
        );
        assert!(matches!(p[1], Action::Manual { .. }));
        let p = plan(&g, None);
        assert!(matches!(p[1], Action::ClearPhone { .. }));
    }

    fn group(members: Vec<Member>) -> Group {
        Group {
            e164: "+33762043575".into(),
            calls: None,
            latest_call: None,
            members,
        }
    }

    #[test]
    fn walk_keys_keep_their_meaning_and_refuse_what_does_not_apply() {
        assert_eq!(parse_key("m", 2, None), Ok(Key::Merge));
        assert_eq!(parse_key(" C ", 2, None), Ok(Key::Clear));
        assert_eq!(parse_key("s", 2, None), Ok(Key::Skip));
        assert_eq!(parse_key("q", 2, None), Ok(Key::Quit));
        assert_eq!(parse_key("k", 3, None), Ok(Key::Keeper(None)));
        assert_eq!(parse_key("k3", 3, None), Ok(Key::Keeper(Some(2))));
        assert_eq!(parse_key("k 1", 3, None), Ok(Key::Keeper(Some(0))));
        assert!(parse_key("k4", 3, None).unwrap_err().contains("1 to 3"));
        assert!(parse_key("k0", 3, None).is_err());
        // Where `m` does not apply it is refused with the reason, never read as another key.
        let e = parse_key("m", 2, Some("no lead to merge")).unwrap_err();
        assert!(e.contains("no lead to merge"), "{e}");
        assert_eq!(parse_key("c", 2, Some("no lead to merge")), Ok(Key::Clear));
        for bad in ["", "x", "merge", "sq", "2"] {
            assert!(parse_key(bad, 2, None).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_merge_is_offered_only_into_a_user_keeper_with_a_lead_beside_it() {
        let mixed = vec![m("a", "lead", 1), m("b", "user", 9)];
        assert_eq!(merge_unavailable(&mixed, 1), None);
        assert!(merge_unavailable(&mixed, 0)
            .unwrap()
            .contains("only a user can absorb"));
        let users = vec![m("a", "user", 1), m("b", "user", 9)];
        assert_eq!(merge_unavailable(&users, 1), Some("no lead to merge"));
        let leads = vec![m("a", "lead", 1), m("b", "lead", 9)];
        assert_eq!(merge_unavailable(&leads, 0), Some("no user to merge into"));
    }

    #[test]
    fn the_plan_follows_the_chosen_keeper() {
        let g = group(vec![
            m("a", "lead", 1),
            m("b", "user", 9),
            m("c", "user", 2),
        ]);
        // The suggested keeper is `b`; `k3` makes `c` keep the number.
        assert_eq!(
            choose(&g, 2, Key::Merge),
            vec![
                Action::Merge {
                    lead: "a".into(),
                    into: "c".into()
                },
                Action::ClearPhone {
                    contact: "b".into(),
                    phone: Some("+33762043575".into())
                },
            ]
        );
        // A lead keeper: every other contact loses the phone, users included, and nothing
        // is merged (Intercom would refuse a merge into a lead).
        let cleared = choose(&g, 0, Key::Clear);
        assert_eq!(cleared.len(), 2);
        assert!(cleared.iter().all(|a| !a.is_permanent()));
        assert!(cleared
            .iter()
            .all(|a| matches!(a, Action::ClearPhone { contact, .. } if contact != "a")));
        assert!(choose(&g, 1, Key::Skip).is_empty());
    }

    #[test]
    fn the_confirmation_counts_permanent_merges() {
        assert_eq!(permanence(0), "all undoable");
        assert_eq!(permanence(1), "1 permanent merge");
        assert_eq!(permanence(2), "2 permanent merges");
        assert_eq!(plural(1, "change", "changes"), "1 change");
    }
}
