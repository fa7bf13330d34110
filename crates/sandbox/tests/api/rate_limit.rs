//! The rate limit, exact at its boundary.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::{Sandbox, header, problem};

#[tokio::test]
async fn free_key_allows_exactly_60_per_window() {
    let s = Sandbox::start().await;
    let key = s.keys.free.clone();
    for n in 1..=60u32 {
        let r = s.get("/v1/resources", &key).send().await.expect("answered");
        assert_eq!(r.status(), StatusCode::OK, "request {n}");
        assert_eq!(header(&r, "x-ratelimit-limit"), Some("60"));
        assert_eq!(header(&r, "x-ratelimit-remaining"), Some((60 - n).to_string().as_str()), "request {n}");
        assert_eq!(header(&r, "x-ratelimit-reset"), Some("60"), "frozen clock: a full window left");
    }
    let r = s.get("/v1/resources", &key).send().await.expect("answered");
    assert_eq!(header(&r, "retry-after"), Some("60"));
    assert_eq!(header(&r, "x-ratelimit-remaining"), Some("0"));
    assert_eq!(header(&r, "x-ratelimit-reset"), Some("60"));
    problem(r, 429, "rate_limited").await;

    // Other keys have their own windows.
    let r = s.get("/v1/resources", &s.keys.pro).send().await.expect("answered");
    assert_eq!(header(&r, "x-ratelimit-remaining"), Some("999"));

    // Reset counts down in whole seconds, rounded up.
    s.clock.advance(Duration::from_millis(30_500));
    let r = s.get("/v1/resources", &key).send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(header(&r, "retry-after"), Some("30"));
    assert_eq!(header(&r, "x-ratelimit-reset"), Some("30"));

    // The window ends exactly 60 s after its first request.
    s.clock.advance(Duration::from_millis(29_499));
    let r = s.get("/v1/resources", &key).send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "1 ms before the end");
    assert_eq!(header(&r, "retry-after"), Some("1"));
    s.clock.advance(Duration::from_millis(1));
    let r = s.get("/v1/resources", &key).send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK, "a new window");
    assert_eq!(header(&r, "x-ratelimit-remaining"), Some("59"));
    assert_eq!(header(&r, "x-ratelimit-reset"), Some("60"));
}

#[tokio::test]
async fn every_authenticated_request_counts_including_errors_and_tokens() {
    let s = Sandbox::start().await;
    let key = s.keys.free.clone();
    // A token exchange counts against the key...
    let r = s.with_key(Method::POST, "/v1/auth/token", &key).send().await.expect("answered");
    assert_eq!(header(&r, "x-ratelimit-remaining"), Some("59"));
    let token = r.json::<serde_json::Value>().await.expect("json")["access_token"].as_str().expect("token").to_owned();
    // ...so do requests made with the token...
    let r = s.request(Method::GET, "/v1/resources").bearer_auth(&token).send().await.expect("answered");
    assert_eq!(header(&r, "x-ratelimit-remaining"), Some("58"));
    // ...and requests that fail validation, and a ping with the key.
    let r = s.get("/v1/resources?limit=0", &key).send().await.expect("answered");
    assert_eq!(header(&r, "x-ratelimit-remaining"), Some("57"));
    problem(r, 400, "invalid_parameter").await;
    let r = s.get("/v2/ping", &key).send().await.expect("answered");
    assert_eq!(header(&r, "x-ratelimit-remaining"), Some("56"));
    // Anonymous requests carry no quota headers.
    let r = s.request(Method::GET, "/v2/ping").send().await.expect("answered");
    assert!(header(&r, "x-ratelimit-remaining").is_none());
    // Use the rest of the window, then the token is limited too.
    for _ in 0..56 {
        let r =
            s.with_key(Method::POST, "/v1/resources", &key).json(&json!({"name": "n"})).send().await.expect("answered");
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    let r = s.request(Method::GET, "/v1/resources").bearer_auth(&token).send().await.expect("answered");
    problem(r, 429, "rate_limited").await;
}

#[tokio::test]
async fn the_bench_key_is_unlimited() {
    let s = Sandbox::start().await;
    for _ in 0..1100 {
        let r = s.get("/v2/ping", &s.keys.unlimited).send().await.expect("answered");
        assert_eq!(r.status(), StatusCode::OK);
        assert!(header(&r, "x-ratelimit-remaining").is_none());
    }
}
