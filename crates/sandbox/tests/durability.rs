//! The real binary: SIGKILL in the middle of writes loses nothing that was
//! acknowledged; SIGTERM shuts down gracefully, even with a stream open.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

/// How long a test waits for the process to exit before calling it a hang.
/// Not a timing claim: nothing here asserts speed (the benchmark does that).
const HANG_GUARD: Duration = Duration::from_secs(60);

struct Process {
    child: Child,
    url: String,
    bench_key: String,
}

/// Starts `sandbox --db <db> --port 0` and reads the banner for its URL and keys.
fn start(db: &Path) -> Process {
    start_logging(db, "warn", Stdio::null())
}

fn start_logging(db: &Path, filter: &str, stderr: Stdio) -> Process {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sandbox"))
        .arg("--db")
        .arg(db)
        .args(["--port", "0"])
        // The kill test writes more resources than the default quota allows.
        .args(["--resources-per-workspace", "1000000"])
        .env("RUST_LOG", filter)
        .env_remove("SANDBOX_IN_MEMORY")
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("the sandbox binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let (mut url, mut bench_key) = (None, None);
    while url.is_none() || bench_key.is_none() {
        let line = lines.next().expect("banner line").expect("utf-8");
        if let Some(rest) = line.trim().strip_prefix("listening on ") {
            url = Some(rest.trim().to_owned());
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.first() == Some(&"unlimited") {
            bench_key = words.get(1).map(|k| (*k).to_owned());
        }
    }
    // Keep draining stdout so the child never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Process { child, url: url.unwrap_or_default(), bench_key: bench_key.unwrap_or_default() }
}

fn client() -> Client {
    Client::builder().no_proxy().timeout(HANG_GUARD).build().expect("client")
}

fn wait_exit(child: &mut Child, within: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

async fn all_resources(client: &Client, url: &str, key: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut query = "limit=100".to_owned();
    loop {
        let page: Value = client
            .get(format!("{url}/v1/resources?{query}"))
            .header("X-API-Key", key)
            .send()
            .await
            .expect("answered")
            .json()
            .await
            .expect("json");
        out.extend(page["data"].as_array().cloned().unwrap_or_default());
        match page["next_cursor"].as_str() {
            Some(cursor) => query = format!("limit=100&cursor={cursor}"),
            None => return out,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_during_writes_loses_no_acknowledged_write() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sandbox.db");
    let mut first = start(&db);
    let http = client();

    // One keyed write before the storm, to check its record survives too.
    let keyed = http
        .post(format!("{}/v1/resources", first.url))
        .header("X-API-Key", &first.bench_key)
        .header("Idempotency-Key", "durable-1")
        .json(&json!({"name": "keyed"}))
        .send()
        .await
        .expect("answered");
    assert_eq!(keyed.status(), StatusCode::CREATED);
    let keyed: Value = keyed.json().await.expect("json");

    // Writers report every acknowledged write on a channel; the kill comes
    // after a count of acknowledgements, not after some wall-clock time, and
    // the writers are still sending when it lands.
    let (ack, mut acks) = tokio::sync::mpsc::unbounded_channel::<(String, String)>();
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..8 {
        let (http, url, key) = (http.clone(), first.url.clone(), first.bench_key.clone());
        let (ack, stop) = (ack.clone(), Arc::clone(&stop));
        writers.push(tokio::spawn(async move {
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                let name = format!("w{w}-{i}");
                i += 1;
                let sent = http
                    .post(format!("{url}/v1/resources"))
                    .header("X-API-Key", &key)
                    .json(&json!({ "name": name, "metadata": {"writer": w.to_string()} }))
                    .send()
                    .await;
                let Ok(response) = sent else { break };
                if response.status() != StatusCode::CREATED {
                    break;
                }
                let Ok(body) = response.json::<Value>().await else {
                    break;
                };
                let id = body["id"].as_str().unwrap_or_default().to_owned();
                if ack.send((id, name)).is_err() {
                    break;
                }
            }
        }));
    }
    drop(ack);
    // `recv` ends early only if every writer gave up, which the count below reports.
    let mut acked = Vec::new();
    while acked.len() < 1000 {
        match acks.recv().await {
            Some(one) => acked.push(one),
            None => break,
        }
    }
    first.child.kill().expect("SIGKILL");
    let killed_with = first.child.wait().expect("reaped");
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.await.expect("writer task");
    }
    // Acknowledgements that arrived up to the kill count too.
    while let Ok(one) = acks.try_recv() {
        acked.push(one);
    }
    assert!(!killed_with.success(), "killed, not exited: {killed_with:?}");
    assert!(acked.len() >= 1000, "the writers stopped before 1000 acknowledged writes: {}", acked.len());
    assert!(dir.path().join("sandbox.db-wal").exists(), "killed with a live WAL");

    let mut second = start(&db);
    assert_eq!(second.bench_key, first.bench_key, "keys survive a restart");
    let stored = all_resources(&http, &second.url, &second.bench_key).await;
    let by_id: std::collections::HashMap<&str, &Value> =
        stored.iter().filter_map(|r| Some((r["id"].as_str()?, r))).collect();
    for (id, name) in &acked {
        let resource = by_id.get(id.as_str()).unwrap_or_else(|| panic!("acknowledged write {id} ({name}) lost"));
        assert_eq!(resource["name"], name.as_str());
    }
    assert!(by_id.contains_key(keyed["id"].as_str().unwrap_or_default()));
    // At most the in-flight requests (one per writer) were applied without an answer.
    assert!(stored.len() <= acked.len() + 1 + 8, "{} stored, {} acknowledged", stored.len(), acked.len());

    // The idempotency record survived with its resource: a retry replays.
    let replay = http
        .post(format!("{}/v1/resources", second.url))
        .header("X-API-Key", &second.bench_key)
        .header("Idempotency-Key", "durable-1")
        .json(&json!({"name": "keyed"}))
        .send()
        .await
        .expect("answered");
    assert_eq!(replay.headers().get("idempotent-replayed").and_then(|v| v.to_str().ok()), Some("true"));
    assert_eq!(replay.json::<Value>().await.expect("json"), keyed);

    second.child.kill().expect("kill");
    let _ = second.child.wait();
}

#[tokio::test]
async fn sigterm_shuts_down_gracefully_with_a_stream_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sandbox.db");
    let mut process = start(&db);
    let http = client();
    let stream = http
        .get(format!("{}/v1/events", process.url))
        .header("X-API-Key", &process.bench_key)
        .send()
        .await
        .expect("answered");
    assert_eq!(stream.status(), StatusCode::OK);
    let created = http
        .post(format!("{}/v1/resources", process.url))
        .header("X-API-Key", &process.bench_key)
        .json(&json!({"name": "before shutdown"}))
        .send()
        .await
        .expect("answered");
    assert_eq!(created.status(), StatusCode::CREATED);

    let pid = process.child.id().to_string();
    let sent = Command::new("kill").args(["-TERM", &pid]).status().expect("kill runs");
    assert!(sent.success());
    // Without the shutdown signal, the open stream would keep the process
    // alive forever; the guard only turns that hang into a failure.
    let status = wait_exit(&mut process.child, HANG_GUARD).expect("exits despite the open stream");
    assert!(status.success(), "clean exit: {status:?}");
    drop(stream);
    let wal = dir.path().join("sandbox.db-wal");
    assert!(
        !wal.exists() || std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) == 0,
        "the WAL was checkpointed on the way out"
    );

    let mut again = start(&db);
    let stored = all_resources(&http, &again.url, &again.bench_key).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["name"], "before shutdown");
    again.child.kill().expect("kill");
    let _ = again.child.wait();
}

#[tokio::test]
async fn logs_never_contain_a_whole_key_or_token() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log_path = dir.path().join("stderr.log");
    let log = std::fs::File::create(&log_path).expect("log file");
    let mut process = start_logging(&dir.path().join("sandbox.db"), "debug", Stdio::from(log));
    let http = client();
    let unknown_key = format!("sk_live_{}", "q".repeat(32));
    let token: Value = http
        .post(format!("{}/v1/auth/token", process.url))
        .header("X-API-Key", &process.bench_key)
        .send()
        .await
        .expect("answered")
        .json()
        .await
        .expect("json");
    let token = token["access_token"].as_str().expect("token").to_owned();
    let tampered = format!("{token}x");
    for (header, value) in [
        ("X-API-Key", process.bench_key.clone()),
        ("X-API-Key", unknown_key.clone()),
        ("Authorization", format!("Bearer {token}")),
        ("Authorization", format!("Bearer {tampered}")),
    ] {
        http.get(format!("{}/v1/resources", process.url)).header(header, value).send().await.expect("answered");
    }
    let pid = process.child.id().to_string();
    Command::new("kill").args(["-TERM", &pid]).status().expect("kill runs");
    wait_exit(&mut process.child, HANG_GUARD).expect("exits");
    let logged = std::fs::read_to_string(&log_path).expect("log");
    assert!(logged.contains("served"), "request logging is on: {logged}");
    assert!(logged.contains("sk_live_qqqq…"), "a rejected key is logged masked");
    for secret in [&process.bench_key, &unknown_key, &token, &tampered] {
        assert!(!logged.contains(secret.as_str()), "a whole credential was logged");
    }
}
