//! Proactive pacing, shared by every task of a run that talks to one API.
//!
//! Each request reserves the next free slot of a schedule spaced `window / limit` apart (a
//! GCRA with no burst), so a bulk job runs at the account's limit instead of bursting into a
//! 429 storm. What the server says wins: a `Remaining: 0` or a 429 blocks every task until the
//! reset instant the headers give.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// How an API counts requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// Aircall: a per-company limit per minute.
    PerMinute,
    /// Intercom: the per-minute allowance split evenly into 10-second windows.
    TenSecondWindows,
}

#[derive(Debug)]
struct State {
    next_slot: Instant,
    blocked_until: Option<Instant>,
    interval: Duration,
}

/// The limiter for one API.
#[derive(Debug)]
pub struct RateLimiter {
    per_minute: u32,
    scheme: Scheme,
    state: Mutex<State>,
}

/// Keep a little under the limit: windows on the server and our clock are not aligned.
const SAFETY: f64 = 0.97;

impl RateLimiter {
    pub fn new(per_minute: u32, scheme: Scheme) -> Self {
        let per_minute = per_minute.max(1);
        RateLimiter {
            per_minute,
            scheme,
            state: Mutex::new(State {
                next_slot: Instant::now(),
                blocked_until: None,
                interval: Self::interval_for(per_minute),
            }),
        }
    }

    fn interval_for(per_minute: u32) -> Duration {
        Duration::from_secs_f64(60.0 / (per_minute as f64 * SAFETY))
    }

    /// Requests per minute this limiter paces at.
    pub fn per_minute(&self) -> u32 {
        self.per_minute
    }

    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// Waits for this request's slot, and for any block: a block set while this task slept (a
    /// 429 or `Remaining: 0` another task saw) holds it too, so no request leaves during one,
    /// however many tasks share the limiter.
    pub async fn acquire(&self) {
        loop {
            let wait_until = {
                let mut st = self.state.lock().expect("limiter lock");
                let now = Instant::now();
                let mut slot = st.next_slot.max(now);
                if let Some(b) = st.blocked_until {
                    if b > slot {
                        slot = b;
                    } else if b <= now {
                        st.blocked_until = None;
                    }
                }
                st.next_slot = slot + st.interval;
                slot
            };
            tokio::time::sleep_until(wait_until).await;
            let blocked = {
                let st = self.state.lock().expect("limiter lock");
                st.blocked_until.is_some_and(|b| b > Instant::now())
            };
            if !blocked {
                return;
            }
        }
    }

    /// Blocks every task until `until` (a 429, or `Remaining: 0`).
    pub fn block_until(&self, until: Instant) {
        let mut st = self.state.lock().expect("limiter lock");
        if st.blocked_until.is_none_or(|b| b < until) {
            st.blocked_until = Some(until);
        }
        if st.next_slot < until {
            st.next_slot = until;
        }
    }

    /// Adopts a limit the server announced, when it is lower than ours: we never pace faster
    /// than configured, but a server that says less wins.
    pub fn observe_limit(&self, announced_per_minute: u32) {
        if announced_per_minute == 0 || announced_per_minute >= self.per_minute {
            return;
        }
        let mut st = self.state.lock().expect("limiter lock");
        st.interval = Self::interval_for(announced_per_minute);
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

    #[tokio::test(start_paused = true)]
    async fn block_holds_everyone() {
        let l = RateLimiter::new(6000, Scheme::TenSecondWindows);
        let start = Instant::now();
        l.block_until(start + Duration::from_secs(5));
        l.acquire().await;
        assert!(start.elapsed() >= Duration::from_secs(5));
    }
}
