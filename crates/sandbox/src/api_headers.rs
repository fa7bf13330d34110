//! Headers shared by every API route: the `X-API-Version` pin (checked, then
//! echoed) and the `X-RateLimit-*` headers.
//!
//! The rate limit is counted by the auth extractor, deep inside a handler,
//! while the headers must land on whatever response comes out — including an
//! error from a later extractor. So this middleware hands each request an
//! empty [`RateSlot`]; the extractor fills it; the headers are set from it here.

use std::sync::{Arc, Mutex};

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{Code, Problem};
use crate::rate_limit::Quota;

pub static X_API_VERSION: HeaderName = HeaderName::from_static("x-api-version");
pub static X_RATELIMIT_LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
pub static X_RATELIMIT_REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
pub static X_RATELIMIT_RESET: HeaderName = HeaderName::from_static("x-ratelimit-reset");

/// Dated revisions of the API; the last is the default.
pub const VERSIONS: [&str; 2] = ["2025-06-01", "2026-01-01"];
pub const DEFAULT_VERSION: &str = "2026-01-01";

/// The revision a request asked for.
#[derive(Clone, Copy, Debug)]
pub struct ApiVersion(pub &'static str);

/// Where the auth extractor leaves the request's quota.
#[derive(Clone, Debug, Default)]
pub struct RateSlot(Arc<Mutex<Option<Quota>>>);

impl RateSlot {
    pub fn set(&self, quota: Quota) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(quota);
        }
    }

    fn get(&self) -> Option<Quota> {
        self.0.lock().ok().and_then(|slot| *slot)
    }
}

/// The requested revision, or the problem to answer with.
pub fn negotiate(headers: &HeaderMap) -> Result<ApiVersion, Problem> {
    let mut values = headers.get_all(&X_API_VERSION).iter();
    let Some(value) = values.next() else {
        return Ok(ApiVersion(DEFAULT_VERSION));
    };
    let unsupported = || {
        Problem::new(
            Code::UnsupportedVersion,
            format!("X-API-Version must be one of {} (the default is {DEFAULT_VERSION}).", VERSIONS.join(", ")),
        )
        .param("X-API-Version")
    };
    if values.next().is_some() {
        return Err(unsupported());
    }
    let text = value.to_str().map_err(|_| unsupported())?;
    VERSIONS.iter().find(|v| **v == text).map(|v| ApiVersion(v)).ok_or_else(unsupported)
}

pub fn set_quota_headers(headers: &mut HeaderMap, quota: &Quota) {
    headers.insert(X_RATELIMIT_LIMIT.clone(), HeaderValue::from(quota.limit));
    headers.insert(X_RATELIMIT_REMAINING.clone(), HeaderValue::from(quota.remaining));
    headers.insert(X_RATELIMIT_RESET.clone(), HeaderValue::from(quota.reset_secs));
}

pub async fn middleware(mut request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if !crate::static_files::is_api_path(path) || path == "/openapi.json" {
        return next.run(request).await;
    }
    // `/sandbox/*` is unversioned (sandbox-only helpers): a pin is not
    // checked there, and the default revision is echoed.
    let unversioned = path.starts_with("/sandbox/");
    let version = match negotiate(request.headers()) {
        Ok(version) => version,
        Err(_) if unversioned => ApiVersion(DEFAULT_VERSION),
        Err(problem) => return problem.into_response(),
    };
    let slot = RateSlot::default();
    request.extensions_mut().insert(version);
    request.extensions_mut().insert(slot.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(X_API_VERSION.clone(), HeaderValue::from_static(version.0));
    if let Some(quota) = slot.get() {
        set_quota_headers(headers, &quota);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append(X_API_VERSION.clone(), HeaderValue::from_str(v).unwrap_or(HeaderValue::from_static("x")));
        }
        headers
    }

    #[test]
    fn default_known_and_unknown_versions() {
        assert_eq!(negotiate(&with(&[])).map(|v| v.0).ok(), Some(DEFAULT_VERSION));
        assert_eq!(negotiate(&with(&["2025-06-01"])).map(|v| v.0).ok(), Some("2025-06-01"));
        let err = negotiate(&with(&["2024-01-01"])).err();
        assert_eq!(err.map(|p| (p.code, p.param)), Some((Code::UnsupportedVersion, Some("X-API-Version".into()))));
        assert!(negotiate(&with(&["2025-06-01", "2026-01-01"])).is_err());
    }
}
