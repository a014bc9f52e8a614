//! `aircom sync contacts`: every Intercom user and lead with a certain phone becomes an
//! Aircall contact, kept current, never duplicated. The engine (`crate::sync`) plans and
//! applies, journaling every write; this command reads, asks and reports.

use std::collections::HashMap;
use std::sync::atomic::Ordering;

use futures::StreamExt;

use crate::aircall;
use crate::cli::{RoleFilter, SyncContactsArgs};
use crate::commands::normalize::ImportWriter;
use crate::commands::ExitStatus;
use crate::contacts::hints;
use crate::context::Ctx;
use crate::error::Failure;
use crate::intercom::{self, filter};
use crate::ledger::{RunOutcome, SyncState};
use crate::phone::{normalize, Hints};
use crate::sync::{
    self as engine, apply, linked_id, make_plan, LinkForm, PlanInput, Step, Workspace,
};

pub async fn run(args: SyncContactsArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let p = &ctx.printer;
    let writes_api = args.export_csv.is_none() && !args.dry_run;
    if writes_api && !ctx.global.yes && !p.is_tty() {
        return Err(Failure::usage_hint(
            "refusing to write without a terminal to confirm on",
            "pass `--yes` to write, or `--dry-run` to see the plan",
        ));
    }
    let hints = hints(ctx, &args.phone)?;
    // Whether this run reads every contact that changed since its cutoff (no filter).
    let complete = args.role == RoleFilter::All
        && args.tag.is_none()
        && args.segment.is_none()
        && args.since.is_none();
    let ledger = ctx.workspace_ledger().await?;
    let since = match (&args.since, args.incremental) {
        (Some(w), _) => Some(w.resolve(ctx.now())?),
        // Only a run that covered every contact sets the cutoff: after `--role lead`, an
        // incremental run must still bring the users over.
        (None, true) => match ledger.last_ok_run_where("sync contacts", "$.complete")? {
            Some(r) => Some(r.started_at),
            None => {
                p.info("no earlier successful sync in the ledger: syncing everything");
                None
            }
        },
        _ => None,
    };
    let ic = ctx.intercom()?;
    let ac = ctx.aircall()?;
    // A writing run takes the job's lock before planning (issue 11): a second one exits at
    // once. Dry runs and exports read only, and need none.
    let guard = if writes_api {
        Some(ledger.begin("sync contacts")?)
    } else {
        None
    };
    let me = ic.me().await?;

    // Settle creates a killed run left pending before planning anything (under the lock: a
    // dry run beside a writing one must not touch its pending rows).
    if guard.is_some() {
        engine::reconcile(&ledger, ac, &me.app.id_code).await?;
        crate::journal::reconcile(&ledger, ic, Some(ac)).await?;
    }

    // The source.
    let mut parts = vec![match args.role {
        RoleFilter::User => filter("role", "=", "user"),
        RoleFilter::Lead => filter("role", "=", "lead"),
        RoleFilter::All => intercom::users_and_leads(),
    }];
    if let Some(name) = &args.tag {
        let tags = ic.tags().await?;
        let Some(tag) = tags.iter().find(|t| t.name.eq_ignore_ascii_case(name)) else {
            return Err(Failure::usage_hint(
                format!("no Intercom tag named `{name}`"),
                "tags are matched by name, case-insensitively",
            ));
        };
        parts.push(filter("tag_id", "=", &tag.id));
    }
    if let Some(seg) = &args.segment {
        parts.push(filter("segment_id", "=", seg));
    }
    if let Some(since) = since {
        // Contact dates compare by day: `>` the day before, then the exact cut client-side.
        parts.push(filter("updated_at", ">", since - 86_400));
    }
    let query = if parts.len() == 1 {
        parts.remove(0)
    } else {
        intercom::and(parts)
    };
    let bar = p.progress(None, "reading Intercom contacts");
    let mut source = Vec::new();
    let mut stream = ic.scan_contacts(query, args.phone.partitions as usize);
    // Pruning is judged against the whole workspace, whatever the filters (issue 13): read
    // it here when the source is the whole workspace, or in a second scan when it is not.
    let whole = complete && since.is_none();
    let mut workspace = Workspace::default();
    while let Some(c) = stream.next().await {
        let c = c?;
        bar.inc(1);
        if args.prune && whole {
            workspace.add(&c, &hints);
        }
        if since.is_some_and(|s| c.updated_at.unwrap_or(0) < s) {
            continue;
        }
        source.push(c);
    }
    drop(stream);
    if args.prune && !whole {
        bar.set_message("reading every Intercom contact (pruning looks at the whole workspace)");
        let mut stream =
            ic.scan_contacts(intercom::users_and_leads(), args.phone.partitions as usize);
        while let Some(c) = stream.next().await {
            let c = c?;
            bar.inc(1);
            workspace.add(&c, &hints);
        }
    }
    bar.finish_and_clear();

    // The target: every Aircall contact, indexed by link and by number.
    let bar = p.progress(None, "reading Aircall contacts");
    let mut by_link: HashMap<String, (aircall::Contact, LinkForm)> = HashMap::new();
    let mut by_number: HashMap<String, Vec<aircall::Contact>> = HashMap::new();
    let mut by_id: HashMap<i64, aircall::Contact> = HashMap::new();
    let mut all_aircall = 0;
    let mut stream = ac.contacts(0, ctx.now() + 86_400, 4);
    while let Some(c) = stream.next().await {
        let c = c?;
        bar.inc(1);
        all_aircall += 1;
        if let Some((id, form)) = linked_id(c.information.as_deref()) {
            // aircom's own link wins over the digest's form for the same Intercom id.
            let keep = by_link
                .get(&id)
                .is_none_or(|(_, f)| *f == LinkForm::IntercomId && form == LinkForm::Aircom);
            if keep {
                by_link.insert(id, (c.clone(), form));
            }
        }
        for ph in &c.phone_numbers {
            if let Some(e) = normalize(&ph.value, &Hints::default()).e164() {
                by_number.entry(e.to_string()).or_default().push(c.clone());
            }
        }
        by_id.insert(c.id.0, c);
    }
    drop(stream);
    bar.finish_and_clear();

    // Company names, one lookup per distinct company.
    let mut companies: HashMap<String, String> = HashMap::new();
    for c in &source {
        if let Some(id) = c
            .companies
            .as_ref()
            .and_then(|l| l.data.first())
            .map(|r| r.id.clone())
        {
            if let std::collections::hash_map::Entry::Vacant(slot) = companies.entry(id) {
                let name = match ic.company(slot.key()).await {
                    Ok(co) => co.name.unwrap_or_default(),
                    Err(e) if e.status() == Some(404) => String::new(),
                    Err(e) => return Err(e.into()),
                };
                slot.insert(name);
            }
        }
    }
    let synced = ledger.synced()?;
    if args.prune {
        // A contact the scan did not return is read by id before it counts as gone: only a
        // 404 is proof (a scan can miss a contact being edited).
        for s in synced
            .iter()
            .filter(|s| s.created_by_aircom && s.state == SyncState::Synced)
        {
            if workspace.phones.contains_key(&s.intercom_id) {
                continue;
            }
            match ic
                .get_contact(&intercom::ContactId(s.intercom_id.clone()))
                .await
            {
                Ok(c) => workspace.add(&c, &hints),
                // Only "not found" is gone. A 410 is a merged contact, whose person lives on
                // in the contact it was merged into: never pruned for that.
                Err(e) if e.status() == Some(404) => {}
                Err(e) if e.status() == Some(410) => workspace.keep(&s.intercom_id),
                Err(e) => return Err(e.into()),
            }
        }
    }
    let plan = make_plan(
        &source,
        &PlanInput {
            hints: &hints,
            app_id: &me.app.id_code,
            by_link: &by_link,
            by_number: &by_number,
            no_adopt: args.no_adopt,
            synced: &synced,
            companies: &companies,
            prune: args.prune.then_some(&workspace),
            with_extensions: args.with_extensions,
        },
    );
    // Every prune is judged again on the Intercom contact read by id (search lags writes,
    // intercom-api.md §10.1), and none touches an Aircall contact another step writes.
    let mut plan = plan;
    if args.prune {
        let targeted: std::collections::HashSet<i64> = plan
            .iter()
            .filter_map(|s| match s {
                Step::Update { aircall_id, .. } | Step::Unchanged { aircall_id, .. } => {
                    Some(*aircall_id)
                }
                _ => None,
            })
            .collect();
        let mut kept = Vec::with_capacity(plan.len());
        for step in plan {
            if let Step::Prune {
                aircall_id,
                intercom_id,
                ..
            } = &step
            {
                if targeted.contains(aircall_id) {
                    continue;
                }
                match ic
                    .get_contact(&intercom::ContactId(intercom_id.clone()))
                    .await
                {
                    Ok(c) => {
                        workspace.replace(&c, &hints);
                        let s = synced.iter().find(|s| &s.intercom_id == intercom_id);
                        if s.is_none_or(|s| workspace.unwanted(s, &hints).is_none()) {
                            continue;
                        }
                    }
                    Err(e) if e.status() == Some(404) => {}
                    Err(e) if e.status() == Some(410) => continue,
                    Err(e) => return Err(e.into()),
                }
            }
            kept.push(step);
        }
        plan = kept;
    }
    let count = |f: fn(&Step) -> bool| plan.iter().filter(|s| f(s)).count();
    let creates = count(|s| matches!(s, Step::Create { .. }));
    let updates = count(|s| matches!(s, Step::Update { .. }));
    let unchanged = count(|s| matches!(s, Step::Unchanged { .. }));
    let skipped = count(|s| matches!(s, Step::Skip { .. }));
    let prunes = count(|s| matches!(s, Step::Prune { .. }));
    if let Some(path) = &args.report {
        write_report(path, &plan)?;
    }
    let summary = format!(
        "{} Intercom contacts, {all_aircall} Aircall contacts: {creates} to create, {updates} to update, {unchanged} unchanged, {skipped} skipped{}",
        source.len(),
        if args.prune { format!(", {prunes} to prune") } else { String::new() }
    );
    if args.dry_run {
        render_plan(ctx, &plan)?;
        p.info(format!("dry run: {summary}"));
        return Ok(ExitStatus::Success);
    }
    if let Some(dir) = &args.export_csv {
        let mut w = ImportWriter::new(dir)?;
        for s in &plan {
            if let Step::Create { desired: d } = s {
                w.push(&[
                    d.first_name.clone(),
                    d.last_name.clone().unwrap_or_default(),
                    String::new(),
                    d.e164.clone(),
                ])?;
            }
        }
        let files = w.finish()?;
        p.info(format!(
            "{summary}\nwrote {creates} creations to {} import file(s) in {}",
            files.len(),
            dir.display()
        ));
        return Ok(ExitStatus::Success);
    }
    let writes: Vec<&Step> = plan
        .iter()
        .filter(|s| {
            matches!(
                s,
                Step::Create { .. } | Step::Update { .. } | Step::Prune { .. }
            )
        })
        .collect();
    p.info(&summary);
    let guard = guard.expect("a writing run holds the lock");
    if writes.is_empty() {
        guard.finish(RunOutcome::Ok, &serde_json::json!({"created": 0, "updated": 0, "unchanged": unchanged, "skipped": skipped, "complete": complete}))?;
        p.outcome(
            true,
            format!("run {}: everything is in sync, nothing written", guard.id()),
        );
        return Ok(ExitStatus::Success);
    }
    let requests: usize = writes
        .iter()
        .map(|s| match s {
            Step::Update { changes, .. } => {
                1 + changes
                    .iter()
                    .filter(|c| matches!(c.field, engine::Field::Phone | engine::Field::Email))
                    .count()
            }
            _ => 1,
        })
        .sum();
    let minutes = requests as f64 / ctx.aircall_rate() as f64;
    p.info(format!(
        "about {requests} Aircall requests: ~{} at {}/min",
        human_minutes(minutes),
        ctx.aircall_rate()
    ));
    // A prune that would delete more than a share of what aircom synced stops and asks, even
    // under `--yes`, unless `--force-prune`: a mass deletion is never a default.
    let owned = synced
        .iter()
        .filter(|s| s.created_by_aircom && s.state == SyncState::Synced)
        .count();
    let limit = (owned as f64 * f64::from(args.prune_limit) / 100.0).floor() as usize;
    if prunes > limit && !args.force_prune {
        let question = format!(
            "Delete {prunes} Aircall contact(s), more than {}% of the {owned} aircom synced? (each is journaled: `aircom undo` recreates it)",
            args.prune_limit
        );
        if p.is_tty() {
            let ok = ctx.printer.confirm(&question)?;
            if !ok {
                guard.finish(RunOutcome::Cancelled, &serde_json::json!({}))?;
                return Err(Failure::declined());
            }
        } else {
            guard.finish(RunOutcome::Cancelled, &serde_json::json!({}))?;
            return Err(Failure::usage_hint(
                format!(
                    "the prune would delete {prunes} of {owned} Aircall contacts aircom synced (limit {}%): nothing written",
                    args.prune_limit
                ),
                "see the list with `--dry-run`; if it is right, pass `--force-prune` (or a higher `--prune-limit`)",
            ));
        }
    }
    if !ctx.global.yes {
        let ok = ctx.printer.confirm(&format!(
                "Create {creates}, update {updates}{} Aircall contact(s)? ({unchanged} unchanged, {skipped} skipped)",
                if prunes > 0 { format!(", delete {prunes}") } else { String::new() }
            ))?;
        if !ok {
            guard.finish(RunOutcome::Cancelled, &serde_json::json!({}))?;
            return Err(Failure::declined());
        }
    }
    let run = guard.id();
    let current_of = |step: &Step| match step {
        // A prune reads the contact live just before deleting it.
        Step::Update { aircall_id, .. } => by_id.get(aircall_id),
        _ => None,
    };
    ctx.bulk.store(true, Ordering::SeqCst);
    let bar = p.progress(Some(writes.len() as u64), "syncing");
    let (mut created, mut updated, mut pruned, mut failed) = (0u64, 0u64, 0u64, 0u64);
    let mut count = |step: &Step| match step {
        Step::Create { .. } => created += 1,
        Step::Update { .. } => updated += 1,
        _ => pruned += 1,
    };
    // Steps whose failure may pass (a busy or failing service, a lost answer), with the error.
    let mut again: Vec<(&Step, anyhow::Error)> = Vec::new();
    for step in writes {
        if ctx.interrupted() {
            break;
        }
        match apply(
            ac,
            &ledger,
            run,
            step,
            current_of(step),
            &me.app.id_code,
            false,
        )
        .await
        {
            Ok(()) => count(step),
            Err(e) if engine::may_pass(&e) => again.push((step, e)),
            Err(e) => {
                failed += 1;
                p.warn(format!("{e:#}"));
            }
        }
        bar.inc(1);
    }
    // In-run reconciliation: after a pause, each such step is applied again, reading what
    // Aircall now holds first (a create that landed is found by its marker, a detail that
    // landed is not added twice), so one run finishes what a flaky network interrupted.
    for round in 1..=engine::SYNC_ROUNDS {
        if again.is_empty() || ctx.interrupted() {
            break;
        }
        tokio::time::sleep(engine::round_pause(round)).await;
        let mut still = Vec::new();
        for (step, _) in again {
            if ctx.interrupted() {
                break;
            }
            match apply(
                ac,
                &ledger,
                run,
                step,
                current_of(step),
                &me.app.id_code,
                true,
            )
            .await
            {
                Ok(()) => count(step),
                Err(e) if engine::may_pass(&e) => still.push((step, e)),
                Err(e) => {
                    failed += 1;
                    p.warn(format!("{e:#}"));
                }
            }
        }
        again = still;
    }
    for (_, e) in &again {
        failed += 1;
        p.warn(format!("{e:#}"));
    }
    bar.finish_and_clear();
    let interrupted = ctx.interrupted();
    let counts = serde_json::json!({"created": created, "updated": updated, "pruned": pruned, "unchanged": unchanged, "skipped": skipped, "failed": failed, "complete": complete});
    guard.finish(
        if interrupted {
            RunOutcome::Interrupted
        } else if failed > 0 {
            RunOutcome::Failed
        } else {
            RunOutcome::Ok
        },
        &counts,
    )?;
    p.outcome(
        !interrupted && failed == 0,
        format!("run {run}: {created} created, {updated} updated, {pruned} pruned, {unchanged} unchanged, {skipped} skipped, {failed} failed{}", if interrupted { " (interrupted)" } else { "" }),
    );
    if interrupted {
        return Err(Failure::Cancelled(
            "interrupted: run `aircom sync contacts` again to finish".into(),
        )
        .into());
    }
    Ok(if failed > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

fn human_minutes(m: f64) -> String {
    if m < 1.0 {
        format!("{:.0}s", m * 60.0)
    } else if m < 120.0 {
        format!("{m:.0} min")
    } else {
        format!("{:.1} h", m / 60.0)
    }
}

/// One plan line in `--json`: the engine's step, with `intercom_id` at the top level whatever
/// the action (a create's and an update's is also in `desired`).
#[derive(serde::Serialize)]
struct PlanLine<'a> {
    #[serde(flatten)]
    step: &'a Step,
    #[serde(skip_serializing_if = "Option::is_none")]
    intercom_id: Option<&'a str>,
}

impl<'a> From<&'a Step> for PlanLine<'a> {
    fn from(step: &'a Step) -> Self {
        let intercom_id = match step {
            Step::Create { desired } | Step::Update { desired, .. } => {
                Some(desired.intercom_id.as_str())
            }
            // The others carry it themselves.
            Step::Unchanged { .. } | Step::Skip { .. } | Step::Prune { .. } => None,
        };
        PlanLine { step, intercom_id }
    }
}

/// The dry run's plan: writes first (create, update, prune), then what is left alone, each
/// by Intercom id (the contacts are read by concurrent pages: the order must not vary). A
/// terminal table leaves out the unchanged contacts unless `--all`.
fn render_plan(ctx: &Ctx, plan: &[Step]) -> anyhow::Result<()> {
    let rank = |s: &Step| -> (u8, String) {
        match s {
            Step::Create { desired } => (0, desired.intercom_id.clone()),
            Step::Update { desired, .. } => (1, desired.intercom_id.clone()),
            Step::Prune { intercom_id, .. } => (2, intercom_id.clone()),
            Step::Skip { intercom_id, .. } => (3, intercom_id.clone()),
            Step::Unchanged { intercom_id, .. } => (4, intercom_id.clone()),
        }
    };
    let mut plan: Vec<&Step> = plan.iter().collect();
    plan.sort_by_cached_key(|s| rank(s));
    let rows: Vec<Vec<String>> = plan
        .iter()
        .map(|s| match s {
            Step::Create { desired: d } => vec![
                "create".into(),
                d.intercom_id.clone(),
                String::new(),
                format!(
                    "{} {} {}",
                    d.first_name,
                    d.last_name.clone().unwrap_or_default(),
                    d.e164
                ),
            ],
            Step::Update {
                aircall_id,
                desired,
                adopt,
                changes,
            } => vec![
                if *adopt {
                    "adopt".into()
                } else {
                    "update".into()
                },
                desired.intercom_id.clone(),
                aircall_id.to_string(),
                changes
                    .iter()
                    .map(|c| {
                        format!(
                            "{}: {} -> {}",
                            c.field.as_str(),
                            c.old.clone().unwrap_or_else(|| "∅".into()),
                            c.new
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            ],
            Step::Unchanged {
                aircall_id,
                intercom_id,
            } => vec![
                "unchanged".into(),
                intercom_id.clone(),
                aircall_id.to_string(),
                String::new(),
            ],
            Step::Skip {
                intercom_id,
                reason,
                ..
            } => vec![
                "skip".into(),
                intercom_id.clone(),
                String::new(),
                reason.clone(),
            ],
            Step::Prune {
                aircall_id,
                intercom_id,
                reason,
            } => vec![
                "prune".into(),
                intercom_id.clone(),
                aircall_id.to_string(),
                reason.clone(),
            ],
        })
        .collect();
    let actionable: Vec<bool> = plan
        .iter()
        .map(|s| !matches!(s, Step::Unchanged { .. }))
        .collect();
    ctx.printer.table_actionable(
        &["action", "intercom_id", "aircall_id", "detail"],
        &rows,
        &actionable,
        &plan.iter().map(|s| PlanLine::from(*s)).collect::<Vec<_>>(),
    )?;
    Ok(())
}

fn write_report(path: &std::path::Path, plan: &[Step]) -> anyhow::Result<()> {
    let file = crate::fsutil::PendingFile::create_given(path)?;
    let mut w = csv::Writer::from_writer(file);
    w.write_record(["intercom_id", "name", "phone", "reason"])?;
    for s in plan {
        if let Step::Skip {
            intercom_id,
            name,
            phone,
            reason,
        } = s
        {
            w.write_record([
                crate::output::csv_safe(intercom_id),
                crate::output::csv_safe(name.as_deref().unwrap_or("")),
                crate::output::csv_safe(phone.as_deref().unwrap_or("")),
                crate::output::csv_safe(reason),
            ])?;
        }
    }
    w.into_inner()
        .map_err(|e| anyhow::anyhow!("writing `{}`: {}", path.display(), e.error()))?
        .commit()?;
    Ok(())
}
