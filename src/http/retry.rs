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

/// Whether a failure may be retried, given what the request is.
pub fn retryable_status(status: u16) -> bool {
    status == 429 || (500..=599).contains(&status)
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
        assert!(retryable_status(429));
        assert!(retryable_status(503));
        assert!(!retryable_status(404));
        assert!(!retryable_status(409));
    }
}
