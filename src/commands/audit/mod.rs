//! `aircom audit …`: thin commands over the contact reading in `crate::contacts` and, for
//! `audit logging`, the backfill plan and `crate::report`.

pub mod duplicates;
pub mod logging;
pub mod numbers;

use crate::cli::AuditCommand;
use crate::commands::ExitStatus;
use crate::context::Ctx;

pub async fn run(cmd: AuditCommand, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    match cmd {
        AuditCommand::Duplicates(args) => duplicates::run(args, ctx).await,
        AuditCommand::Numbers(args) => numbers::run(args, ctx).await,
        AuditCommand::Logging(args) => logging::run(args, ctx).await,
    }
}
