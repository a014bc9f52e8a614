//! `aircom audit numbers`: every contact whose stored phone is not exactly its E.164 form,
//! with the proposed number, a status, the reading used and the region hint that decided it.

use std::collections::BTreeMap;

use crate::cli::{AuditNumbersArgs, NumberStatus};
use crate::commands::ExitStatus;
use crate::contacts::{finding, hints, scan, Finding, PhoneStatus};
use crate::context::Ctx;

pub async fn run(args: AuditNumbersArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let hints = hints(ctx, &args.phone)?;
    let rows = scan(ctx, &args.phone, &hints).await?;
    let want = args.status.map(|s| match s {
        NumberStatus::Fixable => PhoneStatus::Fixable,
        NumberStatus::Invalid => PhoneStatus::Invalid,
        NumberStatus::Ambiguous => PhoneStatus::Ambiguous,
        NumberStatus::HasExtension => PhoneStatus::HasExtension,
        NumberStatus::Empty => PhoneStatus::Empty,
    });
    let mut findings: Vec<Finding> = rows
        .iter()
        .filter_map(finding)
        .filter(|f| want.is_none_or(|w| w == f.status))
        .collect();
    // A fixed order (the contacts are read by concurrent pages): by status, what `fix
    // numbers` writes first, then by contact id.
    findings.sort_by(|a, b| (a.status, &a.contact_id).cmp(&(b.status, &b.contact_id)));
    let mut counts: BTreeMap<PhoneStatus, usize> = BTreeMap::new();
    for f in &findings {
        *counts.entry(f.status).or_default() += 1;
    }
    let exact = rows
        .iter()
        .filter(|r| r.e164().is_some_and(|e| r.phone.as_deref() == Some(e)))
        .count();
    let table: Vec<Vec<String>> = findings
        .iter()
        .map(|f| {
            vec![
                f.contact_id.clone(),
                f.role.clone(),
                f.name.clone().unwrap_or_default(),
                f.stored.clone(),
                f.e164.clone().unwrap_or_else(|| {
                    f.candidates
                        .iter()
                        .map(|c| c.e164.as_str())
                        .collect::<Vec<_>>()
                        .join(" | ")
                }),
                f.status.to_string(),
                f.reading
                    .map(|r| r.as_str())
                    .unwrap_or_default()
                    .to_string(),
                f.hint.map(|h| h.as_str()).unwrap_or_default().to_string(),
                f.reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    ctx.printer.table(
        &[
            "contact_id",
            "role",
            "name",
            "stored",
            "e164",
            "status",
            "reading",
            "hint",
            "reason",
        ],
        &table,
        &findings,
    )?;
    ctx.printer.info(format!(
        "{} contacts scanned, {exact} already in E.164: {}",
        rows.len(),
        if counts.is_empty() {
            "nothing to fix".to_string()
        } else {
            counts
                .iter()
                .map(|(k, v)| format!("{v} {k}"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    ));
    if counts.contains_key(&PhoneStatus::Fixable) {
        ctx.printer.info("hint: `aircom fix numbers` rewrites the fixable ones (with `--dry-run` to see the plan)");
    }
    Ok(ExitStatus::Success)
}
