//! A sandbox on a random loopback port, and helpers to talk to it.

use std::time::Duration;

use reqwest::{Client, Method, RequestBuilder, Response, StatusCode};
use sandbox::{Clock, Config, RunningServer, SeededKeys};
use serde_json::Value;

/// 2026-03-14T09:21:00Z: a fixed start for the frozen clock.
pub const T0: i64 = 1_773_480_060;

/// How long a test waits for something that must happen (an event, the end
/// of a stream, a shutdown) before calling it a hang. Not a timing claim:
/// nothing here asserts speed, which only the benchmark measures.
pub const HANG_GUARD: Duration = Duration::from_secs(60);

pub struct Sandbox {
    pub server: RunningServer,
    pub keys: SeededKeys,
    pub clock: Clock,
    pub client: Client,
}

impl Sandbox {
    /// In memory, with a frozen clock the test moves by hand.
    pub async fn start() -> Sandbox {
        Self::start_with(Config::in_memory().with_clock(Clock::manual(T0))).await
    }

    /// With `SANDBOX_TEST_DATABASE_URL` set (`cargo xtask test` sets it to
    /// a PostgreSQL it starts), every in-memory sandbox of the suite runs on
    /// that database instead, each in a schema of its own.
    pub async fn start_with(mut config: Config) -> Sandbox {
        if let (Ok(url), sandbox::DbLocation::InMemory) = (std::env::var("SANDBOX_TEST_DATABASE_URL"), &config.db) {
            static RUN: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
            let n = RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let schema = format!("t{}_{n}_{}", std::process::id(), T0 % 1000);
            config.db = sandbox::DbLocation::Postgres { url, schema: Some(schema) };
        }
        let clock = config.clock.clone();
        let server = sandbox::spawn(config, "127.0.0.1:0".parse().expect("address")).await.expect("the sandbox starts");
        let keys = server.state.seeded_keys();
        let client = Client::builder().no_proxy().timeout(HANG_GUARD).build().expect("client");
        Sandbox { server, keys, clock, client }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.url())
    }

    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, self.url(path))
    }

    /// A request with `X-API-Key: key`.
    pub fn with_key(&self, method: Method, path: &str, key: &str) -> RequestBuilder {
        self.request(method, path).header("X-API-Key", key)
    }

    pub fn get(&self, path: &str, key: &str) -> RequestBuilder {
        self.with_key(Method::GET, path, key)
    }

    /// Creates a resource named `name` with `key`; returns its JSON.
    pub async fn create(&self, key: &str, name: &str) -> Value {
        let response = self
            .with_key(Method::POST, "/v1/resources", key)
            .json(&serde_json::json!({ "name": name }))
            .send()
            .await
            .expect("create is answered");
        assert_eq!(response.status(), StatusCode::CREATED, "creating {name}");
        response.json().await.expect("resource JSON")
    }
}

pub fn header<'a>(response: &'a Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

/// Checks that `response` is a complete problem of `status`/`code` and
/// returns its body.
pub async fn problem(response: Response, status: u16, code: &str) -> Value {
    assert_eq!(response.status().as_u16(), status, "status for {code}");
    assert_eq!(header(&response, "content-type"), Some("application/problem+json"));
    let request_id = header(&response, "x-request-id").expect("X-Request-Id").to_owned();
    let body: Value = response.json().await.expect("problem JSON");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status);
    assert_eq!(body["type"], format!("https://api.cloudplatform.dev/problems/{code}"));
    assert!(body["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(body["detail"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(body.get("param").is_some(), "param is present (maybe null)");
    assert_eq!(body["request_id"], request_id.as_str());
    assert!(body["doc_url"].as_str().is_some_and(|u| u.ends_with(&format!("/errors#{code}"))), "{body}");
    body
}
