//! `call_operation`: a documented operation sent to this sandbox's own
//! router, in process. Arguments are placed and checked by explorer-core
//! (`draft_from_arguments`) before anything is sent; the MCP request's
//! `Authorization` header is passed on as it came and kept nowhere.

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{HeaderValue, Request, header};
use explorer_core::operation::Auth;
use explorer_core::request::{Credential, build, draft_from_arguments};
use serde_json::{Map, Value, json};
use tower::ServiceExt;

use super::docs::{model, unknown_operation};

/// The base URL requests are built against; only their path is kept.
const BASE: &str = "http://sandbox.internal";
/// Bodies larger than this are cut, with a note: a tool result is read by a model.
const MAX_BODY: usize = 1 << 20;

pub async fn call(
    api: &Router,
    id: &str,
    params: &Map<String, Value>,
    body: Option<&Value>,
    credential: Option<HeaderValue>,
) -> Result<String, String> {
    let op = model().operation(id).ok_or_else(|| unknown_operation(id))?;
    if op.streaming {
        return Err(format!(
            "{} is an event stream that stays open, which a tool call cannot hold; open `{} {}` with an HTTP client instead.",
            op.id, op.method, op.path
        ));
    }
    let draft = draft_from_arguments(op, params, body)
        .map_err(|problems| format!("The request was not sent:\n- {}", problems.join("\n- ")))?;
    let built =
        build(op, &draft, BASE, &Credential::None, None).map_err(|why| format!("The request was not sent: {why}"))?;
    let mut request = Request::builder().method(op.method.as_str()).uri(&built.url[BASE.len()..]);
    for (name, value) in &built.headers {
        request = request.header(name, value);
    }
    if let Some(credential) = credential.filter(|_| op.auth != Auth::None) {
        request = request.header(header::AUTHORIZATION, credential);
    }
    let request = request
        .body(built.body.map_or_else(Body::empty, Body::from))
        .map_err(|why| format!("The request was not sent: {why}"))?;
    let response = match api.clone().oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let status = response.status().as_u16();
    let headers: Map<String, Value> = response
        .headers()
        .iter()
        .map(|(name, value)| {
            (name.as_str().to_owned(), Value::String(value.to_str().unwrap_or("(not text)").to_owned()))
        })
        .collect();
    let bytes =
        to_bytes(response.into_body(), MAX_BODY).await.map_err(|_| "The response was larger than 1 MiB.".to_owned())?;
    let text = String::from_utf8_lossy(&bytes);
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| Value::String(text.into_owned()))
    };
    let answer = json!({ "status": status, "headers": headers, "body": body });
    Ok(serde_json::to_string_pretty(&answer).unwrap_or_default())
}
