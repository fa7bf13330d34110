//! Storage that cannot only grow: a resource quota per workspace, events
//! kept by count and by age, and a deleted resource's data gone with them.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{Sandbox, problem};
use sandbox::config::Retention;

const DAY: Duration = Duration::from_secs(24 * 3600);

async fn sandbox(retention: Retention) -> Sandbox {
    Sandbox::start_with(
        sandbox::Config::in_memory().with_clock(sandbox::Clock::manual(crate::common::T0)).with_retention(retention),
    )
    .await
}

async fn create(s: &Sandbox, name: &str) -> reqwest::Response {
    s.with_key(Method::POST, "/v1/resources", &s.keys.pro).json(&json!({"name": name})).send().await.expect("answered")
}

fn workspace(s: &Sandbox) -> String {
    s.server.state.key_by_secret(&s.keys.pro).expect("key").id.clone()
}

async fn event_count(s: &Sandbox) -> i64 {
    let ws = workspace(s);
    s.server.state.store().count_events(&ws).await.expect("count")
}

#[tokio::test]
async fn a_workspace_holds_at_most_its_quota_of_resources() {
    let s = sandbox(Retention { resources_per_workspace: 3, ..Retention::default() }).await;
    let mut ids = Vec::new();
    for i in 0..3 {
        let r = create(&s, &format!("r{i}")).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        ids.push(r.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_owned());
    }
    let body = problem(create(&s, "one too many").await, 409, "quota_exceeded").await;
    assert!(body["detail"].as_str().unwrap_or_default().contains("3 resources"), "{body}");
    // Another workspace has its own quota.
    let r = s.with_key(Method::POST, "/v1/resources", &s.keys.free).json(&json!({"name": "x"})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    // Deleting makes room again.
    let r = s.with_key(Method::DELETE, &format!("/v1/resources/{}", ids[0]), &s.keys.pro).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(create(&s, "fits again").await.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_workspace_keeps_only_its_newest_events() {
    let s = sandbox(Retention { events_per_workspace: 5, ..Retention::default() }).await;
    for i in 0..8 {
        assert_eq!(create(&s, &format!("r{i}")).await.status(), StatusCode::CREATED);
    }
    assert_eq!(event_count(&s).await, 5);
    // Resuming from the start replays the five kept, newest last.
    let ws = workspace(&s);
    let kept = s.server.state.store().events_after(&ws, 0, 100).await.unwrap();
    let names: Vec<String> = kept
        .iter()
        .map(|e| serde_json::from_str::<Value>(&e.payload).unwrap()["data"]["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["r3", "r4", "r5", "r6", "r7"]);
}

#[tokio::test]
async fn old_events_and_a_deleted_resources_data_are_gone_after_the_retention() {
    let s = sandbox(Retention { event_age: DAY, ..Retention::default() }).await;
    // With an idempotency key, so a stored answer holds the name too.
    let r = s
        .with_key(Method::POST, "/v1/resources", &s.keys.pro)
        .header("Idempotency-Key", "retention-1")
        .json(&json!({"name": "secret-project-name"}))
        .send()
        .await
        .expect("answered");
    let id = r.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_owned();
    let r = s.with_key(Method::DELETE, &format!("/v1/resources/{id}"), &s.keys.pro).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(event_count(&s).await, 2, "created and deleted");

    s.clock.advance(DAY - Duration::from_secs(1));
    sandbox::server::purge_expired(&s.server.state).await.expect("purge");
    assert_eq!(event_count(&s).await, 2, "kept until the retention has passed");
    assert_eq!(mentions(&s).await, 3, "the created and deleted events, and the stored answer");

    s.clock.advance(Duration::from_secs(2));
    let (_records, events) = sandbox::server::purge_expired(&s.server.state).await.expect("purge");
    assert_eq!(events, 2);
    // Nothing in the database mentions the deleted resource any more.
    assert_eq!(mentions(&s).await, 0);
}

/// Rows that hold the deleted resource's name.
async fn mentions(s: &Sandbox) -> i64 {
    s.server.state.store().rows_mentioning("secret-project-name").await.unwrap()
}
