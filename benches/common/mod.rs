//! Helpers the benchmarks share: the sandbox as its own process, its admin routes, and the
//! peak RSS of a child.
#![allow(dead_code)] // each benchmark uses its own subset

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// `aircom sandbox serve --json …` as a child process, and the exports it printed.
pub struct Serve {
    child: Child,
    pub exports: serde_json::Value,
}

impl Serve {
    pub fn start(args: &[&str], config: &std::path::Path) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_aircom"))
            .args(["sandbox", "serve", "--json"])
            .args(args)
            .env("AIRCOM_CONFIG", config)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("sandbox starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("exports");
        Serve {
            child,
            exports: serde_json::from_str(&line).expect("exports are JSON"),
        }
    }

    pub fn get(&self, key: &str) -> &str {
        self.exports[key].as_str().expect("export")
    }

    /// Points a command at this sandbox (both APIs).
    pub fn env(&self, c: &mut Command) {
        c.env("AIRCALL_BASE_URL", self.get("aircall_base_url"))
            .env("AIRCALL_API_ID", self.get("aircall_api_id"))
            .env("AIRCALL_API_TOKEN", self.get("aircall_api_token"))
            .env("INTERCOM_BASE_URL", self.get("intercom_base_url"))
            .env("INTERCOM_ACCESS_TOKEN", self.get("intercom_access_token"));
    }

    /// The sandbox's request log (or another admin route).
    pub fn admin(&self, route: &str) -> serde_json::Value {
        get(&format!(
            "{}/_sandbox/{route}",
            self.get("aircall_base_url")
        ))
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A GET on loopback, with a runtime of its own.
pub fn get(url: &str) -> serde_json::Value {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            reqwest::get(url)
                .await
                .expect("GET")
                .json()
                .await
                .expect("JSON")
        })
}

/// Waits for a child with `wait4`: (success, its own peak RSS in KB).
pub fn wait_with_rss(child: Child) -> (bool, i64) {
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    // SAFETY: waiting for our own child; the std handle is not waited on afterwards.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    std::mem::forget(child);
    (
        r == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        usage.ru_maxrss,
    )
}
