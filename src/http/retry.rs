//! When and how long to wait before trying a request again.
//!
//! Connection errors, 5xx and 429 are retried; other 4xx never are. A request that may have
//! taken effect (a POST that creates) is retried only when the failure proves it did not: the
//! connection was never made, or the server answered 429 (it refused before doing anything).
//! Otherwise the error goes back to the caller, whose job reconciles instead.

use std::time::Duration;

use rand::Rng;

#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub max_retries: u32,
    pub base: Duration,
    pub cap: Duration,
    /// Test only: no delays at all (`AIRCOM_TEST_NO_RETRY_DELAY`).
    pub no_delay: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 5,
            base: Duration::from_millis(250),
            cap: Duration::from_secs(20),
            no_delay: false,
        }
    }
}

impl RetryPolicy {
    /// Capped exponential backoff with full jitter for retry number `attempt` (0-based).
    pub fn backoff(&self, attempt: u32) -> Duration {
        if self.no_delay {
            return Duration::ZERO;
        }
        let exp = self.base.saturating_mul(1u32 << attempt.min(16));
        let ceiling = exp.min(self.cap);
        let jitter = rand::rng().random_range(0.5..=1.0);
        ceiling.mul_f64(jitter)
    }
}

/// Whether an answer may be retried, given what the request is. Only what may succeed later:
/// 429 (refused before doing anything, so even a create may repeat), and for requests safe
/// to repeat also 408, 409 (a concurrent change) and 5xx. Other 4xx never change on their own.
pub fn retryable_status(status: u16, idempotency: super::Idempotency) -> bool {
    match status {
        429 => true,
        408 | 409 | 500..=599 => idempotency == super::Idempotency::Safe,
        _ => false,
    }
}

/// Transport failures that will not clear by waiting: DNS resolution and TLS (a certificate
/// or protocol error). reqwest exposes neither as a kind, so the cause chain is read: an I/O
/// error of kind `InvalidData` is how rustls surfaces through hyper, and hyper-util names a
/// failed lookup "dns error".
pub fn is_permanent_transport(e: &reqwest::Error) -> bool {
    if e.is_builder() || e.is_redirect() {
        return true;
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::InvalidData {
                return true;
            }
        }
        let text = s.to_string();
        // A resolver that is only busy (EAI_AGAIN) may answer next time.
        let transient = text.contains("Temporary failure") || text.contains("try again");
        if (text.starts_with("dns error") || text.contains("failed to lookup address"))
            && !transient
        {
            return true;
        }
        if text.contains("certificate") || text.contains("tls handshake") {
            return true;
        }
        source = s.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy::default();
        assert!(p.backoff(0) <= Duration::from_millis(250));
        assert!(p.backoff(10) <= Duration::from_secs(20));
        assert!(p.backoff(10) >= Duration::from_secs(10));
        let p = RetryPolicy {
            no_delay: true,
            ..p
        };
        assert_eq!(p.backoff(3), Duration::ZERO);
    }

    #[test]
    fn which_statuses_retry() {
        use super::super::Idempotency::{Safe, Unsafe};
        assert!(retryable_status(429, Safe) && retryable_status(429, Unsafe));
        assert!(retryable_status(503, Safe) && !retryable_status(503, Unsafe));
        assert!(retryable_status(408, Safe) && retryable_status(409, Safe));
        assert!(!retryable_status(409, Unsafe));
        for s in [400, 401, 403, 404, 410, 422] {
            assert!(!retryable_status(s, Safe), "{s}");
        }
    }
}
