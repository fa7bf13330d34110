//! CORS on everything, errors included.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::{Sandbox, header};

const ORIGIN: &str = "https://docs.example.dev";

fn assert_cors(r: &reqwest::Response) {
    assert_eq!(header(r, "access-control-allow-origin"), Some("*"), "status {}", r.status());
    let exposed = header(r, "access-control-expose-headers").unwrap_or_default().to_ascii_lowercase();
    for h in [
        "x-request-id",
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
        "retry-after",
        "location",
        "deprecation",
        "sunset",
        "link",
        "idempotent-replayed",
        "x-api-version",
        "www-authenticate",
    ] {
        assert!(exposed.split(',').any(|e| e.trim() == h), "{h} not exposed in {exposed}");
    }
}

#[tokio::test]
async fn preflight_allows_the_api_headers() {
    let s = Sandbox::start().await;
    let r = s
        .request(Method::OPTIONS, "/v1/resources/res_0000000000000000")
        .header("Origin", ORIGIN)
        .header("Access-Control-Request-Method", "PATCH")
        .header("Access-Control-Request-Headers", "x-api-key, content-type, idempotency-key")
        .send()
        .await
        .expect("answered");
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(header(&r, "access-control-allow-origin"), Some("*"));
    assert_eq!(header(&r, "access-control-max-age"), Some("600"));
    let methods = header(&r, "access-control-allow-methods").unwrap_or_default().to_owned();
    for m in ["GET", "POST", "PATCH", "DELETE", "OPTIONS"] {
        assert!(methods.contains(m), "{methods}");
    }
    let allowed = header(&r, "access-control-allow-headers").unwrap_or_default().to_ascii_lowercase();
    for h in [
        "authorization",
        "content-type",
        "x-api-key",
        "x-request-id",
        "x-api-version",
        "idempotency-key",
        "last-event-id",
        "accept",
    ] {
        assert!(allowed.contains(h), "{h} not in {allowed}");
    }
    assert!(header(&r, "x-request-id").is_some(), "even a preflight has a request id");
}

#[tokio::test]
async fn error_responses_carry_cors_headers() {
    let s = Sandbox::start().await;
    let with_origin = |m: Method, path: &str| s.request(m, path).header("Origin", ORIGIN);

    let r = with_origin(Method::GET, "/v1/resources").send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_cors(&r);
    let r = with_origin(Method::GET, "/v1/nowhere").send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_cors(&r);
    let r = with_origin(Method::PUT, "/v1/resources").send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_cors(&r);
    let r = with_origin(Method::GET, "/v2/ping").header("X-API-Version", "bad").send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_cors(&r);
    let r = with_origin(Method::POST, "/v1/resources")
        .header("X-API-Key", &s.keys.read_only)
        .json(&json!({"name": "x"}))
        .send()
        .await
        .expect("answered");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_cors(&r);
    for _ in 0..60 {
        s.get("/v2/ping", &s.keys.free).send().await.expect("answered");
    }
    let r = with_origin(Method::GET, "/v2/ping").header("X-API-Key", &s.keys.free).send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_cors(&r);
    // And successes, of course.
    let r = with_origin(Method::GET, "/v2/ping").header("X-API-Key", &s.keys.pro).send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
    assert_cors(&r);
}

#[tokio::test]
async fn the_demo_keys_are_readable_by_the_sandbox_own_pages_only() {
    let s = Sandbox::start().await;
    let with_origin = |method: Method, path: &str| s.request(method, path).header("Origin", ORIGIN);
    for path in ["/sandbox/keys", "/sandbox/keys/"] {
        let r = with_origin(Method::GET, path).send().await.expect("answered");
        let names: Vec<String> = r.headers().keys().map(|k| k.as_str().to_owned()).collect();
        assert!(names.iter().all(|n| !n.starts_with("access-control-")), "{path}: {names:?}");
    }
    let r = with_origin(Method::OPTIONS, "/sandbox/keys")
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "x-api-key")
        .send()
        .await
        .expect("answered");
    assert_eq!(header(&r, "access-control-allow-origin"), None);
    // Without an Origin (the sandbox's own page, curl) it answers as before.
    let r = s.request(Method::GET, "/sandbox/keys").send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
}
