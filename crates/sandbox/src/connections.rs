//! Accepting connections with limits, so that slow or half-open clients
//! cannot starve the server: each request head must arrive within a
//! deadline, each request is answered within another, and the number of
//! open connections is capped below the process's descriptor limit.
//!
//! At the cap, the oldest connection that has not sent a whole request head
//! yet is closed to make room: a flood of half-sent requests then costs the
//! attacker their own connections, while `GET /v2/ping` from anyone else is
//! still answered at once. Without such a connection, the oldest one with
//! no request being handled goes (an idle keep-alive, a client that stopped
//! reading its response, an event stream, which resumes with
//! `Last-Event-ID`). When every connection is busy handling a request, a new
//! one is refused (closed) until one ends.
//!
//! The request deadline is [`deadline`], a layer inside the app, so that its
//! 408 carries the same headers (CORS, request id) as every other answer.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower::ServiceExt;

use crate::error::{Code, Problem};
use crate::state::AppState;

/// Descriptors kept free beside the connections: the database, its
/// readers, the listener, logs.
const RESERVED_DESCRIPTORS: usize = 64;

/// How long a graceful shutdown waits for open requests.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// The limits; [`Limits::default`] suits a public sandbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Open connections at most (further capped by the descriptor limit).
    pub max_connections: usize,
    /// Time for a client to send a whole request head, for the first
    /// request and between requests on a kept-alive connection.
    pub header_timeout: Duration,
    /// Time from a request head to the response head (an event stream's
    /// body then flows as long as the stream lives).
    pub request_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 10_000,
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
        }
    }
}

impl Limits {
    /// `max_connections`, lowered to fit the descriptors this process may
    /// open (Linux: `/proc/self/limits`), keeping [`RESERVED_DESCRIPTORS`].
    pub fn connection_cap(&self) -> usize {
        let cap = descriptor_limit()
            .map_or(self.max_connections, |limit| self.max_connections.min(limit.saturating_sub(RESERVED_DESCRIPTORS)));
        cap.max(1)
    }
}

/// The soft limit on open files of this process, where the system says it.
fn descriptor_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    parse_open_files(&limits)
}

fn parse_open_files(limits: &str) -> Option<usize> {
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line["Max open files".len()..].split_whitespace().next()?.parse().ok()
}

/// One open connection, as the accept loop sees it.
struct Tracked {
    /// Set once a whole request head has arrived.
    started: AtomicBool,
    /// Requests being handled (head received, response head not yet made).
    busy: AtomicUsize,
    /// Asks the connection's task to close it.
    close: Notify,
}

/// The open connections, oldest first.
#[derive(Default, Clone)]
struct Registry(Arc<Mutex<VecDeque<Arc<Tracked>>>>);

impl Registry {
    fn len(&self) -> usize {
        self.0.lock().map_or(0, |list| list.len())
    }

    fn add(&self) -> Arc<Tracked> {
        let tracked =
            Arc::new(Tracked { started: AtomicBool::new(false), busy: AtomicUsize::new(0), close: Notify::new() });
        if let Ok(mut list) = self.0.lock() {
            list.push_back(tracked.clone());
        }
        tracked
    }

    fn remove(&self, tracked: &Arc<Tracked>) {
        if let Ok(mut list) = self.0.lock() {
            list.retain(|t| !Arc::ptr_eq(t, tracked));
        }
    }

    /// Closes the oldest connection that never sent a request head, or else
    /// the oldest with no request being handled; false when every one is
    /// busy.
    fn evict_oldest_silent(&self) -> bool {
        let Ok(mut list) = self.0.lock() else { return false };
        let silent = list.iter().position(|t| !t.started.load(Ordering::Relaxed));
        let Some(at) = silent.or_else(|| list.iter().position(|t| t.busy.load(Ordering::Relaxed) == 0)) else {
            return false;
        };
        if let Some(victim) = list.remove(at) {
            victim.close.notify_one();
        }
        true
    }
}

/// Serves `app` on `listener` within `limits` until `shutdown` resolves,
/// then lets open requests finish (for at most [`SHUTDOWN_GRACE`]).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let cap = limits.connection_cap();
    let registry = Registry::default();
    let graceful = GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of descriptors or a reset before accept: wait a
                    // little instead of spinning, and carry on.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        if registry.len() >= cap && !registry.evict_oldest_silent() {
            tracing::warn!(cap, "connection refused: every connection is busy");
            drop(stream);
            continue;
        }
        let _ = stream.set_nodelay(true);
        let tracked = registry.add();
        let marker = tracked.clone();
        let app = app.clone();
        let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
            marker.started.store(true, Ordering::Relaxed);
            let busy = Busy::begin(marker.clone());
            let app = app.clone();
            async move {
                let response: Result<Response, Infallible> = app.oneshot(request).await;
                drop(busy);
                response
            }
        });
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        let registry = registry.clone();
        tokio::spawn(async move {
            tokio::select! {
                result = connection => {
                    if let Err(error) = result {
                        tracing::debug!(%error, "connection ended with an error");
                    }
                }
                () = tracked.close.notified() => tracing::debug!("a silent connection was closed to make room"),
            }
            registry.remove(&tracked);
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await.is_err() {
        tracing::warn!("some requests were still open after the shutdown grace period");
    }
    Ok(())
}

/// Marks a request of a connection as being handled until dropped (also
/// when the request is cancelled).
struct Busy(Arc<Tracked>);

impl Busy {
    fn begin(tracked: Arc<Tracked>) -> Busy {
        tracked.busy.fetch_add(1, Ordering::Relaxed);
        Busy(tracked)
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.busy.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The request deadline: a request whose response head is not ready within
/// `limits.request_timeout` (a body that trickles in, a stuck handler) is
/// abandoned with 408 `request_timeout`.
pub async fn deadline(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let after = state.config().limits.request_timeout;
    match tokio::time::timeout(after, next.run(request)).await {
        Ok(response) => response,
        Err(_) => Problem::new(
            Code::RequestTimeout,
            format!("The request was not answered within {} seconds and was abandoned; retry it.", after.as_secs()),
        )
        .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_descriptor_limit_is_read_from_proc() {
        let sample = "Limit                     Soft Limit           Hard Limit           Units     \n\
                      Max cpu time              unlimited            unlimited            seconds   \n\
                      Max open files            1024                 524288               files     \n";
        assert_eq!(parse_open_files(sample), Some(1024));
        assert_eq!(parse_open_files("Max open files  unlimited unlimited files"), None);
        assert_eq!(parse_open_files(""), None);
    }

    #[test]
    fn the_cap_fits_the_descriptors() {
        let limits = Limits { max_connections: usize::MAX, ..Limits::default() };
        let cap = limits.connection_cap();
        if let Some(limit) = descriptor_limit() {
            assert_eq!(cap, limit - RESERVED_DESCRIPTORS);
        }
        assert_eq!(Limits { max_connections: 5, ..Limits::default() }.connection_cap(), 5);
    }

    #[test]
    fn eviction_takes_the_oldest_silent_connection() {
        let registry = Registry::default();
        let first = registry.add();
        let second = registry.add();
        let third = registry.add();
        first.started.store(true, Ordering::Relaxed);
        assert!(registry.evict_oldest_silent());
        assert_eq!(registry.len(), 2);
        let left: Vec<bool> = registry.0.lock().unwrap().iter().map(|t| Arc::ptr_eq(t, &second)).collect();
        assert_eq!(left, [false, false], "the second (oldest silent) went");
        third.started.store(true, Ordering::Relaxed);
        // No silent one left: the oldest with nothing in hand goes.
        first.busy.store(1, Ordering::Relaxed);
        assert!(registry.evict_oldest_silent());
        let left: Vec<bool> = registry.0.lock().unwrap().iter().map(|t| Arc::ptr_eq(t, &first)).collect();
        assert_eq!(left, [true], "the idle third went, the busy first stayed");
        assert!(!registry.evict_oldest_silent(), "every connection is busy");
    }
}
