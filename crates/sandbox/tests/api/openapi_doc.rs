//! The OpenAPI document describes what the server does.

use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::common::{Sandbox, header};

const OPERATIONS: [(&str, &str, &str); 12] = [
    ("get", "/v2/ping", "ping"),
    ("get", "/v1/ping", "ping-v1"),
    ("post", "/v1/auth/token", "create-token"),
    ("get", "/v1/resources", "list-resources"),
    ("post", "/v1/resources", "create-resource"),
    ("get", "/v1/resources/{id}", "get-resource"),
    ("patch", "/v1/resources/{id}", "update-resource"),
    ("delete", "/v1/resources/{id}", "delete-resource"),
    ("get", "/v1/projects", "list-projects"),
    ("get", "/v2/projects/{id}/status", "get-project-status"),
    ("get", "/v1/events", "stream-events"),
    ("get", "/sandbox/keys", "list-demo-keys"),
];

#[tokio::test]
async fn served_document_lists_every_operation() {
    let s = Sandbox::start().await;
    let r = s.request(Method::GET, "/openapi.json").send().await.expect("answered");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(header(&r, "content-type"), Some("application/json"));
    let doc: Value = r.json().await.expect("json");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.1")));
    let mut count = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("item") {
            count += 1;
            let id = op["operationId"].as_str().unwrap_or_default();
            assert!(
                OPERATIONS.contains(&(method.as_str(), path.as_str(), id)),
                "undocumented here: {method} {path} {id}"
            );
            let responses = op["responses"].as_object().expect("responses");
            for (status, response) in responses {
                assert!(response["headers"]["X-Request-Id"]["required"] == true, "{id} {status}");
                if status.starts_with('4') || status.starts_with('5') {
                    assert!(response["content"]["application/problem+json"].is_object(), "{id} {status}");
                }
            }
        }
    }
    assert_eq!(count, OPERATIONS.len());
    assert_eq!(doc["paths"]["/v1/ping"]["get"]["deprecated"], true);
    assert_eq!(doc["paths"]["/v1/resources"]["post"]["responses"]["201"]["headers"]["Location"]["required"], true);
    assert_eq!(doc["paths"]["/v1/resources"]["get"]["responses"]["429"]["headers"]["Retry-After"]["required"], true);
    assert!(doc["components"]["securitySchemes"]["api_key"].is_object());
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    assert_eq!(doc, sandbox::openapi::document(), "served = generated");
}

/// The document states the expected limits, and its patterns are the very
/// constants the validators use. This reads the document only; the server's
/// answers at those limits are checked in status_codes.rs.
#[tokio::test]
async fn documented_limits_and_patterns_are_the_validators() {
    let doc = sandbox::openapi::document();
    let param = |path: &str, name: &str| -> Value {
        doc["paths"][path]["get"]["parameters"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["name"] == name).cloned())
            .unwrap_or(Value::Null)
    };
    assert_eq!(param("/v1/resources", "limit")["schema"]["minimum"], 1);
    assert_eq!(param("/v1/resources", "limit")["schema"]["maximum"], 100);
    assert_eq!(param("/v1/resources", "limit")["schema"]["default"], 20);
    assert_eq!(param("/v1/projects", "limit")["schema"]["default"], 20);
    assert_eq!(param("/v1/resources", "cursor")["schema"]["pattern"], sandbox::ids::CURSOR_PATTERN);
    assert_eq!(param("/v1/resources/{id}", "id")["schema"]["pattern"], sandbox::ids::RESOURCE_ID_PATTERN);
    let create = &doc["components"]["schemas"]["CreateResource"];
    assert_eq!(create["properties"]["name"]["maxLength"], 80);
    assert_eq!(create["properties"]["region"]["pattern"], sandbox::input::REGION_PATTERN);
    assert_eq!(create["additionalProperties"], false);
}
