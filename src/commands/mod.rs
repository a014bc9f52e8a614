//! The single dispatch from a parsed command to its `run`, and the exit statuses.

pub mod audit;
pub mod backfill;
pub mod check_number;
pub mod completions;
pub mod doctor;
pub mod fix;
pub mod man;
pub mod normalize;
pub mod runs;
#[cfg(feature = "sandbox")]
pub mod sandbox;
pub mod sync;
pub mod undo;

use crate::cli::Command;
use crate::context::Ctx;

/// How a command that ran to its end exits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: success, including "nothing found".
    Success,
    /// 1: ran, but some items failed.
    Failure,
    /// 3: a check said no.
    CheckFailed,
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::CheckFailed => 3,
        }
    }
}

/// Commands that need no context (no config, no sandbox, no runtime state).
pub fn run_static(command: &Command) -> Option<anyhow::Result<ExitStatus>> {
    match command {
        Command::Completions(args) => Some(completions::run(args)),
        Command::Man(args) => Some(man::run(args)),
        Command::Profiles => Some(completions::profiles()),
        _ => None,
    }
}

pub async fn run(command: Command, ctx: &Ctx) -> anyhow::Result<ExitStatus> {
    match command {
        Command::Doctor(args) | Command::Auth(crate::cli::AuthCommand::Status(args)) => {
            doctor::run(args, ctx).await
        }
        Command::CheckNumber(args) => check_number::run(args, ctx).await,
        Command::Normalize(args) => normalize::run(args, ctx),
        Command::Audit(cmd) => audit::run(cmd, ctx).await,
        Command::Fix(cmd) => fix::run(cmd, ctx).await,
        Command::Undo(args) => undo::run(args, ctx).await,
        Command::Sync(cmd) => sync::run(cmd, ctx).await,
        Command::Backfill(cmd) => backfill::run(cmd, ctx).await,
        Command::Runs(args) => runs::run(args, ctx),
        #[cfg(feature = "sandbox")]
        Command::Sandbox(cmd) => sandbox::run(cmd, ctx).await,
        Command::Completions(_) | Command::Man(_) | Command::Profiles => {
            unreachable!("handled by run_static")
        }
    }
}
