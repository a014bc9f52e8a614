//! `aircom backfill …`.

pub mod calls;
pub mod sms;
pub mod tags;

use crate::cli::BackfillCommand;
use crate::commands::ExitStatus;
use crate::context::Ctx;

pub async fn run(cmd: BackfillCommand, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    match cmd {
        BackfillCommand::Calls(args) => calls::run(args, ctx).await,
        BackfillCommand::Tags(args) => tags::run(args, ctx).await,
        BackfillCommand::Sms(args) => sms::run(args, ctx).await,
    }
}
