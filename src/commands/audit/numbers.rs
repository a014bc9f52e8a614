//! `aircom audit numbers`: every contact whose stored phone is not exactly its E.164 form,
//! with the proposed number, a status, the reading used and the region hint that decided it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::cli::{AuditNumbersArgs, NumberStatus};
use crate::commands::audit::{hints, scan, Row};
use crate::commands::ExitStatus;
use crate::context::Ctx;
use crate::phone::Outcome;

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub contact_id: String,
    pub role: String,
    pub name: Option<String>,
    pub stored: String,
    pub proposed: Option<String>,
    pub status: &'static str,
    pub reading: Option<&'static str>,
    /// Which region hint decided the reading: explicit, record (location) or default.
    pub hint: Option<&'static str>,
    pub reason: Option<String>,
    pub candidates: Vec<String>,
}

/// The finding for one contact, or `None` when its phone is absent or already exact.
pub fn finding(r: &Row) -> Option<Finding> {
    let stored = r.phone.clone()?;
    let base = |status, proposed, reading, hint, reason, candidates| Finding {
        contact_id: r.id.clone(),
        role: r.role.clone(),
        name: r.name.clone(),
        stored: stored.clone(),
        proposed,
        status,
        reading,
        hint,
        reason,
        candidates,
    };
    match &r.outcome {
        None => Some(base(
            "empty",
            None,
            None,
            None,
            Some("the phone is blank".into()),
            vec![],
        )),
        Some(Outcome::Valid(v)) if v.e164 == stored => None,
        Some(Outcome::Valid(v)) => Some(base(
            "fixable",
            Some(v.e164.clone()),
            Some(v.reading.as_str()),
            v.hint.map(|h| match h {
                crate::phone::HintSource::Explicit => "explicit",
                crate::phone::HintSource::Record => "record",
                crate::phone::HintSource::Default => "default",
            }),
            v.extension
                .as_ref()
                .map(|e| format!("extension {e} dropped")),
            vec![],
        )),
        Some(Outcome::Ambiguous { candidates }) => Some(base(
            "ambiguous",
            None,
            None,
            None,
            Some("readings in different countries".into()),
            candidates.iter().map(|c| c.e164.clone()).collect(),
        )),
        Some(Outcome::Invalid { reason }) => Some(base(
            "invalid",
            None,
            None,
            None,
            Some(reason.clone()),
            vec![],
        )),
    }
}

pub async fn run(args: AuditNumbersArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let hints = hints(ctx, &args.phone)?;
    let rows = scan(ctx, &args.phone, &hints).await?;
    let want = args.status.map(|s| match s {
        NumberStatus::Fixable => "fixable",
        NumberStatus::Invalid => "invalid",
        NumberStatus::Ambiguous => "ambiguous",
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
