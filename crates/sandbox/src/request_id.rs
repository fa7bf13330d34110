//! `X-Request-Id` on every response, request logging, and the final rendering
//! of problem bodies (which need the request id).

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use crate::error::finish_pending;
use crate::state::AppState;

pub static X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The id of the current request (the client's, or a fresh UUID v4).
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

/// Whether the client's id can be echoed: 1–200 visible ASCII characters.
pub fn is_acceptable(value: &str) -> bool {
    (1..=200).contains(&value.len()) && value.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

/// The client's usable `X-Request-Id`, if any (the only kind that may also
/// serve as an idempotency key).
pub fn client_id(headers: &axum::http::HeaderMap) -> Option<String> {
    let mut values = headers.get_all(&X_REQUEST_ID).iter();
    let first = values.next()?;
    if values.next().is_some() {
        return None;
    }
    first.to_str().ok().filter(|v| is_acceptable(v)).map(str::to_owned)
}

pub async fn middleware(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let id = client_id(request.headers()).unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    request.extensions_mut().insert(RequestId(id.clone()));
    let started = Instant::now();
    let span = tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %id,
        key = tracing::field::Empty,
    );
    let mut response = next.run(request).instrument(span.clone()).await;
    finish_pending(&mut response, &id, state.docs_base());
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(X_REQUEST_ID.clone(), value);
    }
    span.in_scope(|| {
        tracing::info!(status = response.status().as_u16(), ms = started.elapsed().as_secs_f64() * 1000.0, "served");
    });
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acceptable_ids() {
        assert!(is_acceptable("abc-123"));
        assert!(is_acceptable(&"x".repeat(200)));
        assert!(!is_acceptable(&"x".repeat(201)));
        assert!(!is_acceptable(""));
        assert!(!is_acceptable("has space"));
        assert!(!is_acceptable("tab\t"));
    }
}
