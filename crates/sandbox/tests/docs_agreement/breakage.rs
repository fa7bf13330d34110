//! Every assertion can fail: each side is broken on purpose and the
//! difference must be reported, naming the operation and what changed.

use explorer_core::operation::{Auth, Location, Operation};
use serde_json::{Value, json};

use crate::compare::compare;
use crate::contract::{Contract, DOCS, EXPORT, SANDBOX, from_docs, from_openapi, load_docs, served};

/// Removes `key` from the object `value`.
pub fn remove_key(value: &mut Value, key: &str) {
    let object = value.as_object_mut().unwrap_or_else(|| panic!("test setup: no object to remove `{key}` from"));
    assert!(object.remove(key).is_some(), "test setup: `{key}` is not there to remove");
}

pub fn new_differences(left: &Contract, right: &Contract, baseline: &[String]) -> Vec<String> {
    compare(DOCS, left, SANDBOX, right).into_iter().map(|d| d.message).filter(|m| !baseline.contains(m)).collect()
}

pub fn expect_caught(case: &str, found: &[String], expected: &[&str]) {
    for wanted in expected {
        assert!(
            found.iter().any(|m| m.contains(wanted)),
            "{case}: expected a difference containing {wanted:?}, got {found:#?}"
        );
    }
}

#[test]
fn a_broken_sandbox_document_is_caught() {
    let docs = from_docs(&load_docs());
    let doc = served();
    let baseline: Vec<String> =
        compare(DOCS, &docs, SANDBOX, &from_openapi(&doc)).into_iter().map(|d| d.message).collect();
    type Break = fn(&mut Value);
    let cases: Vec<(&str, Break, &[&str])> = vec![
        (
            "an operation removed",
            |d| remove_key(&mut d["paths"]["/v1/projects"], "get"),
            &[
                "GET /v1/projects (list-projects, content/reference/list-projects.md:",
                "is in the docs but not in /openapi.json",
            ],
        ),
        (
            "an operation added",
            |d| {
                d["paths"]["/v1/widgets"] =
                    json!({"get": {"operationId": "list-widgets", "responses": {"200": {"description": "Widgets."}}}})
            },
            &["GET /v1/widgets (list-widgets) is in /openapi.json but not in the docs"],
        ),
        (
            "an operation id changed",
            |d| d["paths"]["/v2/ping"]["get"]["operationId"] = json!("ping-v2"),
            &[
                "GET /v2/ping (ping, content/reference/ping.md:",
                "operationId differs: in the docs `ping`, in /openapi.json `ping-v2`",
            ],
        ),
        (
            "deprecation dropped",
            |d| remove_key(&mut d["paths"]["/v1/ping"]["get"], "deprecated"),
            &["GET /v1/ping (ping-v1", "deprecated differs: in the docs true, in /openapi.json false"],
        ),
        (
            "a scope changed",
            |d| {
                d["paths"]["/v1/projects"]["get"]["security"] =
                    json!([{"api_key": ["resources:read"]}, {"bearer": ["resources:read"]}])
            },
            &[
                "GET /v1/projects (list-projects",
                "scopes differs: in the docs projects:read, in /openapi.json resources:read",
            ],
        ),
        (
            "a parameter renamed",
            |d| d["paths"]["/v1/resources"]["get"]["parameters"][0]["name"] = json!("page_size"),
            &[
                "GET /v1/resources (list-resources, content/reference/list-resources.md:",
                "query parameter `limit` is in the docs but not in /openapi.json",
                "query parameter `page_size` is in /openapi.json but not in the docs",
            ],
        ),
        (
            "a header made required",
            |d| {
                for p in d["paths"]["/v1/events"]["get"]["parameters"].as_array_mut().into_iter().flatten() {
                    if p["name"] == "Last-Event-ID" {
                        p["required"] = json!(true);
                    }
                }
            },
            &["header parameter `Last-Event-ID`: required differs: in the docs optional, in /openapi.json required"],
        ),
        (
            "a type changed",
            |d| d["paths"]["/v1/resources"]["get"]["parameters"][0]["schema"]["type"] = json!("string"),
            &["query parameter `limit`: type differs: in the docs `integer`, in /openapi.json `string`"],
        ),
        (
            "an enum value dropped (behind a $ref)",
            |d| d["components"]["schemas"]["ResourceStatus"]["enum"] = json!(["active"]),
            &[
                "query parameter `status`: enum values differs: in the docs `active|archived`, in /openapi.json `active`",
            ],
        ),
        (
            "a limit changed",
            |d| d["components"]["schemas"]["CreateResource"]["properties"]["name"]["maxLength"] = json!(81),
            &[
                "POST /v1/resources (create-resource",
                "body parameter `name`: maxLength differs: in the docs `80`, in /openapi.json `81`",
            ],
        ),
        (
            "a pattern changed",
            |d| {
                d["paths"]["/v1/resources/{id}"]["get"]["parameters"][0]["schema"]["pattern"] =
                    json!("^res_[a-z0-9]{16}$")
            },
            &[
                "path parameter `id`: pattern differs: in the docs `^res_[a-z0-9]{1,32}$`, in /openapi.json `^res_[a-z0-9]{16}$`",
            ],
        ),
        (
            "a default dropped",
            |d| remove_key(&mut d["components"]["schemas"]["TokenRequest"]["properties"]["expires_in"], "default"),
            &["body parameter `expires_in`: default differs: in the docs `3600`, in /openapi.json nothing"],
        ),
        (
            "a body field made optional",
            |d| d["components"]["schemas"]["CreateResource"]["required"] = json!([]),
            &["body parameter `name`: required differs: in the docs required, in /openapi.json optional"],
        ),
        (
            "a status removed and one added",
            |d| {
                let responses = &mut d["paths"]["/v1/resources"]["post"]["responses"];
                remove_key(responses, "413");
                responses["418"] = json!({"description": "A teapot."});
            },
            &[
                "POST /v1/resources (create-resource, content/reference/create-resource.md:",
                "response 413 is in the docs but not in /openapi.json",
                "response 418 is in /openapi.json but not in the docs",
            ],
        ),
        (
            "an optional credential made required",
            |d| d["paths"]["/v2/ping"]["get"]["security"] = json!([{"api_key": []}, {"bearer": []}]),
            &[
                "GET /v2/ping (ping, content/reference/ping.md:",
                "credential differs: in the docs optional, in /openapi.json required",
            ],
        ),
        (
            "idempotency dropped",
            |d| {
                if let Some(params) = d["paths"]["/v1/resources/{id}"]["delete"]["parameters"].as_array_mut() {
                    params.retain(|p| p["name"] != "Idempotency-Key");
                }
            },
            &[
                "DELETE /v1/resources/{id} (delete-resource",
                "idempotent differs: in the docs true, in /openapi.json false",
            ],
        ),
        (
            "the update body made optional",
            |d| d["paths"]["/v1/resources/{id}"]["patch"]["requestBody"]["required"] = json!(false),
            &[
                "PATCH /v1/resources/{id} (update-resource",
                "request body differs: in the docs required, in /openapi.json optional",
            ],
        ),
        (
            "a code the docs do not name",
            |d| {
                d["paths"]["/v1/resources/{id}"]["get"]["responses"]["404"]["description"] =
                    json!("Gone (`method_not_allowed`).")
            },
            &[
                "GET /v1/resources/{id} (get-resource",
                "response 404 code `method_not_allowed` is named in /openapi.json but not in the docs",
            ],
        ),
        (
            "a documented response header removed",
            |d| remove_key(&mut d["paths"]["/v1/resources"]["post"]["responses"]["201"]["headers"], "Location"),
            &["response 201 header `Location` is declared in the docs but not in /openapi.json"],
        ),
    ];
    for (case, break_it, expected) in cases {
        let mut broken = doc.clone();
        break_it(&mut broken);
        let found = new_differences(&docs, &from_openapi(&broken), &baseline);
        expect_caught(case, &found, expected);
    }
}

#[test]
fn broken_docs_are_caught() {
    let docs = load_docs();
    let doc = from_openapi(&served());
    let baseline: Vec<String> =
        compare(DOCS, &from_docs(&docs), SANDBOX, &doc).into_iter().map(|d| d.message).collect();
    type Break = fn(&mut Operation);
    let cases: Vec<(&str, &str, Break, &[&str])> = vec![
        (
            "a parameter left out",
            "list-resources",
            |op| op.params.retain(|p| p.name != "cursor"),
            &["query parameter `cursor` is in /openapi.json but not in the docs"],
        ),
        (
            "a header with another type",
            "stream-events",
            |op| {
                if let Some(p) =
                    op.params.iter_mut().find(|p| p.location == Location::Header && p.name == "Last-Event-ID")
                {
                    p.ty = explorer_core::operation::ParamType::Integer;
                    p.constraints.pattern = None;
                }
            },
            &[
                "header parameter `Last-Event-ID`: type differs: in the docs `integer`, in /openapi.json `string`",
                "header parameter `Last-Event-ID`: pattern differs: in the docs nothing, in /openapi.json `^[0-9]{1,18}$`",
            ],
        ),
        (
            "a credential documented as not read",
            "ping",
            |op| op.auth = Auth::None,
            &["GET /v2/ping (ping", "credential differs: in the docs none, in /openapi.json optional"],
        ),
        (
            "a status left out",
            "update-resource",
            |op| op.responses.retain(|r| r.status != 413),
            &["PATCH /v1/resources/{id} (update-resource", "response 413 is in /openapi.json but not in the docs"],
        ),
        (
            "an operation moved",
            "get-project-status",
            |op| op.path = "/v1/projects/{id}/status".to_owned(),
            &[
                "GET /v1/projects/{id}/status (get-project-status, content/reference/get-project-status.md:",
                "is in the docs but not in /openapi.json",
                "GET /v2/projects/{id}/status (get-project-status) is in /openapi.json but not in the docs",
            ],
        ),
    ];
    for (case, id, break_it, expected) in cases {
        let mut broken = docs.clone();
        let op = broken.pages.iter_mut().find_map(|p| p.operation.as_mut().filter(|o| o.id == id));
        break_it(op.unwrap_or_else(|| panic!("test setup: no operation {id}")));
        let found = new_differences(&from_docs(&broken), &doc, &baseline);
        expect_caught(case, &found, expected);
    }
}

#[test]
fn a_broken_export_or_sandbox_is_caught_by_the_export_comparison() {
    let text = explorer_core::openapi::export(&load_docs(), "http://127.0.0.1:8080");
    let export: Value = serde_json::from_str(&text).expect("the export is JSON");
    let sandbox = served();
    let messages = |export: &Value, sandbox: &Value| -> Vec<String> {
        compare(EXPORT, &from_openapi(export), SANDBOX, &from_openapi(sandbox)).into_iter().map(|d| d.message).collect()
    };
    let baseline = messages(&export, &sandbox);

    let mut broken = sandbox.clone();
    broken["paths"]["/v1/auth/token"]["post"]["requestBody"]["required"] = json!(true);
    let found: Vec<String> = messages(&export, &broken).into_iter().filter(|m| !baseline.contains(m)).collect();
    expect_caught(
        "the token body made required",
        &found,
        &[
            "POST /v1/auth/token (create-token): request body differs: in the docs' OpenAPI export optional, in /openapi.json required",
        ],
    );

    let mut broken = export.clone();
    if let Some(params) = broken["paths"]["/v1/events"]["get"]["parameters"].as_array_mut() {
        params.retain(|p| p["name"] != "Last-Event-ID");
    }
    remove_key(&mut broken["paths"]["/v2/ping"]["get"]["responses"], "429");
    let found: Vec<String> = messages(&broken, &sandbox).into_iter().filter(|m| !baseline.contains(m)).collect();
    expect_caught(
        "a header and a status lost in the export",
        &found,
        &[
            "GET /v1/events (stream-events): header parameter `Last-Event-ID` is in /openapi.json but not in the docs' OpenAPI export",
            "GET /v2/ping (ping): response 429 is in /openapi.json but not in the docs' OpenAPI export",
        ],
    );
}
