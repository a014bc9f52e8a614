//! Every environment variable aircom reads, declared once. Test-only ones contain `_TEST_`.

/// Aircall API id (Basic auth user).
pub const AIRCALL_API_ID: &str = "AIRCALL_API_ID";
/// Aircall API token (Basic auth password).
pub const AIRCALL_API_TOKEN: &str = "AIRCALL_API_TOKEN";
/// Override of the Aircall base URL (`https://api.aircall.io`); plain http only on loopback.
pub const AIRCALL_BASE_URL: &str = "AIRCALL_BASE_URL";
/// Intercom access token (Bearer).
pub const INTERCOM_ACCESS_TOKEN: &str = "INTERCOM_ACCESS_TOKEN";
/// Intercom data-hosting region: `us`, `eu` or `au`.
pub const INTERCOM_REGION: &str = "INTERCOM_REGION";
/// Override of the Intercom base URL; plain http only on loopback.
pub const INTERCOM_BASE_URL: &str = "INTERCOM_BASE_URL";
/// Where the shared references and the Intercom spec live (default `../shared`).
pub const AIRCOM_SHARED_DIR: &str = "AIRCOM_SHARED_DIR";
/// Path of Intercom's OpenAPI description, for the contract test.
pub const AIRCOM_INTERCOM_SPEC: &str = "AIRCOM_INTERCOM_SPEC";
/// The config file (default: the platform config dir's `aircom/config.toml`).
pub const AIRCOM_CONFIG: &str = "AIRCOM_CONFIG";
/// The profile to use from the config file.
pub const AIRCOM_PROFILE: &str = "AIRCOM_PROFILE";
/// The ledger file (default: the platform state dir's `aircom/ledger.sqlite`).
pub const AIRCOM_STATE: &str = "AIRCOM_STATE";
/// Aircall requests per minute to pace at (default 60).
pub const AIRCOM_AIRCALL_RATE: &str = "AIRCOM_AIRCALL_RATE";
/// Intercom requests per minute to pace at (default 10,000).
pub const AIRCOM_INTERCOM_RATE: &str = "AIRCOM_INTERCOM_RATE";
/// Maximum retries of one request (default 5).
pub const AIRCOM_MAX_RETRIES: &str = "AIRCOM_MAX_RETRIES";
/// Disables colour when set to anything (https://no-color.org).
pub const NO_COLOR: &str = "NO_COLOR";
/// Test only: no backoff delays between retries.
pub const AIRCOM_TEST_NO_RETRY_DELAY: &str = "AIRCOM_TEST_NO_RETRY_DELAY";
/// Test only: seconds after which Intercom's search is trusted to show a new contact
/// (default 15 minutes; the sandbox lags 3 s).
pub const AIRCOM_TEST_SEARCH_SETTLE_SECS: &str = "AIRCOM_TEST_SEARCH_SETTLE_SECS";
/// Test only: never draw progress bars (their timing varies).
pub const AIRCOM_TEST_NO_PROGRESS: &str = "AIRCOM_TEST_NO_PROGRESS";
/// Test only: the planning clock's "now", in seconds since the epoch (snapshots of tables
/// with relative times and windows such as `--since 61d`).
pub const AIRCOM_TEST_NOW: &str = "AIRCOM_TEST_NOW";
/// Test only: act as if stdout and stderr were terminals.
pub const AIRCOM_TEST_FORCE_TTY: &str = "AIRCOM_TEST_FORCE_TTY";
/// The terminal width tables fit, when the terminal does not say (`COLUMNS` is read too).
pub const COLUMNS: &str = "COLUMNS";
/// The terminal height a table is paged past, when the terminal does not say.
pub const LINES: &str = "LINES";
/// The pager long tables go through on a terminal (default `less -FRX`; `--no-pager`).
pub const PAGER: &str = "PAGER";
/// Test only: rewrite `completions/` (and the man pages in `completions/man/`) instead of
/// comparing with them.
pub const UPDATE_COMPLETIONS: &str = "UPDATE_COMPLETIONS";
