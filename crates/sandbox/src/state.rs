//! Everything one server instance shares between requests.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use tokio::sync::watch;

use crate::clock::Clock;
use crate::config::Config;
use crate::idempotency::InFlight;
use crate::keys::{ApiKey, SeededKeys};
use crate::rate_limit::RateLimiter;
use crate::store::{Store, StoreError, Subscription, TooManyStreams};
use crate::tokens::Signer;

#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    store: Store,
    /// Listing order (see `keys::SEEDS`).
    keys: Vec<ApiKey>,
    by_secret: HashMap<String, usize>,
    by_id: HashMap<String, usize>,
    signer: Signer,
    limiter: RateLimiter,
    in_flight: InFlight,
    shutdown: watch::Sender<bool>,
}

#[derive(Debug)]
pub struct StartError(pub String);

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartError {}

impl From<StoreError> for StartError {
    fn from(e: StoreError) -> Self {
        StartError(format!("database: {e}"))
    }
}

impl AppState {
    /// Opens (or creates) the database, seeds keys and the signing secret on
    /// first start, and loads them.
    pub fn new(config: Config) -> Result<AppState, StartError> {
        let store = Store::open(&config.db, config.clock.clone(), config.retention.events_per_workspace)?;
        let (keys, secret) = store.seed_now()?;
        let by_secret = keys.iter().enumerate().map(|(i, k)| (k.secret.clone(), i)).collect();
        let by_id = keys.iter().enumerate().map(|(i, k)| (k.id.clone(), i)).collect();
        let (shutdown, _) = watch::channel(false);
        Ok(AppState {
            inner: Arc::new(Inner {
                config,
                store,
                keys,
                by_secret,
                by_id,
                signer: Signer::new(secret),
                limiter: RateLimiter::default(),
                in_flight: InFlight::default(),
                shutdown,
            }),
        })
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    pub fn clock(&self) -> &Clock {
        &self.inner.config.clock
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// All keys, the bench key included, in listing order.
    pub fn keys(&self) -> &[ApiKey] {
        &self.inner.keys
    }

    /// The seeded keys' secrets, by role.
    pub fn seeded_keys(&self) -> SeededKeys {
        let secret = |id: &str| self.key_by_id(id).map(|k| k.secret.clone()).unwrap_or_default();
        SeededKeys {
            free: secret("key_free"),
            pro: secret("key_pro"),
            read_only: secret("key_read_only"),
            unlimited: secret("key_unlimited"),
        }
    }

    pub fn key_by_secret(&self, secret: &str) -> Option<&ApiKey> {
        self.inner.by_secret.get(secret).map(|&i| &self.inner.keys[i])
    }

    pub fn key_by_id(&self, id: &str) -> Option<&ApiKey> {
        self.inner.by_id.get(id).map(|&i| &self.inner.keys[i])
    }

    pub fn signer(&self) -> &Signer {
        &self.inner.signer
    }

    pub fn limiter(&self) -> &RateLimiter {
        &self.inner.limiter
    }

    pub fn in_flight(&self) -> &InFlight {
        &self.inner.in_flight
    }

    pub fn docs_base(&self) -> &str {
        &self.inner.config.docs_base
    }

    /// Live events of `workspace`, in commit order, unless it already has
    /// its maximum of open streams.
    pub fn subscribe(&self, workspace: &str) -> Result<Subscription, TooManyStreams> {
        self.inner.store.subscribe(workspace, self.inner.config.streams.per_key)
    }

    /// Tells long-lived responses (event streams) to end, so a graceful
    /// shutdown does not wait on them forever.
    pub fn begin_shutdown(&self) {
        self.inner.shutdown.send_replace(true);
    }

    pub fn shutdown_signal(&self) -> watch::Receiver<bool> {
        self.inner.shutdown.subscribe()
    }
}
