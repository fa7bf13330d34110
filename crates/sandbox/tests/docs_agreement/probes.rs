//! The requests the live tests send. Each probe starts from try-it's example
//! fill of a documented operation (explorer-core's `example_draft`) and
//! changes one thing meant to provoke one status; what the sandbox answers is
//! recorded as an [`Answer`] for `live.rs` to hold against the docs.

use std::time::Duration;

use explorer_core::operation::{Location, Operation, ParamType};
use explorer_core::request::{Credential, Draft, build, example_draft};
use explorer_core::schema::{ResponseCheck, ResponseFacts};
use reqwest::{Client, Method, Response};
use sandbox::{Clock, Config, RunningServer, SeededKeys};
use serde_json::{Value, json};

use crate::contract::BODY_CREDENTIAL;

/// A frozen clock (2026-03-14T09:21:00Z): tokens expire and rate-limit
/// windows end only when the test moves it.
const T0: i64 = 1_773_480_060;
/// The body limit is 1 MiB; one byte more is too large.
const TOO_LARGE: usize = 1024 * 1024 + 1;

pub struct Live {
    pub server: RunningServer,
    pub keys: SeededKeys,
    pub clock: Clock,
    client: Client,
    counter: std::cell::Cell<u32>,
}

/// What the sandbox answered one probe.
#[derive(Debug, Clone)]
pub struct Answer {
    pub op: String,
    pub probe: &'static str,
    pub status: u16,
    /// The problem `code` of an error.
    pub code: Option<String>,
    /// `Idempotent-Replayed: true` was sent.
    pub replayed: bool,
    /// How the response differs from its documented status, headers and
    /// body (explorer-core's `ResponseCheck`, as try-it runs it).
    pub differences: Vec<String>,
    /// Values of the body compared with the docs (0: no documented body).
    pub values_checked: usize,
}

impl Answer {
    pub fn text(&self) -> String {
        let code = self.code.as_deref().map(|c| format!(" `{c}`")).unwrap_or_default();
        format!("{}{code}", self.status)
    }
}

/// How a probe changes the example fill.
#[derive(Clone, Default)]
pub struct Change {
    /// Send this credential instead of the pro key (`None`: no credential).
    pub credential: Option<Option<(&'static str, String)>>,
    /// Use an existing resource or project for `{id}`, not the example's.
    pub existing_id: bool,
    pub path_id: Option<String>,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    /// `Some(None)`: no body at all.
    pub body: Option<Option<String>>,
}

impl Live {
    pub async fn start() -> Live {
        Live::start_with(Config::in_memory()).await
    }

    /// A sandbox with `config`, on a manual clock.
    pub async fn start_with(config: Config) -> Live {
        let clock = Clock::manual(T0);
        let config = config.with_clock(clock.clone());
        let server = sandbox::spawn(config, "127.0.0.1:0".parse().expect("address")).await.expect("the sandbox starts");
        let keys = server.state.seeded_keys();
        let client = Client::builder().no_proxy().timeout(Duration::from_secs(30)).build().expect("client");
        Live { server, keys, clock, client, counter: std::cell::Cell::new(0) }
    }

    /// A fresh idempotency key.
    pub fn fresh_key(&self) -> String {
        self.counter.set(self.counter.get() + 1);
        format!("docs-agreement-{}", self.counter.get())
    }

    pub async fn send_raw(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<String>,
    ) -> Response {
        let mut request = self.client.request(method, format!("{}{path}", self.server.url()));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.body(body);
        }
        request.send().await.unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// An existing resource (created now, as a delete may have removed the
    /// last one) or project id, for an operation on `/v1/resources/{id}` or
    /// `/v2/projects/{id}/...`.
    pub async fn existing(&self, op: &Operation) -> String {
        let pro = self.keys.pro.as_str();
        let (path, body) = if op.path.starts_with("/v1/resources") {
            ("/v1/resources", Some(json!({"name": "probe"}).to_string()))
        } else {
            ("/v1/projects", None)
        };
        let method = if body.is_some() { Method::POST } else { Method::GET };
        let headers = [("X-API-Key", pro), ("Content-Type", "application/json")];
        let response = self.send_raw(method, path, &headers, body).await;
        let value: Value = response.json().await.expect("JSON");
        let id = value["id"].as_str().or_else(|| value["data"][0]["id"].as_str());
        id.unwrap_or_else(|| panic!("test setup: no id from {path}: {value}")).to_owned()
    }

    /// The example fill of `op`, changed by `change`, as sent.
    pub async fn request(&self, op: &Operation, change: &Change) -> reqwest::RequestBuilder {
        let mut draft: Draft = example_draft(op);
        // The credential goes in a header (below), never in the body.
        draft.body = draft.body.map(|b| without_body_credential(&b));
        if change.existing_id || change.path_id.is_some() {
            let id = match &change.path_id {
                Some(id) => id.clone(),
                None => self.existing(op).await,
            };
            for (name, value) in &mut draft.path {
                if name == "id" {
                    *value = id.clone();
                }
            }
        }
        draft.query.extend(change.query.iter().cloned());
        draft.headers.extend(change.headers.iter().cloned());
        if let Some(body) = &change.body {
            draft.body = body.clone();
        }
        let credential = match &change.credential {
            None => Some(("X-API-Key", self.keys.pro.clone())),
            Some(credential) => credential.clone(),
        };
        // Sent as typed headers, so that they go even where the docs say no
        // credential is read (explorer-core leaves them out there).
        if let Some((name, value)) = credential {
            let value = if name == "Authorization" { format!("Bearer {value}") } else { value };
            draft.headers.push((name.to_owned(), value));
        }
        let request = build(op, &draft, &self.server.url(), &Credential::None, None)
            .unwrap_or_else(|e| panic!("{}: the probe cannot be sent: {e}", op.id));
        let method = Method::from_bytes(request.method.as_str().as_bytes()).expect("method");
        let mut builder = self.client.request(method, &request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = request.body {
            builder = builder.body(body);
        }
        builder
    }

    pub async fn probe(&self, op: &Operation, probe: &'static str, change: &Change) -> Answer {
        let response = self.request(op, change).await.send().await.unwrap_or_else(|e| panic!("{}: {e}", op.id));
        answer(op, probe, response).await
    }
}

/// Reads status, problem code and replay flag, and compares the response
/// with the docs. A stream's body is not read (it never ends).
pub async fn answer(op: &Operation, probe: &'static str, response: Response) -> Answer {
    let status = response.status().as_u16();
    let replayed = response.headers().get("idempotent-replayed").is_some_and(|v| v == "true");
    let media_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let header_names: Vec<String> = response.headers().keys().map(|n| n.as_str().to_owned()).collect();
    let body = if op.streaming && status == 200 { String::new() } else { response.text().await.unwrap_or_default() };
    let facts = ResponseFacts {
        status,
        media_type,
        header_names,
        headers_known: true,
        cross_origin: false,
        body_is_empty: body.is_empty(),
        body_is_json: serde_json::from_str::<Value>(&body).is_ok(),
    };
    let docs = crate::contract::docs();
    let check = ResponseCheck::start(&docs.objects, op, &facts);
    let mut differences: Vec<String> = check.head.iter().map(|d| format!("{}: {}", d.path, d.message)).collect();
    let value: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    let mut values_checked = 0;
    if let Some(mut body_check) = check.body {
        while !body_check.run(&docs.objects, &value, usize::MAX) {}
        values_checked = body_check.steps();
        differences.extend(body_check.differences().iter().map(|d| format!("{}: {}", d.path, d.message)));
    }
    let code = if status >= 400 { value["code"].as_str().map(str::to_owned) } else { None };
    Answer { op: op.id.clone(), probe, status, code, replayed, differences, values_checked }
}

fn without_body_credential(body: &str) -> String {
    match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(mut fields)) => {
            fields.remove(BODY_CREDENTIAL);
            Value::Object(fields).to_string()
        }
        _ => body.to_owned(),
    }
}

/// The example body with one field changed to another valid value: a
/// different request under the same idempotency key.
pub fn varied_body(op: &Operation) -> Option<String> {
    let mut body: Value = serde_json::from_str(&without_body_credential(example_draft(op).body.as_deref()?)).ok()?;
    let field = op.params_in(Location::Body).find(|p| {
        p.name != BODY_CREDENTIAL
            && ((p.ty == ParamType::String && p.constraints.pattern.is_none() && p.constraints.enum_values.is_empty())
                || (p.ty == ParamType::Integer && p.constraints.minimum.is_some()))
    })?;
    body[&field.name] = match field.ty {
        ParamType::Integer => json!(field.constraints.minimum.unwrap_or(0.0) as i64 + 1),
        _ => json!("varied"),
    };
    Some(body.to_string())
}

/// A JSON body just over the size limit.
pub fn too_large_body() -> String {
    format!("{{\"name\": \"{}\"}}", "x".repeat(TOO_LARGE))
}

pub fn has_path_id(op: &Operation) -> bool {
    op.param(Location::Path, "id").is_some()
}
