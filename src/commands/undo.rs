//! `aircom undo RUN_ID`: restores the old values a run wrote, only where the current value is
//! still the one aircom wrote; anything changed since is reported and left alone. The undo is
//! a run of its own, journaled, so it can be undone too. The journal's engine
//! (`crate::journal`) settles unknown rows first and checks each row against the live object.

use std::collections::HashMap;
use std::sync::atomic::Ordering;

use crate::aircall::{self, AircallClient};
use crate::cli::UndoArgs;
use crate::commands::ExitStatus;
use crate::context::Ctx;
use crate::error::Failure;
use crate::intercom::{AdminId, ContactId, ContactWrite, ConversationId, IntercomClient, TagId};
use crate::journal::{self, AircallUndo, Change, UndoItem, Verdict};
use crate::ledger::{JournalState, Ledger, RunOutcome, SyncState, SyncedContact};
use crate::sync::Snapshot;

pub async fn run(args: UndoArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    let ledger = ctx.workspace_ledger().await?;
    let Some(target) = ledger.run(args.run_id)? else {
        return Err(Failure::usage_hint(
            format!("no run {} in the ledger", args.run_id),
            if ctx.sandbox.is_some() && ctx.global.sandbox_state.is_none() {
                "a sandbox rehearsal keeps its runs only with `--sandbox-state FILE`: pass the same one to the run and to undo"
            } else {
                "`aircom runs` lists the run ids"
            },
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
    let rows = ledger.journal_for_run(target.id)?;
    // Aircall credentials only for a run that wrote to Aircall (`sync contacts`).
    let ac = if rows.iter().any(|r| r.api == "aircall") {
        Some(ctx.aircall()?)
    } else {
        None
    };
    journal::reconcile(&ledger, client, ac).await?;
    let rows = ledger.journal_for_run(target.id)?;
    let linked: std::collections::HashMap<String, i64> = ledger
        .synced()?
        .into_iter()
        .filter_map(|c| Some((c.intercom_id, c.aircall_id?)))
        .collect();
    let mut items = journal::plan_undo(client, ac, &rows, &linked).await?;
    let to_restore = items
        .iter()
        .filter(|i| i.verdict == Verdict::Restore)
        .count();
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
        let ok = ctx.printer.confirm(&format!(
            "Restore {to_restore} value(s) written by run {}?",
            target.id
        ))?;
        if !ok {
            return Err(Failure::declined());
        }
    }
    let guard = ledger.begin("undo")?;
    ctx.bulk.store(true, Ordering::SeqCst);
    let mut tags = TagCache::default();
    let (mut done, mut failed) = (0u64, 0u64);
    for item in items.iter_mut().filter(|i| i.verdict == Verdict::Restore) {
        if ctx.interrupted() {
            break;
        }
        let (api, object, field, old, new) = journal::reverse(item);
        let j = ledger.journal_pending(
            guard.id(),
            &api,
            &object,
            &field,
            old.as_deref(),
            new.as_deref(),
        )?;
        match restore(client, ac, &ledger, j, &mut tags, item).await {
            Ok(()) => {
                ledger.journal_set(j, JournalState::Done)?;
                item.verdict = Verdict::Restored;
                done += 1;
            }
            Err(e) => {
                let unknown = e
                    .downcast_ref::<crate::http::HttpError>()
                    .is_some_and(|h| h.outcome_unknown());
                ledger.journal_set(
                    j,
                    if unknown {
                        JournalState::Unknown
                    } else {
                        JournalState::Failed
                    },
                )?;
                item.verdict = Verdict::Failed;
                item.error = Some(format!("{e:#}"));
                failed += 1;
            }
        }
    }
    guard.finish(
        if ctx.interrupted() {
            RunOutcome::Interrupted
        } else if failed > 0 {
            RunOutcome::Failed
        } else {
            RunOutcome::Ok
        },
        &serde_json::json!({"restored": done, "failed": failed}),
    )?;
    render(ctx, &items)?;
    p.info(format!(
        "run {}: {done} value(s) restored, {failed} failed",
        guard.id()
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

/// The admin tags are written as, and Intercom's tag ids by lowercase name, read once.
#[derive(Default)]
struct TagCache {
    admin: Option<AdminId>,
    ids: Option<HashMap<String, String>>,
}

/// Puts one row's old value back.
async fn restore(
    ic: &IntercomClient,
    ac: Option<&AircallClient>,
    ledger: &Ledger,
    row: i64,
    tags: &mut TagCache,
    item: &UndoItem,
) -> anyhow::Result<()> {
    match &item.change {
        Change::AircallCreate(_) | Change::AircallUpdate { .. } | Change::AircallDelete(_) => {
            let ac = ac.ok_or_else(|| anyhow::anyhow!("no Aircall client"))?;
            undo_aircall(ac, ledger, row, item).await?;
        }
        Change::ContactPhone => {
            let body = ContactWrite {
                phone: Some(item.restore.clone()),
                ..ContactWrite::default()
            };
            ic.update_contact(&ContactId(item.object_id.clone()), &body)
                .await?;
        }
        Change::ConversationTag { name, added } => {
            let admin = match &tags.admin {
                Some(a) => a.clone(),
                None => {
                    let a = AdminId(ic.me().await?.id);
                    tags.admin = Some(a.clone());
                    a
                }
            };
            if tags.ids.is_none() {
                tags.ids = Some(ic.tag_ids_by_name().await?);
            }
            let ids = tags.ids.as_mut().expect("read above");
            let conv = ConversationId(item.object_id.clone());
            let id = match ids.get(&name.to_lowercase()) {
                Some(id) => id.clone(),
                None => {
                    let t = ic.create_tag(name).await?;
                    ids.insert(name.to_lowercase(), t.id.clone());
                    t.id
                }
            };
            if *added {
                ic.untag_conversation(&conv, &TagId(id), &admin).await?;
            } else {
                ic.tag_conversation(&conv, &TagId(id), &admin).await?;
            }
        }
        Change::Merge | Change::Unknown => {
            anyhow::bail!("this change cannot be undone")
        }
    }
    Ok(())
}

/// Takes back one Aircall row (`sync contacts`), and what the ledger knows of the pair.
async fn undo_aircall(
    ac: &AircallClient,
    ledger: &Ledger,
    row: i64,
    item: &UndoItem,
) -> anyhow::Result<()> {
    for step in &item.aircall {
        match step {
            AircallUndo::Delete(id) => {
                match ac.delete_contact(&aircall::ContactId(*id)).await {
                    Err(e) if e.status() == Some(404) => {}
                    r => r?,
                }
                if let Change::AircallCreate(made) = &item.change {
                    if let Some(i) = &made.intercom_id {
                        ledger.sync_forget(i)?;
                    }
                }
            }
            AircallUndo::Recreate(old) => {
                let made = ac.create_contact(&old.to_new_contact()).await?;
                let intercom_id = old.intercom_id.clone().unwrap_or_default();
                ledger.journal_set_new(
                    row,
                    Some(&serde_json::to_string(&Snapshot::of(
                        &made,
                        Some(&intercom_id),
                    ))?),
                )?;
                ledger.sync_upsert(&SyncedContact {
                    intercom_id,
                    aircall_id: Some(made.id.0),
                    e164: old.phones.first().map(|(_, v)| v.clone()),
                    state: SyncState::Synced,
                    created_by_aircom: true,
                    fingerprint: None,
                })?;
            }
            AircallUndo::Fields(u) => {
                let id = aircall::ContactId(item.object_id.parse()?);
                ac.update_contact(&id, u).await?;
            }
            AircallUndo::SetPhone { detail, value } => {
                let id = aircall::ContactId(item.object_id.parse()?);
                ac.update_phone_detail(&id, *detail, value).await?;
            }
            AircallUndo::RemovePhone(detail) => {
                let id = aircall::ContactId(item.object_id.parse()?);
                ac.delete_phone_detail(&id, *detail).await?;
            }
            AircallUndo::SetEmail { detail, value } => {
                let id = aircall::ContactId(item.object_id.parse()?);
                ac.update_email_detail(&id, *detail, value).await?;
            }
            AircallUndo::RemoveEmail(detail) => {
                let id = aircall::ContactId(item.object_id.parse()?);
                ac.delete_email_detail(&id, *detail).await?;
            }
        }
    }
    Ok(())
}

fn render(ctx: &Ctx, items: &[UndoItem]) -> anyhow::Result<()> {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            vec![
                i.object_id.clone(),
                i.field.clone(),
                i.current.clone().unwrap_or_default(),
                i.restore.clone().unwrap_or_default(),
                {
                    let mut r = i.verdict.words().to_string();
                    if !i.notes.is_empty() {
                        r = format!("{r} ({})", i.notes.join("; "));
                    }
                    match &i.error {
                        Some(e) => format!("{r}: {e}"),
                        None => r,
                    }
                },
            ]
        })
        .collect();
    ctx.printer.table(
        &["object_id", "field", "current", "restore", "verdict"],
        &rows,
        &items,
    )?;
    Ok(())
}
