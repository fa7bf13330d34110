//! Bearer tokens: exchange, use, expiry (zero leeway), tampering, scopes.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{Sandbox, T0, header, problem};

async fn mint(s: &Sandbox, key: &str, body: Value) -> reqwest::Response {
    s.with_key(Method::POST, "/v1/auth/token", key).json(&body).send().await.expect("answered")
}

fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).expect("payload");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).expect("base64url")).expect("claims JSON")
}

#[tokio::test]
async fn exchange_and_use_a_token() {
    let s = Sandbox::start().await;
    let r = mint(&s, &s.keys.free, json!({})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.expect("json");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["scope"], "resources:read resources:write projects:read");
    let token = body["access_token"].as_str().expect("token").to_owned();
    let header_json: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(token.split('.').next().expect("header")).expect("b64"))
            .expect("json");
    assert_eq!(header_json["alg"], "HS256");
    let c = claims(&token);
    assert_eq!(c["sub"], "key_free");
    assert_eq!(c["iat"], T0);
    assert_eq!(c["exp"], T0 + 3600);
    assert_eq!(c["scope"], "resources:read resources:write projects:read");
    assert!(c["jti"].as_str().is_some_and(|j| !j.is_empty()));

    let created = s
        .request(Method::POST, "/v1/resources")
        .bearer_auth(&token)
        .json(&json!({"name": "via token"}))
        .send()
        .await
        .expect("answered");
    assert_eq!(created.status(), StatusCode::CREATED);
    // The token belongs to the key's workspace.
    let list: Value = s.get("/v1/resources", &s.keys.free).send().await.expect("answered").json().await.expect("json");
    assert_eq!(list["data"][0]["name"], "via token");

    // The key may come in the body instead.
    let r = s
        .request(Method::POST, "/v1/auth/token")
        .json(&json!({"api_key": s.keys.pro, "expires_in": 600}))
        .send()
        .await
        .expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.expect("json");
    assert_eq!(claims(body["access_token"].as_str().unwrap_or_default())["sub"], "key_pro");
    assert_eq!(body["expires_in"], 600);
}

#[tokio::test]
async fn a_token_expires_exactly_at_exp() {
    let s = Sandbox::start().await;
    let r = mint(&s, &s.keys.pro, json!({"expires_in": 60})).await;
    let token = r.json::<Value>().await.expect("json")["access_token"].as_str().expect("token").to_owned();
    assert_eq!(claims(&token)["exp"], T0 + 60);
    let use_it = || s.request(Method::GET, "/v1/resources").bearer_auth(&token).send();

    s.clock.advance(Duration::from_millis(59_999));
    assert_eq!(use_it().await.expect("answered").status(), StatusCode::OK, "still valid just before exp");
    s.clock.advance(Duration::from_millis(1));
    let r = use_it().await.expect("answered");
    let challenge = header(&r, "www-authenticate").unwrap_or_default().to_owned();
    assert!(challenge.contains("error=\"invalid_token\""), "{challenge}");
    let p = problem(r, 401, "token_expired").await;
    assert_eq!(p["param"], "Authorization");
}

#[tokio::test]
async fn tampered_foreign_and_recursive_tokens_are_refused() {
    let s = Sandbox::start().await;
    let token = mint(&s, &s.keys.read_only, json!({})).await.json::<Value>().await.expect("json")["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    // Claim more scope without re-signing.
    let mut c = claims(&token);
    c["scope"] = json!("resources:read resources:write");
    let parts: Vec<&str> = token.split('.').collect();
    let forged = format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(c.to_string()), parts[2]);
    let r = s
        .request(Method::POST, "/v1/resources")
        .bearer_auth(&forged)
        .json(&json!({"name": "x"}))
        .send()
        .await
        .expect("answered");
    problem(r, 401, "invalid_credentials").await;

    // A token signed by another sandbox instance.
    let other = Sandbox::start().await;
    let theirs = mint(&other, &other.keys.free, json!({})).await.json::<Value>().await.expect("json")["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let r = s.request(Method::GET, "/v1/resources").bearer_auth(&theirs).send().await.expect("answered");
    problem(r, 401, "invalid_credentials").await;

    // A token cannot mint a token.
    let r = s.request(Method::POST, "/v1/auth/token").bearer_auth(&token).send().await.expect("answered");
    problem(r, 401, "invalid_credentials").await;
}

#[tokio::test]
async fn token_request_validation_and_scopes() {
    let s = Sandbox::start().await;
    for (body, param) in [
        (json!({"expires_in": 59}), "expires_in"),
        (json!({"expires_in": 3601}), "expires_in"),
        (json!({"expires_in": "60"}), "expires_in"),
        (json!({"scope": "admin"}), "scope"),
        (json!({"api_key": "not-a-key"}), "api_key"),
        (json!({"lifetime": 60}), "lifetime"),
    ] {
        let p = problem(mint(&s, &s.keys.pro, body.clone()).await, 400, "validation_failed").await;
        assert_eq!(p["param"], param, "{body}");
    }
    let r = s.request(Method::POST, "/v1/auth/token").send().await.expect("answered");
    problem(r, 401, "missing_credentials").await;
    let r = s
        .request(Method::POST, "/v1/auth/token")
        .json(&json!({"api_key": "sk_live_00000000000000000000000000000000"}))
        .send()
        .await
        .expect("answered");
    assert_eq!(problem(r, 401, "invalid_credentials").await["param"], "api_key");

    // A narrower token is refused what it did not ask for.
    let r = mint(&s, &s.keys.pro, json!({"scope": "resources:read"})).await;
    let body: Value = r.json().await.expect("json");
    assert_eq!(body["scope"], "resources:read");
    let token = body["access_token"].as_str().expect("token").to_owned();
    let r = s.request(Method::GET, "/v1/resources").bearer_auth(&token).send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
    let r = s
        .request(Method::POST, "/v1/resources")
        .bearer_auth(&token)
        .json(&json!({"name": "x"}))
        .send()
        .await
        .expect("answered");
    problem(r, 403, "insufficient_scope").await;

    // A key cannot grant a scope it lacks.
    let r = mint(&s, &s.keys.read_only, json!({"scope": "resources:read resources:write"})).await;
    assert_eq!(problem(r, 400, "validation_failed").await["param"], "scope");
}

#[tokio::test]
async fn tokens_survive_a_restart_of_a_file_backed_sandbox() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sandbox.db");
    let first = Sandbox::start_with(sandbox::Config::file(&db)).await;
    let token = mint(&first, &first.keys.free, json!({})).await.json::<Value>().await.expect("json")["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let keys = first.keys.clone();
    first.server.stop().await;
    let second = Sandbox::start_with(sandbox::Config::file(&db)).await;
    assert_eq!(second.keys, keys, "keys are kept");
    let r = second.request(Method::GET, "/v1/resources").bearer_auth(&token).send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK, "the signing secret is kept");
}

#[tokio::test]
async fn the_exchange_is_idempotent_like_every_post() {
    let s = Sandbox::start().await;
    let exchange = |body: Value| {
        s.with_key(Method::POST, "/v1/auth/token", &s.keys.pro).header("Idempotency-Key", "token-1").json(&body).send()
    };
    let first = exchange(json!({"expires_in": 600})).await.expect("answered");
    assert_eq!(first.status(), StatusCode::OK);
    let first: Value = first.json().await.expect("json");
    let again = exchange(json!({"expires_in": 600})).await.expect("answered");
    assert_eq!(header(&again, "idempotent-replayed"), Some("true"));
    assert_eq!(again.json::<Value>().await.expect("json"), first, "the same token");
    problem(exchange(json!({"expires_in": 900})).await.expect("answered"), 422, "idempotency_mismatch").await;

    // Once the token has expired its replay is gone: the same request mints
    // a fresh token instead of handing back a dead one.
    s.clock.advance(Duration::from_secs(600));
    let later = exchange(json!({"expires_in": 600})).await.expect("answered");
    assert_eq!(later.status(), StatusCode::OK);
    assert_eq!(header(&later, "idempotent-replayed"), None);
    let later: Value = later.json().await.expect("json");
    assert_ne!(later["access_token"], first["access_token"]);
    let token = later["access_token"].as_str().expect("token");
    let r = s.request(Method::GET, "/v1/resources").bearer_auth(token).send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK, "the replayed exchange gives a live token");
}

#[tokio::test]
async fn the_database_file_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let mode = |name: &str| std::fs::metadata(dir.path().join(name)).map(|m| m.permissions().mode() & 0o777).ok();
    let db = dir.path().join("sandbox.db");
    let s = Sandbox::start_with(sandbox::Config::file(&db)).await;
    mint(&s, &s.keys.free, json!({})).await;
    assert_eq!(mode("sandbox.db"), Some(0o600));
    for side in ["sandbox.db-wal", "sandbox.db-shm"] {
        assert!(mode(side).is_none_or(|m| m == 0o600), "{side}: {:o}", mode(side).unwrap_or(0));
    }
    s.server.stop().await;
    // A database left readable by others is narrowed when opened.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let again = Sandbox::start_with(sandbox::Config::file(&db)).await;
    assert_eq!(mode("sandbox.db"), Some(0o600));
    again.server.stop().await;
}

#[tokio::test]
async fn a_replayed_401_still_carries_its_challenge() {
    let s = Sandbox::start().await;
    let send = || {
        s.with_key(Method::POST, "/v1/auth/token", &s.keys.pro)
            .header("Idempotency-Key", "mixed-keys")
            .json(&json!({"api_key": s.keys.free}))
            .send()
    };
    let first = send().await.expect("answered");
    assert!(header(&first, "www-authenticate").is_some_and(|c| c.contains("invalid_token")));
    assert_eq!(problem(first, 401, "invalid_credentials").await["param"], "api_key");
    let replay = send().await.expect("answered");
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(header(&replay, "idempotent-replayed"), Some("true"));
    assert!(header(&replay, "www-authenticate").is_some_and(|c| c.contains("invalid_token")));
}
