//! `aircom backfill calls --since WHEN`: replays Aircall calls into Intercom exactly as the
//! native integration logs them (behaviour reference §3–§8), never twice. Flags, fetching, the
//! prompt and the report live here; the engine is `crate::backfill::log_calls`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use futures::StreamExt;

use crate::aircall::{self, Call};
use crate::backfill::index::{conversations_around, ensure_attribute, index_contacts};
use crate::backfill::log_calls::{
    fetch_window, group_key, groups_of, preview, reconcile, rivals_of, run_group, search_settle,
    Record, State, CONCURRENCY,
};
use crate::backfill::recognize;
use crate::backfill::CallOutcome;
use crate::cli::{BackfillCallsArgs, OnlyCalls};
use crate::commands::ExitStatus;
use crate::contacts::hints;
use crate::context::Ctx;
use crate::error::Failure;
use crate::integration::{self, assignment, classify, Kind};
use crate::intercom::AdminId;
use crate::ledger::RunOutcome;

pub async fn run(args: BackfillCallsArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    let now = ctx.now();
    let writes = !args.dry_run && args.explain.is_none();
    if writes && !ctx.global.yes && !p.is_tty() {
        return Err(Failure::usage_hint(
            "refusing to write without a terminal to confirm on",
            "pass `--yes` to write, or `--dry-run` to see the plan",
        ));
    }
    let since = args.since.as_ref().map(|w| w.resolve(now)).transpose()?;
    let until = args
        .until
        .as_ref()
        .map(|w| w.resolve(now))
        .transpose()?
        .unwrap_or(now);
    if let Some(s) = since {
        crate::when::check_window(s, until, args.until.is_some())?;
        if now - s > 183 * 86_400 {
            p.warn("`--since` reaches past Aircall's call history (about 6 months): older calls are not served");
        }
    }
    let hints = hints(ctx, &args.phone)?;
    let ic = ctx.intercom()?;
    let ac = ctx.aircall()?;
    // A writing run takes its job's lock before reading anything: a second run exits at once
    // rather than after minutes of listing (issue 11). Dry runs and `--explain` need none.
    let ledger = if writes {
        Some(ctx.workspace_ledger().await?)
    } else {
        None
    };
    let guard = ledger
        .as_ref()
        .map(|l| l.begin("backfill calls"))
        .transpose()?;
    // Contacts aircom created long enough ago for search to show them need no ledger row.
    if let Some(l) = &ledger {
        l.forget_settled_contacts(jiff::Timestamp::now().as_second() - search_settle())?;
    }
    let crate::backfill::plan::Admins {
        by_email: admins,
        setup,
    } = crate::backfill::plan::admins(ic, args.default_admin.as_deref()).await?;
    let admin = AdminId(setup.0);

    // `--number` must name one of the company's numbers: a typo is not "no calls".
    let number = match &args.number {
        Some(want) => Some(crate::lookup::require_number(ac, want).await?.id),
        None => None,
    };

    // The calls, the contact index and the period's conversations, fetched at once: the
    // Aircall listing is slow (its limit is per company) and the rest need not wait for it.
    let bar = p.progress(None, "reading calls, contacts and conversations");
    let partitions = args.phone.partitions as usize;
    let (calls, (by_number, anonymous), convs) = match args.explain {
        Some(id) => {
            let call = ac.get_call(&aircall::CallId(id)).await?;
            let (lo, hi) = recognize::window(&call);
            let (idx, convs) = tokio::try_join!(
                index_contacts(ic, &hints, partitions),
                conversations_around(ic, lo, hi)
            )?;
            (vec![call], idx, convs)
        }
        None => {
            let since = since.expect("required");
            let w = fetch_window(ic, ac, &hints, partitions, since, until, || bar.inc(1)).await?;
            (w.calls, (w.index.by_number, w.index.anonymous), w.convs)
        }
    };
    bar.finish_and_clear();
    // Every fetched call competes for the logs (`recognize::claim`): those before the period
    // and those `--only`/`--number` leave out too, or one of theirs could be taken for a gap's.
    let mut all_calls = calls;
    all_calls.sort_by_key(|c| (c.started_at, c.id.0));
    let in_period = |c: &Call| since.is_none_or(|s| c.started_at >= s);
    let calls: Vec<Call> = all_calls
        .iter()
        .filter(|c| in_period(c) && keep(c, &args, number.as_ref()))
        .cloned()
        .collect();
    let mut competitors: HashMap<String, Vec<&Call>> = HashMap::new();
    for c in &all_calls {
        competitors.entry(group_key(c)).or_default().push(c);
    }
    if calls.is_empty() {
        if let Some(g) = &guard {
            g.finish(RunOutcome::Ok, &serde_json::json!({"logged": 0}))?;
        }
        p.info("no calls in that period");
        return Ok(ExitStatus::Success);
    }
    // Contacts aircom created too recently for search (which built the index) to show them:
    // the ledger knows them, so their calls are recognised and logged with them.
    let (mut by_number, mut anonymous) = (by_number, anonymous);
    if let Some(l) = &ledger {
        crate::backfill::index::add_recent_contacts(
            l,
            now,
            search_settle(),
            &mut by_number,
            Some(&mut anonymous),
        )?;
    }
    let st = State {
        ic,
        ac,
        ledger: ledger.as_ref(),
        run_id: guard.as_ref().map(|g| g.id()),
        admin,
        admins,
        by_number: Mutex::new(by_number),
        anonymous: Mutex::new(anonymous),
        convs: Mutex::new(convs),
        tags: Mutex::new(HashMap::new()),
        locale: args.locale,
        create: args.create_contacts,
        mode: args.conversation,
        dry_run: !writes,
        contacts_created: AtomicU64::new(0),
        now,
        claims: Mutex::new(HashMap::new()),
        listed: tokio::sync::Mutex::new(None),
        unrecognized: Mutex::new(Default::default()),
        previewed: Mutex::new(Default::default()),
        uncertain_contacts: Mutex::new(Default::default()),
    };
    if writes {
        if !ctx.global.yes {
            let ok = ctx.printer.confirm(&{
                    // The plan's real counts, read before asking (issue 14).
                    let spinner = p.progress(None, "planning: reading what is already logged");
                    let counts = preview(&st, &groups_of(calls.iter()), &competitors).await;
                    spinner.finish_and_clear();
                    let n = |o: CallOutcome| counts.get(&o).copied().unwrap_or(0);
                    format!(
                        "Log {} call(s) into Intercom ({} already logged natively, {} by aircom, {} blocked by shared numbers, {} without a contact, {} not finished)?",
                        n(CallOutcome::WouldLog),
                        n(CallOutcome::Native),
                        n(CallOutcome::AlreadyLogged),
                        n(CallOutcome::BlockedByDuplicates),
                        n(CallOutcome::NoContact),
                        n(CallOutcome::InProgress)
                    )
                })?;
            if !ok {
                if let Some(g) = &guard {
                    g.finish(RunOutcome::Cancelled, &serde_json::json!({}))?;
                }
                return Err(Failure::declined());
            }
        }
        ensure_attribute(ic).await?;
        *st.tags.lock().expect("lock") = ic.tag_ids_by_name().await?;
        ctx.bulk.store(true, Ordering::SeqCst);
    }

    let bar = p.progress(Some(calls.len() as u64), "logging calls");
    // Groups of one caller's calls, in order of their first call; groups run concurrently.
    let groups = groups_of(calls.iter());
    let (st_ref, competitors) = (&st, &competitors);
    let mut batches = futures::stream::iter(groups)
        .map(|group| async move {
            run_group(st_ref, ctx, &group, rivals_of(competitors, group[0]), None).await
        })
        .buffer_unordered(CONCURRENCY);
    let stream_json = p.format == crate::output::OutputFormat::Json && args.explain.is_none();
    let mut records = Vec::new();
    while let Some(batch) = batches.next().await {
        for rec in batch {
            bar.inc(1);
            records.push(rec);
        }
    }
    drop(batches);
    bar.finish_and_clear();

    // In-run reconciliation: a call whose write failed for a passing reason, or whose outcome
    // is unknown (an answer lost), is taken up again after a pause, reconciled against what
    // Intercom now shows (never written blindly twice), and finished in this same run.
    if writes {
        reconcile(st_ref, ctx, &calls, competitors, &mut records).await?;
    }
    records.sort_by_key(|r| (r.started_at, r.call_id));
    // One line per call, with its final outcome (after reconciliation).
    if stream_json {
        for rec in &records {
            p.json_line(rec)?;
        }
    }

    if let Some(id) = args.explain {
        return explain(ctx, id, &records, &calls);
    }
    let count = |o: CallOutcome| records.iter().filter(|r| r.outcome == o).count();
    let mut blocked_numbers: Vec<String> = records
        .iter()
        .filter(|r| r.outcome == CallOutcome::BlockedByDuplicates)
        .map(|r| r.caller.clone())
        .collect();
    blocked_numbers.sort();
    blocked_numbers.dedup();
    let failed = count(CallOutcome::Failed);
    let unknown = count(CallOutcome::Unknown);
    let in_progress = count(CallOutcome::InProgress);
    // A dry run creates nothing: it counts the callers a run would create a contact for
    // (one per number).
    let contacts = if writes {
        format!(
            "{} contacts created",
            st.contacts_created.load(Ordering::SeqCst)
        )
    } else {
        let callers: std::collections::BTreeSet<String> = records
            .iter()
            .filter(|r| r.outcome == CallOutcome::WouldLog && r.contact_id.is_none())
            // Anonymous callers share one contact, however Aircall spells it.
            .map(|r| r.e164.clone().unwrap_or_else(|| r.caller.to_lowercase()))
            .collect();
        format!("{} contacts to create", callers.len())
    };
    let summary = format!(
        "{} calls: {} {}, {} already logged ({} natively), {} blocked by duplicates{}, {} without a contact, {in_progress} not ended or just ended (left for a later run), {contacts}, {unknown} unknown (run again to reconcile), {failed} failed",
        records.len(),
        count(CallOutcome::Logged) + count(CallOutcome::WouldLog),
        if writes { "logged" } else { "to log" },
        count(CallOutcome::AlreadyLogged) + count(CallOutcome::Native),
        count(CallOutcome::Native),
        count(CallOutcome::BlockedByDuplicates),
        if blocked_numbers.is_empty() { String::new() } else { format!(" ({})", blocked_numbers.join(", ")) },
        count(CallOutcome::NoContact),
    );
    // The summary first, then the calls that need action (issue 14).
    if writes {
        p.outcome(!ctx.interrupted() && failed == 0 && unknown == 0, &summary);
    } else {
        p.info(&summary);
    }
    if p.format != crate::output::OutputFormat::Json {
        let rows: Vec<Vec<String>> = records
            .iter()
            .map(|r| {
                vec![
                    r.call_id.to_string(),
                    crate::output::iso(r.started_at),
                    r.kind.as_str().into(),
                    r.caller.clone(),
                    r.outcome.as_str().into(),
                    r.contact_id.clone().unwrap_or_default(),
                    r.title.clone(),
                    r.assignee.clone().unwrap_or_default(),
                    r.tags.join(", "),
                    r.reason.clone().unwrap_or_default(),
                ]
            })
            .collect();
        let actionable: Vec<bool> = records.iter().map(|r| r.outcome.needs_action()).collect();
        p.table_actionable(
            &[
                "call", "started", "kind", "caller", "outcome", "contact", "title", "assignee",
                "tags", "reason",
            ],
            &rows,
            &actionable,
            &records,
        )?;
    }
    if let Some(g) = &guard {
        let outcome = if ctx.interrupted() {
            RunOutcome::Interrupted
        } else if failed > 0 {
            RunOutcome::Failed
        } else if unknown > 0 {
            RunOutcome::Unknown
        } else {
            RunOutcome::Ok
        };
        g.finish(outcome, &serde_json::json!({
            "logged": count(CallOutcome::Logged), "already_logged": count(CallOutcome::AlreadyLogged) + count(CallOutcome::Native),
            "blocked": count(CallOutcome::BlockedByDuplicates), "contacts_created": st.contacts_created.load(Ordering::SeqCst), "in_progress": in_progress, "unknown": unknown, "failed": failed}))?;
    }
    if ctx.interrupted() {
        return Err(Failure::Cancelled(
            "interrupted: run the same backfill again to finish".into(),
        )
        .into());
    }
    // Unknown outcomes are not done: exit 1 so a scheduler runs the job again to reconcile.
    Ok(if failed > 0 || unknown > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// Whether the call is one the flags ask for; `number` is `--number` resolved (its id).
fn keep(c: &Call, args: &BackfillCallsArgs, number: Option<&crate::aircall::NumberId>) -> bool {
    let kind = classify(c);
    let kind_ok = match args.only {
        OnlyCalls::All => true,
        OnlyCalls::Missed => kind == Kind::Missed,
        OnlyCalls::Unanswered => matches!(kind, Kind::InboundUnanswered | Kind::OutboundUnanswered),
        OnlyCalls::Voicemail => kind == Kind::Voicemail,
        OnlyCalls::Inbound => kind.is_inbound(),
        OnlyCalls::Outbound => !kind.is_inbound(),
    };
    let number_ok = match (number, &c.number) {
        (None, _) => true,
        (Some(want), Some(n)) => n.id == *want,
        (Some(_), None) => false,
    };
    kind_ok && number_ok
}

/// A §7 assignment rule as an admin reads it.
fn rule_in_words(a: &integration::Assignment) -> String {
    use integration::Assignment;
    match a {
        Assignment::Unassigned => {
            "left unassigned (missed, unanswered and voicemail calls go to Intercom's routing)"
                .into()
        }
        Assignment::To { why, .. } => match *why {
            "caller" => "to the teammate who made the call, else the set-up admin".into(),
            "transferred" => {
                "to the teammate it was transferred to, else the one who transferred it, else the set-up admin".into()
            }
            "answered" => "to the teammate who answered, else the set-up admin".into(),
            other => format!("to the teammate ({other}), else the set-up admin"),
        },
        Assignment::Reassigned {
            to_name, otherwise, ..
        } => format!(
            "reassigned in the phone app to {to_name}, with a note, if they are an Intercom teammate; otherwise {}",
            rule_in_words(otherwise)
        ),
    }
}

fn explain(ctx: &Ctx, id: i64, records: &[Record], calls: &[Call]) -> anyhow::Result<ExitStatus> {
    let Some(rec) = records.iter().find(|r| r.call_id == id) else {
        return Err(Failure::usage(format!(
            "call {id} is filtered out by `--only` or `--number`"
        )));
    };
    let call = calls.iter().find(|c| c.id.0 == id).expect("call");
    if ctx.printer.format == crate::output::OutputFormat::Json {
        ctx.printer.json_line(rec)?;
        return Ok(ExitStatus::Success);
    }
    let a = assignment(call, rec.kind);
    let lines = [
        format!(
            "call {id}, {} at {}",
            match call.direction {
                aircall::Direction::Inbound => "inbound",
                _ => "outbound",
            },
            crate::output::iso(call.started_at)
        ),
        format!(
            "kind: {} ({}, {}{})",
            rec.kind.as_str(),
            match call.answered_at {
                Some(t) => format!("answered at {}", crate::output::iso(t)),
                None => "not answered".into(),
            },
            if call.voicemail.is_some() {
                "a voicemail"
            } else {
                "no voicemail"
            },
            call.missed_call_reason
                .as_deref()
                .map(|r| format!(", missed because {}", r.replace('_', " ")))
                .unwrap_or_default()
        ),
        format!(
            "caller: {} on {}",
            call.raw_digits,
            rec.number.clone().unwrap_or_default()
        ),
        format!(
            "contact: {}",
            rec.contact_id.clone().unwrap_or_else(|| "none".into())
        ),
        format!("title: {}", rec.title),
        format!("assignment rule (§7): {}", rule_in_words(&a)),
        format!(
            "assignee: {}",
            rec.assignee.clone().unwrap_or_else(|| "unassigned".into())
        ),
        format!(
            "tags: {}",
            if rec.tags.is_empty() {
                "none".into()
            } else {
                rec.tags.join(", ")
            }
        ),
        format!(
            "decision: {}{}",
            rec.outcome,
            rec.reason
                .as_ref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        ),
    ];
    for l in lines {
        ctx.printer.data_line(l)?;
    }
    Ok(ExitStatus::Success)
}
