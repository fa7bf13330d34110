//! CORS for the explorer served from any other origin. It wraps everything
//! else, so 401, 404 and 429 problems carry CORS headers too — a browser
//! would otherwise hide their bodies and headers from the page.

use std::time::Duration;

use axum::extract::Request;
use axum::http::{HeaderName, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// Paths only the sandbox's own pages may read: the demo keys are real
/// credentials of this sandbox, so a page on another origin must not
/// collect them.
const SAME_ORIGIN_ONLY: [&str; 1] = ["/sandbox/keys"];

/// Removes the CORS headers from answers on [`SAME_ORIGIN_ONLY`] paths, so
/// that a browser keeps them from other origins. Wraps [`layer`].
pub async fn same_origin_only(request: Request, next: Next) -> Response {
    let private = SAME_ORIGIN_ONLY.contains(&request.uri().path().trim_end_matches('/'));
    let mut response = next.run(request).await;
    if private {
        let names: Vec<HeaderName> =
            response.headers().keys().filter(|name| name.as_str().starts_with("access-control-")).cloned().collect();
        for name in names {
            response.headers_mut().remove(name);
        }
    }
    response
}

pub const MAX_AGE: Duration = Duration::from_secs(600);

pub fn layer() -> CorsLayer {
    let h = HeaderName::from_static;
    CorsLayer::new()
        // Credentials travel in headers, never cookies, so any origin is safe.
        .allow_origin(AllowOrigin::any())
        .allow_methods([Method::GET, Method::POST, Method::PATCH, Method::DELETE, Method::OPTIONS])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            h("x-api-key"),
            h("x-request-id"),
            h("x-api-version"),
            h("idempotency-key"),
            h("last-event-id"),
            header::ACCEPT,
        ])
        .expose_headers([
            h("x-request-id"),
            h("x-ratelimit-limit"),
            h("x-ratelimit-remaining"),
            h("x-ratelimit-reset"),
            header::RETRY_AFTER,
            header::LOCATION,
            h("deprecation"),
            h("sunset"),
            header::LINK,
            h("idempotent-replayed"),
            h("x-api-version"),
            header::WWW_AUTHENTICATE,
        ])
        .max_age(MAX_AGE)
}
