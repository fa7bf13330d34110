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
                if block.lines().all(|l| l.starts_with(':') || l.is_empty()) {
                    continue; // keep-alive comment
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
