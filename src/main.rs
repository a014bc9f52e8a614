//! aircom's entry: parse, start the runtime, dispatch, render errors once, pick the exit code.

use std::process::ExitCode;
use std::sync::atomic::Ordering;

use clap::Parser;

use aircom::cli::Cli;
use aircom::commands::{self, ExitStatus};
use aircom::context::Ctx;
use aircom::error::Failure;
use aircom::http::{ApiName, HttpError};

fn main() -> ExitCode {
    aircom::phone::install_quiet_panic_hook();
    let cli = Cli::parse();
    if let Some(result) = commands::run_static(&cli.command) {
        return finish(result);
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return finish(Err(anyhow::anyhow!("starting the async runtime: {e}"))),
    };
    let result = runtime.block_on(async move {
        let ctx = Ctx::new(cli.global.clone()).await?;
        // Ctrl-C: a bulk job finishes and records its current item, then stops (exit 130);
        // anything else stops at once.
        let (interrupted, bulk) = (ctx.interrupted.clone(), ctx.bulk.clone());
        // Polled once here, so the handler is in place before the command's first step (a
        // future installs it only when first polled, and a command may block before it yields).
        let mut first = Box::pin(tokio::signal::ctrl_c());
        let _ = futures::poll!(&mut first);
        tokio::spawn(async move {
            let mut next = first;
            while next.await.is_ok() {
                next = Box::pin(tokio::signal::ctrl_c());
                if bulk.load(Ordering::SeqCst) && !interrupted.load(Ordering::SeqCst) {
                    interrupted.store(true, Ordering::SeqCst);
                    eprintln!("\ninterrupted: finishing the current item (Ctrl-C again to abort)");
                } else {
                    std::process::exit(130);
                }
            }
        });
        let status = commands::run(cli.command, &ctx).await;
        ctx.finish()?;
        status
    });
    finish(result)
}

fn finish(result: anyhow::Result<ExitStatus>) -> ExitCode {
    match result {
        Ok(status) => ExitCode::from(status.code()),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let (code, hint) = classify(&err);
            // Stopping on request is not an error: said plainly, exit 130.
            let cancelled = err
                .downcast_ref::<Failure>()
                .is_some_and(|f| matches!(f, Failure::Cancelled(_)));
            if cancelled {
                eprintln!("{err}");
            } else {
                eprintln!("error: {err}");
            }
            for cause in err.chain().skip(1) {
                eprintln!("Caused by: {cause}");
            }
            if let Some(h) = hint {
                eprintln!("\nhint: {h}");
            }
            ExitCode::from(code)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<csv::Error>().is_some_and(|e| {
                matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}

/// The exit code and hint, from the first meaningful error in the chain.
fn classify(err: &anyhow::Error) -> (u8, Option<String>) {
    for cause in err.chain() {
        if let Some(f) = cause.downcast_ref::<Failure>() {
            return match f {
                Failure::Usage { hint, .. } => (2, hint.clone()),
                Failure::Auth { hint, .. } => (4, Some(hint.clone())),
                Failure::Cancelled(_) => (130, None),
            };
        }
        if let Some(h) = cause.downcast_ref::<HttpError>() {
            if h.is_auth() {
                let hint = match h.api() {
                    ApiName::Aircall => "check `AIRCALL_API_ID` and `AIRCALL_API_TOKEN` (Aircall answers 403 to a wrong key); `aircom doctor` shows which credentials are used",
                    ApiName::Intercom => "check `INTERCOM_ACCESS_TOKEN`, and `INTERCOM_REGION`: a token works only in its workspace's region; `aircom doctor` shows which credentials are used",
                };
                return (4, Some(hint.into()));
            }
            if h.status() == Some(429) {
                return (1, Some("the API kept refusing for its rate limit: lower `--aircall-rate`/`--intercom-rate`, or run again later".into()));
            }
            if let HttpError::Transport { .. } = h {
                return (1, Some("check the network, or the base URL (`AIRCALL_BASE_URL`, `INTERCOM_BASE_URL`)".into()));
            }
        }
    }
    (1, None)
}
