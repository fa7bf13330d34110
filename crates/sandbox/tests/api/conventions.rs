//! What every route shares: request ids and API versions, and the seeded
//! projects and demo keys. Split from status_codes.rs to keep files short.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{Sandbox, header, problem};

#[tokio::test]
async fn request_id_is_echoed_or_generated() {
    let s = Sandbox::start().await;
    let r = s.request(Method::GET, "/v2/ping").header("X-Request-Id", "trace-123").send().await.expect("answered");
    assert_eq!(header(&r, "x-request-id"), Some("trace-123"));
    let r = s.request(Method::GET, "/v2/ping").send().await.expect("answered");
    let id = header(&r, "x-request-id").unwrap_or_default().to_owned();
    let parsed = uuid::Uuid::parse_str(&id).expect("a UUID");
    assert_eq!(parsed.get_version_num(), 4);
    let r = s.request(Method::GET, "/v2/ping").header("X-Request-Id", "x".repeat(201)).send().await.expect("answered");
    assert!(uuid::Uuid::parse_str(header(&r, "x-request-id").unwrap_or_default()).is_ok(), "too long: replaced");
    // On errors too, and inside the problem.
    let r = s.request(Method::GET, "/v1/nothing").header("X-Request-Id", "trace-404").send().await.expect("answered");
    assert_eq!(problem(r, 404, "not_found").await["request_id"], "trace-404");
}

#[tokio::test]
async fn versions_are_echoed_and_deprecated_ping_says_so() {
    let s = Sandbox::start().await;
    let r = s.request(Method::GET, "/v2/ping").send().await.expect("answered");
    assert_eq!(header(&r, "x-api-version"), Some("2026-01-01"));
    assert!(header(&r, "deprecation").is_none());
    let r = s.request(Method::GET, "/v2/ping").header("X-API-Version", "2025-06-01").send().await.expect("answered");
    assert_eq!(header(&r, "x-api-version"), Some("2025-06-01"));

    let r = s.request(Method::GET, "/v1/ping").send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(header(&r, "deprecation"), Some("@1767225600"));
    assert_eq!(header(&r, "sunset"), Some("Thu, 31 Dec 2026 23:59:59 GMT"));
    assert_eq!(header(&r, "link"), Some("</v2/ping>; rel=\"successor-version\""));
    let body: Value = r.json().await.expect("json");
    assert_eq!(body["version"], "v1");
    assert_eq!(body["time"], "2026-03-14T09:21:00Z");
    // Errors from the old route are marked too.
    let r = s.get("/v1/ping", "sk_live_nope").send().await.expect("answered");
    assert_eq!(header(&r, "deprecation"), Some("@1767225600"));
    problem(r, 401, "invalid_credentials").await;
    let r = s.request(Method::POST, "/v1/ping").send().await.expect("answered");
    assert_eq!(header(&r, "sunset"), Some("Thu, 31 Dec 2026 23:59:59 GMT"));
    assert_eq!(header(&r, "allow"), Some("GET,HEAD"));
    problem(r, 405, "method_not_allowed").await;
}

#[tokio::test]
async fn projects_are_seeded_and_paginated() {
    let s = Sandbox::start().await;
    let key = s.keys.free.clone();
    let status: Value =
        s.get("/v2/projects/proj_8f2a/status", &key).send().await.expect("answered").json().await.expect("json");
    assert_eq!(
        status,
        json!({"id": "proj_8f2a", "name": "production-api", "status": "healthy", "region": "us-east-1", "uptime": 99.998, "updated_at": "2026-04-28T14:22:09Z"})
    );
    let first: Value = s.get("/v1/projects?limit=2", &key).send().await.expect("answered").json().await.expect("json");
    assert_eq!(first["has_more"], true);
    let ids: Vec<&str> = first["data"].as_array().into_iter().flatten().filter_map(|p| p["id"].as_str()).collect();
    assert_eq!(ids, ["proj_b71d", "proj_3c91"]);
    let cursor = first["next_cursor"].as_str().expect("cursor");
    let rest: Value = s
        .get(&format!("/v1/projects?limit=2&cursor={cursor}"), &key)
        .send()
        .await
        .expect("answered")
        .json()
        .await
        .expect("json");
    assert_eq!(rest["data"][0]["id"], "proj_8f2a");
    assert_eq!(rest["has_more"], false);
    assert_eq!(rest["next_cursor"], Value::Null);
    let r = s.get("/v2/projects/PROJ/status", &key).send().await.expect("answered");
    assert_eq!(problem(r, 400, "invalid_parameter").await["param"], "id");
}

#[tokio::test]
async fn sandbox_keys_lists_the_three_demo_keys_only() {
    let s = Sandbox::start().await;
    let r = s.request(Method::GET, "/sandbox/keys").send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.expect("json");
    let keys = body["keys"].as_array().expect("keys");
    let names: Vec<&str> = keys.iter().filter_map(|k| k["name"].as_str()).collect();
    assert_eq!(names, ["free", "pro", "read-only"]);
    assert_eq!(keys[0]["key"], s.keys.free.as_str());
    assert_eq!(keys[0]["rate_limit"], 60);
    assert_eq!(keys[1]["rate_limit"], 1000);
    assert_eq!(keys[2]["scopes"], json!(["resources:read"]));
    assert_eq!(keys[0]["scopes"], json!(["resources:read", "resources:write", "projects:read"]));
    assert!(!body.to_string().contains(&s.keys.unlimited), "the bench key is not listed");
    // Unversioned: a pin is not checked here.
    let r =
        s.request(Method::GET, "/sandbox/keys").header("X-API-Version", "1999-01-01").send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(header(&r, "x-api-version"), Some("2026-01-01"));
}

/// `/readyz` says whether the database answers, for load balancers.
#[tokio::test]
async fn readiness_reports_the_database() {
    let s = Sandbox::start().await;
    let r = s.request(Method::GET, "/readyz").send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.text().await.expect("text"), "ready\n");
}
