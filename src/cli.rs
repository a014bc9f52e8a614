//! Every clap type, in one place: the command tree, global options and each command's args.
//! Doc comments here are the `--help` text.

use std::path::PathBuf;

use crate::when::When;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// The exit codes, as a literal so `concat!` can put them under the root's examples.
macro_rules! exit_codes {
    () => {
        "\
Exit codes:
  0    success (including \"nothing found\")
  1    ran and failed: API or network error, or some items failed
  2    usage: bad flag or value, or `--yes` missing without a terminal
  3    a check said no (`check-number`: invalid or ambiguous)
  4    credentials missing or rejected
  130  interrupted, or confirmation declined"
    };
}

/// The exit codes listed in `aircom --help` (and the man pages' EXIT STATUS).
pub const EXIT_CODES: &str = exit_codes!();

/// The help heading of every [`GlobalArgs`] field: they stay apart from a command's own
/// options, after them, in every command's `--help`.
pub const GLOBAL_OPTIONS: &str = "Global options";

#[derive(Debug, Parser)]
#[command(
    name = "aircom",
    version,
    about = "The admin toolbox for Aircall + Intercom",
    long_about = "The admin toolbox for Aircall + Intercom: sync contacts, find the duplicates \
                  and badly formatted numbers that block call logging, fix them with undo, \
                  and replay calls into Intercom exactly as the native integration logs them.",
    after_help = examples::ROOT,
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// More detail on stderr (`-vv`: one line per HTTP request)
    #[arg(short, long, action = clap::ArgAction::Count, global = true, help_heading = GLOBAL_OPTIONS)]
    pub verbose: u8,
    /// Only errors on stderr
    #[arg(short, long, global = true, help_heading = GLOBAL_OPTIONS, conflicts_with = "verbose")]
    pub quiet: bool,
    /// When to use colour
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, help_heading = GLOBAL_OPTIONS, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)
    #[arg(long, global = true, help_heading = GLOBAL_OPTIONS, conflicts_with = "csv")]
    pub json: bool,
    /// Write data as CSV with a header row
    #[arg(long, global = true, help_heading = GLOBAL_OPTIONS)]
    pub csv: bool,
    /// Never draw progress bars
    #[arg(long, global = true, help_heading = GLOBAL_OPTIONS)]
    pub no_progress: bool,
    /// Tables: every column, every cell whole, however wide (by default a table fits the
    /// terminal: free text is cut with `…`, ids, numbers and states never are, and the
    /// columns that matter least are left out)
    #[arg(long, global = true, help_heading = GLOBAL_OPTIONS)]
    pub wide: bool,
    /// Tables: every row (by default a terminal table shows only the rows that need action,
    /// such as the calls to log; piped output, `--csv` and `--json` always hold every row)
    #[arg(long, global = true, help_heading = GLOBAL_OPTIONS)]
    pub all: bool,
    /// Never page a long table (by default one taller than the terminal goes through `$PAGER`,
    /// else `less -FRX`)
    #[arg(long, global = true, help_heading = GLOBAL_OPTIONS)]
    pub no_pager: bool,
    /// Answer yes to confirmations (needed to write without a terminal)
    #[arg(short, long, global = true, help_heading = GLOBAL_OPTIONS)]
    pub yes: bool,
    /// Profile from the config file (default: its `default_profile`, else `default`)
    #[arg(long, global = true, help_heading = GLOBAL_OPTIONS, env = "AIRCOM_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,
    /// The ledger (SQLite) holding runs, progress and the undo journal
    ///
    /// Default: `aircom/ledger.sqlite` in the platform's state directory
    /// (`~/.local/state/aircom/ledger.sqlite` on Linux). Without this option a `--sandbox`
    /// run keeps its own: beside `--sandbox-state FILE` (`FILE.ledger.sqlite`), else a
    /// throwaway one.
    #[arg(long, global = true, help_heading = GLOBAL_OPTIONS, env = "AIRCOM_STATE", value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Run against the built-in sandbox (fake Aircall and Intercom with demo data)
    ///
    /// The in-process sandbox answers with no added latency and generous rate limits
    /// (Aircall 6,000/min, Intercom 60,000/min) so a demo finishes in seconds. It keeps its
    /// own ledger, so rehearsals never mix with real runs.
    #[arg(long, global = true, help_heading = GLOBAL_OPTIONS)]
    pub sandbox: bool,
    /// Keep the sandbox's state in this file between runs (with `--sandbox`)
    #[arg(long, global = true, help_heading = GLOBAL_OPTIONS, value_name = "FILE", requires = "sandbox")]
    pub sandbox_state: Option<PathBuf>,
    /// Aircall requests per minute to pace at (default: the profile's `aircall_rate`, else 60)
    ///
    /// Aircall's limit is per company, shared by every tool that uses its API: 60 is safe.
    #[arg(long, global = true, help_heading = GLOBAL_OPTIONS, env = "AIRCOM_AIRCALL_RATE", value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=crate::config::MAX_AIRCALL_RATE as i64))]
    pub aircall_rate: Option<u32>,
    /// Intercom requests per minute to pace at (default: the profile's `intercom_rate`, else
    /// 10,000, the per-app limit)
    #[arg(long, global = true, help_heading = GLOBAL_OPTIONS, env = "AIRCOM_INTERCOM_RATE", value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=crate::config::MAX_INTERCOM_RATE as i64))]
    pub intercom_rate: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check credentials, identities, rate limits and what the integration depends on
    #[command(visible_alias = "auth-status", after_help = examples::DOCTOR)]
    Doctor(DoctorArgs),
    /// Credentials (`auth status` is `doctor`)
    #[command(subcommand, after_help = examples::AUTH)]
    Auth(AuthCommand),
    /// Validate phone numbers and show what they match
    #[command(after_help = examples::CHECK_NUMBER)]
    CheckNumber(CheckNumberArgs),
    /// Add E.164 columns to a CSV of phone numbers
    #[command(after_help = examples::NORMALIZE)]
    Normalize(NormalizeArgs),
    /// Find what blocks call logging: shared numbers, badly formatted numbers
    #[command(subcommand, after_help = examples::AUDIT)]
    Audit(AuditCommand),
    /// Repair what an audit found, with a plan, a journal and undo
    #[command(subcommand, after_help = examples::FIX)]
    Fix(FixCommand),
    /// Restore the values a run wrote, where nobody changed them since
    #[command(after_help = examples::UNDO)]
    Undo(UndoArgs),
    /// Bring Intercom users and leads into Aircall
    #[command(subcommand, after_help = examples::SYNC)]
    Sync(SyncCommand),
    /// Replay Aircall activity into Intercom exactly as the native integration logs it
    #[command(subcommand, after_help = examples::BACKFILL)]
    Backfill(BackfillCommand),
    /// List past runs from the ledger
    ///
    /// Columns, in order (a terminal table leaves out the ones that matter least to fit; TSV when
    /// piped, with no header; `--csv` has one): id, command, started, duration, outcome, workspace, counts.
    #[command(after_help = examples::RUNS)]
    Runs(RunsArgs),
    /// Run or use the built-in sandbox of both APIs
    #[cfg(feature = "sandbox")]
    #[command(subcommand, after_help = examples::SANDBOX)]
    Sandbox(SandboxCommand),
    /// Print shell completions
    ///
    /// Install them once, for your shell:
    ///
    ///   bash: aircom completions bash > ~/.local/share/bash-completion/completions/aircom
    ///
    ///   zsh:  aircom completions zsh > ~/.zfunc/_aircom   (with `fpath+=~/.zfunc` before
    ///         `compinit` in ~/.zshrc)
    ///
    ///   fish: aircom completions fish > ~/.config/fish/completions/aircom.fish
    ///
    ///   PowerShell: aircom completions powershell >> $PROFILE
    ///
    ///   elvish: aircom completions elvish >> ~/.config/elvish/rc.elv
    ///
    /// In bash, zsh and fish, `--profile` also completes the config file's profile names;
    /// the PowerShell and elvish scripts complete commands and option names only.
    #[command(verbatim_doc_comment, after_help = examples::COMPLETIONS)]
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write one page per command with `--out`
    #[command(hide = true)]
    Man(ManArgs),
    /// Print the config file's profile names, one per line (what completing `--profile`
    /// offers)
    #[command(hide = true)]
    Profiles,
}

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Same as `aircom doctor`
    #[command(after_help = examples::AUTH_STATUS)]
    Status(DoctorArgs),
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Show the tokens in full
    #[arg(long)]
    pub show_token: bool,
    /// Also say how call logging did over this period (default 7d): the share of finished
    /// calls that reached Intercom and the last outage, as `audit logging` counts them (it
    /// reads every call of the period)
    #[arg(long, value_name = "SINCE", num_args = 0..=1, default_missing_value = "7d", value_parser = crate::when::parse_arg)]
    pub with_calls: Option<When>,
}

#[derive(Debug, Args)]
pub struct CheckNumberArgs {
    /// Numbers to check (none on a terminal: ask interactively)
    #[arg(value_name = "NUMBER")]
    pub numbers: Vec<String>,
    /// Default country for numbers written without a country code (ISO code, e.g. FR;
    /// default: the profile's `default_country`)
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// Do not look the number up in Aircall and Intercom
    #[arg(long)]
    pub offline: bool,
    /// Accept vanity numbers (1-800-FLOWERS)
    #[arg(long)]
    pub allow_vanity: bool,
}

#[derive(Debug, Args)]
pub struct NormalizeArgs {
    /// The CSV to read (`-` for stdin)
    #[arg(value_name = "FILE")]
    pub input: String,
    /// The column holding phone numbers
    #[arg(long, value_name = "NAME")]
    pub column: String,
    /// Default country for national numbers (ISO code; default: the profile's
    /// `default_country`)
    #[arg(long, value_name = "CC", conflicts_with = "country_column")]
    pub country: Option<String>,
    /// A column holding each row's country (ISO code or name)
    #[arg(long, value_name = "NAME")]
    pub country_column: Option<String>,
    /// Where to write (`-` for stdout, the default); written once the input was read whole
    #[arg(short, long, value_name = "FILE", default_value = "-")]
    pub output: String,
    /// Field delimiter
    #[arg(long, value_name = "CHAR", default_value = ",")]
    pub delimiter: char,
    /// Also write Aircall's dashboard import files (valid numbers only, < 1 MB each) here
    #[arg(long, value_name = "DIR")]
    pub aircall_import: Option<PathBuf>,
    /// Column with the full name, for the import files
    #[arg(long, value_name = "NAME")]
    pub name_column: Option<String>,
    /// Column with the first name, for the import files
    #[arg(long, value_name = "NAME")]
    pub first_name_column: Option<String>,
    /// Column with the last name, for the import files
    #[arg(long, value_name = "NAME")]
    pub last_name_column: Option<String>,
    /// Column with the company, for the import files
    #[arg(long, value_name = "NAME")]
    pub company_column: Option<String>,
    /// Accept vanity numbers (1-800-FLOWERS)
    #[arg(long)]
    pub allow_vanity: bool,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Find phone numbers shared by several contacts (they block call logging)
    ///
    /// Columns, in order (a terminal table leaves out the ones that matter least to fit; TSV when
    /// piped, with no header; `--csv` has one): e164, calls, latest_call, contact_id (aircall_id with `--aircall`), role, name, email, phone_as_stored, created_at, updated_at, last_seen_at, link (one row per member, the suggested keeper first; the number, calls and latest call on a group's first row).
    #[command(after_help = examples::AUDIT_DUPLICATES)]
    Duplicates(AuditDuplicatesArgs),
    /// List contacts whose stored phone is not exactly its E.164 form
    ///
    /// Columns, in order (a terminal table leaves out the ones that matter least to fit; TSV when
    /// piped, with no header; `--csv` has one): contact_id, role, name, stored, e164, status, reading, hint, reason (by status, then contact id; e164 holds the readings of an ambiguous phone).
    #[command(after_help = examples::AUDIT_NUMBERS)]
    Numbers(AuditNumbersArgs),
    /// Is the integration logging? Coverage per day and number, outages, and why calls were
    /// missed
    ///
    /// Read-only. Every call of the period is planned exactly as `backfill calls --dry-run`
    /// plans it (the same recognition of native logs), then counted: logged natively, logged
    /// by aircom, a gap a backfill would log, blocked by a shared number, no contact, or in
    /// progress. An outage is a run of calls due a native log with none (see
    /// `--min-outage-calls` and `--min-outage`). Days are UTC.
    ///
    /// The table is one row per Aircall number, in this column order: number, coverage (the
    /// share of finished calls that reached Intercom, as `--json`'s `coverage`), calls, native, aircom, gap, blocked,
    /// no_contact (TSV when piped, with no header; `--csv` has one). `--json` adds per day,
    /// per kind, the outages, the causes and every call (docs/json.md).
    #[command(after_help = examples::AUDIT_LOGGING)]
    Logging(AuditLoggingArgs),
}

#[derive(Debug, Subcommand)]
pub enum FixCommand {
    /// Rewrite fixable phones to E.164 in Intercom
    ///
    /// Columns, in order (a terminal table leaves out the ones that matter least to fit; TSV when
    /// piped, with no header; `--csv` has one): contact_id, name, stored, e164, result.
    #[command(after_help = examples::FIX_NUMBERS)]
    Numbers(FixNumbersArgs),
}

/// How phone numbers are read, shared by the audits and fixes.
#[derive(Debug, Args, Clone)]
pub struct PhoneArgs {
    /// Default country for numbers written without a country code (ISO code; default: the
    /// profile's `default_country`)
    ///
    /// For a number without a country code, the contact's location country is tried first
    /// and this flag (else the profile's `default_country`) is the fallback; when the two give
    /// different valid numbers, or only the fallback gives a valid one, the number is reported
    /// as ambiguous and never written.
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// Concurrent search cursors for the contact scan
    ///
    /// Each cursor reads one slice of the contacts, by creation date; more read a large
    /// workspace sooner, at the same pace.
    #[arg(long, default_value_t = 16, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=64), hide_short_help = true)]
    pub partitions: u32,
}

#[derive(Debug, Args)]
pub struct AuditDuplicatesArgs {
    #[command(flatten)]
    pub phone: PhoneArgs,
    /// Count the calls each shared number cost over this period (default 30d): a date, a
    /// datetime with offset, or a duration back from now (`7d`, `36h`)
    #[arg(long, value_name = "SINCE", num_args = 0..=1, default_missing_value = "30d", value_parser = crate::when::parse_arg)]
    pub with_calls: Option<When>,
    /// Audit Aircall contacts instead (numbers shared by several Aircall contacts)
    #[arg(long, conflicts_with = "fix")]
    pub aircall: bool,
    /// Walk the groups and repair them (merge leads into the keeper, clear phones)
    ///
    /// On a terminal, each group lists its contacts numbered, the keeper marked (a user over
    /// leads, then the most recently seen), and the same keys every time: `m` merges the
    /// leads into the keeper (PERMANENT: `undo` cannot split a merge; other users lose the
    /// phone), `c` clears the phone on the others (undoable), `k` chooses another keeper
    /// (`k2` directly), `s` skips, `q` stops. A key that does not apply to a group is refused
    /// there: only a user can absorb a merge. Nothing is written until the review: the
    /// changes chosen, then `Apply N changes (M permanent merges)? [y/N]` (`--yes` skips the
    /// question); no, or Ctrl-C at any prompt, writes nothing and exits 130.
    #[arg(long)]
    pub fix: bool,
    /// With `--fix`: repair unattended with this strategy (needs `--yes` without a terminal)
    #[arg(long, value_enum, requires = "fix", value_name = "STRATEGY")]
    pub strategy: Option<DuplicateStrategy>,
    /// With `--fix`: print the plan, write nothing
    #[arg(long, requires = "fix")]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DuplicateStrategy {
    /// Merge each group's leads into its user keeper; other users are left for a person
    MergeLeads,
}

#[derive(Debug, Args)]
pub struct AuditNumbersArgs {
    #[command(flatten)]
    pub phone: PhoneArgs,
    /// Only rows with this status
    #[arg(long, value_enum, value_name = "STATUS")]
    pub status: Option<NumberStatus>,
}

#[derive(Debug, Args)]
pub struct AuditLoggingArgs {
    #[command(flatten)]
    pub phone: PhoneArgs,
    /// Start of the period: a date, a datetime with offset, or `30d`, `36h` back from now
    #[arg(long, value_name = "WHEN", value_parser = crate::when::parse_arg)]
    pub since: When,
    /// End of the period (default: now)
    #[arg(long, value_name = "WHEN", value_parser = crate::when::parse_arg)]
    pub until: Option<When>,
    /// Only calls on this Aircall number (its name, its id, or the number with `+`)
    #[arg(long, value_name = "NAME|ID|NUMBER")]
    pub number: Option<String>,
    /// Also write the report as one self-contained HTML page (a chart per day, the outages,
    /// the numbers); it holds customer numbers and is created mode 0600
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// An outage has at least this many calls in a row with no native log
    #[arg(long, default_value_t = 3, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub min_outage_calls: u32,
    /// …from its first call to its last at least this long (`90m`, `2h`, `1d`)
    #[arg(long, default_value = "1h", value_name = "DURATION", value_parser = parse_duration)]
    pub min_outage: jiff::SignedDuration,
    /// Count unknown callers as a backfill with `--create-contacts none` would: no contact
    /// (default: gaps, a backfill creates a lead)
    #[arg(long)]
    pub no_create: bool,
}

/// `90m`, `2h`, `1d`, `1h 30m`.
fn parse_duration(s: &str) -> Result<jiff::SignedDuration, String> {
    let d = if let Some(days) = s
        .trim()
        .strip_suffix('d')
        .and_then(|n| n.trim().parse::<i64>().ok())
    {
        jiff::SignedDuration::from_hours(days * 24)
    } else {
        s.parse::<jiff::SignedDuration>()
            .map_err(|_| format!("`{s}` is not a duration: use `90m`, `2h` or `1d`"))?
    };
    if d.is_negative() {
        return Err(format!("`{s}` is negative"));
    }
    Ok(d)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NumberStatus {
    /// One certain reading: `fix numbers` writes it
    Fixable,
    Invalid,
    /// Readings in different countries (or the location and default country disagree): never
    /// written without a per-row choice
    Ambiguous,
    /// Carries an extension E.164 cannot hold: never rewritten
    #[value(alias = "has_extension")]
    HasExtension,
    Empty,
}

#[derive(Debug, Args)]
pub struct FixNumbersArgs {
    #[command(flatten)]
    pub phone: PhoneArgs,
    /// Print the plan, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Also ask, per ambiguous number, which reading to write (needs a terminal; never
    /// under `--yes`)
    #[arg(long)]
    pub include_ambiguous: bool,
    /// Stop after this many changes
    #[arg(short = 'L', long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Sync Intercom users and leads into Aircall contacts: idempotent and resumable
    ///
    /// Columns of the `--dry-run` plan, in order (a terminal table leaves out the ones that
    /// matter least to fit; TSV when piped, with no header; `--csv` has one): action,
    /// intercom_id, aircall_id, detail. Creates first, then updates, prunes, skips and the
    /// unchanged, each by Intercom id; a terminal table leaves out the unchanged unless `--all`.
    #[command(after_help = examples::SYNC_CONTACTS)]
    Contacts(SyncContactsArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleFilter {
    User,
    Lead,
    All,
}

#[derive(Debug, Args)]
pub struct SyncContactsArgs {
    #[command(flatten)]
    pub phone: PhoneArgs,
    /// Which contacts to sync
    #[arg(long, value_enum, default_value_t = RoleFilter::All, value_name = "ROLE")]
    pub role: RoleFilter,
    /// Only contacts with this Intercom tag (by name)
    #[arg(long, value_name = "NAME")]
    pub tag: Option<String>,
    /// Only contacts in this Intercom segment
    #[arg(long, value_name = "ID")]
    pub segment: Option<String>,
    /// Only contacts updated since WHEN: a date, a datetime with offset, or `7d`, `36h`
    #[arg(long, value_name = "WHEN", conflicts_with = "incremental", value_parser = crate::when::parse_arg)]
    pub since: Option<When>,
    /// Only contacts updated since the last successful sync (from the ledger)
    #[arg(long)]
    pub incremental: bool,
    /// Do not adopt an existing Aircall contact with the same number: skip it instead
    #[arg(long)]
    pub no_adopt: bool,
    /// Also sync phones that carry an extension, putting it in the number's label (`Work ext.
    /// 12`); by default they are skipped and reported, as E.164 cannot carry an extension
    #[arg(long)]
    pub with_extensions: bool,
    /// Delete Aircall contacts aircom created whose Intercom contact is gone or lost its phone
    ///
    /// By ownership, never by filter: only contacts aircom created (per the ledger), judged
    /// against the whole Intercom workspace whatever `--role`, `--tag` or `--segment` say. A
    /// contact whose phone still reads as the number aircom synced stays, whatever
    /// `--country` says. Every deletion is journaled with the whole contact.
    #[arg(long)]
    pub prune: bool,
    /// The share of aircom's synced contacts a prune may delete before it stops and asks
    /// (even with `--yes`)
    #[arg(long, value_name = "PERCENT", default_value_t = 10, value_parser = clap::value_parser!(u8).range(0..=100), requires = "prune")]
    pub prune_limit: u8,
    /// Delete past `--prune-limit` without asking
    #[arg(long, requires = "prune")]
    pub force_prune: bool,
    /// Print the plan (create, update with a field diff, unchanged, skipped, prune); write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Write the skipped contacts and their reasons to this CSV
    #[arg(long, value_name = "FILE")]
    pub report: Option<std::path::PathBuf>,
    /// Write the creations as Aircall dashboard import files here instead of calling the API
    #[arg(long, value_name = "DIR", conflicts_with = "prune")]
    pub export_csv: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum BackfillCommand {
    /// Log calls into Intercom as the native integration would, never twice
    ///
    /// Call kinds, from Aircall's fields: outbound with `answered_at` is outbound answered,
    /// without it outbound unanswered; inbound with `answered_at` is inbound answered; an
    /// unanswered inbound call with a voicemail is a voicemail; with `missed_call_reason`
    /// `out_of_opening_hours`, `no_available_agent` or `agents_did_not_answer` it is missed;
    /// otherwise (the caller abandoned) inbound unanswered.
    ///
    /// Columns, in order (a terminal table leaves out the ones that matter least to fit; TSV when
    /// piped, with no header; `--csv` has one): call, started, kind, caller, outcome, contact, title, assignee, tags, reason. A terminal table leaves out the calls that need nothing (native, already logged, not finished) unless `--all`.
    #[command(after_help = examples::BACKFILL_CALLS)]
    Calls(BackfillCallsArgs),
    /// Re-sync call tags onto their conversations (adding and removing), with no time window
    ///
    /// Finds each call's conversation (logged by aircom, or natively and recognised by title
    /// and time) and plans each conversation whole. A tag is removed only when it exists in
    /// Aircall, no call logged in that conversation carries it, and every call log there is
    /// attributed; tags people added in Intercom stay. Every change is journaled: `aircom
    /// undo RUN` puts the tags back.
    ///
    /// Columns, in order (a terminal table leaves out the ones that matter least to fit; TSV when
    /// piped, with no header; `--csv` has one): calls, conversation, outcome, added, removed, reason. A terminal table leaves out the conversations whose tags already agree unless `--all`.
    #[command(after_help = examples::BACKFILL_TAGS)]
    Tags(BackfillTagsArgs),
    /// Log archived SMS (`message.*` webhook payloads, JSON Lines) as the integration would
    ///
    /// Aircall's API cannot list past messages: this reads what a webhook receiver stored
    /// (`aircom sandbox export-sms` makes a demo file). Malformed lines are reported with
    /// their line number and skipped.
    ///
    /// Columns, in order (a terminal table leaves out the ones that matter least to fit; TSV when
    /// piped, with no header; `--csv` has one): message, direction, number, outcome, contact, title, assignee, reason. A terminal table leaves out the messages that need nothing unless `--all`.
    #[command(after_help = examples::BACKFILL_SMS)]
    Sms(BackfillSmsArgs),
}

#[derive(Debug, Args)]
pub struct BackfillSmsArgs {
    #[command(flatten)]
    pub phone: PhoneArgs,
    /// The archive: one webhook payload per line (`-` for stdin)
    #[arg(long, value_name = "FILE")]
    pub from: String,
    /// What to create for a number no Intercom contact has
    #[arg(long, value_enum, default_value_t = CreateContacts::Lead, value_name = "ROLE")]
    pub create_contacts: CreateContacts,
    /// Where each SMS is logged
    #[arg(long, value_enum, default_value_t = ConversationMode::New, value_name = "MODE")]
    pub conversation: ConversationMode,
    /// Language of titles and note labels
    #[arg(long, value_enum, default_value_t = crate::integration::Locale::En, value_name = "LANG")]
    pub locale: crate::integration::Locale,
    /// The admin SMS fall back to (email or id; default: the admin behind the token)
    #[arg(long, value_name = "EMAIL|ID")]
    pub default_admin: Option<String>,
    /// Print the plan per message, write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct BackfillTagsArgs {
    #[command(flatten)]
    pub phone: PhoneArgs,
    /// Start of the period: a date, a datetime with offset, or `7d`, `36h` back from now
    #[arg(long, value_name = "WHEN", value_parser = crate::when::parse_arg)]
    pub since: When,
    /// End of the period (default: now)
    #[arg(long, value_name = "WHEN", value_parser = crate::when::parse_arg)]
    pub until: Option<When>,
    /// Print what would change, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// The admin tags are applied as (email or id; default: the admin behind the token)
    #[arg(long, value_name = "EMAIL|ID")]
    pub default_admin: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnlyCalls {
    All,
    Missed,
    Unanswered,
    Voicemail,
    Inbound,
    Outbound,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CreateContacts {
    Lead,
    User,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConversationMode {
    /// A new conversation per call
    New,
    /// The contact's last open conversation: the title as an internal note, then the details
    /// (a new conversation when none is open)
    LastOpen,
}

#[derive(Debug, Args)]
// `--since` is required unless `--explain` names a call: a group, so `Usage:` says so.
#[command(group(clap::ArgGroup::new("period").args(["since", "explain"]).required(true).multiple(true)))]
pub struct BackfillCallsArgs {
    #[command(flatten)]
    pub phone: PhoneArgs,
    /// Start of the period: a date, a datetime with offset, or `7d`, `36h` back from now
    /// (required, unless `--explain` names one call)
    #[arg(long, value_name = "WHEN", value_parser = crate::when::parse_arg)]
    pub since: Option<When>,
    /// End of the period (default: now)
    #[arg(long, value_name = "WHEN", value_parser = crate::when::parse_arg)]
    pub until: Option<When>,
    /// Only calls of this kind
    #[arg(long, value_enum, default_value_t = OnlyCalls::All, value_name = "KIND")]
    pub only: OnlyCalls,
    /// Only calls on this Aircall number (its name, its id, or the number with `+`)
    #[arg(long, value_name = "NAME|ID|NUMBER")]
    pub number: Option<String>,
    /// What to create for a caller no Intercom contact has
    #[arg(long, value_enum, default_value_t = CreateContacts::Lead, value_name = "ROLE")]
    pub create_contacts: CreateContacts,
    /// Where each call is logged
    #[arg(long, value_enum, default_value_t = ConversationMode::New, value_name = "MODE")]
    pub conversation: ConversationMode,
    /// Language of titles and note labels
    #[arg(long, value_enum, default_value_t = crate::integration::Locale::En, value_name = "LANG")]
    pub locale: crate::integration::Locale,
    /// The admin calls fall back to (email or id; default: the admin behind the token)
    #[arg(long, value_name = "EMAIL|ID")]
    pub default_admin: Option<String>,
    /// Print the plan per call, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Show the whole reasoning for one call, write nothing
    #[arg(long, value_name = "CALL_ID")]
    pub explain: Option<i64>,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// The run to undo (`aircom runs` lists them)
    #[arg(value_name = "RUN_ID")]
    pub run_id: i64,
    /// Print what would be restored, write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct RunsArgs {
    /// Show at most this many runs, newest first
    #[arg(short = 'L', long, default_value_t = 30, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
}

#[derive(Debug, Subcommand)]
pub enum SandboxCommand {
    /// Serve both fake APIs on loopback until Ctrl-C
    #[command(after_help = examples::SANDBOX_SERVE)]
    Serve(SandboxServeArgs),
    /// Write the demo data's SMS as archived `message.*` webhook payloads (JSON Lines)
    #[command(after_help = examples::SANDBOX_EXPORT_SMS)]
    ExportSms(ExportSmsArgs),
}

#[derive(Debug, Args, Clone)]
pub struct SandboxServeArgs {
    /// Seed of the demo data and of the fault sequence
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Intercom contacts to seed
    #[arg(long, default_value_t = 300, value_name = "N", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=2_000_000))]
    pub contacts: usize,
    /// Aircall calls to seed
    #[arg(long, default_value_t = 240, value_name = "N", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(0..=1_000_000))]
    pub calls: usize,
    /// Days the calls span, back from today (60 to 183; Aircall keeps about 180)
    #[arg(long, default_value_t = 60, value_name = "N", value_parser = clap::value_parser!(u32).range(60..=183))]
    pub days: u32,
    /// Added latency per request, in ms: `100` or a range `50..200`
    #[arg(long, value_name = "MS[..MS]")]
    pub latency: Option<String>,
    /// Faults, e.g. `5xx=0.1,429=0.05,reset=0.02`, each optionally `@aircall[/path]`
    #[arg(long, value_name = "SPEC")]
    pub faults: Option<String>,
    /// Aircall's per-company limit, requests per minute
    #[arg(long, default_value_t = 60, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub aircall_limit: u32,
    /// Intercom's per-app limit, requests per minute (applied per 10-second window)
    #[arg(long, default_value_t = 10_000, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    pub intercom_limit: u32,
    /// Seconds before a contact or conversation created through the API shows in Intercom's
    /// search (Intercom documents a lag of minutes); `GET` by id sees it at once
    #[arg(long, default_value_t = 3, value_name = "SECS", value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub search_lag: u64,
    /// Send `X-AircallApi-*` headers on every response, not only on 429
    #[arg(long)]
    pub aircall_headers_always: bool,
    /// Port of the Aircall fake; Intercom's is the next one (default: free ports)
    #[arg(long, default_value_t = 0, value_name = "PORT")]
    pub port: u16,
    /// Demo data anchor (UNIX seconds from 1970 to 9999; default today's UTC midnight)
    #[arg(long, value_name = "TS", hide = true,
          value_parser = clap::value_parser!(i64).range(0..=253_402_300_799))]
    pub anchor: Option<i64>,
    /// Keep the state in this file (loaded at start, saved at exit)
    #[arg(long, value_name = "FILE")]
    pub state_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportSmsArgs {
    /// Where to write (`-` for stdout)
    #[arg(value_name = "FILE")]
    pub output: String,
    /// Seed of the demo data
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write one page per command here (`aircom.1`, `aircom-backfill-calls.1`, …) instead of
    /// printing `aircom.1`
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Each command's `Examples:` (its `after_help`, so `-h`, `--help` and `aircom help …` show
/// them; the man pages render them as EXAMPLES). Each example is a `# comment` line and the
/// command lines it describes; a test parses every `aircom …` line with this very parser.
pub mod examples {
    pub const ROOT: &str = concat!(
        "\
Examples:
  # Rehearse on the built-in sandbox: replay 60 days of calls, no account
  aircom --sandbox backfill calls --since 60d --yes

  # Check both credentials, the identities behind them and the rate limits
  aircom doctor

  # Run one command with another profile of the config file
  aircom --profile eu audit duplicates --with-calls

  # Machine output: every data command takes --json (schemas in docs/json.md)
  aircom runs --json",
        "\n\n",
        exit_codes!()
    );

    pub const DOCTOR: &str = "\
Examples:
  # Check the credentials from the environment (or the config file's profile)
  aircom doctor

  # The same report as one JSON document, for a monitoring script
  aircom doctor --json

  # What the built-in sandbox pretends to be
  aircom --sandbox doctor

  # Add last week's logging coverage and last outage (reads the week's calls)
  aircom doctor --with-calls 7d";

    pub const AUTH: &str = "\
Examples:
  # Check a profile's credentials (the same as `aircom --profile prod doctor`)
  aircom auth status --profile prod";

    pub const AUTH_STATUS: &str = "\
Examples:
  # Check the credentials, as `aircom doctor` does
  aircom auth status

  # Check a profile's credentials, as JSON
  aircom auth status --profile prod --json";

    pub const CHECK_NUMBER: &str = "\
Examples:
  # One number written the French way, and what it matches on both sides
  aircom check-number --country FR \"07 62 04 35 75\"

  # Several numbers, read only (no lookup in Aircall or Intercom)
  aircom check-number --offline +33762043575 \"+44 20 8765 3456\"

  # One number per line from a file; exit 3 if any is invalid or ambiguous
  aircom check-number --offline --country US < numbers.txt

  # On the sandbox, as JSON
  aircom --sandbox check-number --json +14422497851";

    pub const NORMALIZE: &str = "\
Examples:
  # Add E.164 columns, reading national numbers as French
  aircom normalize contacts.csv --column phone --country FR -o e164.csv

  # Each row's own country from a column, stdin to stdout
  aircom normalize - --column phone --country-column country < contacts.csv

  # Also write Aircall's dashboard import files into import/
  aircom normalize contacts.csv --column phone --country FR \\
    --name-column name --aircall-import import";

    pub const AUDIT: &str = "\
Examples:
  # Numbers several contacts share, and the calls each cost in 30 days
  aircom audit duplicates --with-calls

  # Phones not stored in E.164 that `aircom fix numbers` can rewrite
  aircom audit numbers --country FR --status fixable";

    pub const AUDIT_DUPLICATES: &str = "\
Examples:
  # Numbers several Intercom contacts share, and the calls each cost in 30d
  aircom audit duplicates --with-calls

  # The same over 90 days, as JSON
  aircom audit duplicates --with-calls 90d --json

  # Numbers several Aircall contacts share
  aircom audit duplicates --aircall

  # Walk the groups on a terminal, choose per group, review, then confirm
  aircom audit duplicates --fix --with-calls

  # See what an unattended repair would do, then do it
  aircom audit duplicates --fix --strategy merge-leads --dry-run
  aircom audit duplicates --fix --strategy merge-leads --yes";

    pub const AUDIT_LOGGING: &str = "\
Examples:
  # Did the integration log the last 30 days of calls? Per number, outages
  aircom audit logging --since 30d

  # One line, one month, as a self-contained HTML report
  aircom audit logging --since 2025-05-01 --until 2025-06-01 \\
    --number \"Paris Support\" --html logging.html

  # Call an outage only after 5 calls in a row over at least 2 hours
  aircom audit logging --since 7d --min-outage-calls 5 --min-outage 2h";

    pub const AUDIT_NUMBERS: &str = "\
Examples:
  # Every phone not stored exactly in E.164, national numbers read as French
  aircom audit numbers --country FR

  # Only the ambiguous ones, as CSV for a spreadsheet
  aircom audit numbers --country FR --status ambiguous --csv > ambiguous.csv";

    pub const FIX: &str = "\
Examples:
  # See the plan, then rewrite the fixable phones
  aircom fix numbers --country FR --dry-run
  aircom fix numbers --country FR --yes";

    pub const FIX_NUMBERS: &str = "\
Examples:
  # See the plan: each phone's stored and E.164 form
  aircom fix numbers --country FR --dry-run

  # Rewrite at most 50 phones, unattended (`aircom undo RUN_ID` undoes it)
  aircom fix numbers --country FR --limit 50 --yes

  # Also choose a reading for each ambiguous number (asks on a terminal)
  aircom fix numbers --country FR --include-ambiguous";

    pub const UNDO: &str = "\
Examples:
  # Find the run, see what undoing it restores, then restore it
  aircom runs
  aircom undo 42 --dry-run
  aircom undo 42 --yes";

    pub const SYNC: &str = "\
Examples:
  # See the plan, then sync every user and lead with a certain phone
  aircom sync contacts --dry-run
  aircom sync contacts --yes";

    pub const SYNC_CONTACTS: &str = "\
Examples:
  # See the plan: creations, updates with their field diffs, skips
  aircom sync contacts --dry-run

  # Sync, unattended, and write the skipped contacts with their reasons
  aircom sync contacts --yes --report skipped.csv

  # From cron: only what changed since the last complete sync
  aircom sync contacts --incremental --yes

  # Only users tagged VIP, numbers without a country code read as French
  aircom sync contacts --role user --tag VIP --country FR --yes

  # See which contacts aircom created that a prune would delete
  aircom sync contacts --prune --dry-run

  # Write Aircall dashboard import files instead of calling the API
  aircom sync contacts --export-csv import";

    pub const BACKFILL: &str = "\
Examples:
  # Log the last 30 days of calls the integration missed
  aircom backfill calls --since 30d --yes

  # Bring late call tags onto their conversations
  aircom backfill tags --since 30d --yes

  # Log archived SMS webhook payloads
  aircom backfill sms --from messages.jsonl --yes";

    pub const BACKFILL_CALLS: &str = "\
Examples:
  # Rehearse on the built-in sandbox: no account needed
  aircom --sandbox backfill calls --since 60d --yes

  # The decision for each call of the last week; nothing written
  aircom backfill calls --since 7d --dry-run

  # Missed calls on the Support line since May, unattended
  aircom backfill calls --since 2025-05-01 --only missed \\
    --number \"Paris Support\" --yes

  # Into each contact's open conversation, titles in Spanish
  aircom backfill calls --since 30d --conversation last-open --locale es --yes

  # Why one call was (or was not) logged
  aircom backfill calls --explain 1234567";

    pub const BACKFILL_TAGS: &str = "\
Examples:
  # What would change on each conversation; nothing written
  aircom backfill tags --since 30d --dry-run

  # One month, unattended (`aircom undo RUN_ID` puts the tags back)
  aircom backfill tags --since 2025-05-01 --until 2025-06-01 --yes";

    pub const BACKFILL_SMS: &str = "\
Examples:
  # Rehearse on the sandbox with its own demo archive
  aircom sandbox export-sms sms.jsonl
  aircom --sandbox backfill sms --from sms.jsonl --dry-run

  # Log an archive of webhook payloads, unattended
  aircom backfill sms --from messages.jsonl --yes

  # From a compressed archive, on stdin
  gzip -dc messages.jsonl.gz | aircom backfill sms --from - --yes";

    pub const RUNS: &str = "\
Examples:
  # Past runs, newest first
  aircom runs

  # The last five, as JSON
  aircom runs --limit 5 --json";

    pub const SANDBOX: &str = "\
Examples:
  # Serve both fakes and point this shell at them
  aircom sandbox serve > sandbox.env &
  sleep 1 && . ./sandbox.env && aircom doctor

  # A demo SMS archive for `aircom backfill sms`
  aircom sandbox export-sms sms.jsonl";

    pub const SANDBOX_SERVE: &str = "\
Examples:
  # Serve on free ports; stdout has the `export` lines for a shell
  aircom sandbox serve > sandbox.env &

  # Realistic limits, latency and 5% server errors, for benchmarks
  aircom sandbox serve --latency 50..150 --faults 5xx=0.05 --aircall-limit 60

  # Keep the world between runs, on fixed ports (Aircall 9000, Intercom 9001)
  aircom sandbox serve --state-file world.json --port 9000

  # The URLs, public sandbox credentials and the world's truth, as JSON
  aircom sandbox serve --json";

    pub const SANDBOX_EXPORT_SMS: &str = "\
Examples:
  # Write the demo world's SMS as webhook payloads, one per line
  aircom sandbox export-sms sms.jsonl

  # The first payload, on stdout
  aircom sandbox export-sms - | head -1";

    pub const COMPLETIONS: &str = "\
Examples:
  # bash, for the current user
  aircom completions bash > ~/.local/share/bash-completion/completions/aircom

  # fish
  aircom completions fish > ~/.config/fish/completions/aircom.fish";
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_self_check() {
        Cli::command().debug_assert();
    }
}
