//! `aircom sandbox serve` and `aircom sandbox export-sms`.

use std::io::Write;
use std::sync::atomic::Ordering;
use std::time::Duration;

use serde::Serialize;

use crate::cli::{ExportSmsArgs, SandboxCommand, SandboxServeArgs};
use crate::commands::ExitStatus;
use crate::context::Ctx;
use crate::error::Failure;
use crate::output::OutputFormat;
use crate::sandbox::{self, FaultSpec, Latency, Sandbox, SandboxOptions};

pub async fn run(cmd: SandboxCommand, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    match cmd {
        SandboxCommand::Serve(args) => serve(args, ctx).await,
        SandboxCommand::ExportSms(args) => export_sms(args, ctx),
    }
}

/// Resolves `sandbox serve` flags into options, validating every value up front.
pub fn options(args: &SandboxServeArgs) -> anyhow::Result<SandboxOptions> {
    let latency = match &args.latency {
        Some(l) => Latency::parse(l)
            .map_err(|e| Failure::usage_hint(e, "e.g. `--latency 100` or `--latency 50..200`"))?,
        None => Latency::None,
    };
    let faults = match &args.faults {
        Some(f) => FaultSpec::parse(f)
            .map_err(|e| Failure::usage_hint(e, "e.g. `--faults 5xx=0.1,429=0.05,reset=0.02`"))?,
        None => FaultSpec::default(),
    };
    if args.port == u16::MAX {
        return Err(Failure::usage_hint(
            "`--port 65535` leaves no port for the Intercom fake",
            "the Intercom fake listens on the next port: pick a lower one, or 0 for free ports",
        ));
    }
    if args.aircall_limit == 0 || args.intercom_limit == 0 {
        return Err(Failure::usage(
            "rate limits must be at least 1 request per minute",
        ));
    }
    Ok(SandboxOptions {
        seed: args.seed,
        contacts: args.contacts,
        calls: args.calls,
        days: args.days,
        unreadable_callers: None,
        anchor: args.anchor,
        latency,
        faults,
        aircall_limit: args.aircall_limit,
        intercom_limit: args.intercom_limit,
        aircall_headers_always: args.aircall_headers_always,
        port: args.port,
        state_file: args.state_file.clone(),
        search_lag: Duration::from_secs(args.search_lag),
    })
}

#[derive(Serialize)]
struct Exports {
    aircall_base_url: String,
    aircall_api_id: &'static str,
    aircall_api_token: &'static str,
    intercom_base_url: String,
    intercom_access_token: &'static str,
    /// What the generator seeded on purpose, in counts (`/_sandbox/truth` has the detail).
    truth: sandbox::world::TruthSummary,
}

async fn serve(args: SandboxServeArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let opts = options(&args)?;
    let sb = Sandbox::start(opts).await?;
    // These are the sandbox's own public credentials, not secrets: they open nothing else.
    let exports = Exports {
        aircall_base_url: sb.aircall_url.clone(),
        aircall_api_id: sandbox::SANDBOX_AIRCALL_ID,
        aircall_api_token: sandbox::SANDBOX_AIRCALL_TOKEN,
        intercom_base_url: sb.intercom_url.clone(),
        intercom_access_token: sandbox::SANDBOX_INTERCOM_TOKEN,
        truth: sb.truth().summary(),
    };
    {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        if ctx.printer.format == OutputFormat::Json {
            serde_json::to_writer(&mut out, &exports)?;
            writeln!(out)?;
        } else {
            writeln!(out, "export AIRCALL_BASE_URL={}", exports.aircall_base_url)?;
            writeln!(out, "export AIRCALL_API_ID={}", exports.aircall_api_id)?;
            writeln!(
                out,
                "export AIRCALL_API_TOKEN={}",
                exports.aircall_api_token
            )?;
            writeln!(
                out,
                "export INTERCOM_BASE_URL={}",
                exports.intercom_base_url
            )?;
            writeln!(
                out,
                "export INTERCOM_ACCESS_TOKEN={}",
                exports.intercom_access_token
            )?;
        }
        out.flush()?;
    }
    let truth = sb.truth();
    let by = |k: &str| exports.truth.calls_by_expect.get(k).copied().unwrap_or(0);
    ctx.printer.info(format!(
        "sandbox: {} Intercom contacts, {} calls ({} logged natively, {} of them into open conversations; {} to backfill; {} in progress), {} duplicate groups; truth at {}/_sandbox/truth; Ctrl-C to stop",
        sb.world().intercom.contacts.len(),
        sb.world().aircall.calls.len(),
        by("logged_natively_conversation") + by("logged_natively_part"),
        by("logged_natively_part"),
        by("log"),
        by("in_progress"),
        truth.intercom_duplicate_groups.len(),
        exports.aircall_base_url,
    ));
    ctx.bulk.store(true, Ordering::SeqCst);
    while !ctx.interrupted() {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    sb.save()?;
    ctx.printer.info("sandbox stopped");
    Ok(ExitStatus::Success)
}

fn export_sms(args: ExportSmsArgs, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    let world = sandbox::data::generate(sandbox::data::Seed {
        seed: args.seed,
        contacts: SandboxOptions::default().contacts,
        calls: SandboxOptions::default().calls,
        anchor: sandbox::data::default_anchor(),
        days: SandboxOptions::default().days,
        unreadable_callers: None,
    });
    let records = sandbox::data::sms_archive(&world, args.seed);
    let mut text = String::new();
    for r in &records {
        text.push_str(&serde_json::to_string(r)?);
        text.push('\n');
    }
    if args.output == "-" {
        std::io::stdout().write_all(text.as_bytes())?;
    } else {
        crate::fsutil::write_private(std::path::Path::new(&args.output), text.as_bytes())?;
        ctx.printer.success(format!(
            "wrote {} SMS payloads to {}",
            records.len(),
            args.output
        ));
    }
    Ok(ExitStatus::Success)
}
