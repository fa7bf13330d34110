//! Running the app on a socket: for `main.rs`, for tests (random port), and
//! for anyone embedding the sandbox.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::config::{Config, DbLocation};
use crate::idempotency::TTL_MICROS;
use crate::state::{AppState, StartError};
use crate::store;

/// A server running on a background task.
pub struct RunningServer {
    pub addr: SocketAddr,
    pub state: AppState,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl RunningServer {
    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Shuts down gracefully (open event streams are ended) and waits.
    pub async fn stop(mut self) {
        self.state.begin_shutdown();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        self.state.begin_shutdown();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Opens the state for `config` and serves it on `bind` (port 0: any free
/// port; see [`RunningServer::addr`]).
pub async fn spawn(config: Config, bind: SocketAddr) -> Result<RunningServer, StartError> {
    let state = AppState::new(config)?;
    state.store().start_listening().await.map_err(|e| StartError(e.to_string()))?;
    let listener = TcpListener::bind(bind).await.map_err(|e| StartError(format!("cannot listen on {bind}: {e}")))?;
    let addr = listener.local_addr().map_err(|e| StartError(format!("no local address: {e}")))?;
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, state.clone(), async {
        let _ = stopped.await;
    }));
    Ok(RunningServer { addr, state, stop: Some(stop), task })
}

/// Serves until `shutdown` resolves, then lets in-flight requests finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let maintenance = tokio::spawn(maintain(state.clone()));
    let limits = state.config().limits.clone();
    let result = crate::connections::serve(listener, crate::app(state.clone()), limits, shutdown).await;
    maintenance.abort();
    result
}

/// Runs [`purge_expired`] every ten minutes.
async fn maintain(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        match purge_expired(&state).await {
            Ok((0, 0)) => {}
            Ok((records, events)) => tracing::debug!(records, events, "expired records and events purged"),
            Err(e) => tracing::warn!(error = %e, "could not purge expired records and events"),
        }
    }
}

/// Forgets idempotency records after 24 hours and events after their
/// retention; idempotency records go sooner if the retention is shorter,
/// since a stored answer holds resource data too. Returns how many records
/// and events went.
pub async fn purge_expired(state: &AppState) -> Result<(usize, usize), store::StoreError> {
    let age = state.config().retention.event_age;
    let now = state.clock().now_micros();
    let kept_micros = i64::try_from(age.as_micros()).unwrap_or(i64::MAX).min(TTL_MICROS);
    let records_before = now - kept_micros;
    let events_before = now / 1_000_000 - i64::try_from(age.as_secs()).unwrap_or(i64::MAX / 2);
    state.store().purge(records_before, events_before).await
}

/// The start-up block printed to the console: where things are and the
/// seeded keys, in full (this is the one place keys are shown; logs mask them).
pub fn banner(state: &AppState, url: &str) -> String {
    let db = match &state.config().db {
        DbLocation::File(path) => format!("{} (SQLite, WAL)", path.display()),
        DbLocation::InMemory => "in memory (gone when the process ends)".to_owned(),
        DbLocation::Postgres { url, .. } => format!("{} (PostgreSQL, shared)", crate::store::redacted_url(url)),
    };
    let explorer = match &state.config().static_dir {
        Some(dir) => format!("{url}/  (from {})", dir.display()),
        None => format!("{url}/  (no --static-dir: API only)"),
    };
    let mut out = String::new();
    out.push_str("\n  Cloud API sandbox\n");
    out.push_str(&format!("  listening on {url}\n"));
    out.push_str(&format!("  explorer     {explorer}\n"));
    out.push_str(&format!("  openapi      {url}/openapi.json\n"));
    out.push_str(&format!("  database     {db}\n\n"));
    out.push_str("  Demo API keys (also at GET /sandbox/keys):\n");
    for key in state.keys() {
        let limit = key.rate_limit.map(|n| format!("{n} req/min")).unwrap_or_else(|| "unlimited".to_owned());
        let note = if key.listed { "" } else { "  (bench only, not listed)" };
        out.push_str(&format!("    {:<10} {}  {:<14} {}{}\n", key.name, key.secret, limit, key.scopes, note));
    }
    out
}
