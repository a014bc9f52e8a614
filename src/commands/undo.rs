//! `aircom undo RUN_ID`: restores the old values a run wrote, only where the current value is
//! still the one aircom wrote; anything changed since is reported and left alone. The undo is
//! a run of its own, journaled, so it can be undone too.

use std::sync::atomic::Ordering;

use serde::Serialize;

use crate::cli::UndoArgs;
use crate::commands::fix::numbers::reconcile;
use crate::commands::ExitStatus;
use crate::context::Ctx;
use crate::error::Failure;
use crate::intercom::{ContactId, ContactWrite};
use crate::ledger::{JournalState, RunOutcome};

#[derive(Debug, Serialize)]
struct Item {
    contact_id: String,
    field: String,
    current: Option<String>,
    restore: Option<String>,
    result: String,
}

pub async fn run(args: UndoArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    let ledger = ctx.workspace_ledger().await?;
    let Some(target) = ledger.run(args.run_id)? else {
        return Err(Failure::usage_hint(
            format!("no run {} in the ledger", args.run_id),
            "`aircom runs` lists the run ids",
        ));
    };
    if target.workspace != ledger.workspace() {
        return Err(Failure::usage_hint(
            format!(
                "run {} wrote to `{}`, but these credentials open `{}`",
                target.id,
                target.workspace,
                ledger.workspace()
            ),
            "undo it with that workspace's credentials (`--profile`)",
        ));
    }
    if !args.dry_run && !ctx.global.yes && !p.is_tty() {
        return Err(Failure::usage_hint(
            "refusing to write without a terminal to confirm on",
            "pass `--yes`, or `--dry-run`",
        ));
    }
    let client = ctx.intercom()?;
    reconcile(ctx, &ledger, client).await?;
    let rows = ledger.journal_for_run(target.id)?;
    let mut items = Vec::new();
    // Every row of the run is accounted for, not only the ones to restore.
    for row in rows.iter().rev() {
        let not_done = match row.state {
            JournalState::Done => None,
            JournalState::Failed => Some("not applied: the API refused the change"),
            JournalState::Abandoned => Some("not applied: found unapplied when reconciled"),
            JournalState::Pending | JournalState::Unknown => {
                Some("unknown: the change's outcome could not be checked; run undo again")
            }
        };
        if let Some(why) = not_done {
            items.push(Item {
                contact_id: row.object_id.clone(),
                field: row.field.clone(),
                current: None,
                restore: None,
                result: why.into(),
            });
            continue;
        }
        match row.field.as_str() {
            "phone" => {
                let current = match client.get_contact(&ContactId(row.object_id.clone())).await {
                    Ok(c) => c.phone,
                    Err(e) if matches!(e.status(), Some(404) | Some(410)) => {
                        items.push(Item {
                            contact_id: row.object_id.clone(),
                            field: row.field.clone(),
                            current: None,
                            restore: row.old_value.clone(),
                            result: "gone: the contact no longer exists".into(),
                        });
                        continue;
                    }
                    Err(e) => return Err(e.into()),
                };
                let result = if current == row.new_value {
                    "restore"
                } else {
                    "conflict: changed since"
                };
                items.push(Item {
                    contact_id: row.object_id.clone(),
                    field: row.field.clone(),
                    current,
                    restore: row.old_value.clone(),
                    result: result.into(),
                });
            }
            "merge_into" => items.push(Item {
                contact_id: row.object_id.clone(),
                field: row.field.clone(),
                current: row.new_value.clone(),
                restore: None,
                result: "cannot undo: Intercom merges are permanent".into(),
            }),
            _ => {}
        }
    }
    let to_restore = items.iter().filter(|i| i.result == "restore").count();
    if args.dry_run || to_restore == 0 {
        render(ctx, &items)?;
        p.info(format!(
            "{}: {to_restore} value(s) to restore from run {}",
            if args.dry_run {
                "dry run"
            } else {
                "nothing to do"
            },
            target.id
        ));
        return Ok(ExitStatus::Success);
    }
    if !ctx.global.yes {
        let ok = dialoguer::Confirm::new()
            .with_prompt(format!(
                "Restore {to_restore} value(s) written by run {}?",
                target.id
            ))
            .default(false)
            .interact()?;
        if !ok {
            return Err(Failure::Cancelled("nothing written".into()).into());
        }
    }
    let run = ledger.start_run("undo", &format!("undo {}", target.id))?;
    ctx.bulk.store(true, Ordering::SeqCst);
    let (mut done, mut failed) = (0u64, 0u64);
    for item in items.iter_mut().filter(|i| i.result == "restore") {
        if ctx.interrupted() {
            break;
        }
        let j = ledger.journal_pending(
            run,
            "intercom",
            &item.contact_id,
            "phone",
            item.current.as_deref(),
            item.restore.as_deref(),
        )?;
        let body = ContactWrite {
            phone: Some(item.restore.clone()),
            ..ContactWrite::default()
        };
        match client
            .update_contact(&ContactId(item.contact_id.clone()), &body)
            .await
        {
            Ok(_) => {
                ledger.journal_set(j, JournalState::Done)?;
                item.result = "restored".into();
                done += 1;
            }
            Err(e) => {
                ledger.journal_set(j, JournalState::Failed)?;
                item.result = format!("failed: {e}");
                failed += 1;
            }
        }
    }
    ledger.finish_run(
        run,
        if failed > 0 {
            RunOutcome::Failed
        } else if ctx.interrupted() {
            RunOutcome::Interrupted
        } else {
            RunOutcome::Ok
        },
        &serde_json::json!({"restored": done, "failed": failed}),
    )?;
    render(ctx, &items)?;
    p.info(format!(
        "run {run}: {done} value(s) restored, {failed} failed"
    ));
    if ctx.interrupted() {
        return Err(Failure::Cancelled("interrupted".into()).into());
    }
    Ok(if failed > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

fn render(ctx: &Ctx, items: &[Item]) -> anyhow::Result<()> {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            vec![
                i.contact_id.clone(),
                i.field.clone(),
                i.current.clone().unwrap_or_default(),
                i.restore.clone().unwrap_or_default(),
                i.result.clone(),
            ]
        })
        .collect();
    ctx.printer.table(
        &["contact_id", "field", "current", "restore", "result"],
        &rows,
        &items,
    )?;
    Ok(())
}
