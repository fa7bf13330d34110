//! `GET /v1/events`: the workspace's resource events as server-sent events.
//!
//! A stream subscribes to its workspace's live events *before* it reads the
//! log, then drops live events it has already sent, so nothing committed in
//! between is lost or sent twice. A stream that falls behind the live buffer
//! re-reads the log. Each key has a bounded number of open streams, and a
//! stream ends after its lifetime, having advised (`retry:`) how soon to
//! reconnect with `Last-Event-ID`.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::{broadcast, mpsc};

use crate::store::{Subscription, TooManyStreams};
use tokio_stream::wrappers::ReceiverStream;

use crate::auth::{Auth, ResourcesRead};
use crate::error::{Code, Problem, ProblemBody};
use crate::model::ServerSentEvent;
use crate::query::Query;
use crate::state::AppState;
use crate::store::events::StoredEvent;

pub static LAST_EVENT_ID: HeaderName = HeaderName::from_static("last-event-id");
/// OpenAPI pattern of `Last-Event-ID` (the parameter is declared in `openapi.rs`).
pub const LAST_EVENT_ID_PATTERN: &str = "^[0-9]{1,18}$";
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// Events read from the log per query while catching up.
const BATCH: u32 = 500;

fn last_event_id(headers: &HeaderMap) -> Result<Option<i64>, Problem> {
    let mut values = headers.get_all(&LAST_EVENT_ID).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    let bad = || {
        Problem::new(Code::InvalidParameter, "`Last-Event-ID` must be the integer `id` of an event this stream sent.")
            .param("Last-Event-ID")
    };
    if values.next().is_some() {
        return Err(bad());
    }
    // Exactly what the OpenAPI pattern says: 1–18 ASCII digits.
    first
        .to_str()
        .ok()
        .filter(|v| (1..=18).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|v| v.parse::<i64>().ok())
        .map(Some)
        .ok_or_else(bad)
}

/// Stream resource events
///
/// `resource.created`, `resource.updated` and `resource.deleted` for this
/// workspace, as `text/event-stream`. Each event's `id:` is an integer; send
/// the last one back in `Last-Event-ID` to resume (later stored events are
/// replayed first). A keep-alive comment is sent every 15 seconds.
#[utoipa::path(
    get,
    path = "/v1/events",
    operation_id = "stream-events",
    tag = "Events",
    responses(
        (status = 200, description = "An endless stream of events: `id: <integer>`, `event: <type>`, `data: <JSON>`.", content_type = "text/event-stream", body = ServerSentEvent,
            example = "id: 42\nevent: resource.created\ndata: {\"id\":\"evt_00064b2c1a9f3e28\",\"type\":\"resource.created\",\"created_at\":\"2026-03-14T09:21:00Z\",\"data\":{\"id\":\"res_00064b2c1a9f3e27\",\"name\":\"Analytics\",\"region\":\"eu-west\",\"status\":\"active\",\"metadata\":{},\"created_at\":\"2026-03-14T09:21:00Z\",\"updated_at\":\"2026-03-14T09:21:00Z\"}}\n\n"),
        (status = 400, description = "A malformed `Last-Event-ID`, a query parameter or a bad `X-API-Version`.", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "The key's rate limit is exhausted (`rate_limited`), or the key already has its maximum of open streams (`too_many_streams`).", body = ProblemBody, content_type = "application/problem+json",
            headers(("Retry-After" = String, description = "Seconds to wait before retrying."))),
    ),
    security(("api_key" = ["resources:read"]), ("bearer" = ["resources:read"]))
)]
pub async fn stream(
    State(state): State<AppState>,
    auth: Auth<ResourcesRead>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, Problem> {
    Query::parse(&uri, &[])?;
    let resume_after = last_event_id(&headers)?;
    let workspace = auth.principal.workspace().to_owned();
    let (live, start) = open(&state, &workspace, resume_after, async {}).await?;
    let (tx, rx) = mpsc::channel::<Result<Event, Infallible>>(64);
    let limits = state.config().streams.clone();
    // The advice comes first, so a client knows how soon to come back.
    let _ = tx.try_send(Ok(Event::default().retry(limits.retry)));
    tokio::spawn(pump(state, workspace, start, resume_after.is_some(), live, tx, limits.lifetime));
    Ok(Sse::new(ReceiverStream::new(rx))
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE).text("keep-alive"))
        .into_response())
}

/// Subscribes to `workspace`'s live events, then fixes where the stream
/// starts: after `resume_after`, or else after the latest stored event.
/// Subscribing first means an event committed while the log is read is
/// either at or before the start, or delivered live; never lost.
/// `between` runs in between (tests commit an event there).
pub async fn open(
    state: &AppState,
    workspace: &str,
    resume_after: Option<i64>,
    between: impl std::future::Future<Output = ()>,
) -> Result<(Subscription, i64), Problem> {
    let live = state.subscribe(workspace).map_err(|TooManyStreams| {
        let most = state.config().streams.per_key;
        Problem::new(
            Code::TooManyStreams,
            format!(
                "This key already has {most} event streams open, the most it may; close one, or wait for one to end."
            ),
        )
        .header(axum::http::header::RETRY_AFTER, "5")
    })?;
    between.await;
    let start = match resume_after {
        Some(after) => after,
        None => state.store().latest_event(workspace).await.map_err(super::internal)?,
    };
    Ok((live, start))
}

fn to_sse(event: &StoredEvent) -> Event {
    Event::default().id(event.seq.to_string()).event(event.event_type.clone()).data(event.payload.clone())
}

/// Sends stored events after `after`; returns the last id sent, or `None`
/// when the client is gone.
async fn catch_up(
    state: &AppState,
    workspace: &str,
    mut after: i64,
    tx: &mpsc::Sender<Result<Event, Infallible>>,
) -> Option<i64> {
    loop {
        let batch = match state.store().events_after(workspace, after, BATCH).await {
            Ok(batch) => batch,
            Err(error) => {
                tracing::error!(%error, "could not read the event log");
                return None;
            }
        };
        let full = batch.len() == BATCH as usize;
        for event in &batch {
            tx.send(Ok(to_sse(event))).await.ok()?;
            after = event.seq;
        }
        if !full {
            return Some(after);
        }
    }
}

/// Runs a stream until its client leaves, its lifetime ends or the server
/// stops. The three also end a send that waits on a client that stopped
/// reading, so a stalled stream cannot keep its key's place forever.
async fn pump(
    state: AppState,
    workspace: String,
    start: i64,
    resume: bool,
    live: Subscription,
    tx: mpsc::Sender<Result<Event, Infallible>>,
    lifetime: Duration,
) {
    let mut shutdown = state.shutdown_signal();
    let stopping = async move {
        // The guard `wait_for` returns is not `Send`; drop it right away.
        let _ = shutdown.wait_for(|stop| *stop).await.is_ok();
    };
    tokio::select! {
        () = stopping => {}
        () = tokio::time::sleep(lifetime) => {}
        () = deliver(&state, &workspace, start, resume, live, &tx) => {}
    }
}

/// Sends the stored events after `start` (when resuming), then live ones,
/// until the client is gone.
async fn deliver(
    state: &AppState,
    workspace: &str,
    start: i64,
    resume: bool,
    mut live: Subscription,
    tx: &mpsc::Sender<Result<Event, Infallible>>,
) {
    let mut sent = start;
    if resume {
        match catch_up(state, workspace, start, tx).await {
            Some(last) => sent = last,
            None => return,
        }
    }
    loop {
        tokio::select! {
            _ = tx.closed() => return,
            received = live.receiver.recv() => match received {
                Ok(event) => {
                    if event.workspace == workspace && event.seq > sent {
                        if tx.send(Ok(to_sse(&event))).await.is_err() {
                            return;
                        }
                        sent = event.seq;
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => match catch_up(state, workspace, sent, tx).await {
                    Some(last) => sent = last,
                    None => return,
                },
                Err(broadcast::error::RecvError::Closed) => return,
            },
        }
    }
}
