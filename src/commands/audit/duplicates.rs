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

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub e164: String,
    /// Calls to or from this number in the `--with-calls` window (none were logged).
    pub calls: Option<u64>,
    pub latest_call: Option<i64>,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub id: String,
    pub role: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone_as_stored: Option<String>,
    pub created_at: Option<i64>,
    pub updated_at: Option<i64>,
    pub last_seen_at: Option<i64>,
    pub link: String,
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
        .collect()
}

/// The contact to keep: a user over leads, then the most recently seen.
pub fn keeper(members: &[Member]) -> &Member {
    members
        .iter()
        .max_by_key(|m| {
            (
                m.role == "user",
                m.last_seen_at.or(m.updated_at).unwrap_or(0),
                std::cmp::Reverse(m.id.clone()),
            )
        })
        .expect("a group has members")
}

/// What `--fix` would do to a group.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Merge a lead into the user keeper (Intercom merges only lead into user).
    Merge { lead: String, into: String },
    /// Clear the phone on a contact that is not the keeper.
    ClearPhone {
        contact: String,
        phone: Option<String>,
    },
    /// Nothing aircom may do alone: another user, or no user to merge into.
    Manual { contact: String, reason: String },
}

pub fn plan(g: &Group, strategy: Option<DuplicateStrategy>) -> Vec<Action> {
    let k = keeper(&g.members);
    g.members
        .iter()
        .filter(|m| m.id != k.id)
        .map(|m| {
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
    p.table(
        &[
            "number",
            "calls",
            "latest_call",
            "contact_id",
            "role",
            "name",
            "email",
            "phone_as_stored",
            "created",
            "updated",
            "last_seen",
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
        .map(|(e164, members)| Group {
            e164,
            calls: None,
            latest_call: None,
            members,
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
    let mut chosen: Vec<(String, Action)> = Vec::new();
    for g in groups {
        let actions = plan(g, args.strategy);
        if interactive && !args.dry_run {
            let k = keeper(&g.members);
            eprintln!(
                "\n{} shared by {} contacts{}",
                p.bold(&g.e164),
                g.members.len(),
                g.calls
                    .map(|c| format!(", {c} calls not logged"))
                    .unwrap_or_default()
            );
            for m in &g.members {
                eprintln!(
                    "  {} {} {} <{}> stored as `{}`{}",
                    if m.id == k.id { "*" } else { " " },
                    m.role,
                    m.name.clone().unwrap_or_else(|| "(no name)".into()),
                    m.email.clone().unwrap_or_default(),
                    m.phone_as_stored.clone().unwrap_or_default(),
                    if m.id == k.id {
                        "  (suggested keeper)"
                    } else {
                        ""
                    }
                );
            }
            let merges: Vec<Action> = actions
                .iter()
                .filter(|a| matches!(a, Action::Merge { .. }))
                .cloned()
                .collect();
            let clears: Vec<Action> = g
                .members
                .iter()
                .filter(|m| m.id != k.id)
                .map(|m| Action::ClearPhone {
                    contact: m.id.clone(),
                    phone: m.phone_as_stored.clone(),
                })
                .collect();
            let mut items = Vec::new();
            if !merges.is_empty() {
                items.push(format!("merge {} lead(s) into the keeper", merges.len()));
            }
            items.push("clear the phone on the others".to_string());
            items.push("skip".to_string());
            items.push("quit".to_string());
            let pick = dialoguer::Select::new()
                .with_prompt("What to do")
                .items(&items)
                .default(0)
                .interact()?;
            let label = items[pick].as_str();
            if label == "quit" {
                break;
            } else if label == "skip" {
                continue;
            } else if label.starts_with("merge") {
                chosen.extend(merges.into_iter().map(|a| (g.e164.clone(), a)));
            } else {
                chosen.extend(clears.into_iter().map(|a| (g.e164.clone(), a)));
            }
        } else {
            chosen.extend(actions.into_iter().map(|a| (g.e164.clone(), a)));
        }
    }
    let writes: Vec<&(String, Action)> = chosen
        .iter()
        .filter(|(_, a)| !matches!(a, Action::Manual { .. }))
        .collect();
    let rows: Vec<Vec<String>> = chosen
        .iter()
        .map(|(e, a)| match a {
            Action::Merge { lead, into } => {
                vec![e.clone(), "merge".into(), lead.clone(), into.clone()]
            }
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
        .collect();
    if args.dry_run || (!interactive && p.format != OutputFormat::Table) {
        p.table(
            &["number", "action", "contact", "detail"],
            &rows,
            &chosen
                .iter()
                .map(|(e, a)| serde_json::json!({"number": e, "plan": a}))
                .collect::<Vec<_>>(),
        )?;
    }
    if args.dry_run {
        p.info(format!(
            "dry run: {} changes planned, nothing written",
            writes.len()
        ));
        return Ok(ExitStatus::Success);
    }
    let (ledger, guard) = run.expect("a repairing run holds the lock");
    if writes.is_empty() {
        guard.finish(
            RunOutcome::Ok,
            &serde_json::json!({"applied": 0, "failed": 0}),
        )?;
        p.info("nothing to repair");
        return Ok(ExitStatus::Success);
    }
    if !ctx.global.yes && !interactive {
        let ok = dialoguer::Confirm::new()
            .with_prompt(format!("Apply {} changes in Intercom?", writes.len()))
            .default(false)
            .interact()?;
        if !ok {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn m(id: &str, role: &str, seen: i64) -> Member {
        Member {
            id: id.into(),
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
}
