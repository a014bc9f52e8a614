//! Every clap type, in one place: the command tree, global options and each command's args.
//! Doc comments here are the `--help` text.

use std::path::PathBuf;

use crate::when::When;
use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit codes:
  0    success (including \"nothing found\")
  1    ran and failed: API or network error, or some items failed
  2    usage: bad flag or value, or `--yes` missing without a terminal
  3    a check said no (`check-number`: invalid or ambiguous)
  4    credentials missing or rejected
  130  interrupted, or confirmation declined";

#[derive(Debug, Parser)]
#[command(
    name = "aircom",
    version,
    about = "The admin toolbox for Aircall + Intercom",
    long_about = "The admin toolbox for Aircall + Intercom: sync contacts, find the duplicates \
                  and badly formatted numbers that block call logging, fix them with undo, \
                  and replay calls into Intercom exactly as the native integration logs them.",
    after_help = EXIT_CODES,
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
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// Only errors on stderr
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// When to use colour
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Write data as one JSON document (JSON Lines for streaming commands)
    #[arg(long, global = true, conflicts_with = "csv")]
    pub json: bool,
    /// Write data as CSV with a header row
    #[arg(long, global = true)]
    pub csv: bool,
    /// Never draw progress bars
    #[arg(long, global = true)]
    pub no_progress: bool,
    /// Tables: show every cell whole, however wide (by default cells are cut with `…` to fit
    /// the terminal; ids and numbers never are)
    #[arg(long, global = true)]
    pub wide: bool,
    /// Answer yes to confirmations (needed to write without a terminal)
    #[arg(short, long, global = true)]
    pub yes: bool,
    /// Profile from the config file
    #[arg(long, global = true, env = "AIRCOM_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,
    /// The ledger (SQLite) holding runs, progress and the undo journal
    #[arg(long, global = true, env = "AIRCOM_STATE", value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Run against the built-in sandbox (fake Aircall and Intercom with demo data)
    ///
    /// The in-process sandbox answers with no added latency and generous rate limits
    /// (Aircall 6,000/min, Intercom 60,000/min) so a demo finishes in seconds. It keeps its
    /// own ledger, so rehearsals never mix with real runs.
    #[arg(long, global = true)]
    pub sandbox: bool,
    /// Keep the sandbox's state in this file between runs (with `--sandbox`)
    #[arg(long, global = true, value_name = "FILE", requires = "sandbox")]
    pub sandbox_state: Option<PathBuf>,
    /// Aircall requests per minute to pace at (Aircall's limit is per company: 60 is safe)
    #[arg(long, global = true, env = "AIRCOM_AIRCALL_RATE", value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=crate::config::MAX_AIRCALL_RATE as i64))]
    pub aircall_rate: Option<u32>,
    /// Intercom requests per minute to pace at (default 10,000, the per-app limit)
    #[arg(long, global = true, env = "AIRCOM_INTERCOM_RATE", value_name = "N",
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
    #[command(visible_alias = "auth-status")]
    Doctor(DoctorArgs),
    /// Credentials (`auth status` is `doctor`)
    #[command(subcommand)]
    Auth(AuthCommand),
    /// Validate phone numbers and show what they match
    CheckNumber(CheckNumberArgs),
    /// Add E.164 columns to a CSV of phone numbers
    Normalize(NormalizeArgs),
    /// Find what blocks call logging: shared numbers, badly formatted numbers
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Repair what an audit found, with a plan, a journal and undo
    #[command(subcommand)]
    Fix(FixCommand),
    /// Restore the values a run wrote, where nobody changed them since
    Undo(UndoArgs),
    /// Bring Intercom users and leads into Aircall
    #[command(subcommand)]
    Sync(SyncCommand),
    /// Replay Aircall activity into Intercom exactly as the native integration logs it
    #[command(subcommand)]
    Backfill(BackfillCommand),
    /// List past runs from the ledger
    Runs(RunsArgs),
    /// Run or use the built-in sandbox of both APIs
    #[cfg(feature = "sandbox")]
    #[command(subcommand)]
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
    #[command(verbatim_doc_comment)]
    Completions(CompletionsArgs),
    /// Print the man page (roff)
    #[command(hide = true)]
    Man,
}

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Same as `aircom doctor`
    Status(DoctorArgs),
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Show the tokens in full
    #[arg(long)]
    pub show_token: bool,
}

#[derive(Debug, Args)]
pub struct CheckNumberArgs {
    /// Numbers to check (none on a terminal: ask interactively)
    #[arg(value_name = "NUMBER")]
    pub numbers: Vec<String>,
    /// Default country for numbers written without a country code (ISO code, e.g. FR)
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
    /// Default country for national numbers (ISO code)
    #[arg(long, value_name = "CC", conflicts_with = "country_column")]
    pub country: Option<String>,
    /// A column holding each row's country (ISO code or name)
    #[arg(long, value_name = "NAME")]
    pub country_column: Option<String>,
    /// Where to write (`-` for stdout, the default)
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
    Duplicates(AuditDuplicatesArgs),
    /// List contacts whose stored phone is not exactly its E.164 form
    Numbers(AuditNumbersArgs),
}

#[derive(Debug, Subcommand)]
pub enum FixCommand {
    /// Rewrite fixable phones to E.164 in Intercom
    Numbers(FixNumbersArgs),
}

/// How phone numbers are read, shared by the audits and fixes.
#[derive(Debug, Args, Clone)]
pub struct PhoneArgs {
    /// Default country for numbers written without a country code (ISO code)
    ///
    /// For a number without a country code, the contact's location country is tried first
    /// and this flag (else the configured default) is the fallback; when the two give
    /// different valid numbers, or only the fallback gives a valid one, the number is reported
    /// as ambiguous and never written.
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// Concurrent search cursors for the contact scan
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NumberStatus {
    /// One certain reading: `fix numbers` writes it
    Fixable,
    Invalid,
    /// Readings in different countries (or the location and default country disagree): never
    /// written without a per-row choice
    Ambiguous,
    /// Carries an extension E.164 cannot hold: never rewritten
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
    Calls(BackfillCallsArgs),
    /// Re-sync call tags onto their conversations (adding and removing), with no time window
    ///
    /// Finds each call's conversation (logged by aircom, or natively and recognised by title
    /// and time) and plans each conversation whole. A tag is removed only when it exists in
    /// Aircall, no call logged in that conversation carries it, and every call log there is
    /// attributed; tags people added in Intercom stay. Every change is journaled: `aircom
    /// undo RUN` puts the tags back.
    Tags(BackfillTagsArgs),
    /// Log archived SMS (`message.*` webhook payloads, JSON Lines) as the integration would
    ///
    /// Aircall's API cannot list past messages: this reads what a webhook receiver stored
    /// (`aircom sandbox export-sms` makes a demo file). Malformed lines are reported with
    /// their line number and skipped.
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
pub struct BackfillCallsArgs {
    #[command(flatten)]
    pub phone: PhoneArgs,
    /// Start of the period: a date, a datetime with offset, or `7d`, `36h` back from now
    #[arg(long, value_name = "WHEN", required_unless_present = "explain", value_parser = crate::when::parse_arg)]
    pub since: Option<When>,
    /// End of the period (default: now)
    #[arg(long, value_name = "WHEN", value_parser = crate::when::parse_arg)]
    pub until: Option<When>,
    /// Only calls of this kind
    #[arg(long, value_enum, default_value_t = OnlyCalls::All, value_name = "KIND")]
    pub only: OnlyCalls,
    /// Only calls on this Aircall number (name or id)
    #[arg(long, value_name = "NAME|ID")]
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
    Serve(SandboxServeArgs),
    /// Write the demo data's SMS as archived `message.*` webhook payloads (JSON Lines)
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_self_check() {
        Cli::command().debug_assert();
    }
}
