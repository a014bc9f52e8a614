//! Proactive pacing, shared by every task of a run that talks to one API.
//!
//! The quota is a GCRA from `governor`, shaped per service so a bulk job runs at the
//! account's limit instead of bursting into a 429 storm:
//! - Aircall counts a sliding minute per company and blocks after the limit: requests are
//!   spaced evenly, `60 s / limit` apart, with no burst.
//! - Intercom splits its per-minute allowance into 10-second windows of `limit / 6`: a small
//!   burst is allowed, and the spacing is set so that no 10 seconds, aligned to the server's
//!   windows or not, hold more than `limit / 6` requests.
//!
//! The block gate is ours: what the server says wins. A `Remaining: 0` or a 429 blocks every
//! task until the reset instant the headers give, and every task re-checks the block after
//! each wait, so no request leaves during one, however many tasks share the limiter.

use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use governor::clock::{Clock, Reference};
use governor::nanos::Nanos;
use governor::state::{InMemoryState, NotKeyed};
use governor::Quota;
use tokio::time::Instant;

/// How an API counts requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// Aircall: a per-company limit per (sliding) minute.
    PerMinute,
    /// Intercom: the per-minute allowance split evenly into 10-second windows.
    TenSecondWindows,
}

/// Tokio's clock for governor, so pacing follows `tokio::time` (and paused time in tests).
#[derive(Debug, Clone, Copy)]
struct TokioClock {
    origin: Instant,
}

/// A moment on [`TokioClock`]: nanoseconds since the limiter's origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Moment(Nanos);

impl std::ops::Add<Nanos> for Moment {
    type Output = Moment;
    fn add(self, d: Nanos) -> Moment {
        Moment(self.0 + d)
    }
}

impl Reference for Moment {
    fn duration_since(&self, earlier: Self) -> Nanos {
        self.0.saturating_sub(earlier.0)
    }
    fn saturating_sub(&self, d: Nanos) -> Self {
        Moment(self.0.saturating_sub(d))
    }
}

impl Clock for TokioClock {
    type Instant = Moment;
    fn now(&self) -> Moment {
        Moment(Nanos::from(Instant::now().duration_since(self.origin)))
    }
}

type Gcra = governor::RateLimiter<
    NotKeyed,
    InMemoryState,
    TokioClock,
    governor::middleware::NoOpMiddleware<Moment>,
>;

/// The limiter for one API.
#[derive(Debug)]
pub struct RateLimiter {
    per_minute: u32,
    scheme: Scheme,
    clock: TokioClock,
    /// Replaced (never raised) when the server announces a lower limit, with that limit.
    quota: Mutex<(u32, Arc<Gcra>)>,
    blocked_until: Mutex<Option<Instant>>,
}

/// Keep a little under the limit: windows on the server and our clock are not aligned.
const SAFETY: f64 = 0.97;

/// The quota for `per_minute` requests under `scheme`.
fn quota_for(per_minute: u32, scheme: Scheme) -> Quota {
    let nz = |n: u32| NonZeroU32::new(n.max(1)).expect("at least 1");
    match scheme {
        // Under 6 a minute a 10-second window holds less than one request: space evenly.
        Scheme::PerMinute | Scheme::TenSecondWindows if per_minute < 6 => {
            let period = Duration::from_secs_f64(60.0 / (per_minute as f64 * SAFETY));
            Quota::with_period(period)
                .expect("a positive period")
                .allow_burst(nz(1))
        }
        Scheme::PerMinute => {
            let period = Duration::from_secs_f64(60.0 / (per_minute as f64 * SAFETY));
            Quota::with_period(period)
                .expect("a positive period")
                .allow_burst(nz(1))
        }
        Scheme::TenSecondWindows => {
            // At most `window` requests in any 10 s: a burst of `burst`, then one per period,
            // since a GCRA lets through at most burst + span / period in any span.
            let window = ((per_minute as f64 / 6.0) * SAFETY).floor().max(1.0) as u32;
            let burst = (window / 50).max(1);
            let steady = (window - burst).max(1);
            let period = Duration::from_secs_f64(10.0 / steady as f64);
            Quota::with_period(period)
                .expect("a positive period")
                .allow_burst(nz(burst))
        }
    }
}

impl RateLimiter {
    pub fn new(per_minute: u32, scheme: Scheme) -> Self {
        let per_minute = per_minute.max(1);
        let clock = TokioClock {
            origin: Instant::now(),
        };
        RateLimiter {
            per_minute,
            scheme,
            clock,
            quota: Mutex::new((
                per_minute,
                Arc::new(Gcra::direct_with_clock(
                    quota_for(per_minute, scheme),
                    clock,
                )),
            )),
            blocked_until: Mutex::new(None),
        }
    }

    /// Requests per minute this limiter paces at.
    pub fn per_minute(&self) -> u32 {
        self.per_minute
    }

    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// Waits for any block and for this request's place in the quota. The block is checked
    /// again after every wait: one set while this task slept (a 429 or `Remaining: 0` another
    /// task saw) holds it too.
    pub async fn acquire(&self) {
        loop {
            let block = {
                let mut b = self.blocked_until.lock().expect("limiter lock");
                match *b {
                    Some(until) if until > Instant::now() => Some(until),
                    Some(_) => {
                        *b = None;
                        None
                    }
                    None => None,
                }
            };
            if let Some(until) = block {
                tokio::time::sleep_until(until).await;
                continue;
            }
            let quota = self.quota.lock().expect("limiter lock").1.clone();
            match quota.check() {
                // No await between the block check and here: nothing can have set one.
                Ok(()) => return,
                Err(not_until) => {
                    tokio::time::sleep(not_until.wait_time_from(self.clock.now())).await;
                }
            }
        }
    }

    /// Blocks every task until `until` (a 429, or `Remaining: 0`).
    pub fn block_until(&self, until: Instant) {
        let mut b = self.blocked_until.lock().expect("limiter lock");
        if b.is_none_or(|x| x < until) {
            *b = Some(until);
        }
    }

    /// Adopts a limit the server announced, when it is lower than ours: we never pace faster
    /// than configured, but a server that says less wins.
    pub fn observe_limit(&self, announced_per_minute: u32) {
        let mut q = self.quota.lock().expect("limiter lock");
        // Only a lower limit than the one in force replaces it (headers repeat on every
        // answer; a fresh quota each time would forget the spacing).
        if announced_per_minute == 0 || announced_per_minute >= q.0 {
            return;
        }
        *q = (
            announced_per_minute,
            Arc::new(Gcra::direct_with_clock(
                quota_for(announced_per_minute, self.scheme),
                self.clock,
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn paces_evenly() {
        let l = RateLimiter::new(600, Scheme::PerMinute);
        let start = Instant::now();
        for _ in 0..11 {
            l.acquire().await;
        }
        let elapsed = start.elapsed();
        // 10 intervals of 100 ms / 0.97.
        assert!(elapsed >= Duration::from_millis(1000), "{elapsed:?}");
        assert!(elapsed < Duration::from_millis(1100), "{elapsed:?}");
    }

    /// Issue 11: 16 tasks are waiting for their slots when one of them sees a 429; none of the
    /// others may send before the block ends.
    #[tokio::test(start_paused = true)]
    async fn a_block_set_while_tasks_wait_holds_every_one_of_them() {
        use std::sync::Arc;
        let l = Arc::new(RateLimiter::new(600, Scheme::PerMinute)); // a slot every ~103 ms
        let start = Instant::now();
        let sent = Arc::new(Mutex::new(Vec::new()));
        let mut tasks = Vec::new();
        for _ in 0..16 {
            let (l, sent) = (l.clone(), sent.clone());
            tasks.push(tokio::spawn(async move {
                l.acquire().await;
                sent.lock().unwrap().push(start.elapsed());
            }));
        }
        // The 429 arrives at 350 ms, blocking until 5 s.
        tokio::time::sleep(Duration::from_millis(350)).await;
        l.block_until(start + Duration::from_secs(5));
        for t in tasks {
            t.await.unwrap();
        }
        let sent = sent.lock().unwrap();
        assert_eq!(sent.len(), 16);
        let during = sent
            .iter()
            .filter(|t| **t > Duration::from_millis(350) && **t < Duration::from_secs(5))
            .count();
        assert_eq!(during, 0, "requests sent inside the block: {sent:?}");
        assert!(
            sent.iter()
                .filter(|t| **t <= Duration::from_millis(350))
                .count()
                >= 3
        );
    }

    /// Intercom's scheme: no 10-second span, aligned or not, holds more than limit / 6
    /// requests, and the pace over a minute is close to the limit.
    #[tokio::test(start_paused = true)]
    async fn ten_second_windows_never_overflow() {
        let l = RateLimiter::new(1200, Scheme::TenSecondWindows); // 200 per 10 s
        let start = Instant::now();
        let mut sent = Vec::new();
        while start.elapsed() < Duration::from_secs(60) {
            l.acquire().await;
            sent.push(start.elapsed());
        }
        for (i, t) in sent.iter().enumerate() {
            let within = sent[i..]
                .iter()
                .take_while(|u| **u < *t + Duration::from_secs(10))
                .count();
            assert!(within <= 200, "{within} requests in the 10 s from {t:?}");
        }
        assert!(sent.len() >= 1100, "only {} in a minute", sent.len());
    }

    /// A limit announced lower replaces ours once; repeating it changes nothing.
    #[tokio::test(start_paused = true)]
    async fn a_lower_announced_limit_wins_and_repeats_are_harmless() {
        let l = RateLimiter::new(6000, Scheme::PerMinute);
        l.observe_limit(60);
        let start = Instant::now();
        for _ in 0..4 {
            l.acquire().await;
            l.observe_limit(60);
            l.observe_limit(600);
        }
        // 3 intervals of ~1.03 s.
        assert!(
            start.elapsed() >= Duration::from_secs(3),
            "{:?}",
            start.elapsed()
        );
    }

    #[tokio::test(start_paused = true)]
    async fn block_holds_everyone() {
        let l = RateLimiter::new(6000, Scheme::TenSecondWindows);
        let start = Instant::now();
        l.block_until(start + Duration::from_secs(5));
        l.acquire().await;
        assert!(start.elapsed() >= Duration::from_secs(5));
    }
}
