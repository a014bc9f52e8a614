//! `aircom runs`: past runs from the ledger, newest first.

use serde::Serialize;

use crate::cli::RunsArgs;
use crate::commands::ExitStatus;
use crate::context::Ctx;
use crate::ledger::{Run, RunOutcome};
use crate::output::{ago, iso, OutputFormat};

/// One run in `--json`: the ledger's row with its times in ISO 8601 (the ledger keeps UNIX
/// seconds).
#[derive(Serialize)]
struct RunJson<'a> {
    id: i64,
    command: &'a str,
    args: &'a str,
    started_at: String,
    ended_at: Option<String>,
    outcome: RunOutcome,
    counts: &'a serde_json::Value,
    workspace: &'a str,
}

impl<'a> From<&'a Run> for RunJson<'a> {
    fn from(r: &'a Run) -> Self {
        RunJson {
            id: r.id,
            command: &r.command,
            args: &r.args,
            started_at: iso(r.started_at),
            ended_at: r.ended_at.map(iso),
            outcome: r.outcome,
            counts: &r.counts,
            workspace: &r.workspace,
        }
    }
}

pub fn run(args: RunsArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    // A read-only command creates nothing: with no ledger yet there are no runs.
    let path = ctx.ledger_path()?;
    if !path.exists() {
        ctx.printer.info(format!(
            "no runs yet: there is no ledger at {}{}",
            path.display(),
            if ctx.sandbox.is_some() && ctx.global.sandbox_state.is_none() {
                " (a sandbox rehearsal keeps its runs only with `--sandbox-state FILE`)"
            } else {
                ""
            }
        ));
        ctx.printer.table(&["id"], &[], &Vec::<RunJson>::new())?;
        return Ok(ExitStatus::Success);
    }
    let ledger = ctx.ledger()?;
    // A run still marked running whose process is gone was killed: show it as aborted.
    ledger.reap_aborted()?;
    let runs = ledger.runs(args.limit)?;
    let now = ctx.now();
    let table = ctx.printer.format == OutputFormat::Table;
    let rows: Vec<Vec<String>> = runs
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                r.command.clone(),
                if table {
                    ago(r.started_at, now)
                } else {
                    iso(r.started_at)
                },
                r.ended_at
                    .map(|e| format!("{}s", e - r.started_at))
                    .unwrap_or_default(),
                r.outcome.to_string(),
                r.workspace.clone(),
                r.counts
                    .as_object()
                    .map(|m| {
                        m.iter()
                            .map(|(k, v)| format!("{k}={v}"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_default(),
            ]
        })
        .collect();
    if runs.is_empty() && ctx.printer.is_tty() {
        ctx.printer
            .info(format!("no runs yet in {}", ledger.path().display()));
    }
    ctx.printer.table(
        &[
            "id",
            "command",
            "started",
            "duration",
            "outcome",
            "workspace",
            "counts",
        ],
        &rows,
        &runs.iter().map(RunJson::from).collect::<Vec<_>>(),
    )?;
    Ok(ExitStatus::Success)
}
