//! Walking pages while others insert: no duplicates, no gaps.

use std::collections::HashSet;
use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{Sandbox, problem};

async fn page(s: &Sandbox, key: &str, query: &str) -> Value {
    let r = s.get(&format!("/v1/resources?{query}"), key).send().await.expect("answered");
    assert_eq!(r.status(), reqwest::StatusCode::OK, "{query}");
    r.json().await.expect("json")
}

#[tokio::test]
async fn walking_250_resources_while_others_are_inserted() {
    // The manual clock makes the resources span exactly 10 seconds, 25 in
    // each, so pages of 7 cross both second boundaries and ties within a
    // second, whatever the speed of the machine.
    let s = Sandbox::start().await;
    let key = s.keys.pro.clone();
    let mut created = Vec::new();
    for i in 0..250 {
        created.push(s.create(&key, &format!("r{i:03}")).await["id"].as_str().expect("id").to_owned());
        if i % 25 == 24 {
            s.clock.advance(Duration::from_secs(1));
        }
    }

    let mut seen: Vec<String> = Vec::new();
    let mut positions: Vec<(String, String)> = Vec::new();
    let mut record = |body: &Value| {
        let data = body["data"].as_array().expect("data").clone();
        for item in &data {
            seen.push(item["id"].as_str().expect("id").to_owned());
            positions.push((
                item["created_at"].as_str().expect("created_at").to_owned(),
                item["id"].as_str().expect("id").to_owned(),
            ));
        }
        data.len()
    };

    // The first page, then another client starts inserting while we walk on.
    let mut body = page(&s, &key, "limit=7").await;
    assert_eq!(record(&body), 7);
    let inserter = {
        let client = s.client.clone();
        let url = s.url("/v1/resources");
        let key = key.clone();
        tokio::spawn(async move {
            let mut ids = Vec::new();
            for i in 0..60 {
                let r = client
                    .post(&url)
                    .header("X-API-Key", &key)
                    .json(&json!({"name": format!("concurrent {i}")}))
                    .send()
                    .await
                    .expect("answered");
                assert_eq!(r.status(), reqwest::StatusCode::CREATED);
                let body: Value = r.json().await.expect("json");
                ids.push(body["id"].as_str().expect("id").to_owned());
            }
            ids
        })
    };
    let mut pages = 1;
    let mut between = Vec::new();
    while let Some(cursor) = body["next_cursor"].as_str().map(str::to_owned) {
        assert_eq!(body["has_more"], true);
        // And one more insert between every two pages, for certain overlap,
        // a second later than everything before it.
        s.clock.advance(Duration::from_secs(1));
        between.push(s.create(&key, "between pages").await["id"].as_str().expect("id").to_owned());
        body = page(&s, &key, &format!("limit=7&cursor={cursor}")).await;
        let n = record(&body);
        if body["next_cursor"].is_string() {
            assert_eq!(n, 7, "only the last page is short");
        }
        pages += 1;
        assert!(pages < 100, "the walk ends");
    }
    assert_eq!(body["has_more"], false);
    assert_eq!(pages, 36, "250 = 35 pages of 7 and one of 5");
    let concurrent = inserter.await.expect("inserter");

    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "no duplicates");
    for id in &created {
        assert!(unique.contains(id), "no gaps: {id} missing");
    }
    // Newest first, strictly: (created_at, id) decreases along the walk.
    let seconds: HashSet<&String> = positions.iter().map(|(at, _)| at).collect();
    assert_eq!(seconds.len(), 10, "the walk spans 10 seconds");
    for pair in positions.windows(2) {
        assert!(pair[0] > pair[1], "order: {:?} then {:?}", pair[0], pair[1]);
    }
    // The walk starts with the newest resource, and resources created during
    // the walk sort before the first page: none shows up in a later one.
    assert_eq!(seen.first(), created.last());
    let late: Vec<&String> = concurrent.iter().chain(&between).filter(|id| unique.contains(id)).collect();
    assert!(late.is_empty(), "inserted resources leaked into later pages: {late:?}");
    assert_eq!(seen.len(), 250);

    // A fresh walk with big pages sees everything exactly once.
    let mut all = HashSet::new();
    let mut query = "limit=100".to_owned();
    loop {
        let body = page(&s, &key, &query).await;
        for item in body["data"].as_array().expect("data") {
            assert!(all.insert(item["id"].as_str().expect("id").to_owned()));
        }
        match body["next_cursor"].as_str() {
            Some(c) => query = format!("limit=100&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(all.len(), 250 + concurrent.len() + between.len());
    assert_eq!(between.len(), 35);
}

#[tokio::test]
async fn default_page_and_status_filter() {
    let s = Sandbox::start().await;
    let key = s.keys.pro.clone();
    let mut ids = Vec::new();
    for i in 0..25 {
        ids.push(s.create(&key, &format!("r{i}")).await["id"].as_str().expect("id").to_owned());
    }
    for id in ids.iter().step_by(5) {
        let r = s
            .with_key(Method::PATCH, &format!("/v1/resources/{id}"), &key)
            .json(&json!({"status": "archived"}))
            .send()
            .await
            .expect("answered");
        assert_eq!(r.status(), reqwest::StatusCode::OK);
    }
    let first = page(&s, &key, "").await;
    assert_eq!(first["data"].as_array().map(Vec::len), Some(20), "default limit is 20");
    assert_eq!(first["has_more"], true);
    // Same second (frozen clock): the id breaks the tie, newest first.
    assert_eq!(first["data"][0]["id"], ids[24].as_str());

    let archived = page(&s, &key, "status=archived&limit=100").await;
    let got: Vec<&str> = archived["data"].as_array().into_iter().flatten().filter_map(|r| r["id"].as_str()).collect();
    let want: Vec<&str> = ids.iter().step_by(5).rev().map(String::as_str).collect();
    assert_eq!(got, want);
    assert_eq!(archived["has_more"], false);
    assert_eq!(archived["next_cursor"], Value::Null);
    let active = page(&s, &key, "status=active&limit=100").await;
    assert_eq!(active["data"].as_array().map(Vec::len), Some(20));
}

#[tokio::test]
async fn a_cursor_must_be_one_we_issued() {
    let s = Sandbox::start().await;
    for bad in ["x", "AAAAAAAAAAAAAAAAAAAAA%3D%3D", "%E2%9C%93AAAAAAAAAAAAAAAAAAAAA", ""] {
        let r = s.get(&format!("/v1/resources?cursor={bad}"), &s.keys.pro).send().await.expect("answered");
        let p = problem(r, 400, "invalid_cursor").await;
        assert_eq!(p["param"], "cursor");
    }
}
