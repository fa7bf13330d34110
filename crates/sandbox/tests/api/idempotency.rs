//! Idempotent replay, mismatch and in-flight conflict.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use sandbox::idempotency::ClaimPause;
use sandbox::{Clock, Config};
use serde_json::{Value, json};

use crate::common::{Sandbox, T0, header, problem};

async fn count(s: &Sandbox, key: &str) -> usize {
    let body: Value = s.get("/v1/resources?limit=100", key).send().await.expect("answered").json().await.expect("json");
    body["data"].as_array().map(Vec::len).unwrap_or(0)
}

#[tokio::test]
async fn same_key_same_body_replays_the_stored_response() {
    let s = Sandbox::start().await;
    let key = s.keys.pro.clone();
    let send = || {
        s.with_key(Method::POST, "/v1/resources", &key)
            .header("Idempotency-Key", "create-analytics-1")
            .header("content-type", "application/json")
            .body(r#"{"name": "Analytics"}"#)
            .send()
    };
    let first = send().await.expect("answered");
    assert_eq!(first.status(), StatusCode::CREATED);
    assert!(header(&first, "idempotent-replayed").is_none());
    let location = header(&first, "location").map(str::to_owned);
    let first_body = first.bytes().await.expect("body");

    s.clock.advance(Duration::from_secs(3600));
    let second = send().await.expect("answered");
    assert_eq!(second.status(), StatusCode::CREATED);
    assert_eq!(header(&second, "idempotent-replayed"), Some("true"));
    assert_eq!(header(&second, "location").map(str::to_owned), location);
    assert_eq!(header(&second, "content-type"), Some("application/json"));
    assert_eq!(second.bytes().await.expect("body"), first_body, "byte-identical replay");
    assert_eq!(count(&s, &key).await, 1, "created once");
}

#[tokio::test]
async fn same_key_different_body_is_422() {
    let s = Sandbox::start().await;
    let key = s.keys.pro.clone();
    let post = |name: &str| {
        s.with_key(Method::POST, "/v1/resources", &key)
            .header("Idempotency-Key", "k-1")
            .json(&json!({ "name": name }))
            .send()
    };
    assert_eq!(post("one").await.expect("answered").status(), StatusCode::CREATED);
    let p = problem(post("two").await.expect("answered"), 422, "idempotency_mismatch").await;
    assert_eq!(p["param"], "Idempotency-Key");
    // Same key on another path is another request too.
    let r = s
        .with_key(Method::DELETE, "/v1/resources/res_0000000000000000", &key)
        .header("Idempotency-Key", "k-1")
        .send()
        .await
        .expect("answered");
    problem(r, 422, "idempotency_mismatch").await;
    assert_eq!(count(&s, &key).await, 1);
}

#[tokio::test]
async fn x_request_id_serves_as_the_key() {
    let s = Sandbox::start().await;
    let key = s.keys.pro.clone();
    let post = |name: &str| {
        s.with_key(Method::POST, "/v1/resources", &key)
            .header("X-Request-Id", "6f1c1f4e-1d0b-4f59-9d38-0e2a8f3b6c11")
            .json(&json!({ "name": name }))
            .send()
    };
    let first = post("a").await.expect("answered");
    assert_eq!(first.status(), StatusCode::CREATED);
    let replay = post("a").await.expect("answered");
    assert_eq!(header(&replay, "idempotent-replayed"), Some("true"));
    assert_eq!(header(&replay, "x-request-id"), Some("6f1c1f4e-1d0b-4f59-9d38-0e2a8f3b6c11"));
    let p = problem(post("b").await.expect("answered"), 422, "idempotency_mismatch").await;
    assert_eq!(p["param"], "X-Request-Id");
    // Plain GETs with the same id are unaffected.
    let r = s
        .get("/v1/resources", &key)
        .header("X-Request-Id", "6f1c1f4e-1d0b-4f59-9d38-0e2a8f3b6c11")
        .send()
        .await
        .expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_key_still_in_flight_is_409() {
    // The first keyed request stops right after claiming its key, so the
    // duplicate below is sent while the first is provably in flight.
    let pause = ClaimPause::new();
    let config = Config::in_memory().with_clock(Clock::manual(T0)).with_claim_pause(pause.clone());
    let s = Sandbox::start_with(config).await;
    let key = s.keys.pro.clone();
    let post = || {
        s.with_key(Method::POST, "/v1/resources", &key)
            .header("Idempotency-Key", "slow-1")
            .json(&json!({"name": "slow"}))
            .send()
    };
    let first = tokio::spawn(post());
    pause.claimed().await;
    let second = post().await.expect("answered");
    let p = problem(second, 409, "idempotency_in_flight").await;
    assert_eq!(p["param"], "Idempotency-Key");
    assert_eq!(count(&s, &key).await, 0, "the first has not run yet");

    pause.release();
    let first = first.await.expect("task").expect("answered");
    assert_eq!(first.status(), StatusCode::CREATED);
    // Once finished, the same request replays.
    let third = post().await.expect("answered");
    assert_eq!(header(&third, "idempotent-replayed"), Some("true"));
    assert_eq!(count(&s, &key).await, 1);
}

#[tokio::test]
async fn patch_delete_and_errors_replay_too() {
    let s = Sandbox::start().await;
    let key = s.keys.pro.clone();
    let id = s.create(&key, "x").await["id"].as_str().expect("id").to_owned();
    let path = format!("/v1/resources/{id}");

    let delete = || s.with_key(Method::DELETE, &path, &key).header("Idempotency-Key", "del-1").send();
    assert_eq!(delete().await.expect("answered").status(), StatusCode::NO_CONTENT);
    let again = delete().await.expect("answered");
    assert_eq!(again.status(), StatusCode::NO_CONTENT, "a retried delete is not a 404");
    assert_eq!(header(&again, "idempotent-replayed"), Some("true"));
    // Without the key, it is gone.
    let r = s.with_key(Method::DELETE, &path, &key).send().await.expect("answered");
    problem(r, 404, "not_found").await;

    // A 400 is stored and replayed as well.
    let bad = || {
        s.with_key(Method::PATCH, &path, &key)
            .header("Idempotency-Key", "patch-bad")
            .json(&json!({"status": "gone"}))
            .send()
    };
    let first = bad().await.expect("answered");
    assert_eq!(first.status(), StatusCode::BAD_REQUEST);
    let first: Value = first.json().await.expect("json");
    assert_eq!(first["code"], "validation_failed");
    let replay = bad().await.expect("answered");
    assert_eq!(replay.status(), StatusCode::BAD_REQUEST);
    assert_eq!(header(&replay, "idempotent-replayed"), Some("true"));
    assert_eq!(header(&replay, "content-type"), Some("application/problem+json"));
    let replay_id = header(&replay, "x-request-id").map(str::to_owned);
    let replayed: Value = replay.json().await.expect("json");
    // The stored body, byte for byte: it names the request that produced it.
    assert_eq!(replayed, first);
    assert_ne!(replay_id.as_deref(), first["request_id"].as_str());
}

#[tokio::test]
async fn keys_are_per_workspace_and_expire_after_24_hours() {
    let s = Sandbox::start().await;
    let post = |key: &str, name: &str| {
        s.with_key(Method::POST, "/v1/resources", key)
            .header("Idempotency-Key", "shared")
            .json(&json!({ "name": name }))
            .send()
    };
    assert_eq!(post(&s.keys.pro, "pro").await.expect("answered").status(), StatusCode::CREATED);
    let other = post(&s.keys.free, "free").await.expect("answered");
    assert_eq!(other.status(), StatusCode::CREATED, "another workspace, another key space");
    assert!(header(&other, "idempotent-replayed").is_none());

    s.clock.advance(Duration::from_secs(24 * 3600 - 1));
    problem(post(&s.keys.pro, "changed").await.expect("answered"), 422, "idempotency_mismatch").await;
    s.clock.advance(Duration::from_secs(2));
    let fresh = post(&s.keys.pro, "changed").await.expect("answered");
    assert_eq!(fresh.status(), StatusCode::CREATED, "after 24 h the key is forgotten");
    assert!(header(&fresh, "idempotent-replayed").is_none());
}

#[tokio::test]
async fn malformed_idempotency_key_is_400() {
    let s = Sandbox::start().await;
    let r = s
        .with_key(Method::POST, "/v1/resources", &s.keys.pro)
        .header("Idempotency-Key", "has spaces in it")
        .json(&json!({"name": "x"}))
        .send()
        .await
        .expect("answered");
    assert_eq!(problem(r, 400, "invalid_parameter").await["param"], "Idempotency-Key");
}
