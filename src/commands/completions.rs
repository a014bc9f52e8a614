//! `aircom completions SHELL`: generated from the same clap tree as `--help` (the man pages
//! are `commands::man`'s). The scripts are also checked into `completions/`, kept fresh by a
//! test.
//!
//! clap_complete's static scripts complete `--profile` with file names; its dynamic
//! completion is still unstable. So the bash, zsh and fish scripts are edited after
//! generation to ask the hidden `aircom profiles` for the config file's profile names
//! instead. PowerShell and elvish scripts complete option names only, so they are left as
//! generated.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::commands::ExitStatus;

/// The command the scripts run to list profiles; errors (a broken config file) stay quiet.
const LIST_PROFILES: &str = "aircom profiles 2>/dev/null";

/// The completion script for one shell.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "aircom", &mut buf);
    let text = String::from_utf8(buf).expect("clap_complete writes UTF-8");
    with_profile_names(shell, &text).into_bytes()
}

/// `text` with `--profile` completing profile names, where the shell allows.
fn with_profile_names(shell: clap_complete::Shell, text: &str) -> String {
    use clap_complete::Shell;
    match shell {
        Shell::Bash => {
            let files = "--profile)\n                    COMPREPLY=($(compgen -f \"${cur}\"))";
            let names = format!(
                "--profile)\n                    COMPREPLY=($(compgen -W \"$({LIST_PROFILES})\" -- \"${{cur}}\"))"
            );
            text.replace(files, &names)
        }
        Shell::Zsh => {
            let mut out: String = text
                .lines()
                .map(|l| {
                    if l.starts_with("'--profile=[") {
                        l.replace(":NAME:_default'", ":NAME:_aircom_profiles'")
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            out.push('\n');
            let helper = format!(
                "(( $+functions[_aircom_profiles] )) ||\n_aircom_profiles() {{\n    local -a profiles\n    profiles=(${{(f)\"$({LIST_PROFILES})\"}})\n    _describe -t profiles 'profile' profiles\n}}\n\n"
            );
            match out.find("if [ \"$funcstack[1]\" = \"_aircom\" ]") {
                Some(at) => out.insert_str(at, &helper),
                None => out.push_str(&helper),
            }
            out
        }
        Shell::Fish => {
            text.lines()
                .map(|l| {
                    if l.contains(" -l profile ") && l.ends_with(" -r") {
                        format!("{l} -f -a \"({LIST_PROFILES})\"")
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        }
        _ => text.to_string(),
    }
}

pub fn run(args: &CompletionsArgs) -> anyhow::Result<ExitStatus> {
    std::io::stdout().write_all(&script(args.shell))?;
    Ok(ExitStatus::Success)
}

/// The hidden `aircom profiles`: the config file's profile names, one per line; nothing when
/// there is no file.
pub fn profiles() -> anyhow::Result<ExitStatus> {
    let Some(path) = crate::config::config_path().filter(|p| p.exists()) else {
        return Ok(ExitStatus::Success);
    };
    let text = std::fs::read_to_string(&path)?;
    let file: crate::config::ConfigFile = toml::from_str(&text).map_err(|e| {
        crate::error::Failure::usage(format!(
            "the config file {} is not valid: {}",
            path.display(),
            e.message()
        ))
    })?;
    let mut out = std::io::stdout().lock();
    for name in file.profiles.keys() {
        writeln!(out, "{name}")?;
    }
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap_complete::Shell;

    #[test]
    fn profile_completion_asks_aircom_in_bash_zsh_and_fish() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let text = String::from_utf8(script(shell)).unwrap();
            assert!(text.contains(LIST_PROFILES), "{shell}");
        }
        let bash = String::from_utf8(script(Shell::Bash)).unwrap();
        assert!(!bash.contains("--profile)\n                    COMPREPLY=($(compgen -f"));
        let zsh = String::from_utf8(script(Shell::Zsh)).unwrap();
        assert!(zsh.contains(":NAME:_aircom_profiles'"));
        assert!(!zsh
            .lines()
            .any(|l| l.starts_with("'--profile=[") && l.ends_with(":NAME:_default' \\")));
        let fish = String::from_utf8(script(Shell::Fish)).unwrap();
        assert!(fish
            .lines()
            .filter(|l| l.contains(" -l profile "))
            .all(|l| l.contains("-a \"(aircom profiles")));
    }
}
