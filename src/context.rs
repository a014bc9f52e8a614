//! What every command gets: the Printer, the resolved settings, lazy API clients (a command
//! that never calls Intercom never asks for its token), the ledger, the clock, and the
//! in-process sandbox when `--sandbox` is on.

use std::path::PathBuf;

use anyhow::Context as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use crate::aircall::AircallClient;
use crate::cli::GlobalArgs;
use crate::config::{AircallCreds, IntercomCreds, Settings};
use crate::http::{Api, ApiConfig, ApiName, Auth, LogLine, Observer, RetryPolicy};
use crate::intercom::IntercomClient;
use crate::ledger::Ledger;
use crate::output::Printer;

pub struct Ctx {
    pub printer: Printer,
    pub global: GlobalArgs,
    pub settings: Settings,
    pub sandbox: Option<builtin::InProcess>,
    aircall: OnceLock<AircallClient>,
    intercom: OnceLock<IntercomClient>,
    /// The throwaway sandbox world's ledger lives here, removed at exit.
    scratch: OnceLock<tempfile::TempDir>,
    workspace: tokio::sync::OnceCell<String>,
    /// Set by Ctrl-C while a bulk job runs: finish the current item, record it, stop.
    pub interrupted: Arc<AtomicBool>,
    /// Whether a bulk job is running (Ctrl-C then waits for the current item).
    pub bulk: Arc<AtomicBool>,
}

impl Ctx {
    pub async fn new(global: GlobalArgs) -> anyhow::Result<Ctx> {
        let printer = Printer::new(&global);
        let settings = Settings::load(global.profile.as_deref())?;
        for w in &settings.warnings {
            printer.warn(w);
        }
        let sandbox = if global.sandbox {
            let sb = builtin::start(&global).await?;
            printer.debug(builtin::describe(&sb));
            Some(sb)
        } else {
            None
        };
        Ok(Ctx {
            printer,
            global,
            settings,
            sandbox,
            aircall: OnceLock::new(),
            intercom: OnceLock::new(),
            scratch: OnceLock::new(),
            workspace: tokio::sync::OnceCell::new(),
            interrupted: Arc::new(AtomicBool::new(false)),
            bulk: Arc::new(AtomicBool::new(false)),
        })
    }

    /// The planning clock (windows, "3 hours ago", what is too recent to judge): the
    /// system's, or `AIRCOM_TEST_NOW` in tests.
    pub fn now(&self) -> i64 {
        match std::env::var(crate::env::AIRCOM_TEST_NOW) {
            // A test's own setting: a value that does not parse is the test's bug.
            Ok(s) => s
                .parse()
                .unwrap_or_else(|_| panic!("AIRCOM_TEST_NOW={s:?} is not seconds since the epoch")),
            Err(_) => jiff::Timestamp::now().as_second(),
        }
    }

    pub fn interrupted(&self) -> bool {
        self.interrupted.load(Ordering::SeqCst)
    }

    fn observer(&self) -> Option<Observer> {
        let p = self.printer.clone();
        // Several tasks meet the same 429: one line for them all.
        let said = std::sync::Mutex::new(None::<std::time::Instant>);
        Some(Arc::new(move |l: &LogLine| {
            // A pause longer than 2 s is said, or the run looks hung (issue 14).
            let long = l.wait.filter(|w| *w > std::time::Duration::from_secs(2));
            let fresh = long.is_some() && {
                let mut last = said.lock().expect("lock");
                let now = std::time::Instant::now();
                let again =
                    last.is_none_or(|t| now.duration_since(t) > std::time::Duration::from_secs(2));
                if again {
                    *last = Some(now);
                }
                again
            };
            if let Some(w) = long.filter(|_| fresh) {
                let secs = w.as_secs_f64().ceil() as u64;
                p.notice(match l.status {
                    _ if l.rate_limited => format!("{} rate limit: waiting {secs} s", l.api),
                    Some(code) => format!("{} answered {code}: retrying in {secs} s", l.api),
                    None => format!("{}: retrying in {secs} s", l.api),
                });
            }
            // (A line with no path is a limiter event, not a request.)
            if p.verbose() < 2 || l.path.is_empty() {
                return;
            }
            p.trace(format!(
                "{} {} {} -> {} in {}ms{}{}",
                l.api,
                l.method,
                l.path,
                l.status
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| "---".into()),
                l.duration.as_millis(),
                if l.attempt > 0 {
                    format!(" (retry {})", l.attempt)
                } else {
                    String::new()
                },
                l.note
                    .as_ref()
                    .map(|n| format!(" [{n}]"))
                    .unwrap_or_default(),
            ))
        }))
    }

    fn retry_policy(&self) -> RetryPolicy {
        let mut p = RetryPolicy::default();
        if let Some(n) = std::env::var(crate::env::AIRCOM_MAX_RETRIES)
            .ok()
            .and_then(|v| v.parse().ok())
        {
            p.max_retries = n;
        }
        p.no_delay = std::env::var_os(crate::env::AIRCOM_TEST_NO_RETRY_DELAY).is_some();
        p
    }

    pub fn aircall_creds(&self) -> anyhow::Result<AircallCreds> {
        if let Some(sb) = &self.sandbox {
            return builtin::aircall_creds(sb);
        }
        self.settings.aircall()
    }

    pub fn intercom_creds(&self) -> anyhow::Result<IntercomCreds> {
        if let Some(sb) = &self.sandbox {
            return builtin::intercom_creds(sb);
        }
        self.settings.intercom()
    }

    /// Aircall requests per minute to pace at: flag/env, config, else 60 (the safe reading of
    /// the digest's 60-vs-120 conflict). The in-process sandbox allows much more.
    pub fn aircall_rate(&self) -> u32 {
        self.global
            .aircall_rate
            .or(self.settings.profile.aircall_rate)
            .unwrap_or(if self.sandbox.is_some() { 6_000 } else { 60 })
    }

    pub fn intercom_rate(&self) -> u32 {
        self.global
            .intercom_rate
            .or(self.settings.profile.intercom_rate)
            .unwrap_or(if self.sandbox.is_some() {
                60_000
            } else {
                10_000
            })
    }

    pub fn aircall(&self) -> anyhow::Result<&AircallClient> {
        if let Some(c) = self.aircall.get() {
            return Ok(c);
        }
        let creds = self.aircall_creds()?;
        let api = Api::new(
            ApiConfig {
                name: ApiName::Aircall,
                base_url: creds.base_url,
                auth: Auth::Basic {
                    id: creds.api_id,
                    token: creds.token,
                },
                per_minute: self.aircall_rate(),
                retry: self.retry_policy(),
                extra_headers: vec![],
            },
            self.observer(),
        )?;
        Ok(self.aircall.get_or_init(|| AircallClient::new(api)))
    }

    pub fn intercom(&self) -> anyhow::Result<&IntercomClient> {
        if let Some(c) = self.intercom.get() {
            return Ok(c);
        }
        let creds = self.intercom_creds()?;
        let api = Api::new(
            ApiConfig {
                name: ApiName::Intercom,
                base_url: creds.base_url,
                auth: Auth::Bearer(creds.token),
                per_minute: self.intercom_rate(),
                retry: self.retry_policy(),
                extra_headers: vec![("Intercom-Version", crate::intercom::VERSION.into())],
            },
            self.observer(),
        )?;
        Ok(self.intercom.get_or_init(|| IntercomClient::new(api)))
    }

    /// Where this run's ledger is: `--state`; for a sandbox rehearsal, beside its
    /// `--sandbox-state` file, or a throwaway file for a throwaway world (a rehearsal's ledger
    /// must never tell a fresh world that its calls are "already logged"); else the default.
    pub fn ledger_path(&self) -> anyhow::Result<PathBuf> {
        if let Some(p) = &self.global.state {
            return Ok(p.clone());
        }
        if self.sandbox.is_none() {
            return Ok(crate::ledger::default_path());
        }
        if let Some(state) = &self.global.sandbox_state {
            let mut name = state.as_os_str().to_owned();
            name.push(".ledger.sqlite");
            return Ok(PathBuf::from(name));
        }
        if self.scratch.get().is_none() {
            let dir = tempfile::Builder::new()
                .prefix("aircom-sandbox-")
                .tempdir()
                .context("creating a scratch directory for the sandbox's ledger")?;
            let _ = self.scratch.set(dir);
        }
        Ok(self
            .scratch
            .get()
            .expect("just set")
            .path()
            .join("ledger.sqlite"))
    }

    /// The ledger, unbound: every workspace's runs (for `aircom runs`).
    pub fn ledger(&self) -> anyhow::Result<Ledger> {
        Ledger::open(&self.ledger_path()?)
    }

    /// The workspace this run works on: the Intercom app and the Aircall company that the
    /// configured credentials open, each read once (`GET /me`, `GET /v1/company`), e.g.
    /// `intercom:abc123 aircall:Acme`. A ledger never mixes two workspaces' rows.
    pub async fn workspace(&self) -> anyhow::Result<&str> {
        self.workspace
            .get_or_try_init(|| async {
                let mut parts = Vec::new();
                let intercom = self.intercom_creds();
                if intercom.is_ok() {
                    let me = self.intercom()?.me().await?;
                    parts.push(format!("intercom:{}", me.app.id_code));
                }
                if self.aircall_creds().is_ok() {
                    let company = self.aircall()?.company().await?;
                    parts.push(format!("aircall:{}", company.name));
                }
                if parts.is_empty() {
                    intercom?;
                }
                Ok::<String, anyhow::Error>(parts.join(" "))
            })
            .await
            .map(String::as_str)
    }

    /// The ledger bound to this run's workspace: what writing jobs use.
    pub async fn workspace_ledger(&self) -> anyhow::Result<Ledger> {
        let ws = self.workspace().await?.to_string();
        self.ledger()?.bind(&ws)
    }

    /// Saves the sandbox state file, if `--sandbox-state` was given.
    pub fn finish(&self) -> anyhow::Result<()> {
        if let Some(sb) = &self.sandbox {
            builtin::save(sb)?;
        }
        Ok(())
    }
}

/// The in-process sandbox (`--sandbox`), when this binary was built with the `sandbox` feature.
/// The fakes live in the `aircom-sandbox` crate; this is the only place `Ctx` touches them.
#[cfg(feature = "sandbox")]
mod builtin {
    use super::*;
    use crate::config::Source;
    use crate::sandbox::{self, Sandbox, SandboxOptions};
    use crate::secret::SecretString;

    pub type InProcess = Sandbox;

    pub async fn start(global: &GlobalArgs) -> anyhow::Result<InProcess> {
        Sandbox::start(SandboxOptions {
            state_file: global.sandbox_state.clone(),
            ..SandboxOptions::default()
        })
        .await
    }

    pub fn describe(sb: &InProcess) -> String {
        format!(
            "sandbox: Aircall at {}, Intercom at {}",
            sb.aircall_url, sb.intercom_url
        )
    }

    pub fn aircall_creds(sb: &InProcess) -> anyhow::Result<AircallCreds> {
        Ok(AircallCreds {
            api_id: sandbox::SANDBOX_AIRCALL_ID.into(),
            token: SecretString::new(sandbox::SANDBOX_AIRCALL_TOKEN),
            source: Source::Sandbox,
            base_url: sb.aircall_url.parse()?,
        })
    }

    pub fn intercom_creds(sb: &InProcess) -> anyhow::Result<IntercomCreds> {
        Ok(IntercomCreds {
            token: SecretString::new(sandbox::SANDBOX_INTERCOM_TOKEN),
            source: Source::Sandbox,
            region: "us".into(),
            base_url: sb.intercom_url.parse()?,
        })
    }

    pub fn save(sb: &InProcess) -> anyhow::Result<()> {
        sb.save()
    }
}

/// Without the `sandbox` feature `--sandbox` is a clear error, and no sandbox value can exist.
#[cfg(not(feature = "sandbox"))]
mod builtin {
    use super::*;

    pub enum InProcess {}

    pub async fn start(_global: &GlobalArgs) -> anyhow::Result<InProcess> {
        Err(crate::error::Failure::usage_hint(
            "this aircom was built without the sandbox (cargo feature `sandbox`)",
            "rebuild with the default features (`cargo install --path .`) to use `--sandbox`",
        ))
    }

    pub fn describe(sb: &InProcess) -> String {
        match *sb {}
    }

    pub fn aircall_creds(sb: &InProcess) -> anyhow::Result<AircallCreds> {
        match *sb {}
    }

    pub fn intercom_creds(sb: &InProcess) -> anyhow::Result<IntercomCreds> {
        match *sb {}
    }

    pub fn save(sb: &InProcess) -> anyhow::Result<()> {
        match *sb {}
    }
}
