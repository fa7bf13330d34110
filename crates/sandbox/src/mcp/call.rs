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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AppState, Config};

    async fn send(id: &str, params: Value, body: Option<Value>, credential: Option<&str>) -> Result<Value, String> {
        let state = AppState::new(Config::in_memory()).expect("starts");
        let key = credential.map(|c| c.replace("$PRO", &state.seeded_keys().pro));
        let api = crate::app(state);
        let params = params.as_object().cloned().unwrap_or_default();
        let credential = key.map(|k| HeaderValue::from_str(&k).expect("a header value"));
        let text = call(&api, id, &params, body.as_ref(), credential).await?;
        Ok(serde_json::from_str(&text).expect("JSON"))
    }

    #[tokio::test]
    async fn a_path_or_header_cannot_leave_the_operation() {
        // Refused before sending: the id's documented pattern, and a header
        // value that would split the request.
        let e = send("get-resource", json!({"id": "../projects"}), None, None).await.unwrap_err();
        assert!(e.starts_with("The request was not sent:") && e.contains("`id`"), "{e}");
        let e = send("list-resources", json!({"X-Request-Id": "a\r\nX-Evil: 1"}), None, None).await.unwrap_err();
        assert!(e.contains("X-Request-Id"), "{e}");
        let e = send("stream-events", json!({}), None, None).await.unwrap_err();
        assert!(e.contains("event stream that stays open"), "{e}");
    }

    #[tokio::test]
    async fn the_connection_credential_goes_with_the_call_only_where_one_is_read() {
        let answer = send("list-resources", json!({}), None, Some("Bearer $PRO")).await.unwrap();
        assert_eq!(answer["status"], 200);
        let answer = send("list-resources", json!({}), None, None).await.unwrap();
        assert_eq!(
            (answer["status"].as_u64(), answer["body"]["code"].as_str()),
            (Some(401), Some("missing_credentials"))
        );
        // A wrong credential is the API's 401, not a tool failure.
        let answer = send("ping", json!({}), None, Some("Bearer sk_live_nope")).await.unwrap();
        assert_eq!(answer["status"], 401);
        let answer = send("list-demo-keys", json!({}), None, Some("Bearer sk_live_nope")).await.unwrap();
        assert_eq!(answer["status"], 200, "no credential is read there, so none is sent");
    }
}
