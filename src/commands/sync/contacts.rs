//! `aircom sync contacts`: every Intercom user and lead with a valid phone becomes an Aircall
//! contact, kept current, never duplicated.
//!
//! Matching, in order: the Aircall contact carrying aircom's link for this Intercom id (in
//! `information`); else one with the same E.164 (adopted: updated and marked, unless
//! `--no-adopt`); else a new one. The plan is a diff against the live Aircall contacts, so a
//! re-run with nothing changed writes nothing. A create is recorded as pending in the ledger
//! before its request; a failed or interrupted create is reconciled by a phone search before
//! anything is created again, so no number ever gets two contacts.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::Ordering;

use futures::StreamExt;
use serde::Serialize;

use crate::aircall::{self, AircallClient, ContactUpdate, NewContact, NewDetail};
use crate::cli::{RoleFilter, SyncContactsArgs};
use crate::commands::normalize::{split_name, ImportWriter};
use crate::commands::ExitStatus;
use crate::contacts::{hints, read_phone};
use crate::context::Ctx;
use crate::error::Failure;
use crate::intercom::{self, filter, ContactId};
use crate::ledger::{Ledger, RunOutcome, SyncState, SyncedContact};
use crate::lookup::intercom_link;
use crate::phone::{normalize, Hints, Outcome};

/// What the Aircall contact should hold for one Intercom contact.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Desired {
    pub intercom_id: String,
    pub first_name: String,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub e164: String,
    /// The first attached Intercom company's name.
    pub company: Option<String>,
    pub information: String,
}

/// One line of the plan.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Step {
    Create {
        desired: Desired,
    },
    Update {
        aircall_id: i64,
        desired: Desired,
        adopt: bool,
        changes: Vec<FieldChange>,
    },
    Unchanged {
        aircall_id: i64,
        intercom_id: String,
    },
    Skip {
        intercom_id: String,
        name: Option<String>,
        phone: Option<String>,
        reason: String,
    },
    Prune {
        aircall_id: i64,
        intercom_id: String,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: Option<String>,
    pub new: String,
}

/// First and last name from the Intercom name: split on the last space; one word is a first
/// name; no name gives the E.164 number as the first name. The integration's own placeholders
/// (`<E.164> New Aircall contact`) keep the split the integration made.
pub fn names(name: Option<&str>, e164: &str) -> (String, Option<String>) {
    const PLACEHOLDER: &str = " New Aircall contact";
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        None => (e164.to_string(), None),
        Some(n) if n.ends_with(PLACEHOLDER) && n.len() > PLACEHOLDER.len() => (
            n[..n.len() - PLACEHOLDER.len()].to_string(),
            Some(PLACEHOLDER.trim().to_string()),
        ),
        Some(n) => {
            let (first, last) = split_name(n);
            (first, Some(last).filter(|l| !l.is_empty()))
        }
    }
}

/// What aircom wrote for a pair, as the ledger keeps it: when the Intercom side still asks for
/// exactly this, the Aircall contact is left alone (hand edits there are not reverted).
fn fingerprint(d: &Desired) -> String {
    serde_json::to_string(d).expect("serializes")
}

fn marker(app_id: &str, intercom_id: &str) -> String {
    intercom_link(app_id, &ContactId(intercom_id.to_string()))
}

/// The Intercom id an Aircall contact was marked with, if any.
fn marked_id(information: Option<&str>) -> Option<String> {
    let info = information?;
    let start = info.find("/users/")? + "/users/".len();
    let rest = &info[start..];
    let end = rest.find('/').unwrap_or(rest.len());
    Some(rest[..end].to_string()).filter(|s| !s.is_empty())
}

fn diff(current: &aircall::Contact, d: &Desired) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut scalar = |field, old: &Option<String>, new: &Option<String>| {
        if let Some(new) = new {
            if old.as_deref() != Some(new.as_str()) {
                out.push(FieldChange {
                    field,
                    old: old.clone(),
                    new: new.clone(),
                });
            }
        }
    };
    scalar(
        "first_name",
        &current.first_name,
        &Some(d.first_name.clone()),
    );
    scalar("last_name", &current.last_name, &d.last_name);
    scalar(
        "information",
        &current.information,
        &Some(d.information.clone()),
    );
    if !current.phone_numbers.iter().any(|p| p.value == d.e164) {
        out.push(FieldChange {
            field: "phone",
            old: current.phone_numbers.first().map(|p| p.value.clone()),
            new: d.e164.clone(),
        });
    }
    if let Some(e) = &d.email {
        if !current
            .emails
            .iter()
            .any(|x| x.value.eq_ignore_ascii_case(e))
        {
            out.push(FieldChange {
                field: "email",
                old: None,
                new: e.clone(),
            });
        }
    }
    out
}

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
        reconcile(&ledger, ac, &me.app.id_code).await?;
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
    while let Some(c) = stream.next().await {
        let c = c?;
        bar.inc(1);
        if since.is_some_and(|s| c.updated_at.unwrap_or(0) < s) {
            continue;
        }
        source.push(c);
    }
    bar.finish_and_clear();

    // The target: every Aircall contact, indexed by marker and by number.
    let bar = p.progress(None, "reading Aircall contacts");
    let mut by_marker: HashMap<String, aircall::Contact> = HashMap::new();
    let mut by_number: HashMap<String, Vec<aircall::Contact>> = HashMap::new();
    let mut all_aircall = 0;
    let mut stream = ac.contacts(0, ctx.now() + 86_400, 4);
    while let Some(c) = stream.next().await {
        let c = c?;
        bar.inc(1);
        all_aircall += 1;
        if let Some(id) = marked_id(c.information.as_deref()) {
            by_marker.insert(id, c.clone());
        }
        for ph in &c.phone_numbers {
            if let Some(e) = normalize(&ph.value, &Hints::default()).e164() {
                by_number.entry(e.to_string()).or_default().push(c.clone());
            }
        }
    }
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
    let plan = make_plan(
        &source,
        &hints,
        &me.app.id_code,
        &by_marker,
        &by_number,
        args.no_adopt,
        &ledger,
        args.prune,
        &companies,
    )?;
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
        p.success("everything is in sync");
        return Ok(ExitStatus::Success);
    }
    let requests: usize = writes
        .iter()
        .map(|s| match s {
            Step::Update { changes, .. } => {
                1 + changes
                    .iter()
                    .filter(|c| matches!(c.field, "phone" | "email"))
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
    if !ctx.global.yes {
        let ok = dialoguer::Confirm::new()
            .with_prompt(format!("Apply {} change(s) in Aircall?", writes.len()))
            .default(false)
            .interact()?;
        if !ok {
            guard.finish(RunOutcome::Cancelled, &serde_json::json!({}))?;
            return Err(Failure::Cancelled("nothing written".into()).into());
        }
    }
    let run = guard.id();
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
        match apply(ac, &ledger, step, &me.app.id_code, false).await {
            Ok(()) => count(step),
            Err(e) if may_pass(&e) => again.push((step, e)),
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
    for round in 1..=SYNC_ROUNDS {
        if again.is_empty() || ctx.interrupted() {
            break;
        }
        tokio::time::sleep(round_pause(round)).await;
        let mut still = Vec::new();
        for (step, _) in again {
            if ctx.interrupted() {
                break;
            }
            match apply(ac, &ledger, step, &me.app.id_code, true).await {
                Ok(()) => count(step),
                Err(e) if may_pass(&e) => still.push((step, e)),
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
    p.success(format!("run {run}: {created} created, {updated} updated, {pruned} pruned, {unchanged} unchanged, {skipped} skipped, {failed} failed"));
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

#[allow(clippy::too_many_arguments)]
fn make_plan(
    source: &[intercom::Contact],
    hints: &Hints,
    app_id: &str,
    by_marker: &HashMap<String, aircall::Contact>,
    by_number: &HashMap<String, Vec<aircall::Contact>>,
    no_adopt: bool,
    ledger: &Ledger,
    prune: bool,
    companies: &HashMap<String, String>,
) -> anyhow::Result<Vec<Step>> {
    let mut plan = Vec::new();
    let mut valid: Vec<(&intercom::Contact, String)> = Vec::new();
    for c in source {
        let skip = |reason: String| Step::Skip {
            intercom_id: c.id.0.clone(),
            name: c.name.clone(),
            phone: c.phone.clone(),
            reason,
        };
        match read_phone(c, hints) {
            None => {} // no phone: not a source contact
            Some(Outcome::Valid(v)) => valid.push((c, v.e164)),
            Some(Outcome::Invalid { reason }) => {
                plan.push(skip(format!("invalid number: {reason}")))
            }
            Some(Outcome::Ambiguous { candidates }) => plan.push(skip(format!(
                "ambiguous number: {}",
                candidates
                    .iter()
                    .map(|c| c.e164.as_str())
                    .collect::<Vec<_>>()
                    .join(" or ")
            ))),
        }
    }
    let mut holders: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, e) in &valid {
        *holders.entry(e.as_str()).or_default() += 1;
    }
    let written: HashMap<String, String> = ledger
        .synced()?
        .into_iter()
        .filter_map(|s| s.fingerprint.map(|f| (s.intercom_id, f)))
        .collect();
    let mut wanted_ids = std::collections::HashSet::new();
    for (c, e164) in &valid {
        wanted_ids.insert(c.id.0.clone());
        if holders[e164.as_str()] > 1 {
            plan.push(Step::Skip {
                intercom_id: c.id.0.clone(),
                name: c.name.clone(),
                phone: c.phone.clone(),
                reason: format!(
                    "{e164} is shared by several Intercom contacts: run `aircom audit duplicates`"
                ),
            });
            continue;
        }
        let (first_name, last_name) = names(c.name.as_deref(), e164);
        let desired = Desired {
            intercom_id: c.id.0.clone(),
            first_name,
            last_name,
            email: c.email().map(str::to_string),
            e164: e164.clone(),
            company: c
                .companies
                .as_ref()
                .and_then(|l| l.data.first())
                .and_then(|r| companies.get(&r.id))
                .filter(|n| !n.is_empty())
                .cloned(),
            information: marker(app_id, &c.id.0),
        };
        let (target, adopt) = match by_marker.get(&c.id.0) {
            Some(t) => (Some(t), false),
            None => match by_number.get(e164).map(|v| v.as_slice()).unwrap_or(&[]) {
                [] => (None, false),
                // An existing contact that another Intercom contact already owns is not ours.
                [one] if marked_id(one.information.as_deref()).is_none() => {
                    if no_adopt {
                        plan.push(Step::Skip {
                            intercom_id: c.id.0.clone(),
                            name: c.name.clone(),
                            phone: c.phone.clone(),
                            reason: format!(
                                "Aircall contact {} has this number (`--no-adopt`)",
                                one.id
                            ),
                        });
                        continue;
                    }
                    (Some(one), true)
                }
                several => {
                    plan.push(Step::Skip {
                        intercom_id: c.id.0.clone(),
                        name: c.name.clone(),
                        phone: c.phone.clone(),
                        reason: format!("{} Aircall contacts already have {e164}: run `aircom audit duplicates --aircall`", several.len()),
                    });
                    continue;
                }
            },
        };
        plan.push(match target {
            None => Step::Create { desired },
            Some(t) => {
                // Nothing changed on the Intercom side since aircom last wrote this pair.
                let unchanged_since =
                    !adopt && written.get(&c.id.0) == Some(&fingerprint(&desired));
                let changes = if unchanged_since {
                    Vec::new()
                } else {
                    diff(t, &desired)
                };
                if changes.is_empty() {
                    Step::Unchanged {
                        aircall_id: t.id.0,
                        intercom_id: c.id.0.clone(),
                    }
                } else {
                    Step::Update {
                        aircall_id: t.id.0,
                        desired,
                        adopt,
                        changes,
                    }
                }
            }
        });
    }
    if prune {
        for s in ledger.synced()? {
            if s.created_by_aircom
                && s.state == SyncState::Synced
                && !wanted_ids.contains(&s.intercom_id)
            {
                if let Some(id) = s.aircall_id {
                    plan.push(Step::Prune {
                        aircall_id: id,
                        intercom_id: s.intercom_id,
                    });
                }
            }
        }
    }
    Ok(plan)
}

/// A create whose outcome is unknown (a killed run, a lost response) is settled by a phone
/// search for a contact carrying our marker.
async fn find_created(
    ac: &AircallClient,
    app_id: &str,
    intercom_id: &str,
    e164: &str,
) -> anyhow::Result<Option<aircall::Contact>> {
    let want = marker(app_id, intercom_id);
    Ok(ac
        .search_contacts_by_phone(e164)
        .await?
        .into_iter()
        .find(|c| c.information.as_deref() == Some(want.as_str())))
}

async fn reconcile(ledger: &Ledger, ac: &AircallClient, app_id: &str) -> anyhow::Result<()> {
    for s in ledger
        .synced()?
        .into_iter()
        .filter(|s| s.state == SyncState::Pending)
    {
        let Some(e164) = &s.e164 else { continue };
        match find_created(ac, app_id, &s.intercom_id, e164).await? {
            Some(c) => ledger.sync_upsert(&SyncedContact {
                aircall_id: Some(c.id.0),
                state: SyncState::Synced,
                created_by_aircom: true,
                ..s
            })?,
            None => ledger.sync_forget(&s.intercom_id)?,
        }
    }
    Ok(())
}

/// Rounds of in-run reconciliation for steps whose failure may pass.
const SYNC_ROUNDS: u32 = 6;

/// The pause before reconciliation round `round`: doubling from 2 s, at most 30 s.
fn round_pause(round: u32) -> std::time::Duration {
    if std::env::var_os(crate::env::AIRCOM_TEST_NO_RETRY_DELAY).is_some() {
        return std::time::Duration::from_millis(50);
    }
    std::time::Duration::from_secs((1u64 << round.min(5)).min(30))
}

/// Whether a step's error may pass if the step is applied again later.
fn may_pass(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<crate::http::HttpError>()
            .is_some_and(|h| h.may_succeed_later() || h.outcome_unknown())
    })
}

/// Applies one step. `again`: the step was tried before in this run and may have landed in
/// part, so what Aircall holds is read before anything is written.
async fn apply(
    ac: &AircallClient,
    ledger: &Ledger,
    step: &Step,
    app_id: &str,
    again: bool,
) -> anyhow::Result<()> {
    match step {
        Step::Create { desired: d } => {
            ledger.sync_upsert(&SyncedContact {
                intercom_id: d.intercom_id.clone(),
                aircall_id: None,
                e164: Some(d.e164.clone()),
                state: SyncState::Pending,
                created_by_aircom: true,
                fingerprint: None,
            })?;
            let body = NewContact {
                first_name: Some(d.first_name.clone()),
                last_name: d.last_name.clone(),
                company_name: d.company.clone(),
                information: Some(d.information.clone()),
                phone_numbers: vec![NewDetail {
                    label: "Work".into(),
                    value: d.e164.clone(),
                }],
                emails: d
                    .email
                    .iter()
                    .map(|e| NewDetail {
                        label: "Work".into(),
                        value: e.clone(),
                    })
                    .collect(),
            };
            // Creates are never retried blindly: after a failure that may have taken effect,
            // look for the contact before trying again.
            let found = if again {
                find_created(ac, app_id, &d.intercom_id, &d.e164).await?
            } else {
                None
            };
            let mut attempts = 0;
            // Whether any attempt may have landed: if so the pending row is kept, whatever
            // the last attempt's error.
            let mut maybe_landed = again;
            let id = loop {
                if let Some(c) = &found {
                    break c.id.0;
                }
                attempts += 1;
                match ac.create_contact(&body).await {
                    Ok(c) => break c.id.0,
                    Err(e) => {
                        maybe_landed |= e.write_may_have_landed();
                        let definite =
                            matches!(e.status(), Some(s) if (400..500).contains(&s) && s != 429);
                        if definite || attempts >= 4 {
                            // A create that may have landed stays pending: the next round, or
                            // the next run, looks for it before creating.
                            if !maybe_landed {
                                ledger.sync_forget(&d.intercom_id)?;
                            }
                            return Err(anyhow::Error::new(e).context(format!(
                                "creating the Aircall contact for {}",
                                d.intercom_id
                            )));
                        }
                        if let Some(c) = find_created(ac, app_id, &d.intercom_id, &d.e164).await? {
                            break c.id.0;
                        }
                    }
                }
            };
            ledger.sync_upsert(&SyncedContact {
                intercom_id: d.intercom_id.clone(),
                aircall_id: Some(id),
                e164: Some(d.e164.clone()),
                state: SyncState::Synced,
                created_by_aircom: true,
                fingerprint: Some(fingerprint(d)),
            })?;
        }
        Step::Update {
            aircall_id,
            desired: d,
            changes,
            ..
        } => {
            let id = aircall::ContactId(*aircall_id);
            let mut u = ContactUpdate::default();
            for c in changes {
                match c.field {
                    "first_name" => u.first_name = Some(c.new.clone()),
                    "last_name" => u.last_name = Some(c.new.clone()),
                    "company_name" => u.company_name = Some(c.new.clone()),
                    "information" => u.information = Some(c.new.clone()),
                    _ => {}
                }
            }
            if !u.is_empty() {
                ac.update_contact(&id, &u).await?;
            }
            for c in changes {
                match c.field {
                    "phone" => {
                        // Replace the number aircom wrote before, else add this one.
                        let current = ac.get_contact(&id).await?;
                        if current.phone_numbers.iter().any(|p| p.value == c.new) {
                            continue; // already there (an earlier try landed)
                        }
                        match current
                            .phone_numbers
                            .iter()
                            .find(|p| Some(&p.value) == c.old.as_ref())
                        {
                            Some(p) if c.old.is_some() => {
                                ac.update_phone_detail(&id, p.id, &c.new).await?
                            }
                            _ => ac.add_phone_detail(&id, "Work", &c.new).await?,
                        }
                    }
                    "email" => {
                        // An email added by an earlier try whose answer was lost is not added
                        // again.
                        let present = again
                            && ac
                                .get_contact(&id)
                                .await?
                                .emails
                                .iter()
                                .any(|e| e.value.eq_ignore_ascii_case(&c.new));
                        if !present {
                            ac.add_email_detail(&id, "Work", &c.new).await?
                        }
                    }
                    _ => {}
                }
            }
            ledger.sync_upsert(&SyncedContact {
                intercom_id: d.intercom_id.clone(),
                aircall_id: Some(*aircall_id),
                e164: Some(d.e164.clone()),
                state: SyncState::Synced,
                created_by_aircom: false,
                fingerprint: Some(fingerprint(d)),
            })?;
        }
        Step::Prune {
            aircall_id,
            intercom_id,
        } => {
            match ac.delete_contact(&aircall::ContactId(*aircall_id)).await {
                Ok(()) => {}
                Err(e) if e.status() == Some(404) => {} // already gone: a replayed delete
                Err(e) => return Err(e.into()),
            }
            ledger.sync_forget(intercom_id)?;
        }
        _ => {}
    }
    Ok(())
}

fn render_plan(ctx: &Ctx, plan: &[Step]) -> anyhow::Result<()> {
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
                            c.field,
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
            } => vec![
                "prune".into(),
                intercom_id.clone(),
                aircall_id.to_string(),
                String::new(),
            ],
        })
        .collect();
    ctx.printer.table(
        &["action", "intercom_id", "aircall_id", "detail"],
        &rows,
        &plan,
    )?;
    Ok(())
}

fn write_report(path: &std::path::Path, plan: &[Step]) -> anyhow::Result<()> {
    let file = crate::fsutil::PendingFile::create(path)
        .map_err(|e| Failure::usage(format!("cannot write `{}`: {e}", path.display())))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_intercom() {
        assert_eq!(
            names(Some("Ada Lovelace King"), "+1"),
            ("Ada Lovelace".into(), Some("King".into()))
        );
        assert_eq!(names(Some("Cher"), "+1"), ("Cher".into(), None));
        assert_eq!(
            names(Some("  "), "+33762043575"),
            ("+33762043575".into(), None)
        );
        assert_eq!(names(None, "+33762043575"), ("+33762043575".into(), None));
        assert_eq!(
            names(Some("+33762043575 New Aircall contact"), "+33762043575"),
            ("+33762043575".into(), Some("New Aircall contact".into()))
        );
    }

    #[test]
    fn markers_round_trip() {
        let m = marker("abc", "64a0");
        assert_eq!(
            m,
            "https://app.intercom.com/a/apps/abc/users/64a0/all-conversations"
        );
        assert_eq!(marked_id(Some(&m)).as_deref(), Some("64a0"));
        assert_eq!(marked_id(Some("met at a fair")), None);
    }
}
