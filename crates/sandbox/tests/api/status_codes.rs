//! Every status code of the contract, over real HTTP.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{Sandbox, header, problem};

#[tokio::test]
async fn success_codes_200_201_204() {
    let s = Sandbox::start().await;
    let key = s.keys.pro.clone();

    let created = s
        .with_key(Method::POST, "/v1/resources", &key)
        .json(&json!({"name": "Analytics", "region": "eu-west", "metadata": {"team": "data"}}))
        .send()
        .await
        .expect("answered");
    assert_eq!(created.status(), StatusCode::CREATED);
    let id_location = header(&created, "location").map(str::to_owned);
    let resource: Value = created.json().await.expect("json");
    let id = resource["id"].as_str().expect("id").to_owned();
    assert!(id.starts_with("res_") && id.len() == 20, "{id}");
    assert_eq!(id_location.as_deref(), Some(format!("/v1/resources/{id}").as_str()));
    assert_eq!(resource["name"], "Analytics");
    assert_eq!(resource["region"], "eu-west");
    assert_eq!(resource["status"], "active");
    assert_eq!(resource["metadata"], json!({"team": "data"}));
    assert_eq!(resource["created_at"], "2026-03-14T09:21:00Z");
    assert_eq!(resource["updated_at"], resource["created_at"]);

    let defaults = s.create(&key, "Defaults").await;
    assert_eq!(defaults["region"], "us-east");
    assert_eq!(defaults["metadata"], json!({}));

    let fetched = s.get(&format!("/v1/resources/{id}"), &key).send().await.expect("answered");
    assert_eq!(fetched.status(), StatusCode::OK);
    assert_eq!(fetched.json::<Value>().await.expect("json"), resource);

    s.clock.advance(std::time::Duration::from_secs(90));
    let patched = s
        .with_key(Method::PATCH, &format!("/v1/resources/{id}"), &key)
        .json(&json!({"status": "archived"}))
        .send()
        .await
        .expect("answered");
    assert_eq!(patched.status(), StatusCode::OK);
    let patched: Value = patched.json().await.expect("json");
    assert_eq!(patched["status"], "archived");
    assert_eq!(patched["name"], "Analytics", "fields not sent are kept");
    assert_eq!(patched["metadata"], json!({"team": "data"}));
    assert_eq!(patched["created_at"], "2026-03-14T09:21:00Z");
    assert_eq!(patched["updated_at"], "2026-03-14T09:22:30Z");

    let deleted = s.with_key(Method::DELETE, &format!("/v1/resources/{id}"), &key).send().await.expect("answered");
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    assert_eq!(deleted.bytes().await.expect("body").len(), 0);
    let gone = s.get(&format!("/v1/resources/{id}"), &key).send().await.expect("answered");
    problem(gone, 404, "not_found").await;
}

#[tokio::test]
async fn bad_request_400_variants_name_their_param() {
    let s = Sandbox::start().await;
    let key = s.keys.pro.clone();
    let post = |body: String| {
        s.with_key(Method::POST, "/v1/resources", &key).header("content-type", "application/json").body(body).send()
    };

    let p = problem(post("{\"name\": ".to_owned()).await.expect("answered"), 400, "malformed_json").await;
    assert_eq!(p["param"], Value::Null);
    assert!(p["detail"].as_str().is_some_and(|d| d.contains("line 1")), "{p}");

    let p = problem(
        post(format!("{{\"name\": \"{}\"}}", "x".repeat(81))).await.expect("answered"),
        400,
        "validation_failed",
    )
    .await;
    assert_eq!(p["param"], "name");
    let p = problem(
        post("{\"name\": \"ok\", \"colour\": \"red\"}".to_owned()).await.expect("answered"),
        400,
        "validation_failed",
    )
    .await;
    assert_eq!(p["param"], "colour");
    let p = problem(
        post("{\"name\": \"ok\", \"region\": \"EU West\"}".to_owned()).await.expect("answered"),
        400,
        "validation_failed",
    )
    .await;
    assert_eq!(p["param"], "region");
    let p = problem(
        post("{\"name\": \"ok\", \"metadata\": {\"n\": 1}}".to_owned()).await.expect("answered"),
        400,
        "validation_failed",
    )
    .await;
    assert_eq!(p["param"], "metadata.n");
    let p =
        problem(post("[\"not\", \"an\", \"object\"]".to_owned()).await.expect("answered"), 400, "validation_failed")
            .await;
    assert_eq!(p["param"], Value::Null);

    for (query, param) in [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("status=gone", "status"),
        ("limt=5", "limt"),
    ] {
        let r = s.get(&format!("/v1/resources?{query}"), &key).send().await.expect("answered");
        let p = problem(r, 400, "invalid_parameter").await;
        assert_eq!(p["param"], param, "{query}");
    }
    let r = s.get("/v1/resources?cursor=not-a-cursor", &key).send().await.expect("answered");
    assert_eq!(problem(r, 400, "invalid_cursor").await["param"], "cursor");

    let r = s.get("/v1/resources/42", &key).send().await.expect("answered");
    assert_eq!(problem(r, 400, "invalid_parameter").await["param"], "id");

    let r = s.get("/v1/resources", &key).header("X-API-Version", "2024-13-01").send().await.expect("answered");
    assert_eq!(problem(r, 400, "unsupported_version").await["param"], "X-API-Version");

    let p = problem(
        s.with_key(Method::PATCH, "/v1/resources/res_0000000000000000", &key)
            .json(&json!({}))
            .send()
            .await
            .expect("answered"),
        400,
        "validation_failed",
    )
    .await;
    assert_eq!(p["param"], Value::Null);
}

#[tokio::test]
async fn unauthorized_401_with_www_authenticate() {
    let s = Sandbox::start().await;
    let r = s.request(Method::GET, "/v1/resources").send().await.expect("answered");
    assert_eq!(header(&r, "www-authenticate"), Some("Bearer realm=\"cloud-api\""));
    problem(r, 401, "missing_credentials").await;

    let r = s.get("/v1/resources", "sk_live_00000000000000000000000000000000").send().await.expect("answered");
    let challenge = header(&r, "www-authenticate").unwrap_or_default().to_owned();
    assert!(
        challenge.starts_with("Bearer realm=\"cloud-api\", error=\"invalid_token\", error_description=\""),
        "{challenge}"
    );
    assert!(header(&r, "x-ratelimit-remaining").is_none(), "an unknown key has no quota");
    assert_eq!(problem(r, 401, "invalid_credentials").await["param"], "X-API-Key");

    let r = s
        .request(Method::GET, "/v1/resources")
        .header("Authorization", "Bearer not.a.jwt")
        .send()
        .await
        .expect("answered");
    assert!(header(&r, "www-authenticate").is_some_and(|c| c.starts_with("Bearer realm=\"cloud-api\"")));
    assert_eq!(problem(r, 401, "invalid_credentials").await["param"], "Authorization");

    let r = s
        .request(Method::GET, "/v1/resources")
        .header("Authorization", format!("Basic {}", s.keys.free))
        .send()
        .await
        .expect("answered");
    assert!(header(&r, "www-authenticate").is_some_and(|c| c.starts_with("Bearer realm=\"cloud-api\"")));
    problem(r, 401, "invalid_credentials").await;

    // Ping needs no credential, but verifies one that is sent.
    let r = s.request(Method::GET, "/v2/ping").send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
    let r = s.get("/v2/ping", "sk_live_bad").send().await.expect("answered");
    assert!(header(&r, "www-authenticate").is_some_and(|c| c.starts_with("Bearer realm=\"cloud-api\"")));
    problem(r, 401, "invalid_credentials").await;
}

#[tokio::test]
async fn api_key_as_bearer_is_accepted_but_not_beside_a_different_key() {
    let s = Sandbox::start().await;
    let r = s.request(Method::GET, "/v2/ping").bearer_auth(&s.keys.free).send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.expect("json");
    assert_eq!(body["authenticated"], true);
    assert_eq!(body["key_id"], "key_free");
    assert_eq!(body["version"], "v2");

    // The same key in both headers is one credential...
    let r = s.get("/v2/ping", &s.keys.free).bearer_auth(&s.keys.free).send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
    // ...two different ones are refused, and the problem says which and why.
    let r = s.get("/v2/ping", &s.keys.free).bearer_auth(&s.keys.pro).send().await.expect("answered");
    let p = problem(r, 401, "invalid_credentials").await;
    assert_eq!(p["param"], "Authorization");
    let detail = p["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("different credentials") && detail.contains("send one"), "{detail}");
}

#[tokio::test]
async fn not_found_404_unknown_ids_routes_and_other_workspaces() {
    let s = Sandbox::start().await;
    let r = s.get("/v1/resources/res_0000000000000000", &s.keys.pro).send().await.expect("answered");
    problem(r, 404, "not_found").await;
    let r = s.get("/v2/projects/proj_ffff/status", &s.keys.pro).send().await.expect("answered");
    problem(r, 404, "not_found").await;
    let r = s.request(Method::GET, "/v1/widgets").send().await.expect("answered");
    problem(r, 404, "not_found").await;
    let r = s.request(Method::POST, "/v2/widgets/1").send().await.expect("answered");
    problem(r, 404, "not_found").await;

    // Workspaces are isolated: pro's resource does not exist for free.
    let theirs = s.create(&s.keys.pro, "Private").await;
    let path = format!("/v1/resources/{}", theirs["id"].as_str().unwrap_or_default());
    problem(s.get(&path, &s.keys.free).send().await.expect("answered"), 404, "not_found").await;
    let r = s.with_key(Method::DELETE, &path, &s.keys.free).send().await.expect("answered");
    problem(r, 404, "not_found").await;
    let list: Value = s.get("/v1/resources", &s.keys.free).send().await.expect("answered").json().await.expect("json");
    assert_eq!(list["data"], json!([]));
    assert_eq!(s.get(&path, &s.keys.pro).send().await.expect("answered").status(), StatusCode::OK);
}

/// The docs' examples use shortened ids such as `res_8f2a`: well-formed, so
/// try-it's "example fill" gets the documented 404, not a 400. Anything else
/// than `res_` + 1–32 lowercase letters and digits is still a 400 naming `id`.
#[tokio::test]
async fn resource_ids_well_formed_unknown_404_malformed_400() {
    let s = Sandbox::start().await;
    let key = &s.keys.pro;
    let send = |method: Method, id: &str| {
        let request = s.with_key(method.clone(), &format!("/v1/resources/{id}"), key);
        if method == Method::PATCH { request.json(&json!({ "status": "archived" })) } else { request }
    };
    let longest = format!("res_{}", "z".repeat(32));
    for id in ["res_8f2a", "res_0000", "res_1", longest.as_str(), "res_0000000000000000"] {
        for method in [Method::GET, Method::PATCH, Method::DELETE] {
            let r = send(method.clone(), id).send().await.expect("answered");
            let p = problem(r, 404, "not_found").await;
            assert_eq!(p["param"], Value::Null, "{method} {id}");
        }
    }
    let too_long = format!("res_{}", "z".repeat(33));
    for id in ["res_", "res_8F2A", "res_8f-2a", "res_8f2a%20", "8f2a", "proj_8f2a", too_long.as_str()] {
        for method in [Method::GET, Method::PATCH, Method::DELETE] {
            let r = send(method.clone(), id).send().await.expect("answered");
            let p = problem(r, 400, "invalid_parameter").await;
            assert_eq!(p["param"], "id", "{method} {id}");
        }
    }
    // Issued ids keep their shape: `res_` + 16 hex digits.
    let created = s.create(key, "Shape").await;
    let id = created["id"].as_str().unwrap_or_default();
    let hex = id.strip_prefix("res_").unwrap_or_default();
    assert!(hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()), "{id}");
}

#[tokio::test]
async fn method_not_allowed_405_with_allow() {
    let s = Sandbox::start().await;
    let r = s.request(Method::PUT, "/v1/resources").send().await.expect("answered");
    let allow = header(&r, "allow").unwrap_or_default().to_owned();
    assert!(allow.contains("GET") && allow.contains("POST") && !allow.contains("PUT"), "{allow}");
    problem(r, 405, "method_not_allowed").await;

    let r = s.request(Method::POST, "/v1/resources/res_0000000000000000").send().await.expect("answered");
    let allow = header(&r, "allow").unwrap_or_default().to_owned();
    for m in ["GET", "PATCH", "DELETE"] {
        assert!(allow.contains(m), "{allow}");
    }
    problem(r, 405, "method_not_allowed").await;

    let r = s.request(Method::DELETE, "/openapi.json").send().await.expect("answered");
    problem(r, 405, "method_not_allowed").await;
}

#[tokio::test]
async fn unsupported_media_type_415_and_payload_too_large_413() {
    let s = Sandbox::start().await;
    let r = s
        .with_key(Method::POST, "/v1/resources", &s.keys.pro)
        .header("content-type", "text/plain")
        .body("{\"name\": \"x\"}")
        .send()
        .await
        .expect("answered");
    assert_eq!(problem(r, 415, "unsupported_media_type").await["param"], "Content-Type");
    let r = s
        .with_key(Method::PATCH, "/v1/resources/res_0000000000000000", &s.keys.pro)
        .body("name=x")
        .send()
        .await
        .expect("answered");
    problem(r, 415, "unsupported_media_type").await;
    // `+json` types are JSON.
    let r = s
        .with_key(Method::POST, "/v1/resources", &s.keys.pro)
        .header("content-type", "application/vnd.example+json; charset=utf-8")
        .body("{\"name\": \"x\"}")
        .send()
        .await
        .expect("answered");
    assert_eq!(r.status(), StatusCode::CREATED);

    let huge = format!("{{\"name\": \"{}\"}}", "x".repeat(2 << 20));
    let r = s
        .with_key(Method::POST, "/v1/resources", &s.keys.pro)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .expect("answered");
    problem(r, 413, "payload_too_large").await;
}

#[tokio::test]
async fn forbidden_403_for_a_missing_scope() {
    let s = Sandbox::start().await;
    let read_only = s.keys.read_only.clone();
    assert_eq!(s.get("/v1/resources", &read_only).send().await.expect("answered").status(), StatusCode::OK);

    let r = s
        .with_key(Method::POST, "/v1/resources", &read_only)
        .json(&json!({"name": "nope"}))
        .send()
        .await
        .expect("answered");
    assert_eq!(header(&r, "www-authenticate"), Some("Bearer error=\"insufficient_scope\", scope=\"resources:write\""));
    assert_eq!(header(&r, "x-ratelimit-remaining"), Some("58"), "the refused request still counts");
    problem(r, 403, "insufficient_scope").await;

    let r = s.get("/v1/projects", &read_only).send().await.expect("answered");
    assert_eq!(header(&r, "www-authenticate"), Some("Bearer error=\"insufficient_scope\", scope=\"projects:read\""));
    problem(r, 403, "insufficient_scope").await;
    let r = s.get("/v1/events", &read_only).send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK, "events need only resources:read");

    // Nothing was created by the refused write.
    let list: Value =
        s.get("/v1/resources", &s.keys.read_only).send().await.expect("answered").json().await.expect("json");
    assert_eq!(list["data"], json!([]));
}
