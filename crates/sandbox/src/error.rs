//! One error type for the whole API, rendered as `application/problem+json`
//! (RFC 9457) with the contract's extension members.
//!
//! A [`Problem`] can be turned into a response anywhere (extractors, handlers,
//! fallbacks) without knowing the request: `into_response` parks it in the
//! response extensions, and the request-id middleware, which knows the request
//! id and the docs base, renders the body (see `request_id.rs`). Where the
//! final bytes are needed early (idempotent responses are stored), a handler
//! renders with [`Problem::render`] directly.

use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// Content type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";
/// Prefix of the `type` member: one URI per code.
pub const PROBLEM_TYPE_BASE: &str = "https://api.cloudplatform.dev/problems/";

/// Every error code of the contract (plus `payload_too_large`, see the README
/// of this crate): the code fixes the status and the title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    MalformedJson,
    InvalidParameter,
    ValidationFailed,
    InvalidCursor,
    UnsupportedVersion,
    MissingCredentials,
    InvalidCredentials,
    TokenExpired,
    InsufficientScope,
    NotFound,
    MethodNotAllowed,
    RequestTimeout,
    IdempotencyInFlight,
    QuotaExceeded,
    PayloadTooLarge,
    UnsupportedMediaType,
    IdempotencyMismatch,
    RateLimited,
    TooManyStreams,
    InternalError,
}

impl Code {
    pub const ALL: [Code; 20] = [
        Code::MalformedJson,
        Code::InvalidParameter,
        Code::ValidationFailed,
        Code::InvalidCursor,
        Code::UnsupportedVersion,
        Code::MissingCredentials,
        Code::InvalidCredentials,
        Code::TokenExpired,
        Code::InsufficientScope,
        Code::NotFound,
        Code::MethodNotAllowed,
        Code::RequestTimeout,
        Code::IdempotencyInFlight,
        Code::QuotaExceeded,
        Code::PayloadTooLarge,
        Code::UnsupportedMediaType,
        Code::IdempotencyMismatch,
        Code::RateLimited,
        Code::TooManyStreams,
        Code::InternalError,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::MalformedJson => "malformed_json",
            Code::InvalidParameter => "invalid_parameter",
            Code::ValidationFailed => "validation_failed",
            Code::InvalidCursor => "invalid_cursor",
            Code::UnsupportedVersion => "unsupported_version",
            Code::MissingCredentials => "missing_credentials",
            Code::InvalidCredentials => "invalid_credentials",
            Code::TokenExpired => "token_expired",
            Code::InsufficientScope => "insufficient_scope",
            Code::NotFound => "not_found",
            Code::MethodNotAllowed => "method_not_allowed",
            Code::RequestTimeout => "request_timeout",
            Code::IdempotencyInFlight => "idempotency_in_flight",
            Code::QuotaExceeded => "quota_exceeded",
            Code::PayloadTooLarge => "payload_too_large",
            Code::UnsupportedMediaType => "unsupported_media_type",
            Code::IdempotencyMismatch => "idempotency_mismatch",
            Code::RateLimited => "rate_limited",
            Code::TooManyStreams => "too_many_streams",
            Code::InternalError => "internal_error",
        }
    }

    pub fn status(self) -> StatusCode {
        match self {
            Code::MalformedJson
            | Code::InvalidParameter
            | Code::ValidationFailed
            | Code::InvalidCursor
            | Code::UnsupportedVersion => StatusCode::BAD_REQUEST,
            Code::MissingCredentials | Code::InvalidCredentials | Code::TokenExpired => StatusCode::UNAUTHORIZED,
            Code::InsufficientScope => StatusCode::FORBIDDEN,
            Code::NotFound => StatusCode::NOT_FOUND,
            Code::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Code::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            Code::IdempotencyInFlight | Code::QuotaExceeded => StatusCode::CONFLICT,
            Code::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Code::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Code::IdempotencyMismatch => StatusCode::UNPROCESSABLE_ENTITY,
            Code::RateLimited | Code::TooManyStreams => StatusCode::TOO_MANY_REQUESTS,
            Code::InternalError => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Code::MalformedJson => "Malformed JSON",
            Code::InvalidParameter => "Invalid parameter",
            Code::ValidationFailed => "Validation failed",
            Code::InvalidCursor => "Invalid cursor",
            Code::UnsupportedVersion => "Unsupported API version",
            Code::MissingCredentials => "Missing credentials",
            Code::InvalidCredentials => "Invalid credentials",
            Code::TokenExpired => "Token expired",
            Code::InsufficientScope => "Insufficient scope",
            Code::NotFound => "Not found",
            Code::MethodNotAllowed => "Method not allowed",
            Code::RequestTimeout => "Request timeout",
            Code::IdempotencyInFlight => "Request in flight",
            Code::QuotaExceeded => "Quota exceeded",
            Code::PayloadTooLarge => "Payload too large",
            Code::UnsupportedMediaType => "Unsupported media type",
            Code::IdempotencyMismatch => "Idempotency key reused",
            Code::RateLimited => "Rate limit exceeded",
            Code::TooManyStreams => "Too many streams",
            Code::InternalError => "Internal error",
        }
    }
}

/// An API error: a code, a human sentence, the offending parameter, and the
/// extra headers the status calls for (`WWW-Authenticate`, `Retry-After`, …).
#[derive(Clone, Debug)]
pub struct Problem {
    pub code: Code,
    pub detail: String,
    pub param: Option<String>,
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

/// The wire form of a problem (also its OpenAPI schema).
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Problem, example = json!({
    "type": "https://api.cloudplatform.dev/problems/validation_failed",
    "title": "Validation failed",
    "status": 400,
    "detail": "`name` must be 1 to 80 characters long.",
    "code": "validation_failed",
    "param": "name",
    "request_id": "3f1c9f0e-5a7b-4c1e-9a43-0d4f8f1c2b6a",
    "doc_url": "http://127.0.0.1:8080/errors#validation_failed"
}))]
pub struct ProblemBody {
    /// URI identifying the problem type: `https://api.cloudplatform.dev/problems/<code>`.
    #[serde(rename = "type")]
    #[schema(format = "uri")]
    pub type_: String,
    /// Short summary of the problem type; the same for every occurrence of a code.
    pub title: String,
    /// The HTTP status code.
    #[schema(minimum = 400, maximum = 599)]
    pub status: u16,
    /// What went wrong with this request, in a sentence.
    pub detail: String,
    /// Stable machine-readable error code.
    #[schema(pattern = "^[a-z_]+$")]
    pub code: String,
    /// The offending field, query/path parameter or header, or null.
    #[schema(required, nullable)]
    pub param: Option<String>,
    /// The request's `X-Request-Id`.
    pub request_id: String,
    /// Deep link to this code in the explorer's error guide.
    #[schema(format = "uri")]
    pub doc_url: String,
}

impl Problem {
    pub fn new(code: Code, detail: impl Into<String>) -> Self {
        Self { code, detail: detail.into(), param: None, headers: Vec::new() }
    }

    /// Names the offending field, parameter or header.
    pub fn param(mut self, param: impl Into<String>) -> Self {
        self.param = Some(param.into());
        self
    }

    /// Adds a response header; a value that is not a valid header is dropped
    /// (headers here are built from our own text, never from request input).
    pub fn header(mut self, name: HeaderName, value: impl AsRef<str>) -> Self {
        if let Ok(value) = HeaderValue::from_str(value.as_ref()) {
            self.headers.push((name, value));
        }
        self
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(Code::NotFound, format!("No {what} with that id exists in this workspace."))
    }

    pub fn internal() -> Self {
        Self::new(Code::InternalError, "The sandbox hit an unexpected error; the request was not applied. Retry it.")
    }

    pub fn status(&self) -> StatusCode {
        self.code.status()
    }

    pub fn body(&self, request_id: &str, docs_base: &str) -> ProblemBody {
        let code = self.code.as_str();
        ProblemBody {
            type_: format!("{PROBLEM_TYPE_BASE}{code}"),
            title: self.code.title().to_owned(),
            status: self.code.status().as_u16(),
            detail: self.detail.clone(),
            code: code.to_owned(),
            param: self.param.clone(),
            request_id: request_id.to_owned(),
            doc_url: format!("{}/errors#{code}", docs_base.trim_end_matches('/')),
        }
    }

    /// The complete response, body included.
    pub fn render(&self, request_id: &str, docs_base: &str) -> Response {
        let bytes = serde_json::to_vec(&self.body(request_id, docs_base)).unwrap_or_default();
        let mut response = (self.status(), bytes).into_response();
        apply_headers(response.headers_mut(), &self.headers);
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        response
    }
}

fn apply_headers(target: &mut HeaderMap, headers: &[(HeaderName, HeaderValue)]) {
    for (name, value) in headers {
        target.insert(name.clone(), value.clone());
    }
}

/// A problem waiting for the request-id middleware to render its body.
#[derive(Clone, Debug)]
pub struct PendingProblem(pub Problem);

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        apply_headers(response.headers_mut(), &self.headers);
        response.extensions_mut().insert(PendingProblem(self));
        response
    }
}

/// Renders a parked problem in place, keeping every header already set (CORS,
/// `Allow`, rate-limit headers) except the length of the old, empty body.
pub fn finish_pending(response: &mut Response, request_id: &str, docs_base: &str) {
    if let Some(PendingProblem(problem)) = response.extensions_mut().remove::<PendingProblem>() {
        let rendered = problem.render(request_id, docs_base);
        let (parts, body) = rendered.into_parts();
        *response.body_mut() = body;
        let headers = response.headers_mut();
        headers.remove(header::CONTENT_LENGTH);
        for (name, value) in parts.headers.iter() {
            headers.insert(name.clone(), value.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_distinct_snake_case_name_and_an_error_status() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "duplicate {}", code.as_str());
            assert!(code.as_str().chars().all(|c| c.is_ascii_lowercase() || c == '_'));
            assert!(code.status().as_u16() >= 400);
        }
    }

    #[test]
    fn body_carries_type_doc_url_and_request_id() {
        let body = Problem::new(Code::InvalidCursor, "bad").param("cursor").body("req-1", "http://127.0.0.1:8080/");
        assert_eq!(body.type_, "https://api.cloudplatform.dev/problems/invalid_cursor");
        assert_eq!(body.doc_url, "http://127.0.0.1:8080/errors#invalid_cursor");
        assert_eq!(body.status, 400);
        assert_eq!(body.param.as_deref(), Some("cursor"));
        assert_eq!(body.request_id, "req-1");
    }
}
