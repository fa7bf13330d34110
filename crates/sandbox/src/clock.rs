//! Wall-clock time, swappable for a frozen clock in tests.
//!
//! Token expiry and rate-limit windows are defined to the second; a test that
//! waits for real seconds is both slow and flaky at the boundary. Every time
//! read in the server goes through [`Clock`], so a test can freeze time and step
//! over a boundary exactly.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The time source of one server instance. Cheap to clone; clones share time.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// `None`: the system clock. `Some`: a manual clock, in microseconds since
    /// the Unix epoch, that moves only when [`Clock::advance`] is called.
    manual: Option<Arc<AtomicI64>>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self { manual: None }
    }

    /// A frozen clock starting at `unix_secs`; it moves only by [`Clock::advance`].
    pub fn manual(unix_secs: i64) -> Self {
        Self { manual: Some(Arc::new(AtomicI64::new(unix_secs.saturating_mul(1_000_000)))) }
    }

    /// Moves a manual clock forward. Returns false (and does nothing) for the
    /// system clock, which nobody can move.
    pub fn advance(&self, by: Duration) -> bool {
        match &self.manual {
            Some(us) => {
                let step = i64::try_from(by.as_micros()).unwrap_or(i64::MAX);
                us.fetch_add(step, Ordering::SeqCst);
                true
            }
            None => false,
        }
    }

    /// Microseconds since the Unix epoch.
    pub fn now_micros(&self) -> i64 {
        match &self.manual {
            Some(us) => us.load(Ordering::SeqCst),
            None => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
                .unwrap_or(0),
        }
    }

    /// Milliseconds since the Unix epoch.
    pub fn now_millis(&self) -> i64 {
        self.now_micros().div_euclid(1_000)
    }

    /// Whole seconds since the Unix epoch (what JWT `iat`/`exp` use).
    pub fn now_secs(&self) -> i64 {
        self.now_micros().div_euclid(1_000_000)
    }
}

/// RFC 3339 in UTC with whole seconds, e.g. `2026-03-14T09:21:00Z`: the form
/// every timestamp of the contract uses.
pub fn rfc3339(unix_secs: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix_secs)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned())
}

/// Parses an RFC 3339 timestamp into Unix seconds (seed data only).
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    OffsetDateTime::parse(text, &Rfc3339).ok().map(|t| t.unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_moves_only_when_advanced() {
        let clock = Clock::manual(1_767_225_600);
        assert_eq!(clock.now_secs(), 1_767_225_600);
        assert!(clock.advance(Duration::from_millis(1500)));
        assert_eq!(clock.now_millis(), 1_767_225_601_500);
        assert_eq!(clock.now_secs(), 1_767_225_601);
        assert!(!Clock::system().advance(Duration::from_secs(1)));
    }

    #[test]
    fn formats_whole_seconds_in_utc() {
        assert_eq!(rfc3339(1_767_225_600), "2026-01-01T00:00:00Z");
        assert_eq!(parse_rfc3339("2026-04-28T14:22:09Z"), Some(1_777_386_129));
    }
}
