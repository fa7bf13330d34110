//! Try-it's example fill, sent to a real sandbox.

use std::time::Duration;

use explorer_core::operation::Location;
use explorer_core::request::{Credential, build, example_draft};
use serde_json::Value;

use crate::contract::load_docs;

/// What try-it sends when the reader clicks "example" (explorer-core's
/// `example_draft`, with the pro demo key) gets a status the docs list for
/// that operation. In particular the docs' shortened resource ids
/// (`res_8f2a`) are well-formed: get, update and delete answer 404, not 400.
#[tokio::test]
async fn every_operation_filled_with_its_examples_gets_a_documented_status() {
    let docs = load_docs();
    let server = sandbox::spawn(sandbox::Config::in_memory(), "127.0.0.1:0".parse().expect("address"))
        .await
        .expect("the sandbox starts");
    let key = server.state.seeded_keys().pro;
    let client = reqwest::Client::builder().no_proxy().timeout(Duration::from_secs(30)).build().expect("client");
    let mut problems = Vec::new();
    for op in docs.operations() {
        let draft = example_draft(op);
        let request = build(op, &draft, &server.url(), &Credential::ApiKey(key.clone()), None)
            .unwrap_or_else(|e| panic!("{}: the example fill cannot be sent: {e}", op.id));
        let method = reqwest::Method::from_bytes(request.method.as_str().as_bytes()).expect("method");
        let mut builder = client.request(method, &request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let response = builder.send().await.unwrap_or_else(|e| panic!("{}: {e}", op.id));
        let status = response.status().as_u16();
        let streaming = op.streaming;
        let body: Value = if streaming { Value::Null } else { response.json().await.unwrap_or(Value::Null) };
        let line = format!("{} {} ({}): {status} {body}", op.method, request.url, op.id);
        if op.response(status).is_none() {
            problems.push(format!("{line}: the docs do not list {status}"));
        }
        let path_params: Vec<&str> = op.params_in(Location::Path).map(|p| p.name.as_str()).collect();
        if status == 400 && body["param"].as_str().is_some_and(|p| path_params.contains(&p)) {
            let param = body["param"].as_str().unwrap_or_default();
            problems.push(format!("{line}: the documented example of `{param}` is refused as malformed"));
        }
        if ["get-resource", "update-resource", "delete-resource"].contains(&op.id.as_str()) && status != 404 {
            problems.push(format!("{line}: an unknown but well-formed id must get 404"));
        }
    }
    server.stop().await;
    assert!(problems.is_empty(), "the example fill:\n{}", problems.join("\n"));
}
