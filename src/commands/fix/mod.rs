//! `aircom fix …`: repairs planned from the audits, written through the journal.

pub mod numbers;

use crate::cli::FixCommand;
use crate::commands::ExitStatus;
use crate::context::Ctx;

pub async fn run(cmd: FixCommand, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    match cmd {
        FixCommand::Numbers(args) => numbers::run(args, ctx).await,
    }
}
