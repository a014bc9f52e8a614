//! Test support: a clean environment for the binary, and the sandbox started in-process.

use std::path::{Path, PathBuf};

use aircom::sandbox::{
    Sandbox, SandboxOptions, SANDBOX_AIRCALL_ID, SANDBOX_AIRCALL_TOKEN, SANDBOX_INTERCOM_TOKEN,
};

/// The seeded data's anchor: today's UTC midnight, so the calls stay inside the six months
/// Aircall serves whenever the suite runs (same as the sandbox's default).
pub fn anchor() -> i64 {
    aircom::sandbox::data::default_anchor()
}

pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn ledger(&self) -> PathBuf {
        self.dir.path().join("ledger.sqlite")
    }

    /// The variables every run of the binary gets: an empty HOME, no config, no credentials.
    fn clean_env(&self) -> Vec<(&'static str, std::ffi::OsString)> {
        let home = self.dir.path();
        vec![
            ("HOME", home.into()),
            ("XDG_CONFIG_HOME", home.join("config").into()),
            ("XDG_STATE_HOME", home.join("state").into()),
            ("XDG_DATA_HOME", home.join("data").into()),
            ("AIRCOM_CONFIG", home.join("config.toml").into()),
            ("AIRCOM_STATE", self.ledger().into()),
            ("AIRCOM_TEST_NO_PROGRESS", "1".into()),
            ("AIRCOM_TEST_NO_RETRY_DELAY", "1".into()),
            // The sandbox's search lags 3 s (not Intercom's minutes): trust it after 4.
            ("AIRCOM_TEST_SEARCH_SETTLE_SECS", "4".into()),
            ("AIRCOM_SHARED_DIR", shared_dir().into()),
            ("NO_COLOR", "1".into()),
        ]
    }

    /// The binary in a clean environment: empty HOME, no config, no credentials.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::cargo_bin("aircom").expect("binary");
        for (k, _) in std::env::vars() {
            if k.starts_with("AIRCALL_")
                || k.starts_with("INTERCOM_")
                || k.starts_with("AIRCOM_")
                || k == "NO_COLOR"
            {
                cmd.env_remove(k);
            }
        }
        cmd.envs(self.clean_env());
        cmd
    }

    /// The binary as a plain `std::process::Command` (for a pseudo-terminal), in the same
    /// clean environment as [`Env::cmd`], pointed at `sb` when given.
    pub fn std_cmd(&self, sb: Option<&Sandbox>) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("aircom"));
        cmd.env_clear();
        for k in ["PATH", "LANG"] {
            if let Some(v) = std::env::var_os(k) {
                cmd.env(k, v);
            }
        }
        cmd.envs(self.clean_env()).env("TERM", "xterm");
        if let Some(sb) = sb {
            cmd.envs(sandbox_env(sb));
        }
        cmd
    }

    /// The binary pointed at a running sandbox.
    pub fn cmd_on(&self, sb: &Sandbox) -> assert_cmd::Command {
        let mut cmd = self.cmd();
        cmd.envs(sandbox_env(sb));
        cmd
    }
}

/// The variables that point the binary at a running sandbox.
fn sandbox_env(sb: &Sandbox) -> Vec<(&'static str, String)> {
    vec![
        ("AIRCALL_BASE_URL", sb.aircall_url.clone()),
        ("AIRCALL_API_ID", SANDBOX_AIRCALL_ID.into()),
        ("AIRCALL_API_TOKEN", SANDBOX_AIRCALL_TOKEN.into()),
        ("INTERCOM_BASE_URL", sb.intercom_url.clone()),
        ("INTERCOM_ACCESS_TOKEN", SANDBOX_INTERCOM_TOKEN.into()),
        // The test sandbox allows far more than the real-world defaults aircom paces at.
        ("AIRCOM_AIRCALL_RATE", "6000".into()),
        ("AIRCOM_INTERCOM_RATE", "60000".into()),
    ]
}

pub fn shared_dir() -> PathBuf {
    std::env::var_os("AIRCOM_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

pub fn options() -> SandboxOptions {
    SandboxOptions {
        anchor: Some(anchor()),
        ..SandboxOptions::default()
    }
}

pub async fn sandbox() -> Sandbox {
    Sandbox::start(options()).await.expect("sandbox starts")
}

/// Runs the binary off the async runtime so the in-process sandbox keeps serving.
pub async fn run(mut cmd: assert_cmd::Command) -> std::process::Output {
    tokio::task::spawn_blocking(move || cmd.output().expect("runs"))
        .await
        .expect("joins")
}

pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Starts the binary on a running sandbox in the background (for kill drills), output dropped.
pub fn spawn_on(env: &Env, sb: &Sandbox, args: &[&str]) -> std::process::Child {
    spawn_on_with(env, sb, args, &[])
}

/// [`spawn_on`] with more environment variables.
pub fn spawn_on_with(
    env: &Env,
    sb: &Sandbox,
    args: &[&str],
    extra: &[(&str, &str)],
) -> std::process::Child {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("aircom"));
    for (k, v) in env.cmd_on(sb).get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    cmd.envs(extra.iter().copied())
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawns")
}

/// Waits (up to a minute) until `aircom runs` shows a run in progress: a job holds its lock.
pub async fn wait_for_a_running_run(env: &Env, sb: &Sandbox) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let mut cmd = env.cmd_on(sb);
        cmd.args(["runs", "--json"]);
        let out = run(cmd).await;
        let runs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        if runs
            .as_array()
            .is_some_and(|r| r.iter().any(|r| r["outcome"] == "running"))
        {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no run started within a minute"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}
