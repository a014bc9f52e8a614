//! `aircom completions SHELL` and the hidden `aircom man`: generated from the same clap tree.
//! The scripts are also checked into `completions/`, kept fresh by a test.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::commands::ExitStatus;

/// The completion script for one shell.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "aircom", &mut buf);
    buf
}

pub fn run(args: &CompletionsArgs) -> anyhow::Result<ExitStatus> {
    std::io::stdout().write_all(&script(args.shell))?;
    Ok(ExitStatus::Success)
}

/// The man page, in roff.
pub fn man_page() -> anyhow::Result<Vec<u8>> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
    Ok(buf)
}

pub fn man() -> anyhow::Result<ExitStatus> {
    std::io::stdout().write_all(&man_page()?)?;
    Ok(ExitStatus::Success)
}
