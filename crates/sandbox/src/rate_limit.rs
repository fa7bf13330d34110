//! Fixed 60-second windows per key, each starting at the key's first request
//! after the previous window ended. Kept in memory: a restart forgives.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::clock::Clock;

pub const WINDOW_MS: i64 = 60_000;

/// What the `X-RateLimit-*` headers say after a request was counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quota {
    pub limit: u32,
    pub remaining: u32,
    /// Whole seconds until the window resets (rounded up, so at least 1).
    pub reset_secs: u64,
    /// False when this request was over the limit (→ 429).
    pub allowed: bool,
}

#[derive(Clone, Copy, Debug)]
struct Window {
    start_ms: i64,
    used: u32,
}

#[derive(Debug, Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<String, Window>>,
}

impl RateLimiter {
    /// Counts one request of `key_id` against `limit` per window.
    pub fn hit(&self, clock: &Clock, key_id: &str, limit: u32) -> Quota {
        let now = clock.now_millis();
        let mut windows = match self.windows.lock() {
            Ok(guard) => guard,
            // A panic elsewhere while counting must not take the limiter down.
            Err(poisoned) => poisoned.into_inner(),
        };
        let window = windows.entry(key_id.to_owned()).or_insert(Window { start_ms: now, used: 0 });
        if now >= window.start_ms + WINDOW_MS || now < window.start_ms {
            *window = Window { start_ms: now, used: 0 };
        }
        let left_ms = window.start_ms + WINDOW_MS - now;
        let reset_secs = u64::try_from((left_ms + 999) / 1000).unwrap_or(1).max(1);
        if window.used >= limit {
            return Quota { limit, remaining: 0, reset_secs, allowed: false };
        }
        window.used += 1;
        Quota { limit, remaining: limit - window.used, reset_secs, allowed: true }
    }
}

impl Quota {
    /// The quota after a request counted in a shared window that started at
    /// `start_ms` and has seen `used` requests, this one included.
    pub fn of_window(limit: u32, start_ms: i64, used: i64, now_ms: i64) -> Quota {
        let left_ms = start_ms + WINDOW_MS - now_ms;
        let reset_secs = u64::try_from((left_ms + 999) / 1000).unwrap_or(1).max(1);
        let allowed = used <= i64::from(limit);
        let remaining = u32::try_from(i64::from(limit) - used.min(i64::from(limit))).unwrap_or(0);
        Quota { limit, remaining, reset_secs, allowed }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_shared_window_reads_like_a_local_one() {
        use super::Quota;
        assert_eq!(Quota::of_window(3, 0, 1, 10_000), Quota { limit: 3, remaining: 2, reset_secs: 50, allowed: true });
        assert_eq!(Quota::of_window(3, 0, 3, 59_001), Quota { limit: 3, remaining: 0, reset_secs: 1, allowed: true });
        assert!(!Quota::of_window(3, 0, 4, 30_000).allowed);
    }

    use super::*;
    use std::time::Duration;

    #[test]
    fn exact_at_the_boundary_and_resets_after_the_window() {
        let clock = Clock::manual(1_000);
        let limiter = RateLimiter::default();
        for i in 1..=3 {
            let q = limiter.hit(&clock, "k", 3);
            assert!(q.allowed);
            assert_eq!(q.remaining, 3 - i);
            assert_eq!(q.reset_secs, 60);
        }
        clock.advance(Duration::from_millis(59_001));
        let q = limiter.hit(&clock, "k", 3);
        assert!(!q.allowed);
        assert_eq!((q.remaining, q.reset_secs), (0, 1));
        // Another key has its own window.
        assert!(limiter.hit(&clock, "other", 3).allowed);
        clock.advance(Duration::from_millis(999));
        let q = limiter.hit(&clock, "k", 3);
        assert!(q.allowed);
        assert_eq!((q.remaining, q.reset_secs), (2, 60));
    }
}
