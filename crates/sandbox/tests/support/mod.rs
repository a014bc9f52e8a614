//! Test support for the sandbox's own suites: a sandbox started in-process on free ports.
#![allow(dead_code)]

use aircom_sandbox::{Sandbox, SandboxOptions};

/// Today's UTC midnight, the sandbox's own default, so seeded calls stay within the six
/// months Aircall serves whenever the suite runs.
pub fn anchor() -> i64 {
    aircom_sandbox::data::default_anchor()
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

pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub fn path(&self) -> &std::path::Path {
        self.dir.path()
    }
}
