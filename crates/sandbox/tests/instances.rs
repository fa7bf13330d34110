//! Two sandbox processes on one PostgreSQL behave as one API: the free
//! key gets exactly 60 requests a window across both, one idempotency key
//! sent to both at once creates one resource, an event written through one
//! is streamed by the other, a token minted by one is accepted by the
//! other, and a SIGKILL of one in the middle of writes loses no
//! acknowledged write.
//!
//! They need PostgreSQL: `cargo xtask test` starts one and runs them with
//! `SANDBOX_TEST_DATABASE_URL` set (each test makes its own database).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use futures_util::StreamExt;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

const HANG_GUARD: Duration = Duration::from_secs(60);

struct Instance {
    child: Child,
    url: String,
    free: String,
    pro: String,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A database of its own on the test server, for one test.
async fn database(name: &str) -> String {
    let admin = std::env::var("SANDBOX_TEST_DATABASE_URL")
        .expect("SANDBOX_TEST_DATABASE_URL names a PostgreSQL server; `cargo xtask test` starts one and sets it");
    let (client, connection) =
        tokio_postgres::connect(&admin, tokio_postgres::NoTls).await.expect("the test database answers");
    tokio::spawn(connection);
    let db = format!("{name}_{}", std::process::id());
    client.batch_execute(&format!("DROP DATABASE IF EXISTS {db}")).await.expect("drop");
    client.batch_execute(&format!("CREATE DATABASE {db}")).await.expect("create");
    match admin.rfind('/') {
        Some(at) => format!("{}/{db}", &admin[..at]),
        None => panic!("{admin} has no database part"),
    }
}

/// `sandbox --database-url <url> --port 0`, with its URL and demo keys read from its banner.
fn start(database_url: &str) -> Instance {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sandbox"))
        .args(["--database-url", database_url, "--port", "0", "--resources-per-workspace", "1000000"])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the sandbox binary starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let (mut url, mut free, mut pro) = (None, None, None);
    while url.is_none() || free.is_none() || pro.is_none() {
        let line = lines.next().expect("banner line").expect("utf-8");
        if let Some(rest) = line.trim().strip_prefix("listening on ") {
            url = Some(rest.trim().to_owned());
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.first() {
            Some(&"free") => free = words.get(1).map(|k| (*k).to_owned()),
            Some(&"pro") => pro = words.get(1).map(|k| (*k).to_owned()),
            _ => {}
        }
    }
    std::thread::spawn(move || for _ in lines {});
    Instance { child, url: url.unwrap_or_default(), free: free.unwrap_or_default(), pro: pro.unwrap_or_default() }
}

/// `GET url` with an API key, as JSON.
async fn get_json(http: &Client, url: String, key: &str) -> Value {
    http.get(url).header("X-API-Key", key).send().await.expect("answered").json().await.expect("json")
}

/// `POST url` with an API key and a JSON body, as JSON.
async fn post_json(http: &Client, url: String, key: &str, body: Value) -> Value {
    http.post(url).header("X-API-Key", key).json(&body).send().await.expect("answered").json().await.expect("json")
}

/// Creates a resource named `name` through `base`; returns its id.
async fn create(http: &Client, base: &str, key: &str, name: &str) -> String {
    let body = post_json(http, format!("{base}/v1/resources"), key, json!({ "name": name })).await;
    body["id"].as_str().expect("an id").to_owned()
}

fn client() -> Client {
    Client::builder().no_proxy().timeout(HANG_GUARD).build().expect("client")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: `cargo xtask test` starts one and runs these"]
async fn the_free_key_gets_exactly_60_requests_across_both() {
    let url = database("limits").await;
    let (a, b) = (start(&url), start(&url));
    assert_eq!(a.free, b.free, "both instances read the same seeded keys");
    let http = client();
    let mut allowed = 0;
    for i in 0..100 {
        let base = if i % 2 == 0 { &a.url } else { &b.url };
        let status = http
            .get(format!("{base}/v1/resources"))
            .header("X-API-Key", &a.free)
            .send()
            .await
            .expect("answered")
            .status();
        match status {
            StatusCode::OK => allowed += 1,
            StatusCode::TOO_MANY_REQUESTS => {}
            other => panic!("request {i}: {other}"),
        }
    }
    assert_eq!(allowed, 60);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: `cargo xtask test` starts one and runs these"]
async fn one_idempotency_key_sent_to_both_at_once_creates_one_resource() {
    let url = database("idempotency").await;
    let (a, b) = (start(&url), start(&url));
    let http = client();
    for round in 0..20 {
        let key = format!("same-key-{round}");
        let send = |base: String| {
            let (http, key, pro) = (http.clone(), key.clone(), a.pro.clone());
            async move {
                http.post(format!("{base}/v1/resources"))
                    .header("X-API-Key", pro)
                    .header("Idempotency-Key", key)
                    .json(&json!({"name": "once"}))
                    .send()
                    .await
                    .expect("answered")
            }
        };
        let (first, second) = tokio::join!(send(a.url.clone()), send(b.url.clone()));
        let statuses = [first.status(), second.status()];
        assert!(statuses.contains(&StatusCode::CREATED), "round {round}: {statuses:?}");
        for status in statuses {
            assert!(status == StatusCode::CREATED || status == StatusCode::CONFLICT, "round {round}: {statuses:?}");
        }
    }
    let page = get_json(&http, format!("{}/v1/resources?limit=100", b.url), &a.pro).await;
    assert_eq!(page["data"].as_array().map(Vec::len), Some(20), "one resource per key: {page}");

    // After the first finished: the other instance replays it, and refuses
    // the key for a different body.
    let post = |base: &str, name: &str| {
        http.post(format!("{base}/v1/resources"))
            .header("X-API-Key", &a.pro)
            .header("Idempotency-Key", "after-success")
            .json(&json!({ "name": name }))
            .send()
    };
    let first = post(&a.url, "kept").await.expect("answered");
    assert_eq!(first.status(), StatusCode::CREATED);
    let replay = post(&b.url, "kept").await.expect("answered");
    assert_eq!(replay.status(), StatusCode::CREATED);
    assert_eq!(replay.headers().get("idempotent-replayed").map(|v| v.as_bytes()), Some(&b"true"[..]));
    assert_eq!(post(&b.url, "different").await.expect("answered").status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: `cargo xtask test` starts one and runs these"]
async fn an_event_written_through_one_is_streamed_by_the_other_and_tokens_travel() {
    let url = database("events").await;
    let (a, b) = (start(&url), start(&url));
    let http = client();
    // A token from A works on B: the signing secret is shared.
    let token = post_json(&http, format!("{}/v1/auth/token", a.url), &a.pro, json!({})).await;
    let token = token["access_token"].as_str().expect("a token").to_owned();
    let on_b = http.get(format!("{}/v1/resources", b.url)).bearer_auth(&token).send().await.expect("answered");
    assert_eq!(on_b.status(), StatusCode::OK);

    let stream = http.get(format!("{}/v1/events", b.url)).bearer_auth(&token).send().await.expect("the stream opens");
    assert_eq!(stream.status(), StatusCode::OK);
    let id = create(&http, &a.url, &a.pro, "seen by B").await;
    let mut body = stream.bytes_stream();
    let mut text = String::new();
    let seen = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(chunk) = body.next().await {
            text.push_str(&String::from_utf8_lossy(&chunk.expect("a chunk")));
            if text.contains(&id) {
                return true;
            }
        }
        false
    })
    .await;
    assert_eq!(seen, Ok(true), "B streamed A's event for {id}:\n{text}");
    assert!(text.contains("event: resource.created"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: `cargo xtask test` starts one and runs these"]
async fn killing_one_in_the_middle_of_writes_loses_no_acknowledged_write() {
    let url = database("durability").await;
    let (mut a, b) = (start(&url), start(&url));
    let http = client();
    let (ack, mut acks) = tokio::sync::mpsc::unbounded_channel::<String>();
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..6 {
        let (http, base, key, ack, stop) = (http.clone(), a.url.clone(), a.pro.clone(), ack.clone(), Arc::clone(&stop));
        writers.push(tokio::spawn(async move {
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                let sent = http
                    .post(format!("{base}/v1/resources"))
                    .header("X-API-Key", &key)
                    .json(&json!({ "name": format!("w{w}-{i}") }))
                    .send()
                    .await;
                let Ok(response) = sent else { break };
                if response.status() != StatusCode::CREATED {
                    break;
                }
                let Ok(body) = response.json::<Value>().await else { break };
                let _ = ack.send(body["id"].as_str().unwrap_or_default().to_owned());
            }
        }));
    }
    drop(ack);
    // The kill lands after 150 acknowledgements, while writers still send.
    let mut acknowledged = Vec::new();
    while acknowledged.len() < 150 {
        acknowledged.push(acks.recv().await.expect("the writers acknowledge"));
    }
    a.child.kill().expect("SIGKILL");
    let _ = a.child.wait();
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        let _ = writer.await;
    }
    while let Ok(id) = acks.try_recv() {
        acknowledged.push(id);
    }
    // Everything A acknowledged, B can read.
    let mut missing = Vec::new();
    for id in &acknowledged {
        let status = http
            .get(format!("{}/v1/resources/{id}", b.url))
            .header("X-API-Key", &b.pro)
            .send()
            .await
            .expect("answered")
            .status();
        if status != StatusCode::OK {
            missing.push(format!("{id}: {status}"));
        }
    }
    assert!(missing.is_empty(), "{} of {} acknowledged writes lost: {missing:?}", missing.len(), acknowledged.len());
}

/// An unreachable database is said at start, with its address (and no
/// password), instead of a server that fails later.
#[test]
fn an_unreachable_database_is_a_clear_start_up_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_sandbox"))
        .args(["--database-url", "postgres://sandbox:hunter2@127.0.0.1:1/sandbox", "--port", "0"])
        .env("RUST_LOG", "warn")
        .output()
        .expect("the binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot reach the database at postgres://sandbox@127.0.0.1:1/sandbox"), "{stderr}");
    assert!(!stderr.contains("hunter2"), "the password is never shown: {stderr}");
}

/// A list written through both instances and walked page by page through
/// both gives every resource once, newest first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: `cargo xtask test` starts one and runs these"]
async fn cursor_pagination_is_stable_across_instances() {
    let url = database("pages").await;
    let (a, b) = (start(&url), start(&url));
    let http = client();
    let mut created = Vec::new();
    for i in 0..11 {
        let base = if i % 2 == 0 { &a.url } else { &b.url };
        created.push(create(&http, base, &a.pro, &format!("r{i}")).await);
    }
    let mut walked = Vec::new();
    let mut query = "limit=3".to_owned();
    for page in 0.. {
        let base = if page % 2 == 0 { &b.url } else { &a.url };
        let body = get_json(&http, format!("{base}/v1/resources?{query}"), &a.pro).await;
        walked.extend(
            body["data"].as_array().expect("data").iter().map(|r| r["id"].as_str().unwrap_or_default().to_owned()),
        );
        match body["next_cursor"].as_str() {
            Some(cursor) => query = format!("limit=3&cursor={cursor}"),
            None => break,
        }
    }
    created.reverse();
    assert_eq!(walked, created, "every resource once, newest first");
}
