//! Server-sent events: live delivery, resume with Last-Event-ID, isolation.

use futures_util::StreamExt;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{HANG_GUARD, Sandbox, header, problem};

/// One parsed event.
#[derive(Debug)]
struct Sse {
    id: i64,
    event: String,
    data: Value,
}

/// Reads events from a streaming response.
struct Reader {
    stream: std::pin::Pin<Box<dyn futures_util::Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>,
    buffer: String,
}

impl Reader {
    fn new(response: reqwest::Response) -> Reader {
        Reader { stream: Box::pin(response.bytes_stream()), buffer: String::new() }
    }

    async fn next(&mut self) -> Sse {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                if !block.lines().any(|l| l.starts_with("data:")) {
                    continue; // a keep-alive comment or the `retry:` advice
                }
                let field = |name: &str| {
                    block
                        .lines()
                        .find_map(|l| {
                            l.strip_prefix(&format!("{name}: ")).or_else(|| l.strip_prefix(&format!("{name}:")))
                        })
                        .unwrap_or_default()
                        .to_owned()
                };
                return Sse {
                    id: field("id").parse().expect("integer id"),
                    event: field("event"),
                    data: serde_json::from_str(&field("data")).expect("JSON data"),
                };
            }
            let chunk = tokio::time::timeout(HANG_GUARD, self.stream.next())
                .await
                .expect("an event arrives (hang guard)")
                .expect("the stream is open")
                .expect("chunk");
            self.buffer.push_str(std::str::from_utf8(&chunk).expect("utf-8"));
        }
    }
}

async fn open(s: &Sandbox, key: &str, last_event_id: Option<i64>) -> reqwest::Response {
    let mut request = s.get("/v1/events", key).header("Accept", "text/event-stream");
    if let Some(id) = last_event_id {
        request = request.header("Last-Event-ID", id.to_string());
    }
    let r = request.send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
    assert!(header(&r, "content-type").unwrap_or_default().starts_with("text/event-stream"));
    r
}

#[tokio::test]
async fn live_events_for_the_callers_workspace_only() {
    let s = Sandbox::start().await;
    let mut events = Reader::new(open(&s, &s.keys.pro, None).await);
    // Another workspace's change must not show up.
    s.create(&s.keys.free, "not yours").await;
    let created = s.create(&s.keys.pro, "mine").await;
    let id = created["id"].as_str().expect("id").to_owned();
    let e = events.next().await;
    assert_eq!(e.event, "resource.created");
    assert_eq!(e.data["type"], "resource.created");
    assert!(e.data["id"].as_str().is_some_and(|i| i.starts_with("evt_")));
    assert_eq!(e.data["created_at"], "2026-03-14T09:21:00Z");
    assert_eq!(e.data["data"], created);

    let r = s
        .with_key(Method::PATCH, &format!("/v1/resources/{id}"), &s.keys.pro)
        .json(&json!({"name": "renamed"}))
        .send()
        .await
        .expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
    let updated = events.next().await;
    assert_eq!(updated.event, "resource.updated");
    assert_eq!(updated.data["data"]["name"], "renamed");
    assert!(updated.id > e.id);

    let r = s.with_key(Method::DELETE, &format!("/v1/resources/{id}"), &s.keys.pro).send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let deleted = events.next().await;
    assert_eq!(deleted.event, "resource.deleted");
    assert_eq!(deleted.data["data"]["id"], id.as_str());
    assert!(deleted.id > updated.id);
}

#[tokio::test]
async fn resuming_with_last_event_id_replays_later_events_then_goes_live() {
    let s = Sandbox::start().await;
    let key = s.keys.pro.clone();
    let mut first = Reader::new(open(&s, &key, None).await);
    let a = s.create(&key, "a").await;
    let b = s.create(&key, "b").await;
    let c = s.create(&key, "c").await;
    let ea = first.next().await;
    assert_eq!(ea.data["data"], a);
    drop(first);

    let mut resumed = Reader::new(open(&s, &key, Some(ea.id)).await);
    let eb = resumed.next().await;
    let ec = resumed.next().await;
    assert_eq!(eb.data["data"], b);
    assert_eq!(ec.data["data"], c);
    let d = s.create(&key, "d").await;
    let ed = resumed.next().await;
    assert_eq!(ed.data["data"], d, "then live, with nothing repeated");
    assert!(ea.id < eb.id && eb.id < ec.id && ec.id < ed.id);
}

#[tokio::test]
async fn events_need_a_credential_and_a_sane_last_event_id() {
    let s = Sandbox::start().await;
    let r = s.request(Method::GET, "/v1/events").send().await.expect("answered");
    problem(r, 401, "missing_credentials").await;
    let r = s.get("/v1/events", &s.keys.pro).header("Last-Event-ID", "yesterday").send().await.expect("answered");
    assert_eq!(problem(r, 400, "invalid_parameter").await["param"], "Last-Event-ID");
}

#[tokio::test]
async fn stopping_the_server_ends_open_streams() {
    let s = Sandbox::start().await;
    let response = open(&s, &s.keys.pro, None).await;
    let mut stream = response.bytes_stream();
    // Without the shutdown signal, a graceful stop would wait for the open
    // stream forever; the guard only turns that hang into a failure.
    tokio::time::timeout(HANG_GUARD, s.server.stop()).await.expect("graceful shutdown does not wait for the stream");
    let end = tokio::time::timeout(HANG_GUARD, async { while let Some(Ok(_)) = stream.next().await {} }).await;
    assert!(end.is_ok(), "the stream ended");
}

async fn create(s: &Sandbox, key: &str, name: &str) {
    let r = s.with_key(Method::POST, "/v1/resources", key).json(&json!({"name": name})).send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_key_may_keep_five_streams_open_and_a_closed_one_frees_its_place() {
    let s = Sandbox::start().await;
    let mut open_streams = Vec::new();
    for _ in 0..5 {
        open_streams.push(open(&s, &s.keys.pro, None).await);
    }
    let refused = s.get("/v1/events", &s.keys.pro).send().await.expect("answered");
    assert_eq!(header(&refused, "retry-after"), Some("5"));
    let body = problem(refused, 429, "too_many_streams").await;
    assert!(body["detail"].as_str().unwrap_or_default().contains("5 event streams"), "{body}");
    // Another key is not affected.
    open(&s, &s.keys.free, None).await;
    // Closing one frees its place (once the server notices the close).
    drop(open_streams.pop());
    let started = std::time::Instant::now();
    loop {
        let r = s.get("/v1/events", &s.keys.pro).send().await.expect("answered");
        if r.status() == StatusCode::OK {
            break;
        }
        assert!(started.elapsed() < HANG_GUARD, "a closed stream's place was never freed");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_stream_advises_its_retry_and_ends_after_its_lifetime() {
    let limits =
        sandbox::config::StreamLimits { lifetime: std::time::Duration::from_millis(500), ..Default::default() };
    let s = Sandbox::start_with(sandbox::Config::in_memory().with_stream_limits(limits)).await;
    let mut stream = open(&s, &s.keys.pro, None).await.bytes_stream();
    let mut text = String::new();
    let ended = tokio::time::timeout(HANG_GUARD, async {
        while let Some(Ok(chunk)) = stream.next().await {
            text.push_str(std::str::from_utf8(&chunk).expect("utf-8"));
        }
    })
    .await;
    assert!(ended.is_ok(), "the stream ended after its lifetime");
    assert!(text.starts_with("retry: 2000\n"), "{text:?}");
}

#[tokio::test]
async fn an_event_committed_while_a_stream_opens_is_never_lost() {
    let s = Sandbox::start().await;
    create(&s, &s.keys.pro, "before").await;
    let workspace = s.server.state.key_by_secret(&s.keys.pro).expect("key").id.clone();
    // An event commits between the two steps of opening the stream.
    let (mut live, start) =
        sandbox::routes::events::open(&s.server.state, &workspace, None, create(&s, &s.keys.pro, "while opening"))
            .await
            .expect("opened");
    create(&s, &s.keys.pro, "after").await;
    let stored = s.server.state.store().events_after(&workspace, start, 100).await;
    let stored: Vec<i64> = stored.expect("read").iter().map(|e| e.seq).collect();
    // Live events may arrive a moment later (on PostgreSQL they are relayed
    // from the database); the timeout only guards against a hang.
    let mut live_seqs = Vec::new();
    while !stored.iter().all(|seq| live_seqs.contains(seq)) {
        match tokio::time::timeout(std::time::Duration::from_secs(10), live.receiver.recv()).await {
            Ok(Ok(event)) => live_seqs.push(event.seq),
            _ => break,
        }
    }
    assert!(!stored.is_empty(), "the event after opening is stored");
    for seq in &stored {
        assert!(live_seqs.contains(seq), "event {seq} after the start {start} reaches the stream: {live_seqs:?}");
    }
}
