//! `aircom fix numbers`: rewrites each fixable phone to E.164 in Intercom. Each change is
//! committed to the journal as pending before its request and done after it; a later run
//! first reconciles pending rows against the live contact, so a killed run neither repeats
//! nor loses a change. Two contacts that would end up with one number are a duplicate group:
//! neither is touched.

use std::collections::HashMap;
use std::sync::atomic::Ordering;

use serde::Serialize;

use crate::cli::FixNumbersArgs;
use crate::commands::ExitStatus;
use crate::contacts::{finding, hints, scan, PhoneStatus};
use crate::context::Ctx;
use crate::error::Failure;
use crate::intercom::{ContactId, ContactWrite};
use crate::ledger::{JournalState, RunOutcome};
use crate::output::OutputFormat;

/// One phone to rewrite: `stored` and `e164` as `audit numbers` names them. In `--json`,
/// `result` is `null` in a plan, then `done`, `failed` or `unknown` (the journal's word);
/// `error` says why a write did not go through.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub contact_id: String,
    pub name: Option<String>,
    pub stored: String,
    pub e164: String,
    pub result: Option<JournalState>,
    pub error: Option<String>,
}

const COLUMNS: [&str; 5] = ["contact_id", "name", "stored", "e164", "result"];

pub async fn run(args: FixNumbersArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    if !args.dry_run && !ctx.global.yes && !p.is_tty() {
        return Err(Failure::usage_hint(
            "refusing to write without a terminal to confirm on",
            "pass `--yes` to write, or `--dry-run` to see the plan",
        ));
    }
    if args.include_ambiguous && ctx.global.yes {
        return Err(Failure::usage_hint(
            "`--include-ambiguous` cannot be used with `--yes`",
            "an ambiguous number is written only after a choice per row, on a terminal",
        ));
    }
    if args.include_ambiguous && !p.is_tty() {
        return Err(Failure::usage(
            "`--include-ambiguous` asks per number and needs a terminal",
        ));
    }
    let hints = hints(ctx, &args.phone)?;
    let client = ctx.intercom()?;
    let ledger = ctx.workspace_ledger().await?;
    // A writing run takes the job's lock before planning (issue 11); a dry run reads only.
    let guard = if args.dry_run {
        None
    } else {
        Some(ledger.begin("fix numbers")?)
    };
    let settled = if guard.is_some() {
        let settled = crate::journal::reconcile(&ledger, client, None).await?;
        for (row, state) in &settled {
            p.debug(format!(
                "run {}: change to {} was {state}",
                row.run_id, row.object_id
            ));
        }
        settled.len()
    } else {
        0
    };
    if settled > 0 {
        p.info(format!(
            "reconciled {settled} change(s) an earlier run left unfinished"
        ));
    }
    let rows = scan(ctx, &args.phone, &hints).await?;

    // How many contacts would hold each number after the fix.
    let mut holders: HashMap<&str, usize> = HashMap::new();
    for r in &rows {
        if let Some(e) = r.e164() {
            *holders.entry(e).or_default() += 1;
        }
    }
    let mut plan = Vec::new();
    let mut collisions = Vec::new();
    // By contact id: the scan's order is its concurrent pages', and the plan, its prompts
    // and `--limit` must not change from one run to the next.
    let mut ordered: Vec<_> = rows.iter().collect();
    ordered.sort_by(|a, b| a.id.cmp(&b.id));
    for r in ordered {
        let Some(f) = finding(r) else { continue };
        let new = match (f.status, f.e164.clone()) {
            (PhoneStatus::Fixable, Some(n)) => n,
            (PhoneStatus::Ambiguous, _) if args.include_ambiguous => {
                let mut items: Vec<String> = f.candidates.iter().map(|c| c.e164.clone()).collect();
                items.push("skip".into());
                let question = format!(
                    "`{}` ({}) could be",
                    f.stored,
                    f.name.clone().unwrap_or_default()
                );
                let pick = match p.choose(&question, &items, items.len() - 1) {
                    Ok(pick) => pick,
                    Err(e) => {
                        if let Some(g) = &guard {
                            g.finish(RunOutcome::Cancelled, &serde_json::json!({}))?;
                        }
                        return Err(e);
                    }
                };
                if pick == items.len() - 1 {
                    continue;
                }
                items[pick].clone()
            }
            _ => continue,
        };
        if holders.get(new.as_str()).copied().unwrap_or(0) > 1 {
            collisions.push(new.clone());
            continue;
        }
        plan.push(Change {
            contact_id: f.contact_id,
            name: f.name,
            stored: f.stored,
            e164: new,
            result: None,
            error: None,
        });
    }
    collisions.sort();
    collisions.dedup();
    if let Some(limit) = args.limit {
        plan.truncate(limit as usize);
    }
    if !collisions.is_empty() {
        p.warn(format!(
            "{} number(s) are shared by several contacts once normalized; those contacts are left alone: run `aircom audit duplicates --fix` first",
            collisions.len()
        ));
    }
    let plan_rows = |plan: &[Change]| -> Vec<Vec<String>> {
        plan.iter()
            .map(|c| {
                vec![
                    c.contact_id.clone(),
                    c.name.clone().unwrap_or_default(),
                    c.stored.clone(),
                    c.e164.clone(),
                    match (&c.result, &c.error) {
                        (Some(r), Some(e)) => format!("{r}: {e}"),
                        (r, _) => r.map(|r| r.to_string()).unwrap_or_default(),
                    },
                ]
            })
            .collect()
    };
    if args.dry_run {
        p.table(&COLUMNS, &plan_rows(&plan), &plan)?;
        p.info(format!(
            "dry run: {} change(s) planned, nothing written",
            plan.len()
        ));
        return Ok(ExitStatus::Success);
    }
    let guard = guard.expect("a writing run holds the lock");
    if plan.is_empty() {
        guard.finish(
            RunOutcome::Ok,
            &serde_json::json!({"fixed": 0, "failed": 0}),
        )?;
        p.info("nothing to fix: every readable phone is already in E.164");
        return Ok(ExitStatus::Success);
    }
    if !ctx.global.yes {
        if p.format == OutputFormat::Table {
            p.table(&COLUMNS, &plan_rows(&plan), &plan)?;
        }
        let ok = p.confirm(&format!(
            "Rewrite {} phone number(s) in Intercom?",
            plan.len()
        ))?;
        if !ok {
            guard.finish(RunOutcome::Cancelled, &serde_json::json!({}))?;
            return Err(Failure::declined());
        }
    }
    let run = guard.id();
    ctx.bulk.store(true, Ordering::SeqCst);
    let bar = p.progress(Some(plan.len() as u64), "rewriting phones");
    let (mut done, mut failed) = (0u64, 0u64);
    for c in &mut plan {
        if ctx.interrupted() {
            break;
        }
        let j = ledger.journal_pending(
            run,
            "intercom",
            &c.contact_id,
            "phone",
            Some(&c.stored),
            Some(&c.e164),
        )?;
        let body = ContactWrite {
            phone: Some(Some(c.e164.clone())),
            ..ContactWrite::default()
        };
        match client
            .update_contact(&ContactId(c.contact_id.clone()), &body)
            .await
        {
            Ok(_) => {
                ledger.journal_set(j, JournalState::Done)?;
                c.result = Some(JournalState::Done);
                done += 1;
            }
            Err(e) => {
                let state = if e.write_may_have_landed() {
                    JournalState::Unknown
                } else {
                    JournalState::Failed
                };
                ledger.journal_set(j, state)?;
                c.result = Some(state);
                c.error = Some(e.to_string());
                p.warn(format!("{}: {e}", c.contact_id));
                failed += 1;
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    let interrupted = ctx.interrupted();
    let outcome = if interrupted {
        RunOutcome::Interrupted
    } else if failed > 0 {
        RunOutcome::Failed
    } else {
        RunOutcome::Ok
    };
    guard.finish(
        outcome,
        &serde_json::json!({"fixed": done, "failed": failed, "skipped_shared": collisions.len()}),
    )?;
    let applied: Vec<Change> = plan.into_iter().filter(|c| c.result.is_some()).collect();
    p.table(&COLUMNS, &plan_rows(&applied), &applied)?;
    p.info(format!(
        "run {run}: {done} phone(s) rewritten, {failed} failed; `aircom undo {run}` restores them"
    ));
    if interrupted {
        return Err(Failure::Cancelled(format!(
            "interrupted after {done} change(s); run `aircom fix numbers` again to finish"
        ))
        .into());
    }
    Ok(if failed > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
