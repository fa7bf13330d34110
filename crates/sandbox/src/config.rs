//! How one sandbox instance is set up. `main.rs` fills it from flags and
//! environment; tests build it directly.

use std::path::PathBuf;
use std::time::Duration;

use crate::clock::Clock;
pub use crate::connections::Limits;
use crate::idempotency::ClaimPause;

/// Where the data lives.
#[derive(Clone, Debug)]
pub enum DbLocation {
    /// A SQLite file (WAL mode); data and keys survive restarts.
    File(PathBuf),
    /// A private in-memory database, gone when the process ends (tests, benches).
    InMemory,
    /// A PostgreSQL database, shared by every instance given the same URL;
    /// `schema` (tests) keeps one run's tables apart from another's.
    Postgres { url: String, schema: Option<String> },
}

/// Limits of `GET /v1/events` streams.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamLimits {
    /// Open streams per key (its workspace) at most.
    pub per_key: usize,
    /// A stream ends after this long; the client reconnects with
    /// `Last-Event-ID` and misses nothing.
    pub lifetime: Duration,
    /// The reconnection delay advised at the start of each stream (`retry:`).
    pub retry: Duration,
}

impl Default for StreamLimits {
    fn default() -> Self {
        StreamLimits { per_key: 5, lifetime: Duration::from_secs(3600), retry: Duration::from_secs(2) }
    }
}

/// What the sandbox keeps, so that storage cannot only grow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retention {
    /// Events older than this are deleted (with the resource data they
    /// carry, a deleted resource's included).
    pub event_age: Duration,
    /// Each workspace keeps at most its newest this many events.
    pub events_per_workspace: usize,
    /// Resources a workspace may hold; a create beyond it is refused with
    /// 409 `quota_exceeded`.
    pub resources_per_workspace: usize,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            event_age: Duration::from_secs(7 * 24 * 3600),
            events_per_workspace: 1000,
            resources_per_workspace: 1000,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    pub db: DbLocation,
    /// Origin of the explorer that `doc_url` deep links point into, e.g.
    /// `http://127.0.0.1:8080` (no trailing slash needed).
    pub docs_base: String,
    /// The built explorer (Trunk's `dist/`), served at `/` with SPA deep links.
    pub static_dir: Option<PathBuf>,
    pub clock: Clock,
    /// Connection cap and deadlines (see `connections`).
    pub limits: Limits,
    pub streams: StreamLimits,
    pub retention: Retention,
    /// Host names `/mcp` accepts besides loopback (see `mcp::service`).
    pub mcp_hosts: Vec<String>,
    /// Tests only: pauses the first keyed request after it claimed its key
    /// (see [`ClaimPause`]). Always `None` outside tests.
    #[doc(hidden)]
    pub claim_pause: Option<ClaimPause>,
}

impl Config {
    /// An in-memory instance on the system clock.
    pub fn in_memory() -> Self {
        Self {
            db: DbLocation::InMemory,
            docs_base: "http://127.0.0.1:8080".to_owned(),
            static_dir: None,
            clock: Clock::system(),
            limits: Limits::default(),
            streams: StreamLimits::default(),
            retention: Retention::default(),
            mcp_hosts: Vec::new(),
            claim_pause: None,
        }
    }

    /// A file-backed instance on the system clock.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Self { db: DbLocation::File(path.into()), ..Self::in_memory() }
    }

    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    pub fn with_docs_base(mut self, docs_base: impl Into<String>) -> Self {
        self.docs_base = docs_base.into();
        self
    }

    /// Tests only: see [`ClaimPause`].
    #[doc(hidden)]
    pub fn with_claim_pause(mut self, pause: ClaimPause) -> Self {
        self.claim_pause = Some(pause);
        self
    }

    pub fn with_stream_limits(mut self, streams: StreamLimits) -> Self {
        self.streams = streams;
        self
    }

    pub fn with_retention(mut self, retention: Retention) -> Self {
        self.retention = retention;
        self
    }

    pub fn with_static_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.static_dir = Some(dir.into());
        self
    }
}
