//! The one Printer every command writes through: data on stdout in the format chosen once
//! (table on a terminal, TSV when piped, `--json`, `--csv`), people's messages on stderr,
//! progress bars only where they can be seen.

use std::io::{IsTerminal, Write};

use comfy_table::{presets::UTF8_BORDERS_ONLY, ContentArrangement, Table as Comfy};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use crate::cli::{ColorChoice, GlobalArgs};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Table,
    Tsv,
    Json,
    Csv,
}

#[derive(Debug, Clone)]
pub struct Printer {
    pub format: OutputFormat,
    quiet: bool,
    verbose: u8,
    color: bool,
    stdout_tty: bool,
    stderr_tty: bool,
    progress: bool,
}

fn force_tty() -> bool {
    std::env::var_os(crate::env::AIRCOM_TEST_FORCE_TTY).is_some()
}

impl Printer {
    pub fn new(g: &GlobalArgs) -> Printer {
        let stdout_tty = force_tty() || std::io::stdout().is_terminal();
        let stderr_tty = force_tty() || std::io::stderr().is_terminal();
        let format = if g.json {
            OutputFormat::Json
        } else if g.csv {
            OutputFormat::Csv
        } else if stdout_tty {
            OutputFormat::Table
        } else {
            OutputFormat::Tsv
        };
        let color = match g.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                stderr_tty && std::env::var_os(crate::env::NO_COLOR).is_none() && !force_tty()
            }
        };
        let progress = !g.no_progress
            && !g.quiet
            && g.verbose == 0
            && !g.json
            && !g.csv
            && std::io::stderr().is_terminal()
            && std::io::stdout().is_terminal()
            && std::env::var_os("AIRCOM_TEST_NO_PROGRESS").is_none();
        Printer {
            format,
            quiet: g.quiet,
            verbose: g.verbose,
            color,
            stdout_tty,
            stderr_tty,
            progress,
        }
    }

    pub fn verbose(&self) -> u8 {
        self.verbose
    }

    pub fn is_tty(&self) -> bool {
        self.stdout_tty && self.stderr_tty
    }

    pub fn stderr_tty(&self) -> bool {
        self.stderr_tty
    }

    pub fn color(&self) -> bool {
        self.color
    }

    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// A status line on stderr (hidden by `-q`).
    pub fn info(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("{}", msg.as_ref());
        }
    }

    /// A warning on stderr (shown even with `-q`: it may change what the user does).
    pub fn warn(&self, msg: impl AsRef<str>) {
        eprintln!("{} {}", self.paint("33;1", "warning:"), msg.as_ref());
    }

    /// "✓ done" lines: only on a terminal.
    pub fn success(&self, msg: impl AsRef<str>) {
        if !self.quiet && self.stderr_tty {
            eprintln!("{} {}", self.paint("32", "✓"), msg.as_ref());
        }
    }

    /// Detail shown at `-v` and above.
    pub fn debug(&self, msg: impl AsRef<str>) {
        if self.verbose >= 1 {
            eprintln!("{}", self.paint("2", msg.as_ref()));
        }
    }

    /// Detail shown at `-vv` (one line per request).
    pub fn trace(&self, msg: impl AsRef<str>) {
        if self.verbose >= 2 {
            eprintln!("{}", self.paint("2", msg.as_ref()));
        }
    }

    pub fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }

    pub fn red(&self, s: &str) -> String {
        self.paint("31", s)
    }

    pub fn green(&self, s: &str) -> String {
        self.paint("32", s)
    }

    pub fn yellow(&self, s: &str) -> String {
        self.paint("33", s)
    }

    /// A progress bar on stderr, hidden where it cannot be seen or would interleave.
    pub fn progress(&self, len: Option<u64>, what: &str) -> ProgressBar {
        if !self.progress {
            return ProgressBar::hidden();
        }
        let bar = match len {
            Some(n) => ProgressBar::new(n).with_style(
                ProgressStyle::with_template(
                    "{spinner} {msg} [{bar:30}] {pos}/{len} ({per_sec}, ETA {eta})",
                )
                .expect("template")
                .progress_chars("=> "),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{spinner} {msg} {pos} ({per_sec})")
                    .expect("template"),
            ),
        };
        bar.set_message(what.to_string());
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    }

    /// Writes a table of data in the chosen format. `json` is the `--json` document.
    pub fn table<J: Serialize>(
        &self,
        headers: &[&str],
        rows: &[Vec<String>],
        json: &J,
    ) -> std::io::Result<()> {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        match self.format {
            OutputFormat::Json => {
                serde_json::to_writer_pretty(&mut out, json)?;
                writeln!(out)?;
            }
            OutputFormat::Csv => {
                let mut w = csv::Writer::from_writer(&mut out);
                w.write_record(headers)?;
                for r in rows {
                    w.write_record(r.iter().map(|c| csv_safe(c)))?;
                }
                w.flush()?;
            }
            OutputFormat::Tsv => {
                for r in rows {
                    let line: Vec<String> =
                        r.iter().map(|c| c.replace(['\t', '\n'], " ")).collect();
                    writeln!(out, "{}", line.join("\t"))?;
                }
            }
            OutputFormat::Table => {
                if rows.is_empty() {
                    return Ok(());
                }
                let mut t = Comfy::new();
                t.load_preset(UTF8_BORDERS_ONLY)
                    .set_content_arrangement(ContentArrangement::Dynamic)
                    .set_header(headers.iter().map(|h| h.to_uppercase()));
                for r in rows {
                    t.add_row(r.clone());
                }
                writeln!(out, "{t}")?;
            }
        }
        out.flush()
    }

    /// One JSON Lines record (streaming commands).
    pub fn json_line<J: Serialize>(&self, record: &J) -> std::io::Result<()> {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        serde_json::to_writer(&mut out, record)?;
        writeln!(out)?;
        if self.stdout_tty {
            out.flush()?;
        }
        Ok(())
    }

    /// Plain text on stdout (data).
    pub fn data_line(&self, line: impl AsRef<str>) -> std::io::Result<()> {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        writeln!(out, "{}", line.as_ref())
    }
}

/// Neutralises spreadsheet formulas: a cell starting with `=`, `+`, `-` or `@` that is not a
/// phone number gets a leading `'`.
pub fn csv_safe(cell: &str) -> String {
    let Some(first) = cell.chars().next() else {
        return String::new();
    };
    if !matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r') {
        return cell.to_string();
    }
    let phone_like = first == '+'
        && cell.len() > 1
        && cell[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || " -().".contains(c));
    if phone_like {
        cell.to_string()
    } else {
        format!("'{cell}")
    }
}

/// "3 hours ago" for table output.
pub fn ago(ts: i64, now: i64) -> String {
    let d = now - ts;
    let (n, unit) = if d < 0 {
        return "in the future".into();
    } else if d < 60 {
        return "just now".into();
    } else if d < 3600 {
        (d / 60, "minute")
    } else if d < 86_400 {
        (d / 3600, "hour")
    } else if d < 86_400 * 60 {
        (d / 86_400, "day")
    } else {
        (d / (86_400 * 30), "month")
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

/// ISO-8601 for machine output.
pub fn iso(ts: i64) -> String {
    jiff::Timestamp::from_second(ts)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| ts.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_but_phones_kept() {
        assert_eq!(csv_safe("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_safe("@cmd"), "'@cmd");
        assert_eq!(csv_safe("-2+3"), "'-2+3");
        assert_eq!(csv_safe("+33 7 62 04 35 75"), "+33 7 62 04 35 75");
        assert_eq!(csv_safe("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(csv_safe("plain"), "plain");
    }

    #[test]
    fn relative_times() {
        assert_eq!(ago(0, 30), "just now");
        assert_eq!(ago(0, 7200), "2 hours ago");
        assert_eq!(ago(0, 86_400), "1 day ago");
    }
}
