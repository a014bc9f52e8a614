//! `aircom backfill tags --since WHEN`: re-syncs each call's Aircall tags onto its Intercom
//! conversation, adding and removing, with none of the native integration's two-hour window
//! (behaviour reference §8). A call's conversation is the one aircom logged (ledger or the
//! `aircall_call_id` stamp) or the native one, recognised by title and time. Tags are removed
//! only from a conversation aircom created for that one call, and only tags that exist in
//! Aircall: tags people put on in Intercom stay, and so do tags on native conversations, which
//! may carry several calls' logs.

use std::collections::{BTreeSet, HashMap};

use futures::TryStreamExt;
use serde::Serialize;

use crate::aircall::Call;
use crate::backfill::evidence::{self, Touched};
use crate::backfill::index::{conversations_around, index_contacts, ContactRef, ConvLite};
use crate::backfill::recognize;
use crate::cli::BackfillTagsArgs;
use crate::commands::ExitStatus;
use crate::contacts::call_e164;
use crate::contacts::hints;
use crate::context::Ctx;
use crate::error::Failure;
use crate::intercom::{AdminId, ConversationId, TagId};
use crate::ledger::{LogState, RunOutcome};

#[derive(Debug, Serialize)]
struct Record {
    call_id: i64,
    conversation_id: Option<String>,
    added: Vec<String>,
    removed: Vec<String>,
    outcome: &'static str,
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
    let since = args.since.resolve(now)?;
    let until = args
        .until
        .as_ref()
        .map(|w| w.resolve(now))
        .transpose()?
        .unwrap_or(now);
    let hints = hints(ctx, &args.phone)?;
    let (ic, ac) = (ctx.intercom()?, ctx.aircall()?);
    // A writing run takes the job's lock before reading (issue 11); a dry run reads only.
    let ledger = ctx.workspace_ledger().await?;
    let guard = if args.dry_run {
        None
    } else {
        Some(ledger.begin("backfill tags")?)
    };
    let me = ic.me().await?;
    let admin = match &args.default_admin {
        None => AdminId(me.id.clone()),
        Some(x) => {
            let admins = ic.admins().await?;
            match admins.iter().find(|a| {
                a.id == *x
                    || a.email
                        .as_deref()
                        .is_some_and(|e| e.eq_ignore_ascii_case(x))
            }) {
                Some(a) => AdminId(a.id.clone()),
                None => return Err(Failure::usage(format!("no Intercom admin `{x}`"))),
            }
        }
    };
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
    bar.finish_and_clear();
    let by_id: HashMap<&str, &ConvLite> = convs
        .values()
        .flatten()
        .map(|c| (c.id.as_str(), c))
        .collect();
    let mut tag_ids: HashMap<String, String> = if args.dry_run {
        HashMap::new()
    } else {
        ic.tags()
            .await?
            .into_iter()
            .map(|t| (t.name.to_lowercase(), t.id))
            .collect()
    };
    // Which conversation each call was logged in natively: the same evidence `backfill
    // calls` weighs (sources and parts, every competing call of the contact).
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
    let mut by_contact: HashMap<String, Vec<&Call>> = HashMap::new();
    for c in &all_calls {
        if let Some(contact) = contact_of(c) {
            by_contact.entry(contact.id).or_default().push(c);
        }
    }
    let now_ts = ctx.now();
    let mut native: HashMap<i64, String> = HashMap::new();
    for (contact, competing) in &by_contact {
        let own = convs.get(contact).map(Vec::as_slice).unwrap_or(&[]);
        let touched: Vec<Touched<'_>> =
            own.iter().map(|c| c.touched(c.call_id.is_none())).collect();
        let in_period = |c: &Call| c.started_at >= since;
        let mut known = std::collections::HashSet::new();
        for c in competing {
            let logged = ledger
                .logged_call(c.id.0)?
                .is_some_and(|l| l.state == LogState::Done && l.conversation_id.is_some());
            let stamped = own
                .iter()
                .any(|x| x.call_id.as_deref() == Some(c.id.0.to_string().as_str()));
            if logged || stamped || !in_period(c) {
                known.insert(c.id.0);
            }
        }
        let found =
            evidence::claims(ic, &touched, competing, now_ts, |c| known.contains(&c.id.0)).await?;
        native.extend(found.into_iter().map(|(k, v)| (k, v.conversation_id)));
    }
    let calls: Vec<&Call> = all_calls.iter().filter(|c| c.started_at >= since).collect();
    let mut records = Vec::new();
    let mut failed = 0;
    for call in calls.iter().copied() {
        if ctx.interrupted() {
            break;
        }
        let mut rec = Record {
            call_id: call.id.0,
            conversation_id: None,
            added: vec![],
            removed: vec![],
            outcome: "unchanged",
            reason: None,
        };
        // The conversation: ledger, stamp, or the native log.
        let contact = contact_of(call);
        let own = contact
            .as_ref()
            .and_then(|c| convs.get(&c.id))
            .cloned()
            .unwrap_or_default();
        let from_ledger = ledger
            .logged_call(call.id.0)?
            .filter(|l| l.state == LogState::Done || l.state == LogState::Native)
            .and_then(|l| l.conversation_id);
        let mut stamped_for_this_call = own
            .iter()
            .any(|c| c.call_id.as_deref() == Some(&call.id.0.to_string()));
        let conv_id = from_ledger
            .or_else(|| {
                own.iter()
                    .find(|c| c.call_id.as_deref() == Some(&call.id.0.to_string()))
                    .map(|c| c.id.clone())
            })
            .or_else(|| native.get(&call.id.0).cloned());
        let Some(conv_id) = conv_id else {
            rec.outcome = "not_logged";
            rec.reason =
                Some("no conversation for this call: `aircom backfill calls` logs it".into());
            records.push(rec);
            continue;
        };
        rec.conversation_id = Some(conv_id.clone());
        // The conversation as it is now (GET does not lag): its tags, and whether aircom
        // stamped it for this call.
        let call_id = call.id.0.to_string();
        let read = |id: String| {
            let call_id = call_id.clone();
            async move {
                let c = ic.get_conversation(&ConversationId(id)).await?;
                let stamped = c
                    .custom_attributes
                    .get("aircall_call_id")
                    .and_then(|v| {
                        v.as_str()
                            .map(str::to_string)
                            .or_else(|| v.as_i64().map(|n| n.to_string()))
                    })
                    .is_some_and(|v| v == call_id);
                let tags = c
                    .tags
                    .map(|t| t.tags.into_iter().map(|t| (t.id, t.name)).collect())
                    .unwrap_or_default();
                Ok::<(Vec<(String, String)>, bool), anyhow::Error>((tags, stamped))
            }
        };
        let mut current: Vec<(String, String)> = match by_id.get(conv_id.as_str()) {
            Some(c) => c.tags.clone(),
            None => {
                let (tags, stamped) = read(conv_id.clone()).await?;
                stamped_for_this_call |= stamped;
                tags
            }
        };
        // Search lags behind writes (intercom-api.md §10.1): before changing anything, read
        // the conversation itself, so a change already made is never made again.
        let differs = |current: &[(String, String)]| {
            let have: BTreeSet<String> = current.iter().map(|(_, n)| n.to_lowercase()).collect();
            call.tags
                .iter()
                .filter_map(|t| t.name.as_ref())
                .any(|n| !have.contains(&n.to_lowercase()))
                || current.iter().any(|(_, n)| {
                    aircall_tags.contains(&n.to_lowercase())
                        && !call
                            .tags
                            .iter()
                            .filter_map(|t| t.name.as_ref())
                            .any(|x| x.eq_ignore_ascii_case(n))
                })
        };
        if differs(&current) && by_id.contains_key(conv_id.as_str()) {
            let (tags, stamped) = read(conv_id.clone()).await?;
            current = tags;
            stamped_for_this_call |= stamped;
        }
        let have: BTreeSet<String> = current.iter().map(|(_, n)| n.to_lowercase()).collect();
        let want: BTreeSet<String> = call
            .tags
            .iter()
            .filter_map(|t| t.name.as_ref())
            .map(|n| n.to_lowercase())
            .collect();
        rec.added = call
            .tags
            .iter()
            .filter_map(|t| t.name.clone())
            .filter(|n| !have.contains(&n.to_lowercase()))
            .collect();
        // A tag is removed only from a conversation that provably logs this call alone (the
        // one aircom created and stamped for it). A native conversation may hold several
        // calls' logs ("last open conversation" mode, behaviour reference §6), and another
        // call may have brought the tag: removing it there could delete a correct tag.
        rec.removed = if stamped_for_this_call {
            current
                .iter()
                .filter(|(_, n)| {
                    !want.contains(&n.to_lowercase()) && aircall_tags.contains(&n.to_lowercase())
                })
                .map(|(_, n)| n.clone())
                .collect()
        } else {
            Vec::new()
        };
        if rec.added.is_empty() && rec.removed.is_empty() {
            records.push(rec);
            continue;
        }
        rec.outcome = if args.dry_run { "would_sync" } else { "synced" };
        if !args.dry_run {
            let conv = ConversationId(conv_id.clone());
            let result: anyhow::Result<()> = async {
                for n in &rec.added {
                    let id = match tag_ids.get(&n.to_lowercase()) {
                        Some(id) => id.clone(),
                        None => {
                            let t = ic.create_tag(n).await?;
                            tag_ids.insert(n.to_lowercase(), t.id.clone());
                            t.id
                        }
                    };
                    ic.tag_conversation(&conv, &TagId(id), &admin).await?;
                }
                for n in &rec.removed {
                    if let Some((id, _)) = current.iter().find(|(_, x)| x == n) {
                        ic.untag_conversation(&conv, &TagId(id.clone()), &admin)
                            .await?;
                    }
                }
                Ok(())
            }
            .await;
            if let Err(e) = result {
                failed += 1;
                rec.outcome = "failed";
                rec.reason = Some(format!("{e:#}"));
            }
        }
        records.push(rec);
    }
    let rows: Vec<Vec<String>> = records
        .iter()
        .filter(|r| r.outcome != "unchanged")
        .map(|r| {
            vec![
                r.call_id.to_string(),
                r.conversation_id.clone().unwrap_or_default(),
                r.outcome.into(),
                r.added.join(", "),
                r.removed.join(", "),
                r.reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    p.table(
        &[
            "call",
            "conversation",
            "outcome",
            "added",
            "removed",
            "reason",
        ],
        &rows,
        &records,
    )?;
    let count = |o: &str| records.iter().filter(|r| r.outcome == o).count();
    p.info(format!(
        "{} calls: {} {}, {} unchanged, {} not logged, {failed} failed",
        records.len(),
        count("synced") + count("would_sync"),
        if args.dry_run { "to sync" } else { "synced" },
        count("unchanged"),
        count("not_logged")
    ));
    if let Some(g) = &guard {
        g.finish(
            if ctx.interrupted() {
                RunOutcome::Interrupted
            } else if failed > 0 {
                RunOutcome::Failed
            } else {
                RunOutcome::Ok
            },
            &serde_json::json!({"synced": count("synced"), "unchanged": count("unchanged"), "not_logged": count("not_logged"), "failed": failed}),
        )?;
    }
    Ok(if failed > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
