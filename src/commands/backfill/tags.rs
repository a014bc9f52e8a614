//! `aircom backfill tags --since WHEN`: re-syncs each call's Aircall tags onto its Intercom
//! conversation, adding and removing, with none of the native integration's two-hour window
//! (behaviour reference §8). The engine (`crate::backfill::tags`) finds each call's
//! conversation (aircom's ledger, its stamp, or the native log by evidence) and plans every
//! conversation as a whole: a tag is removed only when it exists in Aircall, no call logged in
//! the conversation carries it, and every call log there is attributed. Each write is
//! journaled, so `aircom undo RUN` restores the tags.

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::Ordering;

use futures::TryStreamExt;
use serde::Serialize;

use crate::aircall::Call;
use crate::backfill::index::{conversations_around, index_contacts, ContactRef, ConvLite};
use crate::backfill::recognize;
use crate::backfill::tags::{self as engine, TagOutcome};
use crate::cli::BackfillTagsArgs;
use crate::commands::ExitStatus;
use crate::contacts::call_e164;
use crate::contacts::hints;
use crate::context::Ctx;
use crate::error::Failure;
use crate::intercom::AdminId;
use crate::ledger::RunOutcome;

/// One conversation (or one call no conversation logs); `--json` emits them as one array.
#[derive(Debug, Serialize)]
struct Record {
    /// The Aircall ids of the period's calls logged in the conversation.
    #[serde(rename = "call_ids")]
    calls: Vec<i64>,
    conversation_id: Option<String>,
    added: Vec<String>,
    removed: Vec<String>,
    /// Aircall tags no call carries that stay: the conversation holds a call log aircom
    /// cannot attribute.
    kept: Vec<String>,
    outcome: TagOutcome,
    reason: Option<String>,
}

pub async fn run(args: BackfillTagsArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    if !args.dry_run && !ctx.global.yes && !p.is_tty() {
        return Err(Failure::usage_hint(
            "refusing to write without a terminal to confirm on",
            "pass `--yes`, or `--dry-run`",
        ));
    }
    let now = ctx.now();
    let (since, until) = crate::when::window(&args.since, args.until.as_ref(), now)?;
    let hints = hints(ctx, &args.phone)?;
    let (ic, ac) = (ctx.intercom()?, ctx.aircall()?);
    // A writing run takes the job's lock before reading (issue 11); a dry run reads only.
    let ledger = ctx.workspace_ledger().await?;
    let guard = if args.dry_run {
        None
    } else {
        Some(ledger.begin("backfill tags")?)
    };
    let admin = AdminId(
        crate::backfill::plan::admins(ic, args.default_admin.as_deref())
            .await?
            .setup
            .0,
    );
    let aircall_tags: BTreeSet<String> = ac
        .tags()
        .map_ok(|t| t.name.to_lowercase())
        .try_collect()
        .await?;
    let bar = p.progress(None, "reading calls, contacts and conversations");
    // Calls from a little before the period compete for its logs (see `backfill calls`).
    let fetch_calls = async {
        Ok::<Vec<Call>, anyhow::Error>(
            ac.calls(since - recognize::CONTEXT, until, 4)
                .try_collect()
                .await?,
        )
    };
    let (all_calls, (by_number, anonymous), convs) = tokio::try_join!(
        fetch_calls,
        index_contacts(ic, &hints, args.phone.partitions as usize),
        conversations_around(
            ic,
            since - recognize::CONTEXT - recognize::BEFORE_START,
            until + recognize::AFTER_END
        )
    )?;
    let listed: HashMap<&str, &ConvLite> = convs
        .values()
        .flatten()
        .map(|c| (c.id.as_str(), c))
        .collect();
    let contact_of = |call: &Call| -> Option<ContactRef> {
        if call.is_anonymous() {
            anonymous.clone()
        } else {
            call_e164(&call.raw_digits, call.country_code_a2.as_deref()).and_then(|e| {
                by_number
                    .get(&e)
                    .filter(|v| v.len() == 1)
                    .map(|v| v[0].clone())
            })
        }
    };
    let in_period = |c: &Call| c.started_at >= since;
    bar.set_message("finding each call's conversation");
    let located =
        engine::locate(ic, &ledger, &all_calls, in_period, contact_of, &convs, now).await?;
    bar.set_message("reading the conversations to change");
    let plans =
        engine::plan_conversations(ic, &all_calls, in_period, &located, &listed, &aircall_tags)
            .await?;
    bar.finish_and_clear();
    let mut records: Vec<Record> = all_calls
        .iter()
        .filter(|c| in_period(c) && !located.contains_key(&c.id.0))
        .map(|c| Record {
            calls: vec![c.id.0],
            conversation_id: None,
            added: vec![],
            removed: vec![],
            kept: vec![],
            outcome: TagOutcome::NotLogged,
            reason: Some("no conversation logs this call: `aircom backfill calls` logs it".into()),
        })
        .collect();
    let changes: Vec<&engine::ConversationPlan> =
        plans.iter().filter(|c| !c.plan.is_empty()).collect();
    let (adds, removes) = changes.iter().fold((0, 0), |(a, r), c| {
        (a + c.plan.add.len(), r + c.plan.remove.len())
    });
    // Review before writing: the plan's real counts.
    let mut tag_ids: HashMap<String, String> = HashMap::new();
    if let Some(g) = &guard {
        if !changes.is_empty() && !ctx.global.yes {
            let ok = ctx.printer.confirm(&format!(
                    "Change tags on {} conversation(s): add {adds}, remove {removes} ({} unchanged, {} call(s) not logged)?",
                    changes.len(),
                    plans.len() - changes.len(),
                    records.len()
                ))?;
            if !ok {
                g.finish(RunOutcome::Cancelled, &serde_json::json!({}))?;
                return Err(Failure::declined());
            }
        }
        if !changes.is_empty() {
            tag_ids = ic.tag_ids_by_name().await?;
            ctx.bulk.store(true, Ordering::SeqCst);
        }
    }
    let bar = p.progress(Some(changes.len() as u64), "changing tags");
    let mut unfinished = 0usize;
    for plan in &plans {
        let mut rec = Record {
            calls: plan.calls.clone(),
            conversation_id: Some(plan.conversation_id.clone()),
            added: plan.plan.add.clone(),
            removed: plan.plan.remove.iter().map(|(_, n)| n.clone()).collect(),
            kept: plan.plan.kept.clone(),
            outcome: TagOutcome::Unchanged,
            reason: (!plan.plan.kept.is_empty()).then(|| {
                "kept: the conversation holds a call log aircom cannot attribute".to_string()
            }),
        };
        if !plan.plan.is_empty() {
            rec.outcome = match &guard {
                None => TagOutcome::WouldSync,
                Some(_) if ctx.interrupted() => {
                    unfinished += 1;
                    rec.reason = Some("interrupted before this conversation".into());
                    TagOutcome::Failed
                }
                Some(g) => {
                    let r = engine::apply(ic, &ledger, g.id(), &admin, &mut tag_ids, plan).await;
                    bar.inc(1);
                    match r {
                        Ok(()) => TagOutcome::Synced,
                        Err(e) => {
                            unfinished += 1;
                            rec.reason = Some(format!("{e:#}"));
                            if e.downcast_ref::<crate::http::HttpError>()
                                .is_some_and(|h| h.outcome_unknown())
                            {
                                TagOutcome::Unknown
                            } else {
                                TagOutcome::Failed
                            }
                        }
                    }
                }
            };
        }
        records.push(rec);
    }
    bar.finish_and_clear();
    // A fixed order, by call (the conversations are read concurrently).
    for r in &mut records {
        r.calls.sort_unstable();
    }
    records.sort_by(|a, b| {
        (a.calls.iter().min(), &a.conversation_id).cmp(&(b.calls.iter().min(), &b.conversation_id))
    });
    let listed: Vec<&Record> = records
        .iter()
        .filter(|r| r.outcome != TagOutcome::Unchanged || !r.kept.is_empty())
        .collect();
    let rows: Vec<Vec<String>> = listed
        .iter()
        .map(|r| {
            vec![
                r.calls
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(" "),
                r.conversation_id.clone().unwrap_or_default(),
                serde_json::to_value(r.outcome)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                r.added.join(", "),
                r.removed.join(", "),
                r.reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let count = |o: TagOutcome| records.iter().filter(|r| r.outcome == o).count();
    let (failed, unknown) = (count(TagOutcome::Failed), count(TagOutcome::Unknown));
    let summary = format!(
        "{} conversation(s): {} {}, {} unchanged; {} call(s) not logged; {failed} failed, {unknown} unknown",
        plans.len(),
        count(TagOutcome::Synced) + count(TagOutcome::WouldSync),
        if guard.is_none() { "to change" } else { "changed" },
        count(TagOutcome::Unchanged),
        count(TagOutcome::NotLogged)
    );
    if guard.is_some() {
        p.outcome(!ctx.interrupted() && failed + unknown == 0, &summary);
    } else {
        p.info(&summary);
    }
    // Conversations whose tags already agree need nothing (issue 14).
    let actionable: Vec<bool> = listed
        .iter()
        .map(|r| r.outcome != TagOutcome::Unchanged)
        .collect();
    p.table_actionable(
        &[
            "calls",
            "conversation",
            "outcome",
            "added",
            "removed",
            "reason",
        ],
        &rows,
        &actionable,
        &records,
    )?;
    if let Some(g) = &guard {
        g.finish(
            if ctx.interrupted() {
                RunOutcome::Interrupted
            } else if unknown > 0 {
                RunOutcome::Unknown
            } else if failed > 0 {
                RunOutcome::Failed
            } else {
                RunOutcome::Ok
            },
            &serde_json::json!({
                "synced": count(TagOutcome::Synced),
                "unchanged": count(TagOutcome::Unchanged),
                "not_logged": count(TagOutcome::NotLogged),
                "failed": failed,
                "unknown": unknown,
            }),
        )?;
        if unfinished > 0 {
            p.debug(format!("{unfinished} conversation(s) not settled"));
        }
    }
    if ctx.interrupted() {
        return Err(Failure::Cancelled("interrupted".into()).into());
    }
    Ok(if failed + unknown > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
