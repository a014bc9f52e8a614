//! The hidden `aircom man [--out DIR]`: one man page per command (`aircom.1`,
//! `aircom-backfill.1`, `aircom-backfill-calls.1`, …), built from the same clap tree as
//! `--help`. Each page composes clap_mangen's sections (title, name, description, options)
//! with aircom's own: a synopsis from clap's usage line (it shows required flags and groups),
//! the command's `Examples:` help as EXAMPLES, and the EXIT STATUS, ENVIRONMENT and FILES
//! every command shares. SEE ALSO names only pages generated here. The pages are checked
//! into `completions/man/`, kept fresh by a test.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;
use clap_mangen::roff::{bold, italic, roman, Inline, Roff};

use crate::cli::{Cli, ManArgs, EXIT_CODES};
use crate::commands::ExitStatus;

/// One generated page: its name (`aircom-backfill-calls`) and its roff text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub name: String,
    pub roff: Vec<u8>,
}

impl Page {
    /// The file it is written to: `aircom-backfill-calls.1`.
    pub fn file_name(&self) -> String {
        format!("{}.1", self.name)
    }
}

/// A command with a page: every one that `--help` lists (not hidden, not `help`).
fn has_page(cmd: &clap::Command) -> bool {
    !cmd.is_hide_set() && cmd.get_name() != "help"
}

/// The page name of a built command: clap's display name (`aircom-backfill-calls`).
fn page_name(cmd: &clap::Command) -> String {
    cmd.get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_string()
}

/// Every page, the root first, then depth first in `--help` order.
pub fn pages() -> anyhow::Result<Vec<Page>> {
    let mut root = Cli::command();
    root.build();
    let mut out = Vec::new();
    walk(&root, None, &mut out)?;
    Ok(out)
}

fn walk(
    cmd: &clap::Command,
    parent: Option<&clap::Command>,
    out: &mut Vec<Page>,
) -> anyhow::Result<()> {
    out.push(Page {
        name: page_name(cmd),
        roff: render(cmd, parent)?,
    });
    for sub in cmd.get_subcommands().filter(|s| has_page(s)) {
        walk(sub, Some(cmd), out)?;
    }
    Ok(())
}

/// The root page, for `aircom man` with no `--out`.
pub fn man_page() -> anyhow::Result<Vec<u8>> {
    let mut root = Cli::command();
    root.build();
    render(&root, None)
}

pub fn run(args: &ManArgs) -> anyhow::Result<ExitStatus> {
    let Some(dir) = &args.out else {
        std::io::stdout().write_all(&man_page()?)?;
        return Ok(ExitStatus::Success);
    };
    let pages = pages()?;
    write_pages(dir, &pages)?;
    eprintln!("wrote {} man pages to {}", pages.len(), dir.display());
    Ok(ExitStatus::Success)
}

/// Writes every page into `dir` (created if need be).
pub fn write_pages(dir: &Path, pages: &[Page]) -> anyhow::Result<()> {
    use anyhow::Context as _;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for p in pages {
        let path = dir.join(p.file_name());
        std::fs::write(&path, &p.roff).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

fn render(cmd: &clap::Command, parent: Option<&clap::Command>) -> anyhow::Result<Vec<u8>> {
    let version = cmd.get_version().unwrap_or(env!("CARGO_PKG_VERSION"));
    let man = clap_mangen::Man::new(cmd.clone())
        .source(format!("aircom {version}"))
        .manual("aircom manual");
    let mut buf = Vec::new();
    man.render_title(&mut buf)?;
    man.render_name_section(&mut buf)?;
    synopsis(cmd).to_writer(&mut buf)?;
    man.render_description_section(&mut buf)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut buf)?;
    }
    let subs: Vec<&clap::Command> = cmd.get_subcommands().filter(|s| has_page(s)).collect();
    if !subs.is_empty() {
        commands_section(&subs).to_writer(&mut buf)?;
    }
    let mut roff = Roff::new();
    if let Some(examples) = examples_section(cmd) {
        roff.extend([examples]);
    }
    roff.extend([
        exit_status(),
        environment(),
        files(),
        see_also(cmd, parent, &subs),
    ]);
    roff.to_writer(&mut buf)?;
    Ok(buf)
}

/// clap's own usage lines (`aircom backfill calls [OPTIONS] <--since <WHEN>|--explain
/// <CALL_ID>>`): unlike clap_mangen's synopsis they show required flags and groups, exactly
/// as `--help` does.
fn synopsis(cmd: &clap::Command) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["SYNOPSIS"]);
    let usage = cmd.clone().render_usage().to_string();
    let usage = usage.trim_start_matches("Usage:").trim();
    let bin = cmd.get_bin_name().unwrap_or_else(|| cmd.get_name());
    for (i, line) in usage.lines().map(str::trim).enumerate() {
        if i > 0 {
            roff.control("br", []);
        }
        match line.strip_prefix(bin) {
            Some(rest) => roff.text([bold(bin), roman(rest)]),
            None => roff.text([roman(line)]),
        };
    }
    roff
}

fn commands_section(subs: &[&clap::Command]) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for sub in subs {
        roff.control("TP", []);
        roff.text(page_ref(&page_name(sub)));
        if let Some(about) = sub.get_about() {
            roff.text([roman(about.to_string())]);
        }
    }
    roff
}

/// `name(1)`, the way man pages name each other.
fn page_ref(name: &str) -> Vec<Inline> {
    vec![bold(name), roman("(1)")]
}

/// One example of a command's `Examples:` help: what it does, and its command lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub comment: Vec<String>,
    pub lines: Vec<String>,
}

/// Ends the example being read, if it has anything.
fn flush(current: &mut Example, out: &mut Vec<Example>) {
    if !current.comment.is_empty() || !current.lines.is_empty() {
        out.push(std::mem::replace(
            current,
            Example {
                comment: vec![],
                lines: vec![],
            },
        ));
    }
}

/// The examples in a command's `after_help`: the indented block under `Examples:`, each
/// example its `# comment` lines and the lines after them, examples apart by blank lines.
pub fn examples(cmd: &clap::Command) -> Vec<Example> {
    let Some(text) = cmd.get_after_help().map(|t| t.to_string()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut inside = false;
    let mut current = Example {
        comment: vec![],
        lines: vec![],
    };
    for line in text.lines() {
        if !line.starts_with(' ') && line.trim_end().ends_with(':') {
            flush(&mut current, &mut out);
            inside = line.trim_end() == "Examples:";
            continue;
        }
        if !inside {
            continue;
        }
        let line = line.trim();
        if line.is_empty() {
            flush(&mut current, &mut out);
        } else if let Some(c) = line.strip_prefix('#') {
            if !current.lines.is_empty() {
                flush(&mut current, &mut out);
            }
            current.comment.push(c.trim().to_string());
        } else {
            current.lines.push(line.to_string());
        }
    }
    flush(&mut current, &mut out);
    out
}

fn examples_section(cmd: &clap::Command) -> Option<Roff> {
    let examples = examples(cmd);
    if examples.is_empty() {
        return None;
    }
    let mut roff = Roff::new();
    roff.control("SH", ["EXAMPLES"]);
    for ex in examples {
        roff.control("PP", []);
        roff.text([roman(ex.comment.join(" "))]);
        roff.control("RS", ["4"]);
        roff.control("nf", []);
        for line in &ex.lines {
            roff.text([roman(line.as_str())]);
        }
        roff.control("fi", []);
        roff.control("RE", []);
    }
    Some(roff)
}

fn exit_status() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for line in EXIT_CODES.lines().skip(1) {
        let line = line.trim();
        let (code, meaning) = line.split_once(' ').unwrap_or((line, ""));
        roff.control("TP", []);
        roff.text([bold(code)]);
        roff.text([roman(meaning.trim())]);
    }
    roff.control("PP", []);
    roff.text([roman(
        "A broken pipe (the reader of stdout went away, as with `| head`) exits 0.",
    )]);
    roff
}

/// Every variable the binary reads, named through `crate::env` (a test checks that each
/// one declared there is here, or deliberately left out).
pub const ENVIRONMENT: &[(&str, &str)] = {
    use crate::env::*;
    &[
        (
            AIRCALL_API_ID,
            "The Aircall API id (Basic auth user); Dashboard, Integrations, API keys. Else the \
             profile's `aircall_api_id`.",
        ),
        (
            AIRCALL_API_TOKEN,
            "The Aircall API token (Basic auth password). Else the profile's \
             `aircall_api_token`. Never printed: `aircom doctor` shows it masked.",
        ),
        (
            INTERCOM_ACCESS_TOKEN,
            "The Intercom access token (Bearer); Developer Hub, your app, Authentication. Else \
             the profile's `intercom_access_token`. Never printed: `aircom doctor` shows it \
             masked.",
        ),
        (
            INTERCOM_REGION,
            "Where the Intercom workspace is hosted: `us` (the default), `eu` or `au`. Else the \
             profile's `intercom_region`.",
        ),
        (
            AIRCALL_BASE_URL,
            "Override of Aircall's base URL (`https://api.aircall.io`); plain `http://` only on \
             a loopback host. Else the profile's `aircall_base_url`.",
        ),
        (
            INTERCOM_BASE_URL,
            "Override of Intercom's base URL (by default the region's); plain `http://` only on \
             a loopback host. Else the profile's `intercom_base_url`.",
        ),
        (
            AIRCOM_CONFIG,
            "The config file, instead of the platform's (see FILES).",
        ),
        (
            AIRCOM_PROFILE,
            "The profile to use, as `--profile` (default: the file's `default_profile`, else \
             `default`).",
        ),
        (AIRCOM_STATE, "The ledger file, as `--state` (see FILES)."),
        (
            AIRCOM_AIRCALL_RATE,
            "Aircall requests per minute to pace at, as `--aircall-rate` (else the profile's \
             `aircall_rate`, else 60).",
        ),
        (
            AIRCOM_INTERCOM_RATE,
            "Intercom requests per minute to pace at, as `--intercom-rate` (else the profile's \
             `intercom_rate`, else 10,000).",
        ),
        (
            AIRCOM_MAX_RETRIES,
            "The most times one request is retried after a connection error, a 5xx or a 429 \
             (default 5).",
        ),
        (
            NO_COLOR,
            "Set to anything: no colour, unless `--color always` (https://no-color.org).",
        ),
        (
            COLUMNS,
            "The width tables fit when the terminal does not say (default 80).",
        ),
        (
            LINES,
            "The terminal height a table is paged past when the terminal does not say.",
        ),
        (
            PAGER,
            "The pager for a table taller than the terminal (default `less -FRX`; `--no-pager` \
             turns paging off).",
        ),
    ]
};

/// Read by the binary, for aircom's own test suite only.
pub const TEST_ENVIRONMENT: &[&str] = {
    use crate::env::*;
    &[
        AIRCOM_TEST_NO_RETRY_DELAY,
        AIRCOM_TEST_SEARCH_SETTLE_SECS,
        AIRCOM_TEST_FORCE_TTY,
        AIRCOM_TEST_NO_PROGRESS,
        AIRCOM_TEST_NOW,
    ]
};

fn environment() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["ENVIRONMENT"]);
    roff.text([roman(
        "The environment wins over the config file's profile. Tokens never appear in output, \
         logs, errors or the ledger.",
    )]);
    for (name, what) in ENVIRONMENT {
        roff.control("TP", []);
        roff.text([bold(*name)]);
        roff.text([roman(*what)]);
    }
    roff.control("PP", []);
    roff.text([roman(format!(
        "For aircom's own test suite only: {}.",
        TEST_ENVIRONMENT.join(", ")
    ))]);
    roff
}

fn files() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["FILES"]);
    let item = |roff: &mut Roff, head: Vec<Inline>, body: &str| {
        roff.control("TP", []);
        roff.text(head);
        roff.text([roman(body)]);
    };
    item(
        &mut roff,
        vec![italic("$XDG_CONFIG_HOME/aircom/config.toml")],
        "The optional config file (on Linux; by default ~/.config/aircom/config.toml; on other \
         platforms config.toml in their config directory for aircom), or the file \
         `AIRCOM_CONFIG` names. TOML: `default_profile = \"NAME\"` and one `[profiles.NAME]` \
         table per workspace, with the keys aircall_api_id, aircall_api_token, \
         aircall_base_url, intercom_access_token, intercom_region, intercom_base_url, \
         default_country, aircall_rate and intercom_rate. aircom warns when the file is \
         readable by other users.",
    );
    item(
        &mut roff,
        vec![italic("$XDG_STATE_HOME/aircom/ledger.sqlite")],
        "The ledger (on Linux; by default ~/.local/state/aircom/ledger.sqlite; on platforms \
         without a state directory, aircom/ledger.sqlite in the local data directory), or the \
         file `--state` or `AIRCOM_STATE` names: a SQLite database (WAL, with its -wal and \
         -shm files beside it, all mode 0600) holding runs, per-item progress and the undo \
         journal, each row bound to one workspace.",
    );
    item(
        &mut roff,
        vec![
            italic("FILE"),
            roman(", "),
            italic("FILE"),
            roman(".ledger.sqlite"),
        ],
        "With `--sandbox --sandbox-state FILE`: the sandbox's world, and the ledger of its \
         rehearsals. A `--sandbox` run without `--sandbox-state` uses a throwaway ledger, \
         removed at exit. Sandbox runs never touch the real ledger.",
    );
    roff
}

/// The root, the parent group and the child pages: only pages this module generates.
fn see_also(cmd: &clap::Command, parent: Option<&clap::Command>, subs: &[&clap::Command]) -> Roff {
    let mut names: Vec<String> = Vec::new();
    if parent.is_some() {
        names.push("aircom".into());
    }
    if let Some(p) = parent {
        let p = page_name(p);
        if !names.contains(&p) {
            names.push(p);
        }
    }
    names.extend(subs.iter().map(|s| page_name(s)));
    let mut roff = Roff::new();
    if names.is_empty() || names == [page_name(cmd)] {
        return roff;
    }
    roff.control("SH", ["SEE ALSO"]);
    let mut line = Vec::new();
    for (i, n) in names.iter().enumerate() {
        if i > 0 {
            line.push(roman(", "));
        }
        line.extend(page_ref(n));
    }
    roff.text(line);
    roff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variable_in_env_rs_is_documented_or_test_only() {
        let declared: Vec<&str> = include_str!("../env.rs")
            .lines()
            .filter_map(|l| l.strip_prefix("pub const "))
            .filter_map(|l| l.split(':').next())
            .collect();
        // Read by the test suite, never by the binary.
        let suite_only = [
            crate::env::AIRCOM_SHARED_DIR,
            crate::env::AIRCOM_INTERCOM_SPEC,
            crate::env::UPDATE_COMPLETIONS,
        ];
        for v in &declared {
            assert!(
                ENVIRONMENT.iter().any(|(n, _)| n == v)
                    || TEST_ENVIRONMENT.contains(v)
                    || suite_only.contains(v),
                "`{v}` (src/env.rs) is missing from the man pages' ENVIRONMENT"
            );
        }
        assert!(declared.len() > 15, "{declared:?}");
    }

    #[test]
    fn examples_are_parsed_by_block() {
        let cmd = clap::Command::new("x").after_help(
            "Examples:\n  # One\n  x a\n\n  # Two\n  # lines\n  x b\n  x c\n\nExit codes:\n  0    ok",
        );
        let ex = examples(&cmd);
        assert_eq!(ex.len(), 2);
        assert_eq!(ex[1].comment, vec!["Two", "lines"]);
        assert_eq!(ex[1].lines, vec!["x b", "x c"]);
    }
}
