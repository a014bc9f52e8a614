//! `aircom backfill sms --from FILE`: logs archived SMS webhook payloads into Intercom as the
//! native integration would. The command reads the archive, fetches what is logged, asks with
//! the plan's counts and prints; `backfill::log_sms` recognises, decides and writes.

use std::io::BufRead;

use crate::backfill::index::{
    conversations_around, ensure_named_attribute, index_contacts, MESSAGE_ATTRIBUTE, TOLERANCE,
};
use crate::backfill::log_sms::{self, Archive, Item, Record, State};
use crate::backfill::plan::{Decision, Teammates};
use crate::backfill::CallOutcome;
use crate::cli::BackfillSmsArgs;
use crate::commands::ExitStatus;
use crate::contacts::hints;
use crate::context::Ctx;
use crate::error::Failure;
use crate::intercom::AdminId;
use crate::ledger::RunOutcome;

/// The archive, read whole before anything else: a file that cannot be read, a directory or
/// an empty file stops here with nothing fetched or written.
fn read(from: &str) -> anyhow::Result<Archive> {
    let hint = "give a file with one Aircall `message.*` webhook payload (JSON) per line, or `-` for stdin";
    let reader: Box<dyn BufRead> = if from == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let path = std::path::Path::new(from);
        if path.is_dir() {
            return Err(Failure::usage_hint(
                format!("`{from}` is a directory"),
                hint,
            ));
        }
        Box::new(std::io::BufReader::new(std::fs::File::open(path).map_err(
            |e| Failure::usage_hint(format!("cannot read `{from}`: {e}"), hint),
        )?))
    };
    let archive = log_sms::read_archive(reader)
        .map_err(|e| Failure::usage_hint(format!("cannot read `{from}`: {e}"), hint))?;
    if archive.lines == 0 {
        return Err(Failure::usage_hint(format!("`{from}` is empty"), hint));
    }
    Ok(archive)
}

pub async fn run(args: BackfillSmsArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    let writes = !args.dry_run;
    if writes && !ctx.global.yes && !p.is_tty() {
        return Err(Failure::usage_hint(
            "refusing to write without a terminal to confirm on",
            "pass `--yes` to write, or `--dry-run` to see the plan",
        ));
    }
    let archive = read(&args.from)?;
    for s in &archive.skipped {
        p.warn(format!("{}:{}: {}: skipped", args.from, s.line, s.reason));
    }
    let skipped = archive.skipped.len();
    if archive.items.is_empty() {
        return Err(Failure::usage_hint(
            format!(
                "no message payloads in `{}` ({skipped} line(s) skipped)",
                args.from
            ),
            "each line must be a `message.*` webhook payload with `data.id`, `data.direction` and `data.created_at`",
        ));
    }
    let items = archive.items;
    let hints = hints(ctx, &args.phone)?;
    let (ic, ac) = (ctx.intercom()?, ctx.aircall()?);
    let crate::backfill::plan::Admins { by_email, setup } =
        crate::backfill::plan::admins(ic, args.default_admin.as_deref()).await?;
    // A writing run takes the job's lock before reading what is logged (issue 11).
    let ledger = if writes {
        Some(ctx.workspace_ledger().await?)
    } else {
        None
    };
    let guard = ledger
        .as_ref()
        .map(|l| l.begin("backfill sms"))
        .transpose()?;
    let (lo, hi) = items
        .iter()
        .fold((i64::MAX, i64::MIN), |(l, h), i| (l.min(i.at), h.max(i.at)));
    let bar = p.progress(None, "reading contacts, conversations and numbers");
    let (index, convs, number_users) = tokio::try_join!(
        index_contacts(ic, &hints, args.phone.partitions as usize),
        conversations_around(ic, lo - TOLERANCE, hi + TOLERANCE),
        log_sms::number_users(ac, &items),
    )?;
    let (mut by_number, _) = index;
    let now = ctx.now();
    let settle = crate::backfill::log_calls::search_settle();
    // Contacts aircom created too recently for search (the index) to show them: the ledger
    // knows them. Older rows are done with: search shows what still exists.
    if let Some(l) = &ledger {
        l.forget_settled_contacts(now - settle)?;
        crate::backfill::index::add_recent_contacts(l, now, settle, &mut by_number, None)?;
    }
    let claims = log_sms::recognize(ic, &items, &by_number, &convs, ledger.as_ref(), now).await?;
    bar.finish_and_clear();
    let mut st = State {
        ic,
        ledger: ledger.as_ref(),
        run_id: guard.as_ref().map(|g| g.id()),
        setup: AdminId(setup.0.clone()),
        teammates: Teammates {
            by_email: &by_email,
            fallback: setup,
        },
        by_number,
        convs,
        claims,
        number_users,
        locale: args.locale,
        create: args.create_contacts,
        mode: args.conversation,
        now,
        settle,
        listed: None,
    };
    let plan: Vec<(&Item, Decision)> = items
        .iter()
        .map(|i| Ok((i, st.decide(i)?)))
        .collect::<anyhow::Result<_>>()?;

    let mut records: Vec<Record> = Vec::new();
    let mut failed = 0;
    if !writes {
        records = plan.iter().map(|(i, d)| st.record(i, d)).collect();
    } else {
        let n = |o: CallOutcome| {
            plan.iter()
                .filter(|(_, d)| d.planned_outcome() == o)
                .count()
        };
        if !ctx.global.yes {
            let ok = p.confirm(&format!(
                "Log {} SMS into Intercom ({} already logged natively, {} by aircom, {} blocked by shared numbers, {} without a contact, {} too recent)?",
                n(CallOutcome::WouldLog),
                n(CallOutcome::Native),
                n(CallOutcome::AlreadyLogged),
                n(CallOutcome::BlockedByDuplicates),
                n(CallOutcome::NoContact),
                n(CallOutcome::InProgress),
            ))?;
            if !ok {
                if let Some(g) = &guard {
                    g.finish(RunOutcome::Cancelled, &serde_json::json!({}))?;
                }
                return Err(Failure::declined());
            }
        }
        ensure_named_attribute(
            ic,
            MESSAGE_ATTRIBUTE,
            "Aircall message id (set by aircom backfill sms)",
        )
        .await?;
        ctx.bulk.store(true, std::sync::atomic::Ordering::SeqCst);
        let bar = p.progress(Some(items.len() as u64), "logging SMS");
        for item in &items {
            if ctx.interrupted() {
                break;
            }
            // Decided again just before writing: an earlier message of the same number may
            // have created its contact or conversation.
            let result = match st.decide(item) {
                Ok(d) => st.apply(item, d).await,
                Err(e) => Err(e),
            };
            let rec = match result {
                Ok(r) => r,
                Err(e) => {
                    // A write whose answer was lost is unknown, not failed: the next run
                    // reconciles it before writing anything for it again.
                    let unknown = e
                        .downcast_ref::<crate::http::HttpError>()
                        .is_some_and(|h| h.outcome_unknown());
                    let d = st.decide(item).unwrap_or(Decision::NoContact {
                        reason: String::new(),
                    });
                    let mut r = st.record(item, &d);
                    r.outcome = if unknown {
                        CallOutcome::Unknown
                    } else {
                        failed += 1;
                        CallOutcome::Failed
                    };
                    r.reason = Some(format!("{e:#}"));
                    p.warn(format!("message {}: {e:#}", item.id));
                    r
                }
            };
            bar.inc(1);
            records.push(rec);
        }
        bar.finish_and_clear();
    }

    let count = |o: CallOutcome| records.iter().filter(|r| r.outcome == o).count();
    let unknown = count(CallOutcome::Unknown);
    let summary = format!(
        "{} messages: {} {}, {} already logged ({} natively), {} blocked by duplicates, {} without a contact, {skipped} line(s) skipped, {} too recent (left for a later run), {unknown} unknown (run again to reconcile), {failed} failed",
        records.len(),
        count(CallOutcome::Logged) + count(CallOutcome::WouldLog),
        if writes { "logged" } else { "to log" },
        count(CallOutcome::AlreadyLogged) + count(CallOutcome::Native),
        count(CallOutcome::Native),
        count(CallOutcome::BlockedByDuplicates),
        count(CallOutcome::NoContact),
        count(CallOutcome::InProgress),
    );
    let interrupted = ctx.interrupted();
    if writes {
        p.outcome(!interrupted && failed == 0 && unknown == 0, &summary);
    } else {
        p.info(&summary);
    }
    let rows: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            vec![
                r.message_id.clone(),
                r.direction.clone(),
                r.external_number.clone(),
                r.outcome.as_str().into(),
                r.contact_id.clone().unwrap_or_default(),
                r.title.clone(),
                r.assignee.clone().unwrap_or_default(),
                r.reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let actionable: Vec<bool> = records.iter().map(|r| r.outcome.needs_action()).collect();
    p.table_actionable(
        &[
            "message",
            "direction",
            "number",
            "outcome",
            "contact",
            "title",
            "assignee",
            "reason",
        ],
        &rows,
        &actionable,
        &records,
    )?;
    if let Some(g) = &guard {
        let outcome = if interrupted {
            RunOutcome::Interrupted
        } else if failed > 0 {
            RunOutcome::Failed
        } else if unknown > 0 {
            RunOutcome::Unknown
        } else {
            RunOutcome::Ok
        };
        g.finish(outcome, &serde_json::json!({"logged": count(CallOutcome::Logged), "unknown": unknown, "failed": failed, "skipped_lines": skipped}))?;
    }
    if interrupted {
        return Err(Failure::Cancelled(
            "interrupted: run the same backfill again to finish".into(),
        )
        .into());
    }
    // Unknown outcomes are not done: exit 1 so a scheduler runs the job again.
    Ok(if failed > 0 || unknown > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
