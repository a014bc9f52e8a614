//! Error kinds that decide the exit code. They are raised anywhere; `main` alone renders them
//! and picks the code by walking the chain.

/// A failure with a meaning beyond "it did not work" (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Bad input: exit 2.
    #[error("{message}")]
    Usage {
        message: String,
        hint: Option<String>,
    },
    /// Credentials missing or rejected: exit 4.
    #[error("{message}")]
    Auth { message: String, hint: String },
    /// Interrupted, or a confirmation declined: exit 130.
    #[error("{0}")]
    Cancelled(String),
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> anyhow::Error {
        Failure::Usage {
            message: message.into(),
            hint: None,
        }
        .into()
    }

    /// A confirmation the user declined: exit 130, and nothing was written.
    pub fn declined() -> anyhow::Error {
        Failure::Cancelled("cancelled, nothing written".into()).into()
    }

    pub fn usage_hint(message: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
        Failure::Usage {
            message: message.into(),
            hint: Some(hint.into()),
        }
        .into()
    }
}
