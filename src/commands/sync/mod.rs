//! `aircom sync …`.

pub mod contacts;

use crate::cli::SyncCommand;
use crate::commands::ExitStatus;
use crate::context::Ctx;

pub async fn run(cmd: SyncCommand, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    match cmd {
        SyncCommand::Contacts(args) => contacts::run(args, ctx).await,
    }
}
