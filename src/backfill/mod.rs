//! The backfill engines shared by `backfill calls`, `backfill tags` and `backfill sms`: what
//! counts as already logged, read from evidence in Intercom rather than assumed.

pub mod evidence;
pub mod index;
pub mod log_calls;
pub mod log_sms;
pub mod plan;
pub mod recognize;
pub mod tags;

/// What became of one call (or SMS) in a backfill run: `--json` emits it as its snake_case
/// word, the run's counts are keyed by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CallOutcome {
    /// Logged by this run.
    Logged,
    /// A dry run would log it.
    WouldLog,
    /// Logged by an earlier run of aircom.
    AlreadyLogged,
    /// Logged by the native integration (found by evidence).
    Native,
    /// Several Intercom contacts share the caller's number: the native integration and
    /// aircom both stay away until `audit duplicates` resolves it.
    BlockedByDuplicates,
    /// No contact has the number and none may be created (or the number is not valid).
    NoContact,
    /// Not ended, or ended too recently for the native integration to have logged it.
    InProgress,
    /// A write's answer was lost: reconciled before anything is written for it again.
    Unknown,
    /// The write failed, and nothing of it landed.
    Failed,
}

impl CallOutcome {
    pub const ALL: [CallOutcome; 9] = [
        CallOutcome::Logged,
        CallOutcome::WouldLog,
        CallOutcome::AlreadyLogged,
        CallOutcome::Native,
        CallOutcome::BlockedByDuplicates,
        CallOutcome::NoContact,
        CallOutcome::InProgress,
        CallOutcome::Unknown,
        CallOutcome::Failed,
    ];

    /// Whether a terminal table shows it by default: native, already logged and unfinished
    /// calls (or messages) need nothing from anyone.
    pub const fn needs_action(self) -> bool {
        !matches!(
            self,
            CallOutcome::Native | CallOutcome::AlreadyLogged | CallOutcome::InProgress
        )
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            CallOutcome::Logged => "logged",
            CallOutcome::WouldLog => "would_log",
            CallOutcome::AlreadyLogged => "already_logged",
            CallOutcome::Native => "native",
            CallOutcome::BlockedByDuplicates => "blocked_by_duplicates",
            CallOutcome::NoContact => "no_contact",
            CallOutcome::InProgress => "in_progress",
            CallOutcome::Unknown => "unknown",
            CallOutcome::Failed => "failed",
        }
    }
}

impl std::fmt::Display for CallOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::CallOutcome;

    /// The word in `--json` and in the table are one: they cannot drift apart.
    #[test]
    fn outcome_words_match_their_json() {
        for o in CallOutcome::ALL {
            assert_eq!(serde_json::to_value(o).unwrap(), o.as_str());
        }
    }
}
