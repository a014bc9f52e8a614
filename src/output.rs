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

/// The bars drawn now (weak: a bar dropped or finished is gone).
#[derive(Clone, Default)]
struct Bars(std::sync::Arc<std::sync::Mutex<Vec<indicatif::WeakProgressBar>>>);

impl std::fmt::Debug for Bars {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Bars")
    }
}

#[derive(Debug, Clone)]
pub struct Printer {
    pub format: OutputFormat,
    /// The bars drawn now: a message is printed through them (`suspend`), never under one.
    bars: Bars,
    quiet: bool,
    verbose: u8,
    color: bool,
    stdout_tty: bool,
    stderr_tty: bool,
    progress: bool,
    wide: bool,
    all: bool,
    pager: bool,
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
        // Bars go to stderr: they show whenever stderr is a terminal, whatever stdout is
        // (`audit duplicates > dup.tsv` still shows its progress).
        let progress = !g.no_progress
            && !g.quiet
            && g.verbose == 0
            && std::io::stderr().is_terminal()
            && std::env::var_os(crate::env::AIRCOM_TEST_NO_PROGRESS).is_none();
        Printer {
            format,
            bars: Default::default(),
            quiet: g.quiet,
            verbose: g.verbose,
            color,
            stdout_tty,
            stderr_tty,
            progress,
            wide: g.wide,
            all: g.all,
            pager: !g.no_pager
                && stdout_tty
                && !force_tty()
                && std::env::var_os(crate::env::AIRCOM_TEST_NO_PROGRESS).is_none(),
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

    /// One line on stderr, through the bars drawn now (they are lifted, the line printed,
    /// and they are drawn again below it).
    fn say(&self, line: impl AsRef<str>) {
        let line = line.as_ref();
        let live = {
            let mut bars = self.bars.0.lock().expect("bars lock");
            bars.retain(|b| b.upgrade().is_some_and(|b| !b.is_finished()));
            bars.first().and_then(|b| b.upgrade())
        };
        match live {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// A wait the user would otherwise take for a hang (a rate limit, a retry's pause):
    /// shown unless `-q`, through the bars.
    pub fn notice(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            self.say(self.paint("2", msg.as_ref()));
        }
    }

    /// A status line on stderr (hidden by `-q`).
    pub fn info(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            self.say(msg.as_ref());
        }
    }

    /// A warning on stderr (shown even with `-q`: it may change what the user does).
    pub fn warn(&self, msg: impl AsRef<str>) {
        self.say(format!(
            "{} {}",
            self.paint("33;1", "warning:"),
            msg.as_ref()
        ));
    }

    /// "✓ done" lines: only on a terminal.
    pub fn success(&self, msg: impl AsRef<str>) {
        if !self.quiet && self.stderr_tty {
            self.say(format!("{} {}", self.paint("32", "✓"), msg.as_ref()));
        }
    }

    /// A write job's closing line, terminal or not (hidden by `-q`): a green tick on a
    /// terminal when everything went through, a plain line otherwise. Never for an
    /// interrupted run's success: `clean` is false then.
    pub fn outcome(&self, clean: bool, msg: impl AsRef<str>) {
        if self.quiet {
            return;
        }
        if clean && self.stderr_tty {
            self.say(format!("{} {}", self.paint("32", "✓"), msg.as_ref()));
        } else {
            self.say(msg.as_ref());
        }
    }

    /// A yes/no question on the terminal, "no" unless answered; Ctrl-C at the question is a
    /// "no" too (the caller then records the run as cancelled and exits 130). Callers refuse
    /// to write without a terminal (or `--yes`) before they get here.
    pub fn confirm(&self, prompt: &str) -> anyhow::Result<bool> {
        match dialoguer::Confirm::new()
            .with_prompt(prompt)
            .default(false)
            .interact()
        {
            Ok(answer) => Ok(answer),
            Err(e) if is_interrupt(&e) => {
                eprintln!();
                Ok(false)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// A line typed at the terminal, re-asked until `valid` accepts it. Ctrl-C is
    /// `Failure::Cancelled` (exit 130, "interrupted, nothing written"): every prompt comes
    /// before the writes it decides.
    pub fn ask(
        &self,
        prompt: &str,
        valid: impl Fn(&str) -> Result<(), String>,
    ) -> anyhow::Result<String> {
        dialoguer::Input::<String>::new()
            .with_prompt(prompt)
            .validate_with(|s: &String| valid(s))
            .interact_text()
            .map_err(interrupt_is_cancel)
    }

    /// One of `items`, chosen with the arrow keys (`default` highlighted first). Ctrl-C is
    /// `Failure::Cancelled`, as for `ask`.
    pub fn choose(&self, prompt: &str, items: &[String], default: usize) -> anyhow::Result<usize> {
        dialoguer::Select::new()
            .with_prompt(prompt)
            .items(items)
            .default(default)
            .interact()
            .map_err(interrupt_is_cancel)
    }

    /// A screen of an interactive walk (the question's context): shown even with `-q`,
    /// since the answer depends on it.
    pub fn screen(&self, msg: impl AsRef<str>) {
        self.say(msg.as_ref());
    }

    /// Detail shown at `-v` and above.
    pub fn debug(&self, msg: impl AsRef<str>) {
        if self.verbose >= 1 {
            self.say(self.paint("2", msg.as_ref()));
        }
    }

    /// Detail shown at `-vv` (one line per request).
    pub fn trace(&self, msg: impl AsRef<str>) {
        if self.verbose >= 2 {
            self.say(self.paint("2", msg.as_ref()));
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
        // Items per second, whole: "496/s", not "496.4442/s".
        let rate = |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0}/s", s.per_sec());
        };
        let bar = match len {
            Some(n) => ProgressBar::new(n).with_style(
                ProgressStyle::with_template(
                    "{spinner} {msg} [{bar:30}] {pos}/{len} ({rate}, ETA {eta})",
                )
                .expect("template")
                .with_key("rate", rate)
                .progress_chars("=> "),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{spinner} {msg} {pos} ({rate})")
                    .expect("template")
                    .with_key("rate", rate),
            ),
        };
        bar.set_message(what.to_string());
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        self.bars.0.lock().expect("bars lock").push(bar.downgrade());
        bar
    }

    /// [`Printer::table`] where only some rows need action (`actionable[i]` for `rows[i]`):
    /// a terminal table shows those alone unless `--all`, and says how many it left out;
    /// every other format holds every row.
    pub fn table_actionable<J: Serialize>(
        &self,
        headers: &[&str],
        rows: &[Vec<String>],
        actionable: &[bool],
        json: &J,
    ) -> std::io::Result<()> {
        if self.format != OutputFormat::Table || self.all {
            return self.table(headers, rows, json);
        }
        let kept: Vec<Vec<String>> = rows
            .iter()
            .zip(actionable)
            .filter(|(_, a)| **a)
            .map(|(r, _)| r.clone())
            .collect();
        let hidden = rows.len() - kept.len();
        self.table(headers, &kept, json)?;
        if hidden > 0 {
            self.info(format!(
                "({hidden} row(s) that need no action not shown: `--all` shows them)"
            ));
        }
        Ok(())
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
                // One line per row: cells are cut to fit, never wrapped (a wrapped table of
                // numbers is unreadable, and a number split across lines is wrong).
                let (kept, fitted) = if self.wide {
                    let all: Vec<Vec<String>> = rows
                        .iter()
                        .map(|r| r.iter().map(|c| one_line(c)).collect())
                        .collect();
                    ((0..headers.len()).collect(), all)
                } else {
                    fit(headers, rows, terminal_width())
                };
                t.load_preset(UTF8_BORDERS_ONLY)
                    .set_content_arrangement(ContentArrangement::Disabled)
                    .set_header(kept.iter().map(|&i| headers[i].to_uppercase()));
                for r in fitted {
                    t.add_row(r);
                }
                let text = format!("{t}\n");
                if !(self.pager && taller_than_terminal(&text) && page(&text)) {
                    out.write_all(text.as_bytes())?;
                }
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

/// `#[serde(serialize_with = "crate::output::iso_opt")]`: UNIX seconds written as ISO 8601 in
/// UTC (`2025-05-01T09:30:00Z`), or `null`; `--json` never carries epoch integers.
pub fn iso_opt<S: serde::Serializer>(ts: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
    match ts {
        Some(t) => s.serialize_str(&iso(*t)),
        None => s.serialize_none(),
    }
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

/// The terminal's width: what it says, else `COLUMNS`, else 80.
/// Whether `text` has more lines than the terminal (when its height is known).
fn taller_than_terminal(text: &str) -> bool {
    let height = std::env::var(crate::env::LINES)
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .or_else(|| {
            console::Term::stdout()
                .size_checked()
                .map(|(h, _)| h as usize)
        });
    height.is_some_and(|h| text.lines().count() + 2 > h)
}

/// Shows `text` through `$PAGER` (else `less -FRX`); `false` when no pager could be run,
/// and the caller prints it itself.
fn page(text: &str) -> bool {
    let pager = std::env::var(crate::env::PAGER)
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "less -FRX".into());
    let mut parts = pager.split_whitespace();
    let Some(program) = parts.next() else {
        return false;
    };
    let Ok(mut child) = std::process::Command::new(program)
        .args(parts)
        .stdin(std::process::Stdio::piped())
        .spawn()
    else {
        return false;
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The reader may quit early (`q` in less): a broken pipe is not an error.
        let _ = stdin.write_all(text.as_bytes());
    }
    let _ = child.wait();
    true
}

fn terminal_width() -> usize {
    let said = Comfy::new().width().map(usize::from).filter(|w| *w >= 20);
    said.or_else(|| {
        std::env::var(crate::env::COLUMNS)
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|w: &usize| *w >= 20)
    })
    .unwrap_or(80)
}

/// A cell on one line.
fn one_line(c: &str) -> String {
    c.replace(['\n', '\r', '\t'], " ")
}

/// How much a column matters on a narrow terminal (higher stays longer; `--wide` shows
/// every column): what happened or would happen first, then the numbers, then who and
/// what, then detail.
fn importance(header: &str) -> u8 {
    match header.to_ascii_lowercase().as_str() {
        "outcome" | "status" | "state" | "action" | "verdict" | "result" => 8,
        "e164" | "caller" | "number" | "proposed" => 7,
        "stored" | "contact_id" | "contact" | "conversation" | "role" | "kind" | "started"
        | "calls" | "phone_as_stored" | "current" | "restore" => 6,
        "name" | "reason" | "added" | "removed" | "run" | "coverage" | "gap" | "field" => 5,
        "title" | "assignee" | "tags" | "email" | "detail" => 4,
        "reading" | "hint" | "latest_call" | "check" | "value" => 3,
        "link" | "contact_page" => 2,
        h if h.ends_with("_at") => 3,
        h if h.ends_with("_id") => 6,
        _ => 5,
    }
}

/// Whether a column holds ids, numbers or states, which are never cut.
fn whole(header: &str) -> bool {
    let h = header.to_ascii_lowercase();
    [
        "id",
        "e164",
        "phone",
        "number",
        "stored",
        "proposed",
        "call",
        "conversation",
        "status",
        "outcome",
        "action",
        "verdict",
        "field",
        "run",
        "current",
        "restore",
        "contact",
        "caller",
        "started",
        "kind",
    ]
    .iter()
    .any(|k| {
        h == *k
            || h.ends_with("_at")
            || h.ends_with(&format!("_{k}"))
            || h.starts_with(&format!("{k}_"))
            || h.ends_with(&format!("{k}s"))
    })
}

/// The table chrome's width for `n` columns (borders and padding), measured once.
fn chrome(n: usize) -> usize {
    use unicode_width::UnicodeWidthStr;
    let mut t = Comfy::new();
    t.load_preset(UTF8_BORDERS_ONLY)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(vec!["x"; n]);
    t.add_row(vec!["x"; n]);
    let w = t.to_string().lines().map(|l| l.width()).max().unwrap_or(0);
    w.saturating_sub(n)
}

/// Fits a table to `width` columns: free-text cells are cut (with `…`), ids, numbers and
/// states stay whole, and when even that is too wide the columns that matter least
/// ([`importance`]) are left out, the first column never (`--wide` shows them all). Returns
/// the kept columns' indices and the rows.
pub fn fit(headers: &[&str], rows: &[Vec<String>], width: usize) -> (Vec<usize>, Vec<Vec<String>>) {
    use unicode_width::UnicodeWidthStr;
    let n = headers.len();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().take(n).map(|c| one_line(c)).collect())
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.width());
        }
    }
    let cuttable: Vec<bool> = headers.iter().map(|h| !whole(h)).collect();
    let floors: Vec<usize> = (0..n)
        .map(|i| {
            if cuttable[i] {
                widths[i].min(headers[i].width().max(8))
            } else {
                widths[i]
            }
        })
        .collect();
    let floor = |i: usize| floors[i];
    // A column empty in every row says nothing: it goes first. Then free-text columns go
    // from the last (ids, numbers and states stay while they fit).
    let mut kept: Vec<usize> = (0..n)
        .filter(|&i| {
            rows.iter()
                .any(|r| r.get(i).is_some_and(|c| !c.trim().is_empty()))
        })
        .collect();
    if kept.is_empty() {
        kept = (0..n).collect();
    }
    let mut dropped = Vec::new();
    while kept.iter().map(|&i| floor(i)).sum::<usize>() + chrome(kept.len()) > width {
        // Then the least important column goes (the last of equals), the first never:
        // a terminal table keeps what tells the admin what to do (the state, the number).
        let pos = kept
            .iter()
            .enumerate()
            .skip(1)
            .min_by_key(|(pos, &i)| (importance(headers[i]), std::cmp::Reverse(*pos)))
            .map(|(pos, _)| pos);
        let Some(pos) = pos else {
            break;
        };
        dropped.push(kept.remove(pos));
    }
    // A column left out for a wider one may fit in the room that one left: taken back, the
    // most important first.
    dropped.sort_by_key(|&i| (std::cmp::Reverse(importance(headers[i])), i));
    for i in dropped {
        let mut with = kept.clone();
        with.push(i);
        with.sort_unstable();
        if with.iter().map(|&i| floor(i)).sum::<usize>() + chrome(with.len()) <= width {
            kept = with;
        }
    }
    let budget = width.saturating_sub(chrome(kept.len()));
    while kept.iter().map(|&i| widths[i]).sum::<usize>() > budget {
        let Some(&i) = kept
            .iter()
            .filter(|&&i| cuttable[i] && widths[i] > floor(i))
            .max_by_key(|&&i| widths[i])
        else {
            break;
        };
        widths[i] -= 1;
    }
    let rows = rows
        .into_iter()
        .map(|r| {
            kept.iter()
                .map(|&i| {
                    let c = r.get(i).cloned().unwrap_or_default();
                    if cuttable[i] && c.width() > widths[i] {
                        cut(&c, widths[i])
                    } else {
                        c
                    }
                })
                .collect()
        })
        .collect();
    (kept, rows)
}

/// `text` cut to `width` display columns, ending with `…`.
fn cut(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(ch);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod fit_tests {
    use super::*;

    fn render(headers: &[&str], rows: &[Vec<String>], width: usize) -> String {
        let mut t = Comfy::new();
        t.load_preset(UTF8_BORDERS_ONLY)
            .set_content_arrangement(ContentArrangement::Disabled);
        let (kept, fitted) = fit(headers, rows, width);
        t.set_header(kept.iter().map(|&i| headers[i].to_uppercase()));
        for r in fitted {
            t.add_row(r);
        }
        t.to_string()
    }

    #[test]
    fn tables_fit_the_width_and_never_cut_a_number() {
        use unicode_width::UnicodeWidthStr;
        let headers = [
            "contact_id",
            "name",
            "stored",
            "proposed",
            "status",
            "reason",
        ];
        let rows: Vec<Vec<String>> = (0..5)
            .map(|i| {
                vec![
                    format!("6512ab34cd56ef78901234{i:02}"),
                    "Chloé Dupont-Lefèvre de la Tour d'Auvergne".into(),
                    "+1 415-761-9743".into(),
                    "+14157619743".into(),
                    "fixable".into(),
                    "readings in different countries, with a long explanation".into(),
                ]
            })
            .collect();
        for width in [80, 160] {
            let out = render(&headers, &rows, width);
            for line in out.lines() {
                assert!(line.width() <= width, "{width}: {line}");
            }
            assert!(out.contains("+14157619743"), "{out}");
            assert!(out.contains("6512ab34cd56ef7890123400"));
            assert_eq!(out.lines().count(), 5 + 4, "one line per row:\n{out}");
        }
        let narrow = render(&headers, &rows, 80);
        assert!(
            narrow.contains('…') || !narrow.contains("REASON"),
            "{narrow}"
        );
        let roomy = render(&headers, &rows, 200);
        assert!(
            !roomy.contains('…') && roomy.contains("+1 415-761-9743"),
            "{roomy}"
        );
    }

    /// On a narrow terminal the least important columns go first, whatever their place (the
    /// state stays, the link goes), the first column never; a narrow column left out for a
    /// wide one is taken back when it fits in the room left.
    #[test]
    fn narrow_tables_keep_what_matters_and_take_back_what_fits() {
        let headers = ["call", "link", "started", "role", "outcome"];
        let row = vec![
            "1000000643".to_string(),
            "https://app.intercom.com/a/apps/abc/conversations/1".to_string(),
            "2026-10-04T16:02:22Z".to_string(),
            "user".to_string(),
            "would_log".to_string(),
        ];
        let names = |width| {
            let (kept, _) = fit(&headers, std::slice::from_ref(&row), width);
            kept.iter().map(|&i| headers[i]).collect::<Vec<_>>()
        };
        // Everything fits.
        assert_eq!(names(200), headers.to_vec());
        // The link (least important) goes first, though it is not last.
        assert_eq!(names(60), ["call", "started", "role", "outcome"]);
        // At 36, `role` goes first (the later of two equals), then the timestamp, still too
        // wide; `role` fits in the room the timestamp left, and is taken back.
        let narrow = names(36);
        assert_eq!(narrow.first(), Some(&"call"), "{narrow:?}");
        assert!(narrow.contains(&"outcome"), "{narrow:?}");
        assert!(!narrow.contains(&"started"), "{narrow:?}");
        assert!(narrow.contains(&"role"), "taken back: {narrow:?}");
        // Not even two columns fit: the first stays.
        assert_eq!(names(20), ["call"]);
    }
}

/// Ctrl-C at a prompt: the terminal library answers `Interrupted`.
fn is_interrupt(e: &dialoguer::Error) -> bool {
    let dialoguer::Error::IO(io) = e;
    io.kind() == std::io::ErrorKind::Interrupted
}

/// A prompt's error: Ctrl-C stops the run before anything it decides was written (exit 130);
/// anything else stays an error.
fn interrupt_is_cancel(e: dialoguer::Error) -> anyhow::Error {
    if is_interrupt(&e) {
        eprintln!();
        crate::error::Failure::Cancelled("interrupted, nothing written".into()).into()
    } else {
        e.into()
    }
}
