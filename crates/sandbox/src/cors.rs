//! CORS for the explorer served from any other origin. It wraps everything
//! else, so 401, 404 and 429 problems carry CORS headers too — a browser
//! would otherwise hide their bodies and headers from the page.

use std::time::Duration;

use axum::http::{HeaderName, Method, header};
use tower_http::cors::{AllowOrigin, CorsLayer};

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
