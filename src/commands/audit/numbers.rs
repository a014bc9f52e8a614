//! `aircom audit numbers`: every contact whose stored phone is not exactly its E.164 form,
//! with the proposed number, a status, the reading used and the region hint that decided it.

use std::collections::BTreeMap;

use crate::cli::{AuditNumbersArgs, NumberStatus};
use crate::commands::ExitStatus;
use crate::contacts::{finding, hints, scan, Finding};
use crate::context::Ctx;

pub async fn run(args: AuditNumbersArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let hints = hints(ctx, &args.phone)?;
    let rows = scan(ctx, &args.phone, &hints).await?;
    let want = args.status.map(|s| match s {
        NumberStatus::Fixable => "fixable",
        NumberStatus::Invalid => "invalid",
        NumberStatus::Ambiguous => "ambiguous",
        NumberStatus::HasExtension => "has_extension",
        NumberStatus::Empty => "empty",
    });
    let findings: Vec<Finding> = rows
        .iter()
        .filter_map(finding)
        .filter(|f| want.is_none_or(|w| w == f.status))
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
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
                f.proposed
                    .clone()
                    .unwrap_or_else(|| f.candidates.join(" | ")),
                f.status.to_string(),
                f.reading.unwrap_or_default().to_string(),
                f.hint.unwrap_or_default().to_string(),
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
            "proposed",
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
    if counts.contains_key("fixable") {
        ctx.printer.info("hint: `aircom fix numbers` rewrites the fixable ones (with `--dry-run` to see the plan)");
    }
    Ok(ExitStatus::Success)
}
