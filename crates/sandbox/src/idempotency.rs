//! Idempotent POST, PATCH and DELETE.
//!
//! The key is `Idempotency-Key`, or else a usable `X-Request-Id`; it is scoped
//! to the workspace and kept 24 h. A request is identified by the SHA-256 of
//! its method, path and body bytes. A first request is marked in flight (in
//! memory) before the stored record is looked up, so two racing requests can
//! never both run; a success is stored in the same transaction as the change
//! it made, so a crash cannot leave a change without its record (and a retry
//! would then repeat it).

use std::collections::HashSet;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use tokio::sync::Notify;

use crate::error::{Code, Problem};
use crate::request_id::{self, RequestId};
use crate::state::AppState;
use crate::store::idempotency::StoredResponse;
use crate::store::{Keyed, StoreResult};

pub static IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
pub static IDEMPOTENT_REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");

/// How long a key is remembered.
pub const TTL_MICROS: i64 = 24 * 3600 * 1_000_000;
/// Longest accepted `Idempotency-Key`.
pub const MAX_KEY_LEN: usize = 255;
/// OpenAPI pattern of `Idempotency-Key`.
pub const KEY_PATTERN: &str = "^[\\x21-\\x7E]{1,255}$";

/// Keys whose first request is still running, per workspace.
#[derive(Debug, Default)]
pub struct InFlight(Mutex<HashSet<(String, String)>>);

impl InFlight {
    fn claim(&self, id: &(String, String)) -> bool {
        match self.0.lock() {
            Ok(mut set) => set.insert(id.clone()),
            Err(poisoned) => poisoned.into_inner().insert(id.clone()),
        }
    }

    fn release(&self, id: &(String, String)) {
        match self.0.lock() {
            Ok(mut set) => set.remove(id),
            Err(poisoned) => poisoned.into_inner().remove(id),
        };
    }
}

/// A test-only barrier: the first keyed request to claim its key after this
/// is armed stops right after the claim until the test releases it, so a test
/// can send a duplicate while the first is provably in flight instead of
/// sleeping and hoping. Unset (`None` in [`crate::Config`]) in production.
#[doc(hidden)]
#[derive(Clone, Default)]
pub struct ClaimPause(Arc<PauseInner>);

#[derive(Default)]
struct PauseInner {
    /// Set once the first claim has taken the pause; later claims run freely.
    taken: AtomicBool,
    claimed: Notify,
    release: Notify,
}

impl fmt::Debug for ClaimPause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClaimPause").field("taken", &self.0.taken.load(Ordering::SeqCst)).finish()
    }
}

impl ClaimPause {
    pub fn new() -> Self {
        Self::default()
    }

    /// Resolves once a request has claimed its key and is waiting.
    pub async fn claimed(&self) {
        self.0.claimed.notified().await;
    }

    /// Lets the waiting request go on.
    pub fn release(&self) {
        // `notify_one` keeps a permit when nobody waits yet, so the order of
        // release and wait does not matter.
        self.0.release.notify_one();
    }

    async fn hold(&self) {
        if self.0.taken.swap(true, Ordering::SeqCst) {
            return;
        }
        self.0.claimed.notify_one();
        self.0.release.notified().await;
    }
}

/// An idempotency key and the header it came in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdemKey {
    pub value: String,
    pub header: &'static str,
}

/// The idempotency key of a request, if it has one; 400 for a malformed
/// `Idempotency-Key`.
pub fn key_of(headers: &HeaderMap) -> Result<Option<IdemKey>, Problem> {
    let mut values = headers.get_all(&IDEMPOTENCY_KEY).iter();
    let Some(first) = values.next() else {
        return Ok(request_id::client_id(headers).map(|value| IdemKey { value, header: "X-Request-Id" }));
    };
    let bad = || {
        Problem::new(
            Code::InvalidParameter,
            format!("`Idempotency-Key` must be sent once, as 1 to {MAX_KEY_LEN} visible ASCII characters (a UUID is a good choice)."),
        )
        .param("Idempotency-Key")
    };
    if values.next().is_some() {
        return Err(bad());
    }
    let text = first.to_str().map_err(|_| bad())?;
    if text.is_empty() || text.len() > MAX_KEY_LEN || !text.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        return Err(bad());
    }
    Ok(Some(IdemKey { value: text.to_owned(), header: "Idempotency-Key" }))
}

pub fn fingerprint(method: &str, path_and_query: &str, body: &[u8]) -> Vec<u8> {
    let mut hash = Sha256::new();
    hash.update(method.as_bytes());
    hash.update([0]);
    hash.update(path_and_query.as_bytes());
    hash.update([0]);
    hash.update(body);
    hash.finalize().to_vec()
}

/// The right to run a keyed request; releases the in-flight mark when dropped
/// (also when the client goes away mid-request).
pub struct Ticket {
    state: AppState,
    id: (String, String),
    fingerprint: Vec<u8>,
    /// The stamp of its claim in the shared database (PostgreSQL).
    shared: Option<i64>,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.state.in_flight().release(&self.id);
        // A claim in the shared database goes once this request is done; with
        // no runtime left (shutdown), it lapses after its lease.
        if let (Some(stamp), Ok(runtime)) = (self.shared, tokio::runtime::Handle::try_current()) {
            let (store, (workspace, key)) = (self.state.store().clone(), self.id.clone());
            runtime.spawn(async move {
                if let Err(error) = store.release(&workspace, &key, stamp).await {
                    tracing::warn!(%error, "could not release an idempotency claim; it lapses after its lease");
                }
            });
        }
    }
}

impl Ticket {
    /// The key and request this ticket stores a response for.
    pub fn keyed(&self) -> Keyed {
        Keyed { key: self.id.1.clone(), fingerprint: self.fingerprint.clone() }
    }

    /// Stores `response` for this key, replayed until `expires_us` if given
    /// (a token exchange, whose replay would otherwise hand back an expired
    /// token), else for the key's 24 hours. The ticket is kept until the
    /// response is stored.
    pub async fn save(self, state: &AppState, response: StoredResponse, expires_us: Option<i64>) -> StoreResult<()> {
        let (workspace, keyed) = (self.id.0.clone(), self.keyed());
        // The ticket goes with the write, and is dropped once it committed.
        state.store().save_response(&workspace, keyed, response, expires_us, self).await
    }
}

pub enum Begin {
    /// The stored response of an earlier, identical request.
    Replay(Response),
    /// Run the request; store its response with the ticket, if there is one.
    Run(Option<Ticket>),
}

pub async fn begin(
    state: &AppState,
    workspace: &str,
    key: Option<IdemKey>,
    fingerprint: Vec<u8>,
) -> Result<Begin, Problem> {
    let Some(IdemKey { value, header }) = key else {
        return Ok(Begin::Run(None));
    };
    let id = (workspace.to_owned(), value);
    let in_flight = || {
        Problem::new(
            Code::IdempotencyInFlight,
            "A request with this idempotency key is still being processed; retry when it has finished.",
        )
        .param(header)
    };
    if !state.in_flight().claim(&id) {
        return Err(in_flight());
    }
    let mut ticket = Ticket { state: state.clone(), id, fingerprint, shared: None };
    // Other instances on the same database may hold the key too. When one
    // does, a stored response (it may just have finished) is still replayed.
    let held_elsewhere = match state.store().claim(&ticket.id.0, &ticket.id.1).await {
        Ok(Some(Some(stamp))) => {
            ticket.shared = Some(stamp);
            false
        }
        Ok(Some(None)) => true,
        Ok(None) => false,
        Err(error) => {
            tracing::error!(%error, "could not claim an idempotency key");
            return Err(Problem::internal());
        }
    };
    if let Some(pause) = &state.config().claim_pause {
        pause.hold().await;
    }
    let now = state.clock().now_micros();
    let not_before = now - TTL_MICROS;
    let (workspace, key) = &ticket.id;
    let record = state.store().find_response(workspace, key, not_before, now).await.map_err(|e| {
        tracing::error!(error = %e, "idempotency lookup failed");
        Problem::internal()
    })?;
    match record {
        None if held_elsewhere => Err(in_flight()),
        None => Ok(Begin::Run(Some(ticket))),
        Some(record) if record.fingerprint == ticket.fingerprint => {
            Ok(Begin::Replay(respond(&record.response, true)))
        }
        Some(_) => Err(Problem::new(
            Code::IdempotencyMismatch,
            "This idempotency key was already used for a different request (method, path or body) in the last 24 hours; use a new key for a new request.",
        )
        .param(header)),
    }
}

/// Builds the response of a stored (or about to be stored) record.
pub fn respond(stored: &StoredResponse, replayed: bool) -> Response {
    let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, stored.body.clone()).into_response();
    let headers = response.headers_mut();
    headers.remove(header::CONTENT_TYPE);
    if let Some(ct) = stored.content_type.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
        headers.insert(header::CONTENT_TYPE, ct);
    }
    for (name, value) in &stored.headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name.as_str()), HeaderValue::from_str(value)) {
            headers.insert(name, value);
        }
    }
    if replayed {
        headers.insert(IDEMPOTENT_REPLAYED.clone(), HeaderValue::from_static("true"));
    }
    response
}

/// Answers a keyed request that failed with `problem`: renders it now (the
/// stored copy needs its bytes) and stores it, unless it is a server error,
/// which a retry should get another chance at.
pub async fn fail(state: &AppState, ticket: Option<Ticket>, request_id: &RequestId, problem: Problem) -> Response {
    let Some(ticket) = ticket else {
        return problem.into_response();
    };
    let rendered = problem.render(&request_id.0, state.docs_base());
    if problem.status().is_server_error() {
        return rendered;
    }
    let (parts, body) = rendered.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes.to_vec(),
        Err(_) => return Problem::internal().into_response(),
    };
    let stored = StoredResponse {
        status: parts.status.as_u16(),
        content_type: Some(crate::error::PROBLEM_JSON.to_owned()),
        // A stored 401 must still say how to authenticate.
        headers: parts
            .headers
            .get(header::WWW_AUTHENTICATE)
            .and_then(|v| v.to_str().ok())
            .map(|v| vec![(header::WWW_AUTHENTICATE.as_str().to_owned(), v.to_owned())])
            .unwrap_or_default(),
        body: bytes,
    };
    let saved = ticket.save(state, stored.clone(), None).await;
    if let Err(e) = saved {
        tracing::error!(error = %e, "could not store an idempotent error response");
        return Problem::internal().into_response();
    }
    let mut response = respond(&stored, false);
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_LENGTH && !response.headers().contains_key(name) {
            response.headers_mut().insert(name.clone(), value.clone());
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idempotency_key_falls_back_to_request_id() {
        let mut headers = HeaderMap::new();
        assert_eq!(key_of(&headers).ok().flatten(), None);
        headers.insert("x-request-id", HeaderValue::from_static("req-1"));
        let key = key_of(&headers).ok().flatten();
        assert_eq!(key.map(|k| (k.value, k.header)), Some(("req-1".to_owned(), "X-Request-Id")));
        headers.insert("idempotency-key", HeaderValue::from_static("idem-1"));
        let key = key_of(&headers).ok().flatten();
        assert_eq!(key.map(|k| (k.value, k.header)), Some(("idem-1".to_owned(), "Idempotency-Key")));
        headers.insert("idempotency-key", HeaderValue::from_static(""));
        assert!(key_of(&headers).is_err());
    }

    #[test]
    fn fingerprint_separates_fields() {
        assert_ne!(fingerprint("POST", "/a", b"b"), fingerprint("POST", "/ab", b""));
        assert_eq!(fingerprint("POST", "/a", b"b"), fingerprint("POST", "/a", b"b"));
    }
}
